import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { builtinRules } from '../../src/rules';
import { countBySeverity, countFindings, describeSeverities, severityText } from '../../src/vscode/model';
import { configuredSeverity, ruleKeyOffset, ruleSeverityEdits } from '../../src/vscode/rule-config-edit';
import { commandLink, docBody, renderInline, renderMarkdown, ruleDetailsHtml, type RuleDetailsLinks } from '../../src/vscode/rule-details-html';
import type { FileResult, Finding } from '../../src/engine/types';

const links: RuleDetailsLinks = {
  rule: (id) => commandLink('rampart.showRuleDetails', [id]),
  setSeverity: (id, severity) => commandLink('rampart.setRuleSeverity', severity ? [id, severity] : [id]),
};

/** Every opening tag name in the HTML. */
function tags(html: string): Set<string> {
  return new Set([...html.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
}

describe('rule details (no VS Code needed)', () => {
  describe('renderMarkdown', () => {
    it('renders the subset the rule docs use', () => {
      const html = renderMarkdown([
        '## Why it matters',
        'A `child_process.exec` call runs **a shell**; see [CWE-78](https://cwe.mitre.org/data/definitions/78.html).',
        '',
        '- one',
        '- two with `` ` `` inside',
        '  continued',
        '',
        '1. first',
        '2. second',
        '',
        '| A | B |',
        '| --- | --- |',
        '| `a|b` | x \\| y |',
        '',
        '> quoted',
        '',
        '```ts',
        'exec(`ls ${dir}`);',
        '```',
      ].join('\n'));
      assert.match(html, /<h2>Why it matters<\/h2>/);
      assert.match(html, /<code>child_process\.exec<\/code> call runs <strong>a shell<\/strong>/);
      assert.match(html, /<a href="https:\/\/cwe\.mitre\.org\/data\/definitions\/78\.html">CWE-78<\/a>/);
      assert.match(html, /<ul><li>one<\/li><li>two with <code>`<\/code> inside\ncontinued<\/li><\/ul>/);
      assert.match(html, /<ol><li>first<\/li><li>second<\/li><\/ol>/);
      assert.match(html, /<td><code>a\|b<\/code><\/td><td>x \| y<\/td>/);
      assert.match(html, /<blockquote><p>quoted<\/p><\/blockquote>/);
      assert.match(html, /<pre><code class="language-ts">exec\(`ls \$\{dir\}`\);<\/code><\/pre>/);
    });

    it('escapes HTML everywhere: a <script> in a doc renders as inert text', () => {
      const doc = [
        '<script>alert(1)</script>',
        '',
        'Text <img src=x onerror=alert(1)> and `<script>` and [x](javascript:alert(1)) and [y](https://e.example/"onmouseover=alert(1))',
        '',
        '- <iframe src="https://evil.example"></iframe>',
        '',
        '| <b>h</b> |',
        '| --- |',
        '| <svg onload=alert(1)> |',
        '',
        '```html',
        '<script>alert(1)</script>',
        '```',
        '',
        '<details>',
        '<summary>x</summary>',
        '</details>',
      ].join('\n');
      const html = renderMarkdown(doc);
      for (const tag of ['script', 'img', 'iframe', 'svg', 'b', 'details', 'summary']) assert.ok(!tags(html).has(tag), `<${tag}> must not appear as a tag: ${html}`);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.ok(!html.includes('javascript:'), 'a javascript: link is shown as text');
      assert.ok(!/href="[^"]*"[^>]*onmouseover/.test(html), 'no attribute injection through an href');
      assert.ok(!/<[a-z][^>]*\son\w+=/i.test(html), 'no event handler attribute inside a tag');
    });

    it('links other rule docs to their details and drops links it cannot follow', () => {
      const options = { ruleId: 'terraform/require-sagemaker-endpoint-encryption', ruleLink: (id: string) => `rule:${id}` };
      assert.equal(renderInline('[a](../cloudformation/require-sagemaker-endpoint-encryption.md)', options), '<a href="rule:cloudformation/require-sagemaker-endpoint-encryption">a</a>');
      assert.equal(renderInline('[b](no-open-security-group.md)', options), '<a href="rule:terraform/no-open-security-group">b</a>');
      assert.equal(renderInline('[c](../../../README.md#suppressing-a-finding)', options), 'c');
      assert.equal(renderInline('[d](file:///etc/passwd)', options), 'd');
      assert.equal(renderInline('[e](command:workbench.action.terminal.new)', options), 'e');
    });

    it('renders every shipped rule doc without raw tags from the Markdown', () => {
      for (const rule of builtinRules) {
        const file = path.join(__dirname, '..', '..', 'docs', 'rules', `${rule.id}.md`);
        if (!fs.existsSync(file)) continue;
        const html = renderMarkdown(docBody(fs.readFileSync(file, 'utf8')), { ruleId: rule.id, ruleLink: links.rule });
        const allowed = new Set(['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'code', 'pre', 'strong', 'em', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote']);
        for (const tag of tags(html)) assert.ok(allowed.has(tag), `${rule.id}: unexpected <${tag}>`);
        assert.match(html, /<h2>/, `${rule.id}: sections are rendered`);
      }
    });
  });

  describe('ruleDetailsHtml', () => {
    const rule = builtinRules.find((r) => r.id === 'js/no-shell-injection')!;
    const html = ruleDetailsHtml({ id: rule.id, ...rule.meta, riskArea: 'AI development and infrastructure', doc: '# t\n\n> s\n\n## Why it matters\n<script>alert(1)</script>', configured: 'warning' }, links, 'abc123');

    it('has a strict Content-Security-Policy: no scripts, no remote resources, styles by nonce', () => {
      const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'none'/);
      assert.match(csp, /style-src 'nonce-abc123'/);
      assert.ok(!/https?:/.test(csp), csp);
      assert.ok(!tags(html).has('script'));
      assert.match(html, /<style nonce="abc123">/);
    });

    it('shows the metadata and the actions as command links', () => {
      assert.match(html, /<h1><code>js\/no-shell-injection<\/code><\/h1>/);
      assert.match(html, /<a href="https:\/\/cwe\.mitre\.org\/data\/definitions\/78\.html">CWE-78<\/a>/);
      assert.match(html, /LLM05:2025/);
      assert.match(html, /code-injection/);
      assert.match(html, /AI development and infrastructure/);
      assert.match(html, /this workspace: warning/);
      assert.ok(html.includes(`href="${commandLink('rampart.setRuleSeverity', ['js/no-shell-injection', 'off'])}">Turn off in this workspace</a>`));
      assert.ok(html.includes(`href="${commandLink('rampart.setRuleSeverity', ['js/no-shell-injection'])}">Change severity…</a>`));
      // The doc's title and summary are in the header already; its sections follow.
      assert.match(html, /<h2>Why it matters<\/h2>/);
      assert.ok(!html.includes('<h1>t</h1>'));
    });
  });

  describe('ruleSeverityEdits', () => {
    it('keeps comments and formatting and adds the rule to an existing rules object', () => {
      const text = '// Team policy: reviewed by security\n{\n  // our presets\n  "extends": ["rampart:recommended"],\n  "rules": {\n    "js/no-eval": "warning" // noisy in tests\n  }\n}\n';
      const out = applyEdits(text, ruleSeverityEdits(text, 'js/no-shell-injection', 'off'));
      assert.ok(out.includes('// Team policy: reviewed by security'));
      assert.ok(out.includes('// our presets'));
      assert.ok(out.includes('"js/no-eval": "warning" // noisy in tests'), `the comment stays on its entry's line: ${out}`);
      assert.equal(configuredSeverity(out, 'js/no-shell-injection'), 'off');
      assert.equal(configuredSeverity(out, 'js/no-eval'), 'warning');
      assert.ok(out.split('\n').some((l) => l === '    "js/no-shell-injection": "off",'), out);
    });

    it('replaces a string entry and keeps the options of an object entry', () => {
      const text = '{\n  "rules": {\n    "js/no-shell-injection": "error",\n    "packages/no-new-package": { "severity": "warning", "options": { "minAgeDays": 30 } }\n  }\n}\n';
      const a = applyEdits(text, ruleSeverityEdits(text, 'js/no-shell-injection', 'info'));
      assert.equal(configuredSeverity(a, 'js/no-shell-injection'), 'info');
      const b = applyEdits(a, ruleSeverityEdits(a, 'packages/no-new-package', 'off'));
      assert.equal(configuredSeverity(b, 'packages/no-new-package'), 'off');
      assert.ok(b.includes('"minAgeDays": 30'), b);
    });

    it('creates the object in an empty or comment-only file, and rules in an object without them', () => {
      const empty = applyEdits('', ruleSeverityEdits('', 'js/no-xss', 'off'));
      assert.deepEqual(JSON.parse(empty), { rules: { 'js/no-xss': 'off' } });
      const comment = '// shared with the team\n';
      const withComment = applyEdits(comment, ruleSeverityEdits(comment, 'js/no-xss', 'warning'));
      assert.ok(withComment.startsWith('// shared with the team\n{'), withComment);
      assert.equal(configuredSeverity(withComment, 'js/no-xss'), 'warning');
      const noRules = '{\r\n  "ignore": ["dist/**"]\r\n}\r\n';
      const added = applyEdits(noRules, ruleSeverityEdits(noRules, 'js/no-xss', 'off'));
      assert.equal(configuredSeverity(added, 'js/no-xss'), 'off');
      assert.ok(!/[^\r]\n/.test(added), 'keeps CRLF line ends');
      assert.equal(added.slice(ruleKeyOffset(added, 'js/no-xss')).split('\r\n')[0], '"js/no-xss": "off"');
    });

    it('refuses a config with syntax errors or the wrong shape', () => {
      assert.throws(() => ruleSeverityEdits('{ "rules": { ', 'js/no-xss', 'off'), /syntax errors/);
      assert.throws(() => ruleSeverityEdits('[]', 'js/no-xss', 'off'), /not a JSON object/);
      assert.throws(() => ruleSeverityEdits('{ "rules": [] }', 'js/no-xss', 'off'), /"rules" is not an object/);
    });
  });

  describe('status-bar counts', () => {
    const f = (over: Partial<Finding>): Finding => ({
      ruleId: 'js/no-xss', messageId: 'm', message: 'm', severity: 'error', file: 'a.ts',
      range: [0, 1], start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, suggestions: [], related: [], ...over,
    });
    const results: FileResult[] = [
      { file: 'a.ts', language: 'js', errors: [], findings: [f({}), f({ severity: 'warning' }), f({ suppressed: { kind: 'inline', reason: 'ok' } as Finding['suppressed'] })] },
      { file: 'b.ts', language: 'js', errors: [], findings: [f({ ruleId: 'js/no-eval', severity: 'info' }), f({ severity: 'warning' })] },
    ];

    it('splits the problems by shown severity and adds up to the problem count', () => {
      const counts = countBySeverity(results, { 'js/no-eval': 'hint' });
      assert.deepEqual(counts, { error: 1, warning: 2, info: 0, hint: 1 });
      assert.equal(counts.error + counts.warning + counts.info + counts.hint, countFindings(results).problems);
      assert.equal(severityText(counts), '$(error) 1 $(warning) 2 $(info) 1');
      assert.equal(describeSeverities(counts), '1 error, 2 warnings, 1 hint');
      assert.equal(severityText({ error: 0, warning: 0, info: 0, hint: 0 }), '');
    });
  });
});
