import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { MODULES, parameterReport, withCallsIntoModules } from './calls-into-modules';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { memberPath, propertyName, unwrap } from '../../languages/js/ast';
import type { FlowOptions, Taint } from '../../languages/js/flow';
import { CALLER_PARAMETERS, flowLocations, WITH_CALLER_PARAMETERS } from '../shared/flow-report';
import { quoteStyle, stringLiteral, type QuoteStyle } from '../../languages/js/edits';
import { allowListValues, constInit } from '../../languages/js/guards';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** How a driver takes parameter values next to the SQL text. */
interface ParamStyle {
  placeholder: '?' | '$';
  /** `array`: `(sql, [a, b])`; `spread`: `(sql, a, b)`; `replacements`: Sequelize options; `chained`: better-sqlite3 `prepare(sql).get(a, b)`. */
  pass: 'array' | 'spread' | 'replacements' | 'chained';
}

interface Library {
  /** Methods of the library's objects that take SQL text as first argument. */
  methods: ReadonlySet<string>;
  /** Parameter style per method; a method missing here gets no suggestion (e.g. `exec`, which takes no values). */
  params: Readonly<Record<string, ParamStyle>>;
}

const Q_ARRAY: ParamStyle = { placeholder: '?', pass: 'array' };
const D_ARRAY: ParamStyle = { placeholder: '$', pass: 'array' };
const KNEX_METHODS = ['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'whereNotRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'fromRaw'];

const LIBRARIES: Record<string, Library> = {
  mysql: { methods: new Set(['query', 'execute']), params: { query: Q_ARRAY, execute: Q_ARRAY } },
  pg: { methods: new Set(['query']), params: { query: D_ARRAY } },
  sqlite3: {
    methods: new Set(['run', 'all', 'get', 'exec', 'each', 'prepare']),
    params: { run: Q_ARRAY, all: Q_ARRAY, get: Q_ARRAY, each: Q_ARRAY },
  },
  'better-sqlite3': { methods: new Set(['prepare', 'exec']), params: { prepare: { placeholder: '?', pass: 'chained' } } },
  sequelize: { methods: new Set(['query', 'literal']), params: { query: { placeholder: '?', pass: 'replacements' } } },
  knex: { methods: new Set(KNEX_METHODS), params: Object.fromEntries(KNEX_METHODS.map((m) => [m, Q_ARRAY])) },
  prisma: {
    methods: new Set(['$queryRawUnsafe', '$executeRawUnsafe']),
    params: { $queryRawUnsafe: { placeholder: '$', pass: 'spread' }, $executeRawUnsafe: { placeholder: '$', pass: 'spread' } },
  },
  // The placeholder of DataSource.query depends on the configured driver, so no suggestion.
  typeorm: { methods: new Set(['query']), params: {} },
  postgres: { methods: new Set(['unsafe']), params: { unsafe: D_ARRAY } },
};

/** npm modules -> library key above. */
const MODULE_LIBRARY: Record<string, string> = {
  mysql: 'mysql',
  mysql2: 'mysql',
  'mysql2/promise': 'mysql',
  pg: 'pg',
  'pg-pool': 'pg',
  sqlite3: 'sqlite3',
  sqlite: 'sqlite3',
  'better-sqlite3': 'better-sqlite3',
  sequelize: 'sequelize',
  '@sequelize/core': 'sequelize',
  knex: 'knex',
  objection: 'knex',
  '@prisma/client': 'prisma',
  typeorm: 'typeorm',
  postgres: 'postgres',
  'drizzle-orm': 'drizzle',
};

/** Methods no other popular library has: reported whatever the receiver, with their library's parameter style. */
const DISTINCTIVE_METHODS: Record<string, string> = {
  $queryRawUnsafe: 'prisma',
  $executeRawUnsafe: 'prisma',
  ...Object.fromEntries(KNEX_METHODS.filter((m) => m !== 'raw').map((m) => [m, 'knex'])),
};

