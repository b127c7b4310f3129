import type { RuleContext } from '../../engine/rule';
import type { Range, RelatedLocation, ReportDescriptor, ReportLocation } from '../../engine/types';
import type { Taint } from '../../languages/js/flow';
import type { CallFactProperties } from '../../services/module-callers';
import { MODULES_SERVICE, type CallersAnswer, type CallersQuery, type ModuleAnswer, type ModuleQuery } from '../../services/modules';
import { flowLocations, type FlowLocation } from './flow-report';

/** What a rule adds to `meta.requires` to follow calls into workspace modules. */
export const MODULES = MODULES_SERVICE;

/** A call from this file into a function of a workspace module, with one untrusted argument. */
export interface ModuleCall {
  /** The module as the import names it: `./lib/ls`, `@/db` (JS/TS); `.lib`, `app.utils` (Python). */
  specifier: string;
  /** The function's exported name (`default` for a JS default export). */
  name: string;
  /** The argument's position among the function's parameters; -1 for a keyword argument (see {@link parameterName}). */
  paramIndex: number;
  /** For a Python keyword argument (`run(cmd=user)`): the parameter it fills, matched by name. */
  parameterName?: string;
  /** The argument's range in this file. */
  argument: Range;
  /** How the callee is written (`ls`, `db.find`), for messages. */
  callee: string;
  /** Where the argument's value comes from in this file, as flow locations (see `flowLocations`). */
  flow: FlowLocation[];
  /** The source's description for the message. */
  source: string;
  /**
   * When the argument is a parameter of this file's own exported function (`parameterFacts` of the taint):
   * the finding is then a fact for the callers of that function, reported at `warning` and only as a
   * summary, so that a call into this file from a third one is followed through here.
   */
  parameter?: Record<string, string | number>;
}

/**
 * Asks the module service whether the called function's parameter reaches one of this rule's sinks in its
 * module; for each sink, reports at the argument with `messageId` (data: `source`, `callee`, `file`,
 * `line`), the flow running from the source here to the sink there (through the modules the called one
 * passes the value on to, when it does). One mechanism for every language.
 */
export function reportCallIntoModule(context: RuleContext<unknown>, call: ModuleCall, messageId = 'viaCall'): void {
  const query: ModuleQuery = {
    file: context.file,
    specifier: call.specifier,
    name: call.name,
    paramIndex: call.paramIndex,
    ...(call.parameterName !== undefined ? { parameter: call.parameterName } : {}),
    ruleId: context.ruleId,
  };
  context.ask<ModuleAnswer | null>(MODULES_SERVICE, query, (answer) => {
    for (const sink of answer?.sinks ?? []) {
      // Steps in a module the called one calls in turn already name their file (relative to this one's folder).
      const inModule = (l: RelatedLocation): ReportLocation => (l.file !== undefined ? l : { ...l, message: `${l.message} (${answer!.file})`, file: answer!.file });
      // A sink that hands the value on to another module ends its flow there; else the sink is the module's finding.
      const onward = sink.flow.length > 0 && sink.flow[sink.flow.length - 1].file !== undefined;
      context.report({
        range: call.argument,
        messageId,
        data: { source: call.source, callee: call.callee, file: answer!.file, line: sink.start.line },
        flow: [
          ...call.flow,
          { message: `Passed to ${call.callee}() here`, range: call.argument },
          ...sink.flow.map(inModule),
          ...(onward ? [] : [inModule({ message: 'It reaches the sink here', range: sink.range, start: sink.start, end: sink.end })]),
        ],
        ...(call.parameter ? { severity: 'warning' as const, properties: call.parameter, summaryOnly: true } : {}),
      });
    }
  });
}

/** {@link ModuleCall.flow} and {@link ModuleCall.source} of a taint found by a language's flow. */
export function callerSide<N>(taint: Taint<N>, place: { range(node: N): Range; describe(node: N): string }): Pick<ModuleCall, 'flow' | 'source'> {
  return { flow: flowLocations(taint, place), source: taint.description };
}

