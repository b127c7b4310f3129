import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { GuardKind, PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SanitizerKind, SyntaxNode } from '../../languages/python';
import { withoutComments } from '../../languages/python/calls';
import { refKey } from '../../languages/python/sources';
import { calleeLastName, constantString, isTrue, keywordArgument, positionalArguments } from './call-helpers';
import { describe, flowRelated, importsLlm } from './model-calls';
import { enclosingFunction } from './name-helpers';

type SinkKind = 'shell' | 'code' | 'sql' | 'file' | 'url';
interface Sink {
  kind: SinkKind;
  label: string;
  args: SyntaxNode[];
}
/** A function the model calls: its name as the model knows it. */
interface ToolDef {
  name: string;
  fn: SyntaxNode;
}

/** Calls that run their first argument through a shell (or as the command line of a program). */
const SHELL_FUNCTIONS = new Set([
  'os:system', 'os:popen', 'subprocess:getoutput', 'subprocess:getstatusoutput', 'commands:getoutput', 'asyncio:create_subprocess_shell',
  'pexpect:run', 'pexpect:spawn',
]);
/** `subprocess` functions: a shell with `shell=True`, else their first argument names the program. */
const SUBPROCESS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen']);
/** Calls whose argument at the given position is the program to run. */
const PROGRAM_FUNCTIONS: Readonly<Record<string, number>> = {
  'asyncio:create_subprocess_exec': 0, 'os:execv': 0, 'os:execve': 0, 'os:execvp': 0, 'os:execvpe': 0, 'os:execl': 0,
  'os:execle': 0, 'os:execlp': 0, 'os:execlpe': 0, 'os:spawnv': 1, 'os:spawnve': 1, 'os:spawnvp': 1, 'os:spawnl': 1, 'os:spawnlp': 1,
};
const CODE_BUILTINS = new Set(['eval', 'exec', 'compile']);
/** Methods that run SQL text (DB-API cursors and connections, SQLAlchemy, Django, pandas). */
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'raw', 'read_sql', 'read_sql_query', 'mogrify']);
const SQL_TEXT = /\b(?:select|insert|update|delete|drop|create|alter|truncate|from|where|into|values|set)\b/i;
/** File functions that write, move or delete, with the positions of their path arguments. */
const FILE_FUNCTIONS: Readonly<Record<string, number[]>> = {
  'os:remove': [0], 'os:unlink': [0], 'os:rmdir': [0], 'os:removedirs': [0], 'os:truncate': [0], 'os:chmod': [0], 'os:chown': [0],
  'os:rename': [0, 1], 'os:renames': [0, 1], 'os:replace': [0, 1], 'os:link': [1], 'os:symlink': [1],
  'shutil:rmtree': [0], 'shutil:move': [0, 1], 'shutil:copy': [1], 'shutil:copy2': [1], 'shutil:copyfile': [1], 'shutil:copytree': [1],
};
/** `open()`-like functions, written when their mode writes. */
const OPEN_FUNCTIONS = new Set([':open', 'io:open', 'codecs:open', 'aiofiles:open']);
/** `pathlib.Path` methods that write, move or delete the file the receiver names. */
const PATH_WRITES = new Set(['write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'rename', 'replace', 'chmod', 'symlink_to', 'hardlink_to', 'open']);
/** HTTP client methods whose URL argument is first (`request(method, url)`: second). */
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream', 'urlopen', 'Request']);
const HTTP_MODULES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3', 'urllib.request', 'urllib']);
/** Packages that register agent tools from plain functions. */
const AGENT_PACKAGES = /^(?:langchain\w*|langgraph|llama_index|mcp|fastmcp|agents|pydantic_ai|autogen\w*|crewai\w*|smolagents|semantic_kernel|google)$/;
/** Registration calls (by last name) and where they take the function: positions, then keywords. */
const REGISTRARS: Readonly<Record<string, { positions: number[]; keywords: string[] }>> = {
  from_function: { positions: [0], keywords: ['func', 'coroutine'] },
  from_defaults: { positions: [0], keywords: ['fn', 'async_fn'] },
  add_tool: { positions: [0], keywords: ['fn', 'tool'] },
  tool: { positions: [0], keywords: [] },
  function_tool: { positions: [0], keywords: ['func'] },
  register_function: { positions: [0], keywords: ['f'] },
  Tool: { positions: [], keywords: ['func', 'function', 'coroutine'] },
  StructuredTool: { positions: [], keywords: ['func', 'coroutine'] },
  FunctionTool: { positions: [0], keywords: ['func', 'fn'] },
};
/** Parameter types that restrict a value to a safe shape: numbers, booleans, dates, UUIDs. */
const SAFE_TYPES = /^(?:int|float|bool|complex|Decimal|UUID|date|datetime|time|timedelta|PositiveInt|NonNegativeInt|conint|confloat|StrictInt|StrictBool)$/;
/** The guards the shared flow accepts by default, and with path sanitizers (see `PythonFlowOptions.guards`). */
const DEFAULT_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex']);
const PATH_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex', 'containment']);
/** Text without which the shared flow has no tool source: tool decorators, tool base classes, tool-call arguments. */
const TOOL_SOURCE_TEXT = /@[\w.]*(?:tool|function_tool|kernel_function|register_tool|ai_function|tool_plain)\b|\b(?:BaseTool|StructuredTool|Tool)\b|\.arguments\b|function_call|\.input\b|tool_use/;
const DANGER: Record<SinkKind, string> = {
  shell: 'run any command on this machine',
  code: 'run any Python code in this process',
  sql: 'run any SQL against the database',
  file: 'overwrite or delete any file this process can reach',
  url: 'send requests to internal services and cloud metadata endpoints (SSRF)',
};
const SANITIZERS: Record<SinkKind, ReadonlySet<SanitizerKind>> = {
  shell: new Set(['shell']),
  code: new Set(),
  sql: new Set(['sql']),
  file: new Set(['path']),
  url: new Set(),
};

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-unvalidated-agent-tool',
  languages: ['python'],
  meta: {
    description: 'Agent tools must not pass model-chosen arguments to shell, eval, SQL, file writes or URLs without validation',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-20', 'CWE-78', 'CWE-94', 'CWE-918'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      unvalidatedToolArgument:
        '{{tool}} passes the model-chosen argument `{{arg}}` to {{sink}} without validation. The model picks tool arguments, so a prompt injection in anything it reads can make it {{danger}}.',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/tool|arguments|function_call|tool_use|mcp/i.test(text)) return {};
    return {
      File() {
        const calls = lang.nodes.ofType(['call']);
        const flow = new ToolFlow(lang);
        flow.register(calls);
        if (!flow.hasHandlers && !TOOL_SOURCE_TEXT.test(text)) return;
        for (const call of calls) {
          const sink = sinkOf(lang, call);
          if (!sink || !lang.liveBranch(call)) continue;
          for (const arg of sink.args) {
            const taint = flow.taint(arg, sink.kind);
            if (!taint || (sink.kind === 'url' && hostChecked(call))) continue;
            const tool = flow.toolOf(taint);
            context.report({
              range: lang.range(arg),
              messageId: 'unvalidatedToolArgument',
              data: {
                tool: tool ? `Tool "${tool.name}"` : `Tool call${dispatchName(lang, call)}`,
                arg: taint.field ?? argumentName(lang, arg, taint) ?? describe(arg),
                sink: sink.label,
                danger: DANGER[sink.kind],
              },
              flow: flowRelated(lang, taint, 'The model chooses this value'),
            });
            break;
          }
        }
      },
    };
  },
});

