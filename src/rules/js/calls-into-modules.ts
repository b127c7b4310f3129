import type * as t from '@babel/types';
import { builtinModules } from 'node:module';
import type { RuleContext } from '../../engine/rule';
import type { ReportDescriptor, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import { isCallee, isReference } from '../../languages/js/callers';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { enclosingFunction } from '../../languages/js/scope';
import type { Taint } from '../../languages/js/flow';
import { isPopularPackage } from '../../services/typosquat';
import { CALLER_PARAMETERS, parameterFacts, severityFor, summaryOnly } from '../shared/flow-report';
import { callersDecide, callerSide, escapingUse, reportCallFacts, reportCallIntoModule, type CallFact } from '../shared/module-calls';

export { MODULES } from '../shared/module-calls';

/**
 * Node's own modules: never the workspace's. Every other specifier may be: relative, a tsconfig `paths`
 * alias, or a bare name the module service looks up among the workspace's packages (`@acme/utils`).
 */
const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * Adds to a rule's visitors the check of calls into the workspace's own modules: when a call to a
 * function imported from a module of the workspace (`import { ls } from './lib/ls'`, `require('./db').find`,
 * `import { run } from '@acme/utils'`) passes request data, command-line input or model output, the module
 * service says whether that parameter reaches one of this rule's sinks there; if so, the rule reports at the
 * argument with `messageId` (see `reportCallIntoModule`). When the file is analysed for its callers
 * (`context.summaries`), a parameter of its own exported function passed on counts too, reported as a
 * summary, so that calls into this file are followed through it; and what each call into a module passes is
 * reported as a call fact (see `reportCallFacts`), so that the callers of a function can decide about a
 * finding on its parameter. Works whatever the rule's own pre-filter decided, since the sink is elsewhere.
 */
export function withCallsIntoModules(context: RuleContext<JsHelpers>, visitors: Visitors<JsNode>, messageId = 'viaCall'): Visitors<JsNode> {
  const { lang } = context;
  const check = (node: JsNode): void => {
    const call = node as t.CallExpression & JsNode;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return;
    const ref = lang.resolve(callee);
    if (!ref?.module || ref.module.startsWith('node:') || NODE_BUILTINS.has(ref.module) || ref.path.length > 1) return;
    for (const [i, arg] of (call.arguments as JsNode[]).entries()) {
      // Past a spread, positions are unknown.
      if (arg.type === 'SpreadElement') return;
      const taint = lang.taint(arg) ?? (context.summaries ? callerParameter(lang.taint(arg, CALLER_PARAMETERS)) : null);
      if (!taint) continue;
      const at = { specifier: ref.module, name: ref.path[0] ?? 'default', paramIndex: i, argument: [arg.start!, arg.end!] as [number, number] };
      const parameter = taint.kind === 'param' ? parameterFacts(taint) : undefined;
      reportCallIntoModule(context, { ...at, callee: lang.describe(callee), ...callerSide(taint, lang), ...(parameter ? { parameter } : {}) }, messageId);
    }
  };
  const own = visitors.CallExpression;
  const withCalls = { ...visitors, CallExpression: own ? (node: JsNode) => (own(node), check(node)) : check };
  if (!context.summaries) return withCalls;
  const exit = visitors['Program:exit'];
  const facts = () => reportCallFacts(context, callFacts(lang), messageId);
  return { ...withCalls, 'Program:exit': exit ? (node) => (exit(node), facts()) : facts };
}

/** A parameter of an exported function that other modules can call by name (the facts callers are matched by). */
function callerParameter(taint: Taint | null): Taint | null {
  return taint?.kind === 'param' && taint.parameter?.importedAs ? taint : null;
}

/**
 * What a report of a JS/TS injection rule adds for its source: for a parameter of an exported function
 * (data of unknown provenance), the `warning` severity, the parameter facts, whether it is only a summary
 * (passed through unchanged) and the callers' decision (see `callersDecide`) from the calls in this file;
 * nothing for other sources.
 */
export function parameterReport(lang: JsHelpers, taint: Taint): Pick<ReportDescriptor, 'severity' | 'properties' | 'summaryOnly' | 'hold'> {
  const facts = parameterFacts(taint);
  const report = { severity: severityFor(taint), properties: facts, summaryOnly: summaryOnly(taint) };
  if (!facts || report.summaryOnly || facts.parameterImportedAs === undefined) return report;
  const fn = enclosingFunction(taint.node);
  const local = lang.flow.callers.parameterCallers(fn, taint.parameter!.index, (arg) => lang.taint(arg, CALLER_PARAMETERS) === null);
  return { ...report, ...callersDecide(facts, local) };
}

/** The call facts of a file, computed once for all rules. */
const factsByFile = new WeakMap<JsHelpers, CallFact[]>();

/**
 * Every call from this file into a function of a module that may be the workspace's (not Node's own, not a
 * popular npm package), with whether each argument is safe: a constant, or a value in which the flow finds
 * no untrusted source and no parameter of an exported function. And every use of such a function, or of
 * the module itself, otherwise than a call: passed as a callback, stored, re-exported, imported dynamically.
 */
function callFacts(lang: JsHelpers): CallFact[] {
  let facts = factsByFile.get(lang);
  if (facts) return facts;
  facts = [];
  const program = lang.parsed.root.program as JsNode;
  const use = (node: JsNode, specifier: string, name: string): CallFact => escapingUse([node.start!, node.end!], specifier, name);
  // Names bound at the top of the file to a module or one of its exports (imports, `require`).
  const imported = new Map<string, JsNode>();
  for (const [name, binding] of lang.scopes.info(program).bindings) {
    const ref = binding.kind === 'import' || binding.kind === 'var' ? lang.resolve(binding.id) : null;
    if (ref?.module && mayBeWorkspace(ref.module)) imported.set(name, binding.id);
  }
  const nodes = lang.parsed.nodes ?? [];
  const dynamicImport = (node: JsNode, source: t.Node | undefined) => {
    const module = source?.type === 'StringLiteral' ? source.value : null;
    if (module !== null && mayBeWorkspace(module)) facts.push(use(node, module, '*'));
  };
  for (const node of nodes) {
    if (node.type === 'CallExpression' || node.type === 'OptionalCallExpression' || node.type === 'NewExpression') {
      const callee = unwrap(node.callee as JsNode);
      if (callee.type === 'Import') dynamicImport(node, node.arguments[0]);
      if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') continue;
      const ref = lang.resolve(callee);
      if (!ref?.module || !mayBeWorkspace(ref.module)) continue;
      // `lib.a.b(…)` is not followed as a call; `a` is used.
      if (ref.path.length > 1) facts.push(use(node, ref.module, ref.path[0]));
      else facts.push(callFact(lang, node, ref.module, ref.path[0] ?? 'default'));
    } else if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && node.source) {
      const module = node.source.value;
      if (!mayBeWorkspace(module)) continue;
      const names = node.type === 'ExportAllDeclaration' ? ['*'] : node.specifiers.map((s) => (s.type === 'ExportSpecifier' ? s.local.name : '*'));
      for (const name of names) facts.push(use(node, module, name));
    } else if (node.type === 'ImportExpression') {
      dynamicImport(node, node.source);
    } else if (node.type === 'Identifier' && imported.has(node.name) && imported.get(node.name) !== node && isReference(node)) {
      const found = lang.scopes.lookup(node.name, lang.scopes.chainOf(node));
      if (found?.binding.id !== imported.get(node.name)) continue;
      // The callee of a call, or the start of one (`lib.run(…)`): a call fact.
      let top: JsNode = node;
      while ((top.parent?.type === 'MemberExpression' || top.parent?.type === 'OptionalMemberExpression') && top.parent.object === top) top = top.parent as JsNode;
      if (isCallee(top)) continue;
      const ref = lang.resolve(node);
      if (!ref?.module) continue;
      const member = top !== node ? propertyName(node.parent as JsNode) : null;
      facts.push(use(node, ref.module, ref.path[0] ?? member ?? '*'));
    }
  }
  factsByFile.set(lang, facts);
  return facts;
}

/** A call's fact: whether each argument is safe, up to a spread. */
function callFact(lang: JsHelpers, call: JsNode & (t.CallExpression | t.OptionalCallExpression | t.NewExpression), specifier: string, name: string): CallFact {
  const positional: boolean[] = [];
  let spread = false;
  for (const arg of call.arguments as JsNode[]) {
    if (arg.type === 'SpreadElement') {
      spread = true;
      break;
    }
    positional.push(lang.taint(arg, CALLER_PARAMETERS) === null);
  }
  return { range: [call.start!, call.end!], specifier, name, positional, spread, keywords: new Map(), anyKeyword: false, escapes: false };
}

/** Whether a module may be one of the workspace's: not Node's own and not a popular npm package. */
function mayBeWorkspace(module: string): boolean {
  if (module.startsWith('.')) return true;
  if (module.startsWith('node:') || NODE_BUILTINS.has(module)) return false;
  const parts = module.split('/');
  const name = module.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return !isPopularPackage(name, 'npm');
}
