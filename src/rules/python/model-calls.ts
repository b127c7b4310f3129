import { flowLocations, type FlowLocation } from '../shared/flow-report';
import type { PythonHelpers, PythonTaint, SyntaxNode } from '../../languages/python';
import { chainNames, endsWith, isLlmModule, LANGCHAIN_METHODS, LANGCHAIN_RECEIVER } from '../../languages/python/sources';

/**
 * Helpers shared by the Python LLM rules: which calls send a prompt to a model and through which API,
 * and the related locations of a value-flow finding. Not a rule.
 */

/**
 * The API a model call goes through, which decides its parameter names: `chat` (OpenAI Chat Completions
 * and the providers that copy it: Groq, Together, Azure…), `responses` (OpenAI Responses), `completions`
 * (legacy OpenAI completions), `anthropic` (Messages), `gemini` (google-genai `client.models`), `gemini-legacy`
 * (google-generativeai and Vertex AI `GenerativeModel`), `litellm`, `ollama`, `langchain` (runnables), `other`.
 */
export type ModelApi = 'chat' | 'responses' | 'completions' | 'anthropic' | 'gemini' | 'gemini-legacy' | 'litellm' | 'ollama' | 'langchain' | 'other';

/** A call that sends a prompt to a model. */
export interface ModelCall {
  api: ModelApi;
  /** The callee as written, for messages (`client.chat.completions.create`). */
  label: string;
}

const CHAT_METHODS = new Set(['create', 'parse', 'stream']);
const ANTHROPIC_METHODS = new Set(['create', 'stream', 'parse', 'count_tokens']);
const GEMINI_METHODS = new Set(['generate_content', 'generate_content_async', 'generate_content_stream']);
/** Other SDKs' prompt-taking methods (Mistral, Cohere, Hugging Face, Bedrock, LlamaIndex). */
const OTHER_SUFFIXES: ReadonlyArray<{ suffix: readonly string[]; module?: string }> = [
  { suffix: ['chat', 'complete'] },
  { suffix: ['chat', 'complete_async'] },
  { suffix: ['chat', 'stream'], module: 'mistralai' },
  { suffix: ['chat'], module: 'cohere' },
  { suffix: ['generate'], module: 'cohere' },
  { suffix: ['text_generation'], module: 'huggingface_hub' },
  { suffix: ['chat_completion'], module: 'huggingface_hub' },
  { suffix: ['converse'], module: 'boto3' },
  { suffix: ['converse_stream'], module: 'boto3' },
  { suffix: ['invoke_model'], module: 'boto3' },
  { suffix: ['send_message'], module: 'google' },
  { suffix: ['send_message'], module: 'vertexai' },
  { suffix: ['complete'], module: 'llama_index' },
  { suffix: ['chat'], module: 'llama_index' },
  { suffix: ['query'], module: 'llama_index' },
];

/** Per file: whether it imports an LLM SDK, and which top-level packages. */
const importedTops = new WeakMap<PythonHelpers, Set<string>>();

/** The top-level packages a file imports (absolute imports only). */
export function importedPackages(lang: PythonHelpers): ReadonlySet<string> {
  let tops = importedTops.get(lang);
  if (!tops) {
    tops = new Set(lang.imports().filter((i) => i.level === 0).map((i) => i.module.split('.')[0]));
    importedTops.set(lang, tops);
  }
  return tops;
}

/** Whether the file imports an LLM SDK (OpenAI, Anthropic, Gemini, LangChain, LiteLLM…). */
export function importsLlm(lang: PythonHelpers): boolean {
  let llm = llmFiles.get(lang);
  if (llm === undefined) {
    llm = false;
    for (const top of importedPackages(lang)) if (isLlmModule(top)) llm = true;
    llmFiles.set(lang, llm);
  }
  return llm;
}

/** Per file: whether it imports an LLM SDK. */
const llmFiles = new WeakMap<PythonHelpers, boolean>();