/**
 * Value flow from tool arguments on the shared flow: the shared sources (decorated tools, `BaseTool._run`,
 * `tool_call.function.arguments`) plus the parameters of functions registered as tools by a call
 * (`StructuredTool.from_function(func=f)`, `mcp.add_tool(f)`) or dispatched a tool call's arguments
 * (`TOOLS[name](**args)`), and `/` joins of paths.
 */
class ToolFlow {
  private readonly handlers = new Map<number, ToolDef>();
  private readonly options = new Map<SinkKind, PythonFlowOptions>();
  /** Options for finding dispatch calls: the shared sources only. */
  private readonly base: PythonFlowOptions = { kinds: new Set(['tool']), source: (n) => this.pathJoin(n, this.base) };
  private readonly inner = new Map<string, PythonTaint | null>();
  constructor(private readonly lang: PythonHelpers) {}

  /** Whether the file registers or dispatches tools by hand. */
  get hasHandlers(): boolean {
    return this.handlers.size > 0;
  }

  taint(node: SyntaxNode, kind: SinkKind): PythonTaint | null {
    let opts = this.options.get(kind);
    if (!opts) {
      const created: PythonFlowOptions = {
        kinds: new Set(['tool']),
        sanitizers: SANITIZERS[kind],
        url: kind === 'url',
        source: (n) => this.source(n, created),
      };
      this.options.set(kind, (opts = created));
    }
    const taint = this.lang.taint(node, opts);
    return taint && !this.constrained(taint) ? taint : null;
  }

