import type { TaintKind } from '../js/flow';
import type { SyntaxNode } from './parse';
import type { ResolvedRef } from './resolve';

/**
 * Where untrusted data enters Python code, as data: one table per framework or SDK. The flow
 * (`flow.ts`) interprets these tables; adding a framework is adding rows here.
 */

/** A resolved reference as `module:dotted.path` (`flask:request.args`), the form the tables use. */
export function refKey(ref: ResolvedRef): string {
  return `${ref.module ?? ''}:${ref.path.join('.')}`;
}

/** Module-level objects and functions whose value is untrusted, by `module:path` (the object itself or any attribute of it). */
export const GLOBAL_SOURCES: ReadonlyArray<{ ref: string; kind: TaintKind; description: string; call?: boolean; attributes?: ReadonlySet<string> }> = [
  { ref: 'sys:argv', kind: 'argv', description: 'a command-line argument (sys.argv)' },
  { ref: 'sys:stdin', kind: 'argv', description: 'standard input (sys.stdin)' },
  { ref: ':input', kind: 'argv', description: 'user input (input())', call: true },
  { ref: ':raw_input', kind: 'argv', description: 'user input (raw_input())', call: true },
  { ref: 'fileinput:input', kind: 'argv', description: 'input files (fileinput.input())', call: true },
  { ref: 'os:environ', kind: 'env', description: 'an environment variable (os.environ)' },
  { ref: 'os:environb', kind: 'env', description: 'an environment variable (os.environb)' },
  { ref: 'os:getenv', kind: 'env', description: 'an environment variable (os.getenv())', call: true },
  { ref: 'os:getenvb', kind: 'env', description: 'an environment variable (os.getenvb())', call: true },
  { ref: 'flask:request', kind: 'request', description: 'HTTP request data', attributes: flaskAttributes() },
  { ref: 'quart:request', kind: 'request', description: 'HTTP request data', attributes: flaskAttributes() },
  { ref: 'bottle:request', kind: 'request', description: 'HTTP request data', attributes: new Set(['query', 'forms', 'params', 'json', 'body', 'files', 'cookies', 'headers', 'get_cookie', 'get_header', 'url', 'path', 'query_string']) },
];

function flaskAttributes(): ReadonlySet<string> {
  return new Set([
    'args', 'form', 'values', 'json', 'get_json', 'data', 'get_data', 'cookies', 'headers', 'files', 'view_args',
    'stream', 'url', 'base_url', 'full_path', 'path', 'query_string', 'host', 'host_url', 'url_root', 'referrer',
    'user_agent', 'authorization', 'environ', 'input_stream', 'mimetype_params', 'access_route',
  ]);
}

/**
 * Attributes of a framework request object (a parameter recognised as one) that carry client data, and
 * methods returning it: Django (`request.GET`), Django REST framework (`request.data`), Starlette/FastAPI
 * `Request`, aiohttp `web.Request`, Tornado's `self.request`, Sanic, Falcon and Pyramid share the table.
 */
export const REQUEST_OBJECT_DATA: ReadonlySet<string> = new Set([
  // Django, DRF
  'GET', 'POST', 'COOKIES', 'META', 'body', 'FILES', 'headers', 'data', 'query_params', 'path', 'path_info',
  'get_full_path', 'build_absolute_uri', 'get_host', 'content_params',
  // Starlette / FastAPI
  'query_params', 'path_params', 'cookies', 'url', 'json', 'form', 'stream', 'client',
  // aiohttp
  'match_info', 'query', 'rel_url', 'post', 'text', 'read', 'content', 'multipart', 'raw_path', 'query_string',
  // Tornado, Sanic, Falcon, Pyramid, Flask-style
  'arguments', 'query_arguments', 'body_arguments', 'uri', 'args', 'files', 'params', 'matchdict', 'json_body',
  'get_json', 'get_data', 'values', 'media', 'get_param', 'get_header', 'get_media', 'bounded_stream', 'raw_args',
]);

/** Tornado `RequestHandler` methods that return request data. */
export const TORNADO_METHODS: ReadonlySet<string> = new Set([
  'get_argument', 'get_arguments', 'get_query_argument', 'get_query_arguments', 'get_body_argument',
  'get_body_arguments', 'get_cookie', 'get_secure_cookie', 'get_signed_cookie', 'decode_argument',
]);

/** Decorator methods that register an HTTP route (Flask, Quart, FastAPI, Starlette, Sanic, Bottle…). */
export const ROUTE_DECORATORS: ReadonlySet<string> = new Set([
  'route', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route', 'websocket', 'websocket_route', 'trace',
]);
/** Modules whose route decorators pass request data as view parameters. */
export const WEB_MODULES: ReadonlySet<string> = new Set(['flask', 'quart', 'fastapi', 'starlette', 'sanic', 'bottle', 'litestar', 'aiohttp', 'apiflask', 'connexion', 'robyn']);
/** A receiver name that is most likely a web app or router when its import is in another file. */
export const APP_NAME = /^(?:app|application|api|bp|blueprint|router|server|routes?|web)$|_(?:app|api|bp|blueprint|router)$/i;

