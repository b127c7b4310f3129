import type { RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { callArguments } from '../../languages/python/calls';
import { distributionOfImport } from '../../services/package-names/python-imports';
import { isPopularPackage } from '../../services/typosquat';
import { parameterFacts } from '../shared/flow-report';
import { reportCallIntoModule } from '../shared/module-calls';
import { flowOptions, relatedLocations, withCallerParameters } from './injection-flow';

/** Sources whose flow into another module's sink is reported at the call. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
/**
 * Whether an imported module can be one of the workspace's own: relative, or neither the standard library
 * nor a popular PyPI distribution (asking about `os.path.join(…)` or `requests.get(…)` would cost a value-flow
 * query per argument for nothing).
 */
function mayBeWorkspaceModule(module: string): boolean {
  let may = workspaceModules.get(module);
  if (may === undefined) {
    const distribution = distributionOfImport(module);
    may = 'skip' in distribution ? distribution.skip === 'relative' : !distribution.mapped && !isPopularPackage(distribution.normalized, 'pypi');
    if (workspaceModules.size >= 4096) workspaceModules.clear();
    workspaceModules.set(module, may);
  }
  return may;
}

/** {@link mayBeWorkspaceModule} by module name (it depends on bundled lists only). */
const workspaceModules = new Map<string, boolean>();

/**
 * Adds to a Python rule's visitors the check of calls into the workspace's own modules (`from .lib import
 * run`, `from app.utils import run`, `import app.db as db; db.find(…)`): when such a call passes request
 * data, command-line input, model output or a tool argument, the module service says whether that
 * parameter reaches one of this rule's sinks there, and the rule reports at the argument (see
 * `reportCallIntoModule`). When the module is analysed for its callers (`context.summaries`), a parameter
 * of its own public function passed on counts too, reported as a summary, so that calls into this module
 * are followed through it. Positional arguments only; works whatever the rule's own pre-filter decided.
 */
export function withCallsIntoModules(context: RuleContext<PythonHelpers>, visitors: Visitors<PythonNode>, messageId = 'viaCall'): Visitors<PythonNode> {
  const { lang } = context;
  // One options object per file, so that the flow's memo is shared by every call.
  let parameters: PythonFlowOptions | undefined;
  const callerParameter = (arg: SyntaxNode): PythonTaint | null => {
    parameters ??= flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true });
    const taint = lang.taint(arg, parameters);
    return taint?.kind === 'param' && taint.parameter?.importedAs ? taint : null;
  };
  const check = (node: PythonNode): void => {
    const call = node as SyntaxNode;
    const ref = lang.callee(call);
    if (!ref?.module || !mayBeWorkspaceModule(ref.module) || ref.path.length === 0 || ref.path.length > 2 || ref.path.some((p) => p.endsWith('()'))) return;
    // `from app import utils; utils.run(…)`: the module is `app.utils`.
    const specifier = ref.path.length === 2 ? (ref.module.endsWith('.') ? ref.module + ref.path[0] : `${ref.module}.${ref.path[0]}`) : ref.module;
    const name = ref.path[ref.path.length - 1];
    for (const [i, arg] of callArguments(call).entries()) {
      // Past `*args` positions are unknown; keyword arguments are not matched.
      if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || arg.type === 'keyword_argument') return;
      const taint = lang.taint(arg, KINDS) ?? (context.summaries ? callerParameter(arg) : null);
      if (!taint) continue;
      const argument = lang.range(arg);
      const callee = call.childForFieldName('function')!.text.replace(/\s+/g, '');
      const parameter = taint.kind === 'param' ? parameterFacts(taint) : undefined;
      const flow = relatedLocations(lang, taint, argument);
      reportCallIntoModule(context, { specifier, name, paramIndex: i, argument, callee, flow, source: taint.description, ...(parameter ? { parameter } : {}) }, messageId);
    }
  };
  const own = visitors.call;
  return { ...visitors, call: own ? (node) => (own(node), check(node)) : check };
}
