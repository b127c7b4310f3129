import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { importEdits, positionalArguments, replaceEdit } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, parameterReport, withCallerParameters, mayCall, relatedLocations } from './injection-flow';
import { MODULES } from '../shared/module-calls';

/** Builtins that run a string as Python code, and the label shown in messages. */
const CODE_BUILTINS = new Map([
  ['eval', 'eval()'],
  ['exec', 'exec()'],
  ['compile', 'compile()'],
]);
/** Functions that import (and so run) a module by name. */
const IMPORT_FUNCTIONS = new Map([
  [':__import__', '__import__()'],
  ['importlib:import_module', 'importlib.import_module()'],
  ['importlib:__import__', 'importlib.__import__()'],
  ['runpy:run_module', 'runpy.run_module()'],
  ['runpy:run_path', 'runpy.run_path()'],
]);
/** Code builtins reached through the `builtins` module. */
const BUILTINS_MODULE = new Set(['builtins', '__builtin__']);
const CALLEE_NAMES = new Set(['eval', 'exec', 'compile', '__import__', 'import_module', 'run_module', 'run_path']);
const PREFILTER = /\beval\b|\bexec\b|\bcompile\b|__import__|import_module|runpy/;
/** Request data, model output and tool arguments; a command-line tool running code its user typed is doing its job. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-code-injection',
  languages: ['python'],
  meta: {
    description: 'eval, exec, compile and dynamic imports must not run code or modules named by untrusted data',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-95', 'CWE-94'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which runs it as Python code (line {{line}}). Whoever controls that value runs code with all the privileges of this process.',
      evalUntrustedParam:
        '{{fn}} runs Python code built from {{source}}, which comes from the caller. If a caller passes user input, that user runs code with all the privileges of this process.',
      evalUntrusted:
        '{{fn}} runs Python code built from {{source}}. Whoever controls that value runs code with all the privileges of this process; restricted globals do not stop it (`().__class__.__base__.__subclasses__()`).',
      importUntrusted:
        '{{fn}} loads a module named by {{source}}. The sender chooses which module runs its top-level code, and a path or a module on sys.path they can write runs their code.',
      useLiteralEval: 'Parse the value as a Python literal with ast.literal_eval()',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    const options: PythonFlowOptions = flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true });
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        if (!mayCall(lang, call, CALLEE_NAMES)) return;
        const sink = sinkOf(call);
        if (!sink || !lang.liveBranch(call)) return;
        const taint = lang.taint(sink.code, options);
        // A module named by the caller is plugin loading by design; code built from a parameter is not.
        if (!taint || (taint.kind === 'param' && sink.kind === 'import')) return;
        const range = lang.range(sink.code);
        context.report({
          range,
          messageId: sink.kind === 'import' ? 'importUntrusted' : taint.kind === 'param' ? 'evalUntrustedParam' : 'evalUntrusted',
          data: { fn: sink.fn, source: taint.description },
          flow: relatedLocations(lang, taint, range),
          suggest: sink.fn === 'eval()' ? literalEval(call, sink.code) : [],
          ...parameterReport(taint),
        });
      },
    });

    function sinkOf(call: SyntaxNode): { kind: 'code' | 'import'; code: SyntaxNode; fn: string } | null {
      const ref = lang.callee(call);
      if (!ref) return null;
      const name = ref.path.join('.');
      const builtin = ref.module === null || BUILTINS_MODULE.has(ref.module) ? CODE_BUILTINS.get(name) : undefined;
      if (builtin) {
        const code = lang.argument(call, 0, 'source');
        return code ? { kind: 'code', code, fn: builtin } : null;
      }
      const label = IMPORT_FUNCTIONS.get(`${ref.module ?? ''}:${name}`);
      if (!label) return null;
      const code = lang.argument(call, 0, label.startsWith('runpy.run_path') ? 'path_name' : label.startsWith('runpy') ? 'mod_name' : 'name');
      return code ? { kind: 'import', code, fn: label } : null;
    }

    /** `eval(x)` → `ast.literal_eval(x)`, which accepts only literals (strings, numbers, lists, dicts…). */
    function literalEval(call: SyntaxNode, code: SyntaxNode): FixDescriptor[] {
      if (positionalArguments(call).length !== 1 || !code.equals(positionalArguments(call)[0])) return [];
      const imports = importEdits(lang, text, 'ast');
      if (!imports) return [];
      return [{ messageId: 'useLiteralEval', edits: [...imports, replaceEdit(call, `ast.literal_eval(${lang.text(code)})`)] }];
    }
  },
});
