/**
 * Secret heuristics shared by the secrets rules of every target (JS/TS, agent configs, IaC, any text
 * file): the private-key check, the secret-name classifier and the high-entropy test of the generic check
 * (the provider table is `./providers`, run by `./scan`). Pure string functions, no AST: the rules do the
 * tree work. Every regex here uses bounded quantifiers and explicit boundaries so a scan stays linear.
 */
import type { ProviderPattern } from './provider';
import { looksRandom, realPassword } from './providers/shared';

/** One secret found in a string, with its offsets in that string. */
export interface SecretMatch {
  readonly pattern: ProviderPattern;
  readonly start: number;
  readonly end: number;
}

/** Private keys in PEM/OpenSSH/PGP armour. Matched by {@link findPrivateKey}, not by the table scan. */
export const PRIVATE_KEY_PATTERN: ProviderPattern = {
  id: 'private-key',
  provider: 'PEM',
  kind: 'private key',
  envVar: 'PRIVATE_KEY',
  keywords: ['private key'],
  regex: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
  confidence: 'high',
};

/** AWS secret access keys have no prefix: 40 base64 characters, recognised by the name they are assigned to. */
export const AWS_SECRET_KEY_PATTERN: ProviderPattern = {
  id: 'aws-secret-access-key',
  provider: 'AWS',
  kind: 'secret access key',
  envVar: 'AWS_SECRET_ACCESS_KEY',
  keywords: [],
  regex: /^[A-Za-z0-9/+]{40}$/,
  confidence: 'medium',
};

/** Base64 characters a private key body needs before the armour counts as a key, not a header constant. */
export const MIN_PRIVATE_KEY_BODY = 40;

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

/**
 * Cheap rejection before a name is split into words: every name {@link classifySecretName} accepts has one of
 * these in it, in any case (its words are pieces of the name, lower-cased: `password`, `passwd`, `pass`,
 * `passphrase`, `pwd`; `secret`, `token`, `apikey`, `credential(s)`, `creds`, `auth(orization)`; `*key`).
 */
const MAY_NAME_SECRET = /pwd|pass|secret|token|key|cred|auth/i;
/** The same for the `env` style, whose suffixes and headers add `PAT` and `COOKIE`. */
const MAY_NAME_ENV_SECRET = /pwd|pass|secret|token|key|cred|auth|pat|cookie/i;
/**
 * What every name {@link secretNameKind} accepts, in either style, has a match of (the words of
 * `MAY_NAME_ENV_SECRET`, ignoring case): text without one (a line of code, a whole file) holds no secret name.
 * Global, for a search from a position (`lastIndex`): a user sets `lastIndex` and puts it back.
 */
export const SECRET_NAME_HINT = /pwd|pass|secret|token|key|cred|auth|pat|cookie/gi;

/**
 * Whether a text has a match of `MAY_NAME_ENV_SECRET` (see {@link SECRET_NAME_HINT}): a name written in it as
 * it is (no escape) can then be a secret name in either style; without one, no name in it is.
 */
export function mayHoldSecretName(text: string): boolean {
  return MAY_NAME_ENV_SECRET.test(text);
}

/**
 * How names read, remembered: configuration keys and variable names repeat thousands of times across a
 * workspace (`name`, `Type`, `password`). The answer depends on the name alone, so it is never stale; the
 * maps are bounded (emptied when full) and only short names are kept.
 */
const codeKinds = new Map<string, SecretNameKind | null>();
const envKinds = new Map<string, SecretNameKind | null>();
const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_NAME = 128;

