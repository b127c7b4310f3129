import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, calleeLastName, calleeName, constantString, constantStrings, dictEntry, hasSplat, isFalse, keywordArgument, pyQuote, pyString, replaceEdit } from './call-helpers';
import { nameOf, nameTokens } from './name-helpers';

/** JWT libraries' decode functions: PyJWT (module functions and `PyJWT()`), python-jose. */
const DECODE = new Set(['jwt.decode', 'jwt.api_jwt.decode', 'jwt.PyJWT.().decode', 'jose.jwt.decode']);
const PUBLIC_KEY_WORDS = new Set(['public', 'pub', 'pem', 'jwk', 'jwks', 'cert', 'certificate', 'rsa']);
const ENCODE = new Set(['jwt.encode', 'jwt.api_jwt.encode', 'jwt.PyJWT.().encode', 'jose.jwt.encode']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-jwt-misuse',
  languages: ['python'],
  meta: {
    description: 'JWTs must be decoded with signature verification and an explicit list of accepted algorithms',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-347', 'CWE-327'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      verifyDisabled:
        '{{how}} turns off signature verification, so anyone can write a token with any claims (user, role, expiry) and it is accepted. Verify the signature; read the header with jwt.get_unverified_header() if you need the key id first.',
      noneAlgorithm:
        'The `none` algorithm means an unsigned token: {{where}}. Anyone can then write a token with any claims. Use a signing algorithm such as HS256 or RS256.',
      missingAlgorithms:
        '{{fn}}() is called without a list of `algorithms`, so the token\'s own header chooses how it is verified ({{consequence}}). Pass the one algorithm your tokens are signed with.',
      addAlgorithms: 'Accept only {{algorithm}}: `algorithms=["{{algorithm}}"]`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/jwt|jose/.test(text)) return {};
    /** Decodes without an algorithm list, with the `algorithms=None` argument when there is one. */
    const decodes: Array<{ call: SyntaxNode; none: SyntaxNode | null }> = [];
    const signingAlgorithms = new Set<string>();
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (last !== 'encode' && last !== 'decode') return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        if (ENCODE.has(name)) {
          const algorithm = lang.argument(call, 2, 'algorithm');
          const value = constantString(lang, algorithm);
          if (value?.toLowerCase() === 'none') {
            context.report({ range: lang.range(algorithm!), messageId: 'noneAlgorithm', data: { where: 'these tokens carry no signature' } });
          } else if (value) {
            signingAlgorithms.add(value);
          }
        } else if (DECODE.has(name)) {
          checkDecode(call);
        }
      },
      'File:exit'() {
        // The suggestion names the algorithm this file signs with when it uses exactly one, else what the key's name suggests.
        const signing = signingAlgorithms.size === 1 ? [...signingAlgorithms][0] : null;
        for (const { call, none } of decodes) {
          const algorithm = signing ?? (isPublicKeyName(nameOf(lang.argument(call, 1, 'key'))) ? 'RS256' : 'HS256');
          const list = `[${pyString(algorithm, pyQuote(lang))}]`;
          const edit = none ? replaceEdit(none, list) : addArgumentEdit(text, call, `algorithms=${list}`);
          const suggest: FixDescriptor[] = edit ? [{ messageId: 'addAlgorithms', data: { algorithm }, edits: [edit] }] : [];
          const jose = calleeName(lang, call)!.startsWith('jose.');
          context.report({
            range: lang.range(call.childForFieldName('function')!),
            messageId: 'missingAlgorithms',
            data: {
              fn: jose ? 'jose.jwt.decode' : 'jwt.decode',
              consequence: jose
                ? 'a public key can then be used as an HMAC secret to forge tokens'
                : 'PyJWT 2 refuses the call; PyJWT 1 accepts whatever algorithm the token names, `none` included',
            },
            suggest,
          });
        }
      },
    };

    function checkDecode(call: SyntaxNode): void {
      const options = lang.argument(call, 3, 'options');
      const verifySignature = dictEntry(lang, options, 'verify_signature');
      if (verifySignature && isFalse(lang, verifySignature)) {
        context.report({ range: lang.range(verifySignature.parent!), messageId: 'verifyDisabled', data: { how: '`"verify_signature": False`' } });
        return;
      }
      // PyJWT 1: jwt.decode(token, key, verify=False)
      const verify = keywordArgument(call, 'verify');
      if (verify && isFalse(lang, verify.childForFieldName('value'))) {
        context.report({ range: lang.range(verify), messageId: 'verifyDisabled', data: { how: '`verify=False`' } });
        return;
      }
      const algorithms = lang.argument(call, 2, 'algorithms');
      const none = algorithms && lang.constant(algorithms)?.value === null ? algorithms : null;
      if (algorithms && !none) {
        const accepted = constantStrings(lang, algorithms);
        if (accepted?.some((a) => a.toLowerCase() === 'none')) {
          context.report({ range: lang.range(algorithms), messageId: 'noneAlgorithm', data: { where: 'accepting it lets a token without a signature through' } });
        }
        return;
      }
      if (hasSplat(call)) return;
      decodes.push({ call, none });
    }
  },
});

/** `public_key`, `PUBLIC_PEM`, `jwks_key`, `cert`: the key verifies RSA or EC signatures, not an HMAC. */
function isPublicKeyName(name: string | null): boolean {
  return !!name && nameTokens(name).some((w) => PUBLIC_KEY_WORDS.has(w));
}
