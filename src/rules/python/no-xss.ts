import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeLastName, calleeName, constantString, importEdits, keywordArgument, pyQuote, replaceEdit } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, parameterReport, relatedLocations, unwrap, withCallerParameters } from './injection-flow';
import { MODULES } from '../shared/module-calls';
import { constantPrefix, pyString, stringParts, type Part } from './injection-strings';

/** Classes and functions that mark their argument as safe HTML, which templates then insert unescaped. */
const SAFE_MARKERS = new Set([
  'markupsafe.Markup', 'flask.Markup', 'jinja2.Markup', 'jinja2.utils.Markup', 'django.utils.safestring.mark_safe',
  'django.utils.safestring.SafeString', 'django.utils.safestring.SafeText', 'django.utils.html.format_html',
]);
/** Response classes whose body is HTML unless a content type says otherwise, with the keyword of the body. */
const RESPONSES = new Map<string, string>([
  ['flask.Response', 'response'],
  ['flask.make_response', ''],
  ['quart.Response', 'response'],
  ['quart.make_response', ''],
  ['werkzeug.Response', 'response'],
  ['werkzeug.wrappers.Response', 'response'],
  ['django.http.HttpResponse', 'content'],
  ['django.http.HttpResponseBadRequest', 'content'],
  ['django.http.HttpResponseNotFound', 'content'],
  ['django.http.HttpResponseForbidden', 'content'],
  ['django.http.HttpResponseServerError', 'content'],
  ['django.http.response.HttpResponse', 'content'],
  ['aiohttp.web.Response', 'text'],
]);
/** Responses that are HTML whatever their content. */
const HTML_RESPONSES = new Set(['starlette.responses.HTMLResponse', 'fastapi.responses.HTMLResponse', 'fastapi.HTMLResponse', 'litestar.response.Response']);
/** Decorator modules whose route functions return HTML when they return a string (Flask's default mimetype). */
const HTML_ROUTE_MODULES = new Set(['flask', 'quart', 'bottle', 'apiflask']);
const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);
/** Methods whose result is the same text as their receiver or arguments. */
const TEXT_METHODS = /^(?:get|getlist|strip|rstrip|lstrip|lower|upper|title|capitalize|replace|format|join|decode|get_argument|get_query_argument|get_body_argument|get_data)$/;
const HTML_TAG = /<[a-zA-Z!/]/;
const REQUEST_OBJECT = /^(?:request|req|self\.request)$/;
/** Template rendering: its output is HTML whose values the template engine escaped. */
const RENDERERS = /^(?:render_template|render_template_string|render|render_to_string|render_async|stream_template)$/;
const PREFILTER = /flask|quart|django|starlette|fastapi|markupsafe|jinja2|aiohttp|tornado|bottle|Markup|mark_safe|HTMLResponse/;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-xss',
  languages: ['python'],
  meta: {
    description: 'HTML responses and values marked safe must not be built from request data or model output unescaped',
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
        '{{source}} is passed to {{callee}}() ({{file}}), which builds HTML from it without escaping (line {{line}}). Markup in that value runs script in the page of whoever views it (cross-site scripting).',
      xssParam:
        '{{sink}} sends HTML built from {{source}}, which comes from the caller. If a caller passes user input, markup in it runs script in the page of whoever views it (cross-site scripting).',
      markedSafeParam:
        '{{sink}} marks a value built from {{source}}, which comes from the caller, as safe HTML. If a caller passes user input, markup in it runs script in the page of whoever views it (cross-site scripting).',
      xss: '{{sink}} sends HTML built from {{source}}. Markup in that value runs script in the page of whoever views it, with their session (cross-site scripting).',
      markedSafe:
        '{{sink}} marks a value built from {{source}} as safe HTML, so templates insert it without escaping. Markup in that value runs script in the page of whoever views it (cross-site scripting).',
      unsafeFilter:
        'The template renders `{{name}}` with the `safe` filter (or with autoescaping off), and its value comes from {{source}}. Markup in that value runs script in the page (cross-site scripting).',
      escapeValue: 'Escape the untrusted values with html.escape()',
      useMarkupFormat: 'Build the markup with Markup(…).format(), which escapes the values',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    // A value marked safe is reported where it is marked, not again in each response it reaches; a rendered
    // template escaped its values (the `|safe` ones are reported at the render call).
    const marked = (n: SyntaxNode) =>
      (n.type === 'call' && (SAFE_MARKERS.has(calleeName(lang, n) ?? '') || RENDERERS.test(calleeLastName(n) ?? ''))) || isHeaderRead(n);
    const options: PythonFlowOptions = flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true, sanitizers: new Set(['html']), trusted: marked });
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !lang.liveBranch(call)) return;
        if (last === 'write' || last === 'finish') return tornadoWrite(call);
        const name = calleeName(lang, call);
        if (!name) return;
        if (SAFE_MARKERS.has(name)) return safeMarker(call, name);
        if (HTML_RESPONSES.has(name)) {
          const body = lang.argument(call, 0, 'content');
          if (body && (name !== 'litestar.response.Response' || isHtmlType(keywordArgument(call, 'media_type')?.childForFieldName('value')))) check(body, `${last}()`, false);
          return;
        }
        const keyword = RESPONSES.get(name);
        if (keyword !== undefined) return response(call, name, keyword);
        if (name === 'flask.render_template_string' || name === 'quart.render_template_string') unsafeTemplateValues(call);
      },
      function_definition(node) {
        const fn = node as SyntaxNode;
        if (!returnsHtml(fn)) return;
        for (const value of returnValues(fn)) {
          if (lang.liveBranch(value)) check(value, `The view ${fn.childForFieldName('name')?.text ?? ''}()`, true);
        }
      },
    });

    /** Reports `value` when it is (or is built into) HTML from an untrusted source. */
    function check(value: SyntaxNode, sink: string, needsText: boolean): void {
      const v = unwrap(value);
      const parts = stringParts(lang, v);
      if (parts) {
        // A string built in place: HTML when its text has a tag or when it is sent as HTML anyway.
        const untrusted = parts.filter((p): p is { expr: SyntaxNode } => 'expr' in p && lang.taint(p.expr, options) !== null);
        if (untrusted.length === 0) return;
        if (needsText && !isHtmlParts(parts) && !isTextValue(value, 0)) return;
        const taint = lang.taint(untrusted[0].expr, options)!;
        report(value, 'xss', sink, taint, escapeEdits(untrusted.map((p) => p.expr)));
        return;
      }
      if (needsText && !isTextValue(value, 0)) return;
      const taint = lang.taint(value, options);
      if (taint) report(value, 'xss', sink, taint, escapeEdits([value]));
    }

    function report(node: SyntaxNode, messageId: string, sink: string, taint: PythonTaint, edits: TextEdit[] | null, extra: FixDescriptor[] = []): void {
      if (taint.kind === 'param') {
        // A caller's parameter: judged on the whole value, which says whether it was built into markup or passed through.
        const whole = lang.taint(node, options);
        if (!whole || (whole.kind === 'param' && messageId === 'unsafeFilter')) return;
        taint = whole;
        if (whole.kind === 'param') messageId = messageId === 'markedSafe' ? 'markedSafeParam' : 'xssParam';
      }
      const range = lang.range(node);
      context.report({
        range,
        messageId,
        data: { sink, source: taint.description, name: messageId === 'unsafeFilter' ? sink : '' },
        flow: relatedLocations(lang, taint, range),
        suggest: [...extra, ...(edits ? [{ messageId: 'escapeValue', edits }] : [])],
        ...parameterReport(taint),
      });
    }

    /** `Markup(x)`, `mark_safe(x)`, `format_html(x)` with x untrusted. */
    function safeMarker(call: SyntaxNode, name: string): void {
      const value = lang.argument(call, 0, name.endsWith('format_html') ? 'format_string' : name.endsWith('mark_safe') ? 's' : 'object');
      if (!value) return;
      const taint = lang.taint(value, options);
      if (!taint) return;
      const label = `${name.slice(name.lastIndexOf('.') + 1)}()`;
      const parts = stringParts(lang, value);
      const untrusted = parts ? parts.filter((p): p is { expr: SyntaxNode } => 'expr' in p && lang.taint(p.expr, options) !== null).map((p) => p.expr) : [value];
      const markupFormat = parts && /Markup$/.test(name) && argumentsOf(call).length === 1 ? markupFormatFix(call, value, parts) : null;
      report(value, 'markedSafe', label, taint, untrusted.length > 0 ? escapeEdits(untrusted) : null, markupFormat ? [markupFormat] : []);
    }

    /** `Markup(f"<b>{x}</b>")` → `Markup("<b>{}</b>").format(x)`. */
    function markupFormatFix(call: SyntaxNode, value: SyntaxNode, parts: Part[]): FixDescriptor | null {
      let template = '';
      const args: string[] = [];
      for (const p of parts) {
        if ('text' in p) template += p.text.replace(/\{/g, '{{').replace(/\}/g, '}}');
        else {
          template += '{}';
          args.push(lang.text(p.expr));
        }
      }
      if (args.length === 0) return null;
      return {
        messageId: 'useMarkupFormat',
        edits: [replaceEdit(value, pyString(template, pyQuote(lang))), { range: [call.endIndex, call.endIndex], text: `.format(${args.join(', ')})` }],
      };
    }

    function response(call: SyntaxNode, name: string, keyword: string): void {
      const body = keyword === '' ? lang.argument(call, 0) : lang.argument(call, 0, keyword);
      if (!body) return;
      const type = keywordArgument(call, 'content_type') ?? keywordArgument(call, 'mimetype');
      if (name === 'aiohttp.web.Response') {
        if (!isHtmlType(type?.childForFieldName('value'))) return;
      } else if (type && !isHtmlType(type.childForFieldName('value'))) return;
      check(body, `${name.slice(name.lastIndexOf('.') + 1)}()`, true);
    }

    /** Tornado's `self.write(x)` in a `RequestHandler`: a string is sent as text/html. */
    function tornadoWrite(call: SyntaxNode): void {
      const fn = call.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (object?.type !== 'identifier' || object.text !== 'self' || !/\btornado\b/.test(text)) return;
      const cls = enclosingClass(call);
      const bases = cls?.childForFieldName('superclasses')?.text ?? '';
      if (!/Handler\b/.test(bases)) return;
      const value = lang.argument(call, 0, 'chunk');
      if (value) check(value, `self.${fn!.childForFieldName('attribute')!.text}()`, true);
    }

    /** `render_template_string("<p>{{ q|safe }}</p>", q=untrusted)`: the values a template does not escape. */
    function unsafeTemplateValues(call: SyntaxNode): void {
      const template = constantString(lang, lang.argument(call, 0, 'source'));
      if (template === null) return;
      const autoescapeOff = /\{%-?\s*autoescape\s+false\s*-?%\}/i.test(template);
      const uses = templateUses(template);
      for (const arg of argumentsOf(call)) {
        if (arg.type !== 'keyword_argument') continue;
        const name = arg.childForFieldName('name')?.text ?? '';
        const value = arg.childForFieldName('value');
        const use = uses.get(name);
        if (!value || name === 'source' || !use || (!use.safe && !autoescapeOff)) continue;
        const taint = lang.taint(value, options);
        if (taint) report(value, 'unsafeFilter', name, taint, escapeEdits([value]));
      }
    }

    /** Whether a function is a Flask-style route (a string it returns is sent as text/html) or declares HTMLResponse. */
    function returnsHtml(fn: SyntaxNode): boolean {
      for (const d of lang.decorators(fn)) {
        const ref = d.ref;
        if (!ref?.module) continue;
        const last = ref.path[ref.path.length - 1];
        if (!ROUTE_METHODS.has(last)) continue;
        const top = ref.module.split('.')[0];
        if (HTML_ROUTE_MODULES.has(top)) return true;
        const responseClass = d.call ? lang.argument(d.call, null, 'response_class') : null;
        if (responseClass && /HTMLResponse$/.test(lang.text(responseClass))) return true;
      }
      return false;
    }

    /** The values a function returns (the body of `return body, 200`), nested functions excluded. */
    function returnValues(fn: SyntaxNode): SyntaxNode[] {
      const out: SyntaxNode[] = [];
      const body = fn.childForFieldName('body');
      if (!body) return out;
      for (const r of lang.nodes.ofType(['return_statement'])) {
        if (r.startIndex < body.startIndex || r.endIndex > body.endIndex || enclosingFunction(r)?.id !== fn.id) continue;
        let value = r.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
        if (value?.type === 'expression_list' || value?.type === 'tuple') value = value.namedChildren[0] ?? null;
        if (value) out.push(value);
      }
      return out;
    }

    /**
     * Whether a value is the text it was read as (a request parameter, a model's answer) rather than
     * something computed from it (`json.dumps(data)`, a database row): only text can carry markup as-is.
     */
    function isTextValue(node: SyntaxNode, depth: number): boolean {
      if (depth > 6) return false;
      const n = unwrap(node);
      switch (n.type) {
        case 'string':
        case 'concatenated_string':
        case 'subscript':
        case 'attribute':
          return true;
        case 'binary_operator':
          return n.childForFieldName('operator')?.text === '+' || n.childForFieldName('operator')?.text === '%';
        case 'await':
          return !!n.namedChildren[0] && isTextValue(n.namedChildren[0], depth + 1);
        case 'conditional_expression':
          return n.namedChildren.some((c, i) => i !== 1 && !!c && isTextValue(c, depth + 1));
        case 'call': {
          const fn = n.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
          if (method && TEXT_METHODS.test(method)) return true;
          // Parsed JSON is a dict or list, which the frameworks serialise as JSON.
          if (method === 'get_json' || method === 'json') return false;
          const ref = lang.callee(n);
          if (ref?.module === null && ref.path[0] === 'str') return true;
          return lang.taint(n, options)?.node.equals(n) ?? false;
        }
        case 'identifier': {
          const sites = lang.scopes.lookupNode(n)?.sites ?? [];
          if (sites.length === 0) return false;
          return sites.every((s) => {
            if (s.kind === 'param') return true;
            if ((s.kind === 'assign' || s.kind === 'augassign' || s.kind === 'walrus') && s.value && s.unpack.length === 0) return isTextValue(s.value, depth + 1);
            return false;
          });
        }
        default:
          return false;
      }
    }

    function isHtmlParts(parts: Part[]): boolean {
      return HTML_TAG.test(parts.map((p) => ('text' in p ? p.text : ' ')).join('')) || HTML_TAG.test(constantPrefix(lang, parts).prefix);
    }

    function isHtmlType(value: SyntaxNode | null | undefined): boolean {
      const v = constantString(lang, value);
      return v !== null && /html/i.test(v);
    }

    /** Each value wrapped in `html.escape(…)`, with `import html` when missing. */
    function escapeEdits(values: SyntaxNode[]): TextEdit[] | null {
      if (values.length === 0) return null;
      const imports = importEdits(lang, text, 'html');
      if (!imports) return null;
      return [...imports, ...values.map((v) => replaceEdit(v, `html.escape(${lang.text(v)})`))];
    }
  },
});