/** Functions reached through an import (`Sequelize.literal`, drizzle `sql.raw`, `Prisma.raw`) that splice raw SQL. */
const RAW_FUNCTIONS: Record<string, string[][]> = {
  sequelize: [['literal'], ['Sequelize', 'literal']],
  drizzle: [['sql', 'raw']],
  prisma: [['Prisma', 'raw']],
};

/** TypeORM query-builder methods whose first argument is a SQL condition. */
const QUERY_BUILDER_METHODS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);

/** Allow-list lookups that keep a value to known names: `COLUMNS.includes(x)`, `SET.has(x)`, `/^\w+$/.test(x)`. */
const LOOKUPS: ReadonlySet<string> = new Set(['includes', 'has', 'test']);

/** Functions that escape values into SQL text themselves (`mysql.format`, `pg-format`, sqlstring). */
const FORMAT_MODULES = new Set(['pg-format', 'sqlstring', 'mysql', 'mysql2', 'mysql2/promise']);

const SQL_VERB = /^\s*(?:\(\s*)?(select|insert|update|delete|replace|with|merge|call|exec|create|drop|alter|truncate)\s/i;
/** Names of variables that hold a database handle. */
const DB_RECEIVER = /db|database|pool|conn|client|knex|sequelize|prisma|sql|manager|repo|runner|trx|^tx$/i;
const ALL_METHODS = new Set([...Object.values(LIBRARIES).flatMap((l) => [...l.methods]), ...QUERY_BUILDER_METHODS]);
const PREFILTER = /mysql|\bpg\b|sqlite|sequelize|knex|objection|prisma|typeorm|postgres|drizzle|createQueryBuilder|\$(query|execute)RawUnsafe|Raw\(|\b(select|insert|update|delete)\b/i;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-sql-injection',
  languages: ['js'],
  meta: {
    description: 'SQL text must not be built from request data, command-line input or model output; pass values as parameters',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-89'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which builds it into SQL text (line {{line}}). Quotes and SQL syntax in that value let the sender read, change or delete any data the database user can reach.',
      sqlInjection:
        'The SQL text passed to {{fn}}() is built from {{source}}. Quotes and SQL syntax in that value let the sender read, change or delete any data the database user can reach.',
      sqlInjectionParam:
        'The SQL text passed to {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, quotes and SQL syntax in it let that user read, change or delete any data the database user can reach.',
      useParameters: 'Pass the values as query parameters with {{placeholder}} placeholders',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    let imported: string[] | null = null;
    const importedLibraries = () => (imported ??= fileLibraries(lang));
    return withCallsIntoModules(context, {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const sink = findSink(call, lang, importedLibraries);
        if (!sink) return;
        const sql = sqlArgument(call, sink.lib);
        if (!sql || isFormatted(sql, lang)) return;
        const source = untrustedSource(sql, lang, text, 0);
        if (!source) return;
        const suggestion = sink.style ? parameterise(call, sql, sink.style, lang, text) : null;
        context.report({
          range: [sql.start!, sql.end!],
          messageId: source.kind === 'param' ? 'sqlInjectionParam' : 'sqlInjection',
          ...parameterReport(lang, source),
          data: { fn: sink.name, source: source.description },
          flow: flowLocations(source, lang),
          suggest: suggestion ? [suggestion] : [],
        });
      },
    });
  },
});

interface Sink {
  /** Name shown in the message. */
  name: string;
  /** Library key, or null when only the SQL shape of the text says it is a query. */
  lib: string | null;
  style: ParamStyle | null;
}

