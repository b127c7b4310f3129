import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useSession, waitFor } from './harness';

describe('Rampart in VS Code: fix on save (source.fixAll.rampart)', () => {
  const session = useSession({
    label: 'fix-on-save',
    settings: { 'editor.codeActionsOnSave': { 'source.fixAll.rampart': 'explicit' } },
  });

  it('applies the safe fixes when the file is saved', async () => {
    const s = session();
    await s.openFile('src/lib/status-client.js');
    const before = await s.waitForProblem('js/no-disabled-tls in status-client.js', (p) => p.file === 'status-client.js' && p.code === 'js/no-disabled-tls');
    // The versions of status-client.js whose whole analysis (registry and project answers included) has ended.
    const analysed = () =>
      s.outputChannelLines('Rampart').flatMap((l) => {
        const m = /analyzed .*status-client\.js in [\d.]+ ms \(.*version (\d+)\)/.exec(l);
        return m ? [Number(m[1])] : [];
      });
    const opened = Math.max(0, ...(await waitFor('the analysis of status-client.js on open', async () => (analysed().length > 0 ? analysed() : undefined), 20_000)));
    await s.goToPosition(1, 1);
    // Code, not a comment: typed before the file's first comment line, Enter would continue a comment (`// // …`), a second edit.
    const typed = 'const savedOnce = true;\n';
    await s.page.keyboard.insertText(typed);
    // Saved once the edited text is analysed, as after a pause in typing: the save then only has to apply the fix.
    await s.waitForProblem('the finding a line lower after the edit', (p) => p.file === 'status-client.js' && p.code === 'js/no-disabled-tls' && p.line === before.line + 1);
    // The local findings are published first; the save waits until the whole analysis of the typed text (one
    // document version per character) has ended, or it would race the registry and project answers.
    await waitFor('the whole analysis of the edited version', async () => (analysed().some((v) => v >= opened + typed.length) ? true : undefined), 20_000);
    await s.save();
    const file = path.join(s.workspace, 'src', 'lib', 'status-client.js');
    const text = await waitFor('the saved file without rejectUnauthorized', async () => {
      const t = fs.readFileSync(file, 'utf8');
      return t.startsWith('const savedOnce = true;\n// Fetches') && !t.includes('rejectUnauthorized') ? t : undefined;
    }, 20_000);
    assert.match(text, /path: '\/status'/, 'the neighbouring options stay');
    await s.waitForNoProblem('the js/no-disabled-tls diagnostic to go away', (p) => p.file === 'status-client.js' && p.code === 'js/no-disabled-tls');
  });
});