  /** Finds the functions the file registers as tools or dispatches tool calls to. */
  register(calls: readonly SyntaxNode[]): void {
    for (const call of calls) {
      const last = calleeLastName(call);
      const fn = call.childForFieldName('function');
      if (last && Object.hasOwn(REGISTRARS, last)) this.registration(call, last);
      else if (fn?.type === 'call' && /^(?:tool|register_for_llm|register_for_execution)$/.test(calleeLastName(fn) ?? '')) {
        // `mcp.tool()(f)`, `agent.register_for_llm(...)(f)`
        this.addHandler(positionalArguments(call)[0], constantString(this.lang, this.lang.argument(fn, 0, 'name')));
      }
    }
    // Tool-call arguments the shared flow knows: `tool_call.function.arguments`, `function_call.args`, `tool_use.input`.
    if (/\.arguments\b|function_call|\.input\b/.test(this.lang.source)) for (const call of calls) this.dispatch(call);
  }

  private registration(call: SyntaxNode, last: string): void {
    const ref = this.lang.callee(call);
    const top = ref?.module?.split('.')[0] ?? '';
    if (!AGENT_PACKAGES.test(top)) return;
    const spec = REGISTRARS[last];
    const positional = positionalArguments(call);
    // LangChain's Tool(name, func, description) takes the function second.
    const positions = (last === 'Tool' || last === 'StructuredTool') && top.startsWith('langchain') ? [1] : last === 'Tool' ? [0] : spec.positions;
    const name = constantString(this.lang, this.lang.argument(call, null, 'name')) ?? (last === 'Tool' && top.startsWith('langchain') ? constantString(this.lang, positional[0]) : null);
    for (const p of positions) this.addHandler(positional[p], name);
    for (const k of spec.keywords) this.addHandler(keywordArgument(call, k)?.childForFieldName('value'), name);
  }

