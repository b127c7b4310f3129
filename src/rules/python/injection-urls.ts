import { FIXED_DESTINATION, OPEN_AUTHORITY } from '../../languages/js/concat';
import type { PythonHelpers, SyntaxNode } from '../../languages/python';
import { calleeName } from './call-helpers';
import { singleAssignment, unwrap } from './injection-flow';
import { constantPrefix, stringParts } from './injection-strings';
import { enclosingFunction } from './name-helpers';

/**
 * What the URL rules (SSRF, open redirect) add to the value flow: `str.format` and `%` on a literal whose
 * constant text already fixes the destination, and host checks made before the request. Not a rule.
 */

/** Functions that parse a URL, whose result's host a check can read. */
const URL_PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'urlparse.urlsplit', 'httpx.URL', 'yarl.URL', 'furl.furl', 'rfc3986.urlparse', 'tldextract.extract']);
/** Attributes of a parsed URL that name its destination. */
const HOST_ATTRIBUTES = /^(?:hostname|netloc|host|scheme|port|registered_domain|domain)$/;
/** Helper names that, by convention, check a URL or host against an allow-list. */
const URL_CHECKER = /allow|whitelist|trusted|safe|valid|verify|permitted|is_internal|is_external|url_has_allowed_host_and_scheme/i;
const GUARD_TYPES = ['if_statement', 'elif_clause', 'assert_statement', 'conditional_expression', 'boolean_operator'];
/** Conditions that can check a host mention one of these (a cheap filter before analysing them). */
const MAY_CHECK = /hostname|netloc|host|scheme|port|domain|allow|whitelist|trusted|safe|valid|verify|permitted|internal|external/i;

/**
 * Whether `node` is a `'https://api.example.com/{}'.format(x)` or `'https://api.example.com/%s' % x`
 * whose destination the constant text fixes (the value only picks a path). The flow handles f-strings and
 * `+` itself (`url: true`).
 */
export function fixedFormat(lang: PythonHelpers, node: SyntaxNode): boolean {
  if (node.type !== 'call' && node.type !== 'binary_operator') return false;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text !== '%') return false;
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return false;
  }
  const parts = stringParts(lang, node);
  if (!parts) return false;
  const { prefix, complete } = constantPrefix(lang, parts);
  if (complete) return true;
  if (FIXED_DESTINATION.test(prefix)) return true;
  return !(prefix === '' || OPEN_AUTHORITY.test(prefix));
}

/**
 * A mapping literal passed to a function (`add_query({"next": x}, url)`, a template context, query
 * parameters): it fills in a query string or a page, it does not decide where the URL the call returns points.
 */
export function mappingArgument(node: SyntaxNode): boolean {
  if (node.type !== 'dictionary') return false;
  const list = node.parent;
  return list?.type === 'argument_list' && list.parent?.type === 'call';
}

/** Functions whose later arguments can replace the host of the first (`urljoin(base, "//evil.example")`). */
const URL_JOINS = /(?:^|\.)(?:urljoin|join|URL|urlunparse|urlunsplit|build_absolute_uri)$/;

/**
 * An argument after the first of a function call (`translate_url(url, lang)`, `add_query(url, page=2)`): the
 * URL a call returns is decided by the URL it is given, its first argument, not by the values it adds to
 * the path or the query. Joins, and methods of string literals (`"{}{}".format(a, b)`), are not concerned.
 */
export function secondaryArgument(lang: PythonHelpers, node: SyntaxNode): boolean {
  let arg = node;
  if (arg.parent?.type === 'keyword_argument') arg = arg.parent;
  const list = arg.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  if (call?.type !== 'call') return false;
  const first = list!.namedChildren.find((c) => c && c.type !== 'comment');
  if (!first || first.equals(arg) || first.type === 'list_splat') return false;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && /^(?:string|concatenated_string)$/.test(fn.childForFieldName('object')?.type ?? '')) return false;
  return !URL_JOINS.test(calleeName(lang, call) ?? fn?.text ?? '');
}

/**
 * For one file: whether a URL expression had its host checked before it is used, in its function:
 * `urlparse(url).hostname in ALLOWED`, `parsed.netloc != ""` with `parsed = urlparse(url)`,
 * `is_allowed_url(url)`, `url_has_allowed_host_and_scheme(url, …)`.
 */
export function hostChecked(lang: PythonHelpers): (node: SyntaxNode) => boolean {
  let byFunction: Map<number, Array<{ text: string; at: number }>> | null = null;
  return (node) => {
    if (node.type !== 'identifier' && node.type !== 'attribute' && node.type !== 'subscript' && node.type !== 'call') return false;
    if (node.endIndex - node.startIndex > 200) return false;
    byFunction ??= collectChecks(lang);
    if (byFunction.size === 0) return false;
    const checked = byFunction.get(enclosingFunction(node)?.id ?? -1);
    if (!checked) return false;
    const own = compact(node.text);
    return checked.some((c) => c.text === own && c.at < node.startIndex);
  };
}

/** The host checks of the file, by the function they are made in (-1: module level), collected in one pass. */
function collectChecks(lang: PythonHelpers): Map<number, Array<{ text: string; at: number }>> {
  const out = new Map<number, Array<{ text: string; at: number }>>();
  for (const guard of lang.nodes.ofType(GUARD_TYPES)) {
    const condition =
      guard.type === 'if_statement' || guard.type === 'elif_clause'
        ? guard.childForFieldName('condition')
        : guard.type === 'assert_statement'
          ? guard.namedChildren[0]
          : guard.type === 'boolean_operator'
            ? guard.childForFieldName('left')
            : guard.namedChildren.filter((c) => c && c.type !== 'comment')[1];
    if (!condition || condition.endIndex - condition.startIndex > 2000 || !MAY_CHECK.test(condition.text)) continue;
    const texts = checkedUrls(lang, condition);
    if (texts.length === 0) continue;
    const key = enclosingFunction(guard)?.id ?? -1;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    for (const text of texts) list.push({ text, at: condition.startIndex });
  }
  return out;
}

/** The URL expressions (whitespace-free) whose host a condition checks. */
function checkedUrls(lang: PythonHelpers, condition: SyntaxNode): string[] {
  const out: string[] = [];
  const add = (n: SyntaxNode | null | undefined) => {
    if (!n) return;
    out.push(compact(n.text));
    const value = n.type === 'identifier' ? singleAssignment(lang, n) : null;
    if (value) add(parsedUrl(lang, unwrap(value)));
  };
  for (const n of [condition, ...condition.descendantsOfType(['attribute', 'call'])]) {
    if (!n) continue;
    if (n.type === 'attribute' && HOST_ATTRIBUTES.test(n.childForFieldName('attribute')?.text ?? '')) {
      const object = unwrap(n.childForFieldName('object')!);
      const parsed = parsedUrl(lang, object);
      if (parsed) add(parsed);
      else if (object.type === 'identifier') {
        const value = singleAssignment(lang, object);
        const inner = value ? parsedUrl(lang, unwrap(value)) : null;
        if (inner) {
          add(inner);
          add(object);
        }
      }
    } else if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
      if (name && URL_CHECKER.test(name)) add(lang.argument(n, 0, 'url'));
    }
  }
  return out;
}

/** `x` of `urlparse(x)`, `httpx.URL(x)`; null for anything else. */
function parsedUrl(lang: PythonHelpers, node: SyntaxNode): SyntaxNode | null {
  if (node.type !== 'call') return null;
  const name = calleeName(lang, node);
  return name && URL_PARSERS.has(name) ? lang.argument(node, 0) : null;
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}
