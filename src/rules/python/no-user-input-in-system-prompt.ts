import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, constantString, keywordArgument, referenceName } from './call-helpers';
import { constantLookup, flowRelated, importedPackages, modelCall, plausibleSource } from './model-calls';

/**
 * Only data the sender of a request controls; model output is left out because feeding one model's
 * answer into the next model's instructions is a normal orchestration pattern (as in the JS rule).
 */
const UNTRUSTED_KINDS = new Set(['request'] as const);
const SYSTEM_ROLES = new Set(['system', 'developer']);
/** Agent constructors whose keyword is their system prompt, by package. */
const AGENT_PROMPTS: ReadonlyArray<{ module: RegExp; keywords: readonly string[] }> = [
  { module: /^agents\b/, keywords: ['instructions'] }, // OpenAI Agents SDK: Agent(instructions=…)
  { module: /^pydantic_ai\b/, keywords: ['system_prompt', 'instructions'] },
  { module: /^langgraph\.prebuilt\b/, keywords: ['prompt', 'state_modifier'] }, // create_react_agent(model, tools, prompt=…)
];
const TEXT_NODES = new Set(['string', 'concatenated_string', 'binary_operator']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-user-input-in-system-prompt',
  languages: ['python'],
  meta: {
    description: 'Request data must not be interpolated into the system prompt of an LLM call; send it as a user message',
    severity: 'warning',
    category: 'agent-guardrails',
    riskArea: 'misuse',
    cwe: ['CWE-77', 'CWE-1427'],
    owaspLlm: ['LLM01:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      userInputInSystemPrompt:
        'The system prompt ({{where}}) is built from {{source}}. Text in the system prompt carries the highest authority, so the sender can override your instructions (prompt injection); put user input in a user message.',
      sendAsUserMessage: 'Send this text as a user message instead of a system message',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/system|instructions|prompt/.test(text)) return {};
    const tops = importedPackages(lang);
    const langchain = [...tops].some((m) => m.startsWith('langchain') || m === 'llama_index');
    const gemini = tops.has('google') || tops.has('vertexai');
    const untrusted: PythonFlowOptions = { kinds: UNTRUSTED_KINDS, trusted: (n) => constantLookup(lang, n) };

    const check = (value: SyntaxNode | null | undefined, where: string, suggest: () => FixDescriptor[] = () => []) => {
      if (!value || !lang.liveBranch(value)) return;
      const source = lang.taint(value, untrusted);
      if (!source || !plausibleSource(lang, source)) return;
      context.report({
        range: lang.range(value),
        messageId: 'userInputInSystemPrompt',
        data: { where, source: source.description },
        flow: flowRelated(lang, source),
        suggest: suggest(),
      });
    };

    return {
      dictionary(node) {
        const dict = node as SyntaxNode;
        const role = entry(lang, dict, 'role');
        if (role) {
          const value = constantString(lang, role.childForFieldName('value'));
          if (value === null || !SYSTEM_ROLES.has(value)) return;
          const content = entry(lang, dict, 'content')?.childForFieldName('value');
          check(content, `"role": "${value}"`, () => roleSuggestion(lang, role.childForFieldName('value')!, content!));
        } else if (gemini) {
          // google-genai: config={"system_instruction": …}
          check(entry(lang, dict, 'system_instruction')?.childForFieldName('value'), 'system_instruction');
        }
      },
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last) return;
        if (last === 'SystemMessage' || last === 'SystemMessagePromptTemplate' || last === 'from_template' || last === 'ChatMessage') {
          langChainMessage(call, last);
          return;
        }
        const system = keywordArgument(call, 'system');
        const instructions = keywordArgument(call, 'instructions');
        if (system || instructions) {
          const model = modelCall(lang, call);
          if (system && (model?.api === 'anthropic' || model?.api === 'ollama')) check(system.childForFieldName('value'), 'system=');
          if (instructions && model?.api === 'responses') check(instructions.childForFieldName('value'), 'instructions=');
        }
        if (gemini) {
          const instruction = keywordArgument(call, 'system_instruction');
          if (instruction && /^(?:google|vertexai)\b/.test(referenceName(lang, call.childForFieldName('function')) ?? '')) {
            check(instruction.childForFieldName('value'), 'system_instruction=');
          }
        }
        const name = referenceName(lang, call.childForFieldName('function'));
        for (const agent of AGENT_PROMPTS) {
          if (!name || !agent.module.test(name)) continue;
          for (const keyword of agent.keywords) check(keywordArgument(call, keyword)?.childForFieldName('value'), `${keyword}=`);
        }
      },
      tuple: (node) => messageTuple(node as SyntaxNode),
      list: (node) => messageTuple(node as SyntaxNode),
    };

    /** LangChain `SystemMessage(…)`, `SystemMessagePromptTemplate.from_template(…)`, LlamaIndex `ChatMessage(role="system", …)`. */
    function langChainMessage(call: SyntaxNode, last: string): void {
      const name = referenceName(lang, call.childForFieldName('function')) ?? '';
      if (!/^(?:langchain|llama_index)/.test(name)) return;
      if (last === 'SystemMessage') {
        check(lang.argument(call, 0, 'content'), 'SystemMessage');
      } else if (last === 'from_template' && name.includes('SystemMessagePromptTemplate')) {
        check(lang.argument(call, 0, 'template'), 'SystemMessagePromptTemplate');
      } else if (last === 'ChatMessage') {
        const role = lang.argument(call, null, 'role');
        const value = role ? (constantString(lang, role) ?? (role.type === 'attribute' ? role.childForFieldName('attribute')?.text.toLowerCase() : null)) : null;
        if (value && SYSTEM_ROLES.has(value)) check(lang.argument(call, null, 'content'), 'ChatMessage(role="system")');
      }
    }

    /** LangChain message tuples: `ChatPromptTemplate.from_messages([("system", text), …])`. */
    function messageTuple(node: SyntaxNode): void {
      if (!langchain || (node.parent?.type !== 'list' && node.parent?.type !== 'tuple')) return;
      const items = node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
      if (items.length !== 2 || constantString(lang, items[0]) !== 'system') return;
      check(items[1], '("system", …) message');
    }
  },
});

