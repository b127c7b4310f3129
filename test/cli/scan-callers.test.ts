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

describe('rampart scan: a function its own module also calls (Python)', () => {
  const trees: string[] = [];
  after(() => trees.forEach(removeTree));

  it('is still followed from another module that passes request data; its own constant call reports nothing', async () => {
    const dir = makeTree({
      '.rampart.jsonc': CONFIG,
      'app/helpers.py': `${PY_SHELL}\n\ndef nightly():\n    return archive("nightly")\n`,
      'app/views.py': `from flask import Flask, request\nfrom app.helpers import archive\n\napp = Flask(__name__)\n\n\n@app.route("/a")\ndef a():\n    archive(request.args["n"])\n    return "ok"\n`,
    });
    trees.push(dir);
    const { stdout, code } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.deepEqual(findings(stdout), ['app/views.py 9:13 viaCall error']);
    assert.equal(code, 1);
    fs.writeFileSync(path.join(dir, 'app/views.py'), `from app.helpers import archive\n\narchive("weekly")\n`);
    assert.deepEqual(findings((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout), []);
  });
});

describe('rampart scan: methods of workspace classes across files (Python)', () => {
  const trees: string[] = [];
  after(() => trees.forEach(removeTree));
  const REPO = `import sqlite3\n\n\nclass Repo:\n    def __init__(self, path):\n        self.db = sqlite3.connect(path)\n\n    def find(self, name):\n        return self.db.execute(f"SELECT * FROM users WHERE name = '{name}'")\n\n    def count(self):\n        return self.db.execute("SELECT count(*) FROM users")\n`;
  const CONFIG_SQL = '{ "extends": [], "rules": { "python/no-sql-injection": "error" } }\n';

  it('follows request data into a method through an instance, Repo().m, module.Class().m and self.attr.m; constants are not reported', async () => {
    const dir = makeTree({
      '.rampart.jsonc': CONFIG_SQL,
      'app/__init__.py': '',
      'app/db.py': REPO,
      'app/views.py': [
        'from flask import Flask, request',
        'from app.db import Repo',
        'from app import db',
        '',
        'app = Flask(__name__)',
        'repo = Repo("app.db")',
        '',
        '',
        '@app.route("/a")',
        'def a():',
        '    return str(repo.find(request.args["name"]))',
        '',
        '',
        '@app.route("/b")',
        'def b():',
        '    return str(Repo("app.db").find(name=request.args["name"]))',
        '',
        '',
        '@app.route("/c")',
        'def c():',
        '    return str(db.Repo("app.db").find(request.args["name"]))',
        '',
        '',
        '@app.route("/d")',
        'def d():',
        '    return str(repo.count(), Repo("x").find("alice"))',
        '',
        '',
        'class Search:',
        '    def __init__(self):',
        '        self.repo = Repo("app.db")',
        '',
        '    def run(self, q):',
        '        return self.repo.find(q)',
        '',
        '',
        '@app.route("/e")',
        'def e():',
        '    return str(Search().run(request.args["q"]))',
        '',
      ].join('\n'),
    });
    trees.push(dir);
    const { stdout, code } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.deepEqual(findings(stdout), [
      'app/db.py 9:32 sqlInjectionParam warning',
      'app/views.py 11:26 viaCall error',
      'app/views.py 16:41 viaCall error',
      'app/views.py 21:39 viaCall error',
      'app/views.py 34:31 viaCall error',
    ]);
    assert.equal(code, 1);
  });
});
