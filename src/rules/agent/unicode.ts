/**
 * Invisible and deceptive Unicode in agent instruction files: which characters hide text from a human
 * reader, when they are legitimate (emoji sequences, joining scripts, ideographic variation sequences,
 * right-to-left prose), how hidden payloads decode, where Markdown code is, and which Cyrillic or Greek
 * letters pass for Latin ones. Pure functions over text; offsets are UTF-16 code units.
 */

import type { Range } from '../../engine/types';

/** What an invisible character is. */
export type HiddenKind = 'tag' | 'variation-selector' | 'zero-width' | 'bidi' | 'bidi-mark';

/** A contiguous run of invisible characters that has no legitimate purpose where it stands. */
export interface HiddenRun {
  range: Range;
  /** Kinds present in the run. */
  kinds: ReadonlySet<HiddenKind>;
  /** The run's characters. */
  text: string;
}

/** A Cyrillic or Greek look-alike letter run inside a Latin word of a command or code span. */
export interface HomoglyphRun {
  range: Range;
  /** The whole word the run sits in, as written. */
  word: string;
  /** The word with every look-alike replaced by its Latin letter. */
  latinWord: string;
  /** The Latin replacement of the run. */
  replacement: string;
  /** `Cyrillic`, `Greek` or `Cyrillic and Greek`. */
  scripts: string;
}

/** Where the checks look for code: Markdown fences and code spans, or the whole text (JSON configs). */
export interface ScanOptions {
  /** Ranges of code (commands, inline code): bidi marks are judged there, homoglyphs only there. */
  code: readonly Range[];
}

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x180e, 0x2061, 0x2062, 0x2063, 0x2064]);
const BIDI_OVERRIDES = new Set([0x202d, 0x202e]);
const ZWJ = 0x200d;
const ZWNJ = 0x200c;
const ZWSP = 0x200b;
const VS15 = 0xfe0e;
const VS16 = 0xfe0f;
const BLACK_FLAG = 0x1f3f4;
const CANCEL_TAG = 0xe007f;

/** Scripts whose orthography uses ZWJ/ZWNJ between letters (cursive joining and Indic conjuncts). */
const JOINING_SCRIPT =
  /[\p{scx=Arabic}\p{scx=Syriac}\p{scx=Nko}\p{scx=Mandaic}\p{scx=Mongolian}\p{scx=Devanagari}\p{scx=Bengali}\p{scx=Gurmukhi}\p{scx=Gujarati}\p{scx=Oriya}\p{scx=Tamil}\p{scx=Telugu}\p{scx=Kannada}\p{scx=Malayalam}\p{scx=Sinhala}\p{scx=Tibetan}\p{scx=Myanmar}\p{scx=Khmer}\p{scx=Thai}\p{scx=Lao}]/u;
/** Scripts written without spaces (or with ZWSP as a line-break hint in translation tools). */
const ZWSP_SCRIPT = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}]/u;
const RTL_LETTER = /[\p{scx=Hebrew}\p{scx=Arabic}\p{scx=Syriac}\p{scx=Thaana}\p{scx=Nko}]/u;
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Emoji_Component}]/u;
const PICTOGRAPH_NEXT = /[\p{Extended_Pictographic}\p{Emoji_Presentation}]/u;
const EMOJI = /[\p{Emoji}\p{S}]/u;
const IDEOGRAPH = /\p{Ideographic}/u;
const LATIN_LETTER = /\p{scx=Latin}/u;

/** The kind of an invisible code point, or null for any other. `index` tells a leading BOM apart. */
export function hiddenKind(cp: number, index: number): HiddenKind | null {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if ((cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'variation-selector';
  if (cp === 0xfeff) return index === 0 ? null : 'zero-width';
  if (ZERO_WIDTH.has(cp)) return 'zero-width';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidi';
  if (cp === 0x200e || cp === 0x200f) return 'bidi-mark';
  return null;
}

/** The code point that ends just before `i` (a surrogate pair counts as one), or -1. */
function cpBefore(text: string, i: number): number {
  if (i <= 0) return -1;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(i - 2) ?? -1;
  }
  return low;
}

function charOf(cp: number): string {
  return cp < 0 ? '' : String.fromCodePoint(cp);
}

/** A group of consecutive invisible code points with the visible characters around it. */
interface Group {
  start: number;
  end: number;
  cps: number[];
  before: number;
  after: number;
}

/** Every maximal group of consecutive invisible code points, in order. Linear in the text. */
function groups(text: string): Group[] {
  const out: Group[] = [];
  let current: Group | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const size = cp > 0xffff ? 2 : 1;
    if (hiddenKind(cp, i)) {
      current ??= { start: i, end: i, cps: [], before: cpBefore(text, i), after: -1 };
      current.cps.push(cp);
      current.end = i + size;
    } else if (current) {
      current.after = cp;
      out.push(current);
      current = undefined;
    }
    i += size;
  }
  if (current) out.push(current);
  return out;
}