/** Decides whether a call passes SQL text to a database API, and which library's. */
function findSink(call: t.CallExpression & JsNode, lang: JsHelpers, imported: () => string[]): Sink | null {
  const callee = unwrap(call.callee as JsNode);
  const method = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  if (method === null) return null;
  if (method === 'literal' || method === 'raw') {
    const ref = lang.resolve(callee);
    const lib = ref?.module ? MODULE_LIBRARY[ref.module] : undefined;
    if (lib && RAW_FUNCTIONS[lib]?.some((p) => p.join('.') === ref!.path.join('.'))) {
      return { name: [...ref!.path].join('.'), lib, style: null };
    }
  }
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
  if (!ALL_METHODS.has(method)) return null;
  const receiver = callee.object as JsNode;
  if (QUERY_BUILDER_METHODS.has(method)) {
    return fromQueryBuilder(receiver, lang) ? { name: method, lib: 'typeorm', style: null } : null;
  }
  const distinctive = DISTINCTIVE_METHODS[method];
  if (distinctive) return { name: method, lib: distinctive, style: LIBRARIES[distinctive].params[method] ?? null };
  const origin = libraryOf(receiver, lang, 0);
  if (origin === 'other') return null;
  if (origin !== null) {
    const library = LIBRARIES[origin];
    return library?.methods.has(method) ? { name: method, lib: origin, style: library.params[method] ?? null } : null;
  }
  // Receiver of unknown origin (`db` from './db', `this.pool`): it must look like a database handle or
  // the text like SQL, and the libraries this file imports decide.
  const first = call.arguments[0] as JsNode | undefined;
  const sqlText = !!first && SQL_VERB.test(leadingText(first, lang));
  if (!sqlText && !DB_RECEIVER.test(memberPath(receiver)?.at(-1) ?? '')) return null;
  const candidates = imported().filter((lib) => LIBRARIES[lib]?.methods.has(method));
  if (candidates.length > 0) {
    const styles = new Set(candidates.map((lib) => JSON.stringify(LIBRARIES[lib].params[method] ?? null)));
    const style = styles.size === 1 ? (LIBRARIES[candidates[0]].params[method] ?? null) : null;
    return { name: method, lib: candidates.length === 1 ? candidates[0] : null, style };
  }
  // No SQL library in this file: only text that plainly is a SQL statement counts.
  return sqlText ? { name: method, lib: null, style: null } : null;
}

/** SQL libraries imported or required at the top level of the file. */
function fileLibraries(lang: JsHelpers): string[] {
  const program = lang.parsed.root.program as JsNode;
  const libs = new Set<string>();
  for (const binding of lang.scopes.info(program).bindings.values()) {
    const module = binding.kind === 'import' ? binding.module : lang.resolver.resolve(binding.id, [program])?.module;
    const lib = module ? MODULE_LIBRARY[module.replace(/^node:/, '')] : undefined;
    if (lib) libs.add(lib);
  }
  return [...libs];
}

/**
 * The SQL library an object comes from (`mysql.createPool()`, `new Pool()`, `await pool.connect()`,
 * `knex('users').where(…)`), 'other' for an object of another npm package, null when unknown.
 */
function libraryOf(node: JsNode, lang: JsHelpers, depth: number): string | 'other' | null {
  if (depth > 10) return null;
  const n = unwrap(node);
  const viaModule = (module: string | null | undefined): string | 'other' | null | undefined => {
    if (!module) return undefined;
    if (MODULE_LIBRARY[module]) return MODULE_LIBRARY[module];
    return module.startsWith('.') || module.startsWith('/') || module.startsWith('@/') || module.startsWith('~') ? null : 'other';
  };
  switch (n.type) {
    case 'AwaitExpression':
      return libraryOf(n.argument as JsNode, lang, depth + 1);
    case 'CallExpression':
    case 'NewExpression': {
      const callee = unwrap(n.callee as JsNode);
      const found = viaModule(lang.resolve(callee)?.module);
      if (found !== undefined) return found;
      if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
        return libraryOf(callee.object as JsNode, lang, depth + 1);
      }
      return callee.type === 'Identifier' ? libraryOf(callee, lang, depth + 1) : null;
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const found = viaModule(lang.resolve(n)?.module);
      return found !== undefined ? found : libraryOf(n.object as JsNode, lang, depth + 1);
    }
    case 'Identifier': {
      const found = viaModule(lang.resolve(n)?.module);
      if (found !== undefined) return found;
      const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
      // No declaration at all: a global such as RegExp, Map or JSON.
      if (!b) return 'other';
      return b.kind === 'var' && b.init && b.path.length === 0 ? libraryOf(b.init, lang, depth + 1) : null;
    }
    case 'RegExpLiteral':
    case 'StringLiteral':
    case 'TemplateLiteral':
    case 'ArrayExpression':
    case 'ObjectExpression':
      return 'other';
    default:
      return null;
  }
}

