import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import { concatParts, partText } from '../../languages/js/concat';
import type { TaintKind } from '../../languages/js/flow';
import { quoteStyle, stringLiteral, type QuoteStyle } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { templateFunctionName as sinkName } from './template-engines';

/** How an engine writes an escaped variable, for the suggestion; null when no generic rewrite is right. */
interface Syntax {
  open: string;
  close: string;
  write(name: string): string;
}

/**
 * A function that compiles its first argument as a template. `render`: renders at once, data in the second
 * argument; `compile`: returns a function that takes the data; `other`: anything else (precompiling to source,
 * a template object with its own `render`).
 */
interface Sink {
  kind: 'render' | 'compile' | 'other';
  syntax: Syntax | null;
}

const EJS: Syntax = { open: '<%', close: '%>', write: (v) => `<%= ${v} %>` };
const LODASH: Syntax = { open: '<%', close: '%>', write: (v) => `<%- ${v} %>` };
const ETA: Syntax = { open: '<%', close: '%>', write: (v) => `<%= it.${v} %>` };
const MUSTACHE: Syntax = { open: '{{', close: '}}', write: (v) => `{{${v}}}` };
const NUNJUCKS: Syntax = { open: '{{', close: '}}', write: (v) => `{{ ${v} }}` };
const DOT: Syntax = { open: '{{', close: '}}', write: (v) => `{{!it.${v}}}` };

/**
 * Template sinks by resolved name: `module.export`, or `module.Class.().method` for a method of an instance
 * (`new nunjucks.Environment()`, `nunjucks.configure()`, `Handlebars.create()`, `new Eta()`). Functions that
 * take a template *name* or file (`renderFile`, `res.render`, Eta 3's `render`) are not sinks.
 */
const SINKS = new Map<string, Sink>([
  ...['pug', 'jade'].flatMap((m): Array<[string, Sink]> => [
    [`${m}.render`, { kind: 'render', syntax: null }],
    [`${m}.compile`, { kind: 'compile', syntax: null }],
    [`${m}.compileClient`, { kind: 'other', syntax: null }],
    [`${m}.compileClientWithDependenciesTracked`, { kind: 'other', syntax: null }],
  ]),
  ['ejs.render', { kind: 'render', syntax: EJS }],
  ['ejs.compile', { kind: 'compile', syntax: EJS }],
  ...['handlebars', 'handlebars.create.()'].flatMap((m): Array<[string, Sink]> => [
    [`${m}.compile`, { kind: 'compile', syntax: MUSTACHE }],
    [`${m}.precompile`, { kind: 'other', syntax: null }],
  ]),
  ['mustache.render', { kind: 'render', syntax: MUSTACHE }],
  ['hogan.js.compile', { kind: 'other', syntax: null }],
  ...['nunjucks', 'nunjucks.Environment.()', 'nunjucks.configure.()'].map((m): [string, Sink] => [`${m}.renderString`, { kind: 'render', syntax: NUNJUCKS }]),
  ['nunjucks.compile', { kind: 'other', syntax: null }],
  ['nunjucks.Template', { kind: 'other', syntax: null }],
  ...['lodash.template', 'lodash-es.template', 'lodash/template', 'underscore.template'].map((m): [string, Sink] => [m, { kind: 'compile', syntax: LODASH }]),
  ['dot.template', { kind: 'compile', syntax: DOT }],
  ['dot.compile', { kind: 'compile', syntax: DOT }],
  // Eta 1 and 2: module functions of template text; Eta 3: methods of `new Eta()`.
  ['eta.render', { kind: 'render', syntax: ETA }],
  ['eta.renderAsync', { kind: 'render', syntax: ETA }],
  ['eta.compile', { kind: 'other', syntax: null }],
  ['eta.Eta.().renderString', { kind: 'render', syntax: ETA }],
  ['eta.Eta.().renderStringAsync', { kind: 'render', syntax: ETA }],
  ['eta.Eta.().compile', { kind: 'other', syntax: null }],
]);
const CALLEE_NAMES = new Set(['render', 'compile', 'compileClient', 'compileClientWithDependenciesTracked', 'precompile', 'renderString', 'Template', 'template', 'renderAsync', 'renderStringAsync']);
const PREFILTER = /['"](?:pug|jade|ejs|handlebars|mustache|hogan\.js|nunjucks|lodash[^'"]*|underscore|dot|eta)['"]/;
/** Request data and model output; a command-line tool rendering the template it was given is doing its job. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/** Names a template variable must not take: JavaScript keywords (EJS and lodash compile `with (data)`) and the engines' own names. */
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static await it locals'.split(' '),
);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-template-injection',
  languages: ['js'],
  meta: {
    description: 'Server-side templates must not be compiled from request data or model output',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1336', 'CWE-94'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      templateInjection:
        '{{fn}}() compiles a template from {{source}}. Template syntax in that value runs on the server (server-side template injection): in Pug, EJS, lodash, doT, Eta and Nunjucks templates it is JavaScript with access to the whole process.',
      useData: 'Keep the template constant and pass the values as escaped template data',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const visit = (node: JsNode) => {
      const call = node as (t.CallExpression | t.NewExpression) & JsNode;
      const callee = unwrap(call.callee as JsNode);
      const method = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      if (method === null || !CALLEE_NAMES.has(method)) return;
      const name = sinkName(callee, lang, 0);
      const sink = name === null ? undefined : SINKS.get(name);
      const template = call.arguments[0] as JsNode | undefined;
      if (!sink || !template || template.type === 'SpreadElement') return;
      const source = lang.taint(template, KINDS);
      if (!source) return;
      const fix = sink.syntax ? moveToData(call, template, sink, sink.syntax, lang, text) : null;
      context.report({
        range: [template.start!, template.end!],
        messageId: 'templateInjection',
        data: { fn: name!.replace('.().', '().').replace(/^(?:lodash|underscore)(?:-es)?[./]template$/, '_.template'), source: source.description },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
        suggest: fix ? [fix] : [],
      });
    };
    return { CallExpression: visit, NewExpression: visit };
  },
});

