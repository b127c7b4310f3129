import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createAnalyzer } from '../../src/index';
import type { FileResult } from '../../src/engine/types';
import { FRAMEWORK_MAPPING, formatHtml, REPORT_CSP, ruleGuidance, type HtmlFormatOptions } from '../../src/report';
import { builtinRules } from '../../src/rules';
import { analyzedResult, ANALYZED_SOURCE, brokenResult, CHAT_SOURCE, chatResult, cleanResult, CWD, findingAt, RULES, skippedResult } from './fixtures';

/** A realistic OpenAI project key (random body with OpenAI's marker); it must never appear in a report in full. */
const KEY = 'sk-proj-' + 'Zr4Tq8Wm2Lx6Pv9Kc3Hb7Jd1Fs5Gn0Ya' + 'T3BlbkFJ' + 'Qe7Rw2Ty5Ui8Op1As4Df6Gh9Jk3Lz0Xc';

const SOURCES: Record<string, string> = { 'src/routes/chat handler.ts': CHAT_SOURCE, 'src/client.ts': ANALYZED_SOURCE };

function html(results: FileResult[], extra: Partial<HtmlFormatOptions> = {}): string {
  return formatHtml(results, { cwd: CWD, rules: RULES, toolVersion: '9.9.9', source: (f) => SOURCES[f], ...extra });
}

/** The counts shown on the cards (`data-count`), by card. */
function cards(page: string): Record<string, number> {
  return Object.fromEntries([...page.matchAll(/data-count="([a-z]+)">(\d+)</g)].map((m) => [m[1], Number(m[2])]));
}

