/**
 * Secret formats and heuristics shared by the secrets rules of every target (JS/TS, agent configs, IaC):
 * the provider pattern table, the private-key check, the secret-name classifier and the high-entropy
 * test of the generic check. Pure string functions, no AST: the rules do the tree work. Every regex
 * here uses bounded quantifiers and explicit boundaries so a scan stays linear in the length of the string.
 */

/** A provider-specific secret format. */
export interface SecretPattern {
  /** Stable id, e.g. `openai-project-key`. */
  readonly id: string;
  /** Who issued the secret, as messages name it. */
  readonly provider: string;
  /** What the secret is, e.g. `API key`. */
  readonly kind: string;
  /** Conventional environment variable the suggestion reads instead. */
  readonly envVar: string;
  /** Noun of the suggestion title: "Read the {{noun}} from process.env.X". */
  readonly noun: string;
  /** Regex of the format: global for the table scan, anchored for name-based formats. */
  readonly regex: RegExp;
  /** Extra check on a match (beyond the placeholder check), e.g. that a loose format looks random. */
  readonly accept?: (match: string) => boolean;
  /** Secrets of this format that are public by design in some contexts (see the rule). */
  readonly publicInClientConfig?: boolean;
}

/** One secret found in a string, with its offsets in that string. */
export interface SecretMatch {
  readonly pattern: SecretPattern;
  readonly start: number;
  readonly end: number;
}

/** `(?<![chars])(?:body)(?![chars])`: the body must not continue a longer token on either side. */
function token(body: string, chars = 'A-Za-z0-9_-'): RegExp {
  return new RegExp(`(?<![${chars}])(?:${body})(?![${chars}])`, 'g');
}

/** Project, service-account and admin keys: the part after the prefix is long and random. */
function looksLikeOpenAiKey(match: string): boolean {
  const body = match.slice(match.indexOf('-', 3) + 1);
  return body.includes('T3BlbkFJ') || (/[a-z]/.test(body) && /[A-Z]/.test(body) && /[0-9]/.test(body));
}

/** Provider formats, most specific first. Sources: the providers' documentation and gitleaks' rules. */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    id: 'openai-admin-key',
    provider: 'OpenAI',
    kind: 'admin API key',
    envVar: 'OPENAI_ADMIN_KEY',
    noun: 'key',
    regex: token('sk-admin-[A-Za-z0-9_-]{40,250}'),
    accept: looksLikeOpenAiKey,
  },
  {
    id: 'openai-project-key',
    provider: 'OpenAI',
    kind: 'API key',
    envVar: 'OPENAI_API_KEY',
    noun: 'key',
    regex: token('sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,250}'),
    accept: looksLikeOpenAiKey,
  },
  {
    id: 'openai-legacy-key',
    provider: 'OpenAI',
    kind: 'API key',
    envVar: 'OPENAI_API_KEY',
    noun: 'key',
    regex: token('sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}'),
  },
  {
    id: 'anthropic-admin-key',
    provider: 'Anthropic',
    kind: 'admin API key',
    envVar: 'ANTHROPIC_ADMIN_KEY',
    noun: 'key',
    regex: token('sk-ant-admin01-[A-Za-z0-9_-]{93}AA'),
  },
  {
    id: 'anthropic-api-key',
    provider: 'Anthropic',
    kind: 'API key',
    envVar: 'ANTHROPIC_API_KEY',
    noun: 'key',
    regex: token('sk-ant-api03-[A-Za-z0-9_-]{93}AA'),
  },
  {
    id: 'aws-access-key-id',
    provider: 'AWS',
    kind: 'access key ID',
    envVar: 'AWS_ACCESS_KEY_ID',
    noun: 'key ID',
    regex: token('(?:AKIA|ASIA)[A-Z0-9]{16}', 'A-Za-z0-9'),
  },
  {
    id: 'github-token',
    provider: 'GitHub',
    kind: 'token',
    envVar: 'GITHUB_TOKEN',
    noun: 'token',
    regex: token('gh[pousr]_[A-Za-z0-9]{36}', 'A-Za-z0-9_'),
  },
  {
    id: 'github-fine-grained-token',
    provider: 'GitHub',
    kind: 'fine-grained personal access token',
    envVar: 'GITHUB_TOKEN',
    noun: 'token',
    regex: token('github_pat_[A-Za-z0-9_]{82}', 'A-Za-z0-9_'),
  },
  {
    id: 'slack-bot-token',
    provider: 'Slack',
    kind: 'bot token',
    envVar: 'SLACK_BOT_TOKEN',
    noun: 'token',
    regex: token('xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-){0,2}[A-Za-z0-9]{18,64}'),
  },
  {
    id: 'slack-user-token',
    provider: 'Slack',
    kind: 'user token',
    envVar: 'SLACK_USER_TOKEN',
    noun: 'token',
    regex: token('xoxp-[0-9]{8,14}-(?:[0-9]{8,14}-){0,2}[A-Za-z0-9]{18,64}'),
  },
  {
    id: 'slack-legacy-token',
    provider: 'Slack',
    kind: 'token',
    envVar: 'SLACK_TOKEN',
    noun: 'token',
    regex: token('xox[ars]-(?:[0-9]{1,14}-){0,3}[A-Za-z0-9]{8,64}'),
  },
  {
    id: 'slack-webhook-url',
    provider: 'Slack',
    kind: 'incoming webhook URL',
    envVar: 'SLACK_WEBHOOK_URL',
    noun: 'webhook URL',
    regex: token('https?://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}', 'A-Za-z0-9'),
  },
  {
    id: 'stripe-secret-key',
    provider: 'Stripe',
    kind: 'live secret key',
    envVar: 'STRIPE_SECRET_KEY',
    noun: 'key',
    regex: token('sk_live_[A-Za-z0-9]{20,255}', 'A-Za-z0-9_'),
  },
  {
    id: 'stripe-restricted-key',
    provider: 'Stripe',
    kind: 'live restricted key',
    envVar: 'STRIPE_SECRET_KEY',
    noun: 'key',
    regex: token('rk_live_[A-Za-z0-9]{20,255}', 'A-Za-z0-9_'),
  },
  {
    id: 'google-api-key',
    provider: 'Google',
    kind: 'API key',
    envVar: 'GOOGLE_API_KEY',
    noun: 'key',
    regex: token('AIza[A-Za-z0-9_-]{35}'),
    publicInClientConfig: true,
  },
  {
    id: 'huggingface-token',
    provider: 'Hugging Face',
    kind: 'access token',
    envVar: 'HF_TOKEN',
    noun: 'token',
    regex: token('hf_[A-Za-z]{34}', 'A-Za-z0-9_'),
  },
];

