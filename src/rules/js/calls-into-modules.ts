import type * as t from '@babel/types';
import type { RuleContext } from '../../engine/rule';
import type { RelatedLocation, ReportLocation, Visitors } from '../../engine/types';
import { unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { MODULES_SERVICE, type ModuleAnswer, type ModuleQuery } from '../../services/modules';
import { flowLocations } from '../shared/flow-report';

/** Specifiers of the workspace's own modules: relative, or a tsconfig `paths` alias by the usual prefixes (`@/`, `~/`, `#`). */
const WORKSPACE_SPECIFIER = /^(?:\.{1,2}\/|@\/|~\/|#)/;

/** What a rule adds to `meta.requires` to follow calls into workspace modules. */
export const MODULES = MODULES_SERVICE;

/**
 * Adds to a rule's visitors the check of calls into the workspace's own modules: when a call to a
 * function imported from a relative module (`import { ls } from './lib/ls'`, `require('./db').find`)
 * passes request data, command-line input or model output, the module service says whether that
 * parameter reaches one of this rule's sinks there; if so, the rule reports at the argument with
 * `messageId` (data: `source`, `callee`, `file`, `line`), and the flow runs from the source in this file
 * to the sink in the other. Works whatever the rule's own pre-filter decided, since the sink is elsewhere.
 */
export function withCallsIntoModules(context: RuleContext<JsHelpers>, visitors: Visitors<JsNode>, messageId = 'viaCall'): Visitors<JsNode> {
  const { lang } = context;
  const check = (node: JsNode): void => {
    const call = node as t.CallExpression & JsNode;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'Identifier' && callee.type !== 'MemberExpression') return;
    const ref = lang.resolve(callee);
    if (!ref?.module || !WORKSPACE_SPECIFIER.test(ref.module) || ref.path.length > 1) return;
    const specifier = ref.module;
    const name = ref.path[0] ?? 'default';
    for (const [i, arg] of (call.arguments as JsNode[]).entries()) {
      // Past a spread, positions are unknown.
      if (arg.type === 'SpreadElement') return;
      const taint = lang.taint(arg);
      if (!taint) continue;
      const query: ModuleQuery = { file: context.file, specifier, name, paramIndex: i, ruleId: context.ruleId };
      context.ask<ModuleAnswer | null>(MODULES_SERVICE, query, (answer) => {
        for (const sink of answer?.sinks ?? []) {
          const inModule = (l: RelatedLocation): ReportLocation => ({ ...l, message: `${l.message} (${answer!.file})`, file: answer!.file });
          context.report({
            range: [arg.start!, arg.end!],
            messageId,
            data: { source: taint.description, callee: lang.describe(callee), file: answer!.file, line: sink.start.line },
            flow: [
              ...flowLocations(taint, lang),
              { message: `Passed to ${lang.describe(callee)}() here`, range: [arg.start!, arg.end!] },
              ...sink.flow.map(inModule),
              inModule({ message: 'It reaches the sink here', range: sink.range, start: sink.start, end: sink.end }),
            ],
          });
        }
      });
    }
  };
  const own = visitors.CallExpression;
  return { ...visitors, CallExpression: own ? (node) => (own(node), check(node)) : check };
}
