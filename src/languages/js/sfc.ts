import type { SourceComment } from '../../engine/language';
import type { Range } from '../../engine/types';

/** The single-file component formats the JS/TS adapter reads through their script blocks. */
export type SfcFramework = 'vue' | 'svelte';

/** A `<script>` block of a component: where its code is written and how it is parsed. */
export interface SfcScript {
  /** Offsets of the code between `<script …>` and `</script>`. */
  range: Range;
  /** Babel dialect of the block (`lang="ts"` → `ts`). */
  dialect: 'js' | 'jsx' | 'ts' | 'tsx';
  /** Vue `<script setup>`: its top-level names are the template's. */
  setup: boolean;
  /** Svelte `<script context="module">` / `<script module>`: its `export let` are not props. */
  module: boolean;
}

/** Where a template writes an expression into an HTML sink: Vue `v-html="…"`/`:innerHTML="…"`, Svelte `{@html …}`. */
export interface TemplateSink {
  /** How the sink is written, for messages: `v-html`, `:innerHTML`, `{@html}`. */
  sink: string;
  /** Offsets of the expression (trimmed). */
  range: Range;
  /** The edit that writes the value as text instead (`v-html` → `v-text`, `{@html x}` → `{x}`), and its label. */
  toText: { range: Range; text: string; replacement: string } | null;
}

/** What the adapter found in a component file besides its code. */
export interface SfcLayout {
  framework: SfcFramework;
  scripts: SfcScript[];
  sinks: TemplateSink[];
  /** HTML comments of the markup (`<!-- … -->`), for suppressions; their value is the text inside. */
  comments: SourceComment[];
  /** Names the template binds itself (`v-for`, slot props, `{#each … as x}`, `{@const}`): not the script's. */
  templateLocals: Set<string>;
}

