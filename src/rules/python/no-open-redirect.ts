import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, constantString, positionalArguments } from './call-helpers';
import { flowOptions, mayCall, relatedLocations, singleAssignment, unwrap } from './injection-flow';
import { constantPrefix, stringParts } from './injection-strings';
import { fixedFormat, hostChecked, mappingArgument, secondaryArgument } from './injection-urls';
import { enclosingFunction } from './name-helpers';

/** Redirect functions and responses, with the keyword of their URL argument. */
const REDIRECTS = new Map<string, string>([
  ['flask.redirect', 'location'],
  ['quart.redirect', 'location'],
  ['werkzeug.utils.redirect', 'location'],
  ['werkzeug.redirect', 'location'],
  ['bottle.redirect', 'url'],
  ['django.shortcuts.redirect', 'to'],
  ['django.http.HttpResponseRedirect', 'redirect_to'],
  ['django.http.HttpResponsePermanentRedirect', 'redirect_to'],
  ['django.http.response.HttpResponseRedirect', 'redirect_to'],
  ['starlette.responses.RedirectResponse', 'url'],
  ['fastapi.responses.RedirectResponse', 'url'],
  ['fastapi.RedirectResponse', 'url'],
  ['sanic.response.redirect', 'to'],
  ['aiohttp.web.HTTPFound', 'location'],
  ['aiohttp.web.HTTPSeeOther', 'location'],
  ['aiohttp.web.HTTPMovedPermanently', 'location'],
  ['aiohttp.web.HTTPTemporaryRedirect', 'location'],
  ['aiohttp.web.HTTPPermanentRedirect', 'location'],
  ['pyramid.httpexceptions.HTTPFound', 'location'],
  ['litestar.response.Redirect', 'path'],
]);
/** Functions that build a URL of this application (`url_for('profile', name=x)`): the host is fixed. */
const OWN_URLS = new Set(['flask.url_for', 'quart.url_for', 'django.urls.reverse', 'django.shortcuts.resolve_url', 'django.urls.reverse_lazy']);
/** Request attributes that name this server or the current page, not a destination the sender picks. */
const OWN_REQUEST = /^(?:url|base_url|host_url|url_root|host|path|full_path|script_root|path_info|get_full_path|build_absolute_uri|get_host|url_for|scheme)$/;
/** Helper names that, by convention, validate a URL or return a safe one (`get_safe_redirect`, `is_safe_url`). */
const VALIDATOR_NAME = /safe|allow|valid|sanitiz|relative|trusted|whitelist|url_has_allowed_host_and_scheme/i;
const CALLEE_NAMES = new Set(['redirect', 'HttpResponseRedirect', 'HttpResponsePermanentRedirect', 'RedirectResponse', 'HTTPFound', 'HTTPSeeOther', 'HTTPMovedPermanently', 'HTTPTemporaryRedirect', 'HTTPPermanentRedirect', 'Redirect']);
const PREFILTER = /redirect|Redirect|HTTPFound|HTTPSeeOther|HTTPMoved/;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-open-redirect',
  languages: ['python'],
  meta: {
    description: 'Redirects must not send the browser to a URL taken from the request without validating it',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-601'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      openRedirect:
        'The target of {{fn}} comes from {{source}}. A link to your site can then forward visitors to any site, such as a look-alike login page (open redirect).',
      weakCheck:
        "The target of {{fn}} comes from {{source}} and is only checked with startswith('/'): `//evil.example` and `/\\evil.example` pass that check and leave your site.",
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const checked = hostChecked(lang);
    const trusted = (n: SyntaxNode) => fixedFormat(lang, n) || checked(n) || mappingArgument(n) || isOwnUrl(n) || (secondaryArgument(lang, n) && !isSinkTarget(n));
    const options: PythonFlowOptions = flowOptions(lang, { kinds: KINDS, url: true, trusted, sanitizes: isValidatorCall });
    // Without `url`: for the part after a lone `/`, which makes `//evil.example` (see `slashPrefixed`).
    const plainOptions: PythonFlowOptions = flowOptions(lang, { kinds: KINDS, trusted, sanitizes: isValidatorCall });
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !mayCall(lang, call, CALLEE_NAMES)) return;
        const sink = sinkOf(call, last);
        if (!sink || !lang.liveBranch(call)) return;
        const taint = lang.taint(sink.target, options) ?? slashPrefixed(sink.target);
        if (!taint) return;
        const guard = startswithGuard(sink.target, call);
        if (guard === 'safe') return;
        const range = lang.range(sink.target);
        context.report({
          range,
          messageId: guard === 'weak' ? 'weakCheck' : 'openRedirect',
          data: { fn: sink.fn, source: taint.description },
          flow: relatedLocations(lang, taint, range),
        });
      },
    };

    /** Whether a node is the target argument of a redirect, which the rule checks itself. */
    function isSinkTarget(n: SyntaxNode): boolean {
      const arg = n.parent?.type === 'keyword_argument' ? n.parent : n;
      const call = arg.parent?.parent;
      const last = call?.type === 'call' ? calleeLastName(call) : null;
      return !!last && mayCall(lang, call!, CALLEE_NAMES) && !!sinkOf(call!, last)?.target.equals(n);
    }

    function sinkOf(call: SyntaxNode, last: string): { target: SyntaxNode; fn: string } | null {
      const name = calleeName(lang, call);
      const keyword = name ? REDIRECTS.get(name) : undefined;
      if (name && keyword !== undefined) {
        const target = lang.argument(call, 0, keyword);
        return target ? { target, fn: `${last}()` } : null;
      }
      // Tornado: `self.redirect(url)` in a RequestHandler.
      const fn = call.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (last === 'redirect' && object?.type === 'identifier' && object.text === 'self' && /\btornado\b/.test(text)) {
        const target = lang.argument(call, 0, 'url');
        return target ? { target, fn: 'self.redirect()' } : null;
      }
      return null;
    }

    /** `"/" + next` and `f"/{next}"`: a lone leading slash does not fix the host, as `//evil.example` shows. */
    function slashPrefixed(target: SyntaxNode): PythonTaint | null {
      let n = unwrap(target);
      if (n.type === 'identifier') n = unwrap(singleAssignment(lang, n) ?? n);
      const parts = stringParts(lang, n);
      if (!parts) return null;
      const { prefix, complete } = constantPrefix(lang, parts);
      if (complete || (prefix !== '/' && prefix !== '\\')) return null;
      const next = parts.find((p) => 'expr' in p && lang.constant(p.expr) === undefined);
      return next && 'expr' in next ? lang.taint(next.expr, plainOptions) : null;
    }

    /**
     * `request.url`, `request.path`, `request.build_absolute_uri()`, `url_for(…)` and methods called on them
     * (`request.url.replace("http://", "https://")`): this site's own URLs.
     */
    function isOwnUrl(node: SyntaxNode): boolean {
      let n: SyntaxNode | null = node;
      for (let i = 0; n && i < 6; i++) {
        if (n.type === 'call') {
          const name = calleeName(lang, n);
          if (name && OWN_URLS.has(name)) return true;
          const fn = n.childForFieldName('function');
          if (fn?.type !== 'attribute') return false;
          if (OWN_REQUEST.test(fn.childForFieldName('attribute')?.text ?? '') && isRequest(fn.childForFieldName('object'))) return true;
          n = fn.childForFieldName('object');
        } else if (n.type === 'attribute') {
          if (OWN_REQUEST.test(n.childForFieldName('attribute')?.text ?? '') && isRequest(n.childForFieldName('object'))) return true;
          return false;
        } else return false;
      }
      return false;
    }

    function isRequest(n: SyntaxNode | null): boolean {
      return !!n && /^(?:request|req|self\.request)$/.test(n.text);
    }

    /**
     * How the target is checked with `startswith` before the redirect: `weak` when the only check is
     * `startswith("/")`, `safe` when it is checked against more than that (`startswith("/") and not
     * startswith("//")`, `startswith(ALLOWED_PREFIX)`), `none` otherwise.
     */
    function startswithGuard(target: SyntaxNode, call: SyntaxNode): 'safe' | 'weak' | 'none' {
      const fn = enclosingFunction(call);
      if (!fn) return 'none';
      const keys = valueTexts(target);
      let result: 'safe' | 'weak' | 'none' = 'none';
      for (const c of fn.descendantsOfType('call')) {
        if (!c || c.startIndex >= call.startIndex) continue;
        const callee = c.childForFieldName('function');
        if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'startswith') continue;
        if (!keys.has(compact(callee.childForFieldName('object')!.text))) continue;
        const prefix = positionalArguments(c)[0];
        const value = prefix ? constantString(lang, prefix) : null;
        if (value === '/' || value === '\\') result = result === 'safe' ? 'safe' : 'weak';
        else return 'safe';
      }
      return result;
    }

    /** The texts of the target and of the variables it is built from, following single assignments. */
    function valueTexts(target: SyntaxNode): Set<string> {
      const keys = new Set<string>();
      const pending = [unwrap(target)];
      for (let i = 0; i < pending.length && i < 20; i++) {
        const n = pending[i];
        keys.add(compact(n.text));
        for (const id of n.type === 'identifier' ? [n] : n.descendantsOfType('identifier')) {
          if (!id) continue;
          keys.add(id.text);
          const value = singleAssignment(lang, id);
          if (value && !keys.has(compact(value.text))) pending.push(unwrap(value));
        }
      }
      return keys;
    }
  },
});

/** `is_safe_url(x)`, `get_safe_redirect(x)`, `url_has_allowed_host_and_scheme(x, …)`: helpers that vet the URL. */
function isValidatorCall(call: SyntaxNode): boolean {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
  return !!name && VALIDATOR_NAME.test(name);
}

function compact(s: string): string {
  return s.replace(/\s+/g, '');
}
