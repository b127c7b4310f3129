import * as path from 'node:path';
import type * as t from '@babel/types';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, ReportLocation, TextEdit, Visitors } from '../../engine/types';
import { findProperty, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { CallLike, Taint, TaintKind } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { requiredModule } from '../../languages/js/resolve';
import { unescapedOutputs, type TemplateEngine, type TemplateScanOptions, type UnescapedOutput } from '../../services/template-outputs';
import { DEFAULT_ENGINES, TEMPLATES_SERVICE, type TemplateAnswer, type TemplateQuery, type ViewFolder } from '../../services/templates';
import { flowLocations } from '../shared/flow-report';
import { isHtmlSanitizer } from './no-xss';
import { creationOf, ENGINE_MODULES, INLINE_TEMPLATE_FUNCTIONS, templateFunctionName, type InlineTemplateFunction } from './template-engines';
import { untrustedSource, type FlowHooks } from './xss-redirect-flow';

/** Request data and model output: a parameter may well be a constant, and the template's own author chose the tag. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/** Methods that load a stored record by a key (`Post.findById(req.params.id)`): the record is not the request's text. */
const RECORD_LOOKUPS = new Set(['findById', 'findByPk', 'findOne', 'findAll', 'findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findAndCountAll', 'find', 'where', 'select', 'query', 'execute', 'count', 'exists', 'lookup']);
const HOOKS: FlowHooks = { sanitizes: (call, lang) => isHtmlSanitizer(call, lang) || isRecordLookup(call), kinds: KINDS };
/** A file without any of these has nothing to check. */
const PREFILTER = /render|\.view|compile/;
/** Modules of the Koa view middleware and the Fastify view plugin. */
const KOA_VIEWS = new Set(['koa-views', '@ladjs/koa-views']);
const FASTIFY_VIEW = new Set(['@fastify/view', 'point-of-view']);
/** Sites of one finding shown as flow steps, at most. */
const MAX_SITES = 5;
const ENGINE_LABEL: Readonly<Record<TemplateEngine, string>> = { ejs: 'EJS', handlebars: 'Handlebars', mustache: 'Mustache', pug: 'Pug', nunjucks: 'Nunjucks' };

type Framework = 'express' | 'koa' | 'fastify';

/** A view rendered by name, checked once the whole file (and its view configuration) has been read. */
interface ViewCall {
  framework: Framework;
  view: string;
  data: JsNode;
}

/** What the file says about where views live and which engine reads them. */
interface ViewConfig {
  /** Folders by framework; `unknown` when the file sets them to something not known at analysis time. */
  folders: Partial<Record<Framework, ViewFolder[] | 'unknown'>>;
  /** Default extension by framework (`app.set('view engine', 'ejs')`, koa-views `extension`, @fastify/view `viewExt`). */
  extension: Partial<Record<Framework, string>>;
  engines: Record<string, TemplateEngine>;
  /** `nunjucks.configure(…, { autoescape: false })`. */
  nunjucksAutoescapeOff: boolean;
}

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-unescaped-template-output',
  languages: ['js'],
  meta: {
    description: 'Templates must not print request data or model output with unescaped output tags',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-79'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: [TEMPLATES_SERVICE],
    messages: {
      unescaped:
        '{{source}} is printed without HTML escaping by {{template}} ({{how}}, `{{name}}`). Markup in that value runs script in the page of whoever views it, with their session (cross-site scripting).',
      escapeOutput: 'Print the value escaped ({{replacement}})',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const inline: Array<{ fn: InlineTemplateFunction; call: CallLike & JsNode; template: JsNode; data: JsNode | undefined }> = [];
    const views: ViewCall[] = [];
    const config: ViewConfig = { folders: {}, extension: {}, engines: {}, nunjucksAutoescapeOff: false };

    const visit = (node: JsNode) => {
      const call = node as CallLike & JsNode;
      const callee = unwrap(call.callee as JsNode);
      const args = call.arguments as JsNode[];
      if (args.some((a) => a.type === 'SpreadElement')) return;
      // A compiled template called with its data: `Handlebars.compile(t)(data)`, `const card = Handlebars.compile(t); card(data)`.
      const compiled = callee.type === 'CallExpression' ? callee : callee.type === 'Identifier' ? lang.definition(callee) : null;
      if (compiled?.type === 'CallExpression') {
        const fn = inlineFunction(compiled, lang);
        if (fn?.kind === 'compile' && compiled.arguments[0]) inline.push({ fn, call: compiled as CallLike & JsNode, template: compiled.arguments[0] as JsNode, data: args[0] });
      }
      if (callee.type !== 'MemberExpression' && callee.type !== 'Identifier') return;
      const method = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      if (method === null) return;
      const fn = inlineFunction(call, lang);
      if (fn?.kind === 'render' && args[0]) {
        inline.push({ fn, call, template: args[0], data: fn.data === undefined ? undefined : args[fn.data] });
        return;
      }
      readConfig(call, callee, method, args, lang, config);
      if (callee.type !== 'MemberExpression') return;
      const framework = viewFramework(callee, method);
      const view = framework && args[0] ? lang.constantString(args[0]) : null;
      const data = args[1];
      if (framework && view !== null && data && isDataObject(data)) views.push({ framework, view, data });
    };

    return {
      CallExpression: visit,
      'Program:exit'() {
        for (const c of inline) checkInline(context, c.fn, c.call, c.template, c.data, config);
        for (const v of views) askView(context, v, config);
      },
    };
  },
});

