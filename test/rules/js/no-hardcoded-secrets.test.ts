import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/js/no-hardcoded-secrets';
import {
  classifySecretName,
  envVarName,
  genericSecretCandidate,
  isPlaceholderToken,
  redact,
  shannonEntropy,
} from '../../../src/rules/secrets/patterns';
import { findProviderSecrets } from '../../../src/rules/secrets/scan';
import { lint, ruleTester, type ExpectedError } from '../../lib/rule-tester';
import { seededRandom } from '../../lib/seeded-random';

// Keys are assembled at run time from a seeded generator, so this file contains nothing a secret
// scanner would flag, and every run sees the same keys.
const next = seededRandom(0x5eed);
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const URLSAFE = `${ALNUM}_-`;
const BASE64 = `${ALNUM}+/`;

function randomish(length: number, alphabet = ALNUM): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

const OPENAI_MARK = ['T3Blbk', 'FJ'].join('');
const keys = {
  openaiProject: `sk-proj-${randomish(74, URLSAFE)}${OPENAI_MARK}${randomish(74, URLSAFE)}`,
  openaiLegacy: `sk-${randomish(20)}${OPENAI_MARK}${randomish(20)}`,
  openaiService: `sk-svcacct-${randomish(58, URLSAFE)}${OPENAI_MARK}${randomish(58, URLSAFE)}`,
  openaiAdmin: `sk-admin-${randomish(58, URLSAFE)}${OPENAI_MARK}${randomish(58, URLSAFE)}`,
  anthropic: `sk-ant-api03-${randomish(93, URLSAFE)}AA`,
  anthropicAdmin: `sk-ant-admin01-${randomish(93, URLSAFE)}AA`,
  awsId: `AKIA${randomish(16, UPPER + '234567')}`,
  awsSessionId: `ASIA${randomish(16, UPPER + '234567')}`,
  awsSecret: randomish(40, BASE64),
  githubPat: `ghp_${randomish(36)}`,
  githubOauth: `gho_${randomish(36)}`,
  githubFineGrained: `github_pat_${randomish(22)}_${randomish(59)}`,
  slackBot: `xoxb-${randomish(12, DIGITS)}-${randomish(13, DIGITS)}-${randomish(24)}`,
  slackWebhook: `https://hooks.slack.com/services/T${randomish(8, UPPER + DIGITS)}/B${randomish(8, UPPER + DIGITS)}/${randomish(24)}`,
  stripeLive: `sk_live_${randomish(24)}`,
  stripeRestricted: `rk_live_${randomish(24)}`,
  stripeTest: `sk_test_${randomish(24)}`,
  stripePublishable: `pk_live_${randomish(24)}`,
  google: `AIza${randomish(35, URLSAFE)}`,
  huggingFace: `hf_${randomish(34, UPPER + LOWER)}`,
  generic: randomish(32),
  password: `${randomish(10)}#${randomish(8)}!`,
  hexToken: randomish(40, '0123456789abcdef'),
  // 60 lines, as long as a 4096-bit RSA key: deeper than the 50 levels staticValue() follows.
  pemBody: Array.from({ length: 60 }, () => randomish(64, BASE64)).join('\n'),
};
const pem = (body: string, type = 'RSA PRIVATE KEY') => `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----`;

/** The exact 1-based range of the first occurrence of `needle` in `code`. */
function at(code: string, needle: string, from = 0): Pick<ExpectedError, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const start = code.indexOf(needle, from);
  if (start < 0) throw new Error(`test bug: ${needle.slice(0, 20)} not in code`);
  const pos = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  };
  const s = pos(start);
  const e = pos(start + needle.length);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/** An invalid case with one finding on `literal`, whose only suggestion turns the code into `output`. */
function one(code: string, literal: string, messageId: string, output: string | null, filename?: string) {
  return {
    code,
    filename,
    errors: [
      {
        messageId,
        ...at(code, literal),
        suggestions: output === null ? [] : [{ messageId: 'useEnvVar', output }],
      },
    ],
  };
}

const jwtPart = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwtIoExample = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${randomish(43, URLSAFE)}`;
const supabaseAnon = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ iss: 'supabase', ref: 'abcdefghijklmnop', role: 'anon' })}.${randomish(43, URLSAFE)}`;
const serviceRoleJwt = `${jwtPart({ alg: 'HS256', typ: 'JWT' })}.${jwtPart({ iss: 'supabase', role: 'service_role' })}.${randomish(43, URLSAFE)}`;

