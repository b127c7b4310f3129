import type * as t from '@babel/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import type { TemplateEngine } from '../../services/template-outputs';

/**
 * The resolved name of a template function's callee: `module.export`, or `module.Class.().method` for a
 * method of an instance (`new nunjucks.Environment()`, `nunjucks.configure()`, `Handlebars.create()`,
 * `new Eta()`), the default export folded into the module (`import ejs from 'ejs'` -> `ejs.render`).
 * Null when the callee is local.
 */
export function templateFunctionName(callee: JsNode, lang: JsHelpers, depth = 0): string | null {
  if (depth > 5) return null;
  const ref = lang.resolve(callee);
  if (ref?.module) {
    // Built without arrays: this runs for every call into a module.
    let name = ref.module;
    for (let i = ref.path[0] === 'default' ? 1 : 0; i < ref.path.length; i++) name += `.${ref.path[i]}`;
    return name;
  }
  if (ref || callee.type !== 'MemberExpression' || callee.computed) return null;
  const made = creationOf(callee.object as JsNode, lang, 0);
  const base = made ? templateFunctionName(unwrap(made.callee as JsNode), lang, depth + 1) : null;
  return base ? `${base}.().${propertyName(callee)}` : null;
}

/** The `new X()` or `x.create()` call an object comes from, directly or through a constant. */
export function creationOf(node: JsNode, lang: JsHelpers, depth: number): t.CallExpression | t.NewExpression | null {
  let n = unwrap(node);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument as JsNode);
  if (n.type === 'NewExpression' || n.type === 'CallExpression') return n;
  const init = n.type === 'Identifier' && depth < 5 ? lang.constantInit(n) : null;
  return init ? creationOf(init, lang, depth + 1) : null;
}

/**
 * A function that renders inline template text (its first argument) with data. `render`: at once, data in
 * argument `data`; `compile`: returns a function that takes the data. `options`: the argument with the
 * engine's options, where they change what is escaped or which tags are read.
 */
export interface InlineTemplateFunction {
  engine: TemplateEngine;
  kind: 'render' | 'compile';
  data?: number;
  options?: number;
}

/** Inline template functions by {@link templateFunctionName}. Functions that take a template *name* or file are not here. */
export const INLINE_TEMPLATE_FUNCTIONS: ReadonlyMap<string, InlineTemplateFunction> = new Map<string, InlineTemplateFunction>([
  ['ejs.render', { engine: 'ejs', kind: 'render', data: 1, options: 2 }],
  ['ejs.compile', { engine: 'ejs', kind: 'compile', options: 1 }],
  ...['handlebars', 'handlebars.create.()'].map((m): [string, InlineTemplateFunction] => [`${m}.compile`, { engine: 'handlebars', kind: 'compile', options: 1 }]),
  ['mustache.render', { engine: 'mustache', kind: 'render', data: 1, options: 3 }],
  ...['pug', 'jade'].flatMap((m): Array<[string, InlineTemplateFunction]> => [
    [`${m}.render`, { engine: 'pug', kind: 'render', data: 1 }],
    [`${m}.compile`, { engine: 'pug', kind: 'compile' }],
  ]),
  ...['nunjucks', 'nunjucks.Environment.()', 'nunjucks.configure.()'].map((m): [string, InlineTemplateFunction] => [`${m}.renderString`, { engine: 'nunjucks', kind: 'render', data: 1 }]),
]);

/** Engines by the module that renders a view engine's files (`app.engine('html', require('ejs').renderFile)`, consolidate's names). */
export const ENGINE_MODULES: Readonly<Record<string, TemplateEngine>> = {
  ejs: 'ejs',
  handlebars: 'handlebars',
  hbs: 'handlebars',
  'express-handlebars': 'handlebars',
  mustache: 'mustache',
  'mustache-express': 'mustache',
  'hogan.js': 'mustache',
  hogan: 'mustache',
  pug: 'pug',
  jade: 'pug',
  nunjucks: 'nunjucks',
};
