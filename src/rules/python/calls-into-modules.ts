import type { RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { callArguments } from '../../languages/python/calls';
import { reportCallIntoModule } from '../shared/module-calls';
import { relatedLocations } from './injection-flow';

/** Sources whose flow into another module's sink is reported at the call. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
/** Modules of the standard library and common packages: never the workspace's own, not worth asking about. */
const NOT_WORKSPACE = /^(?:os|sys|subprocess|shlex|json|re|pathlib|typing|logging|asyncio|sqlite3|urllib|http|requests|httpx|flask|django|fastapi|starlette|jinja2|yaml|pickle|openai|anthropic|langchain\w*|boto3|numpy|pandas|torch)(?:\.|$)/;

/**
 * Adds to a Python rule's visitors the check of calls into the workspace's own modules (`from .lib import
 * run`, `from app.utils import run`, `import app.db as db; db.find(…)`): when such a call passes request
 * data, command-line input, model output or a tool argument, the module service says whether that
 * parameter reaches one of this rule's sinks there, and the rule reports at the argument (see
 * `reportCallIntoModule`). Positional arguments only; works whatever the rule's own pre-filter decided.
 */
export function withCallsIntoModules(context: RuleContext<PythonHelpers>, visitors: Visitors<PythonNode>, messageId = 'viaCall'): Visitors<PythonNode> {
  const { lang } = context;
  const check = (node: PythonNode): void => {
    const call = node as SyntaxNode;
    const ref = lang.callee(call);
    if (!ref?.module || NOT_WORKSPACE.test(ref.module) || ref.path.length === 0 || ref.path.length > 2 || ref.path.some((p) => p.endsWith('()'))) return;
    // `from app import utils; utils.run(…)`: the module is `app.utils`.
    const specifier = ref.path.length === 2 ? (ref.module.endsWith('.') ? ref.module + ref.path[0] : `${ref.module}.${ref.path[0]}`) : ref.module;
    const name = ref.path[ref.path.length - 1];
    for (const [i, arg] of callArguments(call).entries()) {
      // Past `*args` positions are unknown; keyword arguments are not matched.
      if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || arg.type === 'keyword_argument') return;
      const taint = lang.taint(arg, KINDS);
      if (!taint) continue;
      const argument = lang.range(arg);
      const callee = call.childForFieldName('function')!.text.replace(/\s+/g, '');
      reportCallIntoModule(context, { specifier, name, paramIndex: i, argument, callee, flow: relatedLocations(lang, taint, argument), source: taint.description }, messageId);
    }
  };
  const own = visitors.call;
  return { ...visitors, call: own ? (node) => (own(node), check(node)) : check };
}
