import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { addPropertiesEdit, constString, findProperty, hasUnknownProperties, optionsObject } from './web-config-helpers';

/** Cookie names that carry a session or credentials: `session`, `connect.sid`, `access_token`, `auth`, `jwt`. */
const AUTH_COOKIE = /session|(^|[^a-z])sid([^a-z]|$)|token|auth|jwt/i;
/** Double-submit CSRF cookies must be readable by scripts; only `secure` applies to them. */
const CSRF_COOKIE = /csrf|xsrf/i;
const FLAGS = ['httpOnly', 'secure'] as const;
type Flag = (typeof FLAGS)[number];

type JsCall = t.CallExpression & JsNode;
type JsObject = t.ObjectExpression & JsNode;

/** One cookie configuration: where its options are and which flags its library turns on by default. */
interface CookieSite {
  options: JsObject | null;
  /** Flags that are on when the option is absent. */
  defaults: readonly Flag[];
  /** Flags that do not apply (httpOnly on a CSRF cookie). */
  skip: readonly Flag[];
  /** Where a missing-flag finding goes. */
  anchor: JsNode;
  /** How to add the missing flags when there is no options object yet. */
  addOptions?: (flags: string[]) => FixDescriptor['edits'];
}

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-insecure-cookie',
  languages: ['js'],
  meta: {
    description: 'Session and auth cookies must be set with httpOnly and secure',
    severity: 'warning',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-614', 'CWE-1004'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      httpOnlyDisabled:
        '`httpOnly: false` lets any script on the page read this session cookie, so a single XSS bug hands the session to an attacker.',
      secureDisabled:
        '`secure: false` lets the browser send this session cookie over plain HTTP, where anyone on the network can read it and take over the session.',
      missingFlags:
        'This session cookie is set without {{flags}}. Without httpOnly any injected script can read it; without secure it travels over plain HTTP.',
      enableFlag: 'Set `{{flag}}: true`',
      addFlags: 'Add {{flags}}',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!/cookie|session/i.test(text)) return {};

    const check = (site: CookieSite) => {
      const missing: string[] = [];
      const wanted = FLAGS.filter((f) => !site.skip.includes(f));
      for (const flag of wanted) {
        const prop = site.options && findProperty(site.options, flag);
        if (prop) {
          const v = staticValue(prop.value as JsNode);
          if (v.known && v.value === false) {
            context.report({
              range: [prop.start!, prop.end!],
              messageId: flag === 'secure' ? 'secureDisabled' : 'httpOnlyDisabled',
              fix: { messageId: 'enableFlag', data: { flag }, edits: [{ range: [prop.value.start!, prop.value.end!], text: 'true' }] },
            });
          }
        } else if (!site.defaults.includes(flag)) {
          missing.push(`${flag}: true`);
        }
      }
      if (missing.length === 0 || (site.options && hasUnknownProperties(site.options))) return;
      const flags = missing.map((m) => `\`${m}\``).join(' and ');
      const edits = site.options ? [addPropertiesEdit(text, site.options, missing)] : site.addOptions?.(missing);
      context.report({
        range: [site.anchor.start!, site.anchor.end!],
        messageId: 'missingFlags',
        data: { flags },
        suggest: edits ? [{ messageId: 'addFlags', data: { flags }, edits }] : [],
      });
    };

    return {
      CallExpression(node) {
        const call = node as JsCall;
        const site = sessionSite(lang, call, text) ?? setterSite(lang, call);
        if (site) check(site);
      },
    };
  },
});

