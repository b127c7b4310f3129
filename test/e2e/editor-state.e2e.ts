import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep, useSession, waitFor, type Problem, type VsCodeSession } from './harness';

/** Scanned, never opened: changed and deleted on disk behind the editor's back. */
const ROTATE_LOGS = "const { execSync } = require('node:child_process');\n\nexecSync(`gzip /var/log/app/${process.argv[2]}.log`);\n";
const ROTATE_LOGS_FIXED = "const { execFileSync } = require('node:child_process');\n\nexecFileSync('gzip', [`/var/log/app/${process.argv[2]}.log`]);\n";
/** Scanned, then opened and closed. */
const PURGE_CACHE = "const { execSync } = require('node:child_process');\n\nexecSync(`rm -rf /tmp/cache/${process.argv[2]}`);\n";
/** A finding the team suppressed with a reason: counted apart. */
const LEGACY_SYNC = [
  "const { execSync } = require('node:child_process');",
  '',
  '// rampart-ignore-next-line js/no-shell-injection -- the argument is a fixed job name from our cron table',
  'execSync(`rsync -a /srv/${process.argv[2]}/ backup:/srv/`);',
  '',
].join('\n');

const fromRampart = (file: string, code?: string) => (p: Problem) => p.file === file && p.source === 'rampart' && (code === undefined || p.code === code);
const shellIn = (file: string) => fromRampart(file, 'js/no-shell-injection');

/** The Rampart status-bar item's text (codicons are not text). */
async function statusText(s: VsCodeSession): Promise<string> {
  const items = await s.extensionStatusItems();
  return (items.find((t) => t.includes('Rampart')) ?? '').replace(/\s+/g, ' ').trim();
}

/** The log lines of live analyses of `file` at document version `version`. */
function analysesOf(s: VsCodeSession, file: string, version: number): string[] {
  const line = new RegExp(`analyzed ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} in [\\d.]+ ms \\(.*version ${version}\\)`);
  return s.outputChannelLines('Rampart').filter((l) => line.test(l));
}

