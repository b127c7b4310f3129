/**
 * The provider table (`src/rules/secrets/providers`). Every row has test data here (a test fails when one has
 * none): a generator of random valid values, found exactly (pattern id and offsets of the secret) wherever
 * files hold them, and near-misses that are not found. No row may match the negative corpus: real non-secret
 * text read from this machine (lockfile integrity hashes, git object ids, node_modules sources, stylesheets,
 * SVG, minified code, Python's standard library).
 *
 * Values are generated at run time from a seeded PRNG, so this file holds no literal a secret scanner (or
 * GitHub push protection) would flag, and every run sees the same values.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { isPlaceholderToken } from '../../../src/rules/secrets/patterns';
import type { ProviderPattern } from '../../../src/rules/secrets/provider';
import { PROVIDER_FAMILIES, PROVIDER_PATTERNS } from '../../../src/rules/secrets/providers';
import { keywordFilter } from '../../../src/rules/secrets/providers/keywords';
import { scanProviderSecrets } from '../../../src/rules/secrets/scan';

// ---------------------------------------------------------------------------------------------------------
// Deterministic random values

type Rng = () => number;

/** mulberry32 seeded with the FNV-1a hash of `seed`. */
function rng(seed: string): Rng {
  let a = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const AN = UPPER + LOWER + DIGITS;
const LAN = LOWER + DIGITS;
const UAN = UPPER + DIGITS;
const URLSAFE = AN + '_-';
const B64 = AN + '+/';
const LETTERS = UPPER + LOWER;

function s(r: Rng, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(r() * alphabet.length)];
  return out;
}
const hex = (r: Rng, n: number): string => s(r, HEX, n);
const uuid = (r: Rng): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const digits = (r: Rng, n: number): string => String(1 + Math.floor(r() * 9)) + s(r, DIGITS, n - 1);
const bytes = (r: Rng, n: number): Buffer => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
const base64 = (r: Rng, n: number): string => bytes(r, n).toString('base64');
const b64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A camelCase identifier of exactly `n` characters: what a format's random part must not be confused with. */
function identifier(n: number): string {
  const words = ['update', 'Firmware', 'Version', 'For', 'Every', 'Device', 'Configuration', 'Manager', 'Service', 'Handler'];
  let out = '';
  for (let i = 0; out.length < n; i++) out += words[i % words.length];
  return out.slice(0, n);
}

/** A password as people write them in connection strings (no characters that need URL or string escaping). */
function password(r: Rng): string {
  return s(r, LETTERS, 1) + s(r, AN + '!_.~-', 15) + s(r, DIGITS, 1);
}

/** A JWT signed with a random HMAC (only the shape matters). */
function jwt(r: Rng, payload: Record<string, unknown>): string {
  return `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}.${s(r, URLSAFE, 43)}`;
}

const BEGIN = '-----BEGIN ';
const PRIVATE_KEY = 'PRIVATE KEY-----';

/** A PEM body of `lines` lines of 64 base64 characters. */
function pemBody(r: Rng, lines: number): string[] {
  return Array.from({ length: lines }, () => s(r, B64, 64));
}

// ---------------------------------------------------------------------------------------------------------
// Test data per row

/** A value in which the secret is only a part (a URL's password): the text before, the secret, the text after. */
type Parts = readonly [string, string, string];

interface Case {
  /** One valid value of the format. */
  gen: (r: Rng) => string | Parts;
  /** 'token': a bare token, also tried in a header and a query string. 'url': a URL or connection string. 'document': a whole file. */
  shape: 'token' | 'url' | 'document';
  /** Name the value is assigned to. Context rows need their keyword in it (and in its camelCase and snake_case forms). */
  name?: string;
  /** Use the name exactly as written in every embedding (for names no language would rename). */
  exactName?: boolean;
  /** More places the value appears in real files, `%s` standing for the value. */
  extra?: string[];
  /** Skip the generic "glued to a longer token" near-miss (a shorter prefix of the value is itself valid). */
  noGlue?: boolean;
  /** Values that must not be found, each written as the valid one is. */
  misses: (r: Rng, valid: Sample) => string[];
}

interface Sample {
  value: string;
  secret: string;
  /** Offset of the secret in the value. */
  offset: number;
}

type Gen = Case['gen'];
type Misses = Case['misses'];

const tok = (gen: Gen, misses: Misses, more: Partial<Case> = {}): Case => ({ gen, misses, shape: 'token', ...more });
const url = (gen: Gen, misses: Misses, more: Partial<Case> = {}): Case => ({ gen, misses, shape: 'url', ...more });

/** A prefix plus `n` random characters: valid; one short; the same with a wrong prefix; an identifier after the prefix. */
function prefixed(prefix: string, alphabet: string, n: number, options: { identifier?: boolean; variable?: boolean } = {}): Case {
  return tok(
    (r) => prefix + s(r, alphabet, n),
    (r, v) => [
      ...(options.variable ? [] : [v.value.slice(0, -1)]),
      `${prefix.slice(0, -1)}${prefix.endsWith('_') ? '-' : '_'}${v.value.slice(prefix.length)}`,
      ...(options.identifier ? [prefix + identifier(n)] : []),
    ],
  );
}

/** A context row: `NAME=value`, where the value alone (under a neutral name) is not enough. */
const named = (name: string, gen: Gen, misses: Misses, more: Partial<Case> = {}): Case => ({ gen, misses, name, shape: 'token', ...more });

const oneShort = (_r: Rng, v: Sample): string[] => [v.value.slice(0, -1)];