/** Private keys in PEM/OpenSSH/PGP armour. Matched by {@link findPrivateKey}, not by the table scan. */
export const PRIVATE_KEY_PATTERN: SecretPattern = {
  id: 'private-key',
  provider: 'PEM',
  kind: 'private key',
  envVar: 'PRIVATE_KEY',
  noun: 'private key',
  regex: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
};

/** AWS secret access keys have no prefix: 40 base64 characters, recognised by the name they are assigned to. */
export const AWS_SECRET_KEY_PATTERN: SecretPattern = {
  id: 'aws-secret-access-key',
  provider: 'AWS',
  kind: 'secret access key',
  envVar: 'AWS_SECRET_ACCESS_KEY',
  noun: 'key',
  regex: /^[A-Za-z0-9/+]{40}$/,
};

/** Base64 characters a private key body needs before the armour counts as a key, not a header constant. */
export const MIN_PRIVATE_KEY_BODY = 40;

/**
 * One cheap scan that every provider pattern and the private-key header need to pass: the literal
 * prefixes of {@link SECRET_PATTERNS}. Most strings in a file fail it, so the per-provider regexes run
 * on very few of them. Keep in sync with the table (the rule tests cover every provider).
 */
const ANY_PROVIDER_PREFIX = /sk-|AKIA|ASIA|gh[pousr]_|github_pat_|xox[bpars]-|hooks\.slack\.com|[rs]k_live_|AIza|hf_|PRIVATE KEY/;

/**
 * Every provider-format secret in `text`, in order, not overlapping. Matches that look like
 * placeholders (`xxxx…`, `0000…`, `1234567…`) are left out.
 */
export function findProviderSecrets(text: string): SecretMatch[] {
  if (!ANY_PROVIDER_PREFIX.test(text)) return [];
  const candidates: Array<SecretMatch & { priority: number }> = [];
  SECRET_PATTERNS.forEach((pattern, priority) => {
    for (const m of text.matchAll(pattern.regex)) {
      if (isPlaceholderToken(m[0]) || (pattern.accept && !pattern.accept(m[0]))) continue;
      candidates.push({ pattern, start: m.index, end: m.index + m[0].length, priority });
    }
  });
  const key = findPrivateKey(text);
  if (key) candidates.push({ ...key, priority: SECRET_PATTERNS.length });
  // Earliest first, the more specific pattern first on a tie; drop matches that overlap a kept one.
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority);
  const found: SecretMatch[] = [];
  let keptEnd = -1;
  for (const c of candidates) {
    if (c.start < keptEnd) continue;
    found.push({ pattern: c.pattern, start: c.start, end: c.end });
    keptEnd = c.end;
  }
  return found;
}

/** Whether `text` contains a private-key armour header, with or without a key body. */
export function hasPrivateKeyHeader(text: string): boolean {
  return text.search(PRIVATE_KEY_PATTERN.regex) !== -1;
}

