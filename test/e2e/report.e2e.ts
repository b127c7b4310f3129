/**
 * The HTML report rendered in headless Chromium (the Debian browser the other end-to-end tests drive; no
 * code-server needed): the counts are on screen and match the JSON report, no full secret is anywhere on the
 * page, nothing is fetched and nothing runs, and hostile file names stay text. Keeps a screenshot in
 * test/e2e/artifacts/report.png and, when missing or with RAMPART_E2E_UPDATE_MEDIA=1, as the README's picture
 * docs/images/report.png.
 *
 * The last block runs "Rampart: Export Report…" in code-server (it needs the packaged extension, as every
 * editor test does) and renders what it wrote.
 *
 * Run alone: npx mocha --no-config --require tsx/cjs --extension ts --timeout 120000 test/e2e/report.e2e.ts
 * (after `npm run package` and `bash scripts/e2e/setup.sh`, as `npm run test:e2e` does).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { makeTree, removeTree, runCli, TLS_OFF } from '../cli/helpers';
import { ARTIFACTS_DIR, launchChromium, REPO_ROOT, useSession } from './harness';

const DEMO = path.join('examples', 'express-llm-app');
const README_IMAGE = path.join(REPO_ROOT, 'docs', 'images', 'report.png');

/** Values of the demo's committed `.env` long enough to be secrets: none may show in full. */
function demoSecrets(): string[] {
  const env = fs.readFileSync(path.join(REPO_ROOT, DEMO, '.env'), 'utf8');
  return env
    .split('\n')
    .map((line) => /^[A-Z_]+=(.{16,})$/.exec(line.trim())?.[1])
    .filter((v): v is string => v !== undefined);
}

/** Opens a report from its file:// URL, recording every request, dialog and console error of the page. */
async function open(browser: Browser, file: string): Promise<{ page: Page; requests: string[]; dialogs: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, dialogs, errors };
}

describe('the HTML report in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let out: string;
  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-report-e2e-'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('shows the demo workspace’s counts, masks its secrets, fetches and runs nothing', async () => {
    const file = path.join(out, 'demo.html');
    const html = await runCli(['scan', '--format', 'html', '--output', file, DEMO], { cwd: REPO_ROOT });
    assert.equal(html.code, 1, html.stderr);
    const json = await runCli(['scan', '--format', 'json', DEMO], { cwd: REPO_ROOT });
    const summary = (JSON.parse(json.stdout) as { summary: Record<string, number> }).summary;

    const { page, requests, dialogs, errors } = await open(browser, file);
    const card = async (name: string) => {
      const value = page.locator(`[data-count="${name}"]`);
      assert.ok(await value.isVisible(), `the ${name} card is visible`);
      return Number(await value.innerText());
    };
    assert.deepEqual(
      { errors: await card('error'), warnings: await card('warning'), info: await card('info'), suppressed: await card('suppressed') },
      { errors: summary.errors, warnings: summary.warnings, info: summary.info, suppressed: summary.suppressed },
    );
    assert.ok(summary.errors > 10, 'the demo has errors to show');
    assert.ok(await page.getByRole('heading', { name: 'Totals' }).isVisible());
    assert.ok(await page.getByRole('link', { name: 'AI in operation' }).isVisible());
    for (const area of ['Misuse and emergent behaviour', 'AI in operation', 'AI development and infrastructure', 'The AI supply chain', 'Readiness and oversight']) {
      assert.ok(await page.getByRole('heading', { name: area, level: 2 }).count(), area);
    }
    assert.ok(await page.getByText('NIST AI RMF 1.0 MEASURE 2.7').first().isVisible());

    const text = await page.locator('body').innerText();
    const source = await page.content();
    const secrets = demoSecrets();
    assert.ok(secrets.length >= 2, 'the demo .env has secrets');
    for (const secret of secrets) {
      assert.ok(!text.includes(secret) && !source.includes(secret), `a secret of the demo's .env is on the page: ${secret.slice(0, 6)}…`);
    }
    assert.match(text, /ANTHROPIC_API_KEY=sk-a…\(\d+ chars\)/);

    assert.deepEqual(requests, [pathToFileURL(file).href], 'the page itself is the only thing loaded');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.equal(await page.locator('script, img, link, iframe, object, embed').count(), 0);

    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const shot = path.join(ARTIFACTS_DIR, 'report.png');
    await page.screenshot({ path: shot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });
    if (process.env.RAMPART_E2E_UPDATE_MEDIA === '1' || !fs.existsSync(README_IMAGE)) {
      fs.mkdirSync(path.dirname(README_IMAGE), { recursive: true });
      fs.copyFileSync(shot, README_IMAGE);
      console.log(`      wrote ${path.relative(REPO_ROOT, README_IMAGE)}`);
    }
  });

  it('keeps hostile file names and file contents as text', async () => {
    const name = '<img src=x onerror=alert(1)>.js';
    const dir = makeTree({ [`src/${name}`]: TLS_OFF, 'src/page.js': `// </pre><script>alert(2)</script>\n${TLS_OFF}` });
    try {
      const file = path.join(out, 'hostile.html');
      const run = await runCli(['scan', '--format', 'html', '--output', file, '.'], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      const { page, requests, dialogs } = await open(browser, file);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(requests, [pathToFileURL(file).href]);
      assert.equal(await page.locator('img, script').count(), 0);
      assert.ok(await page.getByText(`src/${name}:1:50`).isVisible(), 'the file name shown as text');
      assert.equal(await card(page), 2);
    } finally {
      removeTree(dir);
    }
  });

  describe('Rampart: Export Report… in VS Code', () => {
    const session = useSession({ label: 'report' });

    it('writes the same self-contained report of the scanned workspace, counting what the editor counts', async () => {
      const s = session();
      // The extension is up once an opened file has its findings.
      await s.openFile('src/server.js');
      await s.waitForProblem('a finding in server.js', (p) => p.file === 'server.js' && p.source === 'rampart', 30_000, 'server.js');
      await s.runCommand('Notifications: Clear All Notifications');
      await s.runCommand('Rampart: Scan Workspace');
      const summary = await s.waitForNotification('the scan summary', /^Rampart scanned \d+ files?: /, 60_000);
      const m = /: (\d+) problems?(?:, (\d+) suppressed)?\.$/.exec(summary);
      assert.ok(m, summary);
      await s.runCommand('Notifications: Clear All Notifications');
      await s.runCommand('Rampart: Export Report…');
      const target = path.join(s.workspace, 'rampart-report.html');
      await s.answerInputBox(target);
      await s.waitForNotification('the export message', /^Rampart: exported a report of /);

      const { page, requests, dialogs } = await open(browser, target);
      const shown = (await Promise.all(['error', 'warning', 'info'].map(async (c) => Number(await page.locator(`[data-count="${c}"]`).innerText())))).reduce((a, b) => a + b, 0);
      assert.equal(shown, Number(m[1]), 'the report counts the problems the scan summary counts');
      assert.equal(Number(await page.locator('[data-count="suppressed"]').innerText()), Number(m[2] ?? 0));
      assert.ok(await page.locator('pre.excerpt').first().isVisible(), 'code excerpts from the files');
      assert.ok(await page.getByRole('heading', { name: 'Why it matters' }).first().isVisible(), 'the bundled rule docs');
      assert.equal(await page.locator('script, img, link, iframe').count(), 0);
      assert.deepEqual(requests, [pathToFileURL(target).href]);
      assert.deepEqual(dialogs, []);
    });
  });
});

async function card(page: Page): Promise<number> {
  return Number(await page.locator('[data-count="error"]').innerText());
}
