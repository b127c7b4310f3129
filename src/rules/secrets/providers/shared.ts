/**
 * Regex fragments and value checks shared by the provider rows. The fragments are string constants (not
 * functions) so every row's regex is a constant the ReDoS test can fold: `new RegExp(String.raw`${B}…${E}`, 'g')`.
 */

/** The secret starts a token: no letter, digit, `_` or `-` just before it. */
export const B = String.raw`(?<![A-Za-z0-9_-])`;
/** The secret ends a token: no letter, digit, `_` or `-` just after it. */
export const E = String.raw`(?![A-Za-z0-9_-])`;
/** Same for base64 tokens, whose alphabet also has `+` and `/`, and which may end in `=` padding. */
export const B64_B = String.raw`(?<![A-Za-z0-9+/_-])`;
export const B64_E = String.raw`(?![A-Za-z0-9+/=_-])`;

/** An assignment between a name and its value: closing quotes or brackets, `=`, `:`, `:=` or `=>`, opening quotes. */
export const ASSIGN = String.raw`[\s'"\]]{0,4}(?::=|=>|[:=])[\s'"\x60]{0,5}`;

/**
 * From a provider keyword to the value it names: the rest of the name (`_API_KEY`, `AuthToken`, `.api.secret`),
 * possibly as the argument of a call (`Mistral(api_key`, `new Mistral({ apiKey`, `wandb.login(key`), which must end
 * where the name ends and in a secret word (checked by the lookbehind), then {@link ASSIGN}. Names ending in anything
 * else (`_ID`, `_MODEL`, `_URL`, `CIRCLE_SHA1`, `DD_VERSION`) name no secret, so their values (often UUIDs and commit
 * hashes) are never matched. The name is read once to its end (the lookahead makes every shorter split fail at once)
 * and every part is bounded and as small as real names allow: larger bounds make recheck's fuzzer report a bounded
 * quadratic blow-up. Context rows use it as `keyword${NAMED_SECRET}(?<secret>…)${B64_E}` with flags `gdi`.
 */
export const NAMED_SECRET = String.raw`[\w.-]{0,20}(?:\(\{?\s{0,12}[\w.-]{1,12})?(?![\w.-])(?<=(?:key|token|secret|pass|password|passwd|pwd|auth|credential|credentials|pat)s?(?:[_.-]?[0-9]{1,2})?)${ASSIGN}`;

/** A UUID in lower- or upper-case hex. */
export const UUID = String.raw`[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}`;

/** A signed JSON Web Token: header and payload are base64url JSON objects (`eyJ` is `{"`), then a signature. */
export const JWT = String.raw`(?<![A-Za-z0-9_/+.-])eyJ[A-Za-z0-9_-]{8,1000}\.eyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_=-])`;

type CharClass = 'lower' | 'upper' | 'digit' | 'other';

function charClass(c: number): CharClass {
  if (c >= 97 && c <= 122) return 'lower';
  if (c >= 65 && c <= 90) return 'upper';
  if (c >= 48 && c <= 57) return 'digit';
  return 'other';
}

/**
 * Whether a mixed-alphabet token looks random rather than like an identifier. Split into words at every change
 * of character class (a capital followed by lower-case letters stays one word): identifiers
 * (`updateFirmwareVersion2024Beta`) are made of words of three or more letters, random tokens have many letter
 * runs of one or two, or (in lower-case alphabets) digits scattered in three or more runs. Apply it to the random
 * part, after any fixed prefix; never to letters-only formats like Hugging Face's.
 */
export function looksRandom(value: string): boolean {
  let short = 0;
  let digitRuns = 0;
  let i = 0;
  while (i < value.length) {
    const cls = charClass(value.charCodeAt(i));
    let j = i + 1;
    if (cls === 'upper' && j < value.length && charClass(value.charCodeAt(j)) === 'lower') {
      while (j < value.length && charClass(value.charCodeAt(j)) === 'lower') j++;
    } else {
      while (j < value.length && charClass(value.charCodeAt(j)) === cls) j++;
    }
    if ((cls === 'lower' || cls === 'upper') && j - i <= 2) short++;
    if (cls === 'digit') digitRuns++;
    i = j;
  }
  return short >= 2 || digitRuns >= 3;
}

/**
 * For tokens of 20 characters or fewer, where {@link looksRandom} has little to go on: a digit among both cases
 * also counts, and so do digits in two or more runs among lower-case letters (`k3xq9…`, not `user2024name`).
 */
