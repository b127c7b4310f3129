import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { MODULES, parameterReport, withCallsIntoModules } from './calls-into-modules';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { Taint } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { concatParts, partText } from '../../languages/js/concat';
import { isBrowserPage } from './browser-helpers';
import { flowLocations, parameterFacts, severityFor, WITH_CALLER_PARAMETERS } from '../shared/flow-report';
import { untrustedSource, type FlowHooks } from './xss-redirect-flow';
import { componentFacts, templateValues, TRUST_METHODS } from './sfc-templates';

/** Modules whose functions escape or sanitize HTML, with the export paths that do (null: every export). */
const SANITIZER_MODULES: Record<string, readonly string[] | null> = {
  dompurify: null,
  'isomorphic-dompurify': null,
  'sanitize-html': null,
  xss: null,
  'escape-html': null,
  he: ['encode', 'escape'],
  validator: ['escape'],
  'validator/lib/escape': null,
  lodash: ['escape'],
  'lodash-es': ['escape'],
  'lodash.escape': null,
  underscore: ['escape'],
  'html-entities': ['encode', 'escape'],
  'html-escaper': ['escape'],
};
const DOMPURIFY_MODULES = new Set(['dompurify', 'isomorphic-dompurify']);
/** Sink names, for the prefilter: a file without any of them has nothing to check. */
const SINK_TEXT = /innerHTML|outerHTML|insertAdjacentHTML|srcdoc|createContextualFragment|document\.write|dangerouslySetInnerHTML|setContent|\.(?:html|append|prepend|after|before|replaceWith|send)\(|(?:\$|jQuery)\(|v-html|inner-html|@html|bypassSecurityTrust/;
/** jQuery methods that parse a string argument as HTML. */
const JQUERY_HTML_METHODS = new Set(['html', 'append', 'prepend', 'after', 'before', 'replaceWith']);
/** Modules whose `load()` returns a jQuery-like `$` over a server-side document. */
const CHEERIO_MODULES = new Set(['cheerio', 'cheerio/slim', 'cheerio/lib/slim']);
/** Calls that return a DOM Range (`document.createRange()`, `getSelection().getRangeAt(0)`). */
const RANGE_METHODS = new Set(['createRange', 'getRangeAt', 'cloneRange']);
/** Page-URL properties an attacker controls through a link. */
const URL_SOURCES = new Set(['location.hash', 'location.search', 'location.href', 'document.URL', 'document.documentURI', 'document.referrer']);
/** Vercel AI SDK React hooks whose state holds model output. */
const AI_HOOK_MODULES = new Set(['ai/react', '@ai-sdk/react', '@ai-sdk/vue', '@ai-sdk/svelte']);
const AI_HOOKS = new Set(['useChat', 'useCompletion', 'useAssistant', 'useObject']);
/** An HTML tag in a string: `<p`, `</p`, `<!--`. */
const HTML_TAG = /<[a-zA-Z!/]/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-xss',
  languages: ['js'],
  meta: {
    description: 'HTML sinks must not receive request data, page-URL data, postMessage data or model output unsanitized',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-79'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which builds HTML from it (line {{line}}). Markup in that value runs script in the page of whoever views it (cross-site scripting).',
      xss:
        '{{sink}} receives HTML built from {{source}}. Markup in that value runs script in the page of whoever views it, with their session (cross-site scripting).',
      xssParam:
        '{{sink}} receives HTML built from {{source}}, which comes from the caller. If a caller passes user input, markup in it runs script in the page of whoever views it (cross-site scripting).',
      trust:
        '{{sink}}() marks {{source}} as safe, so Angular inserts it without sanitizing. Markup, a `javascript:` URL or a script URL in it runs script in the page of whoever views it (cross-site scripting).',
      trustParam:
        '{{sink}}() marks {{source}} as safe, so Angular inserts it without sanitizing. If it holds user input, markup or a `javascript:` URL in it runs script in the page of whoever views it (cross-site scripting).',
      xssHeadless:
        '{{sink}} loads HTML built from {{source}} into a headless browser on the server. Script in that markup runs there, and can read local files (file:// URLs) and call internal services (localhost, 169.254.169.254 cloud metadata) through the browser.',
      useText: 'Insert the value as text with {{replacement}}',
      sanitize: 'Sanitize the HTML with {{name}}.sanitize()',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!SINK_TEXT.test(text)) return withCallsIntoModules(context, {});
    let purify: string | null | undefined;
    const purifyName = () => (purify === undefined ? (purify = domPurifyName(lang)) : purify);

    // Props, inputs and router data of Vue, Svelte and Angular components (see sfc-templates.ts).
    const facts = componentFacts(lang, context.file);
    const hooks: FlowHooks = { ...HOOKS, source: (n) => browserSource(n, lang) ?? facts.source(n, taintOf) };
    const urlHooks: FlowHooks = { ...hooks, url: true };
    const taintOf = (n: JsNode) => untrustedSource(lang, n, hooks);

    const check = (sink: string, value: JsNode, textEdit: FixDescriptor | null, wrap = true, messageId = 'xss') => {
      const source = untrustedSource(lang, value, hooks);
      if (!source) return;
      // Inserting markup as text would show the tags, so the text suggestion is only for plain values.
      const suggest: FixDescriptor[] = textEdit && !isHtmlString(value, lang) ? [textEdit] : [];
      const name = wrap ? purifyName() : null;
      if (name) {
        const edit = { range: [value.start!, value.end!] as const, text: `${name}.sanitize(${text.slice(value.start!, value.end!)})` };
        suggest.push({ messageId: 'sanitize', data: { name }, edits: [edit] });
      }
      context.report({
        range: [value.start!, value.end!],
        messageId: source.kind === 'param' && messageId === 'xss' ? 'xssParam' : messageId,
        ...parameterReport(lang, source),
        data: { sink, source: source.description },
        flow: flowLocations(source, lang),
        suggest,
      });
    };

    /**
     * Angular `bypassSecurityTrust*()`: reported when the value is untrusted or a caller's (an input, a
     * pipe's `transform` parameter), passed through unchanged included, since its callers are templates.
     * URLs are judged by the part that decides where they point.
     */
    const checkTrust = (method: string, value: JsNode) => {
      const source = untrustedSource(lang, value, method.endsWith('Url') ? urlHooks : hooks);
      if (!source) return;
      const name = method === 'bypassSecurityTrustHtml' ? purifyName() : null;
      const suggest: FixDescriptor[] = name
        ? [{ messageId: 'sanitize', data: { name }, edits: [{ range: [value.start!, value.end!], text: `${name}.sanitize(${text.slice(value.start!, value.end!)})` }] }]
        : [];
      context.report({
        range: [value.start!, value.end!],
        messageId: source.kind === 'param' ? 'trustParam' : 'trust',
        severity: severityFor(source),
        properties: parameterFacts(source),
        data: { sink: method, source: source.description },
        flow: flowLocations(source, lang),
        suggest,
      });
    };

    return withCallsIntoModules(context, {
      AssignmentExpression(node) {
        const a = node as t.AssignmentExpression;
        if (a.operator !== '=' && a.operator !== '+=') return;
        if (a.left.type !== 'MemberExpression') return;
        const prop = propertyName(a.left);
        if (prop === 'srcdoc' && a.operator === '=') return check('iframe srcdoc', a.right as JsNode, null);
        if (prop !== 'innerHTML' && prop !== 'outerHTML') return;
        const toText = prop === 'innerHTML' && a.operator === '=' && !a.left.computed
          ? rename(a.left.property as JsNode, 'textContent')
          : null;
        check(prop, a.right as JsNode, toText);
      },
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        const args = call.arguments as JsNode[];
        if (callee.type === 'Identifier' && args[0] && isJqueryFunction(callee, lang, false)) {
          if (!isSelector(args[0], lang) && !isRawPageUrl(args[0], lang)) check(`${callee.name}()`, args[0], null);
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.computed) return;
        const method = propertyName(callee);
        if (method === 'insertAdjacentHTML' && args[1]) {
          check('insertAdjacentHTML()', args[1], rename(callee.property as JsNode, 'insertAdjacentText'));
        } else if (method === 'write' || method === 'writeln') {
          const ref = lang.resolve(callee);
          if (ref?.module !== null || ref.path.join('.') !== `document.${method}`) return;
          const arg = args.find((a) => a.type !== 'SpreadElement' && untrustedSource(lang, a, hooks));
          if (arg) check(`document.${method}()`, arg, null);
        } else if (method !== null && JQUERY_HTML_METHODS.has(method) && args[0] && isJquery(callee.object as JsNode, lang, 0)) {
          if (isNodeBuilder(args[0], lang)) return;
          check(`jQuery .${method}()`, args[0], method === 'html' ? rename(callee.property as JsNode, 'text') : null);
        } else if (method === 'createContextualFragment' && args[0] && isRange(callee.object as JsNode, lang, 0)) {
          check('Range.createContextualFragment()', args[0], null);
        } else if (method === 'setContent' && args[0] && isBrowserPage(callee.object as JsNode, lang)) {
          check('page.setContent()', args[0], null, true, 'xssHeadless');
        } else if (method === 'send' && args[0] && isResponse(callee.object as JsNode) && isHtmlString(args[0], lang)) {
          check('res.send()', args[0], null, false);
        } else if (method !== null && TRUST_METHODS.has(method) && args[0] && args[0].type !== 'SpreadElement') {
          checkTrust(method, args[0]);
        }
      },
      Program() {
        for (const t of templateValues(lang)) {
          const toText = t.toText && { messageId: 'useText', data: { replacement: t.toText.replacement }, edits: [{ range: t.toText.range, text: t.toText.text }] };
          check(t.sink, t.value, toText, t.sanitizable);
        }
      },
      JSXAttribute(node) {
        const attr = node as t.JSXAttribute;
        if (attr.name.type !== 'JSXIdentifier' || attr.name.name !== 'dangerouslySetInnerHTML') return;
        if (attr.value?.type !== 'JSXExpressionContainer') return;
        const html = htmlProperty(attr.value.expression as JsNode);
        if (html) check('dangerouslySetInnerHTML', html, null);
      },
      ObjectProperty(node) {
        // React.createElement('div', { dangerouslySetInnerHTML: { __html: x } })
        const p = node as t.ObjectProperty;
        if (propertyName(p) !== 'dangerouslySetInnerHTML') return;
        const html = htmlProperty(p.value as JsNode);
        if (html) check('dangerouslySetInnerHTML', html, null);
      },
    });
  },
});

