import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { CallLike, FlowOptions, Taint, TaintKind } from '../../languages/js/flow';
import { allowListValues, enclosingFunction, someBefore } from '../../languages/js/guards';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

type Fn = t.Function & JsNode;

/** A tool definition: the handler whose first parameter holds the model-chosen arguments. */
interface ToolDef {
  name: string;
  handler: Fn;
  schema: JsNode | null;
}

/** A sink argument built from tool arguments: which tool, which argument (null: the whole input). */
interface Hit {
  tool: ToolDef | null;
  arg: string | null;
  /** The function whose body may validate the value (the handler, or the dispatching function). */
  scope: JsNode | null;
}

type SinkKind = 'shell' | 'code' | 'sql' | 'file';
interface Sink {
  kind: SinkKind;
  label: string;
  args: JsNode[];
}

const CHILD_PROCESS = new Set(['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']);
const VM_FUNCTIONS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script']);
/** fs functions that write, move or delete; the value is the argument positions that are paths. */
const FS_WRITES: Record<string, number[]> = {
  writeFile: [0], writeFileSync: [0], appendFile: [0], appendFileSync: [0], createWriteStream: [0],
  rm: [0], rmSync: [0], rmdir: [0], rmdirSync: [0], unlink: [0], unlinkSync: [0], truncate: [0], truncateSync: [0],
  rename: [0, 1], renameSync: [0, 1], copyFile: [1], copyFileSync: [1], cp: [1], cpSync: [1], symlink: [0, 1],
  outputFile: [0], outputFileSync: [0], writeJson: [0], writeJsonSync: [0], remove: [0], removeSync: [0], move: [0, 1],
};
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra']);
const SQL_METHODS = new Set(['query', 'execute', 'raw', 'unsafe', '$queryRawUnsafe', '$executeRawUnsafe', 'exec', 'prepare', 'all', 'get', 'run']);
const SQL_TEXT = /\b(select|insert|update|delete|drop|create|alter|truncate|from|where|into)\b/i;
const SINK_NAMES = new Set([...CHILD_PROCESS, ...VM_FUNCTIONS, ...Object.keys(FS_WRITES), ...SQL_METHODS, 'eval', 'Function']);
/** Zod methods and JSON Schema keywords that restrict a value to a known set or a safe shape. */
const ZOD_CONSTRAINTS = new Set(['enum', 'nativeEnum', 'literal', 'regex', 'number', 'int', 'boolean', 'bigint', 'uuid', 'cuid', 'ulid']);
const JSON_CONSTRAINTS = new Set(['enum', 'const', 'pattern']);
/** Checks on the value itself: `x.match(/re/)`, containment `resolved.startsWith(ROOT)`. */
const CHECK_SELF_METHODS = new Set(['match', 'startsWith']);
const SANITIZING_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean']);
const SANITIZER_NAME = /^(sanitize|escape|quote|shellQuote|shellEscape|validate|allowlist|whitelist|assert|basename)/i;
/** Only tool arguments are sources here; the other rules cover request data and model output. */
const TOOL_KINDS: ReadonlySet<TaintKind> = new Set(['tool']);
const DANGER: Record<SinkKind, string> = {
  shell: 'run any command on this machine',
  code: 'run any JavaScript in this process',
  sql: 'run any SQL against the database',
  file: 'overwrite or delete any file this process can reach',
};

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-unvalidated-agent-tool',
  languages: ['js'],
  meta: {
    description: 'Agent tools must not pass model-chosen arguments to shell, eval, SQL or file writes without an allow-list',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-20', 'CWE-78'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      unvalidatedToolArgument:
        '{{tool}} passes the model-chosen argument `{{arg}}` to {{sink}} without an allow-list check. The model picks tool arguments, so a prompt injection in anything it reads can make it {{danger}}.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!/tool|Tool|arguments|functionCall|function_call/.test(text)) return {};
    const tools = new Map<JsNode, ToolDef>();
    const lowLevel = new Set<JsNode>();
    const candidates: Array<t.CallExpression | t.NewExpression> = [];
    let aliases: Set<string> | null = null;
    const addTool = (handler: JsNode | null | undefined, name: string, schema: JsNode | null) => {
      const fn = handler ? functionOf(handler, lang) : null;
      if (fn && !tools.has(fn)) tools.set(fn, { name, handler: fn, schema });
    };
    const call = (node: JsNode) => {
      const c = node as (t.CallExpression | t.NewExpression) & JsNode;
      const callee = unwrap(c.callee as JsNode);
      const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      if (name && (SINK_NAMES.has(name) || (callee.type === 'Identifier' && (aliases ??= sinkAliases(lang)).has(name)))) candidates.push(c);
      if (name === 'tool' || name === 'registerTool' || name === 'DynamicTool' || name === 'DynamicStructuredTool') {
        toolDefinition(c, name, lang, text, addTool);
      } else if (name === 'setRequestHandler') {
        const handler = lowLevelToolHandler(c, lang);
        if (handler) lowLevel.add(handler);
      }
    };
    return {
      CallExpression: call,
      NewExpression: call,
      ClassMethod(node) {
        // LangChain: class MyTool extends StructuredTool { async _call(input) { … } }
        const m = node as t.ClassMethod & JsNode;
        if (propertyName(m) !== '_call') return;
        const cls = m.parent?.parent as (t.ClassDeclaration | t.ClassExpression) & JsNode | undefined;
        if (!cls?.superClass || !lang.resolve(cls.superClass as JsNode)?.module?.includes('langchain')) return;
        const nameProp = cls.body.body.find((p) => p.type === 'ClassProperty' && propertyName(p) === 'name') as t.ClassProperty | undefined;
        const schemaProp = cls.body.body.find((p) => p.type === 'ClassProperty' && propertyName(p) === 'schema') as t.ClassProperty | undefined;
        addTool(m, stringOf(nameProp?.value as JsNode) ?? cls.id?.name ?? 'tool', (schemaProp?.value as JsNode) ?? null);
      },
      'Program:exit'() {
        const flow = new ToolFlow(lang, tools, lowLevel);
        for (const c of candidates) {
          const sink = sinkOf(c, lang);
          if (!sink) continue;
          for (const arg of sink.args) {
            const hit = flow.derive(arg);
            if (!hit || flow.validated(hit, c as JsNode)) continue;
            context.report({
              range: [arg.start!, arg.end!],
              messageId: 'unvalidatedToolArgument',
              data: {
                tool: `Tool ${hit.tool ? `"${hit.tool.name}"` : dispatchName(c as JsNode)}`,
                arg: hit.arg ?? text.slice(arg.start!, arg.end!),
                sink: sink.label,
                danger: DANGER[sink.kind],
              },
            });
            break;
          }
        }
      },
    };
  },
});

