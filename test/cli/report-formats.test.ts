import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine } from '../../src/cli/args';
import { makeTree, removeTree, runCli, TLS_OFF } from './helpers';

/** A realistic Stripe live key; it must never appear in full in any report. */
const STRIPE = 'sk_live_' + '51Hq8Zt3Wy6Nb1Hc5Jd0FsXm4Rt8Wq2Ln6Pz9Kv3Hb7Jc1Df5Gs0YaQe7Rw2Ty';

/** A small project: an error with a safe fix, a committed secret, a suppressed finding, a Go file, a stylesheet, an ignored folder. */
const PROJECT: Record<string, string> = {
  '.rampart.jsonc': JSON.stringify({
    extends: 'rampart:recommended',
    ignore: ['generated/**'],
    suppressions: [{ rule: 'js/no-disabled-tls', path: 'legacy/**', reason: 'old client, replaced in Q3', expires: '2099-12-31' }],
  }),
  'src/client.js': TLS_OFF,
  'legacy/old.js': TLS_OFF,
  'config/billing.js': `export const stripe = { key: '${STRIPE}' };\n`,
  'cmd/main.go': 'package main\n\nfunc main() {}\n',
  'web/site.css': 'body { color: red; }\n',
  'generated/out.js': TLS_OFF,
};

describe('rampart scan --format html and markdown', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = makeTree(PROJECT)));
  after(() => removeTree(dir));

  it('html: writes one page with the counts, masked excerpts, the suppression with its expiry and what was not checked', async () => {
    const run = await runCli(['scan', '--format', 'html', '--output', 'report.html', '.'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    const page = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    fs.rmSync(path.join(dir, 'report.html')); // not a file of the project for the next scans
    const json = JSON.parse((await runCli(['scan', '--format', 'json', '.'], { cwd: dir })).stdout) as { summary: { errors: number; warnings: number; info: number; suppressed: number } };
    const count = (card: string) => Number(new RegExp(`data-count="${card}">(\\d+)<`).exec(page)?.[1]);
    assert.deepEqual(
      { errors: count('error'), warnings: count('warning'), info: count('info'), suppressed: count('suppressed') },
      { errors: json.summary.errors, warnings: json.summary.warnings, info: json.summary.info, suppressed: json.summary.suppressed },
    );
    assert.ok(json.summary.errors >= 2);
    assert.ok(page.includes(`<title>Rampart report — ${path.basename(dir)}</title>`), 'the scanned folder, by name');
    // The code of the finding, from the text the scan read, and the rule's doc shipped with Rampart.
    assert.ok(page.includes('<pre class="excerpt"><code>const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });</code></pre>'));
    assert.match(page, /<h4>Why it matters<\/h4><p>/);
    assert.match(page, /<h4>How to fix<\/h4>/);
    // The secret only masked, in the message and in the excerpt.
    assert.ok(!page.includes(STRIPE) && !page.includes(STRIPE.slice(8, 40)));
    assert.ok(page.includes('Hardcoded Stripe live secret key (sk_liv…(70 chars))'));
    assert.match(page, /<code>export const stripe = \{ key: &#39;sk_…\(\d+ chars\) \};<\/code>/);
    assert.ok(page.includes('<td>configuration</td><td>old client, replaced in Q3</td><td>2099-12-31</td>'));
    assert.ok(page.includes('<td>2099-12-31</td><td>active</td>'));
    const notChecked = page.slice(page.indexOf('<section id="not-checked"'));
    assert.ok(notChecked.includes('File types without rules, not read: 1 file — <code>.css</code> (1)'), notChecked);
    assert.ok(notChecked.includes('(no code rules for these languages): 1 file — <code>.go</code> (1)'));
    assert.ok(notChecked.includes('ignored by the configuration: 1 file'));
    assert.doesNotMatch(page, /<script/i);
  });

  it('markdown: prints the summary with a link to the full report', async () => {
    const run = await runCli(['scan', '--format', 'markdown', '--report-url', 'https://ci.example.com/runs/7/report.html', '.'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^### Rampart: \d+ errors?, \d+ warnings?, \d+ info\n/);
    assert.match(run.stdout, /\| error \| `js\/no-disabled-tls` \| `src\/client\.js:1` \| /);
    assert.ok(!run.stdout.includes('legacy/old.js'), 'the suppressed finding is not listed');
    assert.ok(!run.stdout.includes(STRIPE));
    assert.match(run.stdout, / · 1 suppressed with a reason · not checked: 1 file of types without rules\n\n\[Full report\]\(https:\/\/ci\.example\.com\/runs\/7\/report\.html\)\n$/);
  });

  it('--report-url needs --format markdown and an http(s) URL', async () => {
    assert.deepEqual(parseCommandLine(['scan', '--format', 'html', '--report-url', 'https://x.example/r']), { kind: 'usage-error', message: '--report-url needs --format markdown' });
    assert.deepEqual(parseCommandLine(['scan', '--format', 'markdown', '--report-url', 'javascript:alert(1)']), {
      kind: 'usage-error',
      message: '--report-url must be an http or https URL without spaces, quotes or brackets',
    });
    const ok = parseCommandLine(['scan', '--format', 'markdown', '--report-url', 'https://x.example/r']);
    assert.equal(ok.kind === 'scan' && ok.options.reportUrl, 'https://x.example/r');
    const run = await runCli(['scan', '--format', 'markdown', '--report-url', 'ftp://x', '.'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
  });
});
