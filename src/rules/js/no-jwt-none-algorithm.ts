import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { staticValue, unwrap } from '../../languages/js/ast';
import { removeListItem } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { boundValue, findProperty, jwtCall, mentionsJwtLibrary, objectLiteral } from './jwt-calls';

/** Verify functions and the index of their options argument. */
const VERIFY_OPTIONS: Record<string, Record<string, number>> = {
  jsonwebtoken: { verify: 2 },
  jose: { jwtVerify: 2, compactVerify: 2, flattenedVerify: 2, generalVerify: 2 },
};

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-jwt-none-algorithm',
  languages: ['js'],
  meta: {
    description: 'JWTs must not be signed or accepted with the unsigned "none" algorithm',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-347'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      verifyNone:
        "Allowing the 'none' algorithm in {{fn}}() accepts unsigned tokens, so anyone can forge a token with any claims (user, role, expiry).",
      signNone: "Signing with the 'none' algorithm produces unsigned tokens that anyone can forge or alter.",
      noVerify:
        'Passing `true` as the third argument of jwt-simple decode() skips the signature check, so anyone can forge a token with any claims.',
      unsecured: 'UnsecuredJWT.decode() accepts tokens without a signature, so anyone can forge a token with any claims.',
      removeNone: "Remove 'none' from the allowed algorithms",
      removeNoVerify: 'Verify the signature (drop the noVerify argument)',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!mentionsJwtLibrary(text)) return {};
    const mayMatch = /none/i.test(text) || text.includes('jwt-simple') || text.includes('UnsecuredJWT');
    if (!mayMatch) return {};

    const checkAlgorithms = (options: t.ObjectExpression | null, fn: string) => {
      const prop = options ? findProperty(options, 'algorithms') : null;
      const list = prop ? boundValue(unwrap(prop.value as JsNode), lang) : null;
      if (list?.type !== 'ArrayExpression') return;
      const elements = list.elements as (JsNode | null)[];
      const isNone = (e: JsNode | null) => !!e && isNoneValue(e);
      const others = elements.some((e) => e && !isNone(e));
      elements.forEach((e, i) => {
        if (!e || !isNone(e)) return;
        const fix: FixDescriptor | undefined = others
          ? { messageId: 'removeNone', edits: [removeListItem(text, elements, i)] }
          : undefined;
        context.report({ range: [e.start!, e.end!], messageId: 'verifyNone', data: { fn }, fix });
      });
    };

    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        if (isUnsecuredDecode(call, lang)) {
          context.report({ range: [call.start!, call.end!], messageId: 'unsecured' });
          return;
        }
        const jwt = jwtCall(call, lang);
        if (!jwt) return;
        const args = call.arguments as JsNode[];
        const optionsIndex = VERIFY_OPTIONS[jwt.module]?.[jwt.fn];
        if (optionsIndex !== undefined) {
          checkAlgorithms(objectLiteral(args[optionsIndex], lang), jwt.fn);
        } else if (jwt.module === 'jsonwebtoken' && jwt.fn === 'sign') {
          const options = objectLiteral(args[2], lang);
          const prop = options ? findProperty(options, 'algorithm') : null;
          if (prop && isNoneValue(prop.value as JsNode)) {
            context.report({ range: [prop.start!, prop.end!], messageId: 'signNone' });
          }
        } else if (jwt.module === 'jwt-simple' && jwt.fn === 'decode') {
          checkNoVerify(call, args);
        }
      },
    };

    function checkNoVerify(call: t.CallExpression, args: JsNode[]): void {
      const flag = args[2];
      const value = flag ? staticValue(flag) : null;
      if (!flag || !value?.known || value.value !== true) return;
      // Dropping the argument when it is last restores the default (verify); otherwise pass false.
      const edit: TextEdit =
        args.length === 3 ? { range: [args[1].end!, flag.end!], text: '' } : { range: [flag.start!, flag.end!], text: 'false' };
      context.report({
        range: [call.start!, call.end!],
        messageId: 'noVerify',
        fix: { messageId: 'removeNoVerify', edits: [edit] },
      });
    }
  },
});

function isNoneValue(node: JsNode): boolean {
  const v = staticValue(node);
  return v.known && typeof v.value === 'string' && v.value.toLowerCase() === 'none';
}

/** `UnsecuredJWT.decode(token)` from jose, on a token known only at run time. */
function isUnsecuredDecode(call: t.CallExpression & JsNode, lang: JsHelpers): boolean {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression') return false;
  const ref = lang.resolve(callee);
  if (ref?.module !== 'jose' || ref.path.join('.') !== 'UnsecuredJWT.decode') return false;
  const token = call.arguments[0] as JsNode | undefined;
  return !!token && token.type !== 'SpreadElement' && !lang.isConstant(token);
}
