import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, constantString, pyQuote, pyString, replaceEdit, type PyQuote } from './call-helpers';
import { flowOptions, relatedLocations, singleAssignment, unwrap } from './injection-flow';
import { nameOf } from './name-helpers';

/** pymongo / Motor collection methods whose first argument is a query filter. */
const FILTER_METHODS = new Set([
  'find', 'find_one', 'find_one_and_update', 'find_one_and_delete', 'find_one_and_replace', 'update_one', 'update_many',
  'delete_one', 'delete_many', 'replace_one', 'count_documents', 'count', 'find_raw_batches', 'watch',
]);
/** Methods that take the filter as second argument. */
const SECOND_ARG_FILTER = new Set(['distinct']);
const MONGO_MODULES = new Set(['pymongo', 'motor', 'mongomock', 'flask_pymongo', 'mongoengine', 'bson', 'beanie', 'odmantic', 'mongomock_motor']);
const LOGICAL = new Set(['$and', '$or', '$nor']);
/** A receiver whose origin is not visible that names a MongoDB database or collection. */
const MONGO_RECEIVER = /mongo|collection|(?:^|_)(?:db|coll)(?:_|$)/i;
/** Request sources that are parsed JSON (any JSON type, objects included), not strings. */
const JSON_SOURCE = /request\.json\b|get_json|\.json\(\)|request\.media|get_media|json_body|body parsed as JSON/;
/** Parameter annotations under which FastAPI hands over a parsed JSON object. */
const OBJECT_ANNOTATION = /^(?:typing\.)?(?:dict|Dict|Any|Json|Mapping|MutableMapping)\b/;
/** Request methods returning the parsed body. */
const JSON_METHODS = new Set(['get_json', 'json', 'get_media', 'media']);
/** JSON parsers whose result can be an object. */
const JSON_PARSERS = new Set(['json.loads', 'orjson.loads', 'ujson.loads', 'simplejson.loads', 'rapidjson.loads', 'bson.json_util.loads']);
const PREFILTER = /mongo|motor|\$where|\.find(?:_one)?\(/;
const REQUEST: ReadonlySet<TaintKind> = new Set(['request']);
const WHERE_KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-nosql-injection',
  languages: ['python'],
  meta: {
    description: 'MongoDB filters must not take parsed request JSON that can hold operators, nor $where code built from it',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-943'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      operatorInjection:
        '{{source}} is used as a MongoDB filter in {{fn}}(). A JSON body can carry an object such as {"$ne": null} in place of a value, which turns the condition into one that matches any document (for example, logging in without the password).',
      whereInjection:
        'The $where JavaScript passed to {{fn}}() is built from {{source}}. The sender can run any JavaScript expression on the database server.',
      useEq: 'Compare with {"$eq": …} so an object is matched literally',
      useStr: 'Convert the value with str(…)',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const requestOptions: PythonFlowOptions = flowOptions(lang, { kinds: REQUEST }, false);
    const whereOptions: PythonFlowOptions = flowOptions(lang, { kinds: WHERE_KINDS }, false);
    const importsMongo = lang.imports().some((i) => MONGO_MODULES.has(i.module.split('.')[0]));
    const drf = lang.imports().some((i) => i.module.split('.')[0] === 'rest_framework');
    return {
      call(node) {
        const call = node as SyntaxNode;
        const method = calleeLastName(call) ?? '';
        const index = FILTER_METHODS.has(method) ? 0 : SECOND_ARG_FILTER.has(method) ? 1 : method === 'aggregate' ? 0 : -1;
        if (index < 0 || call.childForFieldName('function')?.type !== 'attribute') return;
        if (!isMongoCall(call) || !lang.liveBranch(call)) return;
        const arg = lang.argument(call, index, method === 'aggregate' ? 'pipeline' : 'filter');
        if (!arg) return;
        if (method === 'aggregate') {
          const pipeline = unwrap(arg);
          if (pipeline.type !== 'list') return;
          for (const stage of pipeline.namedChildren) {
            const match = stage?.type === 'dictionary' ? entry(stage, '$match') : null;
            if (match) checkFilter(match, method, 0);
          }
          return;
        }
        checkFilter(arg, method, 0);
      },
    };

    /**
     * Whether a call is on a MongoDB collection: resolved to a MongoDB library, or — for a collection from
     * a module of this project (`from myapp.mongo import users`) or a parameter — in a file that imports
     * one, or named like one.
     */
    function isMongoCall(call: SyntaxNode): boolean {
      const module = lang.callee(call)?.module ?? '';
      if (MONGO_MODULES.has(module.split('.')[0])) return true;
      const receiver = unwrap(call.childForFieldName('function')!.childForFieldName('object')!);
      if (/^(?:string|list|tuple|dictionary|set|concatenated_string|integer)$/.test(receiver.type)) return false;
      if (importsMongo) return true;
      return [module, ...chain(receiver)].some((n) => MONGO_RECEIVER.test(n));
    }

    function checkFilter(filter: SyntaxNode, fn: string, depth: number): void {
      const f = unwrap(filter);
      if (f.type !== 'dictionary') {
        const source = objectSource(f, 0);
        if (source) report(filter, 'operatorInjection', fn, source, []);
        return;
      }
      for (const item of f.namedChildren) {
        if (!item || item.type === 'comment') continue;
        if (item.type === 'dictionary_splat') {
          const inner = item.namedChildren[0];
          const source = inner ? objectSource(inner, 0) : null;
          if (source) report(inner!, 'operatorInjection', fn, source, []);
          continue;
        }
        if (item.type !== 'pair') continue;
        const key = constantString(lang, item.childForFieldName('key'));
        const value = item.childForFieldName('value');
        if (!value) continue;
        if (key === '$where') {
          const source = lang.taint(value, whereOptions);
          if (source) report(value, 'whereInjection', fn, source, []);
        } else if (key !== null && LOGICAL.has(key) && depth < 5) {
          const list = unwrap(value);
          if (list.type === 'list' || list.type === 'tuple') for (const e of list.namedChildren) if (e && e.type !== 'comment') checkFilter(e, fn, depth + 1);
        } else if (key === null || !key.startsWith('$')) {
          const source = objectSource(value, 0);
          if (source) report(value, 'operatorInjection', fn, source, wrapSuggestions(value, pyQuote(lang)));
        }
      }
    }

    function report(node: SyntaxNode, messageId: string, fn: string, source: PythonTaint, suggest: FixDescriptor[]): void {
      const range = lang.range(node);
      context.report({
        range,
        messageId,
        data: { fn, source: messageId === 'whereInjection' ? source.description : capitalize(source.description) },
        flow: relatedLocations(lang, source, range),
        suggest,
      });
    }

    /**
     * The request source of a value that can arrive as a JSON object: `request.json["x"]`, `request.get_json()`,
     * `await request.json()`, `json.loads(request.data)`, DRF's `request.data`, a FastAPI parameter typed
     * `dict`, and variables assigned from them. Only reads count: anything computed (an f-string, `.strip()`,
     * `str()`) is a string, and form fields, query strings, headers and URL parts are always strings.
     */
    function objectSource(node: SyntaxNode, depth: number): PythonTaint | null {
      if (depth > 8) return null;
      const n = unwrap(node);
      switch (n.type) {
        case 'await':
          return n.namedChildren[0] ? objectSource(n.namedChildren[0], depth + 1) : null;
        case 'call': {
          const name = calleeName(lang, n);
          if (name && JSON_PARSERS.has(name)) {
            const input = lang.argument(n, 0, 's');
            return input ? lang.taint(input, requestOptions) : null;
          }
          const fn = n.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : null;
          if (method === 'get' && fn) return objectSource(fn.childForFieldName('object')!, depth + 1);
          return method && JSON_METHODS.has(method) ? jsonTaint(n) : null;
        }
        case 'subscript':
          return objectSource(n.childForFieldName('value')!, depth + 1);
        case 'attribute':
          return jsonTaint(n) ?? objectSource(n.childForFieldName('object')!, depth + 1);
        case 'identifier': {
          const value = singleAssignment(lang, n);
          if (value) return objectSource(value, depth + 1);
          const sites = lang.scopes.lookupNode(n)?.sites ?? [];
          if (sites.length !== 1 || sites[0].kind !== 'param') return null;
          const type = sites[0].stmt.childForFieldName('type')?.text ?? '';
          if (!OBJECT_ANNOTATION.test(type)) return null;
          return lang.taint(n, requestOptions);
        }
        default:
          return null;
      }
    }

    /** The taint of a request read that is parsed JSON (the read itself, not something built from it). */
    function jsonTaint(n: SyntaxNode): PythonTaint | null {
      const t = lang.taint(n, requestOptions);
      if (!t) return null;
      const isJson = JSON_SOURCE.test(t.description) || (drf && /\(request\.data\)/.test(t.description));
      return isJson && lang.range(n)[0] <= lang.range(t.node)[0] && lang.range(n)[1] >= lang.range(t.node)[1] ? t : null;
    }

    function entry(dict: SyntaxNode, key: string): SyntaxNode | null {
      for (const pair of dict.namedChildren) {
        if (pair?.type === 'pair' && constantString(lang, pair.childForFieldName('key')) === key) return pair.childForFieldName('value');
      }
      return null;
    }
  },
});

function chain(node: SyntaxNode): string[] {
  const names: string[] = [];
  let n: SyntaxNode | null = node;
  for (let i = 0; n && i < 10; i++) {
    const name = nameOf(n);
    if (name) names.push(name);
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = n.childForFieldName('function');
    else break;
  }
  return names;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `{"password": v}` → `{"password": {"$eq": v}}` and `{"password": str(v)}`. */
function wrapSuggestions(value: SyntaxNode, quote: PyQuote): FixDescriptor[] {
  const src = value.text;
  return [
    { messageId: 'useEq', edits: [replaceEdit(value, `{${pyString('$eq', quote)}: ${src}}`)] },
    { messageId: 'useStr', edits: [replaceEdit(value, `str(${src})`)] },
  ];
}