/**
 * Facts about the line around an offset, computed once per line: a hostile file with thousands of
 * invisible characters on one long line must stay linear.
 */
class Lines {
  private readonly cache = new Map<number, { rtl: boolean; zwspScript: boolean }>();

  constructor(private readonly text: string) {}

  /** Whether the line holding `at` has right-to-left letters, and letters of a ZWSP-using script. */
  at(at: number): { rtl: boolean; zwspScript: boolean } {
    const start = this.text.lastIndexOf('\n', at - 1) + 1;
    let facts = this.cache.get(start);
    if (!facts) {
      const end = this.text.indexOf('\n', at);
      const line = this.text.slice(start, end < 0 ? this.text.length : end);
      facts = { rtl: RTL_LETTER.test(line), zwspScript: ZWSP_SCRIPT.test(line) };
      this.cache.set(start, facts);
    }
    return facts;
  }
}

function inRanges(ranges: readonly Range[], at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo][0] <= at;
}

/** Whether `vs` is the one variation selector that the character `base` takes. */
function takesSelector(base: number, vs: number): boolean {
  if (base < 0) return false;
  const c = charOf(base);
  if (vs >= 0xe0100) return IDEOGRAPH.test(c);
  if (vs === VS15 || vs === VS16) return EMOJI.test(c) || IDEOGRAPH.test(c);
  // VS1-VS14: standardized variation sequences of math symbols, CJK compatibility, Mongolian, Myanmar, Phags-pa…
  return base >= 0x1000 && !LATIN_LETTER.test(c);
}

/** Whether a tag run after U+1F3F4 is an emoji subdivision flag (🏴 + letters/digits + CANCEL TAG). */
function isFlagTagSequence(g: Group): boolean {
  if (g.before !== BLACK_FLAG || g.cps.length < 3 || g.cps.length > 8) return false;
  if (g.cps[g.cps.length - 1] !== CANCEL_TAG) return false;
  return g.cps.slice(0, -1).every((cp) => (cp >= 0xe0030 && cp <= 0xe0039) || (cp >= 0xe0061 && cp <= 0xe007a));
}

/** Whether a group is an emoji ZWJ sequence joint: `[VS16] ZWJ` between two pictographs. */
function isEmojiJoint(g: Group): boolean {
  const cps = g.cps;
  const joint = (cps.length === 1 && cps[0] === ZWJ) || (cps.length === 2 && (cps[0] === VS16 || cps[0] === VS15) && cps[1] === ZWJ);
  if (!joint || g.after < 0 || g.before < 0) return false;
  const before = charOf(g.before);
  const beforeOk = cps.length === 2 ? EMOJI.test(before) : PICTOGRAPH.test(before);
  return beforeOk && PICTOGRAPH_NEXT.test(charOf(g.after));
}

/** Whether the group's characters are all in `set`. */
function only(g: Group, ...cps: number[]): boolean {
  return g.cps.every((cp) => cps.includes(cp));
}

