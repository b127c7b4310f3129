import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { constantString, nodeCryptoFunction } from './crypto-helpers';

/** Ciphers broken or with 64-bit blocks (Sweet32): DES, 3DES, RC4, RC2, Blowfish, CAST5, IDEA. */
const WEAK_CIPHER = /^(?:des|des3|des-ede|des-ede3|rc4|rc2|bf|blowfish|cast|cast5|idea|desx)(?:-|$)/;
/** crypto-js members that select ECB or a weak cipher. */
const CRYPTO_JS_WEAK = new Set(['DES', 'TripleDES', 'RC4', 'RC4Drop']);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-ecb-mode',
  languages: ['js'],
  meta: {
    description: 'Encryption must not use ECB mode or broken ciphers such as DES, 3DES, RC4 and Blowfish',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-327'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      ecbMode:
        '{{algorithm}} uses ECB mode: equal 16-byte blocks of plaintext give equal blocks of ciphertext, so patterns in the data show through and blocks can be reordered undetected. Use aes-256-gcm with a random IV.',
      weakCipher:
        '{{algorithm}} is a broken or 64-bit-block cipher: its key is too short, its keystream is biased, or its blocks collide after a few gigabytes. Use aes-256-gcm or chacha20-poly1305.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    const cryptoJs = text.includes('crypto-js');
    if (!cryptoJs && !text.includes('createCipher') && !text.includes('createDecipher')) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const fn = nodeCryptoFunction(lang, call);
        if (fn !== 'createCipheriv' && fn !== 'createDecipheriv') return;
        const arg = call.arguments[0] as JsNode | undefined;
        const algorithm = constantString(lang, arg);
        if (!arg || algorithm === null) return;
        const lower = algorithm.toLowerCase();
        const messageId = WEAK_CIPHER.test(lower) ? 'weakCipher' : /-ecb$|^id-aes\d+-ecb$/.test(lower) ? 'ecbMode' : null;
        if (messageId) context.report({ range: [arg.start!, arg.end!], messageId, data: { algorithm: `'${algorithm}'` } });
      },
      MemberExpression(node) {
        if (!cryptoJs) return;
        const member = node as t.MemberExpression & JsNode;
        const ref = lang.resolve(member);
        if (!ref || ref.path.length === 0) return;
        const path = ref.module === 'crypto-js' ? ref.path : ref.module?.startsWith('crypto-js/') ? [ref.module.slice(10), ...ref.path] : null;
        if (!path) return;
        // CryptoJS.mode.ECB, or the algorithm object itself (CryptoJS.DES in CryptoJS.DES.encrypt).
        if (path.length === 2 && path[0] === 'mode' && path[1] === 'ECB') {
          context.report({ range: [member.start!, member.end!], messageId: 'ecbMode', data: { algorithm: 'CryptoJS.mode.ECB' } });
        } else if (path.length === 1 && CRYPTO_JS_WEAK.has(path[0])) {
          context.report({ range: [member.start!, member.end!], messageId: 'weakCipher', data: { algorithm: `CryptoJS.${path[0]}` } });
        }
      },
    };
  },
});
