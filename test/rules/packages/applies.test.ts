import assert from 'node:assert/strict';
import { builtinRules } from '../../../src/rules';
import { mayHoldPackages } from '../../../src/rules/packages/refs';

const workflow = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g expresss\n';

describe('packages rules: files they skip', () => {
  it('reads YAML, Dockerfiles and prose only when a tool that installs packages is named', () => {
    assert.equal(mayHoldPackages(workflow, { language: 'yaml', dialect: 'github-workflow' }), true);
    assert.equal(mayHoldPackages('FROM python:3.12\nRUN pip install reqeusts\n', { language: 'dockerfile', dialect: 'dockerfile' }), true);
    assert.equal(mayHoldPackages('Install it with `uv add httpx`.\n', { language: 'text', dialect: 'markdown' }), true);
  });

  it('skips those without one, and never a manifest, a JSON file or code', () => {
    assert.equal(mayHoldPackages('on: push\njobs:\n  test:\n    steps:\n      - run: make test\n', { language: 'yaml', dialect: 'github-workflow' }), false);
    assert.equal(mayHoldPackages('Resources:\n  B:\n    Type: AWS::S3::Bucket\n', { language: 'yaml', dialect: 'yaml' }), false);
    assert.equal(mayHoldPackages('FROM alpine\nRUN apk add curl\n', { language: 'dockerfile', dialect: 'dockerfile' }), false);
    assert.equal(mayHoldPackages('# Title\nNothing to install.\n', { language: 'text', dialect: 'markdown' }), false);
    // Manifests name packages without a tool: always read.
    assert.equal(mayHoldPackages('{"dependencies": {"expresss": "1.0.0"}}', { language: 'json', dialect: 'json' }), true);
    assert.equal(mayHoldPackages('reqeusts==2.0\n', { language: 'text', dialect: 'requirements' }), true);
    assert.equal(mayHoldPackages('[project]\ndependencies = ["reqeusts"]\n', { language: 'toml', dialect: 'pyproject' }), true);
    assert.equal(mayHoldPackages("import x from 'expresss';\n", { language: 'js', dialect: 'js' }), true);
  });

  it('is what the engine asks of every packages rule', () => {
    const rules = builtinRules.filter((r) => r.id.startsWith('packages/'));
    assert.equal(rules.length, 5);
    for (const rule of rules) {
      assert.equal(rule.applies?.(workflow, { language: 'yaml', dialect: 'github-workflow' }), true, rule.id);
      assert.equal(rule.applies?.('key: value\n', { language: 'yaml', dialect: 'yaml' }), false, rule.id);
    }
  });
});