/** Whether a receiver is (a chain on) `createQueryBuilder(…)`, directly or through a variable. */
function fromQueryBuilder(node: JsNode, lang: JsHelpers): boolean {
  let n = unwrap(node);
  for (let i = 0; i < 30; i++) {
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') {
      const callee = unwrap(n.callee as JsNode);
      if (propertyName(callee) === 'createQueryBuilder' || (callee.type === 'Identifier' && callee.name === 'createQueryBuilder')) return true;
      n = callee;
    } else if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression' || n.type === 'AwaitExpression') {
      n = unwrap((n.type === 'AwaitExpression' ? n.argument : n.object) as JsNode);
    } else if (n.type === 'Identifier') {
      const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
      if (b?.kind !== 'var' || !b.init || b.path.length > 0) return false;
      n = unwrap(b.init);
    } else {
      return false;
    }
  }
  return false;
}

/** The argument holding the SQL text: the first one, or `sql`/`text` of mysql's and pg's query objects. */
function sqlArgument(call: t.CallExpression, lib: string | null): JsNode | null {
  const first = call.arguments[0] as JsNode | undefined;
  if (!first) return null;
  const n = unwrap(first);
  if (n.type === 'ObjectExpression') {
    const key = lib === 'pg' ? 'text' : lib === 'mysql' ? 'sql' : null;
    const prop = n.properties.find((p) => p.type === 'ObjectProperty' && propertyName(p) === key) as t.ObjectProperty | undefined;
    return prop ? (prop.value as JsNode) : null;
  }
  const notText = ['SpreadElement', 'ArrayExpression', 'ArrowFunctionExpression', 'FunctionExpression', 'NewExpression', 'ObjectExpression'];
  return notText.includes(n.type) ? null : first;
}

/** `mysql.format(sql, values)`, `format('%L', x)` of pg-format, `SqlString.format(…)`: escaped by the library. */
function isFormatted(sql: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(resolveConst(sql, lang));
  if (n.type !== 'CallExpression') return false;
  const ref = lang.resolve(n.callee as JsNode);
  if (!ref?.module || !FORMAT_MODULES.has(ref.module)) return false;
  const fn = ref.path[ref.path.length - 1] ?? 'default';
  return ref.module === 'pg-format' ? !/%s/.test(leadingText(n.arguments[0] as JsNode, lang)) : fn === 'format';
}

/** Follows an identifier to its single, never reassigned initialiser. */
function resolveConst(node: JsNode, lang: JsHelpers): JsNode {
  const n = unwrap(node);
  return (n.type === 'Identifier' && constInit(n, lang)) || n;
}

/** The constant text an expression starts with (a string, the first quasi of a template, the left of `+`). */
function leadingText(node: JsNode | undefined, lang: JsHelpers): string {
  if (!node) return '';
  const n = unwrap(resolveConst(node, lang));
  if (n.type === 'StringLiteral') return n.value;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked ?? '';
  if (n.type === 'BinaryExpression' && n.operator === '+') return leadingText(n.left as JsNode, lang);
  return '';
}

/**
 * The untrusted source of the SQL text. Parts of templates and concatenations are checked one by
 * one so that a value picked from an allow-list (`ALLOWED.includes(x) ? x : 'id'`, or a preceding
 * `if (!ALLOWED.includes(x)) return …`) does not count.
 */