/** Types (last name of the annotation) of a parameter that is a request object, not request data. */
export const REQUEST_TYPES: ReadonlySet<string> = new Set(['Request', 'HttpRequest', 'WSGIRequest', 'ASGIRequest', 'WebSocket', 'HTTPConnection', 'BaseRequest']);
/** FastAPI parameter types and defaults that are framework objects or dependencies, not client data. */
export const FRAMEWORK_PARAMETER_TYPES: ReadonlySet<string> = new Set(['Response', 'BackgroundTasks', 'Session', 'AsyncSession', 'SecurityScopes', 'Depends', 'Security']);
/** FastAPI parameter defaults that mark client data (`q: str = Query(None)`). */
export const CLIENT_PARAMETER_DEFAULTS: ReadonlySet<string> = new Set(['Query', 'Path', 'Body', 'Header', 'Cookie', 'Form', 'File', 'UploadFile']);

/** Modules whose clients return model output (a prefix ending with `.` matches submodules). */
export const LLM_MODULES: readonly string[] = [
  'openai', 'anthropic', 'google.genai', 'google.generativeai', 'google.ai.generativelanguage', 'vertexai', 'mistralai',
  'cohere', 'groq', 'litellm', 'ollama', 'transformers', 'langchain', 'langchain_core', 'langchain_openai',
  'langchain_anthropic', 'langchain_community', 'langchain_google_genai', 'langchain_google_vertexai', 'langchain_ollama',
  'langchain_mistralai', 'langchain_groq', 'langchain_aws', 'langchain_cohere', 'langchain_huggingface', 'langgraph',
  'llama_index', 'boto3', 'together', 'fireworks', 'replicate', 'huggingface_hub', 'vllm', 'dspy', 'instructor',
  'agents', 'autogen', 'crewai', 'smolagents', 'pydantic_ai', 'google',
];

/** Whether a module is (inside) one of {@link LLM_MODULES}. */
export function isLlmModule(module: string | null): boolean {
  if (!module) return false;
  let known = llmModules.get(module);
  if (known === undefined) {
    known = LLM_MODULES.some((m) => module === m || module.startsWith(`${m}.`)) || module.startsWith('langchain_');
    // Asked for every import again and again; a workspace has few distinct module names.
    if (llmModules.size >= 10_000) llmModules.clear();
    llmModules.set(module, known);
  }
  return known;
}
const llmModules = new Map<string, boolean>();

/**
 * Attribute-chain suffixes of calls returning model output, with the module they must resolve to when
 * they resolve at all (any module from {@link LLM_MODULES} when null).
 */
export const MODEL_CALLS: ReadonlyArray<{ suffix: readonly string[]; module?: string }> = [
  { suffix: ['chat', 'completions', 'create'] },
  { suffix: ['chat', 'completions', 'parse'] },
  { suffix: ['chat', 'completions', 'stream'] },
  { suffix: ['responses', 'create'] },
  { suffix: ['responses', 'parse'] },
  { suffix: ['responses', 'stream'] },
  { suffix: ['completions', 'create'] },
  { suffix: ['ChatCompletion', 'create'] },
  { suffix: ['Completion', 'create'] },
  { suffix: ['messages', 'create'] },
  { suffix: ['messages', 'stream'] },
  { suffix: ['messages', 'parse'] },
  { suffix: ['generate_content'] },
  { suffix: ['generate_content_async'] },
  { suffix: ['generate_content_stream'] },
  { suffix: ['send_message'] },
  { suffix: ['send_message_async'] },
  { suffix: ['chat', 'complete'] },
  { suffix: ['chat', 'complete_async'] },
  { suffix: ['chat', 'stream'] },
  { suffix: ['chat_stream'] },
  { suffix: ['chat'], module: 'cohere' },
  { suffix: ['generate'], module: 'cohere' },
  { suffix: ['chat'], module: 'ollama' },
  { suffix: ['generate'], module: 'ollama' },
  { suffix: ['completion'], module: 'litellm' },
  { suffix: ['acompletion'], module: 'litellm' },
  { suffix: ['text_completion'], module: 'litellm' },
  { suffix: ['invoke_model'], module: 'boto3' },
  { suffix: ['invoke_model_with_response_stream'], module: 'boto3' },
  { suffix: ['converse'], module: 'boto3' },
  { suffix: ['converse_stream'], module: 'boto3' },
  { suffix: ['decode'], module: 'transformers' },
  { suffix: ['batch_decode'], module: 'transformers' },
  { suffix: ['generate'], module: 'transformers' },
  { suffix: ['text_generation'], module: 'huggingface_hub' },
  { suffix: ['chat_completion'], module: 'huggingface_hub' },
  { suffix: ['query'], module: 'llama_index' },
  { suffix: ['aquery'], module: 'llama_index' },
  { suffix: ['chat'], module: 'llama_index' },
  { suffix: ['achat'], module: 'llama_index' },
  { suffix: ['stream_chat'], module: 'llama_index' },
  { suffix: ['complete'], module: 'llama_index' },
  { suffix: ['acomplete'], module: 'llama_index' },
  { suffix: ['run'], module: 'agents' },
  { suffix: ['run_sync'], module: 'agents' },
  { suffix: ['run_sync'], module: 'pydantic_ai' },
  { suffix: ['kickoff'], module: 'crewai' },
];

