import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeLastName, calleeName, positionalArguments, pyQuote, replaceEdit } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, mayCall, parameterReport, relatedLocations, severityOf, unwrap, withCallerParameters } from './injection-flow';
import { MODULES } from '../shared/module-calls';
import { pyFString, pyString, stringParts, type Part } from './injection-strings';
import { nameOf } from './name-helpers';

/** How a driver takes parameter values next to the SQL text. */
interface ParamStyle {
  /** `qmark`: `?`; `format`: `%s`; `numeric`: `$1`; `named`: `:name`. */
  placeholder: 'qmark' | 'format' | 'numeric' | 'named';
  /** `tuple`: `(sql, (a, b))`; `list`: `(sql, [a, b])`; `spread`: `(sql, a, b)`; `dict`: SQLAlchemy's `execute(text(sql), {"a": a})`. */
  pass: 'tuple' | 'list' | 'spread' | 'dict';
}

const QMARK: ParamStyle = { placeholder: 'qmark', pass: 'tuple' };
const FORMAT: ParamStyle = { placeholder: 'format', pass: 'tuple' };
const DJANGO: ParamStyle = { placeholder: 'format', pass: 'list' };
const ASYNCPG: ParamStyle = { placeholder: 'numeric', pass: 'spread' };
const NAMED: ParamStyle = { placeholder: 'named', pass: 'dict' };

