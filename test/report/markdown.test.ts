import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/index';
import type { FileResult, Finding } from '../../src/engine/types';
import { formatMarkdown, MAX_MARKDOWN_FINDINGS, type MarkdownFormatOptions } from '../../src/report';
import { builtinRules } from '../../src/rules';
import { analyzedResult, brokenResult, chatResult, cleanResult, CWD, findingAt, RULES, skippedResult } from './fixtures';

// markdown-it (a dev dependency of @vscode/vsce) renders GitHub-flavoured tables and, with `linkify`, bare URLs
// as links, as GitHub does; `html: true` lets raw HTML through, so a test sees any markup that was not escaped.
const MarkdownIt = require('markdown-it') as new (options: Record<string, unknown>) => { render(src: string): string };
const renderer = new MarkdownIt({ html: true, linkify: true });
const render = (markdown: string): string => renderer.render(markdown);

function md(results: FileResult[], extra: Partial<MarkdownFormatOptions> = {}): string {
  return formatMarkdown(results, { cwd: CWD, rules: RULES, ...extra });
}

/** The rows of the rendered findings table, as cell texts (tags stripped). */
function findingRows(html: string): string[][] {
  const table = [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => m[1]).find((t) => t.includes('<th>Rule</th>'));
  assert.ok(table, 'a findings table');
  const body = table.slice(table.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, '')));
}

function many(n: number): FileResult {
  const text = Array.from({ length: n }, (_, i) => `call${i}();`).join('\n') + '\n';
  const findings: Finding[] = Array.from({ length: n }, (_, i) =>
    findingAt(text, 'src/many.ts', { ruleId: 'js/require-fetch-timeout', messageId: 'missing', message: `Finding ${i}.`, severity: 'info', needle: `call${i}();` }),
  );
  return { file: 'src/many.ts', language: 'js', findings, errors: [] };
}

describe('report/markdown', () => {
  it('starts with the counts and a table by risk area, listing only the areas with problems', () => {
    const out = md([chatResult(), analyzedResult(), cleanResult()]);
    assert.ok(out.startsWith('### Rampart: 3 errors, 1 warning, 1 info\n\n| Risk area | Errors | Warnings | Info |\n| --- | ---: | ---: | ---: |\n'));
    assert.ok(out.includes('| Misuse and emergent behaviour | 0 | 1 | 0 |\n| AI in operation | 0 | 0 | 1 |\n| AI development and infrastructure | 3 | 0 | 0 |\n| **All** | **3** | **1** | **1** |\n'));
    assert.ok(!out.includes('The AI supply chain'));
    assert.ok(out.endsWith('\n'));
  });

  it('lists the findings errors first, then by file and line, with rule, file:line and message; suppressed ones are counted only', () => {
    const rows = findingRows(render(md([chatResult(), analyzedResult()])));
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[2]]),
      [
        ['error', 'js/no-disabled-tls', 'src/client.ts:4'],
        ['error', 'js/no-disabled-tls', 'src/client.ts:8'],
        ['error', 'js/no-disabled-tls', 'src/routes/chat handler.ts:1'],
        ['warning', 'js/no-llm-html', 'src/routes/chat handler.ts:3'],
        ['info', 'js/require-fetch-timeout', 'src/routes/chat handler.ts:4'],
      ],
    );
    assert.equal(rows[3][3], 'Model output is assigned to innerHTML, so a prompt injection becomes script injection.');
    assert.ok(md([chatResult()]).endsWith('\n1 file scanned · 2 suppressed with a reason\n'));
  });

  it(`caps the list at ${MAX_MARKDOWN_FINDINGS} findings by default, or at maxFindings, and says how many there are`, () => {
    const out = md([many(30)]);
    assert.ok(out.includes(`**Top ${MAX_MARKDOWN_FINDINGS} of 30 findings**`));
    assert.equal(findingRows(render(out)).length, MAX_MARKDOWN_FINDINGS);
    assert.equal(findingRows(render(md([many(30)], { maxFindings: 3 }))).length, 3);
    assert.ok(md([many(3)]).includes('**Findings**'));
  });

  it('shows a hostile file name and message as text: no HTML, link, image or extra table cell', () => {
    const file = 'src/a|b](https://evil.example/x)<img src=x onerror=alert(1)>`tick`.ts';
    const text = 'el.innerHTML = reply;\n';
    const finding = findingAt(text, file, {
      ruleId: 'js/no-llm-html',
      messageId: 'innerHtml',
      message: 'See ![pixel](https://tracker.example/p.png) and [docs](javascript:alert(1)) <script>x</script> | www.evil.example **bold** https://evil.example/a',
      severity: 'warning',
      needle: 'el.innerHTML',
    });
    const out = md([{ file, language: 'js', findings: [finding], errors: [] }]);
    const html = render(out);
    assert.doesNotMatch(html, /<img|<script|<a /i, html);
    assert.doesNotMatch(html, /<strong>bold/);
    const [row] = findingRows(html);
    assert.equal(row.length, 4);
    assert.equal(row[2], 'src/a|b](https://evil.example/x)&lt;img src=x onerror=alert(1)&gt;`tick`.ts:1');
    assert.equal(
      row[3],
      'See ![pixel](https://tracker.example/p.png) and [docs](javascript:alert(1)) &lt;script&gt;x&lt;/script&gt; | www.evil.example **bold** https://evil.example/a',
    );
  });

  it('never shows a full secret: messages carry only the masked form (real analyzer)', () => {
    const key = 'sk-proj-' + 'Zr4Tq8Wm2Lx6Pv9Kc3Hb7Jd1Fs5Gn0Ya' + 'T3BlbkFJ' + 'Qe7Rw2Ty5Ui8Op1As4Df6Gh9Jk3Lz0Xc';
    const settings = new Map([['secrets/no-hardcoded-secret', { severity: 'error' as const, options: {} }]]);
    const result = createAnalyzer().analyze({ file: '.env', text: `OPENAI_API_KEY=${key}\n`, settings });
    assert.equal(result.findings.length, 1);
    const out = formatMarkdown([result], { cwd: CWD, rules: builtinRules });
    assert.ok(out.includes('secrets/no-hardcoded-secret'));
    assert.ok(!out.includes(key) && !out.includes(key.slice(8, 30)));
  });

  it('links the full report only for an http(s) URL', () => {
    assert.ok(md([chatResult()], { reportUrl: 'https://ci.example.com/runs/42/rampart.html' }).endsWith('\n\n[Full report](https://ci.example.com/runs/42/rampart.html)\n'));
    for (const bad of ['javascript:alert(1)', 'https://x.example/a) [b](https://y', 'file:///etc/passwd', 'https://x.example/ a']) {
      assert.ok(!md([chatResult()], { reportUrl: bad }).includes('Full report'), bad);
    }
  });

  it('says what was not checked and what the baseline accepted', () => {
    const out = md([cleanResult(), skippedResult(), brokenResult()], {
      baselined: 7,
      coverage: { unsupportedFiles: [{ kind: '.css', files: 2 }], failedLookups: { count: 4, reason: 'timed out' } },
    });
    assert.ok(out.startsWith('### Rampart: no problems\n\n'));
    assert.ok(!out.includes('| Risk area'));
    assert.ok(out.endsWith('2 files scanned · 7 baselined · not checked: 1 file skipped, 2 files of types without rules, 4 package look-ups without an answer, 2 internal errors\n'));
  });
});
