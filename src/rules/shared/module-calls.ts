import type { RuleContext } from '../../engine/rule';
import type { Range, RelatedLocation, ReportLocation } from '../../engine/types';
import type { Taint } from '../../languages/js/flow';
import { MODULES_SERVICE, type ModuleAnswer, type ModuleQuery } from '../../services/modules';
import { flowLocations, type FlowLocation } from './flow-report';

/** What a rule adds to `meta.requires` to follow calls into workspace modules. */
export const MODULES = MODULES_SERVICE;

/** A call from this file into a function of a workspace module, with one untrusted argument. */
export interface ModuleCall {
  /** The module as the import names it: `./lib/ls`, `@/db` (JS/TS); `.lib`, `app.utils` (Python). */
  specifier: string;
  /** The function's exported name (`default` for a JS default export). */
  name: string;
  /** The argument's position among the function's parameters. */
  paramIndex: number;
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
  const query: ModuleQuery = { file: context.file, specifier: call.specifier, name: call.name, paramIndex: call.paramIndex, ruleId: context.ruleId };
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