const CASES: Record<string, Case> = {
  // AI
  'openai-admin-key': tok(
    (r) => `sk-admin-${s(r, URLSAFE, 74)}T3BlbkFJ${s(r, URLSAFE, 74)}`,
    (r) => [`sk-admin-${s(r, AN, 30)}`, `sk-admn-${s(r, URLSAFE, 74)}T3BlbkFJ${s(r, URLSAFE, 74)}`, `sk-admin-${identifier(60)}`],
  ),
  'openai-project-key': tok(
    (r) => `sk-proj-${s(r, URLSAFE, 74)}T3BlbkFJ${s(r, URLSAFE, 74)}`,
    (r) => [`sk-proj-${s(r, AN, 39)}`, `sk-prj-${s(r, URLSAFE, 74)}T3BlbkFJ${s(r, URLSAFE, 74)}`, `sk-proj-${identifier(50)}`],
    { extra: ['client = OpenAI(api_key="%s")', 'new OpenAI({ apiKey: "%s" })'] },
  ),
  'openai-legacy-key': tok(
    (r) => `sk-${s(r, AN, 20)}T3BlbkFJ${s(r, AN, 20)}`,
    (r) => [`sk-${s(r, AN, 19)}T3BlbkFJ${s(r, AN, 20)}`, `sk-${s(r, AN, 20)}T3BlbkFX${s(r, AN, 20)}`],
  ),
  'anthropic-admin-key': tok(
    (r) => `sk-ant-admin01-${s(r, URLSAFE, 93)}AA`,
    (r) => [`sk-ant-admin01-${s(r, URLSAFE, 92)}AA`, `sk-ant-admin01-${s(r, URLSAFE, 93)}AB`],
  ),
  'anthropic-api-key': tok(
    (r) => `sk-ant-api03-${s(r, URLSAFE, 93)}AA`,
    (r) => [`sk-ant-api03-${s(r, URLSAFE, 92)}AA`, `sk-ant-api02-${s(r, URLSAFE, 93)}AA`],
    { extra: ['client = anthropic.Anthropic(api_key="%s")', 'x-api-key: %s'] },
  ),
  'anthropic-oauth-token': tok(
    (r) => `sk-ant-oat01-${s(r, URLSAFE, 95)}`,
    (r) => [`sk-ant-oat01-${s(r, URLSAFE, 60)}`, `sk-ant-oat01-${identifier(95)}`],
  ),
  'gemini-api-key': named('GEMINI_API_KEY', (r) => `AIza${s(r, URLSAFE, 35)}`, (r) => [`AIza${s(r, URLSAFE, 34)}`, `AIzb${s(r, URLSAFE, 35)}`], {
    extra: ['GOOGLE_GENERATIVE_AI_API_KEY=%s', 'genai.configure(api_key="%s")'],
  }),
  'google-api-key': prefixed('AIza', URLSAFE, 35),
  'azure-openai-key': named('AZURE_OPENAI_API_KEY', (r) => hex(r, 32), (r) => [hex(r, 31), hex(r, 33)], {
    extra: ['client = AzureOpenAI(api_key="%s", azure_endpoint=endpoint)'],
  }),
  'aws-bedrock-api-key': tok(
    (r) => `ABSK${Buffer.from(`BedrockAPIKey-${s(r, LAN, 4)}-at-${digits(r, 12)}:${base64(r, 44)}`).toString('base64')}`,
    (r) => [`ABSKQmVkcm9ja0FQSUtleS${s(r, AN, 30)}`, `ABSXQmVkcm9ja0FQSUtleS${s(r, AN, 100)}`],
  ),
  'aws-bedrock-short-term-api-key': tok(
    (r) =>
      `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${s(r, UAN, 16)}&X-Amz-Signature=${hex(r, 64)}&Version=1`).toString('base64')}`,
    (r) => [`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t${s(r, AN, 40)}`],
  ),
  'huggingface-token': tok(
    (r) => `hf_${s(r, LETTERS, 34)}`,
    (r) => [`hf_${s(r, LETTERS, 33)}`, `hf_${s(r, LETTERS, 35)}`, `hf_${s(r, LETTERS, 33)}7`],
  ),
  'huggingface-org-token': tok((r) => `api_org_${s(r, LETTERS, 34)}`, (r) => [`api_org_${s(r, LETTERS, 33)}`, `api_orgs_${s(r, LETTERS, 34)}`]),
  'groq-api-key': prefixed('gsk_', AN, 52),
  'replicate-api-token': prefixed('r8_', AN, 37, { identifier: true }),
  'together-api-key': prefixed('tgp_v1_', URLSAFE, 43),
  'together-legacy-api-key': named('TOGETHER_API_KEY', (r) => hex(r, 64), (r) => [hex(r, 63), hex(r, 65)]),
  'fireworks-api-key': prefixed('fw_', AN, 24, { identifier: true }),
  'perplexity-api-key': prefixed('pplx-', AN, 48),
  'xai-api-key': prefixed('xai-', AN + '_', 80),
  'openrouter-api-key': tok((r) => `sk-or-v1-${hex(r, 64)}`, (r) => [`sk-or-v1-${hex(r, 63)}`, `sk-or-v2-${hex(r, 64)}`]),
  'deepseek-api-key': named('DEEPSEEK_API_KEY', (r) => `sk-${hex(r, 32)}`, (r) => [`sk-${hex(r, 31)}`, `sk-${s(r, 'ghijklmnopqrstuvwxyz', 32)}`]),
  'cohere-api-key': named('COHERE_API_KEY', (r) => s(r, AN, 40), (r) => [s(r, AN, 39), identifier(40)], {
    extra: ['co = cohere.ClientV2(api_key="%s")', 'CO_API_KEY=%s'],
  }),
  'mistral-api-key': named('MISTRAL_API_KEY', (r) => s(r, AN, 32), (r) => [s(r, AN, 31), s(r, AN, 33), identifier(32)], {
    extra: ['client = Mistral(api_key="%s")', "const client = new Mistral({ apiKey: '%s' });", 'client = Mistral(\n    api_key="%s",\n)'],
  }),
  'pinecone-api-key': tok((r) => `pcsk_${s(r, AN, 6)}_${s(r, AN, 63)}`, (r) => [`pcsk_${s(r, AN, 6)}_${s(r, AN, 30)}`, `pcsk-${s(r, AN, 6)}_${s(r, AN, 63)}`]),
  'pinecone-legacy-api-key': named('PINECONE_API_KEY', uuid, (r) => ['123e4567-e89b-12d3-a456-426614174000', uuid(r).slice(0, -1)]),
  'langsmith-api-key': tok((r) => `lsv2_pt_${hex(r, 32)}_${hex(r, 10)}`, (r) => [`lsv2_pt_${hex(r, 32)}_${hex(r, 9)}`, `lsv2_xx_${hex(r, 32)}_${hex(r, 10)}`]),
  'langfuse-secret-key': tok((r) => `sk-lf-${uuid(r)}`, (r) => [`pk-lf-${uuid(r)}`, `sk-lf-${uuid(r).slice(0, -1)}`]),
  'wandb-api-key': named('WANDB_API_KEY', (r) => hex(r, 40), (r) => [hex(r, 39)], { extra: ['wandb.login(key="%s")'] }),
  'elevenlabs-api-key': tok((r) => `sk_${hex(r, 48)}`, (r) => [`sk_${hex(r, 47)}`, `sk_${s(r, AN, 48)}`]),
  'assemblyai-api-key': named('ASSEMBLYAI_API_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'deepgram-api-key': named('DEEPGRAM_API_KEY', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'nvidia-api-key': prefixed('nvapi-', URLSAFE, 64),
  'cerebras-api-key': prefixed('csk-', LAN, 48),
  'stability-api-key': named('STABILITY_API_KEY', (r) => `sk-${s(r, AN, 48)}`, (r) => [`sk-${s(r, AN, 47)}`]),
  'tavily-api-key': tok((r) => `tvly-dev-${s(r, AN, 32)}`, (r) => [`tvly-dev-${s(r, AN, 31)}`, `tvly-${identifier(32)}`]),
  'firecrawl-api-key': tok((r) => `fc-${hex(r, 32)}`, (r) => [`fc-${hex(r, 31)}`, `fc-${s(r, LAN, 32)}x`]),
  'jina-api-key': tok((r) => `jina_${s(r, AN, 60)}`, (r) => [`jina_${s(r, AN, 40)}`, `jina_${identifier(60)}`]),
  'runway-api-key': tok((r) => `key_${hex(r, 128)}`, (r) => [`key_${hex(r, 127)}`]),
  'serpapi-api-key': named('SERPAPI_API_KEY', (r) => hex(r, 64), (r) => [hex(r, 63)]),
  'serper-api-key': named('SERPER_API_KEY', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'kaggle-api-key': named('KAGGLE_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),

  // Cloud
  'aws-access-key-id': tok(
    (r) => `AKIA${s(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    (r) => ['AKIAIOSFODNN7EXAMPLE', `AKIA${s(r, UPPER, 15)}`, `AKIA${s(r, UPPER, 15)}0`, `AKIB${s(r, UPPER, 16)}`],
    { extra: ['[default]\naws_access_key_id = %s\n'] },
  ),
  'aws-secret-access-key': named('AWS_SECRET_ACCESS_KEY', (r) => s(r, B64, 40), (r) => ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', s(r, B64, 39), s(r, B64, 41)], {
    extra: [
      '[default]\naws_secret_access_key = %s\n',
      '{"Credentials": {"SecretAccessKey": "%s"}}',
      'boto3.client("s3", aws_secret_access_key="%s")',
      // Separators the regex allows in any mix: each needs a keyword of its own (`access_key`, `accesskey`…).
      'storage:\n  secret_accesskey: %s\n',
      'SECRET.ACCESS_KEY=%s\n',
      'secretaccess-key = "%s"\n',
    ],
  }),
  'aws-session-token': tok((r) => `IQoJb3JpZ2luX2Vj${s(r, B64, 600)}==`, (r) => [`IQoJb3JpZ2luX2Vj${s(r, B64, 50)}`, `FwoGZXIvYXdzE${s(r, B64, 50)}`]),
  'aws-mws-key': tok((r) => `amzn.mws.${uuid(r)}`, (r) => [`amzn.mws.${uuid(r).slice(0, -1)}`, `amzn.mwx.${uuid(r)}`]),
  'azure-storage-account-key': url(
    (r) => [`DefaultEndpointsProtocol=https;AccountName=${s(r, LAN, 12)};AccountKey=`, base64(r, 64), ';EndpointSuffix=core.windows.net'],
    (r) => [`DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${base64(r, 63)};EndpointSuffix=core.windows.net`, 'AccountKey=${AZURE_STORAGE_KEY}'],
  ),
  'azure-storage-key': named('AZURE_STORAGE_KEY', (r) => base64(r, 64), (r) => [base64(r, 64).slice(0, -2), base64(r, 65)]),
  'azure-sas-token': url(
    (r) => [
      `https://${s(r, LAN, 10)}.blob.core.windows.net/reports/q3.csv?sp=r&st=2024-01-01T00:00:00Z&se=2030-01-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=`,
      encodeURIComponent(base64(r, 32)),
      '',
    ],
    (r) => [`https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=${s(r, AN, 30)}`, `https://acct.blob.core.windows.net/c/f?sv=2022-11-02&sig=${s(r, URLSAFE, 43)}`],
  ),
  'azure-shared-access-key': url(
    (r) => [`Endpoint=sb://${s(r, LAN, 10)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=`, base64(r, 32), ''],
    (r) => [`Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${base64(r, 32).slice(0, -1)}`],
  ),
  'azure-ad-client-secret': tok(
    (r) => `${s(r, AN + '_~.', 3)}${s(r, DIGITS, 1)}Q~${s(r, AN + '_~.-', 34)}`,
    (r) => [`${s(r, AN, 3)}xQ~${s(r, AN, 34)}`, `${s(r, AN, 3)}8Q~${s(r, AN, 30)}`],
  ),
  'azure-devops-pat': named('AZURE_DEVOPS_PAT', (r) => s(r, 'abcdefghijklmnopqrstuvwxyz234567', 52), (r) => [s(r, 'abcdefghijklmnopqrstuvwxyz234567', 51)]),
  'gcp-service-account-key': {
    shape: 'document',
    gen: (r) => {
      const head = `{\n  "type": "service_account",\n  "project_id": "analytics-${digits(r, 6)}",\n  "private_key_id": "${hex(r, 40)}",\n  "private_key": "`;
      const key = `${BEGIN}${PRIVATE_KEY}\\n${pemBody(r, 25).join('\\n')}\\n-----END ${PRIVATE_KEY}\\n`;
      const tail = `",\n  "client_email": "loader@analytics.iam.gserviceaccount.com",\n  "client_id": "${digits(r, 21)}"\n}\n`;
      return [head, key, tail];
    },
    misses: (r, v) => [
      v.value.replace(/"private_key_id": "[0-9a-f]+",\n/, ''),
      `{"private_key_id": "${hex(r, 40)}", "private_key": "${BEGIN}${PRIVATE_KEY}\\n...\\n-----END ${PRIVATE_KEY}\\n"}`,
    ],
  },
  'gcp-oauth-client-secret': prefixed('GOCSPX-', URLSAFE, 28),
  'gcp-oauth-access-token': tok((r) => `ya29.${s(r, URLSAFE, 150)}`, (r) => [`ya29.${s(r, URLSAFE, 20)}`, `ya29.${identifier(60)}`]),
  'gcp-oauth-refresh-token': tok((r) => `1//0${s(r, URLSAFE, 100)}`, (r) => [`1//0${s(r, URLSAFE, 30)}`, `1//1${s(r, URLSAFE, 100)}`]),
  'firebase-cloud-messaging-server-key': tok(
    (r) => `AAAA${s(r, URLSAFE, 7)}:APA91b${s(r, URLSAFE, 134)}`,
    (r) => [`${s(r, URLSAFE, 22)}:APA91b${s(r, URLSAFE, 134)}`, `AAAA${s(r, URLSAFE, 7)}:APA91b${s(r, URLSAFE, 50)}`],
  ),
  'digitalocean-pat': tok((r) => `dop_v1_${hex(r, 64)}`, oneShort),
  'digitalocean-oauth-token': tok((r) => `doo_v1_${hex(r, 64)}`, oneShort),
  'digitalocean-refresh-token': tok((r) => `dor_v1_${hex(r, 64)}`, oneShort),
  'cloudflare-origin-ca-key': tok((r) => `v1.0-${hex(r, 24)}-${hex(r, 146)}`, (r) => [`v1.0-${hex(r, 24)}-${hex(r, 145)}`, `v1.1-${hex(r, 24)}-${hex(r, 146)}`]),
  'cloudflare-api-token': named('CLOUDFLARE_API_TOKEN', (r) => s(r, URLSAFE, 40), (r) => [s(r, URLSAFE, 39), s(r, URLSAFE, 41)], { extra: ['CF_API_TOKEN=%s'] }),
  'cloudflare-global-api-key': named('CLOUDFLARE_API_KEY', (r) => hex(r, 37), (r) => [hex(r, 36), hex(r, 38)]),
  'heroku-api-key': prefixed('HRKU-AA', URLSAFE, 58),
  'heroku-legacy-api-key': named('HEROKU_API_KEY', uuid, (r) => [uuid(r).slice(1), '00000000-0000-0000-0000-000000000000']),
  'alibaba-access-key-id': tok((r) => `LTAI${s(r, AN, 20)}`, (r) => [`LTAI${s(r, AN, 11)}`, `LTAI${s(r, AN, 21)}`, `LTAI${identifier(20)}`]),
  'alibaba-secret-key': named('ALIBABA_CLOUD_ACCESS_KEY_SECRET', (r) => s(r, AN, 30), (r) => [s(r, AN, 29), identifier(30)]),
  'tencent-cloud-secret-id': tok((r) => `AKID${s(r, AN, 32)}`, (r) => [`AKID${s(r, AN, 31)}`, `AKID${identifier(32)}`]),
  'ibm-cloud-api-key': named('IBM_CLOUD_API_KEY', (r) => s(r, URLSAFE, 44), (r) => [s(r, URLSAFE, 43)]),
  'oracle-cloud-secret-key': named('OCI_SECRET_KEY', (r) => base64(r, 32), (r) => [base64(r, 31), base64(r, 33)]),
  'linode-token': named('LINODE_TOKEN', (r) => hex(r, 64), (r) => [hex(r, 63)]),
  'vultr-api-key': named('VULTR_API_KEY', (r) => s(r, UAN, 36), (r) => [s(r, UAN, 35), 'CONFIGURATIONMANAGERSERVICEFORDEVICE']),
  'scaleway-secret-key': named('SCW_SECRET_KEY', uuid, (r) => [uuid(r).replace(/-/g, '')]),
  'hetzner-api-token': named('HCLOUD_TOKEN', (r) => s(r, AN, 64), (r) => [s(r, AN, 63)]),
  'flyio-token': tok((r) => `fo1_${s(r, URLSAFE, 43)}`, (r) => [`fo1_${s(r, URLSAFE, 42)}`, `fo2_${s(r, URLSAFE, 43)}`], {
    extra: ['FLY_API_TOKEN="FlyV1 %s"'],
  }),
  'vercel-token': named('VERCEL_TOKEN', (r) => s(r, AN, 24), (r) => [s(r, AN, 23), identifier(24)]),
  'netlify-token': named('NETLIFY_AUTH_TOKEN', (r) => s(r, AN, 43), (r) => [s(r, AN, 39), s(r, AN, 47)]),
  'render-api-key': prefixed('rnd_', AN, 32, { identifier: true }),
  'railway-token': named('RAILWAY_TOKEN', uuid, (r) => [uuid(r).slice(0, -1)]),
  'supabase-service-role-key': tok(
    (r) => jwt(r, { iss: 'supabase', ref: s(r, LOWER, 20), role: 'service_role', iat: 1700000000, exp: 2000000000 }),
    (r) => [jwt(r, { iss: 'supabase', ref: s(r, LOWER, 20), role: 'anon', iat: 1700000000, exp: 2000000000 })],
  ),
  'supabase-secret-key': tok((r) => `sb_secret_${s(r, URLSAFE, 31)}`, (r) => [`sb_publishable_${s(r, URLSAFE, 31)}`, `sb_secret_${s(r, URLSAFE, 20)}`]),
  'supabase-access-token': tok((r) => `sbp_${hex(r, 40)}`, oneShort),
  'databricks-token': tok((r) => `dapi${hex(r, 32)}`, (r) => [`dapi${hex(r, 31)}`, `dapi${hex(r, 33)}`]),
  'yandex-api-key': tok((r) => `AQVN${s(r, URLSAFE, 36)}`, (r) => [`AQVN${s(r, URLSAFE, 34)}`, `AQVM${s(r, URLSAFE, 36)}`]),
  'yandex-iam-token': named('YANDEX_IAM_TOKEN', (r) => `t1.${s(r, URLSAFE, 60)}.${s(r, URLSAFE, 86)}`, (r) => [`t1.${s(r, URLSAFE, 60)}.${s(r, URLSAFE, 85)}`]),
  'yandex-static-access-key': named('YANDEX_SECRET_KEY', (r) => `YC${s(r, URLSAFE, 38)}`, (r) => [`YC${s(r, URLSAFE, 37)}`]),
  'openshift-user-token': tok((r) => `sha256~${s(r, URLSAFE, 43)}`, (r) => [`sha256~${s(r, URLSAFE, 42)}`, `sha256:${s(r, URLSAFE, 43)}`]),

  // Code and CI
  'github-pat': tok((r) => `ghp_${s(r, AN, 36)}`, (r) => [`ghp_${s(r, AN, 35)}`, `ghp_${s(r, AN, 37)}`, `ghx_${s(r, AN, 36)}`], {
    extra: ['git clone https://x-access-token:%s@github.com/acme/app.git', '//npm.pkg.github.com/:_authToken=%s'],
  }),
  'github-fine-grained-token': tok((r) => `github_pat_${s(r, AN, 22)}_${s(r, AN, 59)}`, (r) => [`github_pat_${s(r, AN, 22)}_${s(r, AN, 58)}`]),
  'github-oauth-token': prefixed('gho_', AN, 36),
  'github-user-to-server-token': prefixed('ghu_', AN, 36),
  'github-installation-token': prefixed('ghs_', AN, 36),
  'github-refresh-token': tok((r) => `ghr_${s(r, AN, 76)}`, (r) => [`ghr_${s(r, AN, 35)}`, `ghr-${s(r, AN, 76)}`]),
  'gitlab-pat': prefixed('glpat-', URLSAFE, 20),
  'gitlab-pat-routable': tok((r) => `glpat-${s(r, URLSAFE, 40)}.01.${s(r, LAN, 7)}`, (r) => [`glpat-${s(r, URLSAFE, 40)}`, `glpat-${s(r, URLSAFE, 40)}.01.${s(r, LAN, 6)}`]),
  'gitlab-pipeline-trigger-token': tok((r) => `glptt-${hex(r, 40)}`, oneShort),
  'gitlab-deploy-token': prefixed('gldt-', URLSAFE, 20),
  'gitlab-runner-token': tok((r) => `glrt-t1_${s(r, URLSAFE, 30)}.01.${s(r, LAN, 7)}`, (r) => [`glrt-${s(r, URLSAFE, 19)}`, `glrt-t1_${s(r, URLSAFE, 30)}`]),
  'gitlab-runner-registration-token': tok((r) => `GR1348941${s(r, URLSAFE, 20)}`, oneShort),
  'gitlab-ci-job-token': tok((r) => `glcbt-${s(r, AN, 2)}_${s(r, URLSAFE, 20)}`, oneShort),
  'gitlab-oauth-app-secret': tok((r) => `gloas-${s(r, URLSAFE, 64)}`, oneShort),
  'gitlab-other-token': tok((r) => `glsoat-${s(r, URLSAFE, 20)}`, (r) => [`glsoat-${s(r, URLSAFE, 19)}`, `glagent-${s(r, URLSAFE, 49)}`]),
  'gitlab-session-cookie': url((r) => ['_gitlab_session=', hex(r, 32), ''], (r) => [`_gitlab_session=${hex(r, 31)}`], { extra: ['Cookie: %s; path=/'] }),
  'atlassian-api-token': tok((r) => `ATATT3${s(r, URLSAFE + '=', 186)}`, oneShort),
  'bitbucket-access-token': tok((r) => `ATCTT3${s(r, URLSAFE, 186)}`, (r) => [`ATCTT3${s(r, URLSAFE, 100)}`]),
  'bitbucket-app-password': tok((r) => `ATBB${s(r, AN, 32)}`, (r) => [`ATBB${s(r, AN, 20)}`, `ATBB${identifier(32)}`]),
  'bitbucket-client-secret': named('BITBUCKET_CLIENT_SECRET', (r) => s(r, URLSAFE, 64), (r) => [s(r, URLSAFE, 63)]),
  'atlassian-legacy-api-token': named('JIRA_API_TOKEN', (r) => s(r, AN, 24), (r) => [s(r, AN, 23), identifier(24)]),
  'npm-access-token': prefixed('npm_', AN, 36, { identifier: true }),
  'npm-legacy-auth-token': url((r) => ['//registry.npmjs.org/:_authToken=', uuid(r), ''], () => ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}']),
  'pypi-upload-token': tok((r) => `pypi-AgEIcHlwaS5vcmc${s(r, URLSAFE, 150)}`, (r) => [`pypi-AgEIcHlwaS5vcmc${s(r, URLSAFE, 40)}`, `pypi-AgEIcHlwaS5vcmX${s(r, URLSAFE, 150)}`]),
  'docker-hub-token': tok((r) => `dckr_pat_${s(r, URLSAFE, 27)}`, (r) => [`dckr_pat_${s(r, URLSAFE, 26)}`, `dckr_xyz_${s(r, URLSAFE, 27)}`]),
  'circleci-token': tok((r) => `CCIPAT_${s(r, AN, 22)}_${hex(r, 40)}`, oneShort),
  'circleci-legacy-token': named('CIRCLECI_TOKEN', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'travis-ci-token': named('TRAVIS_API_TOKEN', (r) => s(r, AN, 22), (r) => [s(r, AN, 21), identifier(22)]),
  'jenkins-api-token': named('JENKINS_API_TOKEN', (r) => `11${hex(r, 32)}`, (r) => [`12${hex(r, 32)}`, `11${hex(r, 31)}`]),
  'sonarqube-token': tok((r) => `sqp_${hex(r, 40)}`, (r) => [`sqp_${hex(r, 39)}`, `sqx_${hex(r, 40)}`]),
  'sonarqube-legacy-token': named('SONAR_TOKEN', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'snyk-api-token': named('SNYK_TOKEN', uuid, (r) => [uuid(r).slice(0, 30)]),
  'sentry-org-token': tok(
    (r) => `sntrys_${Buffer.from(JSON.stringify({ iat: 1700000000.5, url: 'https://sentry.io', region_url: 'https://us.sentry.io', org: s(r, LOWER, 8) })).toString('base64')}_${s(r, B64, 43)}`,
    (r) => [`sntrys_eyJpYXQiOjE3MDAwMDAwMDB9_${s(r, B64, 42)}`],
  ),
  'sentry-user-token': tok((r) => `sntryu_${hex(r, 64)}`, oneShort),
  'sentry-dsn-secret': url(
    (r) => [`https://${hex(r, 32)}:`, hex(r, 32), `@o${digits(r, 6)}.ingest.sentry.io/${digits(r, 7)}`],
    (r) => [`https://${hex(r, 32)}@o${digits(r, 6)}.ingest.sentry.io/${digits(r, 7)}`],
  ),
  'sentry-legacy-auth-token': named('SENTRY_AUTH_TOKEN', (r) => hex(r, 64), (r) => [hex(r, 63)]),
  'codecov-token': named('CODECOV_TOKEN', uuid, (r) => [uuid(r).slice(0, -2)]),
  'jfrog-api-key': tok((r) => `AKCp${s(r, AN, 69)}`, oneShort),
  'jfrog-reference-token': tok((r) => `cmVmd${s(r, AN, 59)}`, oneShort),
  'jfrog-identity-token': named('JFROG_ACCESS_TOKEN', (r) => s(r, AN, 64), (r) => [s(r, AN, 63)]),
  'terraform-cloud-token': tok((r) => `${s(r, AN, 14)}.atlasv1.${s(r, URLSAFE + '=', 65)}`, (r) => [`${s(r, AN, 14)}.atlasv2.${s(r, URLSAFE, 65)}`]),
  'vault-service-token': tok((r) => `hvs.${s(r, URLSAFE, 95)}`, (r) => [`hvs.${s(r, URLSAFE, 50)}`]),
  'vault-batch-token': tok((r) => `hvb.${s(r, URLSAFE, 150)}`, (r) => [`hvb.${s(r, URLSAFE, 100)}`]),
  'vault-legacy-token': named('VAULT_TOKEN', (r) => `s.${s(r, AN, 24)}`, (r) => [`s.${s(r, AN, 23)}`]),
  'postman-api-key': tok((r) => `PMAK-${hex(r, 24)}-${hex(r, 34)}`, oneShort),
  'pulumi-access-token': tok((r) => `pul-${hex(r, 40)}`, oneShort),
  'doppler-token': tok((r) => `dp.pt.${s(r, AN, 43)}`, (r) => [`dp.pt.${s(r, AN, 30)}`, `dp.xx.${s(r, AN, 43)}`]),
  'buildkite-token': tok((r) => `bkua_${hex(r, 40)}`, oneShort),
  'octopus-deploy-api-key': tok((r) => `API-${s(r, UAN, 26)}`, (r) => [`API-${s(r, UAN, 25)}`, 'API-CONFIGURATIONMANAGERSERVIC']),
  'harness-token': tok((r) => `pat.${s(r, URLSAFE, 22)}.${s(r, AN, 24)}.${s(r, AN, 20)}`, oneShort),
  'rubygems-api-key': tok((r) => `rubygems_${hex(r, 48)}`, oneShort),
  'clojars-token': tok((r) => `CLOJARS_${s(r, LAN, 60)}`, oneShort),
  'nuget-api-key': tok((r) => `oy2${s(r, LAN, 43)}`, oneShort),
  'readme-api-key': tok((r) => `rdme_${s(r, LAN, 70)}`, oneShort),
  'linear-api-key': prefixed('lin_api_', AN, 40),
  'linear-client-secret': named('LINEAR_CLIENT_SECRET', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'prefect-api-key': prefixed('pnu_', AN, 36, { identifier: true }),
  'sourcegraph-token': tok((r) => `sgp_${hex(r, 16)}_${hex(r, 40)}`, oneShort),
  'drone-ci-token': named('DRONE_TOKEN', (r) => s(r, AN, 32), (r) => [s(r, AN, 31)]),
  'infracost-api-key': prefixed('ico-', AN, 32, { identifier: true }),
  'scalingo-api-token': prefixed('tk-us-', URLSAFE, 48),
  'frameio-api-token': tok((r) => `fio-u-${s(r, URLSAFE, 64)}`, oneShort),
  'defined-networking-api-token': tok((r) => `dnkey-${s(r, AN, 26)}-${s(r, AN, 52)}`, oneShort),
  'fastly-api-token': named('FASTLY_API_TOKEN', (r) => s(r, URLSAFE, 32), (r) => [s(r, URLSAFE, 31)]),
  'launchdarkly-token': named('LAUNCHDARKLY_SDK_KEY', (r) => `sdk-${uuid(r)}`, (r) => [`mob-${uuid(r)}`, `sdk-${uuid(r).slice(0, -1)}`]),

  // Chat and messaging
  'slack-bot-token': tok((r) => `xoxb-${digits(r, 11)}-${digits(r, 12)}-${s(r, AN, 24)}`, (r) => [`xoxb-${digits(r, 11)}-${s(r, AN, 24)}x-`, `xoxb-${s(r, AN, 24)}`]),
  'slack-user-token': tok((r) => `xoxp-${digits(r, 11)}-${digits(r, 11)}-${digits(r, 12)}-${hex(r, 32)}`, (r) => [`xoxp-${digits(r, 11)}-${hex(r, 32)}`.slice(0, 20)]),
  'slack-config-token': tok((r) => `xoxe.xoxp-1-${s(r, AN, 160)}`, (r) => [`xoxe.xoxp-1-${s(r, AN, 100)}`]),
  'slack-config-refresh-token': tok((r) => `xoxe-1-${s(r, AN, 146)}`, (r) => [`xoxe-1-${s(r, AN, 100)}`]),
  'slack-app-token': tok((r) => `xapp-1-A${s(r, UAN, 10)}-${digits(r, 13)}-${hex(r, 64)}`, (r) => [`xapp-1-A${s(r, UAN, 10)}-${digits(r, 13)}-${hex(r, 20)}`]),
  'slack-legacy-token': tok((r) => `xoxa-2-${s(r, AN, 40)}`, (r) => [`xoxa-2-${s(r, AN, 7)}`, `xoxa-2-${identifier(40)}`]),
  'slack-webhook-url': url(
    (r) => `https://hooks.slack.com/services/T${s(r, UAN, 9)}/B${s(r, UAN, 9)}/${s(r, AN, 24)}`,
    (r) => [`https://hooks.slack.com/services/T${s(r, UAN, 9)}/B${s(r, UAN, 9)}/${s(r, AN, 19)}`, `https://hooks.slack.com/services/T${s(r, UAN, 9)}/B${s(r, UAN, 9)}`],
  ),
  'slack-workflow-webhook-url': url(
    (r) => `https://hooks.slack.com/triggers/T${s(r, UAN, 9)}/${digits(r, 13)}/${hex(r, 32)}`,
    (r) => [`https://hooks.slack.com/triggers/T${s(r, UAN, 9)}/${digits(r, 13)}`],
  ),
  'discord-webhook-url': url(
    (r) => `https://discord.com/api/webhooks/${digits(r, 18)}/${s(r, URLSAFE, 68)}`,
    (r) => [`https://discord.com/api/webhooks/${digits(r, 18)}/${s(r, URLSAFE, 30)}`, `https://discord.com/api/webhooks/${digits(r, 18)}`],
  ),
  'discord-bot-token': named('DISCORD_BOT_TOKEN', (r) => `M${s(r, AN, 25)}.${s(r, URLSAFE, 6)}.${s(r, URLSAFE, 38)}`, (r) => [`M${s(r, AN, 25)}.${s(r, URLSAFE, 5)}.${s(r, URLSAFE, 38)}`], {
    extra: ["client.login('%s');"],
  }),
  'discord-client-secret': named('DISCORD_CLIENT_SECRET', (r) => s(r, URLSAFE, 32), (r) => [s(r, URLSAFE, 31)]),
  'telegram-bot-token': named('TELEGRAM_BOT_TOKEN', (r) => `${digits(r, 10)}:AA${s(r, URLSAFE, 33)}`, (r) => [`${digits(r, 10)}:AA${s(r, URLSAFE, 32)}`, `${digits(r, 10)}:BB${s(r, URLSAFE, 33)}`], {
    extra: ['bot = telebot.TeleBot(BOT_TOKEN := "%s")', 'BOT_TOKEN=%s'],
  }),
  'telegram-bot-api-url': url((r) => ['https://api.telegram.org/bot', `${digits(r, 10)}:AA${s(r, URLSAFE, 33)}`, '/sendMessage'], (r) => [`https://api.telegram.org/bot${digits(r, 10)}:AA${s(r, URLSAFE, 20)}/sendMessage`]),
  'microsoft-teams-webhook-url': url(
    (r) => `https://${s(r, LAN, 8)}.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${hex(r, 32)}/${uuid(r)}/V2${s(r, URLSAFE, 45)}`,
    (r) => [`https://${s(r, LAN, 8)}.webhook.office.com/webhookb2/${uuid(r)}@${uuid(r)}/IncomingWebhook/${hex(r, 31)}/${uuid(r)}`],
    { noGlue: true },
  ),
  'power-automate-workflow-url': url(
    (r) => [
      `https://prod-${digits(r, 2)}.westus.logic.azure.com:443/workflows/${hex(r, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=`,
      s(r, URLSAFE, 43),
      '',
    ],
    (r) => [`https://prod-11.westus.logic.azure.com:443/workflows/${hex(r, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sig=${s(r, URLSAFE, 30)}`],
  ),
  'twilio-api-key': tok((r) => `SK${hex(r, 32)}`, (r) => [`SK${hex(r, 31)}`, `SK${hex(r, 32).toUpperCase()}`, `XK${hex(r, 32)}`]),
  'twilio-basic-auth': url((r) => [`https://AC${hex(r, 32)}:`, hex(r, 32), '@api.twilio.com/2010-04-01/Accounts.json'], (r) => [`https://AC${hex(r, 32)}:${hex(r, 31)}@api.twilio.com/`]),
  'twilio-auth-token': named('TWILIO_AUTH_TOKEN', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'sendgrid-api-key': tok((r) => `SG.${s(r, URLSAFE, 22)}.${s(r, URLSAFE, 43)}`, oneShort),
  'mailgun-api-key': named('MAILGUN_API_KEY', (r) => `key-${hex(r, 32)}`, (r) => [`key-${hex(r, 31)}`, `pubkey-${hex(r, 32)}`]),
  'mailchimp-api-key': tok((r) => `${hex(r, 32)}-us${digits(r, 2)}`, (r) => [`${hex(r, 31)}-us12`, `${hex(r, 32)}-eu12`]),
  'mandrill-api-key': named('MANDRILL_API_KEY', (r) => `md-${s(r, URLSAFE, 22)}`, (r) => [`md-${s(r, URLSAFE, 21)}`]),
  'postmark-server-token': named('POSTMARK_SERVER_TOKEN', uuid, (r) => [uuid(r).slice(0, -1)]),
  'brevo-api-key': tok((r) => `xkeysib-${hex(r, 64)}-${s(r, AN, 16)}`, oneShort),
  'zendesk-api-token': named('ZENDESK_API_TOKEN', (r) => s(r, AN, 40), (r) => [s(r, AN, 39)]),
  'mattermost-token': named('MATTERMOST_TOKEN', (r) => s(r, LAN, 26), (r) => [s(r, LAN, 25)]),
  'gitter-token': named('GITTER_TOKEN', (r) => s(r, LAN, 40), (r) => [s(r, LAN, 39)]),
  'messagebird-api-key': named('MESSAGEBIRD_API_KEY', (r) => s(r, AN, 25), (r) => [s(r, AN, 24)]),
  'sendbird-api-token': named('SENDBIRD_API_TOKEN', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'intercom-access-token': named('INTERCOM_ACCESS_TOKEN', (r) => `${s(r, B64, 58)}=`, (r) => [s(r, B64, 50)]),
  'vonage-api-secret': named('VONAGE_API_SECRET', (r) => s(r, AN, 16), (r) => [s(r, AN, 15)]),

  // Payments
  'paystack-secret-key': tok((r) => `sk_live_${hex(r, 40)}`, (r) => [`pk_live_${hex(r, 40)}`]),
  'stripe-secret-key': tok((r) => `sk_live_${s(r, AN, 99)}`, (r) => [`pk_live_${s(r, AN, 99)}`, `sk_live_${s(r, AN, 19)}`, `xsk_live_${s(r, AN, 99)}`]),
  'stripe-restricted-key': tok((r) => `rk_live_${s(r, AN, 99)}`, (r) => [`rk_live_${s(r, AN, 19)}`]),
  'stripe-test-secret-key': tok((r) => `sk_test_${s(r, AN, 99)}`, (r) => [`pk_test_${s(r, AN, 99)}`, `sk_test_${identifier(30)}`]),
  'stripe-webhook-secret': tok((r) => `whsec_${s(r, AN, 32)}`, (r) => [`whsec_${s(r, AN, 31)}`]),
  'square-access-token': tok((r) => `EAAA${s(r, URLSAFE, 60)}`, (r) => [`EAAA${s(r, URLSAFE, 59)}`]),
  'square-oauth-secret': tok((r) => `sq0csp-${s(r, URLSAFE, 43)}`, oneShort),
  'braintree-access-token': tok((r) => `access_token$production$${s(r, LAN, 16)}$${hex(r, 32)}`, (r) => [`access_token$production$${s(r, LAN, 16)}$${hex(r, 31)}`]),
  'braintree-private-key': named('BRAINTREE_PRIVATE_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'paypal-client-secret': named('PAYPAL_CLIENT_SECRET', (r) => s(r, URLSAFE, 80), (r) => [s(r, URLSAFE, 79)]),
  'shopify-access-token': tok((r) => `shpat_${hex(r, 32)}`, oneShort),
  'shopify-custom-app-token': tok((r) => `shpca_${hex(r, 32)}`, oneShort),
  'shopify-private-app-token': tok((r) => `shppa_${hex(r, 32)}`, oneShort),
  'shopify-shared-secret': tok((r) => `shpss_${hex(r, 32)}`, oneShort),
  'plaid-access-token': tok((r) => `access-production-${uuid(r)}`, (r) => [`access-staging-${uuid(r)}`, `access-sandbox-${uuid(r).slice(0, -1)}`]),
  'plaid-secret': named('PLAID_SECRET', (r) => hex(r, 30), (r) => [hex(r, 29)]),
  'flutterwave-secret-key': tok((r) => `FLWSECK_TEST-${s(r, 'abcdefgh0123456789', 32)}-X`, (r) => [`FLWSECK_TEST-${s(r, 'abcdefgh0123456789', 32)}`, `FLWPUBK_TEST-${s(r, 'abcdefgh0123456789', 32)}-X`]),
  'razorpay-key-secret': named('RAZORPAY_KEY_SECRET', (r) => s(r, AN, 24), (r) => [s(r, AN, 23)]),
  'gocardless-access-token': named('GOCARDLESS_ACCESS_TOKEN', (r) => `live_${s(r, URLSAFE, 40)}`, (r) => [`sandbox_${s(r, URLSAFE, 40)}`]),
  'mollie-api-key': named('MOLLIE_API_KEY', (r) => `live_${s(r, AN, 30)}`, (r) => [`test_${s(r, AN, 30)}`, `live_${s(r, AN, 29)}`]),
  'coinbase-access-token': named('COINBASE_ACCESS_TOKEN', (r) => s(r, URLSAFE, 64), (r) => [s(r, URLSAFE, 63)]),
  'binance-api-key': named('BINANCE_API_SECRET', (r) => s(r, AN, 64), (r) => [s(r, AN, 63)]),
  'kraken-api-key': named('KRAKEN_PRIVATE_KEY', (r) => base64(r, 64), (r) => [base64(r, 30)]),
  'kucoin-api-key': named('KUCOIN_API_KEY', (r) => hex(r, 24), (r) => [hex(r, 23)]),
  'kucoin-api-secret': named('KUCOIN_API_SECRET', uuid, (r) => [uuid(r).slice(0, -1)]),
  'bittrex-api-key': named('BITTREX_API_SECRET', (r) => s(r, AN, 32), (r) => [s(r, AN, 31)]),

  // SaaS
  'datadog-api-key': named('DATADOG_API_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)], { extra: ['DD_API_KEY=%s'] }),
  'datadog-app-key': named('DATADOG_APP_KEY', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'new-relic-user-api-key': tok((r) => `NRAK-${s(r, UAN, 27)}`, oneShort),
  'new-relic-insert-key': tok((r) => `NRII-${s(r, URLSAFE, 32)}`, oneShort),
  'new-relic-license-key': tok((r) => `${hex(r, 36)}NRAL`, (r) => [`${hex(r, 35)}NRAL`]),
  'new-relic-browser-key': tok((r) => `NRJS-${hex(r, 19)}`, oneShort),
  'grafana-cloud-token': tok(
    (r) => `glc_${Buffer.from(JSON.stringify({ o: digits(r, 6), n: `stack-${digits(r, 6)}-deploy`, k: s(r, AN, 24), m: { r: 'us' } })).toString('base64')}`,
    (r) => [`glc_${s(r, AN, 20)}`],
  ),
  'grafana-service-account-token': tok((r) => `glsa_${s(r, AN, 32)}_${hex(r, 8)}`, oneShort),
  'grafana-api-key': tok(
    (r) => {
      for (;;) {
        const key = Buffer.from(JSON.stringify({ k: s(r, AN, 32), n: 'deploy', id: 1 })).toString('base64').replace(/=+$/, '');
        if (/^[A-Za-z0-9]+$/.test(key)) return key;
      }
    },
    (r) => [`eyJrIjoi${s(r, AN, 40)}`],
  ),
  'dynatrace-api-token': tok((r) => `dt0c01.${s(r, UAN, 24)}.${s(r, UAN, 64)}`, oneShort),
  'sumologic-access-key': named('SUMO_ACCESS_KEY', (r) => s(r, AN, 64), (r) => [s(r, AN, 63)]),
  'cisco-meraki-api-key': named('MERAKI_DASHBOARD_API_KEY', (r) => hex(r, 40), (r) => [hex(r, 39)]),
  'hubspot-private-app-token': tok((r) => `pat-na1-${uuid(r)}`, (r) => [`pat-xx1-${uuid(r)}`, `pat-na1-${uuid(r).slice(0, -1)}`]),
  'hubspot-api-key': named('HUBSPOT_API_KEY', uuid, (r) => [uuid(r).slice(0, -1)]),
  'notion-token': tok((r) => `ntn_${digits(r, 11)}${s(r, AN, 35)}`, oneShort),
  'notion-legacy-token': named('NOTION_TOKEN', (r) => `secret_${s(r, AN, 43)}`, (r) => [`secret_${s(r, AN, 42)}`]),
  'airtable-pat': tok((r) => `pat${s(r, AN, 14)}.${hex(r, 64)}`, oneShort),
  'airtable-legacy-api-key': named('AIRTABLE_API_KEY', (r) => `key${s(r, AN, 14)}`, (r) => [`key${s(r, AN, 13)}`]),
  'asana-token': named('ASANA_ACCESS_TOKEN', (r) => `2/${digits(r, 16)}/${digits(r, 16)}:${hex(r, 32)}`, (r) => [`2/${digits(r, 16)}/${digits(r, 16)}:${hex(r, 31)}`]),
  'contentful-pat': prefixed('CFPAT-', URLSAFE, 43),
  'contentful-delivery-token': named('CONTENTFUL_ACCESS_TOKEN', (r) => s(r, URLSAFE, 43), (r) => [s(r, URLSAFE, 42)], { extra: ['CONTENTFUL_DELIVERY_ACCESS_TOKEN=%s'] }),
  'mapbox-secret-token': tok(
    (r) => `sk.${b64url(JSON.stringify({ u: `user${digits(r, 4)}`, a: s(r, LAN, 25) }))}.${s(r, URLSAFE, 22)}`,
    (r) => [`pk.${b64url(JSON.stringify({ u: 'user', a: s(r, LAN, 25) }))}.${s(r, URLSAFE, 22)}`],
  ),
  'algolia-api-key': named('ALGOLIA_ADMIN_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'okta-api-token': named('OKTA_API_TOKEN', (r) => `00${s(r, URLSAFE, 40)}`, (r) => [`00${s(r, URLSAFE, 39)}`, `01${s(r, URLSAFE, 40)}`]),
  'auth0-client-secret': named('AUTH0_CLIENT_SECRET', (r) => s(r, URLSAFE, 64), (r) => [s(r, URLSAFE, 63)]),
  'authress-access-key': tok((r) => `sc_${s(r, LAN, 10)}.${s(r, LAN, 5)}.acc_${s(r, LAN, 20)}.${s(r, B64, 60)}`, (r) => [`sc_${s(r, LAN, 10)}.${s(r, LAN, 5)}.acx_${s(r, LAN, 20)}.${s(r, B64, 60)}`]),
  'adobe-client-secret': prefixed('p8e-', AN, 32, { identifier: true }),
  'adafruit-io-key': named('ADAFRUIT_IO_KEY', (r) => `aio_${s(r, AN, 28)}`, (r) => [`aio_${s(r, AN, 27)}`]),
  'beamer-api-key': named('BEAMER_API_KEY', (r) => `b_${s(r, URLSAFE, 44)}`, (r) => [`b_${s(r, URLSAFE, 43)}`]),
  'confluent-api-secret': named('CONFLUENT_API_SECRET', (r) => s(r, B64, 64), (r) => [s(r, B64, 63)]),
  'dropbox-short-lived-token': named('DROPBOX_ACCESS_TOKEN', (r) => `sl.${s(r, URLSAFE, 140)}`, (r) => [`sl.${s(r, URLSAFE, 100)}`]),
  'duffel-api-token': tok((r) => `duffel_test_${s(r, URLSAFE, 43)}`, oneShort),
  'easypost-api-key': tok((r) => `EZAK${s(r, AN, 54)}`, oneShort),
  'shippo-api-token': tok((r) => `shippo_live_${hex(r, 40)}`, oneShort),
  'lob-api-key': named('LOB_API_KEY', (r) => `live_${hex(r, 35)}`, (r) => [`live_${hex(r, 34)}`, `live_pub_${hex(r, 31)}`]),
  'etsy-api-key': named('ETSY_API_KEY', (r) => s(r, LAN, 24), (r) => [s(r, LAN, 23)]),
  'facebook-access-token': tok((r) => `EAAG${s(r, AN, 180)}`, (r) => [`EAAG${s(r, AN, 90)}`, `EAAA${s(r, AN, 180)}`]),
  'facebook-app-secret': named('FACEBOOK_APP_SECRET', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'twitter-api-secret': named('TWITTER_API_SECRET', (r) => s(r, AN, 50), (r) => [s(r, AN, 49), s(r, AN, 51)]),
  'twitch-api-token': named('TWITCH_CLIENT_SECRET', (r) => s(r, LAN, 30), (r) => [s(r, LAN, 29)]),
  'linkedin-client-secret': named('LINKEDIN_CLIENT_SECRET', (r) => s(r, AN, 16), (r) => [s(r, AN, 15)]),
  'finicity-api-key': named('FINICITY_APP_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'finnhub-api-key': named('FINNHUB_API_KEY', (r) => s(r, LAN, 20), (r) => [s(r, LAN, 19)]),
  'flickr-api-key': named('FLICKR_API_KEY', (r) => hex(r, 32), (r) => [hex(r, 31)]),
  'freshbooks-access-token': named('FRESHBOOKS_ACCESS_TOKEN', (r) => s(r, LAN, 64), (r) => [s(r, LAN, 63)]),
  'nytimes-api-key': named('NYTIMES_API_KEY', (r) => s(r, AN, 32), (r) => [s(r, AN, 31)]),
  'rapidapi-key': named('RAPIDAPI_KEY', (r) => s(r, URLSAFE, 50), (r) => [s(r, URLSAFE, 49)], { extra: ["headers: { 'X-RapidAPI-Key': '%s' }"] }),
  'private-ai-api-key': named('PRIVATE_AI_API_KEY', (r) => s(r, LAN, 32), (r) => [s(r, LAN, 31)]),
  'squarespace-api-key': named('SQUARESPACE_API_KEY', uuid, (r) => [uuid(r).slice(0, -1)]),
  'typeform-api-token': prefixed('tfp_', URLSAFE, 59),
  'maxmind-license-key': tok((r) => `${s(r, AN, 6)}_${s(r, AN, 29)}_mmk`, (r) => [`${s(r, AN, 6)}_${s(r, AN, 28)}_mmk`]),
  'settlemint-token': prefixed('sm_pat_', AN, 16),
  'intra42-client-secret': tok((r) => `s-s4t2ud-${hex(r, 64)}`, oneShort),
  'sidekiq-credentials': named('BUNDLE_GEMS__CONTRIBSYS__COM', (r) => `${hex(r, 8)}:${hex(r, 8)}`, (r) => [`${hex(r, 8)}:${hex(r, 7)}`], { exactName: true }),
  'sidekiq-url-credentials': url((r) => ['https://', `${hex(r, 8)}:${hex(r, 8)}`, '@gems.contribsys.com/'], (r) => [`https://${hex(r, 8)}:${hex(r, 8)}@gems.example.com/`]),

  // Databases
  'postgres-url-password': url((r) => ['postgresql://app_user:', password(r), '@db.internal:5432/app?sslmode=require'], () => dbMisses('postgres')),
  'mysql-url-password': url((r) => ['mysql://reporting:', password(r), '@10.0.3.7:3306/sales'], () => dbMisses('mysql')),
  'mongodb-url-password': url((r) => ['mongodb+srv://admin:', password(r), '@cluster0.ab1cd.mongodb.net/?retryWrites=true&w=majority'], () => dbMisses('mongodb+srv')),
  'redis-url-password': url((r) => ['redis://:', password(r), '@cache.internal:6379/0'], () => dbMisses('rediss')),
  'amqp-url-password': url((r) => ['amqps://orders:', password(r), '@mq.internal:5671/prod'], () => dbMisses('amqp')),
  'mssql-url-password': url((r) => ['mssql://sa:', password(r), '@sql.internal:1433/app'], () => dbMisses('mssql')),
  'database-url-password': url((r) => ['clickhouse://default:', password(r), '@ch.internal:8123/events'], () => dbMisses('clickhouse')),
  'jdbc-url-password': url(
    (r) => ['jdbc:postgresql://db.internal:5432/app?user=app&password=', password(r), '&ssl=true'],
    () => ['jdbc:postgresql://db.internal:5432/app?user=app&password=${DB_PASSWORD}', 'jdbc:mysql://db/app?user=app&password=changeme', 'jdbc:postgresql://db/app?user=app'],
  ),
  'connection-string-password': url(
    (r) => ['Server=tcp:sql.internal,1433;Initial Catalog=app;User ID=app;Password=', password(r), ';Encrypt=True;'],
    () => ['Server=sql;Database=app;User Id=app;Password=<password>;', 'Server=sql;Database=app;User Id=app;Password={your_password};', 'Server=sql;Database=app;Trusted_Connection=True;'],
  ),
  'planetscale-token': tok((r) => `pscale_tkn_${s(r, URLSAFE, 43)}`, (r) => [`pscale_tkn_${s(r, URLSAFE, 20)}`, `pscale_xyz_${s(r, URLSAFE, 43)}`]),
  'neon-api-key': tok((r) => `napi_${s(r, LAN, 64)}`, oneShort),
  'clickhouse-cloud-api-secret': tok((r) => `4b1d${s(r, AN, 38)}`, oneShort),
  'mongodb-atlas-private-key': named('ATLAS_PRIVATE_KEY', uuid, (r) => [uuid(r).slice(0, -1)]),

  // Keys
  'base64-private-key': tok(
    (r) => Buffer.from(`${BEGIN}RSA ${PRIVATE_KEY}\n${pemBody(r, 12).join('\n')}\n-----END RSA ${PRIVATE_KEY}\n`).toString('base64'),
    () => [Buffer.from(`${BEGIN}PUBLIC KEY-----\n${'MIIB'.repeat(40)}\n-----END PUBLIC KEY-----\n`).toString('base64')],
    { extra: ['users:\n- name: admin\n  user:\n    client-key-data: %s\n'] },
  ),
  'age-secret-key': tok((r) => `AGE-SECRET-KEY-1${s(r, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`, oneShort),
  '1password-secret-key': tok((r) => `A3-${s(r, UAN, 6)}-${s(r, UAN, 11)}-${s(r, UAN, 5)}-${s(r, UAN, 5)}-${s(r, UAN, 5)}`, oneShort),
  '1password-service-account-token': tok((r) => `ops_eyJ${s(r, B64, 300)}`, (r) => [`ops_eyJ${s(r, B64, 100)}`]),
  jwt: tok(
    (r) => jwt(r, { sub: uuid(r), email: 'dev@example.org', iat: 1700000000, exp: 1900000000 }),
    (r) => [
      jwt(r, { sub: '1234567890', name: 'John Doe', iat: 1516239022 }),
      `${b64url(JSON.stringify({ alg: 'HS256' }))}.eyJ${s(r, AN, 40)}.${s(r, URLSAFE, 43)}`,
      `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify({ sub: 'x' }))}.`,
    ],
    { extra: ['Cookie: session=%s; HttpOnly'] },
  ),
};

/** Connection URLs with no password, an empty one, a template, or a placeholder word. */
function dbMisses(scheme: string): string[] {
  return [
    `${scheme}://app_user@db.internal:5432/app`,
    `${scheme}://app_user:@db.internal:5432/app`,
    `${scheme}://app_user:\${DB_PASSWORD}@db.internal:5432/app`,
    `${scheme}://app_user:<password>@db.internal:5432/app`,
    `${scheme}://app_user:password@db.internal:5432/app`,
    `${scheme}://app_user:changeme@db.internal:5432/app`,
    `${scheme}://postgres:postgres@localhost:5432/postgres`,
    // Documentation's sample credentials (SQLAlchemy's docs use Oracle's scott/tiger on every page).
    `${scheme}://scott:tiger@localhost/test`,
    `${scheme}://scott:tiger^5HHH@mssql2017:1433/test`,
    `${scheme}://app_user:mysecretpassword@db.internal:5432/app`,
    `${scheme}://db.internal:5432/app`,
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Embeddings and the runner

const byId = new Map(PROVIDER_PATTERNS.map((p) => [p.id, p]));

function camel(name: string): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Where a value sits in real files: source code, .env, YAML, JSON, shell, TOML/HCL, headers and query strings. */
function embeddings(c: Case, value: string): string[] {
  if (c.shape === 'document') return [value, `const credentials = ${value};\n`, `CREDENTIALS = ${value}`];
  const name = c.name ?? 'CREDENTIAL';
  const js = c.exactName ? name : camel(name);
  const snake = c.exactName ? name : name.toLowerCase();
  const texts = [
    `const ${js} = "${value}";\n`,
    `export const config = {\n  ${js}: '${value}',\n};\n`,
    `${name} = '${value}'\n`,
    `${name}=${value}\n`,
    `export ${name}="${value}"\n`,
    `${snake}: ${value}\n`,
    `env:\n  ${snake}: "${value}"\n`,
    `{"${snake}": "${value}"}`,
    `${snake} = "${value}"\n`,
  ];
  if (!c.name && c.shape === 'token') {
    texts.push(`fetch(url, { headers: { Authorization: 'Bearer ${value}' } });\n`, `curl "https://api.example.com/v1/items?key=${value}&page=2"\n`);
  }
  for (const extra of c.extra ?? []) texts.push(extra.replace('%s', value));
  return texts;
}

/** The first valid sample of a row: generated values that the row's own checks or the placeholder check reject are skipped. */
function sample(pattern: ProviderPattern, c: Case, r: Rng): Sample {
  for (let attempt = 0; attempt < 50; attempt++) {
    const generated = c.gen(r);
    const [before, secret, after] = typeof generated === 'string' ? ['', generated, ''] : generated;
    if (isPlaceholderToken(secret) || (pattern.accept && !pattern.accept(secret))) continue;
    return { value: before + secret + after, secret, offset: before.length };
  }
  throw new Error(`${pattern.id}: no generated value passes the row's checks in 50 attempts`);
}

function found(text: string): Array<[string, number, number]> {
  return scanProviderSecrets(text).map((m) => [m.pattern.id, m.start, m.end]);
}

describe('secrets provider table', () => {
  it('is split into families whose concatenation is the table', () => {
    assert.deepEqual(
      Object.values(PROVIDER_FAMILIES).flat().map((p) => p.id),
      PROVIDER_PATTERNS.map((p) => p.id),
    );
    for (const [family, rows] of Object.entries(PROVIDER_FAMILIES)) assert.ok(rows.length > 0, family);
    assert.ok(PROVIDER_PATTERNS.length >= 150, `only ${PROVIDER_PATTERNS.length} rows`);
  });

  it('has unique kebab-case ids, lower-case ASCII keywords, g on every regex and d on every secret group', () => {
    const ids = new Set<string>();
    for (const p of PROVIDER_PATTERNS) {
      assert.match(p.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, p.id);
      assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
      ids.add(p.id);
      assert.ok(p.regex.flags.includes('g'), `${p.id}: no g flag`);
      const grouped = p.regex.source.includes('(?<secret>');
      assert.equal(p.regex.flags.includes('d'), grouped, `${p.id}: the d flag goes with a secret group`);
      assert.ok(p.keywords.length > 0, `${p.id}: no keyword`);
      assert.equal(new Set(p.keywords).size, p.keywords.length, `${p.id}: duplicate keyword`);
      for (const k of p.keywords) {
        assert.equal(k, k.toLowerCase(), `${p.id}: keyword ${k} is not lower-case`);
        assert.match(k, /^[\x20-\x7e]+$/, `${p.id}: keyword ${k} is not printable ASCII`);
      }
      assert.ok(p.provider && p.kind && p.envVar, `${p.id}: provider, kind and envVar are required`);
      assert.match(p.envVar, /^[A-Za-z_][A-Za-z0-9_]*$/, `${p.id}: envVar ${p.envVar}`);
      if (p.source) assert.match(p.source, /^https:\/\//, `${p.id}: source`);
    }
  });

  it('has test data for every row, and none for rows that do not exist', () => {
    assert.deepEqual(
      PROVIDER_PATTERNS.filter((p) => !CASES[p.id]).map((p) => p.id),
      [],
      'rows without test data: add a case to CASES',
    );
    assert.deepEqual(
      Object.keys(CASES).filter((id) => !byId.has(id)),
      [],
    );
  });

  describe('finds every format exactly where files hold it', () => {
    for (const p of PROVIDER_PATTERNS) {
      const c = CASES[p.id];
      if (!c) continue;
      it(p.id, () => {
        const r = rng(p.id);
        for (let round = 0; round < 3; round++) {
          const v = sample(p, c, r);
          for (const text of embeddings(c, v.value)) {
            const at = text.indexOf(v.value) + v.offset;
            assert.deepEqual(found(text), [[p.id, at, at + v.secret.length]], `${p.id} in ${JSON.stringify(text.slice(0, 300))}`);
            // The prefilter contract: a keyword occurs in the regex's own match, not just somewhere in the text.
            const matches = [...text.matchAll(p.regex)];
            assert.ok(matches.length > 0);
            for (const m of matches) {
              const whole = m[0].toLowerCase();
              assert.ok(
                p.keywords.some((k) => whole.includes(k)),
                `${p.id}: no keyword of ${JSON.stringify(p.keywords)} in the match ${JSON.stringify(m[0].slice(0, 120))}`,
              );
            }
          }
        }
      });
    }
  });

  describe('does not find near-misses', () => {
    for (const p of PROVIDER_PATTERNS) {
      const c = CASES[p.id];
      if (!c) continue;
      it(p.id, () => {
        const r = rng(`${p.id}/miss`);
        const v = sample(p, c, r);
        const misses = [...c.misses(r, v)];
        const masked = v.secret.length > 14 ? v.secret.slice(0, 8) + 'x'.repeat(v.secret.length - 8) : undefined;
        if (masked) misses.push(v.value.slice(0, v.offset) + masked + v.value.slice(v.offset + v.secret.length));
        if (c.shape !== 'document' && !c.noGlue) {
          misses.push(v.value.slice(0, v.offset) + v.secret + 'Q'.repeat(9000) + v.value.slice(v.offset + v.secret.length));
        }
        if (c.shape === 'token' && !c.name) misses.push(`Q${v.value}`);
        const name = c.name ?? 'CREDENTIAL';
        misses.push(`\${${name}}`, '<your-api-key>', `process.env.${name}`);
        for (const miss of misses) {
          for (const text of embeddings({ ...c, extra: [] }, miss)) {
            assert.deepEqual(found(text), [], `${p.id}: near-miss found in ${JSON.stringify(text.slice(0, 300))}`);
          }
        }
        if (c.name) {
          // The value alone, under a name without the provider keyword, is not this provider's; nor is it under a
          // name with the keyword that does not name a secret (`MISTRAL_API_ID`, `CIRCLE_SHA1`).
          const names = ['SETTING', ...(c.exactName ? [] : [c.name.replace(/[A-Z]+$/, 'ID'), c.name.replace(/[A-Z]+$/, 'SHA1')])];
          for (const name of names) {
            for (const text of embeddings({ ...c, name, exactName: false, extra: [] }, v.value)) {
              assert.ok(!found(text).some(([id]) => id === p.id), `${p.id} found under ${name} in ${JSON.stringify(text)}`);
            }
          }
        }
      });
    }
  });

  it("accepts random values of the format (the rows' own checks reject few real keys)", () => {
    const low: string[] = [];
    for (const p of PROVIDER_PATTERNS) {
      const c = CASES[p.id];
      if (!c || !p.accept) continue;
      const r = rng(`${p.id}/accept`);
      let accepted = 0;
      const total = 200;
      for (let i = 0; i < total; i++) {
        const generated = c.gen(r);
        const secret = typeof generated === 'string' ? generated : generated[1];
        if (p.accept(secret)) accepted++;
      }
      if (accepted < total * 0.98) low.push(`${p.id}: ${accepted} of ${total}`);
    }
    assert.deepEqual(low, [], 'rows whose checks reject more than 2% of random values');
  });

  it('stays linear on adversarial input (a guard beside the recheck ReDoS test)', function () {
    this.timeout(60_000);
    const n = 20_000;
    const slow: string[] = [];
    for (const p of PROVIDER_PATTERNS) {
      const k = p.keywords[0];
      const inputs = [
        k.toUpperCase().repeat(Math.ceil(n / k.length)),
        `${k}_API_KEY=`.repeat(Math.ceil(n / (k.length + 9))),
        `${k}_KEY="${'aB3'.repeat(70)}`.repeat(Math.ceil(n / 220)),
        k + 'a1F+'.repeat(n / 4),
      ];
      for (const input of inputs) {
        const started = performance.now();
        for (const _m of input.matchAll(p.regex)) void _m;
        const ms = performance.now() - started;
        if (ms > 250) slow.push(`${p.id}: ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 40))}…`);
      }
    }
    assert.deepEqual(slow, []);
  });

  it('keeps the prefilter of the trie in step with the keywords', () => {
    const filter = keywordFilter(PROVIDER_PATTERNS);
    for (const p of PROVIDER_PATTERNS) {
      const c = CASES[p.id];
      if (!c) continue;
      const v = sample(p, c, rng(`${p.id}/filter`));
      const lower = embeddings(c, v.value)[0].toLowerCase();
      const expected = PROVIDER_PATTERNS.filter((q) => q.keywords.some((k) => lower.includes(k))).map((q) => q.id);
      assert.deepEqual([...filter(lower)].map((q) => q.id).sort(), expected.sort(), p.id);
    }
  });

  it('finds nothing in real non-secret text (the negative corpus)', function () {
    this.timeout(300_000);
    const corpus = negativeCorpus();
    this.test!.title += ` (${corpus.lines} lines, ${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.sources.length} sources)`;
    assert.ok(corpus.lines > 50_000, `only ${corpus.lines} lines of negative corpus`);
    const filter = keywordFilter(PROVIDER_PATTERNS);
    const hits: string[] = [];
    corpus.chunks.forEach((chunk, i) => {
      for (const m of scanProviderSecrets(chunk.text)) {
        const lineStart = chunk.text.lastIndexOf('\n', m.start) + 1;
        const line = chunk.text.slice(lineStart, chunk.text.indexOf('\n', m.end) === -1 ? undefined : chunk.text.indexOf('\n', m.end));
        hits.push(`${m.pattern.id} in ${chunk.source}: ${line.slice(0, 200)}`);
      }
      if (i % 10 !== 0) return;
      // The trie prefilter agrees with includes() on a tenth of the chunks (all of them would double the time).
      const lower = chunk.text.toLowerCase();
      const expected = PROVIDER_PATTERNS.filter((q) => q.keywords.some((k) => lower.includes(k)));
      assert.equal(filter(lower).size, expected.length, `keyword filter disagrees on ${chunk.source}`);
    });
    assert.deepEqual(hits, []);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Negative corpus

interface Corpus {
  sources: string[];
  lines: number;
  bytes: number;
  chunks: Array<{ source: string; text: string }>;
}

const ROOT = resolve(__dirname, '../../..');
/** Skipped: packages whose job is to hold secret examples (secret scanners' rule fixtures). */
const SKIP_PACKAGES = new Set(['@secretlint', 'secretlint']);

/**
 * Real text that holds no secrets, read deterministically from this machine: every lockfile integrity and
 * resolved line, git commit and blob ids, lines holding UUIDs, SHA-256 and SHA-1 hex, base64 data URIs and long
 * base64 (from /usr/share/doc and node_modules), Debian's package checksums, then stylesheets, SVG, minified
 * bundles, source maps and sources from node_modules, and Python's standard library and packages. Sources missing
 * on a machine are skipped; files are read in sorted order up to a budget per kind.
 */
function negativeCorpus(): Corpus {
  const chunks: Corpus['chunks'] = [];
  const sources: string[] = [];
  let lines = 0;
  let bytes = 0;
  const add = (source: string, text: string): void => {
    if (!text) return;
    sources.push(source);
    const all = text.split('\n');
    lines += all.length;
    bytes += text.length;
    for (let i = 0; i < all.length; i += 2000) chunks.push({ source, text: all.slice(i, i + 2000).join('\n') });
  };

  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(lock)) add('package-lock.json (integrity, resolved)', readFileSync(lock, 'utf8').split('\n').filter((l) => /"(?:integrity|resolved)"/.test(l)).join('\n'));
  const git = (args: string[]): string => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
    } catch {
      return ''; // Not a git checkout: the other sources remain.
    }
  };
  add('git commit ids', git(['log', '--format=%H %T %P', '-n', '5000']));
  add('git blob ids', git(['ls-tree', '-r', 'HEAD']));

  // Lines of the shapes most likely to be mistaken for keys, harvested from every kind of file in node_modules.
  const shapes: Array<{ label: string; test: RegExp; quota: number; lines: string[] }> = [
    { label: 'lines with UUIDs', test: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, quota: 5000, lines: [] },
    { label: 'lines with SHA-256 hex', test: /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i, quota: 5000, lines: [] },
    { label: 'lines with SHA-1 hex', test: /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/i, quota: 5000, lines: [] },
    { label: 'lines with base64 data URIs', test: /data:[a-z]{1,20}\/[a-z0-9.+-]{1,40};base64,/i, quota: 3000, lines: [] },
    { label: 'lines with long base64', test: /[A-Za-z0-9+/]{80}/, quota: 5000, lines: [] },
  ];
  let harvested = 0;
  const harvest = (file: string, size: number): boolean => {
    if (harvested > 100_000_000 || shapes.every((shape) => shape.lines.length >= shape.quota)) return false;
    if (size > 20_000_000 || !/\.(?:js|mjs|cjs|ts|css|svg|json|md|rst|map|html)$/.test(file)) return true;
    harvested += size;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.length > 500_000) continue;
      for (const shape of shapes) if (shape.lines.length < shape.quota && shape.test.test(line)) shape.lines.push(line);
    }
    return true;
  };
  walk(join(ROOT, 'node_modules'), harvest);
  walk('/usr/share/doc', harvest);
  for (const shape of shapes) add(`harvested ${shape.label}`, shape.lines.join('\n'));

  // Package checksums of the system: md5 hex per installed file, SHA-256 hex per index file.
  let checksums = 3_000_000;
  walk('/var/lib/dpkg/info', (file, size) => {
    if (checksums <= 0) return false;
    if (!file.endsWith('.md5sums')) return true;
    checksums -= size;
    add(file, readFileSync(file, 'utf8'));
    return true;
  });
  walk('/var/lib/apt/lists', (file) => {
    if (file.endsWith('Release')) add(file, readFileSync(file, 'utf8'));
  });

  const budgets: Array<{ label: string; test: (file: string) => boolean; bytes: number }> = [
    { label: 'stylesheets', test: (f) => f.endsWith('.css'), bytes: 2_000_000 },
    { label: 'SVG', test: (f) => f.endsWith('.svg'), bytes: 1_000_000 },
    { label: 'minified bundles', test: (f) => /\.min\.(?:js|mjs)$/.test(f), bytes: 2_000_000 },
    { label: 'source maps', test: (f) => f.endsWith('.map'), bytes: 2_000_000 },
    { label: 'JavaScript and TypeScript sources', test: (f) => /\.(?:js|mjs|cjs|ts)$/.test(f) && !/\.min\./.test(f), bytes: 4_000_000 },
    { label: 'JSON and Markdown', test: (f) => /\.(?:json|md)$/.test(f), bytes: 2_000_000 },
  ];
  const used = new Map(budgets.map((b) => [b.label, 0]));
  walk(join(ROOT, 'node_modules'), (file, size) => {
    if (budgets.every((b) => used.get(b.label)! >= b.bytes)) return false;
    const budget = budgets.find((b) => b.test(file));
    if (!budget || size > 2_000_000) return true;
    const spent = used.get(budget.label)!;
    if (spent >= budget.bytes) return true;
    used.set(budget.label, spent + size);
    add(`node_modules/${file.slice(join(ROOT, 'node_modules').length + 1)}`, readFileSync(file, 'utf8'));
    return true;
  });

  for (const python of ['/usr/lib/python3', '/usr/lib/python3.11', '/usr/lib/python3.12', '/usr/lib/python3.13']) {
    if (!existsSync(python)) continue;
    let budget = 2_000_000;
    walk(python, (file, size) => {
      if (budget <= 0) return false;
      if (!/\.(?:py|txt|cfg|toml|json)$/.test(file) && !file.endsWith('/RECORD')) return true;
      budget -= size;
      add(file, readFileSync(file, 'utf8'));
      return true;
    });
  }
  return { sources, lines, bytes, chunks };
}

/**
 * Files below `dir` in sorted order, skipping symlinked directories and the packages in {@link SKIP_PACKAGES}.
 * The walk stops when `visit` returns false.
 */
function walk(dir: string, visit: (file: string, size: number) => boolean | void): boolean {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return true;
  }
  for (const name of names) {
    if (SKIP_PACKAGES.has(name)) continue;
    const full = join(dir, name);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) {
      if (!walk(full, visit)) return false;
    } else if (stat.isFile() && extname(name) !== '.node' && visit(full, stat.size) === false) {
      return false;
    }
  }
  return true;
}
