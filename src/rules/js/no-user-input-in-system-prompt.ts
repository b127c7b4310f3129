import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { TaintKind } from '../../languages/js/flow';
import { quoteStyle, stringLiteral } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/**
 * Only data the sender of a request controls; model output is left out because feeding one model's
 * answer into the next model's instructions is a normal orchestration pattern.
 */
const UNTRUSTED: ReadonlySet<TaintKind> = new Set(['request']);
/** Member-call suffixes whose options object takes a `system` prompt (Anthropic, Ollama). */
const SYSTEM_PARAM_CALLS = [['messages', 'create'], ['messages', 'stream'], ['messages', 'parse'], ['messages', 'countTokens'], ['generate']];
/** Member-call suffixes whose options object takes `instructions` (OpenAI Responses API). */
const INSTRUCTIONS_CALLS = [['responses', 'create'], ['responses', 'stream'], ['responses', 'parse']];
/** Modules whose functions or classes take `system` / `instructions` options (Vercel AI SDK, OpenAI Agents SDK). */
const OPTION_MODULES = /^(ai|ai\/rsc|@openai\/agents(-core)?|@ai-sdk\/.+)$/;
const SYSTEM_ROLES = new Set(['system', 'developer']);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-user-input-in-system-prompt',
  languages: ['js'],
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
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!/system|instructions|SystemMessage/.test(text)) return {};
    // Whether the file mentions LangChain, asked once rather than per array literal.
    const langchain = text.includes('langchain');
    // The suggestion is built only for a value that is reported.
    const check = (value: JsNode, where: string, suggestions?: () => FixDescriptor[]) => {
      const source = lang.taint(value, UNTRUSTED);
      if (!source) return;
      const suggest = suggestions ? suggestions() : [];
      context.report({
        range: [value.start!, value.end!],
        messageId: 'userInputInSystemPrompt',
        data: { where, source: source.description },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
        suggest,
      });
    };
    return {
      ObjectExpression(node) {
        const obj = node as t.ObjectExpression & JsNode;
        const role = property(obj, 'role');
        const content = property(obj, 'content');
        if (!role || !content) return;
        const v = staticValue(role.value as JsNode);
        if (!v.known || typeof v.value !== 'string' || !SYSTEM_ROLES.has(v.value)) return;
        check(content.value as JsNode, `role: '${v.value}'`, () => roleSuggestion(role, content.value as JsNode, lang));
      },
      ObjectProperty(node) {
        const prop = node as t.ObjectProperty & JsNode;
        const name = propertyName(prop);
        if (name === 'systemInstruction') {
          // Google GenAI: generateContent({ config: { systemInstruction } }), getGenerativeModel({ systemInstruction }).
          check(prop.value as JsNode, 'systemInstruction');
        } else if ((name === 'system' || name === 'instructions') && isPromptOption(prop, name, lang)) {
          check(prop.value as JsNode, name);
        }
      },
      NewExpression(node) {
        // LangChain: new SystemMessage(text) / new SystemMessage({ content }).
        const call = node as t.NewExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        if (callee.type !== 'Identifier' || callee.name !== 'SystemMessage') return;
        const ref = lang.resolve(callee);
        if (!ref?.module?.includes('langchain')) return;
        const arg = call.arguments[0] as JsNode | undefined;
        if (!arg) return;
        const inner = unwrap(arg);
        const content = inner.type === 'ObjectExpression' ? property(inner as t.ObjectExpression, 'content') : null;
        check(content ? (content.value as JsNode) : arg, 'SystemMessage');
      },
      ArrayExpression(node) {
        // LangChain message tuples: ChatPromptTemplate.fromMessages([['system', text], …]).
        const arr = node as t.ArrayExpression & JsNode;
        if (arr.elements.length !== 2 || !langchain) return;
        const v = staticValue(arr.elements[0] as JsNode);
        if (!v.known || v.value !== 'system' || arr.parent?.type !== 'ArrayExpression') return;
        check(arr.elements[1] as JsNode, "['system', …] message");
      },
    };
  },
});

function property(obj: t.ObjectExpression, name: string): t.ObjectProperty | null {
  for (const p of obj.properties) if (p.type === 'ObjectProperty' && propertyName(p) === name) return p;
  return null;
}

/** Whether `system:`/`instructions:` is an option of an LLM call or agent, not some unrelated object. */
function isPromptOption(prop: t.ObjectProperty & JsNode, name: string, lang: JsHelpers): boolean {
  const obj = prop.parent;
  const call = obj?.parent;
  if (!call || (call.type !== 'CallExpression' && call.type !== 'NewExpression') || call.arguments[0] !== obj) return false;
  const callee = unwrap(call.callee as JsNode);
  const ref = lang.resolve(callee);
  if (ref?.module && OPTION_MODULES.test(ref.module)) return true;
  const path = memberPath(callee);
  if (!path) return false;
  const suffixes = name === 'system' ? SYSTEM_PARAM_CALLS : INSTRUCTIONS_CALLS;
  return suffixes.some((s) => s.length < path.length && s.every((x, i) => path[path.length - s.length + i] === x));
}

/**
 * `{ role: 'system', content: req.body.prompt }`: when the whole content is the untrusted value, sending
 * it as a user message is a one-word edit. Templates that mix instructions and input need a manual split.
 */
function roleSuggestion(role: t.ObjectProperty, content: JsNode, lang: JsHelpers): FixDescriptor[] {
  const n = unwrap(content);
  if (n.type === 'TemplateLiteral' || n.type === 'BinaryExpression' || n.type === 'ArrayExpression') return [];
  if (n.type === 'Identifier' && !isPlainValue(n, lang)) return [];
  return [{ messageId: 'sendAsUserMessage', edits: [{ range: [role.value.start!, role.value.end!], text: stringLiteral('user', quoteStyle(lang.parsed)) }] }];
}

/** An identifier bound directly to request data (not to a template that wraps it). */
function isPlainValue(id: t.Identifier & JsNode, lang: JsHelpers): boolean {
  const found = lang.scopes.lookup(id.name, lang.scopes.chainOf(id));
  if (!found) return false;
  const b = found.binding;
  if (b.kind === 'param') return true;
  if (b.kind !== 'var' || !b.init) return false;
  const init = unwrap(b.init);
  return init.type !== 'TemplateLiteral' && init.type !== 'BinaryExpression' && init.type !== 'ArrayExpression';
}
