import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { ARTIFACTS_DIR, sleep, useSession, waitFor, type Problem, type VsCodeSession } from './harness';

/** A workspace MCP config with a pasted token (agent/no-mcp-literal-secret on line 7). */
const MCP_CONFIG = `{
  "servers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "4fT9qLm2Xz8RkW1vB7nC3yD6hJ0sP5aE"
      }
    }
  }
}
`;
/** The same file with a server inserted above: the suppressed token moves to line 13; the new one is on line 7. */
const MCP_MOVED = `{
  "servers": {
    "gitlab": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-gitlab@2025.4.25"],
      "env": {
        "GITLAB_PERSONAL_ACCESS_TOKEN": "9sK2mQ7xL4vB8nR1tY6wZ3cF5hJ0pD2a"
      }
    },
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "4fT9qLm2Xz8RkW1vB7nC3yD6hJ0sP5aE"
      }
    }
  }
}
`;
const RULE = 'agent/no-mcp-literal-secret';
const SUPPRESS = `Suppress ${RULE} for this line…`;
const isSecret = (p: Problem) => p.file === 'mcp.json' && p.code === RULE;

/** Opens the walkthrough the way a user does: "Welcome: Open Walkthrough..." and pick it by title. */
async function openWalkthrough(s: VsCodeSession): Promise<void> {
  await s.runCommand('Welcome: Open Walkthrough...');
  const row = s.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Rampart' }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  await s.page.locator('.gettingStartedContainer').waitFor({ state: 'visible' });
  await s.page.locator('.gettingStartedContainer .getting-started-category-title, .gettingStartedContainer h2', { hasText: 'Get started with Rampart' }).first().waitFor({ state: 'visible' });
}

describe('Rampart in VS Code: first run (walkthrough, JSON suppressions, scan summary)', () => {
  const session = useSession({
    label: 'onboarding',
    files: {
      '.vscode/mcp.json': MCP_CONFIG,
      '.gitignore': 'logs/\n',
      'logs/debug.js': 'require("child_process").exec(process.argv[2]);\n',
      'assets/sprite.js': `var x = 1;\u0000\u0001binary\n`,
    },
  });

  afterEach(async () => {
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('opens the walkthrough; its scan step runs the scan, whose summary says what was skipped and why', async () => {
    const s = session();
    await openWalkthrough(s);
    const container = s.page.locator('.gettingStartedContainer');
    for (const title of ['What Rampart checks', 'Scan the workspace', 'Read a finding and apply a fix', 'Share .rampart.jsonc with the team', 'Suppress with a reason', 'What stays local, what is sent where']) {
      await container.getByText(title, { exact: true }).first().waitFor({ state: 'visible' });
    }
    await container.getByText('Scan the workspace', { exact: true }).first().click();
    const button = container.getByRole('button', { name: 'Scan Workspace' }).first();
    await button.waitFor({ state: 'visible' });
    await sleep(500); // the step's media fades in
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await s.page.screenshot({ path: path.join(ARTIFACTS_DIR, 'walkthrough.png'), timeout: 10_000 });
    await button.click();
    const summary = await s.waitForNotification('the scan summary', /^Rampart scanned \d+ files?:/, 90_000);
    assert.match(summary, /skipped \((?=.*1 ignored by \.gitignore)(?=.*1 binary)/, summary);
    // The scan found what the walkthrough promised: the finding in a file never opened.
    await s.waitForProblem('js/no-shell-injection in cleanup.js', (p) => p.file === 'cleanup.js' && p.code === 'js/no-shell-injection', 20_000, 'cleanup.js');
    // "Show Details" lists the skipped paths in the Rampart output.
    await s.page.locator('.notifications-toasts .notification-toast-container', { hasText: 'Rampart scanned' }).getByRole('button', { name: 'Show Details' }).click();
    await waitFor('the skipped list in the output', async () => {
      const lines = s.outputChannelLines();
      return lines.some((l) => l.includes('logs/')) && lines.some((l) => l.includes('assets/sprite.js'));
    }, 15_000);
    // The walkthrough marks the step done.
    await waitFor('the scan step to be checked', async () => (await container.locator('.getting-started-step.complete', { hasText: 'Scan the workspace' }).count()) > 0, 10_000).catch(() => undefined);
  });

  it('suppresses a JSON finding in .rampart.jsonc by its JSON path, shows the entry, and it keeps applying when lines move', async () => {
    const s = session();
    await s.runCommand('View: Close All Editors');
    await s.openFile('.vscode/mcp.json');
    const problem = await s.waitForProblem(`${RULE} in mcp.json`, isSecret, 20_000, 'mcp.json');
    assert.equal(problem.line, 7);
    await s.openQuickFixMenu(problem, SUPPRESS);
    await s.chooseQuickFix(SUPPRESS);
    await s.answerInputBox('read-only demo token of the sandbox account');
    // The config opens at the new entry.
    await s.page.locator('.tabs-container .tab.active[aria-label^=".rampart.jsonc"]').waitFor({ state: 'visible', timeout: 15_000 });
    const configText = fs.readFileSync(path.join(s.workspace, '.rampart.jsonc'), 'utf8');
    assert.match(configText, /^\/\/ Team configuration for Rampart/, 'the comment is kept');
    const config = parse(configText) as { suppressions: Array<Record<string, unknown>> };
    assert.deepEqual(config.suppressions, [
      { rule: RULE, path: '.vscode/mcp.json', jsonPath: '$.servers.github.env.GITHUB_PERSONAL_ACCESS_TOKEN', line: 7, reason: 'read-only demo token of the sandbox account' },
    ]);
    await waitFor('the new entry to be selected', async () => /\(\d+ selected\)/.test(await s.page.locator('#status\\.editor\\.selection').innerText()), 10_000);
    await s.waitForNoProblem('the suppressed finding to go', isSecret, 20_000, 'mcp.json');

    // Lines inserted above (outside the editor): the new token is reported, the suppressed one stays gone.
    fs.writeFileSync(path.join(s.workspace, '.vscode', 'mcp.json'), MCP_MOVED);
    await s.waitForProblem('the new token on line 7', (p) => isSecret(p) && p.line === 7, 30_000, 'mcp.json');
    await sleep(1_000);
    const left = (await s.problems('mcp.json')).filter(isSecret);
    assert.deepEqual(left.map((p) => p.line), [7], `only the new token is reported: ${JSON.stringify(left)}`);
  });
});
