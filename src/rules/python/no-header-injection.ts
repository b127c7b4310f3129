import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, constantString, keywordArgument, pyQuote, referenceName } from './call-helpers';
import { boundToSanitized, stripLineBreaksText, stripsLineBreaks } from './crlf-helpers';
import { flowRelated, importedPackages, plausibleSource } from './model-calls';

/** Packages that send HTTP responses. */
const WEB_PACKAGES = new Set(['flask', 'quart', 'werkzeug', 'django', 'starlette', 'fastapi', 'sanic', 'falcon', 'bottle', 'pyramid', 'aiohttp', 'litestar', 'http']);
/** HTTP clients: their `headers` are the request's, set by this program. */
const CLIENT_PACKAGES = /^(?:requests|httpx|urllib3|urllib|aiohttp\.client|http\.client)\b/;
/** Methods of a headers object that set a header: `(name, value)`. */
const HEADER_SETTERS = new Set(['add', 'set', 'setdefault', 'add_header', '__setitem__']);
/** Response classes and factories whose `headers` argument sets response headers, by last name. */
const RESPONSE_FACTORY = /Response$|^make_response$|^HttpResponse\w*$/;
/** Functions that format dates and numbers for headers: their output has no line breaks. */
const DATE_FORMATS = /^(?:http_date|formatdate|format_datetime|strftime|isoformat|timegm|cookie_date)$/;
const REQUEST_NAME = /^(?:request|req|self\.request)$/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-header-injection',
  languages: ['python'],
  meta: {
    description: 'Response headers must not be set from request data without removing CR and LF',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-113'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      headerInjection:
        'The {{header}} response header is set from {{source}} without removing CR/LF. A line break in the value ends the header and starts new ones, so the sender can add cookies or redirects or split the response (HTTP response splitting); servers that reject it fail with an error instead. Remove \\r and \\n, or reject such values.',
      stripLineBreaks: 'Remove CR and LF from the value',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/header|Response|response\[/i.test(text)) return {};
    const packages = importedPackages(lang);
    if (![...packages].some((p) => WEB_PACKAGES.has(p))) return {};
    const django = packages.has('django');
    const sanitizes = (call: SyntaxNode) => stripsLineBreaks(lang, call) || DATE_FORMATS.test(calleeLastName(call) ?? '');
    const options: PythonFlowOptions = { kinds: new Set(['request']), sanitizers: new Set(['url']), sanitizes: (call) => sanitizes(call), trusted: (n) => boundToSanitized(lang, n, sanitizes) };

    const check = (name: SyntaxNode | null, value: SyntaxNode | null | undefined) => {
      if (!value || !lang.liveBranch(value)) return;
      if (membershipChecked(value)) return;
      const source = lang.taint(value, options);
      if (!source || !plausibleSource(lang, source)) return;
      const header = name ? constantString(lang, name) : null;
      context.report({
        range: lang.range(value),
        messageId: 'headerInjection',
        data: { header: header ? `"${header}"` : 'a', source: source.description },
        flow: flowRelated(lang, source),
        suggest: [{ messageId: 'stripLineBreaks', edits: [{ range: lang.range(value), text: stripLineBreaksText(value, pyQuote(lang)) }] }],
      });
    };

    return {
      assignment(node) {
        const assignment = node as SyntaxNode;
        const left = assignment.childForFieldName('left');
        if (left?.type !== 'subscript') return;
        const object = left.childForFieldName('value')!;
        const key = left.childForFieldName('subscript');
        const isHeaders = isResponseHeaders(lang, object);
        if (isHeaders || (django && isDjangoResponse(lang, object))) check(key, assignment.childForFieldName('right'));
      },
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last) return;
        const fn = call.childForFieldName('function');
        if (HEADER_SETTERS.has(last) && fn?.type === 'attribute' && isResponseHeaders(lang, fn.childForFieldName('object')!)) {
          check(lang.argument(call, 0), lang.argument(call, 1));
        } else if (last === 'send_header' && packages.has('http')) {
          check(lang.argument(call, 0, 'keyword'), lang.argument(call, 1, 'value'));
        } else if (RESPONSE_FACTORY.test(last)) {
          const name = referenceName(lang, fn);
          if (!name || !WEB_PACKAGES.has(name.split('.')[0])) return;
          const headers = keywordArgument(call, 'headers')?.childForFieldName('value') ?? (last === 'make_response' ? lang.argument(call, 2) : null);
          if (headers?.type !== 'dictionary') return;
          for (const pair of headers.namedChildren) {
            if (pair?.type === 'pair') check(pair.childForFieldName('key'), pair.childForFieldName('value'));
          }
        }
      },
    };
  },
});

/** `response.headers` of a response (not `request.headers`, nor the headers of an HTTP client's session). */
function isResponseHeaders(lang: PythonHelpers, node: SyntaxNode): boolean {
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'headers') return false;
  const owner = node.childForFieldName('object')!;
  if (REQUEST_NAME.test(owner.text)) return false;
  const ref = lang.resolve(owner);
  if (ref?.module && CLIENT_PACKAGES.test(ref.module)) return false;
  if (ref?.module && /^(?:flask|quart)$/.test(ref.module) && ref.path[0] === 'request') return false;
  return !/session|client/i.test(owner.text);
}

/** A Django `HttpResponse` (or subclass, or `render()`/`redirect()` result) bound to a name: `response["X"] = …`. */
function isDjangoResponse(lang: PythonHelpers, node: SyntaxNode): boolean {
  if (node.type !== 'identifier') return false;
  const sites = lang.scopes.lookupNode(node)?.sites ?? [];
  return sites.length > 0 && sites.every((s) => {
    if (s.kind !== 'assign' || s.value?.type !== 'call') return false;
    const name = referenceName(lang, s.value.childForFieldName('function')) ?? '';
    return /^django\.(?:http|shortcuts|template\.response)\b/.test(name);
  });
}

/**
 * `if origin in settings.allowed_origins: response.headers[…] = origin`: a value found in a list the server
 * holds is one of its entries, whatever the list is (the shared guards only trust constant lists).
 */
function membershipChecked(value: SyntaxNode): boolean {
  if (value.type !== 'identifier' && value.type !== 'attribute') return false;
  for (let n: SyntaxNode = value, p = value.parent; p; n = p, p = p.parent) {
    if (p.type === 'function_definition') return false;
    if ((p.type !== 'if_statement' && p.type !== 'elif_clause') || !p.childForFieldName('consequence')?.equals(n)) continue;
    const condition = p.childForFieldName('condition');
    const comparisons = condition ? [condition, ...condition.descendantsOfType('comparison_operator')] : [];
    for (const c of comparisons) {
      if (c?.type !== 'comparison_operator' || !c.children.some((t) => t?.type === 'in')) continue;
      if (c.namedChildren[0]?.text === value.text) return true;
    }
  }
  return false;
}