/** Module-level names bound to a sink module's function under another name (`run = promisify(exec)`). */
function sinkAliases(lang: JsHelpers): Set<string> {
  const program = lang.parsed.root.program as JsNode;
  const names = new Set<string>();
  for (const [name, binding] of lang.scopes.info(program).bindings) {
    const module = lang.resolver.resolve(binding.id, [program])?.module;
    if (module === 'child_process' || module === 'vm' || (module && FS_MODULES.has(module))) names.add(name);
  }
  return names;
}

/** Recognises `tool({ execute })`, `tool(fn, { schema })`, `new DynamicTool({ func })`, MCP `server.tool(…)`. */
function toolDefinition(
  c: (t.CallExpression | t.NewExpression) & JsNode,
  name: string,
  lang: JsHelpers,
  text: string,
  addTool: (handler: JsNode | null | undefined, name: string, schema: JsNode | null) => void,
): void {
  const args = c.arguments as JsNode[];
  const callee = unwrap(c.callee as JsNode);
  const first = args[0] ? unwrap(args[0]) : null;
  if (callee.type === 'Identifier') {
    const module = lang.resolve(callee)?.module ?? '';
    if (name === 'tool' && /^(ai|@openai\/agents(-core)?)$/.test(module) && first?.type === 'ObjectExpression') {
      const opts = first as t.ObjectExpression;
      const execute = prop(opts, 'execute');
      addTool(execute?.type === 'ObjectMethod' ? (execute as JsNode) : (execute?.value as JsNode), stringOf(valueOf(prop(opts, 'name'))) ?? nameFromContext(c), valueOf(prop(opts, 'parameters') ?? prop(opts, 'inputSchema')));
    } else if (module.includes('langchain') && name === 'tool' && first) {
      const opts = args[1] && unwrap(args[1]).type === 'ObjectExpression' ? (unwrap(args[1]) as t.ObjectExpression) : null;
      addTool(first, stringOf(opts ? valueOf(prop(opts, 'name')) : null) ?? nameFromContext(c), opts ? valueOf(prop(opts, 'schema')) : null);
    } else if (module.includes('langchain') && c.type === 'NewExpression' && first?.type === 'ObjectExpression') {
      const opts = first as t.ObjectExpression;
      const func = prop(opts, 'func');
      addTool(func?.type === 'ObjectMethod' ? (func as JsNode) : (func?.value as JsNode), stringOf(valueOf(prop(opts, 'name'))) ?? nameFromContext(c), valueOf(prop(opts, 'schema')));
    }
    return;
  }
  // MCP: server.tool(name, [description], [shape, [annotations]], handler) / server.registerTool(name, config, handler).
  if (!text.includes('@modelcontextprotocol') || c.type !== 'CallExpression' || args.length < 2) return;
  if (callee.type !== 'MemberExpression' || !isMcpServer(callee.object as JsNode, lang, 0)) return;
  const handler = args[args.length - 1];
  const toolName = stringOf(args[0]) ?? lang.constantString(args[0]) ?? 'tool';
  if (name === 'registerTool') {
    const config = lang.definition(args[1]);
    // Without an inputSchema the handler only receives the request context, no arguments.
    if (config?.type === 'ObjectExpression' && !prop(config, 'inputSchema')) return;
    addTool(handler, toolName, config?.type === 'ObjectExpression' ? valueOf(prop(config, 'inputSchema')) : null);
  } else if (name === 'tool') {
    // The first argument between the name and the handler that is not a description string is the shape.
    const shape = args.slice(1, -1).find((a) => lang.constantString(a) === null && unwrap(a).type !== 'TemplateLiteral');
    if (shape) addTool(handler, toolName, shape);
  }
}

