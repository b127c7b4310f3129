import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR, keepAsMedia, sleep, useSession, waitFor, type VsCodeSession } from './harness';

/** Request data in the system prompt: a finding in "Misuse and emergent behaviour". */
const TRANSLATE = [
  "import express from 'express';",
  "import OpenAI from 'openai';",
  '',
  'const app = express();',
  'const openai = new OpenAI();',
  "app.post('/translate', async (req, res) => {",
  '  const { language, text } = req.body;',
  '  const r = await openai.chat.completions.create({',
  "    model: 'gpt-4o-mini',",
  '    messages: [',
  "      { role: 'system', content: `You are a translator. Always answer in ${language}.` },",
  "      { role: 'user', content: text },",
  '    ],',
  '  });',
  '  res.json({ text: r.choices[0].message.content });',
  '});',
  '',
].join('\n');
/** An MCP server launched through npx without a version: "The AI supply chain". */
const MCP = '{\n  "servers": {\n    "weather": { "command": "npx", "args": ["-y", "mcp-weather-server-kit"] }\n  }\n}\n';
/** A finding the team accepted with a reason: listed apart. */
const LEGACY_SYNC = [
  "const { execSync } = require('node:child_process');",
  '',
  '// rampart-ignore-next-line js/no-shell-injection -- the argument is a fixed job name from our cron table',
  'execSync(`rsync -a /srv/${process.argv[2]}/ backup:/srv/`);',
  '',
].join('\n');

/** One row of the Rampart view, as drawn. */
interface Row {
  level: number;
  label: string;
  description: string;
}

const SIDEBAR = '#workbench\\.parts\\.sidebar';