  /** `fn(**args)`, `TOOLS[name](**args)`, `fn = TOOLS.get(name); fn(args)` with tool-call arguments. */
  private dispatch(call: SyntaxNode): void {
    const callee = call.childForFieldName('function');
    // Only a name, a subscript or a `.get()` call can dispatch (see dispatchTable): most calls are methods, decided here.
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'subscript' && callee.type !== 'call')) return;
    const list = call.childForFieldName('arguments');
    const args = list ? withoutComments(list.namedChildren) : [];
    if (args.length === 0) return;
    // Shapes first, value flow last: only a table lookup or a local function given `**mapping` can dispatch.
    const table = this.dispatchTable(callee);
    const splatted = !table && args.some((a) => a.type === 'dictionary_splat') && callee.type === 'identifier' ? callee : null;
    if (!table && !splatted) return;
    if (!args.some((a) => a.type !== 'keyword_argument' && this.lang.taint(a, this.base))) return;
    if (splatted) {
      this.addHandler(splatted, null);
      return;
    }
    for (const pair of table!.namedChildren) {
      if (pair?.type !== 'pair') continue;
      this.addHandler(pair.childForFieldName('value'), constantString(this.lang, pair.childForFieldName('key')));
    }
  }

  /** The dict literal of functions a callee is looked up in: `TOOLS[name]`, `TOOLS.get(name)`, or a name bound once to either. */
  private dispatchTable(callee: SyntaxNode, depth = 0): SyntaxNode | null {
    if (depth > 3) return null;
    let lookup: SyntaxNode | null = null;
    if (callee.type === 'subscript') lookup = callee.childForFieldName('value');
    else if (callee.type === 'call' && calleeLastName(callee) === 'get') lookup = callee.childForFieldName('function')?.childForFieldName('object') ?? null;
    else if (callee.type === 'identifier') {
      const value = singleValue(this.lang, callee);
      return value ? this.dispatchTable(value, depth + 1) : null;
    }
    const dict = lookup?.type === 'identifier' ? singleValue(this.lang, lookup) : lookup;
    return dict?.type === 'dictionary' ? dict : null;
  }

  private addHandler(node: SyntaxNode | null | undefined, name: string | null): void {
    if (node?.type !== 'identifier') return;
    const sites = this.lang.scopes.lookupNode(node)?.sites ?? [];
    if (sites.length !== 1 || sites[0].kind !== 'def' || !sites[0].value) return;
    const fn = sites[0].value;
    if (!this.handlers.has(fn.id)) this.handlers.set(fn.id, { name: name ?? node.text, fn });
  }

  private source(n: SyntaxNode, opts: PythonFlowOptions): PythonTaint | null {
    if (n.type === 'binary_operator') return this.pathJoin(n, opts);
    if (n.type === 'attribute') return this.toolCallArguments(n);
    if (n.type !== 'identifier' || this.handlers.size === 0) return null;
    const sites = this.lang.scopes.lookupNode(n)?.sites ?? [];
    const param = sites.find((s) => s.kind === 'param' && s.fn && this.handlers.has(s.fn.id));
    if (!param || param.name === 'self' || param.name === 'cls' || /Context$/.test(param.stmt.childForFieldName('type')?.text ?? '')) return null;
    // A reassignment before this use decides instead (`path = os.path.basename(path)`); the shared flow follows it.
    if (sites.some((s) => s !== param && s.stmt.endIndex <= n.startIndex)) return null;
    // The shared flow checks guards after this hook: a source returned here must check them itself.
    if (this.lang.guards.protecting(n, opts.sanitizers?.has('path') ? PATH_GUARDS : DEFAULT_GUARDS, 0)) return null;
    const tool = this.handlers.get(param.fn!.id)!;
    return { kind: 'tool', node: param.id, description: `a tool argument chosen by the model (${param.name} of ${tool.name})`, field: param.name };
  }

  /**
   * Tool-call arguments the shared flow does not know by their receiver's name: OpenAI Responses API
   * `item.arguments` (`item.type == "function_call"`), Anthropic `block.input` (`block.type == "tool_use"`).
   */
  private toolCallArguments(n: SyntaxNode): PythonTaint | null {
    const name = n.childForFieldName('attribute')?.text;
    const object = n.childForFieldName('object');
    if ((name !== 'arguments' && name !== 'input') || object?.type !== 'identifier' || !importsLlm(this.lang)) return null;
    const wanted = name === 'arguments' ? /function_call|tool_call/ : /tool_use/;
    for (let p = n.parent; p && p.type !== 'function_definition'; p = p.parent) {
      const condition = p.type === 'if_statement' || p.type === 'elif_clause' ? p.childForFieldName('condition') : null;
      if (condition && condition.text.includes(`${object.text}.type`) && wanted.test(condition.text)) {
        return { kind: 'tool', node: n, description: `tool-call arguments chosen by the model (${object.text}.${name})` };
      }
    }
    return null;
  }

  /** `base / name` (pathlib): the path is as untrusted as its parts. */
  private pathJoin(n: SyntaxNode, opts: PythonFlowOptions): PythonTaint | null {
    if (n.type !== 'binary_operator' || n.childForFieldName('operator')?.text !== '/') return null;
    for (const side of [n.childForFieldName('left'), n.childForFieldName('right')]) {
      if (!side) continue;
      const key = `${side.id}:${this.keyOf(opts)}`;
      if (this.inner.has(key)) {
        const known = this.inner.get(key);
        if (known) return known;
        continue;
      }
      this.inner.set(key, null);
      const taint = this.lang.taint(side, opts);
      this.inner.set(key, taint);
      if (taint) return taint;
    }
    return null;
  }

  private keyOf(opts: PythonFlowOptions): string {
    if (opts === this.base) return 'base';
    for (const [kind, o] of this.options) if (o === opts) return kind;
    return '?';
  }

  /** The tool a parameter source belongs to: registered here, decorated, or a `BaseTool` subclass. */
  toolOf(taint: PythonTaint): ToolDef | null {
    const fn = this.parameterOf(taint)?.fn;
    if (!fn) return null;
    const known = this.handlers.get(fn.id);
    if (known) return known;
    const fnName = fn.childForFieldName('name')?.text ?? 'tool';
    for (const d of this.lang.decorators(fn)) {
      if (!d.call) continue;
      const name = constantString(this.lang, this.lang.argument(d.call, 0, 'name'));
      if (name) return { name, fn };
    }
    const cls = fn.parent?.parent?.type === 'class_definition' ? fn.parent.parent : null;
    if (cls) {
      const name = classAttribute(this.lang, cls, 'name');
      return { name: name ?? cls.childForFieldName('name')?.text ?? fnName, fn };
    }
    return { name: fnName, fn };
  }

  /** The parameter a source is (its `parameter` node), with its function. */
  private parameterOf(taint: PythonTaint): { fn: SyntaxNode; param: SyntaxNode } | null {
    const id = taint.node;
    if (id.type !== 'identifier') return null;
    const site = this.lang.scopes.lookupNode(id)?.sites.find((s) => s.kind === 'param' && s.id.equals(id));
    return site?.fn ? { fn: site.fn, param: site.stmt } : null;
  }

  /**
   * Whether the parameter's type restricts it: `Literal[...]`, an `Enum`, a number or boolean, a pydantic
   * `Field(pattern=…)` in `Annotated[...]`.
   */
  private constrained(taint: PythonTaint): boolean {
    const found = this.parameterOf(taint);
    const type = found?.param.childForFieldName('type');
    if (!type) return false;
    const t = type.text;
    if (/^(?:typing\.)?Literal\[/.test(t) || /\bpattern\s*=|\bregex\s*=/.test(t)) return true;
    const head = t.replace(/^(?:Optional|Annotated)\[/, '').split(/[[,\]\s|]/)[0].split('.').pop() ?? '';
    if (SAFE_TYPES.test(head)) return true;
    return this.isEnum(type, head);
  }

  private isEnum(type: SyntaxNode, head: string): boolean {
    for (const id of type.descendantsOfType('identifier')) {
      if (id?.text !== head) continue;
      const site = this.lang.scopes.lookupNode(id)?.sites[0];
      const bases = site?.kind === 'class' ? (site.value?.childForFieldName('superclasses')?.text ?? '') : '';
      return /\b(?:Enum|StrEnum|IntEnum)\b/.test(bases);
    }
    return false;
  }
}

/** The value a name is bound to once, or null. */
function singleValue(lang: PythonHelpers, id: SyntaxNode): SyntaxNode | null {
  const sites = lang.scopes.lookupNode(id)?.sites ?? [];
  return sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
}

/** `name = "shell"` or `name: str = "shell"` in a class body. */
function classAttribute(lang: PythonHelpers, cls: SyntaxNode, attr: string): string | null {
  for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === attr) {
      return constantString(lang, assignment.childForFieldName('right'));
    }
  }
  return null;
}