/** Whether the group is one of the legitimate uses of invisible characters in ordinary text. */
function isLegitimate(lines: Lines, g: Group, options: ScanOptions): boolean {
  const { cps, before, after } = g;
  const b = charOf(before);
  const a = charOf(after);
  if (cps.length === 1 && hiddenKind(cps[0], g.start) === 'variation-selector') return takesSelector(before, cps[0]);
  if (isEmojiJoint(g) || isFlagTagSequence(g)) return true;
  // Persian/Arabic ZWNJ, Indic half forms and conjuncts: one joiner next to a letter of such a script.
  if (cps.length === 1 && (cps[0] === ZWJ || cps[0] === ZWNJ)) return JOINING_SCRIPT.test(b) || JOINING_SCRIPT.test(a);
  if (cps.length === 1 && cps[0] === 0x180e) return /\p{scx=Mongolian}/u.test(b) || /\p{scx=Mongolian}/u.test(a);
  // Line-break hints in CJK and South-East Asian text (translation tools leave one or two).
  if (cps.length <= 2 && only(g, ZWSP, 0x2060) && lines.at(g.start).zwspScript) return true;
  return isLegitimateBidi(lines, g, options);
}

/**
 * Bidi controls in right-to-left prose: marks (LRM/RLM) anywhere outside code, embeddings and isolates on
 * a line with right-to-left letters outside code. Overrides (LRO/RLO) never: they are the Trojan Source vector.
 */
function isLegitimateBidi(lines: Lines, g: Group, options: ScanOptions): boolean {
  const kinds = g.cps.map((cp) => hiddenKind(cp, g.start));
  if (!kinds.every((k) => k === 'bidi' || k === 'bidi-mark')) return false;
  if (g.cps.some((cp) => BIDI_OVERRIDES.has(cp))) return false;
  const { rtl } = lines.at(g.start);
  if (inRanges(options.code, g.start)) return rtl && kinds.every((k) => k === 'bidi-mark') && RTL_LETTER.test(charOf(g.before) + charOf(g.after));
  if (kinds.every((k) => k === 'bidi-mark')) return true;
  return rtl;
}

/**
 * Runs of invisible characters that have no legitimate purpose where they stand. A legitimate emoji
 * presentation selector at the start of a longer run (😀 + VS16 + smuggled selectors) stays out of the run.
 */
export function findHiddenRuns(text: string, options: ScanOptions): HiddenRun[] {
  const runs: HiddenRun[] = [];
  const lines = new Lines(text);
  for (const g of groups(text)) {
    if (isLegitimate(lines, g, options)) continue;
    let start = g.start;
    let cps = g.cps;
    if (cps.length > 1 && hiddenKind(cps[0], start) === 'variation-selector' && takesSelector(g.before, cps[0])) {
      start += cps[0] > 0xffff ? 2 : 1;
      cps = cps.slice(1);
    }
    if (isPresentationDebris(cps)) continue;
    const kinds = new Set(cps.map((cp) => hiddenKind(cp, 1) as HiddenKind));
    runs.push({ range: [start, g.end], kinds, text: text.slice(start, g.end) });
  }
  return runs;
}

/**
 * Stray emoji presentation selectors (VS15/VS16) left behind when an emoji was edited (`Collective️`,
 * `🛠️️`): fewer than eight carry no data, not even as bits, so they are not reported.
 */
function isPresentationDebris(cps: readonly number[]): boolean {
  return cps.length < 8 && cps.every((cp) => cp === VS15 || cp === VS16);
}

/** The ASCII text spelled by Unicode tag characters (U+E0020–E007E); other code points are skipped. */
export function decodeTags(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}

/**
 * Bytes hidden in variation selectors with the known encoding (one selector per byte: U+FE00–FE0F for
 * 0–15, U+E0100–E01EF for 16–255), decoded as UTF-8; undefined when the run is not such a payload
 * (other characters, invalid UTF-8 or mostly unprintable text).
 */
export function decodeVariationSelectors(run: string): string | undefined {
  const bytes: number[] = [];
  for (const ch of run) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xfe00 && cp <= 0xfe0f) bytes.push(cp - 0xfe00);
    else if (cp >= 0xe0100 && cp <= 0xe01ef) bytes.push(cp - 0xe0100 + 16);
    else return undefined;
  }
  return printable(bytes);
}

/**
 * Text hidden as bits in a run of exactly two different zero-width characters (one for 0, one for 1, eight
 * per byte), read in the order that gives printable ASCII; undefined when neither does.
 */