/**
 * `ejs.render('<h1>' + name + '</h1>')` -> `ejs.render('<h1><%= name %></h1>', { name })`: the dynamic parts
 * of an inline template become escaped template variables and the template text becomes constant. Null
 * when the template is not written inline, a part sits inside a template tag, or there is no place for data.
 */
function moveToData(call: t.CallExpression | t.NewExpression, template: JsNode, sink: Sink, syntax: Syntax, lang: JsHelpers, text: string): FixDescriptor | null {
  const n = unwrap(template);
  if (n.type !== 'TemplateLiteral' && !(n.type === 'BinaryExpression' && n.operator === '+')) return null;
  const data = dataSlot(call, sink, text);
  if (!data) return null;
  const taken = new Set(data.object ? data.object.properties.map((p) => (p.type === 'SpreadElement' ? '' : propertyName(p) ?? '')) : []);
  const byText = new Map<string, string>();
  const added: string[] = [];
  let body = '';
  for (const part of concatParts(n)) {
    const constant = partText(part) ?? lang.constantString(part);
    if (constant !== null) {
      body += constant;
      continue;
    }
    // A value written inside a tag (`'<%= ' + x + ' %>'`) is template code, not data.
    if (body.lastIndexOf(syntax.open) > body.lastIndexOf(syntax.close)) return null;
    const src = text.slice(part.start!, part.end!);
    let variable = byText.get(src);
    if (!variable) {
      variable = variableName(part, taken);
      taken.add(variable);
      byText.set(src, variable);
      added.push(variable === src ? variable : `${variable}: ${src}`);
    }
    body += syntax.write(variable);
  }
  if (added.length === 0) return null;
  const first = firstString(n);
  const quote = n.type === 'TemplateLiteral' ? '`' : first ? (text[first.start!] === '"' ? '"' : "'") : quoteStyle(lang.parsed);
  const edits: TextEdit[] = [{ range: [template.start!, template.end!], text: quoteString(body, quote) }, data.edit(added.join(', '))];
  return { messageId: 'useData', edits };
}

/** Where the data object goes, and the edit that adds properties to it. */
function dataSlot(call: t.CallExpression | t.NewExpression, sink: Sink, text: string): { object: t.ObjectExpression | null; edit: (props: string) => TextEdit } | null {
  let args: JsNode[];
  let after: number;
  if (sink.kind === 'render') {
    args = call.arguments.slice(1) as JsNode[];
    after = (call.arguments[0] as JsNode).end!;
  } else if (sink.kind === 'compile') {
    // Only a compiled template called at once: `_.template(src)(data)`.
    const parent = (call as JsNode).parent;
    if (parent?.type !== 'CallExpression' || parent.callee !== call) return null;
    args = parent.arguments as JsNode[];
    after = -1;
    if (args.length === 0) {
      const close = parent.end! - 1;
      return { object: null, edit: (props) => ({ range: [close, close], text: `{ ${props} }` }) };
    }
  } else {
    return null;
  }
  const first = args[0];
  if (!first) return { object: null, edit: (props) => ({ range: [after, after], text: `, { ${props} }` }) };
  if (first.type === 'SpreadElement') return null;
  const value = unwrap(first);
  if (value.type !== 'ObjectExpression') return { object: null, edit: (props) => ({ range: [first.start!, first.end!], text: `{ ...${text.slice(first.start!, first.end!)}, ${props} }` }) };
  const last = value.properties[value.properties.length - 1] as JsNode | undefined;
  if (!last) return { object: value, edit: (props) => ({ range: [value.start!, value.end!], text: `{ ${props} }` }) };
  return { object: value, edit: (props) => ({ range: [last.end!, last.end!], text: `, ${props}` }) };
}

/** The first string literal of a concatenation, for its quote character. */
function firstString(n: JsNode): JsNode | null {
  return concatParts(n).find((p) => p.type === 'StringLiteral') ?? null;
}

/** A JavaScript string or template literal of `value` in the given quotes. */
function quoteString(value: string, quote: QuoteStyle | '`'): string {
  if (quote !== '`') return stringLiteral(value, quote);
  const out = value.replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `\`${out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${')}\``;
}

/** A template variable name for a value: its own name when it has one (`req.query.name` -> `name`). */
function variableName(expr: JsNode, taken: ReadonlySet<string>): string {
  const n = unwrap(expr);
  const own = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' && !n.computed ? propertyName(n) : null;
  const base = own && /^[A-Za-z_][A-Za-z0-9_]*$/.test(own) && !RESERVED.has(own) ? own : 'value';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}