/** Modules of the MCP TypeScript SDK. */
const isMcpModule = (m: string | null | undefined) => !!m && (m === '@modelcontextprotocol/sdk' || m.startsWith('@modelcontextprotocol/sdk/'));

/**
 * An `McpServer` of the MCP TypeScript SDK: `new McpServer(…)`, a variable holding one, a parameter typed
 * `McpServer`, or `this.server` in a file that imports `McpServer` (its field is set in a constructor).
 */
function isMcpServer(node: JsNode, lang: JsHelpers, depth: number): boolean {
  if (depth > 10) return false;
  const n = unwrap(node);
  if (n.type === 'NewExpression') return isMcpServerClass(n.callee as JsNode, lang);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    if (b?.kind === 'param' && b.path.length === 0) return isMcpServerType(b.id, lang);
    return b?.kind === 'var' && !!b.init && b.path.length === 0 && isMcpServer(b.init, lang, depth + 1);
  }
  if (n.type === 'MemberExpression' && n.object.type === 'ThisExpression') {
    const program = lang.parsed.root.program as JsNode;
    return [...lang.scopes.info(program).bindings.values()].some((b) => b.kind === 'import' && b.imported === 'McpServer' && isMcpModule(b.module));
  }
  return false;
}

function isMcpServerClass(node: JsNode, lang: JsHelpers): boolean {
  const ref = lang.resolve(node);
  return isMcpModule(ref?.module) && ref!.path.join('.') === 'McpServer';
}

/** A parameter annotated `server: McpServer` with the type imported from the SDK. */
function isMcpServerType(id: JsNode, lang: JsHelpers): boolean {
  const annotation = (id as t.Identifier).typeAnnotation;
  const type = annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : null;
  return type?.type === 'TSTypeReference' && type.typeName.type === 'Identifier' && isMcpServerClass(type.typeName as JsNode, lang);
}