/**
 * One call from this file into a function of a module that may be the workspace's own, or a use of such a
 * function otherwise than a call (`escapes`: a callback, a re-export, the module object passed on): what the
 * module service counts when the file is searched for the callers of that function.
 */
export interface CallFact {
  range: Range;
  /** The module as imported here (`./lib/shell`, `app.utils`). */
  specifier: string;
  /** The export (`default` for a JS default export), `*` for the whole module used as a value. */
  name: string;
  /** Whether each positional argument is safe (see {@link CallFactProperties.callArguments}); empty for a use. */
  positional: boolean[];
  /** A spread (`...args`, `*args`) hides the positions after those listed. */
  spread: boolean;
  /** Python keyword arguments by name: whether each is safe. */
  keywords: ReadonlyMap<string, boolean>;
  /** A `**kwargs` hides other keywords. */
  anyKeyword: boolean;
  escapes: boolean;
}

/** A use of a module's function (or of the module, `name` `*`) otherwise than a call: its callers become unknown. */
export function escapingUse(range: Range, specifier: string, name: string): CallFact {
  return { range, specifier, name, positional: [], spread: false, keywords: new Map(), anyKeyword: false, escapes: true };
}

/**
 * Reports a file's call facts as summary findings (kept only when the file is analysed for summaries,
 * never shown) with `messageId` of the rule, so that the module service can answer, for a function of
 * another file, what its callers pass (see {@link callersDecide}).
 */
export function reportCallFacts(context: RuleContext<unknown>, facts: readonly CallFact[], messageId = 'viaCall'): void {
  for (const f of facts) {
    const properties: CallFactProperties = { callModule: f.specifier, callName: f.name };
    if (f.escapes) properties.callEscapes = true;
    else {
      properties.callArguments = f.positional.map((safe) => (safe ? 's' : 'x')).join('') + (f.spread ? '*' : '');
      const keywords = [...f.keywords].map(([name, safe]) => `${name}=${safe ? 's' : 'x'}`);
      if (f.anyKeyword) keywords.push('**');
      if (keywords.length > 0) properties.callKeywords = keywords.join(',');
    }
    context.report({
      range: f.range,
      messageId,
      data: { source: 'A value', callee: f.name, file: f.specifier, line: 0 },
      summaryOnly: true,
      properties: { ...properties },
    });
  }
}

/**
 * What a file knows of the callers of one of its functions: how many calls it makes itself, and whether
 * one of them may pass an unsafe value (or the function is used otherwise than called, so its callers are
 * not all known).
 */
export interface LocalCallers {
  calls: number;
  unsafe: boolean;
}

/**
 * How a finding whose source is a parameter of an exported function is reported (the fields to add to
 * its report): the callers decide. When the file's own calls may pass unsafe values, or the callers cannot
 * be found by the function's name (`local` null: a method, props), it is reported as it is. Otherwise it is
 * held for the module service (see `ReportDescriptor.hold`), which looks for the calls in the other files
 * of the workspace: shown when one of them passes an untrusted value or a parameter of its own, or when
 * the function has no caller at all (a library's callers are outside the workspace), or when the workspace
 * could not be searched within its budget; not shown when every call passes a constant or a safe value.
 * Without an answer (no workspace: a snippet, a synchronous analysis), the calls in the file decide.
 */
export function callersDecide(facts: Record<string, string | number> | undefined, local: LocalCallers | null): Pick<ReportDescriptor, 'hold'> {
  const name = facts?.parameterImportedAs;
  // A method's callers (`repo.find(…)`) cannot be found by name: the warning stays.
  if (!facts || typeof name !== 'string' || name.includes('.') || !local || local.unsafe) return {};
  const query: Omit<CallersQuery, 'file' | 'ruleId'> = { callers: true, name, paramIndex: Number(facts.parameterIndex), parameter: String(facts.parameter) };
  const hide = (answer: unknown): boolean => {
    const a = answer as CallersAnswer | null | undefined;
    if (!a) return local.calls > 0;
    return !a.unsafe && local.calls + a.calls > 0;
  };
  return { hold: { service: MODULES_SERVICE, query, hide } };
}
