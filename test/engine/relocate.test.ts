import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../src/engine/analyzer';
import { withoutContext } from '../../src/engine/relocate';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';

// The editor analyses a notebook cell after the cells above it: what they import resolves in the cell,
// and only the cell's own findings are shown, at the cell's positions.
describe('withoutContext: a notebook cell analysed after the cells above it', () => {
  const rules = builtinRules.filter((r) => r.id === 'python/no-unsafe-model-load' || r.id === 'python/no-unsafe-deserialization');
  const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const analyze = async (text: string) => new Analyzer({ rules, adapters: builtinAdapters }).analyzeAsync({ file: 'nb.ipynb', text, settings, classification: { language: 'python', dialect: 'python' } }, { services: {} });

  it('resolves names imported above, keeps the cell findings at cell positions with their fixes', async () => {
    const above = 'import torch\nimport pickle\nm0 = torch.load("a.pt")\n';
    const cell = '# evaluate\nmodel = torch.load(path)\n';
    assert.deepEqual((await analyze(cell)).findings, [], 'alone, torch is not known to be the torch module');
    const result = withoutContext(await analyze(above + cell), above.length, cell);
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.start.line, f.start.column, cell.slice(f.range[0], f.range[1])]),
      [['python/no-unsafe-model-load', 2, 9, 'torch.load(path)']],
    );
    const fix = result.findings[0].fix!;
    assert.deepEqual(fix.edits.map((e) => [e.range, e.text]), [[[cell.indexOf('path)') + 4, cell.indexOf('path)') + 4], ', weights_only=True']]);
  });

  it('leaves a result alone without context', async () => {
    const cell = 'import pickle\npickle.loads(data)\n';
    const result = await analyze(cell);
    assert.equal(withoutContext(result, 0, cell), result);
    assert.equal(result.findings.length, 1);
  });
});
