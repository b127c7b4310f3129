import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTIFACTS_DIR, keepAsMedia, sleep, useSession, type Problem } from './harness';

const TLS_FIX = 'Remove `rejectUnauthorized` to keep certificate verification on';
const SUPPRESS = 'Suppress js/no-shell-injection for this line…';

const isTls = (p: Problem) => p.file === 'status-client.js' && p.source === 'rampart' && p.code === 'js/no-disabled-tls';
const isShell = (p: Problem) => p.file === 'server.js' && p.source === 'rampart' && p.code === 'js/no-shell-injection';

describe('Rampart in VS Code: quick fixes (trusted workspace)', () => {
  const session = useSession({ label: 'quick-fixes' });

  afterEach(async () => {
    // Leave no menu or input box open for the next test.
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('screenshots a finding with its quick-fix menu open (media/quick-fix.png)', async () => {
    const s = session();
    await s.openFile('src/lib/status-client.js');
    const problem = await s.waitForProblem('js/no-disabled-tls in status-client.js', isTls);
    await s.runCommand('View: Hide Panel'); // more editor, no Problems panel in the picture
    await s.openQuickFixMenu(problem, TLS_FIX);
    await sleep(300); // menu fade-in
    const artifact = path.join(ARTIFACTS_DIR, 'quick-fix.png');
    await s.screenshotEditorArea(artifact, s.page.locator('.action-widget'));
    assert.ok(fs.statSync(artifact).size > 10_000, 'the screenshot should not be blank');
    keepAsMedia(artifact, 'quick-fix.png');
  });

  it('applies the safe TLS fix: the property is gone and so is the diagnostic', async () => {
    const s = session();
    await s.openFile('src/lib/status-client.js');
    const problem = await s.waitForProblem('js/no-disabled-tls in status-client.js', isTls);
    const titles = await s.openQuickFixMenu(problem, TLS_FIX);
    assert.equal(titles[0], TLS_FIX, `the safe fix should come first; menu: ${JSON.stringify(titles)}`);
    await s.chooseQuickFix(TLS_FIX);
    const text = await s.waitForEditorText('rejectUnauthorized to be removed', (t) => !t.includes('rejectUnauthorized'));
    assert.match(text, /path: '\/status',\n\s+timeout: 5000,/, 'the neighbouring properties stay intact');
    await s.waitForNoProblem('the js/no-disabled-tls diagnostic to go away', isTls);
  });

  it('suppresses a finding with a reason typed into the input box', async () => {
    const s = session();
    const reason = 'branch names are validated by the reverse proxy';
    await s.openFile('src/server.js');
    const problem = await s.waitForProblem('js/no-shell-injection in server.js', isShell);
    await s.openQuickFixMenu(problem, SUPPRESS);
    await s.chooseQuickFix(SUPPRESS);
    await s.answerInputBox(reason);
    const comment = `// rampart-ignore-next-line js/no-shell-injection -- ${reason}`;
    const text = await s.waitForEditorText('the suppression comment', (t) => t.includes(comment));
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes(comment));
    assert.equal(lines[at].trim(), comment, 'the comment stands alone on its line');
    assert.match(lines[at + 1], /exec\(`git log \$\{req\.query\.branch\}`/, 'the comment is right above the finding');
    assert.equal(lines[at].indexOf('//'), lines[at + 1].indexOf('exec'), 'the comment keeps the indentation');
    await s.waitForNoProblem('the suppressed js/no-shell-injection diagnostic to go away', isShell);
  });
});
