/**
 * Typosquat detection: is a package name suspiciously close to a popular one without being popular itself?
 * Offline and warning-grade: it compares against the bundled lists in `./popular/` (see its README).
 */
import { normalizePypiName } from './package-names/names';
import npmList from './popular/npm.json';
import pypiList from './popular/pypi.json';

/** Registries with a bundled popular-name list. */
export type TyposquatEcosystem = 'npm' | 'pypi';

/** A likely typosquat: the popular package the author probably meant, and why the name looks like it. */
export interface TyposquatMatch {
  intended: string;
  reason: string;
}

/** Names this long or shorter are never judged: too many legitimate short names are one edit apart. */
const MIN_LENGTH = 4;
/** npm's own limit on a name; longer input is not a package name. */
const MAX_LENGTH = 214;
/** From this length on, two edits still count as a typo (and must stay inside one word of at least that length). */
const LONG_NAME = 12;
/** Scope parts that mean "the same package, another flavour", never a confusion (`@types/lodash`). */
const NEUTRAL_SCOPES: ReadonlySet<string> = new Set(['types', 'typescript-eslint', 'definitelytyped']);
/** Package parts that an assistant appends to a vendor's name when it invents a scoped package. */
const GENERIC_SCOPED_NAMES: ReadonlySet<string> = new Set(['sdk', 'js', 'node', 'client', 'api', 'core', 'lib', 'official', 'npm']);

/** Affixes that an assistant adds to or drops from a name; stripped or added, they point at the real one. */
const AFFIXES: Readonly<Record<TyposquatEcosystem, { prefixes: readonly string[]; suffixes: readonly string[] }>> = {
  npm: { prefixes: ['node-'], suffixes: ['-js', '.js'] },
  // A bare `py` (pymysql, pyasn1) is part of too many real names to count as an affix.
  pypi: { prefixes: ['python-', 'py-'], suffixes: ['-python', '-py'] },
};

/**
 * Real, unrelated packages that sit next to a popular name. Each entry: name -> one-line reason.
 * (Pairs of two popular names need no entry: a popular name is never reported.)
 */
const LEGITIMATE: Readonly<Record<TyposquatEcosystem, ReadonlyMap<string, string>>> = {
  npm: new Map<string, string>([
    ['preact', 'a React alternative, not a typo of react'],
    ['color', 'a colour-conversion library, unrelated to colors'],
    ['colors', 'terminal colours, unrelated to color'],
  ]),
  pypi: new Map<string, string>([
    ['attr', 'a small, long-standing package of its own, not the plural attrs'],
    ['beautifulsoup', 'the real BeautifulSoup 3 (Python 2); warning about it is the deprecation check, not this one'],
  ]),
};

interface PopularIndex {
  rank: ReadonlyMap<string, number>;
  /** Separator-free, look-alike-folded form -> most popular name with that form. */
  skeletons: ReadonlyMap<string, string>;
  /** Names that can be typo targets (not scoped, at least {@link MIN_LENGTH} long), by length, with their character counts. */
  byLength: ReadonlyMap<number, readonly Candidate[]>;
  /** Scopes that own at least one popular package (`babel` for `@babel/core`). */
  scopes: ReadonlySet<string>;
  /** Name after the scope (`core`) -> the scopes with a popular package of that name, in the order of {@link scopes}. */
  scopesByRest: ReadonlyMap<string, readonly string[]>;
}

/** A popular name and how often each character occurs in it (see {@link histogram}). */
interface Candidate {
  name: string;
  counts: Uint8Array;
}

const indexes = new Map<TyposquatEcosystem, PopularIndex>();

/**
 * Finds the popular package that `name` most likely imitates, or `null` when it looks like none.
 * Popular names, names of 3 characters or fewer and known legitimate neighbours are never reported.
 * @param name a package name as written (PyPI names are normalised per PEP 503, npm names lowercased)
 * @param ecosystem the registry the name belongs to
 * @throws TypeError when `name` is not a string or `ecosystem` is not `npm` or `pypi`
 */
export function findTyposquat(name: string, ecosystem: TyposquatEcosystem): TyposquatMatch | null {
  if (typeof name !== 'string') throw new TypeError(`findTyposquat: name must be a string, got ${typeof name}`);
  if (ecosystem !== 'npm' && ecosystem !== 'pypi') {
    throw new TypeError(`findTyposquat: ecosystem must be "npm" or "pypi", got ${JSON.stringify(ecosystem)}`);
  }
  const query = normalizeName(name.trim(), ecosystem);
  if (query.length <= MIN_LENGTH - 1 || query.length > MAX_LENGTH) return null;
  const index = popularIndex(ecosystem);
  if (index.rank.has(query) || LEGITIMATE[ecosystem].has(query)) return null;
  return (
    scopeConfusion(query, index) ??
    skeletonMatch(query, index) ??
    affixMatch(query, ecosystem, index) ??
    editDistanceMatch(query, index)
  );
}