/**
 * The handler of the low-level MCP API, `server.setRequestHandler(CallToolRequestSchema, async (request) => …)`,
 * whose `request.params.arguments` are the model-chosen tool arguments.
 */
function lowLevelToolHandler(c: (t.CallExpression | t.NewExpression) & JsNode, lang: JsHelpers): Fn | null {
  const [schema, handler] = c.arguments as JsNode[];
  if (!schema || !handler) return null;
  const ref = lang.resolve(schema);
  return isMcpModule(ref?.module) && ref!.path.join('.') === 'CallToolRequestSchema' ? functionOf(handler, lang) : null;
}

/** Where the tool arguments are inside the request a low-level MCP handler receives. */
const LOW_LEVEL_ARGS = ['params', 'arguments'];

/** The tool's name from where it is stored: `{ runShell: tool(…) }` or `const runShell = tool(…)`. */
function nameFromContext(c: JsNode): string {
  const p = c.parent;
  if (p?.type === 'ObjectProperty') return propertyName(p) ?? 'tool';
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  return 'tool';
}

/** For a model's tool call dispatched by hand: the name tested around the sink (`call.function.name === 'x'`). */
function dispatchName(node: JsNode): string {
  for (let n: JsNode | null | undefined = node; n; n = n.parent) {
    const p: JsNode | null | undefined = n.parent;
    if (p?.type === 'IfStatement' && p.consequent === n) {
      const name = nameComparison(p.test as JsNode);
      if (name) return `"${name}"`;
    }
    if (p?.type === 'SwitchStatement' && n.type === 'SwitchCase' && n.test) {
      const v = staticValue(n.test as JsNode);
      if (v.known && typeof v.value === 'string') return `"${v.value}"`;
    }
  }
  return 'call';
}

function nameComparison(test: JsNode): string | null {
  const n = unwrap(test);
  if (n.type !== 'BinaryExpression' || (n.operator !== '===' && n.operator !== '==')) return null;
  for (const [a, b] of [[n.left, n.right], [n.right, n.left]]) {
    const v = staticValue(a as JsNode);
    if (v.known && typeof v.value === 'string' && memberPath(b)?.at(-1) === 'name') return v.value;
  }
  return null;
}

/** Which argument positions of a call are a shell command, code, SQL text or a written path; null if none. */
function sinkOf(c: t.CallExpression | t.NewExpression, lang: JsHelpers): Sink | null {
  const callee = unwrap(c.callee as JsNode);
  const args = (c.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement');
  if (args.length === 0) return null;
  const ref = lang.resolve(callee);
  const fn = ref?.path.at(-1) ?? '';
  if (ref?.module === 'child_process' && ref.path.length === 1 && CHILD_PROCESS.has(fn)) {
    return { kind: 'shell', label: `${fn}()`, args: [args[0]] };
  }
  if (ref?.module === null && ref.path.length === 1 && (fn === 'eval' || fn === 'Function')) {
    return { kind: 'code', label: fn === 'eval' ? 'eval()' : 'new Function()', args: fn === 'eval' ? [args[0]] : args };
  }
  if (ref?.module === 'vm' && VM_FUNCTIONS.has(fn)) return { kind: 'code', label: `vm.${fn}()`, args: [args[0]] };
  if (ref?.module && FS_MODULES.has(ref.module) && fn in FS_WRITES) {
    const paths = FS_WRITES[fn].map((i) => args[i]).filter((a) => !!a);
    return { kind: 'file', label: `the path of fs.${fn}()`, args: paths };
  }
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : null;
  if (method && SQL_METHODS.has(method) && c.type === 'CallExpression' && isSqlText(args[0], lang)) {
    return { kind: 'sql', label: `the SQL text of ${method}()`, args: [args[0]] };
  }
  return null;
}

/** A query string built with a template or `+` (directly or through a variable) that reads like SQL. */
function isSqlText(arg: JsNode, lang: JsHelpers): boolean {
  let n = unwrap(arg);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    if (!b || b.kind !== 'var' || !b.init || b.path.length > 0) return false;
    n = unwrap(b.init);
  }
  if (n.type === 'TemplateLiteral') return n.expressions.length > 0 && SQL_TEXT.test(n.quasis.map((q) => q.value.raw).join(' '));
  if (n.type !== 'BinaryExpression' || n.operator !== '+') return false;
  const parts: string[] = [];
  const collect = (x: t.Node) => {
    if (x.type === 'BinaryExpression' && x.operator === '+') {
      collect(x.left);
      collect(x.right);
    } else {
      const v = staticValue(x as JsNode);
      if (v.known && typeof v.value === 'string') parts.push(v.value);
    }
  };
  collect(n);
  return SQL_TEXT.test(parts.join(' '));
}