const HOOKS: FlowHooks = { source: browserSource, sanitizes: isHtmlSanitizer, kinds: WITH_CALLER_PARAMETERS, passThrough: true };

/** A suggestion that renames a property (`innerHTML` -> `textContent`). */
function rename(property: JsNode, replacement: string): FixDescriptor {
  return { messageId: 'useText', data: { replacement }, edits: [{ range: [property.start!, property.end!], text: replacement }] };
}

/** The `__html` value of `{ __html: x }`. */
function htmlProperty(node: JsNode): JsNode | null {
  const obj = unwrap(node);
  if (obj.type !== 'ObjectExpression') return null;
  const prop = obj.properties.find((p) => p.type === 'ObjectProperty' && propertyName(p) === '__html') as t.ObjectProperty | undefined;
  return prop ? (prop.value as JsNode) : null;
}

/** Calls of known HTML sanitizers and escapers, and calls that build DOM nodes or text instead of markup. */
export function isHtmlSanitizer(call: t.CallExpression | t.OptionalCallExpression | t.NewExpression, lang: JsHelpers): boolean {
  const callee = unwrap(call.callee as JsNode);
  const raw = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  // `$sanitize()` of vue-3-sanitize and similar plugins, as template globals.
  const name = raw?.startsWith('$') ? raw.slice(1) : raw;
  if (name !== null && name !== undefined && /^(encode|filterXSS|purify|sanitize)/i.test(name)) return true;
  const ref = lang.resolve(callee);
  if (!ref) return false;
  if (ref.module === null) return ['document.createTextNode', 'document.createElement'].includes(ref.path.join('.'));
  const paths = SANITIZER_MODULES[ref.module];
  if (paths === undefined) return false;
  return paths === null || (ref.path.length === 1 && paths.includes(ref.path[0]));
}

