import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, constantString, isTrue, keywordArgument, lastSegment, mentionIndex, packageOf, removeArgumentEdit } from './call-helpers';

/** The opt-ins LangChain requires before a chain, agent or toolkit may run code or send requests the model writes. */
const DANGEROUS_FLAGS: Readonly<Record<string, string>> = {
  allow_dangerous_code: 'run the Python code the model writes',
  allow_dangerous_requests: 'send HTTP requests to whatever URL the model picks, internal services included',
  allow_dangerous_tools: 'use tools that run commands, code or arbitrary requests',
};
/** Tool classes that hand the model a shell or a Python interpreter. */
const PYTHON = 'a Python interpreter on this machine, with this process\'s files, credentials and network';
const SHELL = 'a shell on this machine, with this process\'s files, credentials and network';
const REQUESTS = 'HTTP requests to any URL it picks, internal services and cloud metadata endpoints included';
const TOOL_CLASSES: Readonly<Record<string, string>> = {
  PythonREPLTool: PYTHON,
  PythonAstREPLTool: PYTHON,
  PythonREPL: PYTHON,
  ShellTool: SHELL,
  BashProcess: SHELL,
};
/** `load_tools` names of the same kind. */
const DANGEROUS_TOOL_NAMES: Readonly<Record<string, string>> = {
  terminal: SHELL,
  python_repl: PYTHON,
  requests: REQUESTS,
  requests_all: REQUESTS,
  requests_get: REQUESTS,
  requests_post: REQUESTS,
  requests_put: REQUESTS,
  requests_patch: REQUESTS,
  requests_delete: REQUESTS,
};

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-langchain-dangerous-tools',
  languages: ['python'],
  meta: {
    description: 'LangChain agents must not be given a shell, a Python interpreter or unrestricted HTTP requests',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-94', 'CWE-78', 'CWE-918'],
    owaspLlm: ['LLM06:2025', 'LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      dangerousFlag:
        '`{{flag}}=True` lets this {{what}} {{capability}}. Text that reaches the prompt (a user, a retrieved document, a web page) can steer the model into doing so; run it in a sandbox without credentials, or give the model narrow tools instead.',
      dangerousTool:
        '{{tool}} gives the model {{capability}}. Text that reaches the prompt (a user, a retrieved document, a web page) can make it use that for anything; sandbox it or replace it with narrow tools.',
      removeFlag: 'Remove `{{flag}}=True`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/langchain|langgraph/.test(text)) return {};
    const passesFlag = mentionIndex(text, Object.keys(DANGEROUS_FLAGS));
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        const flagged = passesFlag(call);
        if (!flagged && last !== 'load_tools' && !Object.hasOwn(TOOL_CLASSES, last ?? '')) return;
        const name = calleeName(lang, call);
        const fn = name && isLangChain(name) ? lastSegment(name) : null;
        if (fn && Object.hasOwn(TOOL_CLASSES, fn)) {
          if (lang.liveBranch(call)) context.report({ range: lang.range(call), messageId: 'dangerousTool', data: { tool: `${fn}()`, capability: TOOL_CLASSES[fn] } });
          return;
        }
        // The flags' names are LangChain's own: a wrapper of this file or another module passes them on.
        const flags = flagged ? Object.keys(DANGEROUS_FLAGS).filter((f) => keywordArgument(call, f)) : [];
        if (fn !== 'load_tools' && flags.length === 0) return;
        if (!lang.liveBranch(call)) return;
        const toolsReported = fn === 'load_tools' && checkLoadTools(call);
        for (const flag of flags) {
          if (flag === 'allow_dangerous_tools' && toolsReported) continue;
          const arg = keywordArgument(call, flag)!;
          if (!isTrue(lang, arg.childForFieldName('value'))) continue;
          context.report({
            range: lang.range(arg),
            messageId: 'dangerousFlag',
            data: { flag, capability: DANGEROUS_FLAGS[flag], what: describe(name ?? lang.text(call.childForFieldName('function')!)) },
            suggest: [{ messageId: 'removeFlag', data: { flag }, edits: [removeArgumentEdit(text, arg)] }],
          });
        }
      },
    };

    /** Reports each dangerous tool name in `load_tools([...])`; whether any was. */
    function checkLoadTools(call: SyntaxNode): boolean {
      const names = lang.argument(call, 0, 'tool_names');
      if (names?.type !== 'list' && names?.type !== 'tuple') return false;
      let reported = false;
      for (const element of names.namedChildren) {
        const value = element ? constantString(lang, element) : null;
        if (value === null || !Object.hasOwn(DANGEROUS_TOOL_NAMES, value)) continue;
        context.report({ range: lang.range(element!), messageId: 'dangerousTool', data: { tool: `The "${value}" tool`, capability: DANGEROUS_TOOL_NAMES[value] } });
        reported = true;
      }
      return reported;
    }
  },
});

function isLangChain(name: string): boolean {
  const pkg = packageOf(name);
  return pkg.startsWith('langchain') || pkg === 'langgraph';
}

/** `create_pandas_dataframe_agent` → agent; `PALChain.from_math_prompt` → chain; `RequestsToolkit` → toolkit. */
function describe(name: string): string {
  const lower = name.split('.').slice(-2).join('.').toLowerCase();
  if (lower.includes('agent') || lower.endsWith('load_tools')) return 'agent';
  if (lower.includes('toolkit')) return 'toolkit';
  if (lower.includes('chain')) return 'chain';
  if (lower.includes('tool')) return 'tool';
  return 'component';
}