/** The inline template function a call is, by its resolved name. */
function inlineFunction(call: t.CallExpression | t.NewExpression | t.OptionalCallExpression, lang: JsHelpers): InlineTemplateFunction | null {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression' && callee.type !== 'Identifier') return null;
  const name = templateFunctionName(callee, lang);
  return name === null ? null : (INLINE_TEMPLATE_FUNCTIONS.get(name) ?? null);
}

/** `res.render`, `response.render` (Express); `ctx.render` (koa-views); `reply.view` (@fastify/view). */
function viewFramework(callee: t.MemberExpression, method: string): Framework | null {
  let object = unwrap(callee.object as JsNode);
  // res.status(200).render(…)
  for (let i = 0; i < 3 && object.type === 'CallExpression' && object.callee.type === 'MemberExpression'; i++) object = unwrap(object.callee.object as JsNode);
  if (object.type !== 'Identifier') return null;
  if (method === 'render' && /^(?:res|response)$/.test(object.name)) return 'express';
  if (method === 'render' && /^(?:ctx|context)$/.test(object.name)) return 'koa';
  if ((method === 'view' || method === 'viewAsync') && /^(?:reply|res)$/.test(object.name)) return 'fastify';
  return null;
}

/** Data that can be followed: not a callback (`res.render('x', (err, html) => …)`). */
function isDataObject(node: JsNode): boolean {
  const n = unwrap(node);
  return n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression';
}