/** The variables a Jinja2 template prints (`{{ name }}`, `{{ name.title|safe }}`) and whether with the `safe` filter. */
function templateUses(template: string): Map<string, { safe: boolean }> {
  const uses = new Map<string, { safe: boolean }>();
  for (let at = template.indexOf('{{'); at !== -1; at = template.indexOf('{{', at + 2)) {
    const end = template.indexOf('}}', at + 2);
    if (end < 0) break;
    const [head, ...filters] = template
      .slice(at + 2, end)
      .replace(/^-|-$/g, '')
      .split('|')
      .map((s) => s.trim());
    const name = /^[A-Za-z_]\w*/.exec(head)?.[0];
    if (name) {
      const use = uses.get(name) ?? { safe: false };
      if (filters.some((f) => /^safe\b/.test(f))) use.safe = true;
      uses.set(name, use);
    }
    at = end;
  }
  return uses;
}

/**
 * `request.headers[…]`, `self.request.headers.get(…)`, `request.user_agent`, `request.META[…]`: headers a
 * browser sends for its own user (Host, User-Agent, Authorization) cannot be set by another site, so
 * reflecting them is no cross-site scripting.
 */
function isHeaderRead(node: SyntaxNode): boolean {
  let n: SyntaxNode | null = node;
  for (let i = 0; n && i < 8; i++) {
    if (n.type === 'attribute') {
      const name = n.childForFieldName('attribute')?.text ?? '';
      if (/^(?:headers|META|user_agent|authorization|host|get_header)$/.test(name) && REQUEST_OBJECT.test(n.childForFieldName('object')?.text ?? '')) return true;
      n = n.childForFieldName('object');
    } else if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else return false;
  }
  return false;
}

function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition' || n.type === 'lambda') return n;
  return null;
}

function enclosingClass(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'class_definition') return n;
  return null;
}