function remembered(memo: Map<string, SecretNameKind | null>, name: string, kindOf: (name: string) => SecretNameKind | null): SecretNameKind | null {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const kind = kindOf(name);
  if (name.length <= MAX_REMEMBERED_NAME) {
    if (memo.size >= MAX_REMEMBERED) memo.clear();
    memo.set(name, kind);
  }
  return kind;
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
/** Words before `token(s)` that make it a count or a cursor, not a credential: `max_tokens`, `next_page_token`. */
const NOT_CREDENTIAL_TOKEN = new Set(['max', 'min', 'total', 'num', 'number', 'count', 'input', 'output', 'prompt', 'completion', 'reasoning', 'cached', 'page', 'next', 'prev', 'previous', 'continuation', 'cursor', 'sync', 'pagination', 'start', 'end']);
/** `<word> key` pairs that name a secret: apiKey, privateKey, secretAccessKey, signingKey. */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'master', 'signing', 'encryption', 'auth', 'client']);

/** A name that is one word already: lower-case letters and digits, possibly capitalised (`name`, `Type`, `run2`). */
const ONE_WORD = /^[A-Za-z0-9][a-z0-9]*$/;

/** Splits an identifier, property name or header name into lower-case words: `dbPassword2` -> [db, password2]. */
export function nameWords(name: string): string[] {
  // The common case (`name`, `Type`, `image`), which the splitting below would return unchanged: no case change to split at.
  if (ONE_WORD.test(name)) return [name.toLowerCase()];
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
  if (!MAY_NAME_SECRET.test(name)) return null;
  return remembered(codeKinds, name, classifyWords);
}

function classifyWords(name: string): SecretNameKind | null {
  const words = nameWords(name).map((w) => w.replace(/(?<![0-9])[0-9]+$/, '')).filter((w) => w.length > 0);
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (last === undefined) return null;
  if ((last === 'token' || last === 'tokens') && prev !== undefined && NOT_CREDENTIAL_TOKEN.has(prev)) return null;
  if (PASSWORD_WORDS.has(last) || PASSWORD_SUFFIXES.some((s) => last.endsWith(s))) return 'password';
  if (SECRET_WORDS.has(last) || SECRET_SUFFIXES.some((s) => last.endsWith(s))) return 'secret';
  if ((last === 'key' || last === 'keys') && prev !== undefined && KEY_QUALIFIERS.has(prev)) return 'secret';
  return null;
}

/**
 * How a name is written. `code`: identifiers, properties and keys in code, where only the head noun counts
 * (`apiKey`, `dbPassword`, but not `passwordField` or `cacheKey`). `env`: environment variables, build
 * arguments, HTTP headers and configuration keys, where `DB_PASS`, `*_CREDENTIALS`, a secret word inside a
 * short name (`SECRET_KEY_BASE`), `*_KEY`/`*_COOKIE` in upper case (`STRIPE_KEY`) and the credential headers
 * (`Authorization`, `X-Api-Key`) also name credentials, and names of a secret's id, path, format or limits
 * (`TOKEN_PATH`, `SECRET_NAME`, `PASSWORD_MIN_LENGTH`) do not.
 */
export type SecretNameStyle = 'code' | 'env';

/**
 * Secret-named things that are not secrets: key ids, public keys, file paths, URLs, token limits, the parts
 * of a secret's format (`SECRET_KEY_INSECURE_PREFIX`, `TOKEN_PATTERN`, `PASSWORD_FIELD`) and where one goes
 * (`_SECRET_NAMESPACE`, `DOCKER_CREDENTIAL_FILE_FLAG`).
 */
const NOT_SECRET_NAME =
  /PUBLIC|(?:^|[_-])(?:ID|PATH|FILE|DIR|URL|URI|NAME|TYPE|HEADER|LIMIT|MAX|MIN|COUNT|EXPIRY|TTL|LENGTH|ENABLED|MODE|POLICY|PREFIX|SUFFIX|PATTERN|REGEXP?|FORMAT|FIELD|PARAM|NAMESPACE|FLAG|OPTION|ARG)$/i;