/** The [errors, warnings, info, total] row of a risk area in the totals table. */
function areaRow(page: string, area: string): number[] {
  const row = new RegExp(`<tr><th scope="row"><a href="#area-${area}">[^<]*</a></th>(.*?)</tr>`).exec(page);
  assert.ok(row, `a row for ${area}`);
  return [...row[1].matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
}

/** The HTML of one area's section. */
function areaSection(page: string, area: string): string {
  const start = page.indexOf(`<section class="area" id="area-${area}"`);
  assert.ok(start >= 0, `section ${area}`);
  return page.slice(start, page.indexOf('</section>', start));
}

/** Results with a secret in a `.env` and on the line of a shell injection, from the real analyzer. */
function secretResults(): { results: FileResult[]; sources: Record<string, string> } {
  const analyzer = createAnalyzer();
  const settings = new Map(builtinRules.filter((r) => r.meta.recommended).map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const env = `PORT=3000\nOPENAI_API_KEY=${KEY}\n`;
  const app = [
    `import express from 'express';`,
    `import { exec } from 'node:child_process';`,
    `const app = express();`,
    `app.get('/fetch', (req, res) => {`,
    `  exec(\`curl -H "Authorization: Bearer ${KEY}" \${req.query.url}\`, (err, out) => res.send(out));`,
    `});`,
    ``,
  ].join('\n');
  const sources = { '.env': env, 'server.js': app };
  const results = Object.entries(sources).map(([file, text]) => analyzer.analyze({ file, text, settings }));
  return { results, sources };
}

describe('report/html', () => {
  it('is one self-contained document: the strict CSP, inline styles only, no script and no external reference', () => {
    const page = html([chatResult(), analyzedResult(), skippedResult(), brokenResult(), cleanResult()]);
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`));
    assert.match(REPORT_CSP, /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    assert.equal(page.match(/<style>/g)?.length, 1);
    assert.doesNotMatch(page, /<script|<link|<iframe|<object|<embed|<img|@import|url\(|\bsrc=|\bon[a-z]+=/i);
    // The only URLs are links to read: rule docs, CWE entries, the frameworks' pages, and anchors in the page.
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(hrefs.length > 5);
    for (const href of hrefs) assert.match(href, /^(#[a-z-]+|https:\/\/(github\.com\/rampart-security|cwe\.mitre\.org|doi\.org|www\.iso\.org)\/)/, href);
    assert.ok(page.endsWith('</html>\n'));
  });

  it('escapes hostile file names, messages, suppression reasons, waivers and notes, and shows bidi controls', () => {
    const hostileFile = 'src/<img src=x onerror=alert(1)>\u202e.ts';
    const text = 'el.innerHTML = reply;\n';
    const finding = findingAt(text, hostileFile, {
      ruleId: 'js/no-llm-html',
      messageId: 'innerHtml',
      message: 'Model output </pre><script>alert("x")</script> & more',
      severity: 'warning',
      needle: 'el.innerHTML = reply',
    });
    const suppressed = findingAt(text, hostileFile, { ruleId: 'js/no-llm-html', messageId: 'innerHtml', message: 'm', severity: 'warning', needle: 'reply' }, {
      suppressed: { kind: 'inline', reason: 'trusted <b onclick="x()">"really"</b>' },
    });
    const page = formatHtml([{ file: hostileFile, language: 'js', findings: [finding, suppressed], errors: [] }], {
      cwd: CWD,
      rules: RULES,
      toolVersion: '1.0.0',
      target: '<script>t</script>',
      source: () => '<iframe src=x></iframe> el.innerHTML = reply;\n',
      waivers: [{ rule: 'js/no-llm-html', path: 'gen/<svg onload=x>/**', reason: '"quoted" <i>', expired: false }],
      coverage: { notes: ['folder <a href="javascript:x">x</a>: not scanned'] },
    });
    assert.doesNotMatch(page, /<script|<img|<iframe|<svg|<b |<i>|<a href="javascript/i);
    assert.ok(page.includes('src/&lt;img src=x onerror=alert(1)&gt;\\u202e.ts:1:1'), 'the file name, escaped, with the bidi override visible');
    assert.ok(!page.includes('\u202e'));
    assert.ok(page.includes('Model output &lt;/pre&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'));
    assert.ok(page.includes('trusted &lt;b onclick=&quot;x()&quot;&gt;&quot;really&quot;&lt;/b&gt;'));
    assert.ok(page.includes('<title>Rampart report — &lt;script&gt;t&lt;/script&gt;</title>'));
    assert.ok(page.includes('gen/&lt;svg onload=x&gt;/**'));
    assert.ok(page.includes('folder &lt;a href=&quot;javascript:x&quot;&gt;x&lt;/a&gt;: not scanned'));
    assert.ok(page.includes('&lt;iframe src=x&gt;&lt;/iframe&gt; el.innerHTML = reply;'), 'the code excerpt, escaped');
  });

  it('never shows a full secret: the secret finding and the code on a secret line are masked (real analyzer)', () => {
    const { results, sources } = secretResults();
    const ruleIds = results.flatMap((r) => r.findings.map((f) => f.ruleId)).sort();
    assert.ok(ruleIds.includes('secrets/no-hardcoded-secret'), ruleIds.join());
    assert.ok(ruleIds.includes('js/no-shell-injection'), ruleIds.join());
    const page = formatHtml(results, { cwd: CWD, rules: builtinRules, toolVersion: '1.0.0', source: (f) => sources[f] });
    assert.ok(!page.includes(KEY), 'the key in full');
    assert.ok(!page.includes(KEY.slice(8, 40)), 'a long part of the key');
    assert.match(page, /OPENAI_API_KEY=sk-p…\(\d+ chars\)/, 'the .env excerpt, masked');
    assert.match(page, /exec\(`curl -H &quot;Authorization: Bearer sk-p…\(\d+ chars\)&quot; \$\{req\.query\.url\}`/, 'the shell-injection excerpt, with the key masked');
  });

  it('counts problems by severity and risk area, suppressed and baselined findings apart', () => {
    const baselinedResult = cleanResult('src/old.ts');
    const old = findingAt('x.innerHTML = y;\n', 'src/old.ts', { ruleId: 'js/no-llm-html', messageId: 'innerHtml', message: 'm', severity: 'warning', needle: 'x.innerHTML' }, {
      suppressed: { kind: 'baseline', reason: 'baseline' },
    });
    baselinedResult.findings.push(old);
    const page = html([chatResult(), analyzedResult(), skippedResult(), baselinedResult], { baselined: 4 });
    assert.deepEqual(cards(page), { error: 3, warning: 1, info: 1, suppressed: 2, baselined: 5, files: 3, skipped: 1 });
    assert.deepEqual(areaRow(page, 'development'), [3, 0, 0, 3]);
    assert.deepEqual(areaRow(page, 'misuse'), [0, 1, 0, 1]);
    assert.deepEqual(areaRow(page, 'operation'), [0, 0, 1, 1]);
    assert.deepEqual(areaRow(page, 'supply-chain'), [0, 0, 0, 0]);
    assert.deepEqual(areaRow(page, 'oversight'), [0, 0, 0, 0]);
    assert.match(page, /<th scope="row">All areas<\/th><td class="num">3<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num total">5<\/td>/);
    assert.ok(areaSection(page, 'supply-chain').includes('No problems in this area.'));
    assert.ok(areaSection(page, 'development').includes('3 problems: 3 errors.'));
  });

  it('shows no problems and zero counts for a clean scan', () => {
    const page = html([cleanResult()]);
    assert.deepEqual(cards(page), { error: 0, warning: 0, info: 0, suppressed: 0, baselined: 0, files: 1, skipped: 0 });
    for (const area of Object.keys(FRAMEWORK_MAPPING)) assert.ok(areaSection(page, area).includes('No problems in this area.'), area);
    assert.doesNotMatch(page, /<article class="rule"/);
  });

  it('groups findings by rule under their area, each with file:line, the excerpt, its fixes, the rule’s ids, why it matters and how to fix', () => {
    const doc = [
      '# js/no-disabled-tls',
      '',
      '## Why it matters',
      'Turning off **certificate verification** lets anyone on the path read the traffic.',
      '',
      'A second paragraph the report leaves out.',
      '',
      '## Incorrect',
      '```js',
      'rejectUnauthorized: false',
      '```',
      '',
      '## How to fix',
      'Remove the option; trust a private CA with `ca`.',
      '',
      '## References',
      '- https://example.com',
    ].join('\n');
    const page = html([chatResult(), analyzedResult()], { ruleDoc: (id) => (id === 'js/no-disabled-tls' ? doc : undefined) });
    const development = areaSection(page, 'development');
    assert.match(development, /<code>js\/no-disabled-tls<\/code><\/a> <span class="sev error">error<\/span> <span class="n">3 findings<\/span>/);
    assert.ok(development.includes('<a href="https://cwe.mitre.org/data/definitions/295.html" rel="noreferrer">CWE-295</a>'));
    assert.ok(development.includes('<h4>Why it matters</h4><p>Turning off <strong>certificate verification</strong> lets anyone on the path read the traffic.</p>'));
    assert.ok(!development.includes('A second paragraph'));
    assert.ok(development.includes('<h4>How to fix</h4><p>Remove the option; trust a private CA with <code>ca</code>.</p>'));
    // Sorted by file and line; each with its masked excerpt and its fix.
    const locations = [...development.matchAll(/<code>([^<]+:\d+:\d+)<\/code>/g)].map((m) => m[1]);
    assert.deepEqual(locations, ['src/client.ts:4:5', 'src/client.ts:8:1', 'src/routes/chat handler.ts:1:50']);
    assert.ok(development.includes('<pre class="excerpt"><code>rejectUnauthorized: false, // self-signed in dev</code></pre>'));
    assert.ok(development.includes('Fix: Remove `rejectUnauthorized` to keep certificate verification on'));
    // The misuse rule has no doc: its description stands in; its OWASP id is listed.
    const misuse = areaSection(page, 'misuse');
    assert.ok(misuse.includes('<h4>Why it matters</h4><p>Model output must not be written to the page as HTML.</p>'));
    assert.ok(misuse.includes('OWASP LLM 2025: LLM05:2025'));
    assert.ok(misuse.includes('Suggestion: Use textContent<br>Suggestion: Sanitize with DOMPurify'));
    // Suppressed findings are not listed as problems.
    assert.equal(page.match(/<li class="finding /g)?.length, 5);
  });

  it('lists at most maxFindingsPerRule findings of a rule and says how many more there are', () => {
    const page = html([analyzedResult()], { maxFindingsPerRule: 1 });
    assert.equal(areaSection(page, 'development').match(/<li class="finding /g)?.length, 1);
    assert.ok(page.includes('1 more finding of this rule not listed'));
    assert.ok(!html([analyzedResult()]).includes('not listed'));
  });

  it('leaves the excerpt out when the file text is not given', () => {
    assert.doesNotMatch(html([analyzedResult()], { source: () => undefined }), /class="excerpt"/);
  });

  it('shows in each area the NIST AI RMF subcategories and ISO/IEC 42001 control groups it gives evidence for, and only those', () => {
    const page = html([cleanResult()]);
    for (const [area, rows] of Object.entries(FRAMEWORK_MAPPING)) {
      const section = areaSection(page, area);
      for (const row of rows) assert.ok(section.includes(` ${row.id}</span> `), `${area}: ${row.id}`);
      const shown = [...section.matchAll(/<span class="fw-id">[^<]* ((?:GOVERN|MAP|MEASURE|MANAGE) [\d.]+|A\.\d+)<\/span>/g)].map((m) => m[1]);
      assert.deepEqual(shown, rows.map((r) => r.id), area);
    }
  });

  it('lists suppressed findings with their reasons, and the configuration’s suppressions with expiry and whether it is over', () => {
    const page = html([chatResult()], {
      waivers: [
        { rule: 'js/no-disabled-tls', path: 'src/**', reason: 'legacy client, tracked in SEC-42', expires: '2030-01-31', expired: false, owner: 'platform-team' },
        { rule: 'js/no-ssrf', path: 'tools/**', reason: 'internal only', expires: '2020-01-01', expired: true },
      ],
    });
    const section = page.slice(page.indexOf('<section id="suppressions"'));
    assert.ok(section.includes('2 findings suppressed with a reason (not counted as problems); 0 findings accepted by the baseline.'));
    assert.ok(section.includes('<td>comment</td><td>internal test server with a self-signed certificate</td><td>—</td>'));
    assert.ok(section.includes('<td>configuration</td><td>legacy client, tracked in SEC-42</td><td>2030-01-31</td>'));
    assert.ok(section.includes('<td>2030-01-31</td><td>active</td><td>platform-team</td>'));
    assert.ok(section.includes('<td>2020-01-01</td><td><span class="sev error">expired</span></td><td>—</td>'));
  });

  it('says what was not checked: skipped files, internal errors, file types without rules, secrets-only files, failed look-ups, unanswered questions, rules off', () => {
    const unanswered: FileResult = { ...cleanResult('package.json'), unanswered: 3 };
    const page = html([skippedResult(), brokenResult(), unanswered], {
      coverage: {
        unsupportedFiles: [{ kind: '.css', files: 4 }, { kind: '.png', files: 2 }],
        secretsOnlyFiles: [{ kind: '.go', files: 7 }],
        ignored: [{ reason: 'ignored by .gitignore', files: 3, folders: 1 }],
        failedLookups: { count: 5, reason: 'offline and not in the cache' },
        rulesOff: ['js/no-weak-hash'],
        notes: ['docs/x.md: cannot read the folder (EACCES), not scanned'],
      },
    });
    const section = page.slice(page.indexOf('<section id="not-checked"'));
    assert.ok(section.includes('larger than 1048576 characters: 1 file<ul class="files"><li><code>dist/bundle.min.js</code></li>'));
    assert.ok(section.includes('Internal errors (a parser gave up or a rule failed; that part was not checked): 2'));
    assert.ok(section.includes('File types without rules, not read: 6 files — <code>.css</code> (4), <code>.png</code> (2)'));
    assert.ok(section.includes('(no code rules for these languages): 7 files — <code>.go</code> (7)'));
    assert.ok(section.includes('Left out on purpose (not read): ignored by .gitignore: 3 files and 1 folder'));
    assert.ok(section.includes('Registry look-ups that got no answer: 5 packages (offline and not in the cache)'));
    assert.ok(section.includes('got no answer: 3; nothing was reported for them'));
    assert.ok(section.includes('<code>js/no-weak-hash</code>'));
    assert.ok(section.includes('docs/x.md: cannot read the folder (EACCES), not scanned'));
    assert.ok(html([cleanResult()]).includes('<p>Nothing: every file found was analysed, and every question got an answer.</p>'));
  });

  describe('ruleGuidance', () => {
    it('takes the first paragraph of "Why it matters" and the whole of a short "How to fix"', () => {
      const doc = '# r\n\n## Why it matters\nOne.\nStill one.\n\nTwo.\n\n## How to fix\nDo this.\n\n```js\nx()\n```\n\n## References\n';
      assert.deepEqual(ruleGuidance(doc), { why: 'One.\nStill one.', how: 'Do this.\n\n```js\nx()\n```', cut: false });
      assert.deepEqual(ruleGuidance(undefined), { why: null, how: null, cut: false });
      assert.deepEqual(ruleGuidance('# r\n\nNo sections.\n'), { why: null, how: null, cut: false });
    });

    it('cuts a long "How to fix" between paragraphs, never inside a code fence', () => {
      const fence = ['```jsonc', ...Array.from({ length: 60 }, (_, i) => `// line ${i} of the example configuration`), '', '// still the example', '```'];
      const doc = ['## How to fix', 'First paragraph.', '', ...fence, '', 'Last paragraph.', ''].join('\n');
      const guidance = ruleGuidance(doc);
      assert.equal(guidance.cut, true);
      assert.equal(guidance.how, 'First paragraph.');
      // Every real doc page is read without throwing, and what is cut still has balanced fences.
      for (const rule of builtinRules) {
        const how = ruleGuidance(readFileSync(`docs/rules/${rule.id}.md`, 'utf8')).how ?? '';
        assert.equal((how.match(/^ {0,3}```/gm)?.length ?? 0) % 2, 0, rule.id);
      }
    });
  });
});
