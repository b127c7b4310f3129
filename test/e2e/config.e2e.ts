import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useSession, type Problem } from './harness';

const isTls = (p: Problem) => p.file === 'status-client.js' && p.source === 'rampart' && p.code === 'js/no-disabled-tls';
const isShell = (p: Problem) => p.file === 'server.js' && p.source === 'rampart' && p.code === 'js/no-shell-injection';

describe('Rampart in VS Code: .rampart.jsonc (trusted workspace)', () => {
  const session = useSession({ label: 'config' });

  it('turning a rule off in the editor and saving removes its diagnostics without a reload', async () => {
    const s = session();
    await s.openFile('src/server.js');
    await s.waitForProblem('js/no-shell-injection in server.js', isShell);
    await s.openFile('src/lib/status-client.js');
    await s.waitForProblem('js/no-disabled-tls in status-client.js', isTls);

    await s.openFile('.rampart.jsonc');
    const lines = (await s.editorText()).split('\n');
    const line = lines.findIndex((l) => l.includes('"js/no-disabled-tls": "error"')) + 1;
    assert.ok(line > 0, `.rampart.jsonc has no "js/no-disabled-tls": "error" line:\n${lines.join('\n')}`);
    await s.replaceLine(line, '"js/no-disabled-tls": "off"');
    await s.waitForEditorText('the edited rule line', (t) => t.split('\n')[line - 1]?.trim() === '"js/no-disabled-tls": "off"');
    await s.save();
    assert.match(fs.readFileSync(path.join(s.workspace, '.rampart.jsonc'), 'utf8'), /"js\/no-disabled-tls": "off"/);

    await s.waitForNoProblem('the js/no-disabled-tls diagnostic to go away', isTls);
    // Only that rule: the other finding stays.
    await s.waitForProblem('js/no-shell-injection to remain', isShell, 5_000);
  });

  it('shows a mistake in .rampart.jsonc as a diagnostic in the file itself, while it is edited', async () => {
    const s = session();
    await s.openFile('.rampart.jsonc');
    const lines = (await s.editorText()).split('\n');
    const line = lines.findIndex((l) => l.includes('"js/no-shell-injection"')) + 1;
    assert.ok(line > 0, `.rampart.jsonc has no js/no-shell-injection line:\n${lines.join('\n')}`);
    await s.replaceLine(line, '"js/no-shell-injectoin": "error",');
    // Rampart's "Unknown rule … Did you mean" or, while the file is open, the same problem from the schema
    // validation of the JSON language server ("Property … is not allowed"): one of them, not both.
    const problem = await s.waitForProblem(
      'an unknown-rule diagnostic in .rampart.jsonc',
      (p) => p.file === '.rampart.jsonc' && /js\/no-shell-injectoin/.test(p.message),
    );
    assert.equal(problem.line, line);
  });
});

describe('Rampart in VS Code: nested configuration files and expired suppressions', () => {
  const session = useSession({ label: 'config-chain' });

  it('a nested .rampart.jsonc, an extended file and an override apply to the files below them', async () => {
    const s = session();
    const nested = path.join(s.workspace, 'src/lib/.rampart.jsonc');
    const shared = path.join(s.workspace, 'src/lib/relaxed.jsonc');
    await s.openFile('src/lib/status-client.js');
    await s.waitForProblem('js/no-disabled-tls in status-client.js', isTls);

    // The nested file extends a file of the repository that turns the rule off for this folder.
    fs.writeFileSync(shared, '{ "rules": { "js/no-disabled-tls": "off" } }\n');
    fs.writeFileSync(nested, '{ "extends": "./relaxed.jsonc" }\n');
    await s.waitForNoProblem('the nested configuration to turn js/no-disabled-tls off', isTls);

    // Editing the extended file is seen too: the rule is back.
    fs.writeFileSync(shared, '{ "rules": { "js/no-disabled-tls": "warning" } }\n');
    await s.waitForProblem('js/no-disabled-tls again after the extended file changed', isTls);

    // An override of the nested file, by path.
    fs.writeFileSync(nested, '{ "extends": "./relaxed.jsonc", "overrides": [{ "files": "status-*.js", "rules": { "js/no-disabled-tls": "off" } }] }\n');
    await s.waitForNoProblem('the override to turn js/no-disabled-tls off for status-*.js', isTls);
    fs.rmSync(nested);
    fs.rmSync(shared);
    await s.waitForProblem('js/no-disabled-tls once the nested files are gone', isTls);
  });

  it('an expired suppression no longer suppresses and is shown on its entry in .rampart.jsonc', async () => {
    const s = session();
    const config = path.join(s.workspace, '.rampart.jsonc');
    const original = fs.readFileSync(config, 'utf8');
    const entry = '{ "rule": "js/no-disabled-tls", "path": "src/lib/status-client.js", "reason": "until the gateway migration", "expires": "2020-01-31", "owner": "@acme/payments" }';
    fs.writeFileSync(config, original.replace('"ignore": ["dist/**"]', `"ignore": ["dist/**"],\n  "suppressions": [\n    ${entry}\n  ]`));
    try {
      const expired = await s.waitForProblem(
        'rampart/expired-suppression on .rampart.jsonc',
        (p) => p.file === '.rampart.jsonc' && p.code === 'rampart/expired-suppression',
      );
      assert.equal(expired.line, 10);
      assert.match(expired.message, /expired on 2020-01-31 \(owner: @acme\/payments\)/);
      await s.openFile('src/lib/status-client.js');
      await s.waitForProblem('the finding it covered, not suppressed', isTls, 5_000);
    } finally {
      fs.writeFileSync(config, original);
    }
    await s.waitForNoProblem('the expired entry to go with it', (p) => p.code === 'rampart/expired-suppression');
  });
});
