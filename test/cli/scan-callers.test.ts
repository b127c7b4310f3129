import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, removeTree, runCli } from './helpers';

/** Only the injection rules that follow calls across files. */
const CONFIG = '{ "extends": [], "rules": { "js/no-shell-injection": "error", "python/no-shell-injection": "error" } }\n';
const SHELL = `import { exec } from 'node:child_process';\nexport function ls(dir: string) {\n  return exec(\`ls -l \${dir}\`);\n}\n`;
const PY_SHELL = `import subprocess\n\n\ndef archive(name):\n    return subprocess.run(f"tar czf {name}.tgz", shell=True)\n`;

/** `file line:column messageId severity` of each finding of a JSON report. */
function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ messageId: string; severity: string; line: number; column: number }> }> };
  return report.results.flatMap((r) => r.findings.map((f) => `${r.file} ${f.line}:${f.column} ${f.messageId} ${f.severity}`));
}

describe('rampart scan: callers in the workspace decide about a parameter finding', () => {
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const dir = makeTree({ '.rampart.jsonc': CONFIG, ...files });
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));

  it('reports nothing when every caller passes a constant, the warning when one passes its own parameter', async () => {
    const dir = tree({
      'src/lib/shell.ts': SHELL,
      'src/app.ts': `import { ls } from './lib/shell';\nls('/tmp');\n`,
      'app/helpers.py': PY_SHELL,
      'app/jobs.py': `from app.helpers import archive\n\narchive("data")\narchive(name="logs")\n`,
    });
    const clean = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.deepEqual(findings(clean.stdout), []);
    assert.equal(clean.code, 0);
    fs.writeFileSync(path.join(dir, 'src/api.ts'), `import { ls } from './lib/shell';\nexport function list(folder: string) {\n  return ls(folder);\n}\n`);
    fs.writeFileSync(path.join(dir, 'app/tasks.py'), `from .helpers import archive\n\ndef backup(folder):\n    return archive(name=folder)\n`);
    const warned = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.deepEqual(findings(warned.stdout), ['app/helpers.py 5:27 shellInjectionParam warning', 'src/lib/shell.ts 3:15 shellInjectionParam warning']);
    assert.equal(warned.code, 0, 'warnings do not fail the scan');
  });

  it('reports the caller that passes request data, through a keyword argument too', async () => {
    const dir = tree({
      'app/helpers.py': PY_SHELL,
      'app/jobs.py': `from app.helpers import archive\n\narchive("data")\n`,
      'app/views.py': `from flask import Flask, request\nfrom .helpers import archive\n\napp = Flask(__name__)\n\n\n@app.route("/a")\ndef a():\n    archive(name=request.args["n"])\n    return "ok"\n`,
    });
    const { stdout, code } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.deepEqual(findings(stdout), ['app/helpers.py 5:27 shellInjectionParam warning', 'app/views.py 9:18 viaCall error']);
    assert.equal(code, 1);
  });
});