/** Elements without a closing tag (Svelte markup nesting). */
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** `type` values of a `<script>` that holds the component's code. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/typescript', 'ts', 'typescript']);
const LANGS: Record<string, SfcScript['dialect']> = { '': 'js', js: 'js', javascript: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx' };
/** Longest template expression followed (`{…}`, `{{…}}`); a longer one is skipped, not parsed. */
const MAX_EXPRESSION = 20_000;

interface Attribute {
  name: string;
  nameRange: Range;
  /** Offsets of the value without its quotes, or null for a bare attribute. */
  value: Range | null;
}

interface Tag {
  name: string;
  attrs: Attribute[];
  /** Offset just after the `>`. */
  end: number;
  selfClosing: boolean;
}

/**
 * Finds the blocks of a Vue or Svelte component in one linear pass: the `<script>` blocks (top-level only;
 * a `<script>` inside Svelte markup or `<svelte:head>` is page content), the HTML sinks of the markup, the
 * HTML comments, and the names the markup binds. Vue markup is the top-level `<template>` (nested
 * `<template>` tags counted; `lang="pug"` skipped); Svelte markup is everything outside `<script>`/`<style>`.
 * Text inside `{{ }}` (Vue) or `{ }` (Svelte) is skipped as an expression, so `a < b` there is not a tag.
 */
export function sfcLayout(text: string, framework: SfcFramework): SfcLayout {
  return new LayoutScanner(text, framework).scan();
}

/** The Babel dialect template expressions are parsed in: TypeScript when any block is, JSX when any block is. */
export function scriptDialect(layout: SfcLayout): SfcScript['dialect'] {
  const ts = layout.scripts.some((s) => s.dialect === 'ts' || s.dialect === 'tsx');
  const jsx = layout.scripts.some((s) => s.dialect === 'jsx' || s.dialect === 'tsx');
  return ts ? (jsx ? 'tsx' : 'ts') : jsx ? 'jsx' : 'js';
}

class LayoutScanner {
  private readonly layout: SfcLayout;
  private readonly n: number;
  /** Vue: depth of `<template>` tags (1 inside the top-level template). */
  private templateDepth = 0;
  /** Svelte: depth of open elements. */
  private depth = 0;
  /** Cached position of the next `<` / `{` at or after the scan position (-1: none left). */
  private nextLt = -2;
  private nextBrace = -2;
  /** Svelte: set at a `{` that is never closed (a syntax error): later braces are text, so the scan stays linear. */
  private unbalanced = false;

  constructor(
    private readonly text: string,
    private readonly framework: SfcFramework,
  ) {
    this.n = text.length;
    this.layout = { framework, scripts: [], sinks: [], comments: [], templateLocals: new Set() };
  }

  scan(): SfcLayout {
    let i = 0;
    while (i < this.n) {
      const inMarkup = this.framework === 'svelte' || this.templateDepth > 0;
      const lt = this.find('<', i);
      const brace = inMarkup && !this.unbalanced ? this.find('{', i) : -1;
      if (lt < 0 && brace < 0) break;
      if (brace >= 0 && (lt < 0 || brace < lt)) {
        i = this.expression(brace);
        continue;
      }
      i = this.tag(lt);
    }
    return this.layout;
  }

  /** The next `ch` at or after `from`, cached so that repeated look-ups stay linear. */
  private find(ch: '<' | '{', from: number): number {
    const cached = ch === '<' ? this.nextLt : this.nextBrace;
    if (cached !== -1 && (cached === -2 || cached < from)) {
      const found = this.text.indexOf(ch, from);
      if (ch === '<') this.nextLt = found;
      else this.nextBrace = found;
      return found;
    }
    return cached;
  }

  /** A `{…}` (Svelte) or `{{…}}` (Vue) in markup; returns the offset after it. */
  private expression(open: number): number {
    const { text } = this;
    if (this.framework === 'vue') {
      if (text[open + 1] !== '{') return open + 1;
      const close = text.indexOf('}}', open + 2);
      return close < 0 ? this.n : close + 2;
    }
    const close = matchBrace(text, open);
    if (close < 0) {
      this.unbalanced = true;
      return open + 1;
    }
    this.svelteTag(open + 1, close);
    return close + 1;
  }

  /** `{@html x}`, and the names `{#each … as x}`, `{:then x}`, `{@const x = …}`, `{#snippet f(x)}` bind. */
  private svelteTag(start: number, end: number): void {
    const { text } = this;
    let s = start;
    while (s < end && isSpace(text.charCodeAt(s))) s++;
    const word = readWhile(text, s + 1, end, isNameChar);
    const keyword = text[s] + text.slice(s + 1, word);
    if (keyword === '@html' && word < end && isSpace(text.charCodeAt(word))) {
      const range = trimRange(text, word, end);
      if (range[0] < range[1]) {
        const expr = text.slice(range[0], range[1]);
        this.layout.sinks.push({ sink: '{@html}', range, toText: { range: [s, range[0]], text: '', replacement: `{${expr.length <= 40 ? expr : '…'}}` } });
      }
      return;
    }
    const body = text.slice(word, end);
    if (keyword === '#each') {
      const as = body.indexOf(' as ');
      if (as >= 0) this.addNames(body.slice(as + 4));
    } else if (keyword === '#await' || keyword === ':then' || keyword === ':catch') {
      const then = keyword === '#await' ? Math.max(body.indexOf(' then '), body.indexOf(' catch ')) : 0;
      if (keyword !== '#await' || then >= 0) this.addNames(keyword === '#await' ? body.slice(then + 6) : body);
    } else if (keyword === '@const') {
      const eq = body.indexOf('=');
      if (eq >= 0) this.addNames(body.slice(0, eq));
    } else if (keyword === '#snippet') {
      this.addNames(body);
    }
  }

  /** A tag, comment or stray `<` at `lt`; returns the offset to go on from. */
  private tag(lt: number): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      const end = close < 0 ? this.n : close + 3;
      this.layout.comments.push({ range: [lt, end], value: text.slice(lt + 4, close < 0 ? this.n : close) });
      return end;
    }
    if (text[lt + 1] === '/') return this.closingTag(lt);
    if (!isLetter(text.charCodeAt(lt + 1))) return lt + 1;
    const tag = this.openingTag(lt);
    const name = tag.name.toLowerCase();
    if (name === 'script' || name === 'style') {
      const close = text.indexOf(`</${name}`, tag.end);
      const contentEnd = close < 0 ? this.n : close;
      if (name === 'script' && !tag.selfClosing && this.topLevel()) this.script(tag, contentEnd);
      return close < 0 ? this.n : afterTag(text, close);
    }
    if (this.framework === 'vue') return this.vueTag(tag, name);
    this.markupAttributes(tag);
    if (!tag.selfClosing && !VOID_ELEMENTS.has(name)) this.depth++;
    return tag.end;
  }

  private closingTag(lt: number): number {
    const { text } = this;
    const nameEnd = readWhile(text, lt + 2, this.n, isNameChar);
    const name = text.slice(lt + 2, nameEnd).toLowerCase();
    if (this.framework === 'vue') {
      if (name === 'template' && this.templateDepth > 0) this.templateDepth--;
    } else if (!VOID_ELEMENTS.has(name) && this.depth > 0) {
      this.depth--;
    }
    return afterTag(text, nameEnd);
  }

  private topLevel(): boolean {
    return this.framework === 'vue' ? this.templateDepth === 0 : this.depth === 0;
  }

  /** Vue: `<template>` nesting, custom blocks skipped whole, sinks and bound names in the template's tags. */
  private vueTag(tag: Tag, name: string): number {
    if (this.templateDepth === 0) {
      const lang = attribute(this.text, tag, 'lang');
      if (name === 'template' && !tag.selfClosing && attribute(this.text, tag, 'src') === null && (lang === null || lang === 'html')) {
        this.templateDepth = 1;
        return tag.end;
      }
      // A custom block (`<i18n>`, `<docs>`) or a template in another language: skipped to its end.
      if (tag.selfClosing) return tag.end;
      const close = this.text.indexOf(`</${tag.name}`, tag.end);
      return close < 0 ? this.n : afterTag(this.text, close);
    }
    if (name === 'template' && !tag.selfClosing) this.templateDepth++;
    this.markupAttributes(tag);
    return tag.end;
  }

  private script(tag: Tag, contentEnd: number): void {
    const type = (attribute(this.text, tag, 'type') ?? '').toLowerCase();
    const lang = (attribute(this.text, tag, 'lang') ?? (type.endsWith('typescript') ? 'ts' : '')).toLowerCase();
    if (!SCRIPT_TYPES.has(type) || !Object.hasOwn(LANGS, lang) || attribute(this.text, tag, 'src') !== null) return;
    const context = attribute(this.text, tag, 'context');
    this.layout.scripts.push({
      range: [tag.end, contentEnd],
      dialect: LANGS[lang],
      setup: attribute(this.text, tag, 'setup') !== null,
      module: context === 'module' || attribute(this.text, tag, 'module') !== null,
    });
  }

  /** Sinks (`v-html`, `:innerHTML`) and names bound by attributes (`v-for`, slot props, `let:x`). */
  private markupAttributes(tag: Tag): void {
    for (const a of tag.attrs) {
      const { name } = a;
      if (this.framework === 'svelte') {
        if (name.startsWith('let:')) this.layout.templateLocals.add(name.slice(4));
        if (name.startsWith('let:') && a.value) this.addNames(this.text.slice(a.value[0], a.value[1]));
        continue;
      }
      if (!a.value) continue;
      const value = this.text.slice(a.value[0], a.value[1]);
      if (name === 'v-for') {
        const sep = Math.max(value.indexOf(' in '), value.indexOf(' of '));
        if (sep >= 0) this.addNames(value.slice(0, sep));
      } else if (name.startsWith('v-slot') || name.startsWith('#') || name === 'slot-scope' || name === 'scope') {
        this.addNames(value);
      } else if (name === 'v-html' || isInnerHtmlBinding(name)) {
        this.vueSink(a);
      }
    }
  }

  private vueSink(a: Attribute): void {
    const range = trimRange(this.text, a.value![0], a.value![1]);
    if (range[0] >= range[1]) return;
    if (a.name === 'v-html') {
      this.layout.sinks.push({ sink: 'v-html', range, toText: { range: a.nameRange, text: 'v-text', replacement: 'v-text' } });
      return;
    }
    const at = a.name.indexOf('innerHTML');
    const toText = at >= 0 ? { range: [a.nameRange[0] + at, a.nameRange[0] + at + 9] as Range, text: 'textContent', replacement: 'textContent' } : null;
    this.layout.sinks.push({ sink: ':innerHTML', range, toText });
  }

  /** Adds the identifiers of a binding pattern (`(item, i)`, `{ a, b: c }`) to the template's own names. */
  private addNames(pattern: string): void {
    let i = 0;
    while (i < pattern.length) {
      const c = pattern.charCodeAt(i);
      if (!isIdentifierStart(c)) {
        i++;
        continue;
      }
      const end = readWhile(pattern, i + 1, pattern.length, isIdentifierPart);
      this.layout.templateLocals.add(pattern.slice(i, end));
      i = end;
    }
  }

  /** Reads `<name attr="…" …>` from `lt`. */
  private openingTag(lt: number): Tag {
    const { text, n } = this;
    const nameEnd = readWhile(text, lt + 1, n, isNameChar);
    const tag: Tag = { name: text.slice(lt + 1, nameEnd), attrs: [], end: n, selfClosing: false };
    let j = nameEnd;
    while (j < n) {
      const c = text[j];
      if (isSpace(text.charCodeAt(j))) {
        j++;
      } else if (c === '>') {
        tag.end = j + 1;
        return tag;
      } else if (c === '/') {
        if (text[j + 1] === '>') {
          tag.selfClosing = true;
          tag.end = j + 2;
          return tag;
        }
        j++;
      } else if (c === '{' && this.framework === 'svelte') {
        // `{value}` shorthand or `{...rest}` spread
        const close = matchBrace(text, j);
        j = close < 0 ? n : close + 1;
      } else {
        j = this.attributeAt(tag, j);
      }
    }
    return tag;
  }

  /** Reads one attribute of `tag` at `j`; returns the offset after it. */
  private attributeAt(tag: Tag, j: number): number {
    const { text, n } = this;
    const nameEnd = Math.max(j + 1, readWhile(text, j, n, isAttributeNameChar));
    const attr: Attribute = { name: text.slice(j, nameEnd), nameRange: [j, nameEnd], value: null };
    tag.attrs.push(attr);
    let k = nameEnd;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    if (text[k] !== '=') return nameEnd;
    k++;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    const q = text[k];
    if (q === '"' || q === "'") {
      const close = text.indexOf(q, k + 1);
      const end = close < 0 ? n : close;
      attr.value = [k + 1, end];
      return Math.min(n, end + 1);
    }
    if (q === '{' && this.framework === 'svelte') {
      const close = matchBrace(text, k);
      if (close < 0) return n;
      attr.value = [k + 1, close];
      return close + 1;
    }
    const end = readWhile(text, k, n, (c) => !isSpace(c) && c !== 62 /* > */);
    attr.value = [k, end];
    return end;
  }
}