/**
 * The first private key in `text`: an armour header followed by at least
 * {@link MIN_PRIVATE_KEY_BODY} base64 characters before the END line. A lone header (as parsing
 * code compares against) or a body elided with `...` is not a key.
 */
export function findPrivateKey(text: string): SecretMatch | null {
  for (const m of text.matchAll(PRIVATE_KEY_PATTERN.regex)) {
    const bodyStart = m.index + m[0].length;
    // The body ends at the next armour line (END, or another BEGIN), so bodies never overlap.
    const marker = text.indexOf('-----', bodyStart);
    const bodyEnd = marker === -1 ? text.length : marker;
    if (countKeyBody(text, bodyStart, bodyEnd) < MIN_PRIVATE_KEY_BODY) continue;
    const isEnd = marker !== -1 && text.startsWith('-----END ', marker);
    const close = isEnd ? text.indexOf('-----', marker + 9) : -1;
    const end = close === -1 ? bodyEnd : close + 5;
    return { pattern: PRIVATE_KEY_PATTERN, start: m.index, end };
  }
  return null;
}

/** Base64 characters of a key body, skipping `Proc-Type:`-style header lines. */
function countKeyBody(text: string, start: number, end: number): number {
  let count = 0;
  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > end) lineEnd = end;
    const line = text.slice(lineStart, lineEnd);
    if (!line.includes(':')) {
      if (line.includes('...') || line.includes('…')) return 0;
      for (let i = 0; i < line.length; i++) if (isBase64Char(line.charCodeAt(i))) count++;
    }
    lineStart = lineEnd + 1;
  }
  return count;
}

function isBase64Char(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61;
}

/**
 * A token of a known format that is obviously not a real secret: six or more equal characters in a
 * row (`xxxxxx`, `000000`) or eight or more consecutive ascending characters (`12345678`, `abcdefgh`).
 */
export function isPlaceholderToken(value: string): boolean {
  if (/(.)\1{5}/.test(value)) return true;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const n = [...value].length;
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How a secret-looking name reads. */
export type SecretNameKind = 'password' | 'secret';

const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pass', 'passphrase']);
const SECRET_WORDS = new Set([
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
  'creds',
  'auth',
  'authorization',
]);
/** Whole words that end in a secret word (`dbpassword`, `accesstoken`) — the all-lower-case spellings. */
const PASSWORD_SUFFIXES = ['password', 'passwd', 'pwd'];
const SECRET_SUFFIXES = ['secret', 'token', 'apikey', 'privatekey', 'accesskey', 'secretkey', 'credentials'];
/** `<word> key` pairs that name a secret: apiKey, privateKey, secretAccessKey, signingKey. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'master', 'signing', 'encryption', 'auth', 'client']);

/** Splits an identifier, property name or header name into lower-case words: `dbPassword2` -> [db, password2]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * Whether a variable, property, parameter or attribute name says it holds a secret. Only the last
 * word (the head noun) counts, so `passwordField`, `secretName`, `tokenizer` and `authorUrl` do not.
 */
export function classifySecretName(name: string): SecretNameKind | null {
  const words = nameWords(name).map((w) => w.replace(/(?<![0-9])[0-9]+$/, '')).filter((w) => w.length > 0);
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (last === undefined) return null;
  if (PASSWORD_WORDS.has(last) || PASSWORD_SUFFIXES.some((s) => last.endsWith(s))) return 'password';
  if (SECRET_WORDS.has(last) || SECRET_SUFFIXES.some((s) => last.endsWith(s))) return 'secret';
  if ((last === 'key' || last === 'keys') && prev !== undefined && KEY_QUALIFIERS.has(prev)) return 'secret';
  return null;
}

/** Whether a name is where an AWS secret access key goes: `secretAccessKey`, `aws_secret_access_key`, `awsSecret`. */
export function isAwsSecretName(name: string): boolean {
  const words = nameWords(name);
  const joined = words.join('');
  return joined.includes('secretaccesskey') || (words.includes('aws') && words.includes('secret'));
}

/** `apiKey` -> `API_KEY`, `x-api-key` -> `X_API_KEY`; `AUTH_TOKEN` for an `Authorization` header. */
export function envVarName(name: string): string {
  const words = nameWords(name);
  if (words.length === 1 && words[0] === 'authorization') return 'AUTH_TOKEN';
  const result = words.join('_').toUpperCase();
  if (result === '') return 'SECRET';
  return /^[0-9]/.test(result) ? `_${result}` : result;
}

/** Minimum length of a value the generic check considers. */
export const MIN_SECRET_LENGTH = 16;
/** Longer values are not hand-written passwords or tokens; the provider patterns still scan them. */
export const MAX_SECRET_LENGTH = 4096;
/** Shannon entropy (bits per character) a value needs to count as random. */
export const MIN_ENTROPY = 3.5;
/** Hexadecimal strings have at most 4 bits per character, so they get a lower bar. */
export const MIN_HEX_ENTROPY = 3.0;

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot)[ \t]+/i;
const PLACEHOLDER_WORD =
  /your|example|sample|dummy|placeholder|change[-_]?me|replace|redacted|fake|mock|test|demo|todo|fixme|insert|lorem|xxx|\*\*\*|\.\.\.|…|(?:secret|key|token|password)[-_]?here/i;