function untrustedSource(node: JsNode, lang: JsHelpers, text: string, depth: number, built = false): Taint | null {
  const n = unwrap(node);
  // A part of a template or concatenation is built into the SQL text, so a parameter there counts as is.
  const taint = (x: JsNode): Taint | null => {
    const found = lang.taint(x, built ? BUILT_PARTS : CALLER_PARAMETERS);
    return built && found?.passThrough ? { ...found, passThrough: false } : found;
  };
  if (depth > 10) return taint(n);
  const rec = (x: t.Node) => untrustedSource(x as JsNode, lang, text, depth + 1, built);
  const part = (x: t.Node) => untrustedSource(x as JsNode, lang, text, depth + 1, true);
  switch (n.type) {
    case 'TemplateLiteral':
      return firstOf(n.expressions, part);
    case 'BinaryExpression':
      return n.operator === '+' ? firstOf([n.left, n.right], part) : null;
    case 'ConditionalExpression': {
      const consequent = text.slice(n.consequent.start!, n.consequent.end!);
      return isAllowListCheck(n.test as JsNode, consequent, text) ? rec(n.alternate) : firstOf([n.consequent, n.alternate], rec);
    }
    case 'Identifier': {
      if (isGuarded(n as t.Identifier & JsNode, text)) return null;
      const init = resolveConst(n, lang);
      return init !== n ? rec(init) : taint(n);
    }
    default:
      return taint(n);
  }
}

/** Flow options for a part built into SQL text: a caller's parameter counts even when the part is the parameter itself. */
const BUILT_PARTS: FlowOptions = { kinds: WITH_CALLER_PARAMETERS, passThrough: true };

function firstOf(nodes: readonly t.Node[], f: (x: t.Node) => Taint | null): Taint | null {
  for (const x of nodes) {
    const r = f(x);
    if (r) return r;
  }
  return null;
}

/** `LIST.includes(v)`, `SET.has(v)`, `/^\w+$/.test(v)` where `v` is the given source text. */
function isAllowListCheck(test: JsNode, value: string, text: string): boolean {
  const n = unwrap(test);
  if (n.type === 'LogicalExpression' && n.operator === '&&') {
    return isAllowListCheck(n.left as JsNode, value, text) || isAllowListCheck(n.right as JsNode, value, text);
  }
  if (n.type !== 'CallExpression' || n.arguments.length !== 1) return false;
  return allowListValues(n, LOOKUPS).some((arg) => text.slice(arg.start!, arg.end!) === value);
}

/** Whether an earlier `if (!ALLOWED.includes(name)) return/throw` in an enclosing block rejects other values. */
function isGuarded(id: t.Identifier & JsNode, text: string): boolean {
  for (let n: JsNode | null | undefined = id; n && n.parent; n = n.parent) {
    if (isFunction(n)) break;
    const parent: JsNode = n.parent;
    if (parent.type !== 'BlockStatement' && parent.type !== 'Program') continue;
    const body = parent.body as JsNode[];
    for (const stmt of body.slice(0, body.indexOf(n))) {
      if (stmt.type !== 'IfStatement' || !exits(stmt.consequent as JsNode)) continue;
      const test = unwrap(stmt.test as JsNode);
      if (test.type === 'UnaryExpression' && test.operator === '!' && isAllowListCheck(test.argument as JsNode, id.name, text)) return true;
    }
  }
  return false;
}

function isFunction(n: JsNode): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ObjectMethod' || n.type === 'ClassMethod';
}

