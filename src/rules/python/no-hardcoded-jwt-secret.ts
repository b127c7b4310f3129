import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, calleeName, constantString, envFallback, environEdits, preview } from './call-helpers';
import { isTestFile } from './name-helpers';

/** PyJWT and python-jose functions whose second argument is the signing or verification key. */
const KEYED = new Set([
  'jwt.encode', 'jwt.decode', 'jwt.api_jwt.encode', 'jwt.api_jwt.decode', 'jwt.PyJWT.().encode', 'jwt.PyJWT.().decode',
  'jose.jwt.encode', 'jose.jwt.decode', 'jose.jws.sign', 'jose.jws.verify',
]);
/** Public keys and certificates verify tokens; they are not secrets. */
const CALLEE_NAMES = new Set(['encode', 'decode', 'sign', 'verify']);
const PUBLIC_MATERIAL = /-----BEGIN (?:PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)|^ssh-(?:rsa|ed25519) /;
const ENV_VAR = 'JWT_SECRET';

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-hardcoded-jwt-secret',
  languages: ['python'],
  meta: {
    description: 'JWT signing secrets must not be hardcoded in source code',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-321'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hardcodedSecret:
        'The JWT key is hardcoded ({{preview}}). Anyone who reads this code or the repository history can sign tokens for any user and role; load it from the environment or a secret manager.',
      fallbackSecret:
        'When {{envVar}} is not set, tokens are signed with the hardcoded fallback ({{preview}}), which anyone who reads this code can use to forge tokens.',
      useEnvVar: 'Read the key from os.environ["{{envVar}}"]',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text, file } = context;
    if (!/jwt|jose/.test(text) || isTestFile(file)) return {};
    // One finding per secret: a constant used by both encode and decode is reported where it is first used.
    const reported = new Set<string>();
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!CALLEE_NAMES.has(calleeLastName(call) ?? '')) return;
        const name = calleeName(lang, call);
        if (!name || !KEYED.has(name) || !lang.liveBranch(call)) return;
        const key = lang.argument(call, 1, 'key');
        if (!key) return;
        const fallback = envFallback(lang, key);
        if (fallback) {
          const value = constantString(lang, fallback.fallback);
          if (!value || PUBLIC_MATERIAL.test(value)) return;
          const edits = environEdits(lang, text, fallback.call, fallback.envVar);
          context.report({
            range: lang.range(fallback.fallback),
            messageId: 'fallbackSecret',
            data: { envVar: fallback.envVar, preview: preview(value) },
            suggest: edits ? [{ messageId: 'useEnvVar', data: { envVar: fallback.envVar }, edits }] : [],
          });
          return;
        }
        const value = constantString(lang, key);
        if (!value || PUBLIC_MATERIAL.test(value) || reported.has(value)) return;
        reported.add(value);
        const edits = key.type === 'string' || key.type === 'concatenated_string' ? environEdits(lang, text, key, ENV_VAR) : null;
        const suggest: FixDescriptor[] = edits ? [{ messageId: 'useEnvVar', data: { envVar: ENV_VAR }, edits }] : [];
        context.report({ range: lang.range(key), messageId: 'hardcodedSecret', data: { preview: preview(value) }, suggest });
      },
    };
  },
});