/** Reads view configuration from one call: `app.set('views' | 'view engine', …)`, `app.engine(…)`, koa-views, @fastify/view, nunjucks.configure. */
function readConfig(call: CallLike & JsNode, callee: JsNode, method: string, args: JsNode[], lang: JsHelpers, config: ViewConfig): void {
  if (callee.type === 'MemberExpression' && method === 'set' && args.length === 2) {
    const key = lang.constantString(args[0]);
    if (key === 'view engine') {
      const ext = lang.constantString(args[1]);
      if (ext !== null) config.extension.express = ext.startsWith('.') ? ext : `.${ext}`;
    } else if (key === 'views') {
      config.folders.express = foldersOf(args[1], lang) ?? 'unknown';
    }
    return;
  }
  if (callee.type === 'MemberExpression' && method === 'engine' && args.length === 2) {
    const ext = lang.constantString(args[0]);
    const engine = engineOf(args[1], lang);
    if (ext !== null && engine) config.engines[ext.startsWith('.') ? ext : `.${ext}`] = engine;
    return;
  }
  if (callee.type === 'MemberExpression' && method === 'register' && args[0]) {
    const plugin = unwrap(args[0]);
    const module = requiredModule(plugin) ?? lang.resolve(plugin)?.module ?? null;
    if (module && FASTIFY_VIEW.has(module)) fastifyConfig(args[1], lang, config);
    return;
  }
  const name = templateFunctionName(callee, lang);
  if (name === 'nunjucks.configure') {
    const options = objectOf(args[args.length - 1], lang);
    if (options && isFalse(findProperty(options, 'autoescape'))) config.nunjucksAutoescapeOff = true;
    if (options && findProperty(options, 'express')) {
      config.engines['.njk'] = 'nunjucks';
      config.engines['.html'] = 'nunjucks';
      if (args.length > 1) config.folders.express = foldersOf(args[0], lang) ?? 'unknown';
    }
    return;
  }
  if (name !== null && KOA_VIEWS.has(name) && call.type === 'CallExpression') {
    config.folders.koa = args[0] ? (foldersOf(args[0], lang) ?? 'unknown') : 'unknown';
    const options = objectOf(args[1], lang);
    const ext = options ? findProperty(options, 'extension') : null;
    const extension = ext ? lang.constantString(ext.value as JsNode) : null;
    if (extension) config.extension.koa = `.${extension.replace(/^\./, '')}`;
    const map = options ? findProperty(options, 'map') : null;
    const mapObject = map ? objectOf(map.value as JsNode, lang) : null;
    for (const p of mapObject?.properties ?? []) {
      const key = p.type === 'ObjectProperty' ? propertyName(p) : null;
      const value = key !== null ? lang.constantString((p as t.ObjectProperty).value as JsNode) : null;
      if (key !== null && value !== null && ENGINE_MODULES[value]) config.engines[`.${key}`] = ENGINE_MODULES[value];
    }
  }
}

/** `fastify.register(fastifyView, { engine: { ejs }, root | templates, viewExt })`. */
function fastifyConfig(node: JsNode | undefined, lang: JsHelpers, config: ViewConfig): void {
  const options = objectOf(node, lang);
  if (!options) return;
  const root = findProperty(options, 'root') ?? findProperty(options, 'templates');
  config.folders.fastify = root ? (foldersOf(root.value as JsNode, lang) ?? 'unknown') : [{ from: 'project', path: '' }];
  const viewExt = findProperty(options, 'viewExt');
  const ext = viewExt ? lang.constantString(viewExt.value as JsNode) : null;
  const engineProp = findProperty(options, 'engine');
  const engines = engineProp ? objectOf(engineProp.value as JsNode, lang) : null;
  const first = engines?.properties[0];
  const engine = first?.type === 'ObjectProperty' ? ENGINE_MODULES[propertyName(first) ?? ''] : undefined;
  if (ext) config.extension.fastify = `.${ext.replace(/^\./, '')}`;
  // The plugin renders every file with its one engine, whatever the extension.
  if (engine) for (const e of [config.extension.fastify ?? '', '.html', ...Object.keys(DEFAULT_ENGINES)]) if (e) config.engines[e] = engine;
}

/** The object literal an expression is, directly or through a constant. */
function objectOf(node: JsNode | undefined, lang: JsHelpers): t.ObjectExpression | null {
  const n = node ? lang.definition(node) : null;
  return n?.type === 'ObjectExpression' ? n : null;
}

/** The engine a view-engine function comes from: `require('ejs').renderFile`, `engine()` of express-handlebars, `cons.pug`. */
function engineOf(node: JsNode, lang: JsHelpers): TemplateEngine | null {
  let n = unwrap(node);
  if (n.type === 'CallExpression' && requiredModule(n) === null) n = unwrap(n.callee as JsNode);
  let module: string | null = null;
  let first: string | undefined;
  if (n.type === 'MemberExpression' && requiredModule(unwrap(n.object as JsNode))) {
    module = requiredModule(unwrap(n.object as JsNode));
    first = propertyName(n) ?? undefined;
  } else {
    const ref = n.type === 'Identifier' || n.type === 'MemberExpression' ? lang.resolve(n) : null;
    module = ref?.module ?? null;
    first = ref?.path[0] === 'default' ? ref.path[1] : ref?.path[0];
  }
  if (!module) return null;
  if (module === 'consolidate' || module === '@ladjs/consolidate') return ENGINE_MODULES[first ?? ''] ?? null;
  return ENGINE_MODULES[module] ?? null;
}