/** The `key: value` pair of a dict literal under a constant string key. */
function entry(lang: PythonHelpers, dict: SyntaxNode, key: string): SyntaxNode | null {
  for (const pair of dict.namedChildren) {
    if (pair?.type === 'pair' && constantString(lang, pair.childForFieldName('key')) === key) return pair;
  }
  return null;
}

/**
 * `{"role": "system", "content": request.json["prompt"]}`: when the whole content is the untrusted value,
 * sending it as a user message is a one-word edit. Templates that mix instructions and input need a manual split.
 */
function roleSuggestion(lang: PythonHelpers, role: SyntaxNode, content: SyntaxNode): FixDescriptor[] {
  const literal = lang.stringLiteral(role);
  if (!literal || literal.escaped || !isPlainValue(lang, content)) return [];
  return [{ messageId: 'sendAsUserMessage', edits: [{ range: literal.contentRange, text: 'user' }] }];
}

/** A value that is not a template: not an f-string, `+`, `%` or `.format(…)`, nor a name bound to one. */
function isPlainValue(lang: PythonHelpers, node: SyntaxNode, depth = 0): boolean {
  if (TEXT_NODES.has(node.type) || node.type === 'list' || node.type === 'tuple') return false;
  if (node.type === 'call' && /^(?:format|join|format_map)$/.test(calleeLastName(node) ?? '')) return false;
  if (node.type !== 'identifier' || depth > 3) return true;
  const sites = lang.scopes.lookupNode(node)?.sites ?? [];
  return sites.length > 0 && sites.every((s) => s.kind === 'param' || (s.kind === 'assign' && s.value !== null && s.unpack.length === 0 && isPlainValue(lang, s.value, depth + 1)));
}