/**
 * The model call a `call` node is, by what its callee resolves to (`client = OpenAI(); client.chat.completions.create`),
 * or, for a client passed in as a parameter, by the callee's attribute chain in a file that imports an LLM SDK.
 * Null for anything else (a `messages.create` of Twilio, a local function).
 */
export function modelCall(lang: PythonHelpers, call: SyntaxNode): ModelCall | null {
  let known = modelCalls.get(lang);
  if (!known) modelCalls.set(lang, (known = new Map()));
  let found = known.get(call.id);
  if (found === undefined) known.set(call.id, (found = findModelCall(lang, call)));
  return found;
}

/** Per file: the model call each call node is (or null), by node id; shared by the rules, which do not modify it. */
const modelCalls = new WeakMap<PythonHelpers, Map<number, ModelCall | null>>();

function findModelCall(lang: PythonHelpers, call: SyntaxNode): ModelCall | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' && fn?.type !== 'identifier') return null;
  const ref = lang.callee(call);
  let names: string[];
  let top: string | null;
  if (ref?.module && !ref.module.startsWith('.')) {
    if (!isLlmModule(ref.module)) return null;
    names = ref.path.filter((p) => p !== '()');
    top = ref.module;
  } else if (ref && ref.module === null) {
    return null;
  } else {
    if (!importsLlm(lang)) return null;
    names = chainNames(fn);
    top = null;
  }
  const api = apiOf(lang, names, top, fn);
  return api ? { api, label: describe(fn) } : null;
}

function apiOf(lang: PythonHelpers, names: string[], module: string | null, fn: SyntaxNode): ModelApi | null {
  const last = names[names.length - 1] ?? '';
  const top = module?.split('.')[0] ?? null;
  const imports = importedPackages(lang);
  if (names.length >= 3 && endsWith(names.slice(0, -1), ['chat', 'completions']) && CHAT_METHODS.has(last)) return 'chat';
  if (names.length >= 2 && names[names.length - 2] === 'responses' && CHAT_METHODS.has(last)) return 'responses';
  if (endsWith(names, ['completions', 'create']) || endsWith(names, ['Completion', 'create'])) return 'completions';
  if (endsWith(names, ['ChatCompletion', 'create'])) return 'chat';
  if (names.length >= 2 && names[names.length - 2] === 'messages' && ANTHROPIC_METHODS.has(last)) {
    if (top === 'anthropic' || (top === null && (imports.has('anthropic') || /anthropic|claude/i.test(names[0] ?? '')))) return 'anthropic';
    return null;
  }
  if (GEMINI_METHODS.has(last)) {
    // google-genai: `genai.Client().models.generate_content`; google-generativeai and Vertex AI: `GenerativeModel(…).generate_content`.
    const full = [module ?? '', ...names].join('.');
    if (/(?:^|\.)genai\.(?:Client|models)\b/.test(full) || (names.includes('models') && !full.includes('generativeai'))) return module !== null || imports.has('google') ? 'gemini' : null;
    return module !== null || imports.has('google') || imports.has('vertexai') ? 'gemini-legacy' : null;
  }
  if (top === 'litellm' && (last === 'completion' || last === 'acompletion')) return 'litellm';
  if (top === 'ollama' && (last === 'chat' || last === 'generate')) return 'ollama';
  if (top === null && names[0] === 'litellm' && (last === 'completion' || last === 'acompletion')) return 'litellm';
  if (LANGCHAIN_METHODS.has(last)) {
    if (top && (top.startsWith('langchain') || top === 'langgraph')) return 'langchain';
    if (top === null && [...imports].some((m) => m.startsWith('langchain') || m === 'langgraph') && LANGCHAIN_RECEIVER.test(names[names.length - 2] ?? '')) {
      return fn.type === 'attribute' ? 'langchain' : null;
    }
  }
  for (const s of OTHER_SUFFIXES) {
    if (endsWith(names, s.suffix) && (top === null ? !s.module : !s.module || s.module === top)) return 'other';
  }
  return null;
}