const privateKeyTemplate = `const signingKey = \`${pem(keys.pemBody)}\`;\njwt.sign(payload, signingKey, { algorithm: 'RS256' });`;
const concatenated = [
  `const key =\n  '-----BEGIN PRIVATE KEY-----\\n' +`,
  ...keys.pemBody.split('\n').map((line) => `  '${line}\\n' +`),
  `  '-----END PRIVATE KEY-----\\n';`,
].join('\n');
const concatenatedExpr = concatenated.slice(concatenated.indexOf("'-----BEGIN"), concatenated.lastIndexOf(';'));
const mapsUrl = `const url = \`https://maps.googleapis.com/maps/api/geocode/json?address=\${encodeURIComponent(address)}&key=${keys.google}\`;`;
const dotenv = `const env = 'GITHUB_TOKEN=${keys.githubPat}\\nSLACK_BOT_TOKEN=${keys.slackBot}\\n';`;

ruleTester(rule, {
  valid: [
    { code: `const stripe = new Stripe('${keys.stripeTest}');`, name: 'Stripe test-mode key is not a production secret' },
    { code: `const config = { stripeSecretKey: '${keys.stripeTest}' };`, name: 'test-mode key under a secret name' },
    { code: `const stripe = loadStripe('${keys.stripePublishable}', { publishableKey: '${keys.stripePublishable}' });`, name: 'publishable key is public' },
    { code: `const client = new OpenAI({ apiKey: 'your-api-key-here' });` },
    { code: `const db = { user: 'admin', password: 'changeme' };` },
    { code: `const token = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';` },
    { code: `const config = { apiKey: '<YOUR_OPENAI_API_KEY>' };` },
    { code: `const compose = { secret: '\${JWT_SECRET_FROM_VAULT}' };`, name: 'interpolation syntax in a plain string' },
    { code: `const apiKey = process.env.OPENAI_API_KEY;\nconst client = new OpenAI({ apiKey });` },
    { code: `const password = process.env.DB_PASSWORD ?? '';` },
    { code: `export const en = { password: 'Password', passwordPlaceholder: 'Enter your password', passwordHint: 'Password must contain at least 8 characters' };`, name: 'i18n strings' },
    { code: `const errors = { password: 'Password must be at least 12 characters long.' };`, name: 'phrase under a secret name' },
    { code: `const tokenizer = 'Xenova/gpt-4o-tokenizer-v2';` },
    { code: `const form = { passwordField: '${keys.generic}' };`, name: 'passwordField is not a password' },
    { code: `const authorUrl = 'https://github.com/${keys.generic.slice(0, 12)}';` },
    { code: `const secretName = 'prod/payments/${keys.generic.slice(0, 16)}';` },
    { code: `const headers = { Authorization: 'Bearer ' };` },
    { code: `const token = 'Bearer ' + getToken();` },
    { code: `const token = '${jwtIoExample}';`, name: 'the jwt.io example token' },
    { code: `const supabase = createClient(url, { supabaseKey: '${supabaseAnon}' }); const anonKey = '${supabaseAnon}';`, name: 'Supabase anon key is public' },
    { code: `const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...';`, name: 'elided JWT' },
    { code: `const sessionToken = '3f2b8c1e-9d4a-4e6b-8f1a-2c3d4e5f6a7b';`, name: 'UUID used as an id' },
    { code: `const oauth = { authUrl: 'https://auth.acme-corp.io/oauth/authorize', tokenEndpoint: 'https://auth.acme-corp.io/oauth/token' };` },
    { code: `const tls = { privateKey: './certs/server-key.pem', privateKeyPath: '/etc/ssl/private/server.key' };` },
    { code: `const theme = { tokenClass: 'px-4 py-2 rounded-md bg-slate-900 text-white', password: 'w-full rounded border px-3 py-2' };`, name: 'CSS classes' },
    { code: `it('rejects a token signed with the wrong secret', () => { expect(verify(token)).toBe(false); });` },
    { code: `const AUTH_TOKEN = 'auth_token_storage_key_v2';\nconst TOKEN_KEY = 'ACCESS_TOKEN_STORAGE_KEY';\nconst refreshToken = 'persistedRefreshTokenValue';`, name: 'storage key names' },
    { code: `if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) return parsePkcs8(pem);`, name: 'PEM header constant' },
    { code: `const example = \`-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\`;`, name: 'PEM with an elided body' },
    { code: `const a = 'x${keys.awsId}'; const b = '${keys.awsId}9'; const c = '${keys.githubPat}x';`, name: 'formats inside longer tokens' },
    { code: `const key = 'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';` },
    { code: `const firebaseConfig = { apiKey: '${keys.google}', authDomain: 'demo-app.firebaseapp.com', projectId: 'demo-app' };`, name: 'Firebase web config key is public' },
    { code: `const password = 'aaaabbbbccccdddd';`, name: 'low entropy' },
    { code: `const requestId = '${keys.generic}';`, name: 'random value under a neutral name' },
    { code: `const webhook = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';`, name: "Slack's documented placeholder" },
    { code: `const stripeKey = 'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX';` },
    { code: `const user = { auth: 'admin@acme-corp.io', token: '1700000000000000' };`, name: 'e-mail and number' },
    { code: `const avatarToken = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';` },
    { code: `const apiKeyHeader = 'X-Api-Key';\nconst apiKeyEnvName = 'OPENAI_API_KEY';` },
    { code: `const clientSecret = 'test-client-secret-${keys.generic.slice(0, 10)}';`, name: 'test placeholder' },
    { code: `const admin = { email: 'admin@acme-corp.io', hashedPassword: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy' };`, name: 'bcrypt hash' },
    { code: `const theme = { focusToken: 'var(--chakra-colors-blue-500)', shadowToken: 'rgba(15, 23, 42, 0.08)', brandToken: '#3b82f6cc' };`, name: 'design tokens' },
    { code: `const rules = { password: '^(?=.*[a-z])(?=.*[A-Z])(?=.*\\\\d).{12,}$' };`, name: 'regex source' },
    { code: `fetch(url, { credentials: 'same-origin' }); const grant = { grant_type: 'client_credentials' };` },
  ],
  invalid: [
    one(
      `const client = new OpenAI({ apiKey: '${keys.openaiProject}' });`,
      `'${keys.openaiProject}'`,
      'providerSecret',
      `const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    ),
    one(`const OPENAI_KEY = "${keys.openaiLegacy}";`, `"${keys.openaiLegacy}"`, 'providerSecret', `const OPENAI_KEY = process.env.OPENAI_API_KEY;`),
    one(`const key = \`${keys.openaiService}\`;`, `\`${keys.openaiService}\``, 'providerSecret', `const key = process.env.OPENAI_API_KEY;`),
    one(`await fetch(usageUrl, { headers: { Authorization: \`Bearer ${keys.openaiAdmin}\` } });`, `\`Bearer ${keys.openaiAdmin}\``, 'providerSecret', `await fetch(usageUrl, { headers: { Authorization: \`Bearer \${process.env.OPENAI_ADMIN_KEY}\` } });`),
    one(
      `const anthropic = new Anthropic({\n  apiKey: process.env.ANTHROPIC_API_KEY ?? '${keys.anthropic}',\n});`,
      `'${keys.anthropic}'`,
      'providerSecret',
      `const anthropic = new Anthropic({\n  apiKey: process.env.ANTHROPIC_API_KEY,\n});`,
    ),
    one(`const adminKey = '${keys.anthropicAdmin}';`, `'${keys.anthropicAdmin}'`, 'providerSecret', `const adminKey = process.env.ANTHROPIC_ADMIN_KEY;`),
    (() => {
      const code = `const s3 = new S3Client({\n  credentials: {\n    accessKeyId: '${keys.awsSessionId}',\n    secretAccessKey: '${keys.awsSecret}',\n  },\n});`;
      return {
        code,
        errors: [
          {
            messageId: 'providerSecret',
            ...at(code, `'${keys.awsSessionId}'`),
            suggestions: [{ messageId: 'useEnvVar', output: code.replace(`'${keys.awsSessionId}'`, 'process.env.AWS_ACCESS_KEY_ID') }],
          },
          {
            messageId: 'providerSecret',
            ...at(code, `'${keys.awsSecret}'`),
            suggestions: [{ messageId: 'useEnvVar', output: code.replace(`'${keys.awsSecret}'`, 'process.env.AWS_SECRET_ACCESS_KEY') }],
          },
        ],
      };
    })(),
    one(`aws_secret_access_key = '${keys.awsSecret}'`, `'${keys.awsSecret}'`, 'providerSecret', `aws_secret_access_key = process.env.AWS_SECRET_ACCESS_KEY`, 'deploy.js'),
    one(`const octokit = new Octokit({ auth: '${keys.githubPat}' });`, `'${keys.githubPat}'`, 'providerSecret', `const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });`),
    one(`const gh = { oauth: "${keys.githubOauth}" };`, `"${keys.githubOauth}"`, 'providerSecret', `const gh = { oauth: process.env.GITHUB_TOKEN };`),
    one(`git.clone(\`https://x-access-token:${keys.githubFineGrained}@github.com/acme/app.git\`);`, `\`https://x-access-token:${keys.githubFineGrained}@github.com/acme/app.git\``, 'providerSecret', `git.clone(\`https://x-access-token:\${process.env.GITHUB_TOKEN}@github.com/acme/app.git\`);`),
    one(`const slack = new WebClient('${keys.slackBot}');`, `'${keys.slackBot}'`, 'providerSecret', `const slack = new WebClient(process.env.SLACK_BOT_TOKEN);`),
    one(`await fetch('${keys.slackWebhook}', { method: 'POST', body });`, `'${keys.slackWebhook}'`, 'providerSecret', `await fetch(process.env.SLACK_WEBHOOK_URL, { method: 'POST', body });`),
    one(`const stripe = new Stripe('${keys.stripeLive}', { apiVersion: '2024-06-20' });`, `'${keys.stripeLive}'`, 'providerSecret', `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, { apiVersion: '2024-06-20' });`),
    one(`const reportingKey = '${keys.stripeRestricted}';`, `'${keys.stripeRestricted}'`, 'providerSecret', `const reportingKey = process.env.STRIPE_SECRET_KEY;`),
    one(mapsUrl, mapsUrl.slice(mapsUrl.indexOf('`'), mapsUrl.lastIndexOf('`') + 1), 'providerSecret', mapsUrl.replace(keys.google, '${process.env.GOOGLE_API_KEY}')),
    one(`const headers = { Authorization: 'Bearer ${keys.huggingFace}' };`, `'Bearer ${keys.huggingFace}'`, 'providerSecret', `const headers = { Authorization: \`Bearer \${process.env.HF_TOKEN}\` };`),
    one(privateKeyTemplate, `\`${pem(keys.pemBody)}\``, 'providerSecret', `const signingKey = process.env.PRIVATE_KEY;\njwt.sign(payload, signingKey, { algorithm: 'RS256' });`),
    one(concatenated, concatenatedExpr, 'providerSecret', `const key =\n  process.env.PRIVATE_KEY;`),
    one(`const pool = new Pool({ host: 'db.internal', user: 'app', dbPassword: '${keys.password}' });`, `'${keys.password}'`, 'hardcodedPassword', `const pool = new Pool({ host: 'db.internal', user: 'app', dbPassword: process.env.DB_PASSWORD });`),
    one(`export function connect(url: string, apiKey = '${keys.generic}') {}`, `'${keys.generic}'`, 'genericSecret', `export function connect(url: string, apiKey = process.env.API_KEY) {}`),
    one(`class PaymentsClient {\n  private readonly clientSecret = '${keys.hexToken}';\n}`, `'${keys.hexToken}'`, 'genericSecret', `class PaymentsClient {\n  private readonly clientSecret = process.env.CLIENT_SECRET;\n}`),
    one(`export const Map = () => <GoogleMap apiKey="${keys.generic}" zoom={3} />;`, `"${keys.generic}"`, 'genericSecret', `export const Map = () => <GoogleMap apiKey={process.env.API_KEY} zoom={3} />;`, 'map.tsx'),
    one(`export const Chat = () => <ChatWidget apiKey="${keys.openaiProject}" />;`, `"${keys.openaiProject}"`, 'providerSecret', `export const Chat = () => <ChatWidget apiKey={process.env.OPENAI_API_KEY} />;`, 'chat.jsx'),
    one(`const res = await fetch(url, { headers: { 'X-Auth-Token': 'Bearer ${keys.generic}' } });`, `'Bearer ${keys.generic}'`, 'genericSecret', `const res = await fetch(url, { headers: { 'X-Auth-Token': \`Bearer \${process.env.X_AUTH_TOKEN}\` } });`),
    one(`const token = '${serviceRoleJwt}';`, `'${serviceRoleJwt}'`, 'providerSecret', `const token = process.env.SUPABASE_SERVICE_ROLE_KEY;`),
    one(dotenv, dotenv.slice(12, -1), 'providerSecret', 'const env = `GITHUB_TOKEN=${process.env.GITHUB_TOKEN}\\nSLACK_BOT_TOKEN=${process.env.SLACK_BOT_TOKEN}\\n`;'),
    one(`type DefaultKey = '${keys.githubPat}';`, `'${keys.githubPat}'`, 'providerSecret', null),
    one(`const scopes = { '${keys.githubPat}': ['repo'] };`, `'${keys.githubPat}'`, 'providerSecret', null),
    one(`process.env.STRIPE_SECRET_KEY = '${keys.stripeLive}';`, `'${keys.stripeLive}'`, 'providerSecret', null),
    one(`const q = sql\`SELECT * FROM keys WHERE id = \${id} AND key = '${keys.stripeLive}'\`;`, `sql\`SELECT * FROM keys WHERE id = \${id} AND key = '${keys.stripeLive}'\``.slice(3), 'providerSecret', null),
    one(`const msg = \`token:\\t${keys.slackBot} for \${team}\`;`, `\`token:\\t${keys.slackBot} for \${team}\``, 'providerSecret', null),
  ],
});

