import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { memberPath, staticValue, unwrap } from '../../languages/js/ast';
import { quoteStyle, stringLiteral, type QuoteStyle } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { boundValue, findProperty, hasSpread, jwtCall, objectLiteral } from './jwt-calls';

/** Names and texts that say a key is a public key or certificate (RS256/ES256 tokens). */
const PUBLIC_KEY_NAME = /public|pubkey|\bpub\b|cert|pem|jwks|\.pub\b/i;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/require-jwt-algorithms',
  languages: ['js'],
  meta: {
    description: 'jwt.verify() must be given an explicit allow-list of algorithms',
    severity: 'warning',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-327', 'CWE-347'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      missingAlgorithms:
        'jwt.verify() without `algorithms` lets the token header choose the algorithm. With a public key, a token signed with HS256 using that public key as the secret can pass (algorithm confusion).',
      addAlgorithms: "Accept only {{alg}}: add `algorithms: ['{{alg}}']`",
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('jsonwebtoken') || !text.includes('verify')) return {};
    return {
      CallExpression(node) {
        const jwt = jwtCall(node, lang);
        if (!jwt || jwt.module !== 'jsonwebtoken' || jwt.fn !== 'verify') return;
        const args = jwt.call.arguments as JsNode[];
        if (args.length < 2 || args.some((a) => a.type === 'SpreadElement')) return;
        const options = args[2] ? unwrap(args[2]) : null;
        const literal = objectLiteral(options ?? undefined, lang);
        const isCallback = options && /Function/.test(options.type);
        if (options && !isCallback && !literal) return; // options built elsewhere: cannot tell
        if (literal && (findProperty(literal, 'algorithms') || hasSpread(literal))) return;
        const alg = looksLikePublicKey(args[1], lang, text) ? 'RS256' : 'HS256';
        const fix = addAlgorithms(args, literal, options === literal, alg, quoteStyle(lang.parsed));
        context.report({
          range: [jwt.call.start!, jwt.call.end!],
          messageId: 'missingAlgorithms',
          suggest: fix ? [fix] : [],
        });
      },
    };
  },
});

function looksLikePublicKey(key: JsNode, lang: JsHelpers, text: string): boolean {
  const value = boundValue(unwrap(key), lang);
  const s = staticValue(value);
  if (s.known && typeof s.value === 'string') return /PUBLIC KEY|CERTIFICATE/.test(s.value);
  const path = memberPath(key);
  if (path && PUBLIC_KEY_NAME.test(path[path.length - 1])) return true;
  // readFileSync('keys/public.pem') and the like.
  return PUBLIC_KEY_NAME.test(text.slice(value.start!, value.end!));
}

/** Adds the allow-list: a new options argument, or a property of the inline options object. */
function addAlgorithms(
  args: JsNode[],
  literal: t.ObjectExpression | null,
  inline: boolean,
  alg: string,
  quote: QuoteStyle,
): FixDescriptor | null {
  const prop = `algorithms: [${stringLiteral(alg, quote)}]`;
  let edit: TextEdit;
  if (!literal) {
    edit = args[2]
      ? { range: [args[2].start!, args[2].start!], text: `{ ${prop} }, ` }
      : { range: [args[1].end!, args[1].end!], text: `, { ${prop} }` };
  } else if (!inline) {
    return null; // the options object is shared; editing its declaration is the user's call
  } else if (literal.properties.length === 0) {
    edit = { range: [literal.start!, literal.end!], text: `{ ${prop} }` };
  } else {
    const first = literal.properties[0];
    edit = { range: [first.start!, first.start!], text: `${prop}, ` };
  }
  return { messageId: 'addAlgorithms', data: { alg }, edits: [edit] };
}