/** Database modules (top-level package) and their parameter style; null: it varies with the driver. */
const LIBRARIES = new Map<string, ParamStyle | null>([
  ['sqlite3', QMARK],
  ['aiosqlite', QMARK],
  ['duckdb', QMARK],
  ['pyodbc', QMARK],
  ['psycopg2', FORMAT],
  ['psycopg', FORMAT],
  ['pymysql', FORMAT],
  ['MySQLdb', FORMAT],
  ['mysql', FORMAT],
  ['aiomysql', FORMAT],
  ['aiopg', FORMAT],
  ['pymssql', FORMAT],
  ['asyncmy', FORMAT],
  ['asyncpg', ASYNCPG],
  ['django', DJANGO],
  ['sqlalchemy', null],
  ['databases', null],
  ['cx_Oracle', null],
  ['oracledb', null],
  ['snowflake', null],
  ['clickhouse_driver', null],
  ['pandas', null],
  ['psycopg2cffi', FORMAT],
  ['pg8000', FORMAT],
  ['trino', QMARK],
  ['sqlmodel', null],
]);
/** Methods of connections, cursors, sessions and pools that take SQL text as their first argument. */
const SQL_METHODS = new Set(['execute', 'executemany', 'executescript', 'fetch', 'fetchrow', 'fetchval', 'fetchmany', 'fetch_all', 'fetch_one', 'fetch_val', 'exec_driver_sql', 'raw']);
/** Functions that take SQL text: SQLAlchemy's `text()`, Django's `RawSQL`, pandas' readers. */
const SQL_FUNCTIONS = new Map<string, ParamStyle | null>([
  ['sqlalchemy.text', NAMED],
  ['sqlalchemy.sql.text', NAMED],
  ['sqlalchemy.sql.expression.text', NAMED],
  ['sqlmodel.text', NAMED],
  ['django.db.models.expressions.RawSQL', null],
  ['django.db.models.RawSQL', null],
  ['pandas.read_sql', null],
  ['pandas.read_sql_query', null],
  ['psycopg2.sql.SQL', null],
  ['psycopg.sql.SQL', null],
]);
const SQL_FUNCTION_NAMES: ReadonlySet<string> = new Set(['text', 'RawSQL', 'read_sql', 'read_sql_query', 'SQL', 'extra']);
/** Names of variables that hold a database handle. */
const DB_RECEIVER = /cursor|^cur$|conn|connection|^db$|database|session|engine|pool|^tx$|transaction|^c$/i;
const SQL_VERB = /^\s*(?:\(\s*)?(?:select|insert|update|delete|replace|with|merge|call|exec|create|drop|alter|truncate|pragma)\s/i;
const PREFILTER = /sqlite|psycopg|mysql|MySQLdb|asyncpg|sqlalchemy|django|pandas|duckdb|pyodbc|oracle|cx_Oracle|aiosqlite|databases|execute|\bselect\b|\binsert\b|\bupdate\b|\bdelete\b/i;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
const MARK = '\u0000';

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-sql-injection',
  languages: ['python'],
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
      sqlInjectionParam:
        'The SQL text passed to {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, quotes and SQL syntax in it let that user read, change or delete any data the database user can reach.',
      sqlInjection:
        'The SQL text passed to {{fn}}() is built from {{source}}. Quotes and SQL syntax in that value let the sender read, change or delete any data the database user can reach.',
      useParameters: 'Pass the values as query parameters with {{placeholder}} placeholders',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    const options: PythonFlowOptions = flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true, sanitizers: new Set(['sql']) }, false);
    let libraries: string[] | null = null;
    const imported = () => (libraries ??= lang.imports().map((i) => i.module.split('.')[0]).filter((m) => LIBRARIES.has(m)));
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call) ?? '';
        if (!SQL_METHODS.has(last) && !mayCall(lang, call, SQL_FUNCTION_NAMES)) return;
        const sink = sinkOf(call, last);
        if (!sink || !lang.liveBranch(call)) return;
        for (const sql of sink.sql) {
          if (!isSqlText(sql, 0)) continue;
          const taint = lang.taint(sql, options);
          if (!taint) continue;
          const range = lang.range(sql);
          const fix = sink.style && sql.equals(sink.sql[0]) ? parameterise(call, sql, sink.style) : null;
          context.report({
            range,
            messageId: taint.kind === 'param' ? 'sqlInjectionParam' : 'sqlInjection',
            data: { fn: sink.fn, source: taint.description },
            flow: relatedLocations(lang, taint, range),
            suggest: fix ? [fix] : [],
            severity: severityOf(taint),
            ...parameterReport(taint),
          });
        }
      },
    });

    /** Whether a call passes SQL text to a database API, which arguments, and the driver's parameter style. */
    function sinkOf(call: SyntaxNode, method: string): { fn: string; sql: SyntaxNode[]; style: ParamStyle | null } | null {
      const name = calleeName(lang, call);
      const module = lang.callee(call)?.module ?? null;
      // A relative import (`from .models import Entry`) is this project's code.
      const top = module === null ? null : module.startsWith('.') ? '.' : module.split('.')[0];
      const fnLabel = name && SQL_FUNCTIONS.has(name) ? name.slice(name.lastIndexOf('.') + 1) : method;
      if (name && SQL_FUNCTIONS.has(name)) {
        const sql = lang.argument(call, 0, name.startsWith('pandas') ? 'sql' : name.endsWith('text') ? 'text' : 'sql');
        return sql ? { fn: fnLabel, sql: [sql], style: SQL_FUNCTIONS.get(name) ?? null } : null;
      }
      if (method === 'extra') return djangoExtra(call, top);
      if (!SQL_METHODS.has(method)) return null;
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute') return null;
      const sql = lang.argument(call, 0, 'sql') ?? lang.argument(call, 0, 'query') ?? lang.argument(call, 0, 'operation') ?? lang.argument(call, 0, 'statement') ?? lang.argument(call, 0, 'sql_script');
      if (!sql) return null;
      if (top !== null && LIBRARIES.has(top)) {
        const style = method === 'exec_driver_sql' ? null : method === 'raw' ? (top === 'django' ? DJANGO : null) : (LIBRARIES.get(top) ?? null);
        return { fn: method, sql: [sql], style };
      }
      // A handle from a module of this project (`db.get_conn()`), a parameter or a library of another kind:
      // it must be named like a database handle, or the text must be SQL.
      const receiver = fn.childForFieldName('object')!;
      const receiverName = nameOf(receiver) ?? '';
      const libs = imported();
      if (method === 'raw') {
        // Django's Manager.raw(): `User.objects.raw(sql)`.
        return receiverName === 'objects' && libs.includes('django') ? { fn: 'raw', sql: [sql], style: DJANGO } : null;
      }
      const looksLikeSql = SQL_VERB.test(leadingText(sql));
      if (!looksLikeSql && !(DB_RECEIVER.test(receiverName) && libs.length > 0)) return null;
      if (!looksLikeSql && !DB_RECEIVER.test(receiverName)) return null;
      const styles = new Set(libs.map((l) => LIBRARIES.get(l) ?? null));
      const style = styles.size === 1 ? [...styles][0] : null;
      return { fn: method, sql: [sql], style };
    }

    /** Django's `QuerySet.extra(where=[…], select={…}, tables=[…], order_by=[…])`: each SQL fragment. */
    function djangoExtra(call: SyntaxNode, top: string | null): { fn: string; sql: SyntaxNode[]; style: null } | null {
      if (top !== null && top !== 'django' && !top.startsWith('.')) return null;
      if (!imported().includes('django')) return null;
      const sql: SyntaxNode[] = [];
      for (const key of ['where', 'select', 'tables', 'order_by']) {
        const value = lang.argument(call, null, key);
        if (!value) continue;
        const v = unwrap(value);
        if (v.type === 'list' || v.type === 'tuple') sql.push(...v.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment'));
        else if (v.type === 'dictionary') {
          for (const pair of v.namedChildren) if (pair?.type === 'pair') sql.push(pair.childForFieldName('value')!);
        }
      }
      return sql.length > 0 ? { fn: 'extra', sql, style: null } : null;
    }

    /**
     * Whether an argument is SQL text rather than a query object (`select(User).where(…)` is parameterised
     * by SQLAlchemy): a string literal, a string built with `+`, `%`, `format` or `join`, a value read
     * from a container or object, a parameter, or a variable assigned only such values.
     */
    function isSqlText(node: SyntaxNode, depth: number): boolean {
      if (depth > 6) return false;
      const n = unwrap(node);
      switch (n.type) {
        case 'string':
        case 'concatenated_string':
        case 'subscript':
        case 'attribute':
          return true;
        case 'binary_operator':
          return /^[+%]$/.test(n.childForFieldName('operator')?.text ?? '');
        case 'await':
          return !!n.namedChildren[0] && isSqlText(n.namedChildren[0], depth + 1);
        case 'conditional_expression':
          return n.namedChildren.some((c, i) => i !== 1 && !!c && isSqlText(c, depth + 1));
        case 'call': {
          const fn = n.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
          if (method && /^(?:format|join|replace|strip|rstrip|lstrip|lower|upper|decode)$/.test(method)) return true;
          const ref = lang.callee(n);
          if (ref?.module === null && (ref.path[0] === 'str' || ref.path[0] === 'input')) return true;
          // A call that is itself the source (`request.get_data(as_text=True)`, a model's answer).
          return lang.taint(n, options)?.node.equals(n) ?? false;
        }
        case 'identifier': {
          const found = lang.scopes.lookupNode(n);
          if (!found || found.sites.length === 0) return false;
          return found.sites.every((s) => {
            if (s.kind === 'param') return true;
            if ((s.kind === 'assign' || s.kind === 'augassign' || s.kind === 'walrus') && s.value && s.unpack.length === 0) return isSqlText(s.value, depth + 1);
            return false;
          });
        }
        default:
          return false;
      }
    }

    /** The constant text an SQL argument starts with, through a variable assigned once. */
    function leadingText(node: SyntaxNode): string {
      let n = unwrap(node);
      if (n.type === 'identifier') {
        const sites = lang.scopes.lookupNode(n)?.sites ?? [];
        if (sites[0]?.kind === 'assign' && sites[0].value) n = unwrap(sites[0].value);
      }
      const parts = stringParts(lang, n);
      const first = parts?.[0];
      return first && 'text' in first ? first.text : '';
    }

    // ---- suggestion: placeholders and parameters ---------------------------------------------------

    function parameterise(call: SyntaxNode, sql: SyntaxNode, style: ParamStyle): FixDescriptor | null {
      const args = argumentsOf(call);
      if (style.pass === 'dict') return parameteriseText(call, sql);
      if (args.length !== 1 || !args[0].equals(sql)) return null;
      const parts = stringParts(lang, sql);
      const result = parts ? toPlaceholders(parts, style) : null;
      if (!result) return null;
      const values = result.values;
      const passed =
        style.pass === 'spread' ? `, ${values.join(', ')}` : style.pass === 'list' ? `, [${values.join(', ')}]` : `, (${values.join(', ')}${values.length === 1 ? ',' : ''})`;
      return { messageId: 'useParameters', data: { placeholder: placeholderLabel(style) }, edits: [replaceEdit(sql, result.sql + passed)] };
    }

    /** `conn.execute(text(f"… {x}"))` → `conn.execute(text("… :x"), {"x": x})`. */
    function parameteriseText(textCall: SyntaxNode, sql: SyntaxNode): FixDescriptor | null {
      if (argumentsOf(textCall).length !== 1) return null;
      const list = textCall.parent;
      const outer = list?.type === 'argument_list' ? list.parent : null;
      if (outer?.type !== 'call' || !SQL_METHODS.has(calleeLastName(outer) ?? '') || positionalArguments(outer).length !== 1 || argumentsOf(outer).length !== 1) return null;
      const parts = stringParts(lang, sql);
      const result = parts ? toPlaceholders(parts, NAMED) : null;
      if (!result) return null;
      const dict = `{${result.names.map((name, i) => `${pyString(name, pyQuote(lang))}: ${result.values[i]}`).join(', ')}}`;
      const edits: TextEdit[] = [replaceEdit(sql, result.sql), { range: [textCall.endIndex, textCall.endIndex], text: `, ${dict}` }];
      return { messageId: 'useParameters', data: { placeholder: ':name' }, edits };
    }

    /**
     * Rewrites the SQL text into placeholders and values. Values inside single-quoted SQL strings replace
     * the whole string (quotes included); bare values must sit where SQL expects a value. Untrusted values
     * anywhere else (table or column names) make the rewrite impossible; trusted ones stay interpolated.
     */
    function toPlaceholders(parts: Part[], style: ParamStyle): { sql: string; values: string[]; names: string[] } | null {
      const exprs = parts.flatMap((p) => ('expr' in p ? [p.expr] : []));
      const joined = parts.map((p) => ('expr' in p ? MARK : p.text)).join('');
      const constant = joined.replaceAll(MARK, '');
      if (style.placeholder === 'qmark' && constant.includes('?')) return null;
      if (style.placeholder === 'numeric' && /\$\d/.test(constant)) return null;
      if (style.placeholder === 'named' && /(?<![:\w]):\w/.test(constant)) return null;
      const out: Array<string | SyntaxNode> = [];
      const values: string[] = [];
      const names: string[] = [];
      let k = 0;
      const placeholder = (expr: SyntaxNode | null): string => {
        if (style.placeholder === 'qmark') return '?';
        if (style.placeholder === 'format') return '%s';
        if (style.placeholder === 'numeric') return `$${values.length}`;
        let base = (expr ? nameOf(expr) : null)?.replace(/\W/g, '_') ?? 'value';
        if (!/^[A-Za-z_]/.test(base)) base = `p_${base}`;
        let name = base;
        for (let i = 2; names.includes(name); i++) name = `${base}_${i}`;
        names.push(name);
        return `:${name}`;
      };
      let textRun = '';
      const flushText = () => {
        if (textRun) out.push(textRun);
        textRun = '';
      };
      for (let i = 0; i < joined.length; i++) {
        const c = joined[i];
        if (c === "'") {
          const end = joined.indexOf("'", i + 1);
          if (end < 0) return null;
          const inner = joined.slice(i + 1, end);
          const count = inner.split(MARK).length - 1;
          if (count === 0) {
            textRun += escapePercent(joined.slice(i, end + 1), style);
          } else {
            if (joined[end + 1] === "'" || inner.includes('\\')) return null;
            const mine = exprs.slice(k, k + count);
            k += count;
            if (inner === MARK) values.push(lang.text(mine[0]));
            else {
              let j = 0;
              const innerParts: Part[] = inner.split(MARK).flatMap((t, idx, all) => [...(t ? [{ text: t }] : []), ...(idx < all.length - 1 ? [{ expr: mine[j++] }] : [])]);
              const fstring = fString(innerParts);
              if (!fstring) return null;
              values.push(fstring);
            }
            textRun += placeholder(inner === MARK ? mine[0] : null);
          }
          i = end;
        } else if (c === '"' || c === '`') {
          const end = joined.indexOf(c, i + 1);
          if (end < 0 || joined.slice(i, end).includes(MARK)) return null;
          textRun += escapePercent(joined.slice(i, end + 1), style);
          i = end;
        } else if (c === MARK) {
          const expr = exprs[k++];
          const next = joined[i + 1] ?? '';
          if (isValuePosition(textRun.trimEnd() || lastText(out)) && !/[\w.'"`]/.test(next)) {
            values.push(lang.text(expr));
            textRun += placeholder(expr);
          } else if (!lang.taint(expr, options)) {
            flushText();
            out.push(expr);
          } else {
            return null;
          }
        } else if (c === '%' && style.placeholder === 'format') {
          textRun += '%%';
        } else {
          textRun += c;
        }
      }
      flushText();
      if (values.length === 0) return null;
      const sqlText = out.every((o) => typeof o === 'string')
        ? pyString(out.join(''), pyQuote(lang))
        : fString(out.map((o) => (typeof o === 'string' ? { text: o } : { expr: o })));
      return sqlText ? { sql: sqlText, values, names } : null;
    }

    function fString(parts: Part[]): string | null {
      return pyFString(parts, (n) => lang.text(n), pyQuote(lang));
    }
  },
});

/** With `%s` placeholders the driver reads every `%` of the text, so a literal one is written `%%`. */
function escapePercent(sql: string, style: ParamStyle): string {
  return style.placeholder === 'format' ? sql.replace(/%/g, '%%') : sql;
}

function lastText(out: Array<string | SyntaxNode>): string {
  const last = out[out.length - 1];
  return typeof last === 'string' ? last.trimEnd() : '';
}

function placeholderLabel(style: ParamStyle): string {
  return style.placeholder === 'qmark' ? '?' : style.placeholder === 'format' ? '%s' : style.placeholder === 'numeric' ? '$1' : ':name';
}

/** Whether the SQL text before a value (already trimmed) ends where a value is expected. */
function isValuePosition(before: string): boolean {
  if (/(?:=|<>|<|>)$/.test(before)) return true;
  if (/\b(?:like|ilike|between|limit|offset)$/i.test(before)) return true;
  if (/\bbetween\s+\S+\s+and$/i.test(before)) return true;
  if (!/[(,]$/.test(before)) return false;
  let depth = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (before[i] === ')') depth++;
    else if (before[i] === '(' && depth-- === 0) return /\b(?:in|values)\s*$/i.test(before.slice(0, i));
  }
  return false;
}
