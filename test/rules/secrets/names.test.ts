import assert from 'node:assert/strict';
import { classifySecretName, isLiteralCredential, isStandInValue, nameWords, SECRET_NAME_HINT, secretNameKind } from '../../../src/rules/secrets/patterns';

// The one name classifier and value check every secrets rule uses (the generic rule, the IaC env rules,
// Kubernetes, MCP configs): a table per style, positives and the look-alikes that must not match.
describe('secret names', () => {
  const cases: Array<[name: string, code: string | null, env: string | null]> = [
    ['apiKey', 'secret', 'secret'],
    ['dbPassword', 'password', 'password'],
    ['DB_PASSWORD', 'password', 'password'],
    ['GITHUB_TOKEN', 'secret', 'secret'],
    ['DB_PASS', 'password', 'password'],
    ['GITHUB_PAT', null, 'secret'],
    ['AWS_CREDENTIALS', 'secret', 'secret'],
    ['SECRET_KEY_BASE', null, 'secret'],
    ['STRIPE_KEY', null, 'secret'],
    ['SESSION_COOKIE', null, 'secret'],
    ['Authorization', 'secret', 'secret'],
    ['X-Api-Key', 'secret', 'secret'],
    ['Proxy-Authorization', 'secret', 'secret'],
    // Not secrets in either style.
    ['passwordField', null, null],
    ['tokenizer', null, null],
    ['authorUrl', null, null],
    ['TOKEN_PATH', null, null],
    ['SECRET_NAME', null, null],
    ['PASSWORD_MIN_LENGTH', null, null],
    ['PUBLIC_KEY', null, null],
    ['GPG_KEY', null, null],
    ['CACHE_KEY', null, null],
    ['cacheKey', null, null],
    ['cache_key', null, null],
    ['key', null, null],
    ['max_tokens', null, null],
    ['total_tokens', null, null],
    ['next_page_token', null, null],
    ['maxOutputTokens', null, null],
    ['refresh_token', 'secret', 'secret'],
    ['Auto_discovery_extra_resolution_pass_for_module', null, null],
  ];
  for (const [name, code, env] of cases) {
    it(`${name}: code ${code ?? 'no'}, env ${env ?? 'no'}`, () => {
      assert.equal(secretNameKind(name, 'code'), code);
      assert.equal(secretNameKind(name, 'env'), env);
    });
  }

  // Answers are remembered (bounded): asking again, in another case, or after the memory was emptied changes nothing.
  it('gives the same answers after thousands of other names', () => {
    for (const [name, code, env] of cases) assert.deepEqual([secretNameKind(name, 'code'), secretNameKind(name, 'env')], [code, env], name);
    for (let i = 0; i < 10_000; i++) {
      secretNameKind(`setting_${i}`, 'env');
      secretNameKind(`field${i}`, 'code');
    }
    for (const [name, code, env] of cases) assert.deepEqual([secretNameKind(name, 'code'), secretNameKind(name, 'env')], [code, env], name);
  });

  it('reads the secret word in any case, before splitting the name', () => {
    assert.equal(secretNameKind('ApiKEYS', 'code'), 'secret');
    assert.equal(secretNameKind('dbPaSsWoRd', 'env'), null); // `Pa Ss Wo Rd`: split into words, none a secret word
    assert.equal(secretNameKind('DB_PaSSWORD', 'env'), 'password');
    assert.equal(secretNameKind('github_pat', 'env'), 'secret');
    assert.equal(classifySecretName('Type'), null);
    assert.deepEqual(nameWords('Type'), ['type']);
    assert.deepEqual(nameWords('run2'), ['run2']);
    assert.deepEqual(nameWords('APIKey'), ['api', 'key']);
  });

  it('every accepted name has a hint of a secret word; names without one are refused', () => {
    // `search` (not `test`): the hint is global, and `search` neither reads nor moves its `lastIndex`.
    for (const [name, code, env] of cases) if (code !== null || env !== null) assert.notEqual(name.search(SECRET_NAME_HINT), -1, name);
    for (const name of ['name', 'Type', 'image', 'Properties', 'run', 'DependsOn']) assert.equal(name.search(SECRET_NAME_HINT), -1, name);
  });
});

describe('literal credentials', () => {
  for (const value of ['hunter2-prod', 's3cr3tP@ss', 'my secret passphrase', 'postgres://app:pw@db/app', '839201']) {
    it(`${value} is a credential`, () => assert.equal(isLiteralCredential(value), true));
  }
  for (const value of ['', 'true', 'no', '8080', 'changeme', 'your-token-here', '${DB_PASSWORD}', '{{ .Values.pw }}', '<token>', '[redacted]', 'xxxxxxxx', '/run/secrets/db', 'https://example.com/x', '$2b$12$abcdefghijklmnopqrstuv']) {
    it(`${JSON.stringify(value)} is not`, () => assert.equal(isLiteralCredential(value), false));
  }
  it('stand-ins are placeholders, shapes are not stand-ins', () => {
    assert.equal(isStandInValue('REPLACE_ME'), true);
    assert.equal(isStandInValue('AKIAIOSFODNN7EXAMPLE'), true);
    assert.equal(isStandInValue('auth.access-token'), false);
  });
});