/** Where a tool argument comes from: which tool (null for a hand-dispatched tool call) and the function that may validate it. */
interface Origin {
  tool: ToolDef | null;
  scope: JsNode | null;
}

/**
 * Value flow from tool arguments on the shared flow of `context.lang`: tool-handler parameters and
 * parsed tool-call arguments are added as `tool` sources, and the first property read from them is
 * recorded as the argument's name (`Taint.field`).
 */
class ToolFlow {
  private readonly options: FlowOptions = {
    kinds: TOOL_KINDS,
    source: (n) => this.source(n),
    sanitizes: (c) => isSanitizer(c),
  };
  /** Origins of the sources found, by source node. */
  private readonly origins = new Map<JsNode, Origin>();
  /** Taint of the objects and initialisers the source hook looks through; null also while one is computed. */
  private readonly memo = new Map<JsNode, Taint | null>();

  constructor(
    private readonly lang: JsHelpers,
    private readonly tools: ReadonlyMap<JsNode, ToolDef>,
    private readonly lowLevel: ReadonlySet<JsNode>,
  ) {}

  /** The tool argument `node` is built from, if any. */
  derive(node: JsNode): Hit | null {
    const taint = this.lang.taint(node, this.options);
    if (!taint) return null;
    const origin = this.origins.get(taint.node) ?? { tool: null, scope: null };
    return { ...origin, arg: taint.field ?? null };
  }

  private source(n: JsNode): Taint | null {
    const access = this.lowLevel.size > 0 ? this.requestPath(n, 0) : null;
    if (access && LOW_LEVEL_ARGS.every((p, i) => access.path[i] === p)) {
      return this.found(n, null, access.fn, access.path[LOW_LEVEL_ARGS.length] ?? null);
    }
    switch (n.type) {
      case 'Identifier':
        return this.identifier(n);
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.member(n);
      case 'CallExpression': {
        const path = memberPath(unwrap(n.callee as JsNode));
        const parsed = path?.join('.') === 'JSON.parse' && n.arguments[0] && isToolCallArguments(n.arguments[0] as JsNode);
        return parsed ? this.found(n, null, enclosingFunction(n), null) : null;
      }
      default:
        return null;
    }
  }

  /**
   * For a name or static member chain rooted at the request parameter of a low-level MCP tool handler
   * (directly, destructured, or through constants): the handler and the property path from the request.
   */
  private requestPath(n: JsNode, depth: number): { fn: JsNode; path: string[] } | null {
    const chain = depth < 10 ? memberPath(n) : null;
    if (!chain) return null;
    const [root, ...props] = chain;
    if (root === 'this') return null;
    const b = this.lang.scopes.lookup(root, this.lang.scopes.chainOf(n))?.binding;
    if (b?.kind === 'param' && b.paramIndex === 0 && b.fn && this.lowLevel.has(b.fn)) return { fn: b.fn, path: [...b.path, ...props] };
    if (b?.kind !== 'var' || !b.init || this.lang.scopes.info(b.scope).assignments.has(b.name)) return null;
    const base = this.requestPath(unwrap(b.init), depth + 1);
    return base ? { fn: base.fn, path: [...base.path, ...b.path, ...props] } : null;
  }

