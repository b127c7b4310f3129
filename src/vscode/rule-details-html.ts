/**
 * The rule details page as HTML: the rule's metadata and its documentation page rendered from Markdown.
 * Kept free of `vscode` imports so plain mocha tests cover it. The Markdown renderer (src/report/render-markdown.ts)
 * knows the subset the rule docs use and escapes everything else: raw HTML in a doc is shown as text, never interpreted.
 */
import { escapeHtml, renderMarkdown } from '../report/render-markdown';

export { escapeHtml, renderInline, renderMarkdown, type RenderOptions } from '../report/render-markdown';

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