/** A secret word ending the name (`DB_PASS`, `GITHUB_PAT`, `AWS_CREDENTIALS`). */
const ENV_SECRET_SUFFIX = /(?:^|[_-])(?:SECRET|PASSWORD|PASSWD|PASS|PWD|PAT|CREDENTIALS?)$/i;
/** `*_KEY` and `*_COOKIE` in an upper-case name: `STRIPE_KEY`, `SESSION_COOKIE` (in code, `cacheKey` is not one). */
const ENV_KEY_SUFFIX = /[_-](?:KEY|COOKIE)$/;
/** Keys that name or look up things, or are public: `GPG_KEY` in the official Python images is a fingerprint. */
const NOT_SECRET_KEY = /(?:^|_)(?:GPG|PGP|CACHE|SORT|PARTITION|PRIMARY|FOREIGN|ROUTING|IDEMPOTENCY|LOOKUP|INDEX|S3|OBJECT|BUCKET|MAP|DEDUP(?:LICATION)?)_KEY$/;
/**
 * A secret word inside the name (`SECRET_KEY_BASE`, `CLIENT_SECRET_BACKUP`). Inside a longer name it is a
 * topic, not what it holds (`Auto_discovery_…_extra_resolution_pass_for_module_1`), so short names only.
 */
const ENV_SECRET_WORD = /(?:^|[_-])(?:SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?)[_-]/i;
const MAX_WORDS_AROUND_SECRET_WORD = 4;
/** Headers that carry credentials. */
const CREDENTIAL_HEADER = /^(?:(?:proxy-)?authorization|x-api-key|api-key|x-auth-token)$/i;

/** What a name says it holds: a password, another secret, or neither (see {@link SecretNameStyle}). */
export function secretNameKind(name: string, style: SecretNameStyle = 'code'): SecretNameKind | null {
  if (style === 'code') return classifySecretName(name);
  if (!MAY_NAME_ENV_SECRET.test(name)) return null;
  return remembered(envKinds, name, envNameKind);
}

function envNameKind(name: string): SecretNameKind | null {
  if (NOT_SECRET_NAME.test(name)) return null;
  const kind = classifySecretName(name);
  if (kind !== null) return kind;
  const word =
    ENV_SECRET_SUFFIX.exec(name)?.[0] ??
    (name.split(/[_-]/).length <= MAX_WORDS_AROUND_SECRET_WORD ? ENV_SECRET_WORD.exec(name)?.[0] : undefined);
  if (word !== undefined) return /pas|pwd/i.test(word) ? 'password' : 'secret';
  if (ENV_KEY_SUFFIX.test(name) && name === name.toUpperCase() && !NOT_SECRET_KEY.test(name)) return 'secret';
  return CREDENTIAL_HEADER.test(name) ? 'secret' : null;
}