function exits(stmt: JsNode): boolean {
  const last = stmt.type === 'BlockStatement' ? stmt.body[stmt.body.length - 1] : stmt;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

// ---------------------------------------------------------------------------------------------------
// Suggestion: template literal / concatenation -> parameterised query

type Part = { text: string } | { expr: JsNode };

/** Splits a template literal or a string concatenation into constant text and expressions. */
function flatten(node: JsNode): Part[] | null {
  const n = unwrap(node);
  if (n.type === 'StringLiteral') return [{ text: n.value }];
  if (n.type === 'TemplateLiteral') {
    const parts: Part[] = [];
    for (let i = 0; i < n.quasis.length; i++) {
      const cooked = n.quasis[i].value.cooked;
      if (cooked == null) return null;
      parts.push({ text: cooked });
      if (i < n.expressions.length) parts.push({ expr: n.expressions[i] as JsNode });
    }
    return parts;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    // Only a concatenation that starts with a string is string concatenation all the way.
    const left = flatten(n.left as JsNode);
    if (!left) return null;
    const right = unwrap(n.right as JsNode);
    if (right.type === 'StringLiteral' || right.type === 'TemplateLiteral') {
      const r = flatten(right);
      return r ? [...left, ...r] : null;
    }
    return right.type === 'BinaryExpression' ? null : [...left, { expr: right }];
  }
  return null;
}

const MARK = '\u0000';

/** Whether the SQL text before a value (already trimmed) ends where a value is expected. */
function isValuePosition(before: string): boolean {
  if (/(=|<>|<|>)$/.test(before)) return true;
  if (/\b(like|ilike|between)$/i.test(before)) return true;
  if (/\bbetween\s+\S+\s+and$/i.test(before)) return true;
  if (!/[(,]$/.test(before)) return false;
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === ')') depth++;
    else if (before[i] === '(' && depth-- === 0) return /\b(in|values)\s*$/i.test(before.slice(0, i));
  }
  return false;
}

/**
 * Rewrites the SQL text into placeholders + values. Values inside single-quoted SQL strings replace
 * the whole string (quotes included); bare values must sit where SQL expects a value. Untrusted
 * expressions anywhere else (table or column names) make the rewrite impossible.
 */
function toPlaceholders(parts: Part[], style: ParamStyle, lang: JsHelpers, text: string): { sql: string; kept: JsNode[]; values: string[] } | null {
  const exprs = parts.flatMap((p) => ('expr' in p ? [p.expr] : []));
  const joined = parts.map((p) => ('expr' in p ? MARK : p.text)).join('');
  const constant = joined.replaceAll(MARK, '');
  if (style.placeholder === '?' ? constant.includes('?') : /\$\d/.test(constant)) return null;
  const src = (e: JsNode) => text.slice(e.start!, e.end!);
  let out = '';
  const kept: JsNode[] = [];
  const values: string[] = [];
  let k = 0;
  const placeholder = () => (style.placeholder === '?' ? '?' : `$${values.length}`);
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === "'") {
      const end = joined.indexOf("'", i + 1);
      if (end < 0) return null;
      const inner = joined.slice(i + 1, end);
      const count = inner.split(MARK).length - 1;
      if (count === 0) {
        out += joined.slice(i, end + 1);
      } else {
        if (joined[end + 1] === "'" || inner.includes('\\')) return null;
        const mine = exprs.slice(k, k + count);
        k += count;
        if (inner === MARK) values.push(src(mine[0]));
        else {
          let j = 0;
          const escaped = inner.replace(/[`\\]|\$\{/g, (m) => `\\${m}`);
          values.push(`\`${escaped.replace(new RegExp(MARK, 'g'), () => `\${${src(mine[j++])}}`)}\``);
        }
        out += placeholder();
      }
      i = end;
    } else if (c === '"' || c === '`') {
      const end = joined.indexOf(c, i + 1);
      if (end < 0 || joined.slice(i, end).includes(MARK)) return null;
      out += joined.slice(i, end + 1);
      i = end;
    } else if (c === MARK) {
      const expr = exprs[k++];
      const next = joined[i + 1] ?? '';
      const isJoin = expr.type === 'CallExpression' && propertyName(expr.callee) === 'join';
      if (isValuePosition(out.trimEnd()) && !/[\w.'"`]/.test(next) && !isJoin) {
        values.push(src(expr));
        out += placeholder();
      } else if (!lang.taint(expr)) {
        kept.push(expr);
        out += MARK;
      } else {
        return null;
      }
    } else {
      out += c;
    }
  }
  return values.length > 0 ? { sql: out, kept, values } : null;
}