describe('js/no-hardcoded-secrets: messages', () => {
  it('never print a whole secret', () => {
    for (const secret of Object.values(keys)) {
      const findings = lint(rule, `const apiKey = '${secret.replace(/\n/g, '\\n')}';`);
      for (const f of findings) assert.ok(!f.message.includes(secret), `message leaks ${secret.slice(0, 8)}…: ${f.message}`);
    }
  });

  it('name the provider and show a redacted form', () => {
    const [f] = lint(rule, `const k = '${keys.openaiProject}';`);
    assert.match(f.message, /^Hardcoded OpenAI API key \(sk-pro…\(164 chars\)\)\. /);
    assert.equal(f.suggestions[0].title, 'Read the key from process.env.OPENAI_API_KEY');
  });

  it('show the armour header of a private key', () => {
    const [f] = lint(rule, `const k = \`${pem(keys.pemBody, 'OPENSSH PRIVATE KEY')}\`;`);
    assert.match(f.message, /^Hardcoded PEM private key \(-----BEGIN OPENSSH PRIVATE KEY-----…\(\d+ chars\)\)/);
    assert.equal(f.suggestions[0].title, 'Read the private key from process.env.PRIVATE_KEY');
  });
});

describe('js/no-hardcoded-secrets: patterns', () => {
  it('finds every provider format', () => {
    const expected: Record<string, string> = {
      openaiProject: 'openai-project-key',
      openaiLegacy: 'openai-legacy-key',
      openaiService: 'openai-project-key',
      openaiAdmin: 'openai-admin-key',
      anthropic: 'anthropic-api-key',
      anthropicAdmin: 'anthropic-admin-key',
      awsId: 'aws-access-key-id',
      awsSessionId: 'aws-access-key-id',
      githubPat: 'github-pat',
      githubOauth: 'github-oauth-token',
      githubFineGrained: 'github-fine-grained-token',
      slackBot: 'slack-bot-token',
      slackWebhook: 'slack-webhook-url',
      stripeLive: 'stripe-secret-key',
      stripeRestricted: 'stripe-restricted-key',
      google: 'google-api-key',
      huggingFace: 'huggingface-token',
    };
    for (const [name, id] of Object.entries(expected)) {
      const key = keys[name as keyof typeof keys];
      const found = findProviderSecrets(`value: ${key};`);
      assert.deepEqual(
        found.map((m) => [m.pattern.id, m.start, m.end]),
        [[id, 7, 7 + key.length]],
        name,
      );
    }
    assert.deepEqual(findProviderSecrets(keys.stripeTest).map((m) => m.pattern.id), ['stripe-test-secret-key'], 'found, and left to the rules to rank lower');
    assert.deepEqual(findProviderSecrets(keys.stripePublishable), []);
    assert.deepEqual(findProviderSecrets(`xoxp-${randomish(11, DIGITS)}-${randomish(11, DIGITS)}-${randomish(12, DIGITS)}-${randomish(32, '0123456789abcdef')}`).map((m) => m.pattern.id), ['slack-user-token']);
    assert.deepEqual(findProviderSecrets(`ghs_${randomish(36)} ghu_${randomish(36)} ghr_${randomish(36)}`).length, 3);
  });

  it('does not match formats inside longer words or with the wrong length', () => {
    for (const text of [
      `hf_${randomish(33, LOWER)}`,
      `hf_${randomish(35, LOWER)}`,
      `ghp_${randomish(35)}`,
      `xAIza${randomish(35)}`,
      `sk-ant-api03-${randomish(92, URLSAFE)}AA`,
      `AKIA${randomish(15, UPPER)}`,
      `sk_live_short`,
      `prefix_sk_live_${randomish(24)}`,
    ]) {
      assert.deepEqual(findProviderSecrets(text), [], text);
    }
  });

  it('skips token placeholders', () => {
    assert.equal(isPlaceholderToken('ghp_000000000000000000000000000000000000'), true);
    assert.equal(isPlaceholderToken('sk_live_1234567890abcdefghijklmn'), true);
    assert.equal(isPlaceholderToken(keys.githubPat), false);
  });

  it('stays linear on 200 KB adversarial strings', function () {
    this.timeout(10000);
    const big = 200 * 1024;
    const inputs = [
      'sk-proj-'.repeat(big / 8),
      `sk-proj-${'a'.repeat(big)}`,
      `AKIA${'A'.repeat(big)}`,
      '-----BEGIN PRIVATE KEY-----'.repeat(big / 27),
      `-----BEGIN PRIVATE KEY-----\n${'QUJD'.repeat(big / 4)}`,
      `xoxb-${'1234567890-'.repeat(big / 11)}`,
      `https://hooks.slack.com/services/T${'A'.repeat(big)}`,
      'a@'.repeat(big / 2),
      `${'a/'.repeat(big / 2)}x`,
      randomish(big, BASE64),
    ];
    for (const input of inputs) {
      const started = process.hrtime.bigint();
      lint(rule, `const apiKey = ${JSON.stringify(input)};\nconst other = \`${input}\`;`);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 1500, `${input.slice(0, 20)}… took ${ms.toFixed(0)} ms`);
    }
  });
});