/** Which arguments of a call are a shell command, a program, code, SQL text, a written path or a URL; null if none. */
function sinkOf(lang: PythonHelpers, call: SyntaxNode): Sink | null {
  const last = calleeLastName(call);
  if (!last) return null;
  const ref = lang.callee(call);
  const key = ref ? refKey(ref) : '';
  const first = lang.argument(call, 0);
  if (SHELL_FUNCTIONS.has(key)) return first ? { kind: 'shell', label: `${key.replace(':', '.')}()`, args: [first] } : null;
  if (ref?.module === 'subprocess' && ref.path.length === 1 && SUBPROCESS.has(last)) {
    const command = lang.argument(call, 0, 'args');
    if (!command) return null;
    if (isTrue(lang, keywordArgument(call, 'shell')?.childForFieldName('value'))) return { kind: 'shell', label: `subprocess.${last}(…, shell=True)`, args: [command] };
    const program = command.type === 'list' || command.type === 'tuple' ? command.namedChildren.find((c) => c && c.type !== 'comment') : command;
    return program ? { kind: 'shell', label: `the program of subprocess.${last}()`, args: [program] } : null;
  }
  if (Object.hasOwn(PROGRAM_FUNCTIONS, key)) {
    const program = lang.argument(call, PROGRAM_FUNCTIONS[key]);
    return program ? { kind: 'shell', label: `the program of ${key.replace(':', '.')}()`, args: [program] } : null;
  }
  if (last === 'exec_command' && ref?.module === 'paramiko') return first ? { kind: 'shell', label: 'the remote command of exec_command()', args: [first] } : null;
  if (ref?.module === null && ref.path.length === 1 && CODE_BUILTINS.has(last)) return first ? { kind: 'code', label: `${last}()`, args: [first] } : null;
  if (SQL_METHODS.has(last) || key === 'sqlalchemy:text' || key === 'sqlalchemy.sql:text') {
    const sql = lang.argument(call, 0);
    return sql && ref?.module !== null && isSqlText(lang, sql) ? { kind: 'sql', label: `the SQL text of ${last}()`, args: [sql] } : null;
  }
  if (OPEN_FUNCTIONS.has(key)) {
    return first && writes(lang, lang.argument(call, 1, 'mode')) ? { kind: 'file', label: `the path of ${last}() for writing`, args: [first] } : null;
  }
  if (Object.hasOwn(FILE_FUNCTIONS, key)) {
    const paths = FILE_FUNCTIONS[key].map((i) => lang.argument(call, i)).filter((a): a is SyntaxNode => !!a);
    return paths.length > 0 ? { kind: 'file', label: `the path of ${key.replace(':', '.')}()`, args: paths } : null;
  }
  const fn = call.childForFieldName('function');
  if (PATH_WRITES.has(last) && fn?.type === 'attribute') {
    const receiver = fn.childForFieldName('object')!;
    if (!isPath(lang, receiver, ref)) return null;
    if (last === 'open' && !writes(lang, lang.argument(call, 0, 'mode'))) return null;
    const args = last === 'rename' || last === 'replace' ? [receiver, first].filter((a): a is SyntaxNode => !!a) : [receiver];
    return { kind: 'file', label: `the path of Path.${last}()`, args };
  }
  if (HTTP_METHODS.has(last) && ref?.module && HTTP_MODULES.has(ref.module)) {
    const url = last === 'request' ? lang.argument(call, 1, 'url') : lang.argument(call, 0, 'url');
    return url ? { kind: 'url', label: `the URL of ${describe(fn ?? call)}()`, args: [url] } : null;
  }
  return null;
}

