import * as assert from 'node:assert/strict';
import { useSession, type Problem } from './harness';

/** A training helper an assistant wrote: a checkpoint loaded with pickle semantics, a config read with yaml.load. */
const LOADER_PY = [
  '"""Load a fine-tuned checkpoint."""',
  'import torch',
  'import yaml',
  '',
  '',
  'def load_checkpoint(path, config_file):',
  '    with open(config_file) as f:',
  '        config = yaml.load(f)',
  '    model = torch.load(path)',
  '    return model, config',
  '',
].join('\n');

/** A notebook whose second code cell unpickles a downloaded model. */
const NOTEBOOK = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Evaluate the model'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['!pip install -q scikit-learn\n', 'import pickle\n'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['with open("model.pkl", "rb") as f:\n', '    clf = pickle.load(f)\n'] },
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

const ADD_WEIGHTS_ONLY = 'Add `weights_only=True`';
const USE_SAFE_LOAD = 'Use yaml.safe_load()';
const ofRule = (rule: string, file: string) => (p: Problem) => p.file === file && p.code === rule;

describe('Rampart in VS Code: Python', () => {
  const session = useSession({ label: 'python', files: { 'ml/loader.py': LOADER_PY, 'notebooks/evaluate.ipynb': NOTEBOOK } });

  afterEach(async () => {
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('reports torch.load without weights_only and applies the safe fix', async () => {
    const s = session();
    await s.openFile('ml/loader.py');
    const problem = await s.waitForProblem('python/no-unsafe-model-load in loader.py', ofRule('python/no-unsafe-model-load', 'loader.py'));
    assert.deepEqual([problem.line, problem.column], [9, 13]);
    await s.openQuickFixMenu(problem, ADD_WEIGHTS_ONLY);
    await s.chooseQuickFix(ADD_WEIGHTS_ONLY);
    const text = await s.waitForEditorText('weights_only=True', (t) => t.includes('weights_only=True'));
    assert.match(text, /^ {4}model = torch\.load\(path, weights_only=True\)$/m);
    await s.waitForNoProblem('the torch.load finding to go away', ofRule('python/no-unsafe-model-load', 'loader.py'));
  });

  it('replaces yaml.load with yaml.safe_load from the quick-fix menu', async () => {
    const s = session();
    await s.openFile('ml/loader.py');
    const problem = await s.waitForProblem('python/no-unsafe-deserialization in loader.py', ofRule('python/no-unsafe-deserialization', 'loader.py'));
    await s.openQuickFixMenu(problem, USE_SAFE_LOAD);
    await s.chooseQuickFix(USE_SAFE_LOAD);
    const text = await s.waitForEditorText('yaml.safe_load', (t) => t.includes('yaml.safe_load('));
    assert.match(text, /^ {8}config = yaml\.safe_load\(f\)$/m);
    await s.waitForNoProblem('the yaml.load finding to go away', ofRule('python/no-unsafe-deserialization', 'loader.py'));
  });

  it('reports pickle.load in a notebook code cell, on the cell (the notebook opens in the notebook editor)', async () => {
    const s = session();
    await s.openFile('notebooks/evaluate.ipynb', { notebook: true });
    const problem = await s.waitForProblem('python/no-unsafe-deserialization in evaluate.ipynb', ofRule('python/no-unsafe-deserialization', 'evaluate.ipynb'), 30_000);
    // The cell is a document of its own: the finding sits on its second line.
    assert.equal(problem.line, 2);
  });
});