/** A short readable form of an expression: whitespace collapsed, at most 60 characters. */
export function describe(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * The value flow of a finding for `context.report({ flow })`: where the untrusted value enters, then the
 * assignments and calls it went through (the shared format of both languages, see `flowLocations`).
 */
export function flowRelated(lang: PythonHelpers, taint: PythonTaint, enters = 'Untrusted data enters here'): FlowLocation[] {
  return flowLocations(taint, { range: (n) => lang.range(n), describe }, enters);
}

/** The nearest enclosing loop (`for`, `while`, a comprehension) of a node inside the same function, or null. */
export function enclosingLoop(node: SyntaxNode): SyntaxNode | null {
  const inside = (outer: SyntaxNode | null | undefined) => !!outer && node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return null;
    // The iterable of a `for` and the first iterable of a comprehension are evaluated once, before the loop.
    if (n.type === 'for_statement') {
      if (!inside(n.childForFieldName('right'))) return n;
    } else if (n.type === 'while_statement') {
      return n;
    } else if (COMPREHENSION.test(n.type)) {
      const first = n.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (!inside(first?.childForFieldName('right'))) return n;
    }
  }
  return null;
}

const COMPREHENSION = /^(?:list_comprehension|set_comprehension|dictionary_comprehension|generator_expression)$/;

/**
 * Whether a source is believable for a finding. The shared flow takes every parameter after `request` of a
 * function in a Django file as a URL parameter; a parameter with a default or a `*args`/`**kwargs` one is
 * not captured from a URL pattern (it is a keyword from `urls.py`, or a decorator's pass-through).
 */
export function plausibleSource(lang: PythonHelpers, taint: PythonTaint): boolean {
  if (taint.kind !== 'request' || !taint.description.includes('URL parameter') || taint.node.type !== 'identifier') return true;
  const site = lang.scopes.lookupNode(taint.node)?.sites.find((s) => s.kind === 'param' && s.id.equals(taint.node));
  if (!site) return true;
  if (site.value !== null || (site.paramKind !== 'positional' && site.paramKind !== 'keyword')) return false;
  // Django calls its views; a function this file calls itself is a helper taking a request, not a view.
  const name = site.fn?.childForFieldName('name')?.text;
  return !name || !calledNames(lang).has(name);
}

const calledNamesOf = new WeakMap<PythonHelpers, Set<string>>();

/** The last names of the callees of every call in the file (`f` of `f(…)` and `obj.f(…)`), collected once. */
function calledNames(lang: PythonHelpers): Set<string> {
  let names = calledNamesOf.get(lang);
  if (!names) {
    names = new Set();
    for (const call of lang.nodes.ofType(['call'])) {
      const fn = call.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
      if (name) names.add(name);
    }
    calledNamesOf.set(lang, names);
  }
  return names;
}

/**
 * `PERSONAS.get(key, "default")` on a dict literal of constants: the result is one of its values whatever the
 * key (the shared flow passes the key's taint through `.get()`, unlike `PERSONAS[key]`).
 */
export function constantLookup(lang: PythonHelpers, n: SyntaxNode): boolean {
  if (n.type !== 'call') return false;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return false;
  let table = fn.childForFieldName('object');
  if (table?.type === 'identifier') {
    const sites = lang.scopes.lookupNode(table)?.sites ?? [];
    table = sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
  }
  if (table?.type !== 'dictionary') return false;
  for (const pair of table.namedChildren) {
    if (!pair || pair.type === 'comment') continue;
    if (pair.type !== 'pair' || !lang.isConstant(pair.childForFieldName('key')!) || !lang.isConstant(pair.childForFieldName('value')!)) return false;
  }
  const fallback = lang.argument(n, 1, 'default');
  return !fallback || lang.isConstant(fallback);
}
