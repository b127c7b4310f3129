import type * as t from '@babel/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Shared by js/no-xss, js/no-ssrf and js/no-dynamic-eval: pages of headless browsers (puppeteer, playwright). */

/** Modules that drive a headless browser. */
export const BROWSER_MODULES = new Set(['puppeteer', 'puppeteer-core', 'playwright', 'playwright-core', 'playwright-chromium', 'playwright-firefox', 'playwright-webkit', '@playwright/test']);
/** Module functions that start or attach to a browser (`puppeteer.launch()`, `chromium.launch()`). */
const LAUNCHERS = new Set(['launch', 'connect', 'launchPersistentContext', 'connectOverCDP']);
/** Methods of a browser or browser context that return one (`browser.newContext()`). */
const CONTEXT_METHODS = new Set(['newContext', 'createBrowserContext', 'createIncognitoBrowserContext', 'defaultBrowserContext']);
/** Methods of a page that return a frame, which has the same navigation and script methods. */
const FRAME_METHODS = new Set(['mainFrame', 'frame']);
/** Type names that annotate a page or a frame. */
const PAGE_TYPES = new Set(['Page', 'Frame']);

/** A quick text test: a file that names no browser module has no page. */
export function mentionsBrowser(text: string): boolean {
  return text.includes('puppeteer') || text.includes('playwright');
}

/**
 * Whether an expression is a headless-browser page (or frame): `await browser.newPage()`, a variable
 * holding one, `page.mainFrame()`, or a parameter annotated with the `Page`/`Frame` type of a browser module.
 */
export function isBrowserPage(node: JsNode, lang: JsHelpers, depth = 0): boolean {
  if (depth > 10) return false;
  const n = strip(node);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    if (b?.kind === 'param' && b.path.length === 0) return annotatedAs(b.id, lang, PAGE_TYPES);
    return b?.kind === 'var' && !!b.init && b.path.length === 0 && isBrowserPage(b.init, lang, depth + 1);
  }
  const method = methodCall(n);
  if (!method) return false;
  if (method.name === 'newPage') return isBrowser(method.object, lang, depth + 1);
  return FRAME_METHODS.has(method.name) && isBrowserPage(method.object, lang, depth + 1);
}

/** A browser or browser context: `await puppeteer.launch()`, `await browser.newContext()`, or a variable holding one. */
function isBrowser(node: JsNode, lang: JsHelpers, depth: number): boolean {
  if (depth > 10) return false;
  const n = strip(node);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    if (b?.kind === 'param' && b.path.length === 0) return annotatedAs(b.id, lang, new Set(['Browser', 'BrowserContext']));
    return b?.kind === 'var' && !!b.init && b.path.length === 0 && isBrowser(b.init, lang, depth + 1);
  }
  if (n.type !== 'CallExpression') return false;
  const ref = lang.resolve(n.callee as JsNode);
  if (ref?.module && BROWSER_MODULES.has(ref.module)) return LAUNCHERS.has(ref.path.at(-1) ?? '');
  const method = methodCall(n);
  return !!method && CONTEXT_METHODS.has(method.name) && isBrowser(method.object, lang, depth + 1);
}

/** `x.m(…)` as its receiver and method name. */
function methodCall(n: JsNode): { object: JsNode; name: string } | null {
  if (n.type !== 'CallExpression') return null;
  const callee = unwrap(n.callee as JsNode);
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const name = propertyName(callee);
  return name === null ? null : { object: callee.object as JsNode, name };
}

/** Strips casts, parentheses and `await`. */
function strip(node: JsNode): JsNode {
  let n = unwrap(node);
  while (n.type === 'AwaitExpression') n = unwrap(n.argument as JsNode);
  return n;
}

/** Whether a parameter is annotated with one of `types` imported from a browser module (`page: Page`). */
function annotatedAs(id: JsNode, lang: JsHelpers, types: ReadonlySet<string>): boolean {
  const annotation = (id as t.Identifier).typeAnnotation;
  const type = annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : null;
  if (type?.type !== 'TSTypeReference') return false;
  const name = type.typeName;
  const last = name.type === 'Identifier' ? name.name : name.type === 'TSQualifiedName' ? name.right.name : '';
  if (!types.has(last)) return false;
  const root = name.type === 'Identifier' ? name : name.type === 'TSQualifiedName' && name.left.type === 'Identifier' ? name.left : null;
  const ref = root ? lang.resolve(root as JsNode) : null;
  return !!ref?.module && BROWSER_MODULES.has(ref.module);
}
