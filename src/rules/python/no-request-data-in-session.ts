import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, constantString, positionalArguments } from './call-helpers';
import { trustedValue } from './injection-flow';
import { flowRelated, plausibleSource } from './model-calls';
import { sessionTrustMeta } from '../shared/session-trust';

/** Session objects by what they resolve to: Flask's and Quart's `session` proxies. */
const SESSION_PROXIES = new Set(['flask.session', 'quart.session']);
/** Session methods that store values. */
const STORING_METHODS = new Set(['update', 'setdefault']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-request-data-in-session',
  languages: ['python'],
  meta: sessionTrustMeta('an allow-list, int(), a regular expression'),
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!text.includes('session')) return {};
    // `user = User.authenticate(form["email"], …); session["user_id"] = user.id`: a field of what a lookup returned
    // is what the server decided, not what the request said.
    // Names checked by a guard (`if theme not in THEMES: abort(400)`) are trusted as the injection rules trust them.
    const guarded = trustedValue(lang);
    const options: PythonFlowOptions = { kinds: new Set(['request']), trusted: (n) => guarded(n) || fieldOfLookup(lang, n) || serverMetaKey(lang, n) || computedByMethod(n) };

    const check = (value: SyntaxNode | null | undefined, key: string | null) => {
      if (!value || !lang.liveBranch(value) || validatedByCall(value)) return;
      const source = lang.taint(value, options);
      if (!source || !plausibleSource(lang, source)) return;
      context.report({
        range: lang.range(value),
        messageId: 'requestDataInSession',
        data: { key: key ? `"${key}"` : 'here', source: source.description },
        flow: flowRelated(lang, source),
      });
    };

    return {
      // session["user"] = request.form["user"]; request.session["cart"] = request.POST["cart"]
      assignment(node) {
        const assignment = node as SyntaxNode;
        const left = assignment.childForFieldName('left');
        if (left?.type !== 'subscript' || !isSession(lang, left.childForFieldName('value'))) return;
        check(assignment.childForFieldName('right'), constantString(lang, left.childForFieldName('subscript')));
      },
      // session.update(user=…), session.update({"user": …}), session.setdefault("user", …)
      call(node) {
        const call = node as SyntaxNode;
        const method = calleeLastName(call);
        if (!method || !STORING_METHODS.has(method)) return;
        const fn = call.childForFieldName('function');
        if (fn?.type !== 'attribute' || !isSession(lang, fn.childForFieldName('object'))) return;
        const args = positionalArguments(call);
        if (method === 'setdefault') return check(args[1], constantString(lang, args[0]));
        for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
          if (arg.type === 'keyword_argument') check(arg.childForFieldName('value'), arg.childForFieldName('name')?.text ?? null);
          else if (arg.type === 'dictionary') {
            for (const pair of arg.namedChildren) {
              if (pair.type === 'pair') check(pair.childForFieldName('value'), constantString(lang, pair.childForFieldName('key')));
            }
          } else check(arg, null);
        }
      },
    };
  },
});

/** Calls that return request data itself or a string made of it (their result's attributes stay request data). */
const DATA_CALLS =
  /^(?:get|getlist|get_json|pop|strip|lstrip|rstrip|lower|upper|title|capitalize|casefold|swapcase|format|format_map|replace|translate|removeprefix|removesuffix|zfill|center|ljust|rjust|expandtabs|decode|encode|split|rsplit|splitlines|partition|rpartition|join|str|dict|list|tuple|loads|unquote|unquote_plus|b64decode|urlsafe_b64decode|get_data|to_dict|copy|getvalue|read|values|items|keys)$/;

/**
 * A method of something other than the request whose name says it is no string or data accessor:
 * `user.get_session_auth_hash()`. What it returns is computed on the server.
 */
function computedByMethod(n: SyntaxNode): boolean {
  if (n.type !== 'call') return false;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const object = fn.childForFieldName('object')?.text ?? '';
  return !DATA_CALLS.test(fn.childForFieldName('attribute')?.text ?? '') && !/^(?:self\.)?(?:request|req)\b/.test(object);
}

/**
 * A field of a name bound once to the result of a call that is not a data accessor: `user.id` after
 * `user = User.query…first()`, `user["id"]` after `user = db.execute(…).fetchone()`.
 */
function fieldOfLookup(lang: PythonHelpers, n: SyntaxNode): boolean {
  if (n.type !== 'attribute' && n.type !== 'subscript') return false;
  const object = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
  if (object?.type !== 'identifier') return false;
  const sites = lang.scopes.lookupNode(object)?.sites ?? [];
  if (sites.length !== 1 || sites[0].kind !== 'assign' || sites[0].value?.type !== 'call') return false;
  const name = calleeLastName(sites[0].value) ?? '';
  return !DATA_CALLS.test(name);
}

/** `request.META` keys the client sets: headers (`HTTP_…`) and the parts of the request line. */
const CLIENT_META = /^(?:HTTP_\w+|QUERY_STRING|PATH_INFO|CONTENT_TYPE|CONTENT_LENGTH|REQUEST_METHOD|REMOTE_USER)$/;

/** `request.META["CSRF_COOKIE"]`: a key Django or a middleware sets on the server, not one the client sends. */
function serverMetaKey(lang: PythonHelpers, n: SyntaxNode): boolean {
  if (n.type !== 'subscript') return false;
  const meta = n.childForFieldName('value');
  if (meta?.type !== 'attribute' || meta.childForFieldName('attribute')?.text !== 'META') return false;
  const key = constantString(lang, n.childForFieldName('subscript'));
  return key !== null && !CLIENT_META.test(key);
}

/** Names of functions that check a value: `check_for_language(code)`, `is_valid_plan(p)`, `validate_locale(l)`. */
const VALIDATOR = /^(?:is_|has_|check|valid|verify|allowed|supported)|_(?:valid|allowed|supported)$/i;

/**
 * Whether the stored name is inside an `if` (or `elif`) whose condition passes it to a validator
 * (`if lang_code and check_for_language(lang_code):`).
 */
function validatedByCall(value: SyntaxNode): boolean {
  if (value.type !== 'identifier') return false;
  for (let p = value.parent; p && p.type !== 'function_definition' && p.type !== 'module'; p = p.parent) {
    const condition = p.type === 'if_statement' || p.type === 'elif_clause' ? p.childForFieldName('condition') : null;
    if (!condition || condition.endIndex > value.startIndex) continue;
    for (const call of condition.type === 'call' ? [condition, ...condition.descendantsOfType('call')] : condition.descendantsOfType('call')) {
      const name = calleeLastName(call) ?? '';
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (VALIDATOR.test(name) && args.some((a) => a.type === 'identifier' && a.text === value.text)) return true;
    }
  }
  return false;
}

/** Whether an expression is the session: Flask's or Quart's `session`, or Django's `request.session` (and `self.request.session`). */
function isSession(lang: PythonHelpers, node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'identifier') {
    const ref = lang.resolve(node);
    return !!ref?.module && SESSION_PROXIES.has([ref.module, ...ref.path].join('.'));
  }
  if (node.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'session') return false;
  // Django: the view's request (`request.session`, `self.request.session`).
  const object = node.childForFieldName('object');
  const name = object?.type === 'identifier' ? object.text : object?.type === 'attribute' ? object.childForFieldName('attribute')?.text : undefined;
  return name === 'request' || name === 'req';
}