/** Whether `name` is in the bundled popular list of its ecosystem (after normalisation). */
export function isPopularPackage(name: string, ecosystem: TyposquatEcosystem): boolean {
  return popularIndex(ecosystem).rank.has(normalizeName(name, ecosystem));
}

/** The bundled popular names of one ecosystem, most downloaded first. */
export function popularPackages(ecosystem: TyposquatEcosystem): readonly string[] {
  return [...popularIndex(ecosystem).rank.keys()];
}

/** PEP 503 for PyPI (lowercase; runs of `-`, `_`, `.` become `-`); lowercase for npm. */
export function normalizeName(name: string, ecosystem: TyposquatEcosystem): string {
  return ecosystem === 'pypi' ? normalizePypiName(name) : name.toLowerCase();
}

function popularIndex(ecosystem: TyposquatEcosystem): PopularIndex {
  let index = indexes.get(ecosystem);
  if (!index) {
    index = buildIndex(ecosystem === 'npm' ? npmList.names : pypiList.names);
    indexes.set(ecosystem, index);
  }
  return index;
}

function buildIndex(names: readonly string[]): PopularIndex {
  const rank = new Map<string, number>();
  const skeletons = new Map<string, string>();
  const byLength = new Map<number, Candidate[]>();
  const scopes = new Set<string>();
  const scopesByRest = new Map<string, string[]>();
  names.forEach((name, i) => {
    if (rank.has(name)) return;
    rank.set(name, i);
    const scope = scopeOf(name);
    if (scope) {
      scopes.add(scope.scope);
      const owners = scopesByRest.get(scope.rest);
      if (owners) owners.push(scope.scope);
      else scopesByRest.set(scope.rest, [scope.scope]);
    }
    if (name.length < MIN_LENGTH || scope) return;
    const skeleton = skeletonOf(name);
    if (!skeletons.has(skeleton)) skeletons.set(skeleton, name);
    const bucket = byLength.get(name.length);
    const candidate = { name, counts: histogram(name) };
    if (bucket) bucket.push(candidate);
    else byLength.set(name.length, [candidate]);
  });
  const order = new Map([...scopes].map((scope, i) => [scope, i]));
  for (const owners of scopesByRest.values()) owners.sort((a, b) => order.get(a)! - order.get(b)!);
  return { rank, skeletons, byLength, scopes, scopesByRest };
}

function scopeOf(name: string): { scope: string; rest: string } | null {
  const match = /^@([^/]+)\/(.+)$/.exec(name);
  return match ? { scope: match[1], rest: match[2] } : null;
}

/** `@openai/sdk` -> `openai`; `@express/session` -> `express-session` when no popular package uses that scope. */
function scopeConfusion(query: string, index: PopularIndex): TyposquatMatch | null {
  const parts = scopeOf(query);
  if (!parts || NEUTRAL_SCOPES.has(parts.scope) || parts.scope.length < MIN_LENGTH) return null;
  const { scope, rest } = parts;
  const reason = `"${query}" puts the name of the unscoped package in a scope`;
  if (GENERIC_SCOPED_NAMES.has(rest) && index.rank.has(scope)) return { intended: scope, reason };
  if (index.scopes.has(scope)) return null;
  const joined = [`${scope}-${rest}`, `${scope}${rest}`, `${rest}-${scope}`].filter((n) => index.rank.has(n));
  return joined.length > 0 ? { intended: mostPopular(joined, index), reason } : null;
}

/** Without separators and with `0`/`1` read as `o`/`l`, the name is a popular one (`crossenv`, `l0dash`). */
function skeletonMatch(query: string, index: PopularIndex): TyposquatMatch | null {
  const intended = index.skeletons.get(skeletonOf(query));
  if (!intended || intended === query) return null;
  const separatorsOnly = stripSeparators(query) === stripSeparators(intended);
  return {
    intended,
    reason: separatorsOnly
      ? `"${query}" differs from "${intended}" only in separators (-, _, .)`
      : `"${query}" swaps look-alike characters (0/o, 1/l) in "${intended}"`,
  };
}