/** A mode argument that writes, appends or creates (`'w'`, `'a'`, `'x'`, `'r+'`); unknown modes do not count. */
function writes(lang: PythonHelpers, mode: SyntaxNode | null): boolean {
  const value = constantString(lang, mode);
  return value !== null && /[wax+]/.test(value);
}

/** A `pathlib.Path`: resolved to pathlib, a `/` join, or a name bound once to either. */
function isPath(lang: PythonHelpers, receiver: SyntaxNode, ref: ReturnType<PythonHelpers['callee']>): boolean {
  if (ref?.module === 'pathlib') return true;
  let n: SyntaxNode | null = receiver;
  for (let i = 0; n && i < 4; i++) {
    if (n.type === 'parenthesized_expression') n = n.namedChildren[0];
    else if (n.type === 'binary_operator') return n.childForFieldName('operator')?.text === '/';
    else if (n.type === 'identifier') n = singleValue(lang, n);
    else if (n.type === 'call') {
      const callee = lang.callee(n);
      if (callee?.module === 'pathlib') return true;
      // `(ROOT / name).resolve()`
      const inner = n.childForFieldName('function');
      n = inner?.type === 'attribute' ? inner.childForFieldName('object') : null;
    } else return false;
  }
  return false;
}

/** SQL text built with an f-string, `+`, `%` or `.format()` (directly or through a name bound once) that reads like SQL. */
function isSqlText(lang: PythonHelpers, arg: SyntaxNode, depth = 0): boolean {
  const n = arg.type === 'parenthesized_expression' ? (arg.namedChildren[0] ?? arg) : arg;
  if (n.type === 'identifier') {
    const value = singleValue(lang, n);
    return depth < 3 && !!value && isSqlText(lang, value, depth + 1);
  }
  if (n.type === 'string') {
    return n.namedChildren.some((c) => c?.type === 'interpolation') && SQL_TEXT.test(n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join(' '));
  }
  if (n.type === 'call' && calleeLastName(n) === 'format') {
    const object = n.childForFieldName('function')?.childForFieldName('object');
    return SQL_TEXT.test(constantString(lang, object) ?? '');
  }
  if (n.type !== 'binary_operator' || !/^[+%]$/.test(n.childForFieldName('operator')?.text ?? '')) return false;
  const parts: string[] = [];
  const collect = (x: SyntaxNode | null, d: number) => {
    if (!x || d > 30) return;
    if (x.type === 'binary_operator' && x.childForFieldName('operator')?.text === '+') {
      collect(x.childForFieldName('left'), d + 1);
      collect(x.childForFieldName('right'), d + 1);
      return;
    }
    const v = constantString(lang, x);
    if (v !== null) parts.push(v);
    else if (x.type === 'string') parts.push(x.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join(' '));
  };
  if (n.childForFieldName('operator')?.text === '%') collect(n.childForFieldName('left'), 0);
  else collect(n, 0);
  return SQL_TEXT.test(parts.join(' '));
}