const TEMPLATE_SYNTAX = /\$\{|\{\{|%[sd]|%\(|^\$[A-Za-z_]\w*$|^<.*>$|^process\.env|^import\.meta\.env/;
const IDENTIFIER_SHAPES = [
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // ACCESS_TOKEN_KEY
  /^[a-z]+[0-9]*(?:[-_.:][a-z]+[0-9]*)+$/, // auth.access-token, session_secret_v2
  /^[a-z]+(?:[A-Z][a-z]+)+[0-9]*$/, // accessTokenStorageKey
  /^(?:[A-Z][a-z]+)+[0-9]*$/, // AccessTokenStorageKey
];
/** Regular-expression sources, CSS functions (`var(--x)`, `rgba(…)`) and hex colours. */
const CODE_LIKE = /\(\?[=!:<]|\\[dwsbDWSB]|^[a-z][a-z-]*\(.*\)$|^#[0-9a-f]{3,8}$/i;
/** Password hashes (bcrypt, argon2, crypt, pbkdf2, scrypt) are stored on purpose; they are not the password. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|pbkdf2[\w-]*|scrypt)\$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i;
const PATH = /^(?:\.{1,2}\/|~\/|\/|[A-Za-z]:\\)|^[\w-]+(?:\/[\w.-]+)*\/[\w-]+\.[A-Za-z0-9]{1,5}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** Public by design: Stripe publishable and test-mode keys, Mapbox public tokens, SRI hashes. */
const PUBLIC_VALUE = /^(?:pk_(?:live|test)_|(?:sk|rk)_test_|pk\.|sha(?:1|256|384|512)-|data:)/;

/** Where the secret part of a generic value is: the whole value, or what follows an auth scheme. */
export interface GenericCandidate {
  start: number;
  end: number;
}

/**
 * The generic check: a value assigned to a secret-looking name is a hardcoded secret when it is at
 * least {@link MIN_SECRET_LENGTH} characters, random enough (see {@link MIN_ENTROPY}) and not a
 * placeholder, template, identifier, regex or CSS value, password hash, URL without credentials,
 * path, e-mail address, UUID, example JWT or public-by-design key. `Bearer `/`Basic ` prefixes are skipped. Returns the secret's offsets.
 */
export function genericSecretCandidate(value: string): GenericCandidate | null {
  if (value.length > MAX_SECRET_LENGTH) return null;
  const scheme = AUTH_SCHEME.exec(value);
  const start = scheme ? scheme[0].length : 0;
  const secret = value.slice(start);
  if (secret.length < MIN_SECRET_LENGTH || isPlaceholderValue(secret)) return null;
  const hex = /^[0-9a-f]+$/i.test(secret) && /[a-f]/i.test(secret) && /[0-9]/.test(secret);
  const threshold = hex ? MIN_HEX_ENTROPY : MIN_ENTROPY;
  return shannonEntropy(secret) >= threshold ? { start, end: value.length } : null;
}

/** Values of secret-named things that are not secrets. */
export function isPlaceholderValue(value: string): boolean {
  if (/\s/.test(value)) return true; // a phrase: labels, messages, CSS
  if (PLACEHOLDER_WORD.test(value) || TEMPLATE_SYNTAX.test(value)) return true;
  if (/(.)\1{4}/.test(value)) return true;
  if (IDENTIFIER_SHAPES.some((re) => re.test(value)) || CODE_LIKE.test(value) || PASSWORD_HASH.test(value)) return true;
  if (URL_WITH_SCHEME.test(value)) return !URL_CREDENTIALS.test(value);
  if (PATH.test(value) || EMAIL.test(value) || UUID.test(value) || PUBLIC_VALUE.test(value)) return true;
  return isExampleJwt(value);
}

/** The jwt.io sample token ("John Doe") and Supabase-style `anon` keys, which are public. */
function isExampleJwt(value: string): boolean {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts[0].startsWith('eyJ') || !parts[1].startsWith('eyJ')) return false;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (typeof payload !== 'object' || payload === null) return false;
  const claims = payload as Record<string, unknown>;
  return claims.name === 'John Doe' || claims.sub === '1234567890' || claims.role === 'anon';
}

/** `sk-pro…(164 chars)`: enough to find the value, never the value. */
export function redact(value: string, visible: number): string {
  const shown = Math.min(visible, Math.floor(value.length / 3));
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}