  private member(n: t.MemberExpression | t.OptionalMemberExpression): Taint | null {
    const name = propertyName(n);
    if (name === 'length') return null;
    // Anthropic `toolUse.input`, Gemini `functionCall.args`: tool arguments the SDK already parsed.
    const path = memberPath(n);
    if (path && path.length >= 2 && ((name === 'input' && /tool_?use|tool_?call/i.test(path.at(-2)!)) || (name === 'args' && /function_?call/i.test(path.at(-2)!)))) {
      return this.found(n as JsNode, null, enclosingFunction(n as JsNode), null);
    }
    // Only the object matters (the shared flow does the same): `COMMANDS[args.name]` is a lookup in a fixed table.
    return withField(this.inner(n.object as JsNode), name);
  }

  private identifier(n: t.Identifier): Taint | null {
    const { scopes } = this.lang;
    const b = scopes.lookup(n.name, scopes.chainOf(n as JsNode))?.binding;
    if (!b) return null;
    if (b.kind === 'param' && b.paramIndex === 0 && b.fn && this.tools.has(b.fn)) {
      return this.found(b.id, this.tools.get(b.fn)!, b.fn, b.path[0] ?? null);
    }
    // `const { command } = args`: the destructured name is the argument; plain bindings are left to the shared flow.
    const first = b.kind === 'var' ? b.path[0] : b.kind === 'for' ? b.path[1] : undefined;
    return first !== undefined && b.init ? withField(this.inner(b.init), first) : null;
  }

  /** The tool-kind taint of `node` on a fresh walk, memoised; a node already being computed counts as clean. */
  private inner(node: JsNode): Taint | null {
    if (this.memo.has(node)) return this.memo.get(node)!;
    this.memo.set(node, null);
    const taint = this.lang.taint(node, this.options);
    this.memo.set(node, taint);
    return taint;
  }

  private found(node: JsNode, tool: ToolDef | null, scope: JsNode | null, field: string | null): Taint {
    this.origins.set(node, { tool, scope });
    const taint: Taint = { kind: 'tool', node, description: `a model-chosen tool argument${field && field !== '[]' ? ` (${field})` : ''}` };
    if (field !== null && field !== '[]') taint.field = field;
    return taint;
  }

  /** Whether the argument is restricted by the tool's schema or checked before `sink` in its function. */
  validated(hit: Hit, sink: JsNode): boolean {
    if (hit.tool && hit.arg !== null && constrainedBySchema(hit.tool.schema, hit.arg, this.lang)) return true;
    if (!hit.scope) return false;
    const same = (x: t.Node | null | undefined) => {
      const r = x ? this.derive(x as JsNode) : null;
      return !!r && r.scope === hit.scope && r.arg === hit.arg;
    };
    return someBefore(hit.scope, sink, (node) => isCheck(node, same));
  }
}

/** Adds the name of the property read from a source that has none yet: `args.command` -> `command`. */
function withField(taint: Taint | null, field: string | null | undefined): Taint | null {
  if (!taint || taint.field !== undefined || !field || field === '[]') return taint;
  return { ...taint, field };
}

/** Number conversions and sanitizer-named helpers (`path.basename` included) end the flow. */
function isSanitizer(c: CallLike): boolean {
  const callee = unwrap(c.callee as JsNode);
  if (callee.type === 'Identifier') return SANITIZING_GLOBALS.has(callee.name) || SANITIZER_NAME.test(callee.name);
  const method = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? propertyName(callee) : null;
  return method !== null && SANITIZER_NAME.test(method);
}