describe('js/no-hardcoded-secrets: bounded time on generated code', () => {
  const cases: Array<[string, () => string]> = [
    ['a 2,000-long || chain of literals (the parser stops deeper)', () => `const apiKey = ${Array.from({ length: 2000 }, (_, i) => `'fallback-value-number-${i}'`).join(' || ')};`],
    ['a 2,000-long + chain of PEM headers', () => `const key = ${Array.from({ length: 2000 }, () => `'-----BEGIN PRIVATE KEY-----\\n'`).join(' + ')};`],
    ['10,000 keys in one string', () => `const ids = '${Array.from({ length: 10000 }, () => keys.awsId).join(' ')}';`],
    ['an object with 5,000 Google keys', () => `const c = { authDomain: 'x', ${Array.from({ length: 5000 }, (_, i) => `k${i}: '${keys.google}'`).join(', ')} };`],
  ];
  for (const [name, build] of cases) {
    it(name, function () {
      this.timeout(20000);
      const code = build();
      const started = process.hrtime.bigint();
      lint(rule, code);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
    });
  }
});

describe('js/no-hardcoded-secrets: names and values', () => {
  it('recognises secret names by their head word', () => {
    const secret = ['apiKey', 'API_KEY', 'x-api-key', 'apikey', 'clientSecret', 'client_secret', 'accessToken', 'authToken', 'Authorization', 'privateKey', 'PRIVATE_KEY', 'secretAccessKey', 'aws_secret_access_key', 'jwtSecret', 'credentials', 'auth', 'accesstoken', 'SECRET_KEY', 'token2'];
    const password = ['password', 'dbPassword', 'DB_PASSWORD', 'passwd', 'pwd', 'adminPass', 'smtp_password', 'dbpassword'];
    const neither = ['tokenizer', 'passwordField', 'authorUrl', 'secretName', 'tokenType', 'tokenEndpoint', 'passwordHint', 'authMode', 'keyboard', 'publicKey', 'accessKeyId', 'bypass', 'compass', 'monkey', 'apiVersion', 'secretsManagerArn', 'authority'];
    for (const n of secret) assert.equal(classifySecretName(n), 'secret', n);
    for (const n of password) assert.equal(classifySecretName(n), 'password', n);
    for (const n of neither) assert.equal(classifySecretName(n), null, n);
  });

  it('derives SCREAMING_SNAKE_CASE variable names', () => {
    assert.equal(envVarName('apiKey'), 'API_KEY');
    assert.equal(envVarName('dbPassword'), 'DB_PASSWORD');
    assert.equal(envVarName('x-api-key'), 'X_API_KEY');
    assert.equal(envVarName('OPENAI_API_KEY'), 'OPENAI_API_KEY');
    assert.equal(envVarName('APIKey'), 'API_KEY');
    assert.equal(envVarName('Authorization'), 'AUTH_TOKEN');
    assert.equal(envVarName('2faSecret'), '_2FA_SECRET');
  });

  it('measures entropy and keeps the 3.5-bit threshold meaningful', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    assert.ok(shannonEntropy(keys.generic) > 4);
    assert.equal(genericSecretCandidate('aaaabbbbccccdddd'), null);
    assert.deepEqual(genericSecretCandidate(keys.generic), { start: 0, end: 32 });
    assert.deepEqual(genericSecretCandidate(`Basic ${keys.generic}`), { start: 6, end: 38 });
    assert.equal(genericSecretCandidate(keys.generic.slice(0, 15)), null, 'shorter than 16');
  });

  it('redacts', () => {
    assert.equal(redact('sk-proj-abcdefghijklmnop', 6), 'sk-pro…(24 chars)');
    assert.equal(redact('abcdef', 6), 'ab…(6 chars)');
  });
});