/**
 * Folders a views setting names: a constant relative path (from the server's working folder, taken as the
 * project), `path.join(__dirname, 'views')`, `path.resolve(process.cwd(), 'views')`, `__dirname + '/views'`,
 * or an array of those. Null when any part is not known at analysis time.
 */
function foldersOf(node: JsNode, lang: JsHelpers, depth = 0): ViewFolder[] | null {
  if (depth > 5) return null;
  const n = lang.definition(node) ?? unwrap(node);
  if (n.type === 'ArrayExpression') {
    const all = n.elements.map((e) => (e && e.type !== 'SpreadElement' ? foldersOf(e as JsNode, lang, depth + 1) : null));
    return all.every((f) => f !== null) ? (all as ViewFolder[][]).flat() : null;
  }
  const one = folderOf(n, lang);
  return one ? [one] : null;
}

function folderOf(n: JsNode, lang: JsHelpers): ViewFolder | null {
  const constant = lang.constantString(n);
  if (constant !== null) return path.posix.isAbsolute(constant) ? null : { from: 'project', path: constant };
  if (n.type === 'CallExpression') {
    const ref = lang.resolve(n.callee as JsNode);
    const fn = ref?.module === 'path' || ref?.module === 'node:path' ? ref.path.filter((p) => p !== 'default' && p !== 'posix').join('.') : '';
    if (fn !== 'join' && fn !== 'resolve') return null;
    const [base, ...rest] = n.arguments as JsNode[];
    const from = base ? baseFolder(base, lang) : null;
    const parts = rest.map((r) => (r.type === 'SpreadElement' ? null : lang.constantString(r)));
    if (!from || parts.some((p) => p === null || (fn === 'resolve' && path.posix.isAbsolute(p)))) return null;
    return { from, path: path.posix.join('.', ...(parts as string[])) };
  }
  // __dirname + '/views', `${__dirname}/views`
  const parts = n.type === 'BinaryExpression' && n.operator === '+' ? [n.left, n.right] : n.type === 'TemplateLiteral' && n.expressions.length === 1 && n.quasis[0].value.cooked === '' ? [n.expressions[0], null] : null;
  if (!parts) return null;
  const from = baseFolder(parts[0] as JsNode, lang);
  const rest = parts[1] ? lang.constantString(parts[1] as JsNode) : n.type === 'TemplateLiteral' ? (n.quasis[1].value.cooked ?? null) : null;
  return from && rest !== null ? { from, path: path.posix.join('.', rest) } : null;
}

/** `__dirname` (the file's folder) or `process.cwd()` (the project), unless shadowed locally. */
function baseFolder(node: JsNode, lang: JsHelpers): 'file' | 'project' | null {
  const n = unwrap(node);
  if (n.type === 'Identifier' && n.name === '__dirname') return lang.resolve(n)?.module === null ? 'file' : null;
  if (n.type === 'CallExpression' && n.arguments.length === 0) {
    const ref = lang.resolve(n.callee as JsNode);
    if (ref?.module === null && ref.path.join('.') === 'process.cwd') return 'project';
  }
  return null;
}

/** `Post.findById(req.params.id)`, `prisma.post.findUnique(…)`, `db.query(sql, [id])`: a stored record, looked up by the request's key. */
function isRecordLookup(call: CallLike): boolean {
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' ? propertyName(callee) : null;
  return name !== null && RECORD_LOOKUPS.has(name);
}

/** One value of the data that a template prints unescaped somewhere, with where. */
interface Printed<O> {
  value: JsNode;
  taint: Taint;
  outputs: O[];
}

