/**
 * Markdown to HTML for the subset Rampart's rule docs use (headings, paragraphs, lists, tables, block quotes,
 * code fences, inline code, bold, emphasis, links), and HTML escaping. Every character of the source is escaped:
 * raw HTML in a doc is shown as text, never interpreted; links go only to http(s) pages and, when the caller
 * says how, to other rules. Pure; nesting is capped. Used by the editor's rule details page and by the HTML report.
 */

/** `&<>"'` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** How links resolve while rendering one rule's doc. */
export interface RenderOptions {
  /** The rule whose doc this is (`js/no-shell-injection`): relative `.md` links resolve from its folder. */
  ruleId?: string;
  /** Link for another rule's details; without it, links to other docs are shown as text. */
  ruleLink?: (ruleId: string) => string;
}

const FENCE_START = /^ {0,3}(`{3,}|~{3,})/;
const HEADING_START = /^ {0,3}(#{1,6})(?=[ \t])/;
const LIST_START = /^( *)([-*+]|\d{1,9}[.)])(?=$| )/;
const TABLE_CELL_SEPARATOR = /^:?-{3,}:?$/;

/** A fence line: its marker and the first word of its info string; null when the line is none (linear, no regex backtracking). */
function fenceOf(line: string): [string, string, string] | null {
  const start = FENCE_START.exec(line);
  if (!start) return null;
  const rest = line.slice(start[0].length);
  if (rest.includes('`')) return null;
  return [line, start[1], rest.trim().split(/[ \t]/)[0]];
}

/** A heading line: its `#`s and its text without closing `#`s; null when the line is none. */
function headingOf(line: string): [string, string, string] | null {
  const start = HEADING_START.exec(line);
  if (!start) return null;
  let text = line.slice(start[0].length).trim();
  while (text.endsWith('#')) text = text.slice(0, -1);
  return [line, start[1], text.trimEnd()];
}

/** A list item line: indentation, marker, the spaces after it and the item's text; null when the line is none. */
function listItemOf(line: string): [string, string, string, string, string] | null {
  const start = LIST_START.exec(line);
  if (!start) return null;
  const after = line.slice(start[0].length);
  const spaces = after.length - after.replace(/^ +/, '').length;
  return [line, start[1], start[2], after.slice(0, spaces), after.slice(spaces)];
}

/** `| --- | :---: |`: every cell a run of at least three dashes, optionally aligned with colons. */
function isTableSeparator(line: string): boolean {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|')) row = row.slice(0, -1);
  const cells = row.split('|').map((c) => c.trim());
  return cells.length > 0 && cells.every((c) => TABLE_CELL_SEPARATOR.test(c));
}

/** A closing fence for `marker`: at most three spaces, then at least as many of its character, then only spaces. */
function closesFence(line: string, marker: string): boolean {
  const indent = line.length - line.replace(/^ +/, '').length;
  const text = line.trim();
  return indent <= 3 && text.length >= marker.length && [...text].every((c) => c === marker[0]);
}

const QUOTE = /^ {0,3}> ?(.*)$/;

/** Markdown (the subset the rule docs use) to HTML; every character of the source is escaped. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return renderBlocks(markdown.split(/\r\n|\r|\n/), options, 0).join('\n');
}

function startsBlock(line: string): boolean {
  return fenceOf(line) !== null || headingOf(line) !== null || QUOTE.test(line) || listItemOf(line) !== null || /^\s*\|/.test(line);
}

function renderBlocks(lines: string[], options: RenderOptions, depth: number): string[] {
  const out: string[] = [];
  // Absurd nesting is shown as text rather than recursing without end.
  if (depth > 20) return [`<p>${escapeHtml(lines.join('\n'))}</p>`];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = fenceOf(line);
    if (fence) {
      const marker = fence[1];
      const indent = /^ */.exec(line)![0].length;
      const body: string[] = [];
      i++;
      while (i < lines.length && !closesFence(lines[i], marker)) {
        const leading = lines[i].length - lines[i].replace(/^ +/, '').length;
        body.push(lines[i].slice(Math.min(indent, leading)));
        i++;
      }
      i++; // the closing fence (or the end)
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      out.push(`<pre><code${lang}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = headingOf(line);
    if (heading) {
      const level = heading[1].length;
      out.push(`<h${level}>${renderInline(heading[2], options)}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*\|/.test(line) && i + 1 < lines.length && isTableSeparator(lines[i + 1])) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && /^\s*\|/.test(lines[i])) rows.push(cells(lines[i++]));
      const th = head.map((c) => `<th>${renderInline(c, options)}</th>`).join('');
      const trs = rows.map((r) => `<tr>${head.map((_, k) => `<td>${renderInline(r[k] ?? '', options)}</td>`).join('')}</tr>`).join('');
      out.push(`<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>`);
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) body.push(QUOTE.exec(lines[i++])![1]);
      out.push(`<blockquote>${renderBlocks(body, options, depth + 1).join('\n')}</blockquote>`);
      continue;
    }
    const item = listItemOf(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const baseIndent = item[1].length;
      const items: string[][] = [];
      while (i < lines.length) {
        const m = listItemOf(lines[i]);
        if (!m || m[1].length !== baseIndent || /\d/.test(m[2]) !== ordered) break;
        const contentIndent = baseIndent + m[2].length + Math.max(1, m[3].length);
        const body = [m[4]];
        i++;
        while (i < lines.length) {
          const next = lines[i];
          const indent = /^ */.exec(next)![0].length;
          if (next.trim() === '') {
            // A blank line continues the item only when indented content follows.
            const after = lines.slice(i + 1).find((l) => l.trim() !== '');
            if (after !== undefined && /^ */.exec(after)![0].length >= contentIndent) {
              body.push('');
              i++;
              continue;
            }
            break;
          }
          if (indent >= contentIndent) body.push(next.slice(contentIndent));
          else if (indent > baseIndent && listItemOf(next) !== null) body.push(next.slice(Math.min(indent, contentIndent)));
          else if (!startsBlock(next)) body.push(next.trim()); // a lazy continuation line
          else break;
          i++;
        }
        items.push(body);
      }
      const tag = ordered ? 'ol' : 'ul';
      const lis = items.map((body) => {
        const html = renderBlocks(body, options, depth + 1);
        const tight = html.length > 0 && html[0].startsWith('<p>') ? [html[0].slice(3, -4), ...html.slice(1)] : html;
        return `<li>${tight.join('\n')}</li>`;
      });
      out.push(`<${tag}>${lis.join('')}</${tag}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== '' && (paragraph.length === 0 || !startsBlock(lines[i]))) paragraph.push(lines[i++].trim());
    out.push(`<p>${renderInline(paragraph.join('\n'), options)}</p>`);
  }
  return out;
}

/** The cells of a table row; `\|` is a literal bar, and bars inside code spans do not split. */
function cells(row: string): string[] {
  const trimmed = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  const result: string[] = [];
  let current = '';
  let inCode = 0;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '\\' && trimmed[i + 1] === '|') {
      current += '|';
      i++;
    } else if (c === '`') {
      let run = 0;
      while (trimmed[i + run] === '`') run++;
      inCode = inCode === run ? 0 : inCode === 0 ? run : inCode;
      current += '`'.repeat(run);
      i += run - 1;
    } else if (c === '|' && inCode === 0) {
      result.push(current.trim());
      current = '';
    } else current += c;
  }
  result.push(current.trim());
  return result;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|<>~"']/;

