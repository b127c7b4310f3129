import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, parameterReport, withCallerParameters, relatedLocations, singleAssignment, unwrap } from './injection-flow';
import { MODULES } from '../shared/module-calls';
import { fixedFormat, hostChecked, mappingArgument, secondaryArgument } from './injection-urls';
import { stringParts } from './injection-strings';
import { nameOf } from './name-helpers';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
/** Methods taking `(method, url)`. */
const METHOD_FIRST = new Set(['request', 'stream', 'urlopen', 'request_encode_url', 'request_encode_body']);
/** Client objects (resolved path prefixes) whose verb methods send a request. */
const CLIENTS = new Set([
  'requests.Session.()', 'requests.session.()', 'requests.sessions.Session.()', 'httpx.Client.()', 'httpx.AsyncClient.()',
  'aiohttp.ClientSession.()', 'urllib3.PoolManager.()', 'urllib3.ProxyManager.()', 'urllib3.HTTPConnectionPool.()',
  'urllib3.HTTPSConnectionPool.()', 'urllib3.connection_from_url.()',
]);
/** Module-level functions and their URL position. */
const FUNCTIONS = new Map<string, number>([
  ...[...VERBS].flatMap((v): Array<[string, number]> => [[`requests.${v}`, 0], [`requests.api.${v}`, 0], [`httpx.${v}`, 0]]),
  ['requests.request', 1],
  ['requests.api.request', 1],
  ['httpx.request', 1],
  ['httpx.stream', 1],
  ['aiohttp.request', 1],
  ['urllib3.request', 1],
  ['urllib.request.urlopen', 0],
  ['urllib.request.Request', 0],
  ['urllib.request.urlretrieve', 0],
  ['urllib.urlopen', 0],
  ['urllib2.urlopen', 0],
  ['urllib2.Request', 0],
  ['http.client.HTTPConnection', 0],
  ['http.client.HTTPSConnection', 0],
  ['httpx.Client', -1],
  ['httpx.AsyncClient', -1],
]);
/** A receiver whose origin is not visible that names an HTTP client. */
const CLIENT_NAME = /session|client|http/i;
/** Names of values that hold a URL. */
const URL_NAME = /url|uri|endpoint|link|href|webhook/i;
const HTTP_MODULES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3']);
const PREFILTER = /requests|httpx|aiohttp|urllib|http\.client|urlopen/;
/** Request data and model output; a CLI fetching the URL given on its command line is doing its job. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-ssrf',
  languages: ['python'],
  meta: {
    description: 'Outgoing requests must not go to a host chosen by request data or model output',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-918'],
    owaspLlm: ['LLM05:2025', 'LLM06:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which sends a request to a URL built from it (line {{line}}). The sender can make this server call internal services (localhost, 169.254.169.254 cloud metadata).',
      ssrfParam:
        '{{fn}}() sends a request to a URL whose host comes from {{source}}, which comes from the caller. If a caller passes user input, that user can make this server call internal services (localhost, 169.254.169.254 cloud metadata).',
      ssrf:
        '{{fn}}() sends a request to a URL whose host comes from {{source}}. The sender can make this server call internal services (localhost, 169.254.169.254 cloud metadata) and read the answer.',
      ssrfModel:
        "{{fn}}() sends a request to a URL whose host comes from {{source}}. A prompt injection can make the model pick an internal address (localhost, 169.254.169.254) or an attacker's server to leak data to.",
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    const checked = hostChecked(lang);
    const trusted = (n: SyntaxNode) => fixedFormat(lang, n) || checked(n) || mappingArgument(n) || (secondaryArgument(lang, n) && !isSinkUrl(n));
    const options: PythonFlowOptions = flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true, url: true, trusted });
    const importsClient = lang.imports().some((i) => HTTP_MODULES.has(i.module.split('.')[0]));
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !lang.liveBranch(call)) return;
        const sink = sinkOf(call, last);
        if (!sink) return;
        const taint = lang.taint(sink.url, options);
        if (!taint) return;
        const range = lang.range(sink.url);
        context.report({
          range,
          messageId: taint.kind === 'model' || taint.kind === 'tool' ? 'ssrfModel' : taint.kind === 'param' ? 'ssrfParam' : 'ssrf',
          data: { fn: sink.fn, source: taint.description },
          flow: relatedLocations(lang, taint, range),
          ...parameterReport(taint),
        });
      },
    });

    /** Whether a node is the URL argument of a sink (`requests.request("GET", url)`), which the sink checks itself. */
    function isSinkUrl(n: SyntaxNode): boolean {
      const arg = n.parent?.type === 'keyword_argument' ? n.parent : n;
      const call = arg.parent?.parent;
      const last = call?.type === 'call' ? calleeLastName(call) : null;
      return !!last && !!sinkOf(call!, last)?.url.equals(n);
    }

    function sinkOf(call: SyntaxNode, method: string): { fn: string; url: SyntaxNode } | null {
      const name = calleeName(lang, call);
      if (name) {
        const position = FUNCTIONS.get(name);
        if (position !== undefined) {
          // httpx.Client(base_url=…): every relative request goes to that host.
          const url = position < 0 ? lang.argument(call, null, 'base_url') : lang.argument(call, position, name.startsWith('http.client') ? 'host' : 'url');
          if (!url || (name === 'urllib.request.urlopen' && isRequestObject(url))) return null;
          return { fn: name, url };
        }
        const receiver = name.slice(0, name.length - method.length - 1);
        if (!CLIENTS.has(receiver)) return null;
        return clientCall(call, method, `${receiver.replace(/\.\(\)$/, '')}().${method}`);
      }
      // A client from another module or a parameter (`self.session.get(url)`).
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || !importsClient || lang.callee(call)) return null;
      const receiver = fn.childForFieldName('object')!;
      if (!CLIENT_NAME.test(nameOf(receiver) ?? '')) return null;
      const sink = clientCall(call, method, `${nameOf(receiver)}.${method}`);
      // Caches and key-value clients have `get` too: the argument must look like a URL.
      return sink && looksLikeUrl(sink.url) ? sink : null;
    }

    function looksLikeUrl(node: SyntaxNode): boolean {
      if (node.parent?.type === 'keyword_argument') return true;
      if (URL_NAME.test(nameOf(node) ?? '')) return true;
      const parts = stringParts(lang, unwrap(node));
      const first = parts?.[0];
      return !!first && 'text' in first && /^(?:https?:|\/\/)/i.test(first.text);
    }

    function clientCall(call: SyntaxNode, method: string, label: string): { fn: string; url: SyntaxNode } | null {
      const position = VERBS.has(method) || method === 'ws_connect' ? 0 : METHOD_FIRST.has(method) ? 1 : -1;
      if (position < 0) return null;
      const url = lang.argument(call, position, 'url');
      return url ? { fn: label, url } : null;
    }

    /** `urlopen(req)` with `req = Request(url)`: the Request is reported where it is built. */
    function isRequestObject(url: SyntaxNode): boolean {
      const u = unwrap(url);
      const value = u.type === 'identifier' ? singleAssignment(lang, u) : u;
      return value?.type === 'call' && /Request$/.test(calleeName(lang, value) ?? '');
    }
  },
});
