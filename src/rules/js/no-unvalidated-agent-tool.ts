import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';

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
/** Checks that restrict a value to an allow-list: `LIST.includes(x)`, `SET.has(x)`, `/re/.test(x)`. */
const CHECK_ARG_METHODS = new Set(['includes', 'has', 'test', 'indexOf', 'hasOwnProperty', 'hasOwn']);
/** Checks on the value itself: `x.match(/re/)`, containment `resolved.startsWith(ROOT)`. */
const CHECK_SELF_METHODS = new Set(['match', 'startsWith']);
const SANITIZING_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean']);
const SANITIZER_NAME = /^(sanitize|escape|quote|shellQuote|shellEscape|validate|allowlist|whitelist|assert|basename)/i;
const NON_TEXT_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'has', 'some', 'every', 'length']);
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
        const flow = new ToolFlow(lang, tools);
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
  // MCP: server.tool(name, [description], [shape], handler) / server.registerTool(name, config, handler).
  if (!text.includes('@modelcontextprotocol') || c.type !== 'CallExpression' || args.length < 2) return;
  const handler = args[args.length - 1];
  const toolName = stringOf(args[0]) ?? 'tool';
  if (name === 'registerTool') {
    const config = unwrap(args[1]);
    addTool(handler, toolName, config.type === 'ObjectExpression' ? valueOf(prop(config, 'inputSchema')) : null);
  } else {
    const shape = args.slice(1, -1).map((a) => unwrap(a)).find((a) => a.type === 'ObjectExpression' || a.type === 'Identifier');
    addTool(handler, toolName, shape ?? null);
  }
}

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

/** Value flow from tool arguments, which the shared flow helper does not know about. */
class ToolFlow {
  constructor(
    private readonly lang: JsHelpers,
    private readonly tools: ReadonlyMap<JsNode, ToolDef>,
  ) {}

  /** The tool argument `node` is built from, if any. */
  derive(node: JsNode, depth = 0, seen = new Set<JsNode>()): Hit | null {
    if (depth > 30 || seen.has(node)) return null;
    seen.add(node);
    const r = this.compute(unwrap(node), depth + 1, seen);
    seen.delete(node);
    return r;
  }