/** AI SDK React hook state: model output the shared flow does not know (page-URL and message data it does, see `sources.ts`). */
function browserSource(node: JsNode, lang: JsHelpers): Taint | null {
  if (node.type === 'CallExpression') {
    const ref = lang.resolve(node.callee as JsNode);
    if (ref?.module && AI_HOOK_MODULES.has(ref.module) && AI_HOOKS.has(ref.path[0] ?? '')) {
      return { kind: 'model', node, description: `model output (${ref.path[0]}())` };
    }
  }
  return null;
}

/** Whether an expression is a jQuery collection: `$(…)`, `jQuery(…)`, a method chain on one, or a variable holding one. */
function isJquery(node: JsNode, lang: JsHelpers, depth: number): boolean {
  if (depth > 10) return false;
  const n = unwrap(node);
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee as JsNode);
    if (callee.type === 'MemberExpression') return isJquery(callee.object as JsNode, lang, depth + 1);
    return callee.type === 'Identifier' && isJqueryFunction(callee, lang, true);
  }
  if (n.type === 'Identifier') {
    const found = lang.scopes.lookup(n.name, lang.scopes.chainOf(n));
    const b = found?.binding;
    return !!b && b.kind === 'var' && !!b.init && b.path.length === 0 && isJquery(b.init, lang, depth + 1);
  }
  return false;
}

/**
 * `$` or `jQuery` as the global or the `jquery` import; with `cheerio`, also a function made by cheerio's
 * `load()` (server-side, whose markup is sent to browsers). Cheerio's `$(html)` builds a detached
 * document on the server, so it only counts for the methods that insert markup.
 */
