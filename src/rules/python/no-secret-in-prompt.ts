import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { refKey } from '../../languages/python/sources';
import { secretNameKind } from '../secrets/patterns';
import { argumentsOf, calleeLastName, constantString, referenceName } from './call-helpers';
import { flowRelated, modelCall } from './model-calls';

/** Keyword arguments of model calls that configure the client or the request, never the prompt. */
const CONFIG_KEYWORDS = new Set([
  'model', 'api_key', 'api_base', 'base_url', 'organization', 'project', 'headers', 'extra_headers', 'default_headers',
  'timeout', 'request_timeout', 'max_retries', 'http_client', 'client', 'credentials', 'token', 'access_token',
  'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_region_name', 'region_name', 'api_version',
  'azure_ad_token', 'custom_llm_provider', 'user', 'stream', 'temperature', 'top_p', 'max_tokens', 'max_output_tokens',
  'max_completion_tokens', 'n', 'stop', 'seed', 'tool_choice', 'response_format', 'text_format', 'service_tier',
]);
/** Classes and factories whose arguments are prompt text (LangChain, LlamaIndex). */
const PROMPT_BUILDERS = new Set(['SystemMessage', 'HumanMessage', 'AIMessage', 'ChatMessage', 'from_messages', 'from_template', 'PromptTemplate']);
/** Methods that return every entry of the environment. */
const ENV_DUMP_METHODS = new Set(['items', 'values', 'copy']);
/** Reads of one environment variable: `os.getenv(name)`, `os.environ.get(name)`. */
const ENV_READS = new Set(['os:getenv', 'os:getenvb', 'os:environ.get', 'os:environ.setdefault', 'os:environ.pop', 'os:environb.get']);
/** Methods and functions that turn an object into a mapping of all its fields. */
const OBJECT_DUMPS = new Set(['model_dump', 'model_dump_json', 'dict', 'json', 'to_dict', '_asdict']);
/** Field types that mask their value when printed (pydantic). */
const MASKED_TYPES = /^(?:SecretStr|SecretBytes)$/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-secret-in-prompt',
  languages: ['python'],
  meta: {
    description: 'Secrets and environment dumps must not be sent to a model in a prompt or message',
    severity: 'error',
    category: 'secrets',
    riskArea: 'misuse',
    cwe: ['CWE-200', 'CWE-532'],
    owaspLlm: ['LLM02:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      secretInPrompt:
        '{{source}} is sent to the model ({{where}}). A prompt is no place for a secret: the provider stores and logs it, traces and evaluation tools keep it, and the model can repeat it in an answer when a prompt injection asks. Send only the data the task needs.',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/environ|getenv|key|secret|password|token|passw|credential|settings|config|vars|dump/i.test(text)) return {};
    const secrets = new SecretSources(lang);
    const reported = new Set<number>();

    const check = (value: SyntaxNode, where: string) => {
      const taint = secrets.taint(value);
      if (!taint || reported.has(taint.node.id)) return;
      reported.add(taint.node.id);
      const inside = taint.node.startIndex >= value.startIndex && taint.node.endIndex <= value.endIndex;
      context.report({
        range: lang.range(inside ? taint.node : secrets.narrow(value, taint)),
        messageId: 'secretInPrompt',
        data: { source: capitalise(taint.description), where },
        flow: inside && !taint.steps?.length ? [] : flowRelated(lang, taint, 'The secret is read here'),
      });
    };

    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !lang.liveBranch(call)) return;
        if (PROMPT_BUILDERS.has(last)) {
          if (!/^(?:langchain|llama_index)/.test(referenceName(lang, call.childForFieldName('function')) ?? '')) return;
          for (const arg of promptArguments(call)) check(arg, `${last}()`);
          return;
        }
        const model = modelCall(lang, call);
        if (!model) return;
        for (const arg of promptArguments(call)) check(arg, `${model.label}()`);
      },
    };
  },
});

/** The arguments of a call that can carry prompt text (every one but the client and request settings). */
function promptArguments(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const arg of argumentsOf(call)) {
    if (arg.type === 'keyword_argument') {
      if (CONFIG_KEYWORDS.has(arg.childForFieldName('name')?.text ?? '')) continue;
      const value = arg.childForFieldName('value');
      if (value) out.push(value);
    } else out.push(arg);
  }
  return out;
}