/**
 * The data values the outputs print, with their untrusted source: each output's name (and path below it)
 * is looked up in the data object; a tainted object whose properties are unknown (`req.body`, a spread of
 * it) prints whatever name the template asks for.
 */
function printedValues<O extends Omit<UnescapedOutput, 'escape'>>(data: JsNode, outputs: readonly O[], lang: JsHelpers): Array<Printed<O>> {
  const byValue = new Map<JsNode, Printed<O>>();
  for (const output of outputs) {
    for (const value of valuesAt(data, [output.name, ...output.path], lang, 0)) {
      let entry = byValue.get(value);
      if (!entry) {
        const taint = untrustedSource(lang, value, HOOKS);
        if (!taint) continue;
        byValue.set(value, (entry = { value, taint, outputs: [] }));
      }
      if (!entry.outputs.includes(output)) entry.outputs.push(output);
      break;
    }
  }
  return [...byValue.values()];
}

/**
 * The expressions a property path of the data may be: the value of an explicit property (followed into
 * nested object literals), else the spreads that may hold it; an expression that is not an object
 * literal stands for all of its properties.
 */
function valuesAt(node: JsNode, names: readonly string[], lang: JsHelpers, depth: number): JsNode[] {
  const n = depth < 10 ? lang.definition(node) : null;
  if (!n || n.type !== 'ObjectExpression') return n && isDataObject(n) ? [node] : n ? [] : [node];
  const [head, ...rest] = names;
  if (head === undefined || head === '[]') return [node];
  const prop = findProperty(n, head);
  if (prop) return valuesAt(prop.value as JsNode, rest, lang, depth + 1);
  // A getter or method of that name is code, not a value the flow follows.
  if (n.properties.some((p) => p.type === 'ObjectMethod' && propertyName(p) === head)) return [];
  return n.properties.filter((p): p is t.SpreadElement => p.type === 'SpreadElement').reverse().flatMap((s) => valuesAt(s.argument as JsNode, names, lang, depth + 1));
}

/** Checks an inline template: its text is constant, its data and options are in the call. */
function checkInline(context: RuleContext<JsHelpers>, fn: InlineTemplateFunction, call: CallLike & JsNode, template: JsNode, data: JsNode | undefined, config: ViewConfig): void {
  const { lang } = context;
  if (!data || data.type === 'SpreadElement') return;
  const source = lang.constantString(template);
  if (source === null) return;
  const options = fn.options === undefined ? undefined : (call.arguments[fn.options] as JsNode | undefined);
  // Other delimiters (EJS `delimiter`, Mustache tags) or an own escape function: the tags are not the ones scanned.
  if (fn.engine === 'mustache' && options) return;
  const optionsObject = objectOf(options, lang);
  if (options && fn.engine === 'ejs' && (!optionsObject || ['delimiter', 'openDelimiter', 'closeDelimiter', 'escape', 'escapeFunction'].some((k) => findProperty(optionsObject, k)))) return;
  const scan: TemplateScanOptions = {};
  if (fn.engine === 'handlebars' && optionsObject) scan.noEscape = isTrue(findProperty(optionsObject, 'noEscape'));
  if (fn.engine === 'nunjucks') scan.autoescapeOff = nunjucksAutoescapeOff(call, lang, config);
  const outputs = unescapedOutputs(source, fn.engine, scan);
  if (outputs.length === 0) return;
  const literal = lang.definition(template);
  const base = literal ? literalStart(literal, source, context.text) : null;
  const place = (o: UnescapedOutput): [number, number] => (base === null ? [template.start!, template.end!] : [base + o.range[0], base + o.range[1]]);
  for (const printed of printedValues(data, outputs, lang)) {
    const sites = printed.outputs.slice(0, MAX_SITES).map((o): ReportLocation => ({ message: `Printed without escaping here (${o.how})`, range: place(o) }));
    const edits = base === null || printed.outputs.some((o) => !o.escape) ? null : printed.outputs.flatMap((o) => o.escape!.map((e): TextEdit => ({ range: [base + e.range[0], base + e.range[1]], text: e.text })));
    const suggest: FixDescriptor[] = edits ? [{ messageId: 'escapeOutput', data: { replacement: printed.outputs[0].escaped ?? '' }, edits: dedupeEdits(edits) }] : [];
    report(context, printed, `the inline ${ENGINE_LABEL[fn.engine]} template`, sites, suggest);
  }
}