export function looksRandomShort(value: string): boolean {
  if (looksRandom(value)) return true;
  if (/[0-9]/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return true;
  return /[a-z]/.test(value) && (value.match(/[0-9]+/g) ?? []).length >= 2;
}

/** Hex of a secret has both digits and letters; `deadbeefdeadbeef…` and `1234…` are not keys. */
export function hexMixed(value: string): boolean {
  return /[0-9]/.test(value) && /[a-f]/i.test(value);
}

/** Example UUIDs from specifications and tutorials (RFC 4122/9562, Wikipedia, the nil and max UUIDs). */
const EXAMPLE_UUIDS: ReadonlySet<string> = new Set([
  '123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-12d3-a456-426655440000',
  'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
  '550e8400-e29b-41d4-a716-446655440000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
]);

/** A UUID value that is not a well-known example. */
export function notExampleUuid(value: string): boolean {
  return !EXAMPLE_UUIDS.has(value.toLowerCase());
}

/** Values that stand for a password in docs, templates and local setups, compared without case and punctuation. */
const PLACEHOLDER_PASSWORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pass',
  'pwd',
  'pw',
  'secret',
  'changeme',
  'changeit',
  'example',
  'sample',
  'dummy',
  'placeholder',
  'mypassword',
  'yourpassword',
  'dbpassword',
  'dbpass',
  'userpassword',
  'adminpassword',
  'rootpassword',
  'root',
  'admin',
  'postgres',
  'mysql',
  'mariadb',
  'redis',
  'mongo',
  'mongodb',
  'guest',
  'test',
  'user',
  'username',
  'default',
  'foo',
  'bar',
  'foobar',
  'secret123',
  'password123',
  'pass123',
  // The sample passwords of documentation: Oracle's scott/tiger (SQLAlchemy's docs use it throughout),
  // the Docker postgres image's `mysecretpassword`, and the proverbial ones.
  'tiger',
  'mysecretpassword',
  'supersecret',
  'topsecret',
  'secretpassword',
  'hunter2',
  'letmein',
  'qwerty',
  'passw0rd',
  'p4ssw0rd',
  's3cr3t',
]);

/**
 * The password of a connection string is a real one: not a template (`${DB_PASSWORD}`, `{{ pass }}`, `%(pw)s`,
 * `$PW`, `<password>`, `[password]`), not masked (`***`, `...`), not a placeholder word (`password`,
 * `changeme`, `your_password`, documentation's `tiger`), not a local default (`postgres`, `root`, `guest`),
 * and not one of those longer words with up to four characters added (`tiger^5HHH`, `postgres123`).
 */
export function realPassword(value: string): boolean {
  if (value.length < 3) return false;
  if (/^[<[{(%$*]|[$%]\{|\{\{|\$\(|%\(|\.\.\.|…/.test(value)) return false;
  if (/^(?:\*+|x+|\.+|-+|_+)$/i.test(value)) return false;
  if (/your|example|placeholder|change[-_]?me|redacted|xxx/i.test(value)) return false;
  const plain = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (PLACEHOLDER_PASSWORDS.has(plain)) return false;
  // A placeholder of five letters or more with a few characters added (`tiger^5HHH`, `postgres123`) is still one.
  for (let cut = plain.length - 1; cut >= 5 && cut >= plain.length - 4; cut--) {
    if (PLACEHOLDER_PASSWORDS.has(plain.slice(0, cut))) return false;
  }
  return true;
}

/** The decoded header and payload of a JWT-shaped string, or null when either is not a JSON object. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | null {
  const [header, payload] = token.split('.', 2).map(decodeJsonObject);
  return header && payload ? { header, payload } : null;
}

function decodeJsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * A JWT that is a credential: header and payload decode to JSON objects, the header names a signing algorithm,
 * and it is not a public token: the jwt.io sample ("John Doe", subject `1234567890`) or a Supabase `anon` key.
 */
export function isCredentialJwt(token: string): boolean {
  const jwt = decodeJwt(token);
  if (!jwt || typeof jwt.header.alg !== 'string' || jwt.header.alg.toLowerCase() === 'none') return false;
  const claims = jwt.payload;
  return claims.name !== 'John Doe' && claims.sub !== '1234567890' && claims.role !== 'anon';
}

/** A Supabase service-role key: a credential JWT whose `role` claim is `service_role`. */
export function isSupabaseServiceRoleJwt(token: string): boolean {
  return isCredentialJwt(token) && decodeJwt(token)?.payload.role === 'service_role';
}