export function decodeZeroWidthBinary(run: string): string | undefined {
  const cps = [...run].map((ch) => ch.codePointAt(0) ?? 0);
  const distinct = [...new Set(cps)];
  if (distinct.length !== 2 || cps.length < 8 || cps.length % 8 !== 0 || !cps.every((cp) => ZERO_WIDTH.has(cp))) return undefined;
  for (const one of distinct) {
    const bytes: number[] = [];
    for (let i = 0; i < cps.length; i += 8) {
      let byte = 0;
      for (let k = 0; k < 8; k++) byte = (byte << 1) | (cps[i + k] === one ? 1 : 0);
      bytes.push(byte);
    }
    if (bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x09)) return String.fromCharCode(...bytes);
  }
  return undefined;
}

/** UTF-8 text of `bytes` when it is valid and at least 80 % printable, else undefined. */
function printable(bytes: number[]): string | undefined {
  if (bytes.length === 0) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return undefined;
  }
  const chars = [...decoded];
  const visible = chars.filter((c) => /[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n\t]/u.test(c)).length;
  return visible / chars.length >= 0.8 ? decoded : undefined;
}

/**
 * Text for a message: control and invisible characters as `\u{…}` escapes, truncated to `max`
 * characters with an ellipsis.
 */
export function escapeForMessage(value: string, max = 120): string {
  let out = '';
  let count = 0;
  for (const ch of value) {
    if (count === max) return `${out}…`;
    const cp = ch.codePointAt(0) ?? 0;
    const hidden = cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || hiddenKind(cp, 1) !== null;
    out += hidden ? `\\u{${cp.toString(16).toUpperCase()}}` : ch;
    count++;
  }
  return out;
}