/** LangChain runnable (and LLM, chain, agent) methods that return model output. */
export const LANGCHAIN_METHODS: ReadonlySet<string> = new Set([
  'invoke', 'ainvoke', 'run', 'arun', 'predict', 'apredict', 'predict_messages', 'stream', 'astream', 'batch', 'abatch',
  '__call__', 'call', 'acall', 'generate', 'agenerate', 'astream_events',
]);
/** Receiver names that identify an LLM, chain or agent whose construction is not visible. */
export const LANGCHAIN_RECEIVER = /llm|model|chain|agent|chat|executor|graph|runnable|crew|pipeline|qa|retriever/i;
/** Names that identify an LLM client even when it is a parameter or comes from another file. */
export const LLM_CLIENT_NAME = /openai|anthropic|claude|gemini|genai|groq|mistral|ollama|cohere|bedrock|llm/i;

/** Decorators (last name) that make a function an agent tool whose parameters the model chooses. */
export const TOOL_DECORATORS: ReadonlySet<string> = new Set(['tool', 'function_tool', 'kernel_function', 'register_tool', 'ai_function', 'tool_plain']);
/** Base classes (last name) whose `_run`/`_arun`/`run`/`forward` methods receive model-chosen tool arguments. */
export const TOOL_BASE_CLASSES: ReadonlySet<string> = new Set(['BaseTool', 'StructuredTool', 'Tool']);
export const TOOL_METHODS: ReadonlySet<string> = new Set(['_run', '_arun', 'forward']);

/** Functions that the CLI frameworks call with command-line values as parameters (click, typer). */
export const CLI_DECORATORS: ReadonlySet<string> = new Set(['command', 'argument', 'option', 'callback']);
export const CLI_MODULES: ReadonlySet<string> = new Set(['click', 'typer', 'fire']);

/** The `argparse` calls returning parsed command-line values. */
export const ARGPARSE_METHODS: ReadonlySet<string> = new Set(['parse_args', 'parse_known_args', 'parse_intermixed_args']);

/** Names of AWS Lambda handlers. */
export const LAMBDA_HANDLERS: ReadonlySet<string> = new Set(['lambda_handler', 'handler', 'main_handler']);

/** Django class-based view methods whose parameters after `self` are the request and URL kwargs. */
export const DJANGO_VIEW_METHODS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'dispatch', 'list', 'create', 'retrieve', 'update', 'partial_update', 'destroy']);
/** Modules whose presence marks a file as Django (or DRF) code. */
export const DJANGO_MODULES: readonly string[] = ['django', 'rest_framework', 'ninja'];
/** Modules whose presence marks a file as aiohttp code. */
export const AIOHTTP_MODULES: readonly string[] = ['aiohttp'];

/** Whether a node's text is a name matching a pattern (for receivers whose definition is not visible). */
export function rootName(node: SyntaxNode | null | undefined): string | null {
  let n = node;
  for (let i = 0; n && i < 30; i++) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'await' || n.type === 'parenthesized_expression') n = n.namedChildren[0];
    else return null;
  }
  return null;
}

/** Attribute names along a chain, outermost last, through calls and subscripts: `a.b().c[0].d` → [a, b, c, d]. */
export function chainNames(node: SyntaxNode | null | undefined): string[] {
  const names: string[] = [];
  let n = node;
  for (let i = 0; n && i < 30; i++) {
    if (n.type === 'identifier') {
      names.unshift(n.text);
      break;
    }
    if (n.type === 'attribute') {
      names.unshift(n.childForFieldName('attribute')?.text ?? '?');
      n = n.childForFieldName('object');
    } else if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'await' || n.type === 'parenthesized_expression') n = n.namedChildren[0];
    else break;
  }
  return names;
}

/** Whether `names` ends with `suffix`. */
export function endsWith(names: readonly string[], suffix: readonly string[]): boolean {
  const offset = names.length - suffix.length;
  if (offset < 0) return false;
  for (let i = 0; i < suffix.length; i++) if (names[offset + i] !== suffix[i]) return false;
  return true;
}