/** The rows of the Rampart view that are drawn, top to bottom. */
async function viewRows(s: VsCodeSession): Promise<Row[]> {
  const rows = await s.page.locator(`${SIDEBAR} .monaco-list-row`).evaluateAll((nodes) =>
    nodes.map((row) => ({
      level: Number(row.getAttribute('aria-level') ?? 0),
      top: parseFloat((row as unknown as { style: { top: string } }).style.top) || 0,
      label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
  return rows.sort((a, b) => a.top - b.top).map(({ level, label, description }) => ({ level, label, description }));
}

/** Waits until the view's rows satisfy `predicate`; the error names what was shown. */
async function waitForRows(s: VsCodeSession, what: string, predicate: (rows: Row[]) => boolean, timeoutMs = 30_000): Promise<Row[]> {
  let last: Row[] = [];
  try {
    return await waitFor(what, async () => {
      last = await viewRows(s);
      return predicate(last) ? last : undefined;
    }, timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message}; the view showed ${JSON.stringify(last)}`);
  }
}

const row = (rows: Row[], label: string) => rows.find((r) => r.label === label);

describe('Rampart in VS Code: the Rampart view', () => {
  const session = useSession({
    label: 'view',
    files: { 'src/translate.js': TRANSLATE, '.vscode/mcp.json': MCP, 'tools/legacy-sync.js': LEGACY_SYNC },
  });

  it('opens from its activity-bar icon and shows the workspace summary and the five risk areas', async () => {
    const s = session();
    await s.page.locator('.activitybar .action-item [aria-label^="Rampart"], .activitybar .action-item[aria-label^="Rampart"]').first().click();
    const rows = await waitForRows(s, 'the Rampart view with its Workspace node and risk areas', (r) => !!row(r, 'Workspace') && !!row(r, 'Readiness and oversight'));
    assert.deepEqual(
      rows.filter((r) => r.level === 1).map((r) => r.label),
      ['Workspace', 'Misuse and emergent behaviour', 'AI in operation', 'AI development and infrastructure', 'The AI supply chain', 'Readiness and oversight'],
    );
  });

  it('groups the findings of a workspace scan by risk area, with counts, and lists suppressed ones apart', async () => {
    const s = session();
    await s.runCommand('Rampart: Scan Workspace');
    const rows = await waitForRows(
      s,
      'findings in the misuse, development and supply-chain areas and a Suppressed group',
      (r) =>
        Number(row(r, 'Misuse and emergent behaviour')?.description) >= 1 &&
        Number(row(r, 'AI development and infrastructure')?.description) >= 3 &&
        Number(row(r, 'The AI supply chain')?.description) >= 1 &&
        r.some((x) => x.label.startsWith('Suppressed (1')) &&
        // A group that filled up is shown expanded, its findings under it.
        r[r.findIndex((x) => x.label === 'Misuse and emergent behaviour') + 1]?.level === 2,
      60_000,
    );
    const misuse = rows.findIndex((r) => r.label === 'Misuse and emergent behaviour');
    assert.match(rows[misuse + 1].description, /^js\/no-user-input-in-system-prompt · src\/translate\.js:11$/);
    // The summary reads the analysed files for SDK imports after the scan, then redraws.
    await waitForRows(s, 'the Workspace summary with the MCP config, OpenAI and npm', (r) => /MCP config.*OpenAI.*npm/.test(row(r, 'Workspace')?.description ?? ''), 20_000);
    await sleep(500); // the tree finishes drawing
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await s.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'rampart-view.png'), timeout: 10_000 });
    keepAsMedia(path.join(ARTIFACTS_DIR, 'rampart-view.png'), 'rampart-view.png');
  });

  it('switches to grouping by file', async () => {
    const s = session();
    await s.runCommand('Rampart: Group Findings By…');
    await s.answerInputBox('File');
    const rows = await waitForRows(s, 'groups named after files', (r) => !!row(r, 'src/server.js') && !row(r, 'AI in operation'));
    const files = rows.filter((r) => r.level === 1 && r.label.includes('/')).map((r) => r.label);
    assert.deepEqual(files, [...files].sort((a, b) => a.localeCompare(b)));
    assert.ok(files.includes('scripts/cleanup.js'), `the scan's finding in scripts/cleanup.js is listed: ${JSON.stringify(files)}`);
  });

  it('filters by text, says so, and clicking a finding opens its file at the line', async () => {
    const s = session();
    await s.runCommand('Rampart: Filter Findings by Text…');
    await s.answerInputBox('server.js');
    const rows = await waitForRows(s, 'only src/server.js left', (r) => !!row(r, 'src/server.js') && !row(r, 'scripts/cleanup.js') && !row(r, 'src/translate.js'));
    await waitFor('the filter shown in the view', async () => (await s.page.locator(SIDEBAR).innerText()).includes('Filter: "server.js"'), 10_000);
    const finding = rows.find((r) => r.level === 2 && r.description.startsWith('js/no-shell-injection'))!;
    assert.ok(finding, `a shell-injection finding under src/server.js: ${JSON.stringify(rows)}`);
    const line = Number(/Ln (\d+)/.exec(finding.description)![1]);
    await s.page.locator(`${SIDEBAR} .monaco-list-row[aria-level="2"]`).filter({ hasText: finding.label }).first().click();
    await s.page.locator('.tabs-container .tab.active[aria-label^="server.js"]').waitFor({ state: 'visible' });
    await waitFor(`the cursor on line ${line} of server.js`, async () => ((await s.page.locator('#status\\.editor\\.selection').innerText().catch(() => '')).includes(`Ln ${line},`)), 10_000);

    await s.runCommand('Rampart: Clear Findings Filter');
    await waitForRows(s, 'every file again', (r) => !!row(r, 'scripts/cleanup.js'));
  });

  it('says so, in the view and the status bar, when the active file is one Rampart has no rules for', async () => {
    const s = session();
    fs.writeFileSync(path.join(s.workspace, 'theme.css'), 'body { color: #333; }\n');
    await s.openFile('theme.css');
    // Opening a file shows the Explorer: bring the Rampart view back.
    await s.runCommand('View: Show Rampart');
    await waitFor('the view to say the file is not checked', async () => (await s.page.locator(SIDEBAR).innerText()).includes('theme.css is not checked'), 15_000);
    await waitFor('the status bar to say the file is not checked', async () => (await s.page.locator('.statusbar-item', { hasText: /not checked/ }).count()) > 0, 15_000);
  });

  it("opens a finding's rule details from its context menu", async () => {
    const s = session();
    const rows = await waitForRows(s, 'a shell-injection finding', (r) => r.some((x) => x.level === 2 && x.description.startsWith('js/no-shell-injection')));
    const finding = rows.find((r) => r.level === 2 && r.description.startsWith('js/no-shell-injection'))!;
    await s.page.locator(`${SIDEBAR} .monaco-list-row[aria-level="2"]`).filter({ hasText: finding.label }).first().click({ button: 'right' });
    const entry = s.page.locator('.context-view .action-label', { hasText: 'Show Rule Details' }).first();
    await entry.waitFor({ state: 'visible' });
    await sleep(300); // the menu takes a moment to accept clicks after it appears
    await entry.click();
    const tab = s.page.locator('.tabs-container .tab[aria-label^="js/no-shell-injection"]');
    try {
      await tab.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      // A click that reached the menu before it was ready: the entry is still highlighted.
      if (await entry.isVisible()) await s.page.keyboard.press('Enter');
      await tab.waitFor({ state: 'visible', timeout: 20_000 });
    }
  });
});
