import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readChartNeighbours } from '../../src/files/chart-neighbours';
import { makeTree, removeTree } from '../cli/helpers';

const YAML = { language: 'yaml', dialect: 'yaml' } as const;

describe('readChartNeighbours: what a Helm template or kustomization is rendered with', () => {
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const dir = makeTree(files);
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));
  const names = (absolute: string, root: string, text?: string) => readChartNeighbours(absolute, YAML, root, undefined, text).map((n) => n.file);

  it("reads a template's Chart.yaml and values.yaml, relative to the template", () => {
    const root = tree({ 'web/Chart.yaml': 'name: web\n', 'web/values.yaml': 'a: 1\n', 'web/templates/deploy.yaml': 'kind: Pod\n', 'web/templates/sub/job.yaml': 'kind: Job\n' });
    assert.deepEqual(names(path.join(root, 'web/templates/deploy.yaml'), root), ['../Chart.yaml', '../values.yaml']);
    assert.deepEqual(names(path.join(root, 'web/templates/sub/job.yaml'), root), ['../../Chart.yaml', '../../values.yaml']);
    assert.deepEqual(readChartNeighbours(path.join(root, 'web/templates/deploy.yaml'), { language: 'yaml', dialect: 'github-workflow' }, root), []);
  });

  it('reads nothing for a templates/ folder without a Chart.yaml, or a chart outside the root', () => {
    const root = tree({ 'web/templates/deploy.yaml': 'kind: Pod\n', 'Chart.yaml': 'name: outside\n', 'inner/templates/x.yaml': 'kind: Pod\n' });
    assert.deepEqual(names(path.join(root, 'web/templates/deploy.yaml'), root), []);
    assert.deepEqual(names(path.join(root, 'inner/templates/x.yaml'), path.join(root, 'inner')), [], 'Chart.yaml above the root is not read');
  });

  it('follows a kustomization to its bases and patch files, not remote or outside the root', () => {
    const root = tree({
      'outside/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'outside/deployment.yaml': 'kind: Deployment\n',
      'repo/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'repo/base/deployment.yaml': 'kind: Deployment\n',
      'repo/prod/kustomization.yaml': 'resources:\n  - ../base\n  - ../../outside\n  - https://github.com/acme/x//base\npatches:\n  - path: patch.yaml\n',
      'repo/prod/patch.yaml': 'kind: Deployment\n',
    });
    const within = path.join(root, 'repo');
    assert.deepEqual(names(path.join(within, 'prod/kustomization.yaml'), within), ['../base/kustomization.yaml', '../base/deployment.yaml', 'patch.yaml']);
    assert.deepEqual(names(path.join(within, 'prod/patch.yaml'), within, 'kind: Deployment\n'), ['kustomization.yaml', '../base/kustomization.yaml', '../base/deployment.yaml']);
    assert.deepEqual(names(path.join(within, 'base/deployment.yaml'), within, 'kind: Deployment\n'), [], 'a resource is not a patch');
  });

  it('does not follow a link out of the root, and stops on cycles', () => {
    const root = tree({
      'secret/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'secret/deployment.yaml': 'kind: Deployment\n',
      'repo/a/kustomization.yaml': 'resources:\n  - ../b\n  - ../linked\n',
      'repo/b/kustomization.yaml': 'resources:\n  - ../a\n  - pod.yaml\n',
      'repo/b/pod.yaml': 'kind: Pod\n',
    });
    const within = path.join(root, 'repo');
    fs.symlinkSync(path.join(root, 'secret'), path.join(within, 'linked'));
    assert.deepEqual(names(path.join(within, 'a/kustomization.yaml'), within), ['../b/kustomization.yaml', '../b/pod.yaml']);
  });

  it('bounds the number of files read', () => {
    const files: Record<string, string> = { 'k/kustomization.yaml': `resources:\n${Array.from({ length: 500 }, (_, i) => `  - r${i}.yaml`).join('\n')}\n` };
    for (let i = 0; i < 500; i++) files[`k/r${i}.yaml`] = 'kind: ConfigMap\n';
    const root = tree(files);
    assert.equal(names(path.join(root, 'k/kustomization.yaml'), root).length, 200);
  });
});
