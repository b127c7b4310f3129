import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { nodeCryptoFunction } from './crypto-helpers';

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-deprecated-cipher',
  languages: ['js'],
  meta: {
    description: 'crypto.createCipher and createDecipher derive the key with MD5 and use no IV; use createCipheriv',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-327'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      deprecatedCipher:
        'crypto.{{fn}}() derives the key from a password with one round of MD5 and no salt, and reuses the same IV for every message, so equal plaintexts give equal ciphertexts. It was removed in Node 22; use {{replacement}}() with a random IV and a key from crypto.scrypt.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('createCipher') && !text.includes('createDecipher')) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const fn = nodeCryptoFunction(lang, call);
        if (fn !== 'createCipher' && fn !== 'createDecipher') return;
        context.report({
          range: [call.callee.start!, call.callee.end!],
          messageId: 'deprecatedCipher',
          data: { fn, replacement: `${fn}iv` },
        });
      },
    };
  },
});
