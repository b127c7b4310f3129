import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import { removeListItem, removeStatement } from '../../languages/js/edits';
import type { JsNode } from '../../languages/js/parse';
import { constString, optionsObject, registeredPlugin } from './web-config-helpers';

/**
 * Helmet options (old and new names) whose header matters for security, with what it protects against.
 * crossOriginEmbedderPolicy (off by default since helmet 7), xXssProtection (a deprecated header helmet
 * only sets to 0) and the informational ones are left out.
 */
const PROTECTIONS: Record<string, string> = {
  contentSecurityPolicy: 'the Content-Security-Policy that limits the damage of XSS',
  frameguard: 'X-Frame-Options, the clickjacking protection',
  xFrameOptions: 'X-Frame-Options, the clickjacking protection',
  hsts: 'Strict-Transport-Security, which keeps browsers on HTTPS',
  strictTransportSecurity: 'Strict-Transport-Security, which keeps browsers on HTTPS',
  noSniff: 'X-Content-Type-Options: nosniff, which stops browsers running uploads as scripts',
  xContentTypeOptions: 'X-Content-Type-Options: nosniff, which stops browsers running uploads as scripts',
  referrerPolicy: 'the Referrer-Policy that keeps URLs (and tokens in them) from leaking to other sites',
  crossOriginOpenerPolicy: 'Cross-Origin-Opener-Policy, which isolates the window from cross-origin popups',
  crossOriginResourcePolicy: 'Cross-Origin-Resource-Policy, which stops other sites embedding your responses',
};
/** Headers whose removal after helmet set them undoes the same protections. */
const HEADERS: Record<string, string> = {
  'content-security-policy': 'contentSecurityPolicy',
  'x-frame-options': 'frameguard',
  'strict-transport-security': 'hsts',
  'x-content-type-options': 'noSniff',
};
const HELMET_MODULES = new Set(['helmet', '@fastify/helmet', 'fastify-helmet', 'koa-helmet']);

type JsCall = t.CallExpression & JsNode;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-disabled-helmet',
  languages: ['js'],
  meta: {
    description: 'Security headers set by helmet must not be turned off',
    severity: 'warning',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-693'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      disabledOption: '`{{name}}: false` turns off {{protection}}.',
      removedHeader: 'Removing the {{header}} header turns off {{protection}}.',
      removeOption: 'Remove `{{name}}: false` to keep helmet\'s default',
      removeCall: 'Remove the call to keep the header',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('helmet')) return {};
    return {
      CallExpression(node) {
        const call = node as JsCall;
        const args = call.arguments as JsNode[];
        const plugin = registeredPlugin(lang, call);
        const options = plugin && HELMET_MODULES.has(plugin) ? args[1] : isHelmetCall(lang, call) ? args[0] : null;
        if (options) return checkOptions(optionsObject(lang, options));
        checkRemoveHeader(call);
      },
    };

    function checkOptions(obj: (t.ObjectExpression & JsNode) | null): void {
      if (!obj) return;
      obj.properties.forEach((p, i) => {
        const name = p.type === 'ObjectProperty' ? propertyName(p) : null;
        if (!name || !(name in PROTECTIONS)) return;
        const v = staticValue((p as t.ObjectProperty).value as JsNode);
        if (!v.known || v.value !== false) return;
        context.report({
          range: [p.start!, p.end!],
          messageId: 'disabledOption',
          data: { name, protection: PROTECTIONS[name] },
          fix: { messageId: 'removeOption', data: { name }, edits: [removeListItem(text, obj.properties as JsNode[], i)] },
        });
      });
    }

    /** `res.removeHeader('Content-Security-Policy')` in a file that uses helmet. */
    function checkRemoveHeader(call: JsCall): void {
      const callee = unwrap(call.callee as JsNode);
      if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'removeHeader') return;
      const header = constString(lang, call.arguments[0] as JsNode);
      const option = header && HEADERS[header.toLowerCase()];
      if (!option) return;
      const statement = call.parent;
      context.report({
        range: [call.start!, call.end!],
        messageId: 'removedHeader',
        data: { header: header, protection: PROTECTIONS[option] },
        fix: statement?.type === 'ExpressionStatement' ? { messageId: 'removeCall', edits: [removeStatement(text, statement)] } : undefined,
      });
    }
  },
});

/** `helmet({ … })` with helmet imported from one of its packages. */
function isHelmetCall(lang: JsHelpers, call: JsCall): boolean {
  const ref = lang.resolve(call.callee as JsNode);
  return !!ref?.module && ref.path.length === 0 && HELMET_MODULES.has(ref.module);
}
