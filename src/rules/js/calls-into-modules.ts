import type * as t from '@babel/types';
import type { RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { callerSide, reportCallIntoModule } from '../shared/module-calls';

export { MODULES } from '../shared/module-calls';

/** Specifiers of the workspace's own modules: relative, or a tsconfig `paths` alias by the usual prefixes (`@/`, `~/`, `#`). */
const WORKSPACE_SPECIFIER = /^(?:\.{1,2}\/|@\/|~\/|#)/;

/**
 * Adds to a rule's visitors the check of calls into the workspace's own modules: when a call to a
 * function imported from a relative module (`import { ls } from './lib/ls'`, `require('./db').find`)
 * passes request data, command-line input or model output, the module service says whether that
 * parameter reaches one of this rule's sinks there; if so, the rule reports at the argument with
 * `messageId` (see `reportCallIntoModule`). Works whatever the rule's own pre-filter decided, since the
 * sink is elsewhere.
 */
export function withCallsIntoModules(context: RuleContext<JsHelpers>, visitors: Visitors<JsNode>, messageId = 'viaCall'): Visitors<JsNode> {
  const { lang } = context;
  const check = (node: JsNode): void => {
    const call = node as t.CallExpression & JsNode;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return;
    const ref = lang.resolve(callee);
    if (!ref?.module || !WORKSPACE_SPECIFIER.test(ref.module) || ref.path.length > 1) return;
    for (const [i, arg] of (call.arguments as JsNode[]).entries()) {
      // Past a spread, positions are unknown.
      if (arg.type === 'SpreadElement') return;
      const taint = lang.taint(arg);
      if (!taint) continue;
      const at = { specifier: ref.module, name: ref.path[0] ?? 'default', paramIndex: i, argument: [arg.start!, arg.end!] as [number, number] };
      reportCallIntoModule(context, { ...at, callee: lang.describe(callee), ...callerSide(taint, lang) }, messageId);
    }
  };
  const own = visitors.CallExpression;
  return { ...visitors, CallExpression: own ? (node) => (own(node), check(node)) : check };
}
