import { defineRule } from '../../engine/rule';
import type { TextEdit, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, calleeLastName, constantString, hasSplat, keywordArgument, pyQuote, pyString } from './call-helpers';
import { enclosingLoop, modelCall, type ModelApi } from './model-calls';

/** The output limit each API takes, by the name the suggestion adds first. */
const LIMITS: Partial<Record<ModelApi, readonly string[]>> = {
  chat: ['max_tokens', 'max_completion_tokens'],
  litellm: ['max_tokens', 'max_completion_tokens'],
  responses: ['max_output_tokens'],
};
/** Reasoning models reject `max_tokens` in Chat Completions; they take `max_completion_tokens`. */
const REASONING_MODEL = /^(?:o\d|gpt-5)/;
const DEFAULT_LIMIT = 1024;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/require-max-tokens-in-loop',
  languages: ['python'],
  meta: {
    description: 'Model calls inside loops must set an output token limit (max_tokens, max_output_tokens)',
    severity: 'info',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-770'],
    owaspLlm: ['LLM10:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      noLimitInLoop:
        '{{call}}() runs inside a loop without `{{param}}`: every iteration may generate as many tokens as the model allows, so a long loop, or an agent loop steered into repeating itself, multiplies cost and latency without bound (unbounded consumption). Set `{{param}}`.',
      addLimit: 'Add `{{param}}={{limit}}`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/create|completion|generate_content/.test(text)) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !/^(?:create|parse|stream|completion|acompletion|generate_content(?:_async|_stream)?)$/.test(last)) return;
        if (hasSplat(call) || !enclosingLoop(call)) return;
        const model = modelCall(lang, call);
        if (!model || !lang.liveBranch(call)) return;
        const missing = missingLimit(lang, text, call, model.api);
        if (!missing) return;
        context.report({
          range: lang.range(call.childForFieldName('function')!),
          messageId: 'noLimitInLoop',
          data: { call: model.label, param: missing.param },
          suggest: missing.edit ? [{ messageId: 'addLimit', data: { param: missing.param, limit: DEFAULT_LIMIT }, edits: [missing.edit] }] : [],
        });
      },
    };
  },
});

/** The limit a call lacks and the edit that adds it; null when it sets one (or its configuration is not visible). */
function missingLimit(lang: PythonHelpers, text: string, call: SyntaxNode, api: ModelApi): { param: string; edit: TextEdit | null } | null {
  const names = LIMITS[api];
  if (names) {
    if (names.some((n) => keywordArgument(call, n))) return null;
    let param = names[0];
    if (param === 'max_tokens' && REASONING_MODEL.test(constantString(lang, lang.argument(call, null, 'model')) ?? '')) param = 'max_completion_tokens';
    return { param, edit: addArgumentEdit(text, call, `${param}=${DEFAULT_LIMIT}`) };
  }
  if (api === 'gemini') return geminiLimit(lang, text, call, 'config');
  if (api === 'gemini-legacy') {
    const ctor = modelConstructor(lang, call);
    if (ctor === undefined) return null;
    if (ctor && keywordArgument(ctor, 'generation_config')) {
      const setting = configLimit(lang, keywordArgument(ctor, 'generation_config')!.childForFieldName('value'));
      if (setting !== false) return null;
    }
    return geminiLimit(lang, text, call, 'generation_config');
  }
  return null;
}

/**
 * Gemini puts the limit in a configuration object: `config=types.GenerateContentConfig(max_output_tokens=…)`
 * or `config={"max_output_tokens": …}` (google-genai), `generation_config=…` (google-generativeai, Vertex AI).
 */
function geminiLimit(lang: PythonHelpers, text: string, call: SyntaxNode, keyword: string): { param: string; edit: TextEdit | null } | null {
  const arg = keywordArgument(call, keyword);
  const param = 'max_output_tokens';
  if (!arg) return { param, edit: addArgumentEdit(text, call, `${keyword}={${pyString(param, pyQuote(lang))}: ${DEFAULT_LIMIT}}`) };
  const value = arg.childForFieldName('value');
  const setting = configLimit(lang, value);
  if (setting !== false) return null;
  const literal = configLiteral(lang, value);
  if (literal?.type === 'call') return { param, edit: addArgumentEdit(text, literal, `${param}=${DEFAULT_LIMIT}`) };
  if (literal?.type === 'dictionary') return { param, edit: addEntryEdit(text, literal, `${pyString(param, pyQuote(lang))}: ${DEFAULT_LIMIT}`) };
  return { param, edit: null };
}

/**
 * Whether a configuration sets `max_output_tokens`: true, false (a literal without it), or undefined when
 * the configuration is not visible (a parameter, an object built elsewhere).
 */
function configLimit(lang: PythonHelpers, value: SyntaxNode | null): boolean | undefined {
  const literal = configLiteral(lang, value);
  if (!literal) return undefined;
  if (literal.type === 'call') return hasSplat(literal) ? undefined : !!keywordArgument(literal, 'max_output_tokens');
  let unknown = false;
  for (const pair of literal.namedChildren) {
    if (pair?.type === 'dictionary_splat') unknown = true;
    if (pair?.type !== 'pair') continue;
    const key = constantString(lang, pair.childForFieldName('key'));
    if (key === 'max_output_tokens' || key === 'maxOutputTokens') return true;
    if (key === null) unknown = true;
  }
  return unknown ? undefined : false;
}

/** The dict literal or `…Config(...)` call a configuration is, directly or through a name bound once. */
function configLiteral(lang: PythonHelpers, value: SyntaxNode | null): SyntaxNode | null {
  let v = value;
  if (v?.type === 'identifier') {
    const sites = lang.scopes.lookupNode(v)?.sites ?? [];
    v = sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
  }
  if (v?.type === 'dictionary') return v;
  if (v?.type === 'call' && /Config$/.test(calleeLastName(v) ?? '')) return v;
  return null;
}

/**
 * For `model.generate_content(…)`: the `GenerativeModel(…)` call the receiver is bound to, null when it is
 * not visible but the receiver is still a model, undefined when the receiver is unknown (a parameter).
 */
function modelConstructor(lang: PythonHelpers, call: SyntaxNode): SyntaxNode | null | undefined {
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  if (receiver?.type === 'call') return receiver;
  if (receiver?.type !== 'identifier') return undefined;
  const sites = lang.scopes.lookupNode(receiver)?.sites ?? [];
  if (sites.length !== 1 || sites[0].kind !== 'assign' || sites[0].value?.type !== 'call') return undefined;
  return sites[0].value;
}

/** The edit adding an entry to a dict literal. */
function addEntryEdit(text: string, dict: SyntaxNode, entry: string): TextEdit {
  const items = dict.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { range: [dict.startIndex + 1, dict.endIndex - 1], text: entry };
  return { range: [last.endIndex, last.endIndex], text: `, ${entry}` };
}