/** `U+200B U+200B` style list of the distinct code points of a run (at most `max`). */
export function codePointList(run: string, max = 4): string {
  const distinct = [...new Set([...run].map((ch) => ch.codePointAt(0) ?? 0))];
  const shown = distinct.slice(0, max).map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  return distinct.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

const FENCE_LINE = /^ {0,3}(?=(`{3,}|~{3,}))\1(.*)$/;

/**
 * Code in a Markdown text: fenced code blocks (their content lines) and inline code spans, sorted and
 * disjoint. A code span ends at the next backtick run of the same length within the paragraph.
 */
export function markdownCodeRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let fence: { char: string; length: number; start: number } | undefined;
  let paragraph: Array<{ start: number; end: number }> = [];
  const flush = (): void => {
    if (paragraph.length > 0) ranges.push(...codeSpans(text, paragraph[0].start, paragraph[paragraph.length - 1].end));
    paragraph = [];
  };
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    const m = FENCE_LINE.exec(line);
    if (fence) {
      if (m && m[1][0] === fence.char && m[1].length >= fence.length && m[2].trim() === '') {
        ranges.push([fence.start, start]);
        fence = undefined;
      }
    } else if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
      flush();
      fence = { char: m[1][0], length: m[1].length, start: end + 1 };
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push({ start, end });
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  if (fence) ranges.push([Math.min(fence.start, text.length), text.length]);
  flush();
  return ranges.sort((x, y) => x[0] - y[0]);
}

/** How far a code span's closing backticks are looked for, so that unclosed runs stay linear. */
const MAX_SPAN = 4096;

/** Inline code spans between `from` and `to`. */
function codeSpans(text: string, from: number, to: number): Range[] {
  const spans: Range[] = [];
  const ticks = /`+/g;
  ticks.lastIndex = from;
  for (let m = ticks.exec(text); m && m.index < to; m = ticks.exec(text)) {
    const contentStart = m.index + m[0].length;
    const limit = Math.min(to, contentStart + MAX_SPAN);
    const close = closingRun(text, contentStart, limit, m[0].length);
    if (close < 0) continue;
    spans.push([contentStart, close]);
    ticks.lastIndex = close + m[0].length;
  }
  return spans;
}

/** Offset of the first backtick run of exactly `length` in `[from, limit)`, or -1. */
function closingRun(text: string, from: number, limit: number, length: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0 && i < limit) {
    let j = i;
    while (j < text.length && text[j] === '`') j++;
    if (j - i === length) return i;
    i = text.indexOf('`', j);
  }
  return -1;
}

/** Commands whose look-alike spelling at the start of a prose line makes the line a command line. */
const COMMANDS = new Set([
  'curl', 'wget', 'npx', 'npm', 'pnpm', 'yarn', 'bunx', 'bun', 'pip', 'pip3', 'pipx', 'uv', 'uvx', 'python', 'python3', 'node',
  'deno', 'bash', 'sh', 'zsh', 'git', 'gh', 'docker', 'kubectl', 'sudo', 'chmod', 'rm', 'eval', 'exec', 'source', 'powershell',
  'iex', 'iwr', 'brew', 'apt', 'go', 'cargo', 'make', 'ssh', 'scp',
]);

const PROMPT_LINE = /^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:[$>#][ \t]*)?([^\s`]+)/;

/**
 * Command lines of prose: lines that start (after a list marker or a `$` prompt) with a known command,
 * even one spelled with look-alike letters. Their ranges, to be merged with the code ranges.
 */
export function commandLineRanges(text: string): Range[] {
  const ranges: Range[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const m = PROMPT_LINE.exec(text.slice(start, end));
    if (m && COMMANDS.has(toLatin(m[1]).toLowerCase())) ranges.push([start, end]);
    if (nl < 0) break;
    start = nl + 1;
  }
  return ranges;
}

/** Sorts ranges and merges overlapping ones. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Cyrillic and Greek letters that render like a Latin letter, with that letter. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', с: 'c', ԁ: 'd', е: 'e', һ: 'h', і: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', о: 'o', р: 'p', ԛ: 'q', г: 'r',
  ѕ: 's', т: 't', ս: 'u', ѵ: 'v', ԝ: 'w', х: 'x', у: 'y', ү: 'y',
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', Ј: 'J', К: 'K', М: 'M', О: 'O', Р: 'P', Ѕ: 'S', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y',
  Ԛ: 'Q', Ԝ: 'W',
  // Greek
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', ι: 'i', κ: 'k', τ: 't', υ: 'u', χ: 'x', γ: 'y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
// `г`, `т`, `к`, `м`, `в` look Latin only in some fonts or in upper case; they count when the rest of the
// word is Latin, which is the only place they are looked at.

/** `word` with every look-alike letter replaced by its Latin letter. */
export function toLatin(word: string): string {
  let out = '';
  for (const ch of word) out += LOOK_ALIKES[ch] ?? ch;
  return out;
}

const WORD = /[\p{L}\p{M}\p{Nd}_]+/gu;
const CYRILLIC_OR_GREEK = /[\p{sc=Cyrillic}\p{sc=Greek}]/u;
const LATIN = /\p{sc=Latin}/u;

/**
 * Look-alike runs inside words of `ranges` that mix Latin letters with Cyrillic or Greek letters that all
 * pass for Latin ones (`сurl` with a Cyrillic `с`). Words with any other Cyrillic or Greek letter
 * (`getИмя`, `Δx`) are real mixed-language identifiers and not reported.
 */
export function findHomoglyphs(text: string, ranges: readonly Range[]): HomoglyphRun[] {
  const runs: HomoglyphRun[] = [];
  for (const [from, to] of ranges) {
    for (const m of text.slice(from, to).matchAll(WORD)) {
      const word = m[0];
      const chars = [...word];
      if (!chars.some((c) => LATIN.test(c))) continue;
      const foreign = chars.filter((c) => CYRILLIC_OR_GREEK.test(c));
      if (foreign.length === 0 || !foreign.every((c) => c in LOOK_ALIKES)) continue;
      runs.push(...lookAlikeRuns(word, from + (m.index ?? 0), foreign));
    }
  }
  return runs;
}

function lookAlikeRuns(word: string, at: number, foreign: string[]): HomoglyphRun[] {
  const cyrillic = foreign.some((c) => /\p{sc=Cyrillic}/u.test(c));
  const greek = foreign.some((c) => /\p{sc=Greek}/u.test(c));
  const scripts = cyrillic && greek ? 'Cyrillic and Greek' : cyrillic ? 'Cyrillic' : 'Greek';
  const latinWord = toLatin(word);
  const runs: HomoglyphRun[] = [];
  let i = 0;
  while (i < word.length) {
    if (!(word[i] in LOOK_ALIKES)) {
      i++;
      continue;
    }
    let j = i;
    while (j < word.length && word[j] in LOOK_ALIKES) j++;
    runs.push({ range: [at + i, at + j], word, latinWord, replacement: toLatin(word.slice(i, j)), scripts });
    i = j;
  }
  return runs;
}