/** An allow-list lookup, a match or containment check, `in`, a comparison with a string or a `switch` on a value `same` accepts. */
function isCheck(node: JsNode, same: (x: t.Node | null | undefined) => boolean): boolean {
  if (allowListValues(node).some((a) => same(a))) return true;
  if (node.type === 'CallExpression' && (node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression')) {
    if (CHECK_SELF_METHODS.has(propertyName(node.callee) ?? '')) return same(node.callee.object);
  }
  if (node.type === 'BinaryExpression') {
    if (node.operator === 'in') return same(node.left);
    if (['===', '!==', '==', '!='].includes(node.operator)) {
      for (const [a, b] of [[node.left, node.right], [node.right, node.left]]) {
        const v = staticValue(a as JsNode);
        if (v.known && typeof v.value === 'string' && v.value !== '' && same(b)) return true;
      }
    }
  }
  if (node.type === 'SwitchStatement') return same(node.discriminant);
  return false;
}

/** `toolCall.function.arguments` (Chat Completions) or `item.arguments` (Responses API function calls). */
function isToolCallArguments(node: JsNode): boolean {
  const path = memberPath(node);
  if (!path || path.at(-1) !== 'arguments') return false;
  return path.at(-2) === 'function' || (path.length >= 2 && /call|item|tool|fc/i.test(path.at(-2)!));
}

/** Whether the schema of the tool restricts `arg` to an enum, literal, pattern or non-string type. */
function constrainedBySchema(schema: JsNode | null, arg: string, lang: JsHelpers): boolean {
  const shape = schema ? shapeOf(schema, lang, 0) : null;
  const p = shape ? prop(shape, arg) : null;
  if (!p || p.type !== 'ObjectProperty') return false;
  const value = unwrap(p.value as JsNode);
  if (value.type === 'ObjectExpression') {
    return value.properties.some((q) => {
      if (q.type !== 'ObjectProperty') return false;
      const key = propertyName(q) ?? '';
      const v = staticValue(q.value as JsNode);
      return JSON_CONSTRAINTS.has(key) || (key === 'type' && v.known && ['number', 'integer', 'boolean'].includes(String(v.value)));
    });
  }
  for (let n: t.Node = value; n.type === 'CallExpression'; ) {
    const callee = unwrap(n.callee as JsNode);
    if (callee.type !== 'MemberExpression') break;
    if (ZOD_CONSTRAINTS.has(propertyName(callee) ?? '')) return true;
    n = unwrap(callee.object as JsNode);
  }
  return false;
}

/** The object literal listing a schema's properties: `z.object({…})`, JSON Schema `properties`, a raw shape. */
function shapeOf(node: JsNode, lang: JsHelpers, depth: number): t.ObjectExpression | null {
  if (depth > 10) return null;
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    return b?.kind === 'var' && b.init && b.path.length === 0 ? shapeOf(b.init, lang, depth + 1) : null;
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee as JsNode);
    const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
    if ((name === 'object' || name === 'strictObject' || name === 'jsonSchema') && n.arguments[0]) return shapeOf(n.arguments[0] as JsNode, lang, depth + 1);
    // z.object({…}).strict() / .describe(…)
    return callee.type === 'MemberExpression' ? shapeOf(callee.object as JsNode, lang, depth + 1) : null;
  }
  if (n.type !== 'ObjectExpression') return null;
  const properties = prop(n, 'properties');
  if (properties?.type === 'ObjectProperty' && unwrap(properties.value as JsNode).type === 'ObjectExpression') {
    return unwrap(properties.value as JsNode) as t.ObjectExpression;
  }
  return n;
}

function prop(obj: t.ObjectExpression, name: string): t.ObjectProperty | t.ObjectMethod | null {
  for (const p of obj.properties) if (p.type !== 'SpreadElement' && propertyName(p) === name) return p;
  return null;
}

function valueOf(p: t.ObjectProperty | t.ObjectMethod | null): JsNode | null {
  return p?.type === 'ObjectProperty' ? (p.value as JsNode) : null;
}

function stringOf(node: JsNode | null | undefined): string | null {
  const v = staticValue(node);
  return v.known && typeof v.value === 'string' ? v.value : null;
}

/** The function a handler expression denotes: inline, or a name bound to a function in this file. */
function functionOf(node: JsNode, lang: JsHelpers): Fn | null {
  const n = unwrap(node);
  if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'ObjectMethod' || n.type === 'ClassMethod' || n.type === 'FunctionDeclaration') {
    return n as Fn;
  }
  if (n.type !== 'Identifier') return null;
  const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
  if (b?.kind === 'function') return b.id.parent as Fn;
  if (b?.kind === 'var' && b.init && b.path.length === 0) {
    const init = unwrap(b.init);
    return init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression' ? (init as Fn) : null;
  }
  return null;
}
