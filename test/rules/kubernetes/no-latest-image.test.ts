import rule, { tagOf } from '../../../src/rules/kubernetes/no-latest-image';
import assert from 'node:assert/strict';
import { ruleTester } from '../../lib/rule-tester';
import { deployment } from './manifests';

const F = 'k8s/deploy.yaml';

describe('tagOf', () => {
  it('reads tags, registries with ports and digests', () => {
    assert.equal(tagOf('nginx'), null);
    assert.equal(tagOf('localhost:5000/team/app'), null);
    assert.equal(tagOf('localhost:5000/team/app:2.1'), '2.1');
    assert.equal(tagOf('nginx@sha256:0123abcd'), undefined);
    assert.equal(tagOf('nginx:latest@sha256:0123abcd'), undefined);
    assert.equal(tagOf('${IMAGE}'), undefined);
  });
});

ruleTester(rule, {
  valid: [
    { name: 'version tag', filename: F, code: deployment(['image: nginx:1.27.2']) },
    { name: 'digest pin', filename: F, code: deployment(['image: ghcr.io/org/app@sha256:4f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8']) },
    { name: 'registry port, tagged', filename: F, code: deployment(['image: registry.local:5000/app:v3']) },
    { name: 'Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"']) },
  ],
  invalid: [
    { name: 'no tag', filename: F, code: deployment(['image: nginx']), errors: [{ messageId: 'untagged', line: 10, column: 18, endLine: 10, endColumn: 23 }] },
    { name: 'latest, quoted', filename: F, code: deployment(['image: "registry.local:5000/app:latest"']), errors: [{ messageId: 'latest', line: 10, column: 18, endLine: 10, endColumn: 50 }] },
  ],
});