/** `node-express` -> `express`, `dateutil` -> `python-dateutil`: a popular name with an affix added or dropped. */
function affixMatch(query: string, ecosystem: TyposquatEcosystem, index: PopularIndex): TyposquatMatch | null {
  if (query.startsWith('@')) return null;
  const { prefixes, suffixes } = AFFIXES[ecosystem];
  const candidates = new Set<string>();
  for (const prefix of prefixes) {
    if (query.startsWith(prefix)) candidates.add(query.slice(prefix.length));
    candidates.add(prefix + query);
  }
  for (const suffix of suffixes) {
    if (query.endsWith(suffix)) candidates.add(query.slice(0, -suffix.length));
    candidates.add(query + suffix);
  }
  const found = [...candidates].filter((c) => c.length >= MIN_LENGTH && index.rank.has(c));
  if (found.length === 0) return null;
  const intended = mostPopular(found, index);
  const reason =
    intended.length > query.length
      ? `"${query}" drops the prefix or suffix of "${intended}"`
      : `"${query}" adds a prefix or suffix to "${intended}"`;
  return { intended, reason };
}

/** `@bable/core` -> `@babel/core`: a one-letter typo in the scope of a popular scoped package. */
function scopeTypoMatch(query: string, index: PopularIndex): TyposquatMatch | null {
  const parts = scopeOf(query);
  // A scope that owns a popular package belongs to its publisher: nobody else can squat names inside it.
  if (!parts || index.scopes.has(parts.scope) || parts.scope.length < MIN_LENGTH) return null;
  // Only the scopes that hold a popular package of the same name can be meant (and the first of them wins, as in `scopes`).
  for (const scope of index.scopesByRest.get(parts.rest) ?? []) {
    if (osaDistance(parts.scope, scope, 1) <= 1) {
      return { intended: `@${scope}/${parts.rest}`, reason: `the scope "@${parts.scope}" is one edit away from "@${scope}"` };
    }
  }
  return null;
}

/**
 * One edit from a popular name (two for long names), counting a swap of adjacent letters as one edit.
 * Candidates are the popular names of a length within reach whose character counts differ by at most two
 * per allowed edit (a substitution changes two counts, an insertion or deletion one, a swap none), so no
 * name within the distance is missed; the exact distance decides.
 */
function editDistanceMatch(query: string, index: PopularIndex): TyposquatMatch | null {
  if (query.startsWith('@')) return scopeTypoMatch(query, index);
  const counts = histogram(query);
  const reach = maxEdits(query.length);
  let best: { name: string; distance: number } | null = null;
  for (let length = query.length - reach; length <= query.length + reach; length++) {
    for (const { name, counts: other } of index.byLength.get(length) ?? []) {
      const limit = maxEdits(Math.min(name.length, query.length));
      if (Math.abs(name.length - query.length) > limit || countDifference(counts, other, 2 * limit) > 2 * limit) continue;
      const distance = osaDistance(query, name, limit);
      if (distance > limit || !looksLikeTypo(query, name, index.rank.get(name)!)) continue;
      if (!best || distance < best.distance || (distance === best.distance && index.rank.get(name)! < index.rank.get(best.name)!)) {
        best = { name, distance };
      }
    }
  }
  return best ? { intended: best.name, reason: describeEdit(query, best.name, best.distance) } : null;
}

/** Character classes counted by {@link histogram}: `a`–`z`, `0`–`9`, and one for everything else. */
const HISTOGRAM_SIZE = 37;

/** How often each character class occurs in a name (counts above 255 saturate; names are at most 214 long). */
function histogram(name: string): Uint8Array {
  const counts = new Uint8Array(HISTOGRAM_SIZE);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? c - 22 : 36;
    if (counts[slot] < 255) counts[slot]++;
  }
  return counts;
}

/** The sum of the differences of two histograms, or a number above `limit` as soon as it exceeds it. */
function countDifference(a: Uint8Array, b: Uint8Array, limit: number): number {
  let sum = 0;
  for (let i = 0; i < HISTOGRAM_SIZE && sum <= limit; i++) sum += Math.abs(a[i] - b[i]);
  return sum;
}

/** Below this rank a plural/singular twin (`request` for `requests`) is still reported. */
const PLURAL_TOP_RANK = 100;
/** In words shorter than this, an inserted or dropped letter (not a doubled one) too often makes another real word. */
const SHORT_TOKEN = 8;
/** In words shorter than this, even a keyboard-neighbour substitution usually makes another real word (`daft`). */
const MIN_SUBSTITUTION_TOKEN = 6;

