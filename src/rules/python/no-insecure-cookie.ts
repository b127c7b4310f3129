import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, argumentsOf, constantString, hasSplat, isFalse, keywordArgument, packageOf, positionalArguments, pyQuote, pyString, referenceName, replaceEdit } from './call-helpers';
import { nameOf } from './name-helpers';

/** Cookie names that carry a session or credentials: `session`, `sessionid`, `access_token`, `auth`, `jwt`. */
const AUTH_COOKIE = /session|(?:^|[^a-z])sid(?:[^a-z]|$)|token|auth|jwt|remember/i;
/** Double-submit CSRF cookies must be readable by scripts; only `secure` applies to them. */
const CSRF_COOKIE = /csrf|xsrf/i;
/** Packages whose responses have `set_cookie(key, value, max_age, expires, path, domain, secure, httponly, samesite)`. */
const WEB_PACKAGES = new Set(['flask', 'werkzeug', 'django', 'starlette', 'fastapi', 'quart', 'aiohttp', 'sanic', 'falcon', 'bottle', 'litestar']);
/** Flask settings for its own session and remember-me cookies. */
const FLASK_COOKIE_SETTINGS: Readonly<Record<string, 'secure' | 'httponly'>> = {
  SESSION_COOKIE_SECURE: 'secure',
  SESSION_COOKIE_HTTPONLY: 'httponly',
  REMEMBER_COOKIE_SECURE: 'secure',
  REMEMBER_COOKIE_HTTPONLY: 'httponly',
};
/** Position of `secure` among set_cookie's positional parameters (after key, value, max_age, expires, path, domain). */
const SECURE_POSITION = 6;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-insecure-cookie',
  languages: ['python'],
  meta: {
    description: 'Session and auth cookies must be set with secure and httponly',
    severity: 'warning',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-614', 'CWE-1004'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      httponlyDisabled:
        '`{{what}}` lets any script on the page read this session cookie, so a single XSS bug hands the session to an attacker.',
      secureDisabled:
        '`{{what}}` lets the browser send this session cookie over plain HTTP, where anyone on the network can read it and take over the session.',
      secureDisabledAny:
        '`{{what}}` lets the browser send the cookie `{{name}}` over plain HTTP too, where anyone on the network can read or change it. Unless its value is meant to be public, set `secure=True`.',
      missingFlags:
        'The cookie `{{name}}` carries a session or credentials and is set without {{flags}}, so {{consequence}}.',
      enableFlag: 'Set `{{flag}}=True`',
      enableSetting: 'Set `{{setting}}` to True',
      addFlags: 'Add {{flags}}',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/set_cookie|COOKIE_SECURE|COOKIE_HTTPONLY/.test(text)) return {};
    let importsWebPackage: boolean | undefined;
    const usesWebFramework = () => (importsWebPackage ??= lang.imports().some((i) => WEB_PACKAGES.has(packageOf(i.module))));
    return {
      call(node) {
        const call = node as SyntaxNode;
        const callee = call.childForFieldName('function');
        if (callee?.type !== 'attribute') return;
        const method = callee.childForFieldName('attribute')?.text;
        if (method === 'set_cookie') checkSetCookie(call, callee.childForFieldName('object')!);
        else if (method === 'update' || method === 'from_mapping') checkConfigUpdate(call, callee.childForFieldName('object')!);
      },
      assignment(node) {
        // app.config['SESSION_COOKIE_SECURE'] = False
        const assign = node as SyntaxNode;
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        if (left?.type !== 'subscript' || !right || !isConfig(left.childForFieldName('value'))) return;
        const setting = constantString(lang, left.childForFieldName('subscript'));
        if (setting && Object.hasOwn(FLASK_COOKIE_SETTINGS, setting)) checkSetting(setting, right, assign);
      },
    };

    function checkSetCookie(call: SyntaxNode, receiver: SyntaxNode): void {
      // The receiver is a response of a web framework, or unknown (a parameter) in a file that uses one.
      const owner = referenceName(lang, receiver);
      if (owner ? !WEB_PACKAGES.has(packageOf(owner)) : !usesWebFramework()) return;
      if (hasSplat(call) || positionalArguments(call).length > SECURE_POSITION || !lang.liveBranch(call)) return;
      const nameNode = lang.argument(call, 0, 'key');
      const valueNode = lang.argument(call, 1, 'value');
      const name = constantString(lang, nameNode);
      const label = name ?? nameOf(valueNode) ?? '';
      if (!nameNode) return;
      if (!AUTH_COOKIE.test(label)) {
        // Any other cookie: only an explicit `secure=False` (a choice to send it over plain HTTP), at info.
        const arg = keywordArgument(call, 'secure');
        const value = arg?.childForFieldName('value');
        if (arg && value && isFalse(lang, value)) {
          context.report({
            range: lang.range(arg),
            messageId: 'secureDisabledAny',
            data: { what: arg.text, name: label || 'this cookie' },
            severity: 'info',
            fix: value.type === 'false' ? { messageId: 'enableFlag', data: { flag: 'secure' }, edits: [replaceEdit(value, 'True')] } : undefined,
          });
        }
        return;
      }
      const csrf = CSRF_COOKIE.test(label);
      const missing: string[] = [];
      for (const flag of csrf ? ['secure'] : ['secure', 'httponly']) {
        const arg = keywordArgument(call, flag);
        const value = arg?.childForFieldName('value');
        if (!arg || !value) {
          missing.push(flag);
        } else if (isFalse(lang, value)) {
          context.report({
            range: lang.range(arg),
            messageId: flag === 'secure' ? 'secureDisabled' : 'httponlyDisabled',
            data: { what: arg.text },
            fix: value.type === 'false' ? { messageId: 'enableFlag', data: { flag }, edits: [replaceEdit(value, 'True')] } : undefined,
          });
        }
      }
      if (missing.length === 0) return;
      const added = missing.map((f) => `${f}=True`);
      if (!keywordArgument(call, 'samesite')) added.push(`samesite=${pyString('Lax', pyQuote(lang))}`);
      const flags = missing.map((f) => `\`${f}=True\``).join(' and ');
      const consequence = missing
        .map((f) => (f === 'secure' ? 'the browser also sends it over plain HTTP, where anyone on the network can read it' : 'any script injected into the page can read it'))
        .join(', and ');
      const edit = addArgumentEdit(text, call, added.join(', '));
      context.report({
        range: lang.range(nameNode),
        messageId: 'missingFlags',
        data: { name: label, flags, consequence },
        suggest: edit ? [{ messageId: 'addFlags', data: { flags: added.map((a) => `\`${a}\``).join(', ') }, edits: [edit] }] : [],
      });
    }

    /** app.config.update(SESSION_COOKIE_SECURE=False) */
    function checkConfigUpdate(call: SyntaxNode, object: SyntaxNode): void {
      if (!isConfig(object)) return;
      for (const arg of argumentsOf(call)) {
        const setting = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : null;
        if (setting && Object.hasOwn(FLASK_COOKIE_SETTINGS, setting)) checkSetting(setting, arg.childForFieldName('value')!, arg);
      }
    }

    function checkSetting(setting: string, value: SyntaxNode, site: SyntaxNode): void {
      if (!isFalse(lang, value) || !lang.liveBranch(site)) return;
      const flag = FLASK_COOKIE_SETTINGS[setting];
      context.report({
        range: lang.range(site),
        messageId: flag === 'secure' ? 'secureDisabled' : 'httponlyDisabled',
        data: { what: lang.text(site) },
        fix: value.type === 'false' ? { messageId: 'enableSetting', data: { setting }, edits: [replaceEdit(value, 'True')] } : undefined,
      });
    }
  },
});

/** `app.config`, `self.app.config`: the `config` of something. */
function isConfig(node: SyntaxNode | null): boolean {
  return node?.type === 'attribute' && node.childForFieldName('attribute')?.text === 'config';
}