function isJqueryFunction(callee: JsNode & t.Identifier, lang: JsHelpers, cheerio: boolean): boolean {
  const ref = lang.resolve(callee);
  if (callee.name === '$' || callee.name === 'jQuery') {
    if (ref) return ref.module === null || ref.module === 'jquery';
  }
  if (!cheerio || ref) return false;
  // const $ = cheerio.load(html), or `let $;` assigned later.
  const b = lang.scopes.lookup(callee.name, lang.scopes.chainOf(callee))?.binding;
  if (b?.kind !== 'var' || b.path.length > 0) return false;
  const values = [b.init, ...(lang.scopes.info(b.scope).assignments.get(b.name) ?? []).map((a) => a.value)];
  return values.some((v) => {
    const call = v ? unwrap(v) : null;
    const load = call?.type === 'CallExpression' ? lang.resolve(call.callee as JsNode) : null;
    return !!load?.module && CHEERIO_MODULES.has(load.module) && load.path.at(-1) === 'load';
  });
}

/**
 * A jQuery selector rather than markup: jQuery only parses a string as HTML when it starts with `<`,
 * so a concatenation or template that starts with other constant text (`'#' + id`) is a selector.
 */
function isSelector(arg: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(arg);
  if (n.type !== 'TemplateLiteral' && !(n.type === 'BinaryExpression' && n.operator === '+')) return lang.isConstant(n);
  const first = partText(concatParts(n)[0]);
  return first !== null && first.trimStart() !== '' && !first.trimStart().startsWith('<');
}

/**
 * `location.hash`, `document.URL`…, read as is: they start with `#`, `?` or a scheme, never with `<`,
 * so jQuery (1.9 and later) takes them as a selector, not as markup.
 */
function isRawPageUrl(arg: JsNode, lang: JsHelpers): boolean {
  const n = lang.definition(arg) ?? unwrap(arg);
  if (n.type !== 'MemberExpression') return false;
  const ref = lang.resolve(n);
  const path = ref?.module === null ? ref.path.join('.') : '';
  return URL_SOURCES.has(path.startsWith('document.location.') ? path.slice('document.'.length) : path);
}

/** A DOM Range: `document.createRange()`, `sel.getRangeAt(0)`, `new Range()`, or a variable holding one. */
function isRange(node: JsNode, lang: JsHelpers, depth: number): boolean {
  if (depth > 10) return false;
  const n = unwrap(node);
  if (n.type === 'NewExpression') {
    const ref = lang.resolve(n.callee as JsNode);
    return ref?.module === null && ref.path.join('.') === 'Range';
  }
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee as JsNode);
    return callee.type === 'MemberExpression' && RANGE_METHODS.has(propertyName(callee) ?? '');
  }
  if (n.type !== 'Identifier') return false;
  const init = lang.constantInit(n);
  return !!init && isRange(init, lang, depth + 1);
}

/** `$('<li>').text(x)`, `document.createElement('li')`: a node built safely, not an HTML string. */
function isNodeBuilder(arg: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(arg);
  if (n.type !== 'CallExpression') return false;
  if (isJquery(n, lang, 0)) return true;
  const ref = lang.resolve(n.callee as JsNode);
  return ref?.module === null && ['document.createElement', 'document.createTextNode'].includes(ref.path.join('.'));
}

/** `res`, `response`, `reply`, or a chain on them such as `res.status(200)`. */
function isResponse(node: JsNode): boolean {
  const n = unwrap(node);
  if (n.type === 'Identifier') return /^(res|response|reply)$/.test(n.name);
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') return isResponse(n.callee.object as JsNode);
  return false;
}

/** A concatenation or template literal with an HTML tag in its constant text, directly or through a local variable. */
function isHtmlString(node: JsNode, lang: JsHelpers): boolean {
  let n = unwrap(node);
  if (n.type === 'Identifier') {
    const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
    if (!b || b.kind !== 'var' || !b.init || b.path.length > 0) return false;
    n = unwrap(b.init);
  }
  if (n.type !== 'TemplateLiteral' && !(n.type === 'BinaryExpression' && n.operator === '+')) return false;
  return concatParts(n).some((p) => HTML_TAG.test(partText(p) ?? ''));
}

/** The local name of a default/namespace DOMPurify import or require at module level, or null. */
function domPurifyName(lang: JsHelpers): string | null {
  const program = lang.parsed.root.program as JsNode;
  for (const [name, b] of lang.scopes.info(program).bindings) {
    if (b.kind !== 'import' && b.kind !== 'var') continue;
    const ref = lang.resolver.resolve(b.id, [program]);
    if (ref?.module && DOMPURIFY_MODULES.has(ref.module) && ref.path.length === 0) return name;
  }
  return null;
}
