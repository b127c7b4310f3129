/**
 * The rule details page as HTML: the rule's metadata and its documentation page rendered from Markdown.
 * Kept free of `vscode` imports so plain mocha tests cover it. The renderer knows the subset the rule
 * docs use (headings, paragraphs, lists, tables, block quotes, code fences, inline code, bold, links) and
 * escapes everything else: raw HTML in a doc is shown as text, never interpreted.
 */

/** What the page shows about a rule (a subset of `RuleMeta`). */
export interface RuleDetailsInput {
  id: string;
  description: string;
  severity: string;
  category: string;
  /** Label of the risk area the rule reports in. */
  riskArea?: string;
  cwe: readonly string[];
  owaspLlm?: readonly string[];
  fix: string;
  confidence?: string;
  recommended?: boolean;
  /** The rule's doc page (Markdown), or null when none is shipped. */
  doc: string | null;
  /** What `.rampart.jsonc` of the workspace sets for the rule, when it sets something. */
  configured?: string;
}

/** Where the page's action links go; `command:` URIs the webview allows. */
export interface RuleDetailsLinks {
  /** Link that opens another rule's details. */
  rule: (ruleId: string) => string;
  /** Link that sets the rule's severity in the team config; no severity: ask which. */
  setSeverity: (ruleId: string, severity?: string) => string;
}

/** The severities `.rampart.jsonc` accepts for a rule. */
export const CONFIG_SEVERITIES = ['off', 'info', 'warning', 'error'] as const;
export type ConfigSeverity = (typeof CONFIG_SEVERITIES)[number];

const FIX_KIND: Record<string, string> = {
  safe: 'safe fix (applied by the quick fix and fix-on-save)',
  suggestion: 'suggestion (a quick fix you review)',
  none: 'no automatic fix',
};

/** `&<>"'` as entities. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `command:<id>?<json args>` as a webview link. */
export function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/**
 * The whole page: a strict Content-Security-Policy (no scripts, no remote resources; styles only from the
 * nonce'd `<style>`), the metadata, the actions and the rendered doc.
 */
export function ruleDetailsHtml(rule: RuleDetailsInput, links: RuleDetailsLinks, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'`;
  const cwe = rule.cwe.map((id) => {
    const n = /^CWE-(\d+)$/.exec(id)?.[1];
    return n ? `<a href="https://cwe.mitre.org/data/definitions/${n}.html">${escapeHtml(id)}</a>` : escapeHtml(id);
  });
  const rows: Array<[string, string]> = [
    ['Severity', escapeHtml(rule.severity) + (rule.configured ? ` <span class="muted">(this workspace: ${escapeHtml(rule.configured)})</span>` : '')],
    ['Category', escapeHtml(rule.category)],
    ...(rule.riskArea ? [['Risk area', escapeHtml(rule.riskArea)] as [string, string]] : []),
    ['CWE', cwe.join(', ') || '—'],
    ['OWASP LLM', rule.owaspLlm?.length ? rule.owaspLlm.map(escapeHtml).join(', ') : '—'],
    ['Fix', escapeHtml(FIX_KIND[rule.fix] ?? rule.fix)],
  ];
  if (rule.confidence) rows.push(['Confidence', escapeHtml(rule.confidence)]);
  if (rule.recommended !== undefined) rows.push(['Recommended', rule.recommended ? 'yes (on in rampart:recommended)' : 'no']);
  const meta = rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('');
  const severityLinks = CONFIG_SEVERITIES.filter((s) => s !== 'off')
    .map((s) => `<a class="chip" href="${escapeHtml(links.setSeverity(rule.id, s))}">${s}</a>`)
    .join(' ');
  const body = rule.doc === null ? '<p class="muted">This rule has no documentation page.</p>' : renderMarkdown(docBody(rule.doc), { ruleId: rule.id, ruleLink: links.rule });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(rule.id)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<header>
<h1><code>${escapeHtml(rule.id)}</code></h1>
<p class="description">${escapeHtml(rule.description)}</p>
<table class="meta"><tbody>${meta}</tbody></table>
<nav class="actions" aria-label="Actions">
<a class="button" href="${escapeHtml(links.setSeverity(rule.id, 'off'))}">Turn off in this workspace</a>
<a class="button secondary" href="${escapeHtml(links.setSeverity(rule.id))}">Change severity…</a>
<span class="muted">or set it to ${severityLinks} in .rampart.jsonc</span>
</nav>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The doc without what the header already shows: the title, the one-line summary and the metadata table. */
export function docBody(doc: string): string {
  const lines = doc.split(/\r\n|\r|\n/);
  const firstSection = lines.findIndex((l) => /^##\s/.test(l));
  return firstSection > 0 ? lines.slice(firstSection).join('\n') : doc;
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

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 24px 32px; max-width: 960px; line-height: 1.5; }
h1 { font-size: 1.6em; margin: 20px 0 4px; }
h1 code { font-family: var(--vscode-editor-font-family); background: none; padding: 0; }
h2 { font-size: 1.25em; margin-top: 28px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding-bottom: 4px; }
.description { font-size: 1.1em; margin: 0 0 12px; }
.muted { color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); }
a:hover { color: var(--vscode-textLink-activeForeground); }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
pre { background: var(--vscode-textCodeBlock-background); padding: 10px 12px; overflow-x: auto; border-radius: 4px; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding: 4px 10px; text-align: left; vertical-align: top; }
table.meta th { font-weight: 600; white-space: nowrap; }
blockquote { margin: 8px 0; padding: 2px 12px; border-left: 4px solid var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); }
.actions { margin: 16px 0 8px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.button { display: inline-block; padding: 4px 12px; border-radius: 2px; text-decoration: none; background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
.button:hover { background: var(--vscode-button-hoverBackground); color: var(--vscode-button-foreground); }
.button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.chip { font-family: var(--vscode-editor-font-family); }
`;
