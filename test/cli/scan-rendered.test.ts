import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, removeTree, runCli } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'kubernetes');

/** The files of a fixture folder, by path relative to it. */
function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) Object.assign(out, filesOf(p, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

describe('rampart scan: Helm charts and kustomize overlays rendered with their neighbours', () => {
  let dir = '';
  before(() => {
    dir = makeTree({
      ...Object.fromEntries(Object.entries(filesOf(path.join(FIXTURES, 'helm'))).map(([f, t]) => [`charts/${f}`, t])),
      ...Object.fromEntries(Object.entries(filesOf(path.join(FIXTURES, 'kustomize'))).map(([f, t]) => [`deploy/${f}`, t])),
      '.rampart.jsonc': '{ "extends": ["rampart:recommended"] }\n',
    });
  });
  after(() => removeTree(dir));

  it('reports in the template and in the overlay, at the value each writes, related to where it comes from', async () => {
    const { stdout, stderr } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.equal(stderr, '');
    const json = JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; line: number; related: Array<{ file?: string; line: number }> }> }> };
    const found = (file: string) =>
      (json.results.find((r) => r.file === file)?.findings ?? []).filter((f) => f.ruleId.startsWith('kubernetes/')).map((f) => `${f.line} ${f.ruleId}${f.related.length ? ` <- ${f.related.map((r) => `${r.file}:${r.line}`).join(', ')}` : ''}`);
    assert.deepEqual(found('charts/web/templates/deployment.yaml'), [
      '33 kubernetes/no-privileged-container <- ../values.yaml:18',
      '43 kubernetes/no-privilege-escalation',
    ]);
    assert.deepEqual(found('charts/web/templates/service.yaml'), ['10 kubernetes/no-exposed-service <- ../values.yaml:26']);
    assert.deepEqual(found('charts/web/templates/worker.yaml'), []);
    assert.deepEqual(found('deploy/overlays/prod/kustomization.yaml'), [
      '10 kubernetes/no-latest-image <- ../../base/deployment.yaml:2',
      '22 kubernetes/no-exposed-service <- ../../base/service.yaml:2',
      '33 kubernetes/require-read-only-root-filesystem <- ../../base/deployment.yaml:2',
      '33 kubernetes/require-resource-limits <- ../../base/deployment.yaml:2',
      '37 kubernetes/no-privileged-container <- ../../base/deployment.yaml:2',
    ]);
    assert.deepEqual(found('deploy/overlays/prod/debug-patch.yaml'), ['11 kubernetes/no-host-namespaces <- ../../base/deployment.yaml:2']);
    assert.deepEqual(found('deploy/overlays/staging/harden.yaml'), []);
    assert.deepEqual(found('deploy/overlays/staging/kustomization.yaml'), []);
    assert.deepEqual(found('deploy/base/deployment.yaml'), ['24 kubernetes/require-resource-limits']);
  });
});
