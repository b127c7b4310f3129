import * as assert from 'node:assert/strict';
import { useSession, type Problem } from './harness';

/** A helper module an assistant split out of a route handler. */
const COMMANDS_TS = [
  "import { exec } from 'node:child_process';",
  '',
  'export function getLsResult(dirPath: string) {',
  '  return exec(`ls -l ${dirPath}`);',
  '}',
  '',
].join('\n');

/** The route that passes request data into it: the sink is in the other file. */
const ROUTES_TS = [
  "import express from 'express';",
  "import { getLsResult } from './lib/commands';",
  '',
  'const app = express();',
  "app.get('/ls', (req, res) => {",
  '  res.send(getLsResult(req.query.dir as string));',
  '});',
  '',
].join('\n');

const inRoutes = (p: Problem) => p.file === 'routes.ts' && p.code === 'js/no-shell-injection';

/** The same in Python: a Flask view and a helper module of its package. */
const HELPERS_PY = ['import subprocess', '', '', 'def list_directory(path):', '    return subprocess.run(f"ls -l {path}", shell=True)', ''].join('\n');
const VIEWS_PY = [
  'from flask import Flask, request',
  '',
  'from .helpers import list_directory',
  '',
  'app = Flask(__name__)',
  '',
  '',
  '@app.get("/ls")',
  'def ls():',
  '    return {"code": list_directory(request.args["dir"]).returncode}',
  '',
].join('\n');

const inViews = (p: Problem) => p.file === 'views.py' && p.code === 'python/no-shell-injection';

describe('Rampart in VS Code: calls into workspace modules', () => {
  const session = useSession({
    label: 'cross-file',
    files: { 'api/routes.ts': ROUTES_TS, 'api/lib/commands.ts': COMMANDS_TS, 'pyapp/__init__.py': '', 'pyapp/helpers.py': HELPERS_PY, 'pyapp/views.py': VIEWS_PY },
  });

  it('reports request data passed to a helper whose shell command is in another file, and follows the helper when it is fixed and saved', async () => {
    const s = session();
    await s.openFile('api/routes.ts');
    const problem = await s.waitForProblem('the cross-file shell injection in routes.ts', inRoutes);
    assert.deepEqual([problem.line, problem.column], [6, 24]);
    assert.match(problem.message, /is passed to getLsResult\(\) \(lib\/commands\.ts\), which builds it into a shell command \(line 4\)/);
    // The helper itself shows the caller-provided parameter as a warning.
    await s.openFile('api/lib/commands.ts');
    await s.waitForProblem('the parameter warning in commands.ts', (p) => p.file === 'commands.ts' && p.code === 'js/no-shell-injection');
    // Fixing the helper (no shell) and saving it clears the finding in the route that calls it.
    await s.replaceLine(4, "  return exec('ls -l');");
    await s.save();
    await s.waitForNoProblem('the cross-file finding to go away after the helper is fixed', inRoutes);
  });

  it('does the same for a Python view calling a helper module of its package', async () => {
    const s = session();
    await s.openFile('pyapp/views.py');
    const problem = await s.waitForProblem('the cross-file shell injection in views.py', inViews);
    assert.deepEqual([problem.line, problem.column], [10, 36]);
    assert.match(problem.message, /is passed to list_directory\(\) \(helpers\.py\), which builds it into a shell command \(line 5\)/);
    await s.openFile('pyapp/helpers.py');
    await s.replaceLine(5, '    return subprocess.run(["ls", "-l", path])');
    await s.save();
    await s.waitForNoProblem('the cross-file finding to go away after the helper is fixed', inViews);
  });
});
