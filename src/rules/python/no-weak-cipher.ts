import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, lastSegment, referenceName } from './call-helpers';

const SWEET32 = 'its 64-bit blocks repeat after a few gigabytes under one key (Sweet32), which lets an attacker recover plaintext';
const RC4 = 'its key stream is biased, so plaintext such as cookies can be recovered from enough ciphertext';
/** `cryptography` algorithms that are broken or have 64-bit blocks, under primitives or decrepit: display name and why. */
const CRYPTOGRAPHY_WEAK = new Map([
  ['TripleDES', ['Triple DES', SWEET32]],
  ['Blowfish', ['Blowfish', SWEET32]],
  ['ARC4', ['RC4', RC4]],
  ['CAST5', ['CAST5', SWEET32]],
  ['IDEA', ['IDEA', SWEET32]],
]);
/** `cryptography` modes whose first argument is an IV or nonce. */
const CRYPTOGRAPHY_IV_MODES = new Set(['CBC', 'CTR', 'OFB', 'CFB', 'CFB8', 'GCM']);
/** `cryptography` AEAD classes whose `encrypt(nonce, data, aad)` takes the nonce first. */
const AEAD_CLASSES = new Set(['AESGCM', 'AESCCM', 'AESOCB3', 'AESGCMSIV', 'ChaCha20Poly1305']);
/** PyCryptodome (`Crypto` / `Cryptodome`) ciphers that are broken or have 64-bit blocks. */
const PYCRYPTODOME_WEAK = new Map([
  ['DES', ['DES', 'its 56-bit key is found by brute force in hours']],
  ['DES3', ['Triple DES', SWEET32]],
  ['ARC2', ['RC2', SWEET32]],
  ['ARC4', ['RC4', RC4]],
  ['Blowfish', ['Blowfish', SWEET32]],
  ['CAST', ['CAST5', SWEET32]],
  ['XOR', ['XOR', 'it is not encryption: any known plaintext gives the key away']],
]);
/** PyCryptodome block ciphers whose `new(key, mode, ...)` takes a mode. */
const PYCRYPTODOME_BLOCK = new Set(['AES', 'DES', 'DES3', 'ARC2', 'Blowfish', 'CAST']);
/** The last names of every call above, to filter calls before resolving them. */
const CALLEE_NAMES = new Set(['ECB', 'new', 'encrypt', ...CRYPTOGRAPHY_WEAK.keys(), ...CRYPTOGRAPHY_IV_MODES]);
const PREFILTER = /cryptography|Crypto/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-weak-cipher',
  languages: ['python'],
  meta: {
    description: 'Encryption must not use broken ciphers, ECB mode or a constant IV or nonce',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-327', 'CWE-329', 'CWE-323'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      weakCipher:
        '{{cipher}} is obsolete: {{reason}}. Use AES-GCM or ChaCha20-Poly1305 (cryptography\'s AESGCM or ChaCha20Poly1305).',
      ecbMode:
        'ECB mode encrypts equal blocks to equal ciphertext, so patterns of the plaintext show through and blocks can be cut and pasted between messages. Use an authenticated mode such as GCM (AESGCM) with a random nonce.',
      staticIv:
        'The {{what}} is a constant, so every message is encrypted with the same one: equal plaintexts give equal ciphertexts and, with CTR or GCM, two messages reveal their XOR (GCM also loses its authentication). Generate a fresh one per message with os.urandom() and store it beside the ciphertext.',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!CALLEE_NAMES.has(calleeLastName(call) ?? '')) return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        if (name.startsWith('cryptography.')) checkCryptography(call, name);
        else if (name.startsWith('Crypto.Cipher.') || name.startsWith('Cryptodome.Cipher.')) checkPycryptodome(call, name);
      },
    };

    function checkCryptography(call: SyntaxNode, name: string): void {
      const segments = name.split('.');
      const last = lastSegment(name);
      if (name.includes('.ciphers.algorithms.') && CRYPTOGRAPHY_WEAK.has(last)) {
        const [cipher, reason] = CRYPTOGRAPHY_WEAK.get(last)!;
        context.report({ range: lang.range(call), messageId: 'weakCipher', data: { cipher, reason } });
      } else if (name.includes('.ciphers.modes.') && last === 'ECB') {
        context.report({ range: lang.range(call), messageId: 'ecbMode' });
      } else if (name.includes('.ciphers.modes.') && CRYPTOGRAPHY_IV_MODES.has(last)) {
        const iv = lang.argument(call, 0, last === 'CTR' ? 'nonce' : 'initialization_vector');
        if (iv && lang.isConstant(iv)) context.report({ range: lang.range(iv), messageId: 'staticIv', data: { what: last === 'CTR' ? 'nonce' : 'IV' } });
      } else if (last === 'encrypt' && segments.at(-2) === '()' && AEAD_CLASSES.has(segments.at(-3) ?? '')) {
        const nonce = lang.argument(call, 0, 'nonce');
        if (nonce && lang.isConstant(nonce)) context.report({ range: lang.range(nonce), messageId: 'staticIv', data: { what: 'nonce' } });
      }
    }

    function checkPycryptodome(call: SyntaxNode, name: string): void {
      const segments = name.split('.');
      // Crypto.Cipher.AES.new
      if (segments.length !== 4 || segments[3] !== 'new') return;
      const cipher = segments[2];
      const weak = PYCRYPTODOME_WEAK.get(cipher);
      if (weak) {
        context.report({ range: lang.range(call), messageId: 'weakCipher', data: { cipher: weak[0], reason: weak[1] } });
        return;
      }
      if (!PYCRYPTODOME_BLOCK.has(cipher)) return;
      const mode = lang.argument(call, 1, 'mode');
      const modeName = mode ? referenceName(lang, mode) : null;
      if (modeName && lastSegment(modeName) === 'MODE_ECB') {
        context.report({ range: lang.range(mode!), messageId: 'ecbMode' });
        return;
      }
      for (const keyword of ['iv', 'nonce', 'IV']) {
        const value = lang.argument(call, keyword === 'iv' ? 2 : null, keyword);
        if (value && lang.isConstant(value)) {
          context.report({ range: lang.range(value), messageId: 'staticIv', data: { what: keyword === 'nonce' ? 'nonce' : 'IV' } });
          return;
        }
      }
    }
  },
});
