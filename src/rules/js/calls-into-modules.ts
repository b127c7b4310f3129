import type * as t from '@babel/types';
import { builtinModules } from 'node:module';
import type { RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import type { Taint } from '../../languages/js/flow';
import { CALLER_PARAMETERS, parameterFacts } from '../shared/flow-report';
import { callerSide, reportCallIntoModule } from '../shared/module-calls';

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
 * summary, so that calls into this file are followed through it. Works whatever the rule's own pre-filter
 * decided, since the sink is elsewhere.
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
  return { ...visitors, CallExpression: own ? (node) => (own(node), check(node)) : check };
}

/** A parameter of an exported function that other modules can call by name (the facts callers are matched by). */
function callerParameter(taint: Taint | null): Taint | null {
  return taint?.kind === 'param' && taint.parameter?.importedAs ? taint : null;
}
