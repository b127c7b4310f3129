import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { FAILING_NAMES, startRegistryFixture, type RegistryFixture } from '../lib/registry-fixture';
import { sleep, useSession, waitFor, type Problem } from './harness';

/** The manifest an assistant wrote: one real package, one it made up, one package registered days ago. */
const MANIFEST = `{
  "name": "ops-dashboard",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "express": "^4.21.2",
    "react-secure-forms-validator": "^1.2.0",
    "vite-plugin-agent-kit": "^0.1.0"
  }
}
`;
const MADE_UP = 'react-secure-forms-validator';
const ALLOW = `Add ${MADE_UP} to the team allow-list…`;

const isMadeUp = (p: Problem) => p.file === 'package.json' && p.code === 'packages/no-nonexistent-package' && p.line === 7;
const isNew = (p: Problem) => p.file === 'package.json' && p.code === 'packages/no-new-package' && p.line === 8;

describe('Rampart in VS Code: package checks against a loopback registry (trusted workspace)', () => {
  let registry: RegistryFixture;
  before(async () => {
    registry = await startRegistryFixture();
  });
  after(async () => {
    await registry?.close();
  });
  const session = useSession(() => ({
    label: 'packages',
    env: { npm_config_registry: registry.npmUrl, PIP_INDEX_URL: registry.pypiUrl },
    settings: { 'rampart.network.enabled': true, 'editor.hover.enabled': true },
    files: { 'package.json': MANIFEST },
  }));

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.log(rampartLog(session().userDataDir));
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('reports the made-up dependency and the just-registered one on their names, and nothing for express', async () => {
    const s = session();
    await s.openFile('package.json');
    const missing = await s.waitForProblem('packages/no-nonexistent-package on line 7', isMadeUp);
    assert.equal(missing.column, 6, 'the range starts at the name, inside the quotes');
    assert.match(missing.message, /does not exist in the npm registry/);
    const young = await s.waitForProblem('packages/no-new-package on line 8', isNew);
    assert.match(young.message, /vite-plugin-agent-kit/);
    const all = await s.problems();
    assert.ok(!all.some((p) => p.file === 'package.json' && p.line === 6), `express is real: ${JSON.stringify(all)}`);
    assert.ok(registry.requests().includes('express'), 'the extension asked the loopback registry');
  });

  it('hovering the just-registered name shows what the registry said', async () => {
    const s = session();
    await s.openFile('package.json');
    await s.waitForProblem('packages/no-new-package on line 8', isNew);
    await s.goToPosition(8, 8);
    await s.runCommand('Show or Focus Hover');
    const hover = s.page.locator('.monaco-hover').filter({ hasText: 'on npm' }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    const text = await hover.innerText();
    assert.match(text, /vite-plugin-agent-kit on npm/);
    assert.match(text, /First published: \d{4}-\d{2}-\d{2}/);
    assert.match(text, /Versions: \d+/);
  });

  it('shows the registry facts Rampart used as a code lens on the dependency line', async () => {
    const s = session();
    await s.openFile('package.json');
    await s.waitForProblem('packages/no-new-package on line 8', isNew);
    const lens = s.page.locator('.monaco-editor .codelens-decoration').first();
    await lens.waitFor({ state: 'attached', timeout: 30_000 });
    const text = await s.page.locator('.monaco-editor .codelens-decoration').allInnerTexts();
    console.log('      lenses:', JSON.stringify(text));
    assert.ok(text.some((t) => /npm: .*(ago|published|latest)/i.test(t)), `the lens should give the registry facts: ${JSON.stringify(text)}`);
  });

  it('"Add … to the team allow-list…" writes .rampart.jsonc with the reason and the finding goes away', async () => {
    const s = session();
    const reason = 'published to our private registry only';
    await s.openFile('package.json');
    const problem = await s.waitForProblem('packages/no-nonexistent-package on line 7', isMadeUp);
    await s.openQuickFixMenu(problem, ALLOW);
    await s.chooseQuickFix(ALLOW);
    await s.answerInputBox(reason);
    await s.openFile('package.json');
    await s.waitForNoProblem('the allow-listed package to stop being reported', isMadeUp, 30_000);
    const config = fs.readFileSync(path.join(s.workspace, '.rampart.jsonc'), 'utf8');
    assert.match(config, /^\/\/ Team co/, 'the comments of the team file are kept');
    assert.deepEqual(parse(config).packages.allow, [{ name: MADE_UP, reason, ecosystem: 'npm' }]);
  });

  // Last: it heals the registry's failing name.
  it('shows failed look-ups in the status bar; "Retry Failed Look-ups" checks the package again once the registry answers', async () => {
    const s = session();
    const flaky = FAILING_NAMES.serverError;
    const worker = `{\n  "name": "report-worker",\n  "dependencies": {\n    "${flaky}": "^1.0.0"\n  }\n}\n`;
    fs.mkdirSync(path.join(s.workspace, 'worker'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'worker', 'package.json'), worker);
    await s.openFile('worker/package.json');
    const details = s.statusItem('rampart.details');
    const failed = async () => (await details.locator('a').first().getAttribute('aria-label').catch(() => null)) ?? '';
    await waitFor('the status bar to count the failed look-up', async () => /1 failed look-ups?/.test(await failed()), 30_000);
    assert.equal((await s.problems('worker')).filter((p) => p.source === 'rampart').length, 0, 'a failed look-up is "unknown", never "does not exist"');
    await s.problems(''); // the panel's filter would also filter the Output view
    const tooltip = (await s.statusItem('rampart.status').locator('a').first().getAttribute('aria-label')) ?? '';
    console.log(`      status: ${await failed()}`);

    const menu = async (entry: RegExp) => {
      await details.click();
      const row = s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: entry }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await sleep(300);
      await row.click();
    };
    await menu(/Show Look-up Failure Details/);
    await waitFor('the Rampart output to show the failure', async () => {
      const text = await s.page.locator('.part.panel .view-lines').allInnerTexts().catch(() => []);
      return text.some((t) => /got no answer \(registry answered 500\)/.test(t.replace(/\s+/g, ' ')));
    }, 15_000);
    assert.ok(s.outputChannelLines('Rampart').some((l) => l.includes('1 package look-up got no answer')), `the log says why: ${tooltip}`);

    registry.recover(flaky, 2);
    await menu(/Retry Failed Look-ups \(1\)/);
    await s.waitForProblem(`${flaky} checked again, now a package registered days ago`, (p) => p.file === 'package.json' && p.code === 'packages/no-new-package' && p.line === 4, 30_000, 'worker');
    await waitFor('the failure count to leave the status bar', async () => !/failed look-up/.test(await failed()), 15_000);
  });
});

/** The extension's own log (Output › Rampart), for failure messages. */
function rampartLog(userDataDir: string): string {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/rampart/i.test(entry.name) && entry.name.endsWith('.log')) found.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.join('\n').split('\n').slice(-40).join('\n');
}