  private compute(n: JsNode, depth: number, seen: Set<JsNode>): Hit | null {
    const rec = (x: t.Node | null | undefined) => (x ? this.derive(x as JsNode, depth, seen) : null);
    const any = (xs: ReadonlyArray<t.Node | null | undefined>) => {
      for (const x of xs) {
        const r = rec(x);
        if (r) return r;
      }
      return null;
    };
    switch (n.type) {
      case 'TemplateLiteral':
        return any(n.expressions);
      case 'BinaryExpression':
        return n.operator === '+' ? any([n.left, n.right]) : null;
      case 'LogicalExpression':
        return any([n.left, n.right]);
      case 'ConditionalExpression':
        return any([n.consequent, n.alternate]);
      case 'AwaitExpression':
      case 'SpreadElement':
        return rec(n.argument);
      case 'AssignmentExpression':
        return rec(n.right);
      case 'SequenceExpression':
        return rec(n.expressions.at(-1));
      case 'ArrayExpression':
        return any(n.elements);
      case 'ObjectExpression':
        return any(n.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : p.type === 'SpreadElement' ? p : null)));
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.member(n, rec);
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(n, rec, any);
      case 'Identifier':
        return this.identifier(n, depth, seen);
      default:
        return null;
    }
  }

  private member(n: t.MemberExpression | t.OptionalMemberExpression, rec: (x: t.Node) => Hit | null): Hit | null {
    const name = propertyName(n);
    if (name === 'length') return null;
    // Anthropic `toolUse.input`, Gemini `functionCall.args`: tool arguments the SDK already parsed.
    const path = memberPath(n);
    if (path && path.length >= 2 && ((name === 'input' && /tool_?use|tool_?call/i.test(path.at(-2)!)) || (name === 'args' && /function_?call/i.test(path.at(-2)!)))) {
      return { tool: null, arg: null, scope: enclosingFunction(n as JsNode) };
    }
    // Only the object matters: `COMMANDS[args.name]` is a lookup in a fixed table.
    const r = rec(n.object);
    return r && r.arg === null && name !== null ? { ...r, arg: name } : r;
  }

  private call(
    n: t.CallExpression | t.OptionalCallExpression | t.NewExpression,
    rec: (x: t.Node) => Hit | null,
    any: (xs: ReadonlyArray<t.Node | null | undefined>) => Hit | null,
  ): Hit | null {
    const callee = unwrap(n.callee as JsNode);
    const path = memberPath(callee);
    if (path?.join('.') === 'JSON.parse' && n.arguments[0] && isToolCallArguments(n.arguments[0] as JsNode)) {
      return { tool: null, arg: null, scope: enclosingFunction(n as JsNode) };
    }
    if (callee.type === 'Identifier') {
      if (SANITIZING_GLOBALS.has(callee.name) || SANITIZER_NAME.test(callee.name)) return null;
      return any(n.arguments);
    }
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const method = propertyName(callee) ?? '';
      if (NON_TEXT_METHODS.has(method) || SANITIZER_NAME.test(method)) return null;
      return any([callee.object, ...n.arguments]);
    }
    return any(n.arguments);
  }

  private identifier(n: t.Identifier, depth: number, seen: Set<JsNode>): Hit | null {
    const { scopes } = this.lang;
    const found = scopes.lookup(n.name, scopes.chainOf(n as JsNode));
    if (!found) return null;
    const b = found.binding;
    if (b.kind === 'param' && b.paramIndex === 0 && b.fn && this.tools.has(b.fn)) {
      const first = b.path[0];
      return { tool: this.tools.get(b.fn)!, arg: first && first !== '[]' ? first : null, scope: b.fn };
    }
    if ((b.kind === 'var' || b.kind === 'for') && b.init) {
      const r = this.derive(b.init, depth, seen);
      const first = b.kind === 'var' ? b.path[0] : b.path[1];
      if (r) return r.arg === null && first && first !== '[]' ? { ...r, arg: first } : r;
    }
    for (const a of scopes.info(b.scope).assignments.get(n.name) ?? []) {
      if (a.start >= (n.start ?? 0)) continue;
      const r = this.derive(a.value, depth, seen);
      if (r) return r;
    }
    return null;
  }

  /** Whether the argument is restricted by the tool's schema or checked before `sink` in its function. */
  validated(hit: Hit, sink: JsNode): boolean {
    if (hit.tool && hit.arg !== null && constrainedBySchema(hit.tool.schema, hit.arg, this.lang)) return true;
    if (!hit.scope) return false;
    let guarded = false;
    const same = (x: t.Node | null | undefined) => {
      const r = x ? this.derive(x as JsNode) : null;
      return !!r && r.scope === hit.scope && r.arg === hit.arg;
    };
    walkJs(hit.scope, (node) => {
      if (guarded || (node.start ?? 0) >= sink.start!) return false;
      guarded = this.isCheck(node, same);
      return !guarded;
    });
    return guarded;
  }

  private isCheck(node: JsNode, same: (x: t.Node | null | undefined) => boolean): boolean {
    if (node.type === 'CallExpression' && (node.callee.type === 'MemberExpression' || node.callee.type === 'OptionalMemberExpression')) {
      const method = propertyName(node.callee) ?? '';
      if (CHECK_ARG_METHODS.has(method)) return node.arguments.some((a) => same(a));
      if (CHECK_SELF_METHODS.has(method)) return same(node.callee.object);
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

/** The innermost function around a node, or the program for top-level code. */
function enclosingFunction(node: JsNode): JsNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'FunctionDeclaration' || n.type === 'ObjectMethod' || n.type === 'ClassMethod' || n.type === 'Program') return n;
  }
  return null;
}
