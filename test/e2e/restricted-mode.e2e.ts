import * as assert from 'node:assert/strict';
import { useSession, waitFor } from './harness';

describe('Rampart in VS Code: Restricted Mode (workspace not trusted)', () => {
  const session = useSession({ trusted: false, label: 'restricted' });

  it('runs in Restricted Mode', async () => {
    const s = session();
    await waitFor('the Restricted Mode status bar indicator', () => s.isRestrictedMode(), 20_000);
  });

  it('still shows the shell-injection diagnostic when the Express file is opened', async () => {
    const s = session();
    await s.openFile('src/server.js');
    const problem = await s.waitForProblem('js/no-shell-injection in server.js', (p) => p.file === 'server.js' && p.source === 'rampart' && p.code === 'js/no-shell-injection');
    assert.equal(problem.line, 13);
    await waitFor('an error squiggle in server.js', () => s.squiggleCount(), 10_000);
    assert.ok(await s.isRestrictedMode(), 'the workspace must still be untrusted');
  });
});
