import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR, EXTENSION_ID, keepAsMedia, sleep, useSession, waitFor, type Problem, type VsCodeSession } from './harness';

const RULE = 'js/no-shell-injection';
const shellInServer = (p: Problem) => p.file === 'server.js' && p.source === 'rampart' && p.code === RULE;

/** A status-bar item of the extension by its id (`rampart.status`, `rampart.details`). */
/** The document inside the active webview (the workbench nests it in two iframes). */
function webview(s: VsCodeSession) {
  return s.page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

describe('Rampart in VS Code: rule details and the status bar (trusted workspace)', () => {
  const session = useSession({ label: 'rule-details' });

  it('the status bar counts by severity and its menu lists what Rampart can do', async () => {
    const s = session();
    await s.openFile('src/server.js');
    await s.waitForProblem(`${RULE} in server.js`, shellInServer);
    const main = s.statusItem('rampart.status');
    const details = s.statusItem('rampart.details');
    await waitFor('the status bar to count the problems', async () => /^Rampart: \d+$/.test((await main.innerText()).replace(/\s+/g, ' ').trim()), 20_000);
    const label = await waitFor('the severity item', async () => {
      const aria = await details.locator('a').first().getAttribute('aria-label').catch(() => null);
      return aria && /\d+ errors?/.test(aria) ? aria : undefined;
    }, 10_000);
    assert.match(label, /^Rampart: \d+ errors?/);
    assert.ok((await details.locator('.codicon-error').count()) >= 1, 'the severity item shows the error icon');

    await main.click();
    const rows = s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible' });
    await sleep(300);
    const labels = (await s.page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
    for (const entry of ['Scan Workspace', 'Show Problems', 'Show Rule Details…', 'Show Output', 'Settings', 'Disable for This Workspace']) {
      assert.ok(labels.includes(entry), `the status menu lacks "${entry}": ${JSON.stringify(labels)}`);
    }
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await s.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'status-menu.png'), timeout: 10_000 });
    await s.page.keyboard.press('Escape');
  });

  it('the rule link in the Problems panel opens the rendered rule details, not the Markdown', async () => {
    const s = session();
    await s.waitForProblem(`${RULE} in server.js`, shellInServer, 20_000, 'server');
    const link = s.page.locator('.markers-panel .monaco-list-row a.monaco-link', { hasText: RULE }).first();
    await link.waitFor({ state: 'visible' });
    const href = await link.getAttribute('href');
    assert.match(href ?? '', new RegExp(`^[\\w-]+://${EXTENSION_ID.replace('.', '\\.')}/rule\\?id=`), `the link goes to the extension's URI handler: ${href}`);
    await link.click();

    const tab = s.page.locator(`.tabs-container .tab[aria-label^=${JSON.stringify(RULE)}]`);
    await tab.waitFor({ state: 'visible', timeout: 20_000 });
    const frame = webview(s);
    await frame.locator('h1').filter({ hasText: RULE }).waitFor({ state: 'visible', timeout: 20_000 });
    const text = await frame.locator('body').innerText();
    for (const expected of ['CWE-78', 'LLM05:2025', 'code-injection', 'Why it matters', 'Turn off in this workspace', 'Change severity…']) {
      assert.ok(text.includes(expected), `the panel lacks "${expected}"`);
    }
    assert.equal(await frame.locator('script').count(), 0, 'no script in the panel');
    const mdTabs = await s.page.locator('.tabs-container .tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('aria-label') ?? '').filter((l) => /\.md\b/.test(l)));
    assert.deepEqual(mdTabs, [], 'no Markdown file is opened');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await s.screenshotEditorArea(path.join(ARTIFACTS_DIR, 'rule-details.png'));
    keepAsMedia(path.join(ARTIFACTS_DIR, 'rule-details.png'), 'rule-details.png');
  });

  it('"Turn off in this workspace" writes .rampart.jsonc (comments kept) and the finding disappears', async () => {
    const s = session();
    const frame = webview(s);
    await frame.getByText('Turn off in this workspace').click();
    const config = path.join(s.workspace, '.rampart.jsonc');
    const written = await waitFor('.rampart.jsonc to turn the rule off', async () => {
      const text = fs.readFileSync(config, 'utf8');
      return text.includes(`"${RULE}": "off"`) ? text : undefined;
    }, 20_000);
    assert.ok(written.startsWith('// Team configuration for Rampart.'), `the comment is kept:\n${written}`);
    assert.ok(written.includes('"js/no-disabled-tls": "error"'), written);
    await s.page.locator('.tabs-container .tab.active[aria-label^=".rampart.jsonc"]').waitFor({ state: 'visible', timeout: 10_000 });
    await s.waitForNoProblem(`no ${RULE} in server.js`, shellInServer, 20_000, 'server');
  });
});