/** The value of an attribute of a tag (`''` for a bare one), or null when absent. */
function attribute(text: string, tag: Tag, name: string): string | null {
  const a = tag.attrs.find((x) => x.name.toLowerCase() === name);
  if (!a) return null;
  return a.value ? text.slice(a.value[0], a.value[1]).trim() : '';
}

/** `:innerHTML`, `v-bind:innerHTML`, `:inner-html`, `.innerHTML`, with modifiers (`.prop`). */
function isInnerHtmlBinding(name: string): boolean {
  const bare = name.startsWith('v-bind:') ? name.slice(7) : name.startsWith(':') || name.startsWith('.') ? name.slice(1) : null;
  if (bare === null) return false;
  const prop = bare.split('.')[0];
  return prop === 'innerHTML' || prop === 'inner-html';
}

/**
 * The offset of the `}` that closes the `{` at `open`, skipping strings and template literals (with their
 * `${}`), or -1 when there is none within {@link MAX_EXPRESSION} characters.
 */
function matchBrace(text: string, open: number): number {
  const stack: number[] = [];
  const limit = Math.min(text.length, open + MAX_EXPRESSION);
  for (let k = open; k < limit; k++) {
    const c = text.charCodeAt(k);
    if (stack[stack.length - 1] === 96 /* ` */) {
      if (c === 92 /* \ */) k++;
      else if (c === 96) stack.pop();
      else if (c === 36 /* $ */ && text.charCodeAt(k + 1) === 123) {
        stack.push(123);
        k++;
      }
      continue;
    }
    if (c === 123 /* { */) stack.push(123);
    else if (c === 125 /* } */) {
      stack.pop();
      if (stack.length === 0) return k;
    } else if (c === 96) stack.push(96);
    else if (c === 34 || c === 39) k = stringEnd(text, k, limit);
  }
  return -1;
}

/** The offset of the quote closing the string that starts at `k` (or of the line break that ends it). */
function stringEnd(text: string, k: number, limit: number): number {
  const q = text.charCodeAt(k);
  for (let j = k + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === q || c === 10) return j;
  }
  return limit;
}

/** The offset after the `>` that ends a tag whose name ends at `from`. */
function afterTag(text: string, from: number): number {
  const gt = text.indexOf('>', from);
  return gt < 0 ? text.length : gt + 1;
}

function trimRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return [s, e];
}

function readWhile(text: string, from: number, to: number, ok: (c: number) => boolean): number {
  let i = from;
  while (i < to && ok(text.charCodeAt(i))) i++;
  return i;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Tag names: letters, digits, `-`, `:` (`svelte:head`), `.` (`<Foo.Bar>`), `_`. */
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 46 || c === 95;
}

/** Anything up to a space, `=`, `>`, `/` or a quote. */
function isAttributeNameChar(c: number): boolean {
  return !isSpace(c) && c !== 61 && c !== 62 && c !== 47 && c !== 34 && c !== 39;
}

function isIdentifierStart(c: number): boolean {
  return isLetter(c) || c === 36 || c === 95 || c > 127;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}