/**
 * Precision heuristics for a pair within edit distance: real typos stay inside one word of the name, keep its
 * first letter and its digits (`node18`, `cu11`, `boto3` are versions, not typos), and do not merely add a
 * letter at the end of a word (`streamx`) or make it plural (`datasets`).
 */
function looksLikeTypo(query: string, intended: string, rank: number): boolean {
  const qTokens = query.split(/[-_.]/);
  const iTokens = intended.split(/[-_.]/);
  if (qTokens.length !== iTokens.length) return false;
  const differing = qTokens.flatMap((token, i) => (token === iTokens[i] ? [] : [i]));
  if (differing.length !== 1) return false;
  const a = qTokens[differing[0]];
  const b = iTokens[differing[0]];
  if (b.length < MIN_LENGTH || a.replace(/\D/g, '') !== b.replace(/\D/g, '')) return false;
  if (a[0] !== b[0] && !(a.length === b.length && a[0] === b[1] && a[1] === b[0])) return false;
  if (a === `${b}s` && !b.endsWith('s')) return rank < PLURAL_TOP_RANK;
  if (b === `${a}s` && !a.endsWith('s')) return rank < PLURAL_TOP_RANK;
  switch (editKind(a, b)) {
    case 'swapped':
    case 'doubled':
    case 'undoubled':
      return true;
    case 'changed':
      return b.length >= MIN_SUBSTITUTION_TOKEN && keyboardNeighbours(a, b);
    case 'inserted':
    case 'deleted':
      return b.length >= SHORT_TOKEN;
    case 'several':
      return b.length >= LONG_NAME;
    default:
      return false;
  }
}

const QWERTY_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Whether the one substituted character of two equal-length words is next to the intended one on a QWERTY keyboard. */
function keyboardNeighbours(a: string, b: string): boolean {
  const i = [...a].findIndex((c, k) => c !== b[k]);
  const at = (c: string) => {
    const row = QWERTY_ROWS.findIndex((r) => r.includes(c));
    return row < 0 ? null : { row, col: QWERTY_ROWS[row].indexOf(c) };
  };
  const x = at(a[i]);
  const y = at(b[i]);
  return !!x && !!y && Math.abs(x.row - y.row) <= 1 && Math.abs(x.col - y.col) <= 1;
}

type EditKind = 'swapped' | 'changed' | 'doubled' | 'undoubled' | 'inserted' | 'deleted' | 'appended' | 'truncated' | 'several';

/** What single edit turns `intended` into `query`. */
function editKind(query: string, intended: string): EditKind {
  if (osaDistance(query, intended, 1) > 1) return 'several';
  if (query.length === intended.length) {
    const i = [...query].findIndex((c, k) => c !== intended[k]);
    return query[i + 1] === intended[i] && query[i] === intended[i + 1] ? 'swapped' : 'changed';
  }
  const inserted = query.length > intended.length;
  const [longer, shorter] = inserted ? [query, intended] : [intended, query];
  const found = [...shorter].findIndex((c, k) => c !== longer[k]);
  const at = found < 0 ? shorter.length : found;
  if (longer[at] === longer[at - 1] || longer[at] === longer[at + 1]) return inserted ? 'doubled' : 'undoubled';
  if (at === longer.length - 1) return inserted ? 'appended' : 'truncated';
  return inserted ? 'inserted' : 'deleted';
}

function maxEdits(length: number): number {
  return length >= LONG_NAME ? 2 : 1;
}

function mostPopular(names: readonly string[], index: PopularIndex): string {
  return names.reduce((a, b) => (index.rank.get(b)! < index.rank.get(a)! ? b : a));
}

function stripSeparators(name: string): string {
  return name.replace(/[-_.]/g, '');
}

function skeletonOf(name: string): string {
  return stripSeparators(name).replace(/0/g, 'o').replace(/1/g, 'l');
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or `limit + 1` as soon as
 * the distance is known to exceed `limit`.
 */
export function osaDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

const EDIT_DESCRIPTIONS: Readonly<Record<EditKind, string>> = {
  swapped: 'two adjacent letters swapped',
  changed: 'one character changed',
  doubled: 'a letter doubled',
  undoubled: 'a doubled letter dropped',
  inserted: 'an extra character',
  deleted: 'a character dropped',
  appended: 'a character appended',
  truncated: 'the last character dropped',
  several: 'two edits',
};

function describeEdit(query: string, intended: string, distance: number): string {
  const kind = distance > 1 ? 'several' : editKind(query, intended);
  return `${EDIT_DESCRIPTIONS[kind]} ("${query}" vs "${intended}")`;
}
