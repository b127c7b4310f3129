/**
 * The generic check of the secrets engine (`genericSecretCandidate`, `isMadeOfWords` in
 * `src/rules/secrets/patterns.ts`): values that score a high entropy without being random, found on the
 * secrets precision corpus (bench/corpus/secrets-scan.ts), are not candidates; random tokens still are,
 * and the words test almost never mistakes one for words.
 */
import assert from 'node:assert/strict';
import { genericSecretCandidate, isMadeOfWords } from '../../../src/rules/secrets/patterns';
import { seededRandom } from '../../lib/seeded-random';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

describe('secrets: the generic check', () => {
  const notSecrets: Array<[string, string]> = [
    ['an event name with an acronym', 'platformAuthDOMGetToken'],
    ['a private type name', '_EllipticCurvePrivateKey'],
    ['a dotted type name', 'rsa.RSAPrivateKey'],
    ['a Sphinx cross-reference', '~botocore.credentials.Credentials'],
    ['a migration name', '0002_alter_permission_name_max_length'],
    ['a header name', 'Proxy-Authorization'],
    ['a class name with an acronym', 'HTTPSProxyAgentOptions'],
    ['a URN', 'urn:uuid:a515cfa4-5da4-22e1-f5b5-00a0451e6bf7'],
    ['a regular expression', '[0-9A-Fa-f]{1,4}'],
    ['a path under a variable', '$dir/private/cakey.pem'],
    ["a shell command's output (a bare value ends at the blank)", '$(playwright-cli'],
    ['an RFC 6749 example token', '2YotnFZFEjr1zCsicMWpAA'],
    ['text in another script', '使用缓存位置运行模块的额外解决传递'],
    ['a command-line flag', '--docker-credential-file'],
    ['a generic type', 'list[V1LocalObjectReference]'],
    ['a call', 'GoogleCredentials.get_application_default()'],
    ['a query string', '&authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:gcp'],
    ['words in capitals', 'HEADER.SIMULATED_JWT_PAYLOAD.SIGNATURE'],
    ['Basic credentials with a placeholder password', `Basic ${Buffer.from('username:password').toString('base64')}`],
    ['base64 of a phrase', Buffer.from('not my real password').toString('base64')],
  ];
  for (const [what, value] of notSecrets) {
    it(`is not a secret: ${what}`, () => assert.equal(genericSecretCandidate(value), null));
  }

  const basic = `Basic ${Buffer.from('deploy:Tq7#Lx9!vR2@mN4p').toString('base64')}`;
  for (const value of ['Zq8Xv2Lm9Rt4Wy7Kp3Nb6Hc1Jd5Fs0Gq', 'g7Kp2Lm9Qx4Rv8Zt3Wy6Nb1Hc5Jd0Fs', 'k3abuoqeyzhxtir9mv2w', 'K7QW4Y3UMF9GK2TFN5XAR8', basic]) {
    it(`still finds a random token: ${value.slice(0, 4)}…`, () => assert.notEqual(genericSecretCandidate(value), null));
  }

  it('almost never reads random tokens as words (mixed case, lower case, hex, base64url)', () => {
    const random = seededRandom(7);
    const token = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (const [alphabet, length, limit] of [
      [BASE62, 16, 0.006],
      [BASE62, 24, 0.002],
      [BASE62 + '-_', 20, 0.004],
      ['abcdefghijklmnopqrstuvwxyz0123456789', 16, 0],
      ['0123456789abcdef', 32, 0],
    ] as const) {
      const n = 20_000;
      let words = 0;
      for (let i = 0; i < n; i++) if (isMadeOfWords(token(alphabet, length))) words++;
      assert.ok(words / n <= limit, `${words} of ${n} random ${length}-character tokens over ${alphabet.length} characters read as words`);
    }
  });
});