/** A JS string literal for the rewritten SQL: in the file's quotes when possible, else a template literal. */
function sqlLiteral(sql: string, kept: JsNode[], text: string, quote: QuoteStyle): string {
  if (kept.length === 0 && !/[\n\\]/.test(sql)) return stringLiteral(sql, quote);
  let j = 0;
  const body = sql.replace(/[`\\]|\$\{/g, (m) => `\\${m}`).replace(new RegExp(MARK, 'g'), () => `\${${text.slice(kept[j].start!, kept[j++].end!)}}`);
  return `\`${body}\``;
}

/** The "use parameters" suggestion, when the SQL argument is a template/concatenation and no values are passed yet. */
function parameterise(call: t.CallExpression & JsNode, sql: JsNode, style: ParamStyle, lang: JsHelpers, text: string): FixDescriptor | null {
  if (call.arguments[0] !== sql) return null;
  const parts = flatten(sql);
  const result = parts ? toPlaceholders(parts, style, lang, text) : null;
  if (!result) return null;
  const literal = sqlLiteral(result.sql, result.kept, text, quoteStyle(lang.parsed));
  const values = result.values.join(', ');
  const edits = valueEdits(call, sql, literal, values, style, text);
  const placeholder = style.placeholder === '?' ? '?' : '$1';
  return edits ? { messageId: 'useParameters', data: { placeholder }, edits } : null;
}

function valueEdits(call: t.CallExpression & JsNode, sql: JsNode, literal: string, values: string, style: ParamStyle, text: string): TextEdit[] | null {
  const args = call.arguments as JsNode[];
  const replaceSql = (extra: string): TextEdit => ({ range: [sql.start!, sql.end!], text: literal + extra });
  switch (style.pass) {
    case 'array': {
      const second = args[1] ? unwrap(args[1]) : null;
      const callbackNext = second && (second.type === 'ArrowFunctionExpression' || second.type === 'FunctionExpression');
      return args.length === 1 || (callbackNext && args.length === 2) ? [replaceSql(`, [${values}]`)] : null;
    }
    case 'spread':
      return args.length === 1 ? [replaceSql(`, ${values}`)] : null;
    case 'replacements': {
      if (args.length === 1) return [replaceSql(`, { replacements: [${values}] }`)];
      const options = args.length === 2 ? unwrap(args[1]) : null;
      if (options?.type !== 'ObjectExpression') return null;
      if (options.properties.some((p) => ['replacements', 'bind'].includes(propertyName(p) ?? '') || p.type === 'SpreadElement')) return null;
      const first = options.properties[0];
      const insert: TextEdit = first
        ? { range: [first.start!, first.start!], text: `replacements: [${values}], ` }
        : { range: [options.start!, options.end!], text: `{ replacements: [${values}] }` };
      return [replaceSql(''), insert];
    }
    case 'chained': {
      // better-sqlite3: db.prepare(sql).get() -> db.prepare('… ?').get(value)
      const member = call.parent;
      const outer = member?.parent;
      if (args.length !== 1 || member?.type !== 'MemberExpression' || member.object !== call) return null;
      if (!['get', 'all', 'run', 'iterate'].includes(propertyName(member) ?? '')) return null;
      if (outer?.type !== 'CallExpression' || outer.callee !== member || outer.arguments.length !== 0) return null;
      const close = text.lastIndexOf(')', outer.end! - 1);
      return [replaceSql(''), { range: [close, close], text: values }];
    }
  }
}