/** Inline Markdown: code spans, links, bold and emphasis, backslash escapes; the rest is escaped text. */
export function renderInline(text: string, options: RenderOptions = {}, depth = 0): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1])) {
      out += escapeHtml(text[i + 1]);
      i += 2;
      continue;
    }
    if (c === '`') {
      let run = 0;
      while (text[i + run] === '`') run++;
      const close = findRun(text, '`', run, i + run);
      if (close >= 0) {
        let code = text.slice(i + run, close).replace(/\n/g, ' ');
        if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
        out += `<code>${escapeHtml(code)}</code>`;
        i = close + run;
        continue;
      }
      out += '`'.repeat(run);
      i += run;
      continue;
    }
    if (c === '[' && depth < 5) {
      const link = parseLink(text, i);
      if (link) {
        const label = renderInline(link.label, options, depth + 1);
        const href = resolveHref(link.href, options);
        out += href === null ? label : `<a href="${escapeHtml(href)}">${label}</a>`;
        i = link.end;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c && depth < 5) {
      const close = text.indexOf(c + c, i + 2);
      if (close > i + 2) {
        out += `<strong>${renderInline(text.slice(i + 2, close), options, depth + 1)}</strong>`;
        i = close + 2;
        continue;
      }
    }
    if (c === '*' && depth < 5 && text[i + 1] !== ' ' && text[i + 1] !== '*') {
      const close = text.indexOf('*', i + 1);
      if (close > i + 1 && text[close - 1] !== ' ' && !text.slice(i + 1, close).includes('`')) {
        out += `<em>${renderInline(text.slice(i + 1, close), options, depth + 1)}</em>`;
        i = close + 1;
        continue;
      }
    }
    out += c === '\n' ? '\n' : escapeHtml(c);
    i++;
  }
  return out;
}

/** Index of the next run of exactly `length` `char`s at or after `from`, or -1. */
function findRun(text: string, char: string, length: number, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== char) continue;
    let run = 0;
    while (text[i + run] === char) run++;
    if (run === length) return i;
    i += run - 1;
  }
  return -1;
}

/** `[label](href)` at `start`: label may hold code spans and brackets in pairs. */
function parseLink(text: string, start: number): { label: string; href: string; end: number } | null {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      let run = 0;
      while (text[i + run] === '`') run++;
      const close = findRun(text, '`', run, i + run);
      if (close < 0) return null;
      i = close + run - 1;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  if (i >= text.length || text[i + 1] !== '(') return null;
  const close = text.indexOf(')', i + 2);
  if (close < 0) return null;
  const href = text.slice(i + 2, close).trim().split(/\s+/)[0] ?? '';
  return { label: text.slice(start + 1, i), href, end: close + 1 };
}

/**
 * Where a link in a doc may go: web pages (http, https), and other rule docs (relative `.md` links,
 * turned into links to their details). Anything else (other schemes, files, anchors) is shown as text.
 */
function resolveHref(href: string, options: RenderOptions): string | null {
  if (/^https?:\/\/[^\s"'<>]+$/i.test(href)) return href;
  const m = /^([\w./-]+)\.md(?:#[\w-]*)?$/.exec(href);
  if (!m || !options.ruleId || !options.ruleLink) return null;
  const parts = ['rules', ...options.ruleId.split('/').slice(0, -1)];
  for (const segment of m[1].split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  if (parts[0] !== 'rules' || parts.length < 3) return null;
  return options.ruleLink(parts.slice(1).join('/'));
}