/** Whether a name says it holds a credential (see {@link secretNameKind}). */
export function isSecretName(name: string, style: SecretNameStyle = 'code'): boolean {
  return secretNameKind(name, style) !== null;
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
/** Templates and references: `${X}`, `{{ x }}`, `%s`, `%(x)s`, `$X`, a shell command's output `$(cmd …)`, `<x>`, `[x]`, `process.env…`. */
const TEMPLATE_SYNTAX = /\$\{|\{\{|%[sd]|%\(|\$\(|^\$[A-Za-z_]\w*$|^<.*>$|^\[.*\]$|^process\.env|^import\.meta\.env/;
const IDENTIFIER_SHAPES = [
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // ACCESS_TOKEN_KEY
  /^[a-z]+[0-9]*(?:[-_.:][a-z]+[0-9]*)+$/, // auth.access-token, session_secret_v2
  /^[a-z]+(?:[A-Z][a-z]+)+[0-9]*$/, // accessTokenStorageKey
  /^(?:[A-Z][a-z]+)+[0-9]*$/, // AccessTokenStorageKey
];
/**
 * Regular-expression sources (groups, escapes, a class opening with a range `[0-9…`, a quantifier `]{1,4}`),
 * CSS functions (`var(--x)`, `rgba(…)`) and hex colours.
 */
const CODE_LIKE = /\(\?[=!:<]|\\[dwsbDWSB]|\[\^?[A-Za-z0-9]-[A-Za-z0-9]|[\])]\{[0-9]{1,4}(?:,[0-9]{0,4})?\}|^[a-z][a-z-]*\(.*\)$|^#[0-9a-f]{3,8}$/i;
/** Password hashes (bcrypt, argon2, crypt, pbkdf2, scrypt) are stored on purpose; they are not the password. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|pbkdf2[\w-]*|scrypt)\$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const URL_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s:]*:[^/@\s]+@/i;
/** Paths: relative, home, absolute, drive, under a variable (`$dir/private/cakey.pem`, `%APPDATA%\\x`), or `dir/file.ext`. */
const PATH = /^(?:\.{1,2}\/|~\/|\/|[A-Za-z]:\\|\$\w{1,64}[/\\]|%\w{1,64}%[/\\])|^[\w-]+(?:\/[\w.-]+)*\/[\w-]+\.[A-Za-z0-9]{1,5}$/;
/** URNs (`urn:uuid:…`, `urn:ietf:params:…`) name things; they are not credentials. */
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
/** Public by design: Stripe publishable and test-mode keys, Mapbox public tokens, SRI hashes. */
const PUBLIC_VALUE = /^(?:pk_(?:live|test)_|(?:sk|rk)_test_|pk\.|sha(?:1|256|384|512)-|data:)/;

/**
 * Example credentials from specifications and vendors' documentation, quoted by every library and tutorial
 * that implements them: OAuth 2.0 (RFC 6749, RFC 6750), OAuth 1.0 (RFC 5849), Telegram's Bot API.
 */
const DOCUMENTED_EXAMPLE_VALUES: ReadonlySet<string> = new Set([
  // RFC 6749: access and refresh tokens, authorization code, client secret, client credentials (Basic).
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
  // RFC 6750: a bearer token.
  'mF_9.B5f-4.1JqM',
  // RFC 5849: consumer keys and secrets, temporary and token credentials, a signature.
  'dpf43f3p2l4k3l03',
  'kd94hf93k423kf44',
  'hh5s93j4hdidpola',
  'hdhd0244k9j7ao03',
  'nnch734d00sl2jdk',
  'pfkkdhi9sl3r4s00',
  'hfdp7dh39dks9884',
  '9djdj82h48djs9d2',
  'kkk9d7dh3k39sjv7',
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  'wOJIO9A2W5mFwDgiDvZbTSMK%2FPY%3D',
  // Telegram Bot API: the bot token of its documentation.
  '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
]);

/**
 * Characters of identifiers, dotted paths, header names, flags and slugs, with a little decoration:
 * `rsa.RSAPrivateKey`, `Proxy-Authorization`, `--docker-credential-file`, `._TokenCache`, `##invalid-password##`.
 */
const WORDS_ONLY = /^[~_$@.#-]{0,3}[A-Za-z0-9]+(?:[._:/-]{1,2}[A-Za-z0-9]+)*[._:/#-]{0,3}$/;
/** Separators between the segments of such a value. */
const SEPARATORS = /[~_$@.#:/-]+/;
/** The words of a segment: acronyms, capitalised or lower-case words, single capitals, digit runs. */
const WORD = /[A-Z]{2,8}(?![a-z])|[A-Z]?[a-z]+|[A-Z]|[0-9]+/g;
/** Five consonants in a row: no English word or identifier has them, random letters nearly always do. */
const CONSONANT_RUN = /[b-df-hj-np-tv-xz]{5}/i;
/** Segments that are only digits (`0002_alter_user`, `oauth2client_4_0`): version and sequence numbers. */
const DIGIT_SEGMENT = /(?:^|[._:/-])[0-9]{1,12}(?=[._:/-]|$)/g;

/**
 * Whether a value is made of words rather than random characters: an identifier, a dotted path, a type
 * name, a header name, a command-line flag or a slug (`_EllipticCurvePrivateKey`,
 * `~botocore.credentials.Credentials`, `0002_alter_permission_name_max_length`, `Proxy-Authorization`,
 * `HEADER.SIMULATED_JWT_PAYLOAD.SIGNATURE`). Its words read as words (vowels, no long consonant runs,
 * acronyms of at most five capitals unless a whole segment is one) and it has few of the one- or two-letter
 * runs and scattered digits random tokens are full of ({@link looksRandom}). Such a value can score a high
 * entropy by length alone; a generated secret is almost never made this way.
 */
export function isMadeOfWords(value: string): boolean {
  if (!WORDS_ONLY.test(value) || looksRandom(value.replace(DIGIT_SEGMENT, ''))) return false;
  const tally = { words: 0, singles: 0, letters: 0, vowels: 0, capitals: 0 };
  for (const segment of value.split(SEPARATORS)) {
    // A segment in capitals (`SIMULATED` in `HEADER.SIMULATED_JWT`) is a word written in CONSTANT_CASE.
    const words = /^[A-Z]{3,}$/.test(segment) ? [segment.toLowerCase()] : [...segment.matchAll(WORD)].map((m) => m[0]);
    for (const word of words) {
      if (!readsAsWord(word, tally)) return false;
    }
  }
  // Words of a language are about 40% vowels, random letters 23%; acronyms are the exception, not the rule.
  if (tally.vowels < tally.letters * 0.3 || tally.capitals * 2 > tally.letters) return false;
  // Structure: words joined by separators or case changes. A run of lower-case letters and digits alone
  // (`k3abuoqeyzhxtir9`) is how many random tokens look, so it never counts as words.
  return tally.words > 0 && tally.singles <= 1 && /[._:/#-]|[a-z][A-Z]/.test(value);
}

/** Counts one word of {@link isMadeOfWords}; false when it cannot be a word. */
function readsAsWord(word: string, tally: { words: number; singles: number; letters: number; vowels: number; capitals: number }): boolean {
  if (/^[0-9]/.test(word)) return true;
  if (word.length === 1) {
    tally.singles++;
    return true;
  }
  if (word === word.toUpperCase()) {
    tally.capitals += word.length;
    return word.length <= 5;
  }
  if ((word.length >= 4 && !/[aeiouy]/i.test(word)) || CONSONANT_RUN.test(word)) return false;
  if (word.length >= 3) tally.words++;
  tally.letters += word.length;
  tally.vowels += word.replace(/[^aeiouy]/gi, '').length;
  return true;
}

/** Code, not a value: a call (`GoogleCredentials.get_application_default()`, `from_p12_keyfile(`) or a generic type (`list[V1ObjectReference]`). */
const CODE_EXPRESSION = /^[A-Za-z_$][\w$.]{0,127}\(|^[A-Za-z_][\w.]{0,63}\[[\w.,[\] ]{1,256}\]$/;
/** Two or more `name=value` parameters: a query string or option list (`&authMechanism=…&authMechanismProperties=…`). */
const PARAMETERS = /(?:^|[?&;])[A-Za-z_][\w.-]{0,63}=[^&;=]{0,512}[&;][A-Za-z_][\w.-]{0,63}=/;
/** Standard base64 with its padding: what `Basic` credentials and encoded config values look like. */
const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

/**
 * The text a base64 value encodes, when it is printable ASCII: `Basic dXNlcm5hbWU6cGFzc3dvcmQ=` is
 * `username:password`. Random key material decodes to bytes that are not text; null then.
 */
function decodedText(value: string): string | null {
  if (value.length % 4 !== 0 || !BASE64.test(value)) return null;
  const text = Buffer.from(value, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/**
 * Credentials that say they are not real: `user:password` with a placeholder password (`user%40email.com:password`),
 * or base64 of a phrase or of such a pair (`not my real password`, `username:password`).
 */
function isExampleCredential(value: string): boolean {
  const decoded = decodedText(value);
  const text = decoded ?? value;
  if (decoded !== null && (/\s/.test(decoded) || isPlaceholderValue(decoded))) return true;
  const colon = text.indexOf(':');
  return colon > 0 && !/\s/.test(text.slice(0, colon)) && !realPassword(text.slice(colon + 1));
}

/** Where the secret part of a generic value is: the whole value, or what follows an auth scheme. */
export interface GenericCandidate {
  start: number;
  end: number;
}

/**
 * The generic check: a value assigned to a secret-looking name is a hardcoded secret when it is at
 * least {@link MIN_SECRET_LENGTH} characters, random enough (see {@link MIN_ENTROPY}) and not a
 * placeholder, template, identifier or other value made of words ({@link isMadeOfWords}), code (a call,
 * a generic type), query string, regex or CSS value, password hash, URL without credentials, path, e-mail
 * address, UUID or URN, documented or self-declared example credential (`user:password`, base64 of a
 * phrase), example JWT or public-by-design key. `Bearer `/`Basic ` prefixes are skipped. Returns the secret's offsets.
 */
export function genericSecretCandidate(value: string): GenericCandidate | null {
  if (value.length > MAX_SECRET_LENGTH) return null;
  const scheme = AUTH_SCHEME.exec(value);
  const start = scheme ? scheme[0].length : 0;
  const secret = value.slice(start);
  if (secret.length < MIN_SECRET_LENGTH || isPlaceholderValue(secret) || isMadeOfWords(secret)) return null;
  if (CODE_EXPRESSION.test(secret) || PARAMETERS.test(secret) || isExampleCredential(secret)) return null;
  // Generated secrets are printable ASCII; text in other scripts (a translated message) is not one, however varied.
  if (/[^\x21-\x7e]/.test(secret)) return null;
  const hex = /^[0-9a-f]+$/i.test(secret) && /[a-f]/i.test(secret) && /[0-9]/.test(secret);
  const threshold = hex ? MIN_HEX_ENTROPY : MIN_ENTROPY;
  return shannonEntropy(secret) >= threshold ? { start, end: value.length } : null;
}

/** Values that carry no credential: booleans, small numbers, `none`. */
const TRIVIAL_VALUE = /^(?:true|false|yes|no|on|off|null|none|nil|undefined|\d{1,5})$/i;

/**
 * Whether a literal written under a secret name is a credential rather than nothing, a boolean, a small
 * number, a stand-in (see {@link isStandInValue}), a path, a URL without credentials or a password hash.
 * Says nothing about randomness or shape: where the name is reliable (the env variables of a manifest, a
 * `Secret`, an MCP server's headers), `hunter2-prod` under `DB_PASSWORD` is a password.
 */
export function isLiteralCredential(value: string): boolean {
  const text = value.trim();
  if (text.length === 0 || TRIVIAL_VALUE.test(text) || isStandInValue(text) || PASSWORD_HASH.test(text)) return false;
  if (URL_WITH_SCHEME.test(text)) return URL_CREDENTIALS.test(text);
  return !PATH.test(text) && !PUBLIC_VALUE.test(text);
}

/**
 * Values that only stand in for a secret: placeholder words (`changeme`, `your-key-here`, `xxx`), templates
 * and references (`${X}`, `{{ x }}`, `<token>`), runs of one character, documented example credentials.
 */
export function isStandInValue(value: string): boolean {
  return PLACEHOLDER_WORD.test(value) || TEMPLATE_SYNTAX.test(value) || /(.)\1{4}/.test(value) || DOCUMENTED_EXAMPLE_VALUES.has(value) || isExampleJwt(value);
}

/** Values of secret-named things that are not secrets. */
export function isPlaceholderValue(value: string): boolean {
  if (/\s/.test(value)) return true; // a phrase: labels, messages, CSS
  if (isStandInValue(value)) return true;
  if (IDENTIFIER_SHAPES.some((re) => re.test(value)) || CODE_LIKE.test(value) || PASSWORD_HASH.test(value)) return true;
  if (URL_WITH_SCHEME.test(value)) return !URL_CREDENTIALS.test(value);
  return PATH.test(value) || EMAIL.test(value) || UUID.test(value) || URN.test(value) || PUBLIC_VALUE.test(value);
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