/** `session({ cookie: { … } })` (express-session) and `cookieSession({ … })` (cookie-session). */
function sessionSite(lang: JsHelpers, call: JsCall, text: string): CookieSite | null {
  // One look-up of the callee; most calls are neither package, and nothing is allocated for them.
  const ref = lang.resolve(call.callee as JsNode);
  const module = ref && ref.path.length === 0 ? ref.module : null;
  if (module !== 'cookie-session' && module !== 'express-session') return null;
  const arg = call.arguments[0] as JsNode | undefined;
  // Both packages turn httpOnly on by default and leave secure off.
  const defaults: Flag[] = ['httpOnly'];
  if (module === 'cookie-session') {
    const options = optionsObject(lang, arg);
    return options ? { options, defaults, skip: [], anchor: call.callee as JsNode } : null;
  }
  const options = optionsObject(lang, arg);
  if (!options) return null;
  const cookie = findProperty(options, 'cookie');
  if (!cookie) {
    if (hasUnknownProperties(options)) return null;
    return {
      options: null,
      defaults,
      skip: [],
      anchor: call.callee as JsNode,
      addOptions: (flags) => [addPropertiesEdit(text, options, [`cookie: { ${flags.join(', ')} }`])],
    };
  }
  const cookieOptions = optionsObject(lang, cookie.value as JsNode);
  return cookieOptions ? { options: cookieOptions, defaults, skip: [], anchor: cookie.key as JsNode } : null;
}

/**
 * `res.cookie(name, value, opts)` (Express), `reply.setCookie(…)` (Fastify), `cookies().set(…)` and
 * `response.cookies.set(…)` (Next.js), `ctx.cookies.set(…)` (Koa) for a cookie with an auth-like name.
 */
function setterSite(lang: JsHelpers, call: JsCall): CookieSite | null {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression') return null;
  const method = propertyName(callee);
  const receiver = unwrap(callee.object as JsNode);
  const cookiesSet = method === 'set' && (isCookiesCall(receiver) || (receiver.type === 'MemberExpression' && propertyName(receiver) === 'cookies'));
  if (method !== 'cookie' && method !== 'setCookie' && !cookiesSet) return null;
  const args = call.arguments as JsNode[];
  // Next.js object form: cookies().set({ name, value, httpOnly, … })
  const single = cookiesSet && args.length === 1 ? optionsObject(lang, args[0]) : null;
  const nameNode = single ? findProperty(single, 'name')?.value as JsNode | undefined : args[0];
  const valueNode = single ? findProperty(single, 'value')?.value as JsNode | undefined : args[1];
  if (!nameNode || !valueNode || !isAuthCookie(lang, nameNode, valueNode)) return null;
  const name = constString(lang, nameNode) ?? '';
  const skip: Flag[] = CSRF_COOKIE.test(name) ? ['httpOnly'] : [];
  // Koa's ctx.cookies.set turns httpOnly on by default.
  const koa = cookiesSet && receiver.type === 'MemberExpression' && /^(ctx|context)$/.test(memberPath(receiver)?.[0] ?? '');
  const defaults: Flag[] = koa ? ['httpOnly'] : [];
  if (single) return { options: single, defaults, skip, anchor: nameNode };
  const optionsArg = args[2];
  if (optionsArg) {
    const options = optionsObject(lang, optionsArg);
    return options ? { options, defaults, skip, anchor: nameNode } : null;
  }
  if (args.length !== 2 || args.some((a) => a.type === 'SpreadElement')) return null;
  return {
    options: null,
    defaults,
    skip,
    anchor: nameNode,
    addOptions: (flags) => [{ range: [args[1].end!, args[1].end!], text: `, { ${flags.join(', ')} }` }],
  };
}

/** `cookies()` from next/headers (or any `cookies()` call, awaited or not). */
function isCookiesCall(node: JsNode): boolean {
  const n = node.type === 'AwaitExpression' ? unwrap(node.argument as JsNode) : node;
  return n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'cookies';
}

/** The cookie's name says it is a session or auth cookie; for a computed name, the value's name does. */
function isAuthCookie(lang: JsHelpers, nameNode: JsNode, valueNode: JsNode): boolean {
  const name = constString(lang, nameNode);
  if (name !== null) return AUTH_COOKIE.test(name);
  const v = unwrap(valueNode);
  const valueName = v.type === 'Identifier' ? v.name : propertyName(v);
  return valueName !== null && AUTH_COOKIE.test(valueName);
}
