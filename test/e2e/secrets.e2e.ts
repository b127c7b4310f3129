import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useSession, waitFor, type Problem } from './harness';

/** A `.env` an assistant created and the repository did not ignore. */
const DOT_ENV = '# local settings\nSESSION_SECRET=g7Kp2Lm9Qx4Rv8Zt3Wy6Nb1Hc5Jd0Fs\nDEBUG=true\n';
/** Python settings with a literal password (Python is read for secrets; its rules come later). */
const SETTINGS_PY = '"""Settings."""\nimport sys\n\nDB_PASSWORD = "Tq7#Lx9!vR2@mN4p"\n';
/** A notebook whose code cell holds a literal key. */
const NOTEBOOK = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Experiment'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import os\n', 'API_TOKEN = "Zq8Xv2Lm9Rt4Wy7Kp3Nb6Hc1Jd5Fs0Gq"\n'] },
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;
const USE_ENV = 'Read it from os.environ["DB_PASSWORD"]';
const IGNORE_ENV = 'Add /.env to .gitignore (then remove the file from the repository: git rm --cached .env)';
const isSecret = (file: string) => (p: Problem) => p.file === file && p.code === 'secrets/no-hardcoded-secret';

describe('Rampart in VS Code: secrets in every file', () => {
  const session = useSession({ label: 'secrets', files: { '.env': DOT_ENV, 'config/settings.py': SETTINGS_PY, 'notebooks/analysis.ipynb': NOTEBOOK } });

  afterEach(async () => {
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('reports a committed .env value when the file is opened, masked', async () => {
    const s = session();
    await s.openFile('.env');
    const problem = await s.waitForProblem('secrets/no-hardcoded-secret in .env', isSecret('.env'));
    assert.deepEqual([problem.line, problem.column], [2, 16]);
    assert.ok(!problem.message.includes('g7Kp2Lm9Qx4Rv8Zt3Wy6Nb1Hc5Jd0Fs'), problem.message);
  });

  it('adds the .env to .gitignore, after which the editor leaves the ignored file alone', async () => {
    const s = session();
    const gitignore = path.join(s.workspace, '.gitignore');
    const before = fs.existsSync(gitignore) ? fs.readFileSync(gitignore, 'utf8') : '';
    await s.openFile('.env');
    const problem = await s.waitForProblem('secrets/no-hardcoded-secret in .env', isSecret('.env'));
    await s.openQuickFixMenu(problem, IGNORE_ENV);
    await s.chooseQuickFix(IGNORE_ENV);
    // A refactoring's edit of a file that is not open is saved (files.refactoring.autoSave); else save it.
    await waitFor('/.env in .gitignore on disk', async () => fs.existsSync(gitignore) && fs.readFileSync(gitignore, 'utf8').startsWith('/.env\n'), 10_000).catch(async () => {
      await s.save();
      await waitFor('/.env in .gitignore on disk', async () => fs.readFileSync(gitignore, 'utf8').startsWith('/.env\n'), 10_000);
    });
    assert.equal(fs.readFileSync(gitignore, 'utf8'), `/.env\n${before}`);
    await s.openFile('.env');
    await s.replaceLine(3, 'DEBUG=false');
    await s.waitForNoProblem('the ignored .env to be left alone', isSecret('.env'));
  });

  it('replaces a Python literal with os.environ and imports os', async () => {
    const s = session();
    await s.openFile('config/settings.py');
    const problem = await s.waitForProblem('secrets/no-hardcoded-secret in settings.py', isSecret('settings.py'));
    await s.openQuickFixMenu(problem, USE_ENV);
    await s.chooseQuickFix(USE_ENV);
    const text = await s.waitForEditorText('os.environ', (t) => t.includes('os.environ["DB_PASSWORD"]'));
    assert.equal(text.replace(/\r\n/g, '\n'), '"""Settings."""\nimport os\nimport sys\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n');
    await s.waitForNoProblem('the finding to go away', isSecret('settings.py'));
  });

  it('reports a key in a notebook code cell on the cell (the notebook opens in the notebook editor)', async () => {
    const s = session();
    await s.openFile('notebooks/analysis.ipynb', { notebook: true });
    const problem = await s.waitForProblem('secrets/no-hardcoded-secret in analysis.ipynb', isSecret('analysis.ipynb'), 30_000);
    // The cell is a document of its own: the finding sits on its second line.
    assert.equal(problem.line, 2);
  });
});