describe('Rampart in VS Code: honest editor state (trusted workspace)', () => {
  const session = useSession({
    label: 'editor-state',
    files: { 'tools/rotate-logs.js': ROTATE_LOGS, 'tools/purge-cache.js': PURGE_CACHE, 'tools/legacy-sync.js': LEGACY_SYNC },
  });
  let goodConfig = '';
  let scanned = 0;

  it('reports a .rampart.jsonc broken on disk at once, and each of its problems once while it is open (defect 5)', async () => {
    const s = session();
    const config = path.join(s.workspace, '.rampart.jsonc');
    goodConfig = fs.readFileSync(config, 'utf8');
    // As a `git checkout` would: nothing is open, no other file gets analysed.
    fs.writeFileSync(config, goodConfig.replace('"js/no-shell-injection": "error"', '"js/no-shell-injectoin": "error"'));
    const line = goodConfig.split('\n').findIndex((l) => l.includes('"js/no-shell-injection"')) + 1;
    const atLine = (p: Problem) => p.file === '.rampart.jsonc' && p.line === line;
    const problem = await s.waitForProblem('the unknown rule reported in the unopened .rampart.jsonc', (p) => atLine(p) && p.source === 'rampart', 20_000, '.rampart');
    assert.match(problem.message, /Unknown rule "js\/no-shell-injectoin".*Did you mean "js\/no-shell-injection"\?/);

    // Open, the JSON language server validates it against the schema too: one problem, not two.
    await s.openFile('.rampart.jsonc');
    await sleep(3_000); // the JSON language server starts and validates
    const open = await waitFor('one problem at the broken line of the open .rampart.jsonc', async () => {
      const rows = (await s.problems('.rampart')).filter(atLine);
      return rows.length === 1 ? rows : undefined;
    });
    console.log(`      while open, shown by: ${open.map((p) => `${p.source || '(no source)'}: ${p.message}`).join(' | ')}`);
    await sleep(1_500);
    assert.equal((await s.problems('.rampart')).filter(atLine).length, 1, 'still one problem after the language server settled');
    // Whichever diagnostic is shown, Rampart's "did you mean" is offered as a quick fix.
    await s.openQuickFixMenu(open[0], 'Change to "js/no-shell-injection"');
    await s.page.keyboard.press('Escape');

    // Closed, Rampart's own report stays (the language server's goes with the document).
    await s.closeEditor('.rampart.jsonc');
    await s.waitForProblem('Rampart to keep reporting the closed, broken config', (p) => atLine(p) && p.source === 'rampart', 15_000, '.rampart');
    await sleep(1_500);
    assert.equal((await s.problems('.rampart')).filter(atLine).length, 1);

    fs.writeFileSync(config, goodConfig);
    await s.waitForNoProblem('the config problem to go once the file is fixed on disk', (p) => p.file === '.rampart.jsonc', 20_000, '.rampart');
  });

  it('analyses an opened file once per version, also when the quick-fix machinery asks for its findings (defect 6)', async () => {
    const s = session();
    await s.openFile('src/lib/status-client.js');
    const problem = await s.waitForProblem('js/no-disabled-tls in status-client.js', fromRampart('status-client.js', 'js/no-disabled-tls'), 20_000, 'status-client');
    await s.goToPosition(problem.line, problem.column); // the light bulb asks for code actions here
    await sleep(2_000);
    const runs = analysesOf(s, 'src/lib/status-client.js', 1);
    assert.equal(runs.length, 1, `status-client.js (version 1) was analysed ${runs.length} times:\n${runs.join('\n')}`);
  });

  it('Scan Workspace: the progress ends before the summary, and the summary, status bar and SARIF export count alike (defects 1 and 7)', async () => {
    const s = session();
    await s.runCommand('Notifications: Clear All Notifications');
    await s.runCommand('Rampart: Scan Workspace');
    const summary = await s.waitForNotification('the scan summary', /^Rampart scanned \d+ files?: /, 60_000);
    // The summary is still on screen (not dismissed): the progress notification must be gone already.
    await waitFor('the progress notification to end while the summary is shown', async () => !(await s.notifications()).some((m) => /scanning workspace/.test(m)), 5_000);
    assert.ok((await s.notifications()).includes(summary), 'the summary stays until dismissed');
    assert.equal(await s.page.locator('.statusbar-item', { hasText: /scanning workspace/ }).count(), 0, 'no progress left in the status bar');

    const m = /^Rampart scanned (\d+) files?: (\d+) problems?, 1 suppressed\.$/.exec(summary);
    assert.ok(m, `the summary must count the suppressed finding apart: ${JSON.stringify(summary)}`);
    scanned = Number(m[2]);
    await waitFor(`the status bar to count ${scanned}`, async () => (await statusText(s)) === `Rampart: ${scanned}`, 10_000);
    await s.waitForProblem('the never-opened tools/rotate-logs.js', shellIn('rotate-logs.js'), 20_000, 'rotate-logs');
    await s.waitForNoProblem('no diagnostic for the suppressed finding', fromRampart('legacy-sync.js'), 5_000, 'legacy-sync');

    await s.runCommand('Notifications: Clear All Notifications');
    await s.runCommand('Rampart: Export Findings as SARIF…');
    const target = path.join(s.workspace, 'rampart.sarif');
    await s.answerInputBox(target);
    const exported = await s.waitForNotification('the export message', /^Rampart: exported /);
    assert.equal(exported, `Rampart: exported ${scanned} problems, 1 suppressed to rampart.sarif.`);
    const sarif = JSON.parse(fs.readFileSync(target, 'utf8')) as { runs: Array<{ results: Array<{ suppressions?: unknown[] }> }> };
    const results = sarif.runs.flatMap((r) => r.results);
    assert.equal(results.filter((r) => !r.suppressions?.length).length, scanned, 'SARIF holds as many unsuppressed results as the editor shows');
    assert.equal(results.filter((r) => r.suppressions?.length).length, 1);
    await s.runCommand('Notifications: Clear All Notifications');
  });

  it('follows scanned files changed, deleted and created on disk outside the editor (defect 2)', async () => {
    const s = session();
    const file = path.join(s.workspace, 'tools', 'rotate-logs.js');
    fs.writeFileSync(file, ROTATE_LOGS_FIXED);
    await s.waitForNoProblem('the fixed rotate-logs.js to lose its finding', shellIn('rotate-logs.js'), 20_000, 'rotate-logs');
    await waitFor(`the status bar to count ${scanned - 1}`, async () => (await statusText(s)) === `Rampart: ${scanned - 1}`, 10_000);
    fs.writeFileSync(file, ROTATE_LOGS);
    await s.waitForProblem('the finding to come back when the file is broken again', shellIn('rotate-logs.js'), 20_000, 'rotate-logs');
    fs.rmSync(file);
    await s.waitForNoProblem('the deleted rotate-logs.js to lose its finding', shellIn('rotate-logs.js'), 20_000, 'rotate-logs');
    await waitFor(`the status bar to count ${scanned - 1}`, async () => (await statusText(s)) === `Rampart: ${scanned - 1}`, 10_000);

    // Created after the scan (a `git checkout` of another branch, a generator): read as the scan would
    // have read it; the same file under node_modules/ is left alone, as the scan leaves it.
    fs.mkdirSync(path.join(s.workspace, 'node_modules', 'rotate'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'node_modules', 'rotate', 'index.js'), ROTATE_LOGS);
    fs.mkdirSync(path.join(s.workspace, 'scripts', 'ops'), { recursive: true });
    fs.writeFileSync(path.join(s.workspace, 'scripts', 'ops', 'rotate.js'), ROTATE_LOGS);
    await s.waitForProblem('the created scripts/ops/rotate.js to be read', shellIn('rotate.js'), 20_000, 'rotate.js');
    await waitFor(`the status bar to count ${scanned}`, async () => (await statusText(s)) === `Rampart: ${scanned}`, 10_000);
    assert.deepEqual((await s.problems('index.js')).filter(shellIn('index.js')), [], 'node_modules is not read');
    fs.rmSync(path.join(s.workspace, 'scripts'), { recursive: true });
    await s.waitForNoProblem('the deleted folder to take its finding along', shellIn('rotate.js'), 20_000, 'rotate.js');
  });

  it('keeps the findings of a scanned file that is opened and closed again (defect 3)', async () => {
    const s = session();
    await s.openFile('tools/purge-cache.js');
    await s.waitForProblem('the finding in the open purge-cache.js', shellIn('purge-cache.js'), 20_000, 'purge-cache');
    await s.closeEditor('purge-cache.js');
    await waitFor('the closed file to be read from disk again', async () => s.outputChannelLines('Rampart').some((l) => /re-read tools\/purge-cache\.js from disk \(closed/.test(l)), 20_000);
    await sleep(1_000);
    const rows = await s.problems('purge-cache');
    assert.equal(rows.filter(shellIn('purge-cache.js')).length, 1, `the closed file must keep its finding; Problems had ${JSON.stringify(rows)}`);
  });

  it("follows a change of .rampart.jsonc in the scan's findings of closed files", async () => {
    const s = session();
    await s.waitForProblem('the scanned, closed purge-cache.js', shellIn('purge-cache.js'), 20_000, 'purge-cache');
    const config = path.join(s.workspace, '.rampart.jsonc');
    fs.writeFileSync(config, goodConfig.replace('"js/no-shell-injection": "error"', '"js/no-shell-injection": "off"'));
    await s.waitForNoProblem('the rule turned off to leave the closed file', shellIn('purge-cache.js'), 20_000, 'purge-cache');
    fs.writeFileSync(config, goodConfig);
    await s.waitForProblem('the rule turned on again to report it again', shellIn('purge-cache.js'), 20_000, 'purge-cache');
  });

  it('turning rampart.enable off clears everything and says "disabled"; turning it on analyses the open files again (defect 4)', async () => {
    const s = session();
    await s.openFile('src/server.js');
    await s.waitForProblem('the finding in the open server.js', shellIn('server.js'), 20_000, 'server');
    s.updateWorkspaceSettings({ 'rampart.enable': false });
    await waitFor('the status bar to say "disabled"', async () => /disabled/.test(await statusText(s)), 15_000);
    await s.waitForNoProblem('no Rampart problem anywhere', (p) => p.source === 'rampart');
    assert.equal((await s.problems('cleanup')).filter(shellIn('cleanup.js')).length, 0, 'the scan findings are gone too');

    s.updateWorkspaceSettings({ 'rampart.enable': null });
    await s.waitForProblem('the open server.js to be analysed again', shellIn('server.js'), 20_000, 'server');
    await waitFor('the status bar to count again', async () => /^Rampart: \d+$/.test(await statusText(s)), 10_000);
    await s.problems('');
  });
});