/** The sub-expressions a value is built from, for {@link SecretSources.narrow}. */
function parts(node: SyntaxNode): readonly SyntaxNode[] {
  if (node.type === 'string') {
    return node.namedChildren.filter((c) => c?.type === 'interpolation').map((c) => c!.childForFieldName('expression')).filter((e): e is SyntaxNode => !!e);
  }
  if (node.type === 'pair' || node.type === 'keyword_argument') return [node.childForFieldName('value')].filter((e): e is SyntaxNode => !!e);
  if (node.type === 'call') return argumentsOf(node);
  if (/^(?:list|tuple|set|dictionary|parenthesized_expression|concatenated_string|binary_operator|argument_list)$/.test(node.type)) {
    return node.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  }
  return [];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The value flow of this rule: its sources are the whole environment, environment variables and fields
 * whose names say they hold a credential (by the one secret-name classifier), and objects or mappings
 * that carry such fields; other environment reads are trusted.
 */
class SecretSources {
  private readonly options: PythonFlowOptions = {
    kinds: new Set(['env']),
    source: (n) => this.source(n),
    trusted: (n) => this.trusted(n),
  };
  /** The nodes this rule made sources (the shared flow's own `env` sources do not count). */
  private readonly mine = new Set<number>();
  private readonly classes = new Map<number, string | null>();

  constructor(private readonly lang: PythonHelpers) {}

  taint(node: SyntaxNode): PythonTaint | null {
    const taint = this.lang.taint(node, this.options);
    return taint && this.mine.has(taint.node.id) ? taint : null;
  }

  /** The innermost part of `value` (a list element, a dict value, an f-string's interpolation) that carries `taint`. */
  narrow(value: SyntaxNode, taint: PythonTaint): SyntaxNode {
    let current = value;
    for (let depth = 0; depth < 12; depth++) {
      const next = parts(current).find((part) => this.lang.taint(part, this.options)?.node.id === taint.node.id);
      if (!next) break;
      current = next;
    }
    return current;
  }

  private found(node: SyntaxNode, description: string): PythonTaint {
    this.mine.add(node.id);
    return { kind: 'env', node, description };
  }

  private trusted(n: SyntaxNode): boolean {
    const read = this.envRead(n);
    if (read === undefined) return false;
    if (read === null) return !(n.type === 'subscript' && this.iteratesEnviron(n.childForFieldName('subscript')));
    return secretNameKind(read, 'env') === null;
  }

  private source(n: SyntaxNode): PythonTaint | null {
    switch (n.type) {
      case 'identifier':
        return this.isEnviron(n) ? this.found(n, 'the whole environment (os.environ)') : this.objectWithSecrets(n, n);
      case 'attribute': {
        if (this.isEnviron(n)) return this.found(n, 'the whole environment (os.environ)');
        const name = n.childForFieldName('attribute')?.text ?? '';
        if (name === '__dict__') return this.objectWithSecrets(n.childForFieldName('object'), n);
        return isSecretField(name) ? this.found(n, `the secret field ${name}`) : null;
      }
      case 'subscript': {
        const read = this.envRead(n);
        if (read) return secretNameKind(read, 'env') ? this.found(n, `the secret environment variable ${read}`) : null;
        if (read === null && this.iteratesEnviron(n.childForFieldName('subscript'))) return this.found(n, 'every environment variable (os.environ[…] in a loop)');
        const key = n.childrenForFieldName('subscript').length === 1 ? constantString(this.lang, n.childForFieldName('subscript')) : null;
        return key !== null && isSecretField(key) ? this.found(n, `the secret field "${key}"`) : null;
      }
      case 'call':
        return this.call(n);
      case 'dictionary': {
        for (const pair of n.namedChildren) {
          if (pair?.type !== 'pair') continue;
          const key = constantString(this.lang, pair.childForFieldName('key'));
          const value = pair.childForFieldName('value');
          if (key !== null && isSecretField(key) && value && !isBlank(this.lang, value)) return this.found(n, `a mapping with the secret field "${key}"`);
        }
        return null;
      }
      default:
        return null;
    }
  }

  private call(n: SyntaxNode): PythonTaint | null {
    const read = this.envRead(n);
    if (read) return secretNameKind(read, 'env') ? this.found(n, `the secret environment variable ${read}`) : null;
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const object = fn.childForFieldName('object');
      if (ENV_DUMP_METHODS.has(method) && object && this.isEnviron(object)) return this.found(n, `the whole environment (os.environ.${method}())`);
      if (method === 'get' && object) {
        const key = constantString(this.lang, this.lang.argument(n, 0));
        if (key !== null && isSecretField(key)) return this.found(n, `the secret field "${key}"`);
      }
      if (OBJECT_DUMPS.has(method)) return this.objectWithSecrets(object, n);
      return null;
    }
    const ref = fn ? this.lang.resolve(fn) : null;
    const name = ref ? refKey(ref) : '';
    if (name === ':vars' || name === 'dataclasses:asdict' || name === 'dataclasses:astuple') return this.objectWithSecrets(this.lang.argument(n, 0), n);
    return null;
  }

  /**
   * The environment variable one read takes: its name, null when the name is computed, undefined when
   * `n` is no such read (`os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")`).
   */
  private envRead(n: SyntaxNode): string | null | undefined {
    let key: SyntaxNode | null = null;
    if (n.type === 'subscript') {
      const value = n.childForFieldName('value');
      if (!value || !this.isEnviron(value)) return undefined;
      key = n.childForFieldName('subscript');
    } else if (n.type === 'call') {
      const ref = this.lang.callee(n);
      if (!ref || !ENV_READS.has(refKey(ref))) return undefined;
      key = this.lang.argument(n, 0, 'key');
    } else return undefined;
    return constantString(this.lang, key);
  }

  private isEnviron(n: SyntaxNode): boolean {
    if (n.type !== 'identifier' && n.type !== 'attribute') return false;
    const ref = this.lang.resolve(n);
    return ref?.module === 'os' && ref.path.length === 1 && (ref.path[0] === 'environ' || ref.path[0] === 'environb');
  }

  /** `k` of `for k in os.environ:` (or `.keys()`). */
  private iteratesEnviron(key: SyntaxNode | null): boolean {
    if (key?.type !== 'identifier') return false;
    const sites = this.lang.scopes.lookupNode(key)?.sites ?? [];
    return sites.some((s) => {
      if (s.kind !== 'for' || !s.value) return false;
      const v = s.value.type === 'call' && calleeLastName(s.value) === 'keys' ? s.value.childForFieldName('function')?.childForFieldName('object') : s.value;
      return !!v && this.isEnviron(v);
    });
  }

  /** A source when `object` is an instance of a class of this file that declares a secret field. */
  private objectWithSecrets(object: SyntaxNode | null | undefined, node: SyntaxNode): PythonTaint | null {
    if (object?.type !== 'identifier') return null;
    const sites = this.lang.scopes.lookupNode(object)?.sites ?? [];
    if (sites.length !== 1 || sites[0].kind !== 'assign' || sites[0].unpack.length > 0 || sites[0].value?.type !== 'call') return null;
    const ctor = sites[0].value.childForFieldName('function');
    const clsSites = ctor?.type === 'identifier' ? (this.lang.scopes.lookupNode(ctor)?.sites ?? []) : [];
    if (clsSites.length !== 1 || clsSites[0].kind !== 'class' || !clsSites[0].value) return null;
    const field = this.secretField(clsSites[0].value);
    return field ? this.found(node, `the object ${object.text}, whose field ${field} is a secret,`) : null;
  }

  /** The first secret-named field a class declares in its body or sets on `self` (pydantic `SecretStr` fields excepted). */
  private secretField(cls: SyntaxNode): string | null {
    if (this.classes.has(cls.id)) return this.classes.get(cls.id)!;
    let found: string | null = null;
    for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left');
      const type = assignment.childForFieldName('type')?.text ?? '';
      if (left?.type === 'identifier' && isSecretField(left.text) && !MASKED_TYPES.test(type.replace(/^Optional\[|\]$/g, ''))) {
        found = left.text;
        break;
      }
    }
    if (!found) {
      for (const attr of cls.descendantsOfType('attribute')) {
        const object = attr?.childForFieldName('object');
        const name = attr?.childForFieldName('attribute')?.text ?? '';
        if (object?.text === 'self' && attr!.parent?.type === 'assignment' && attr!.parent.childForFieldName('left')?.equals(attr!) && isSecretField(name)) {
          found = name;
          break;
        }
      }
    }
    this.classes.set(cls.id, found);
    return found;
  }
}

/**
 * Whether a field or key name says it holds a credential, by the one secret-name classifier (upper-case
 * names as environment-style settings). Plural `…_tokens` counts usage (`max_tokens`, `total_tokens`), not credentials.
 */
function isSecretField(name: string): boolean {
  if (/tokens$/i.test(name)) return false;
  return secretNameKind(name, /^[A-Z0-9_]+$/.test(name) && /[A-Z]/.test(name) ? 'env' : 'code') !== null;
}

/** An empty or placeholder value (`""`, `None`), which leaks nothing. */
function isBlank(lang: PythonHelpers, value: SyntaxNode): boolean {
  if (value.type === 'none') return true;
  const v = constantString(lang, value);
  return v !== null && v.trim() === '';
}