/**
 * For URL sinks: a check of the host before the request in the same function (`urlparse(url).hostname in
 * ALLOWED_HOSTS`, `ipaddress.ip_address(host).is_private`) or a fixed-origin prefix check (`url.startswith("https://api.example.com/")`).
 */
function hostChecked(call: SyntaxNode): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  for (const n of fn.descendantsOfType(['if_statement', 'elif_clause', 'assert_statement'])) {
    if (!n || n.startIndex >= call.startIndex) continue;
    const cond = n.type === 'assert_statement' ? n.namedChildren[0] : n.childForFieldName('condition');
    const t = cond?.text ?? '';
    if (/\.(?:hostname|netloc)\b/.test(t) && /\bin\b|==|!=/.test(t)) return true;
    if (/\.is_(?:private|global|loopback|link_local|reserved)\b/.test(t)) return true;
    if (/\.startswith\(\s*(?:f?["'])https?:\/\/[^/"']+\//.test(t)) return true;
  }
  return false;
}

/** For a hand-dispatched tool call: the tool name tested around the sink (`if name == "run_shell":`), as ` "x"`. */
function dispatchName(lang: PythonHelpers, node: SyntaxNode): string {
  for (let n: SyntaxNode | null = node, p = node.parent; n && p; n = p, p = p.parent) {
    if (p.type === 'function_definition') break;
    if ((p.type === 'if_statement' || p.type === 'elif_clause') && p.childForFieldName('consequence')?.equals(n)) {
      const name = nameComparison(lang, p.childForFieldName('condition'));
      if (name) return ` "${name}"`;
    }
    if (p.type === 'case_clause') {
      const value = constantString(lang, p.namedChildren.find((c) => c?.type === 'case_pattern')?.namedChildren[0]);
      if (value) return ` "${value}"`;
    }
  }
  return '';
}

function nameComparison(lang: PythonHelpers, cond: SyntaxNode | null): string | null {
  if (!cond) return null;
  // `name == "x"`, also inside `item.type == "function_call" and item.name == "x"`.
  for (const c of [cond, ...cond.descendantsOfType('comparison_operator')]) {
    if (c?.type !== 'comparison_operator' || !c.children.some((t) => t?.type === '==')) continue;
    const [a, b] = c.namedChildren.filter((x): x is SyntaxNode => !!x && x.type !== 'comment');
    if (!a || !b) continue;
    for (const [value, other] of [[a, b], [b, a]]) {
      const s = constantString(lang, value);
      if (s !== null && /name$/i.test(other.text)) return s;
    }
  }
  return null;
}

/** The argument a value reads from parsed tool-call arguments: `command` of `args["command"]` or `args.get("command")`. */
function argumentName(lang: PythonHelpers, arg: SyntaxNode, taint: PythonTaint): string | null {
  const candidates = [arg, ...(taint.steps ?? []).slice().reverse()];
  for (const c of candidates) {
    for (const n of [c, ...c.descendantsOfType(['subscript', 'call'])]) {
      if (!n) continue;
      if (n.type === 'subscript') {
        const key = constantString(lang, n.childForFieldName('subscript'));
        if (key !== null) return key;
      } else if (n.type === 'call' && calleeLastName(n) === 'get') {
        const key = constantString(lang, lang.argument(n, 0));
        if (key !== null) return key;
      }
    }
  }
  return null;
}
