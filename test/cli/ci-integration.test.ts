import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { makeTree, removeTree, TLS_OFF } from './helpers';

const ROOT = path.join(__dirname, '..', '..');

interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}

describe('CI integration: the GitHub Action and the pre-commit hooks', () => {
  const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };
  const steps = action.runs.steps;
  const dirs: string[] = [];
  after(() => dirs.forEach(removeTree));

  it('is a composite action whose scripts take inputs from the environment, never spliced into the script', () => {
    assert.equal(action.runs.using, 'composite');
    for (const step of steps) if (step.run) assert.doesNotMatch(step.run, /\$\{\{/, `step "${step.name}" splices an expression into its script`);
    for (const step of steps) if (step.uses) assert.match(step.uses, /@[0-9a-f]{40}(?:\s|$)/, `step "${step.name}" uses an action by a full commit id`);
  });

  /** Runs the Scan step's script as the runner would, in `cwd`, with these inputs; returns its exit code and outputs. */
  function runScanStep(cwd: string, inputs: Record<string, string>): { status: number | null; outputs: string; stderr: string } {
    const step = steps.find((s) => s.id === 'scan')!;
    const output = path.join(cwd, 'github-output');
    fs.writeFileSync(output, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output };
    for (const [name, value] of Object.entries(step.env ?? {})) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1];
      assert.ok(input, `${name} comes from an input`);
      env[name] = inputs[input] ?? action.inputs[input].default;
    }
    const run = spawnSync('bash', ['-e', '-c', step.run!], { cwd, env, encoding: 'utf8', timeout: 120_000 });
    return { status: run.status, outputs: fs.readFileSync(output, 'utf8'), stderr: run.stderr };
  }

  it('the scan step writes SARIF and hands the exit code to the gate instead of failing before the upload', function () {
    this.timeout(120_000);
    if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) this.skip();
    const dir = makeTree({ 'src/client.js': TLS_OFF, 'src/ok.js': 'export const x = 1;\n' });
    dirs.push(dir);
    const found = runScanStep(dir, { 'upload-sarif': 'false', offline: 'true' });
    assert.equal(found.status, 0, found.stderr);
    assert.equal(found.outputs, 'exit-code=1\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'rampart.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['js/no-disabled-tls']);

    const clean = runScanStep(dir, { paths: 'src/ok.js', offline: 'true' });
    assert.deepEqual([clean.status, clean.outputs], [0, 'exit-code=0\n']);

    const broken = runScanStep(dir, { 'fail-on': 'sometimes', offline: 'true' });
    assert.equal(broken.status, 2, 'a usage error fails at once');
    assert.match(broken.stderr, /--fail-on must be one of/);
  });

  it('the gate fails the job on exit code 1 only, and the upload runs unless the scan could not run', () => {
    const gate = steps.find((s) => s.name === 'Gate')! as Step & { if: string };
    const upload = steps.find((s) => s.name === 'Upload SARIF')! as Step & { if: string };
    assert.match(gate.if, /exit-code == '1'/);
    assert.match(upload.if, /exit-code != '2'/);
    assert.match(gate.run!, /exit 1\s*$/);
  });

  it('pre-commit hooks run `rampart scan`, the package’s own command', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string }>;
    assert.deepEqual(hooks.map((h) => h.id), ['rampart', 'rampart-offline']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    for (const hook of hooks) {
      assert.equal(hook.language, 'node');
      assert.match(hook.entry, /^rampart scan /);
    }
    assert.ok(fs.existsSync(path.join(ROOT, pkg.bin.rampart)), 'the rampart command exists');
  });
});