describe('js/no-hardcoded-secrets: doc examples', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/rules/js/no-hardcoded-secrets.md'), 'utf8');
  const sections = doc.split(/^## /m);
  for (const [heading, expectFindings] of [['Incorrect', true], ['Correct', false]] as const) {
    const section = sections.find((s) => s.startsWith(`${heading}\n`));
    it(`has a ${heading} section with examples`, () => assert.ok(section && /```(js|ts|jsx|tsx)\n/.test(section)));
    for (const [, lang, code] of (section ?? '').matchAll(/```(js|ts|jsx|tsx)\n([\s\S]*?)```/g)) {
      it(`${heading} ${lang}: ${code.split('\n')[0]}`, () => {
        const findings = lint(rule, code, `example.${lang}`);
        if (expectFindings) assert.ok(findings.length > 0, 'expected a finding');
        else assert.deepEqual(findings.map((f) => f.message), []);
      });
    }
  }
});

describe('js/no-hardcoded-secrets: annotated fixture', () => {
  const file = join(__dirname, '../../fixtures/js/no-hardcoded-secrets.ts');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const findingLines = new Set(lint(rule, text, 'no-hardcoded-secrets.ts').map((f) => f.start.line));
  const marks = lines.flatMap((line, i) => {
    const m = /\/\/ (ruleid|ok): js\/no-hardcoded-secrets\s*$/.exec(line);
    return m ? [{ kind: m[1], target: i + 2 }] : [];
  });
  it('has both kinds of annotation', () => {
    assert.ok(marks.filter((m) => m.kind === 'ruleid').length >= 8);
    assert.ok(marks.filter((m) => m.kind === 'ok').length >= 8);
  });
  it('reports exactly the annotated lines', () => {
    const wrong = marks.filter((m) => findingLines.has(m.target) !== (m.kind === 'ruleid'));
    assert.deepEqual(wrong.map((m) => `${m.kind} line ${m.target}: ${lines[m.target - 1].trim()}`), []);
    const unannotated = [...findingLines].filter((l) => !marks.some((m) => m.target === l));
    assert.deepEqual(unannotated, [], 'findings on lines without a ruleid annotation');
  });
});