/** `true` as a property's constant value. */
function isTrue(prop: t.ObjectProperty | null): boolean {
  const v = prop ? staticValue(unwrap(prop.value as JsNode)) : null;
  return !!v?.known && v.value === true;
}

/** `false` as a property's constant value. */
function isFalse(prop: t.ObjectProperty | null): boolean {
  const v = prop ? staticValue(unwrap(prop.value as JsNode)) : null;
  return !!v?.known && v.value === false;
}

/** Whether the Nunjucks environment of a `renderString` escapes nothing: its creation, or the module's `configure`, says `autoescape: false`. */
function nunjucksAutoescapeOff(call: CallLike & JsNode, lang: JsHelpers, config: ViewConfig): boolean {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression') return false;
  const made = creationOf(callee.object as JsNode, lang, 0);
  if (!made) return config.nunjucksAutoescapeOff;
  const options = objectOf(made.arguments[made.arguments.length - 1] as JsNode | undefined, lang);
  return !!options && isFalse(findProperty(options, 'autoescape'));
}

/** Offset in the file of the first character of a string literal's value, when every character is written as itself. */
function literalStart(node: JsNode, value: string, text: string): number | null {
  if (node.type === 'StringLiteral') return text.slice(node.start! + 1, node.end! - 1) === value ? node.start! + 1 : null;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const q = node.quasis[0] as JsNode & t.TemplateElement;
    return q.value.raw === value ? q.start! : null;
  }
  return null;
}

function dedupeEdits(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((e) => {
    const key = `${e.range[0]}:${e.range[1]}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Asks the template service for a view rendered by name, and reports the values its unescaped outputs print. */
function askView(context: RuleContext<JsHelpers>, call: ViewCall, config: ViewConfig): void {
  const { lang } = context;
  // Only data that may hold untrusted values is worth a look-up.
  if (!untrustedSource(lang, call.data, HOOKS)) return;
  const folders = config.folders[call.framework] ?? [{ from: 'project', path: call.framework === 'fastify' ? '' : 'views' }];
  if (folders === 'unknown') return;
  const extension = config.extension[call.framework];
  const query: TemplateQuery = {
    file: context.file,
    view: call.view,
    folders,
    extensions: [...new Set([...(extension ? [extension] : []), ...Object.keys(DEFAULT_ENGINES), ...Object.keys(config.engines)])],
    engines: config.engines,
    options: { autoescapeOff: config.nunjucksAutoescapeOff },
  };
  context.ask<TemplateAnswer | null>(TEMPLATES_SERVICE, query, (answer) => {
    if (!answer || answer.outputs.length === 0) return;
    for (const printed of printedValues(call.data, answer.outputs, lang)) {
      const sites = printed.outputs.slice(0, MAX_SITES).map(
        (o): ReportLocation => ({ message: `Printed without escaping here (${o.how}, ${answer.path})`, range: o.range, start: o.start, end: o.end, file: answer.file }),
      );
      report(context, printed, answer.path, sites, []);
    }
  });
}

function report(context: RuleContext<JsHelpers>, printed: Printed<Omit<UnescapedOutput, 'escape'>>, template: string, sites: ReportLocation[], suggest: FixDescriptor[]): void {
  const { lang } = context;
  const first = printed.outputs[0];
  context.report({
    range: [printed.value.start!, printed.value.end!],
    messageId: 'unescaped',
    data: { source: printed.taint.description, template, how: first.how, name: [first.name, ...first.path.filter((p) => p !== '[]')].join('.') },
    flow: [...flowLocations(printed.taint, lang), ...sites],
    suggest,
  });
}
