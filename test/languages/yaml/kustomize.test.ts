import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { joinRelative, kustomizationReferences, renderKustomize } from '../../../src/languages/yaml/kustomize';
import { renderedDocument } from '../../../src/languages/yaml/rendered';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: ghcr.io/acme/api:2.3.0',
  '          env:',
  '            - name: A',
  '              value: "1"',
  '          securityContext:',
  '            privileged: false',
  '            capabilities:',
  '              add: [NET_BIND_SERVICE]',
  '        - name: sidecar',
  '          image: busybox:1.36',
  '',
].join('\n');
const BASE = [
  { file: '../base/kustomization.yaml', text: 'resources:\n  - deployment.yaml\n  - role.yaml\n' },
  { file: '../base/deployment.yaml', text: DEPLOYMENT },
  { file: '../base/role.yaml', text: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n' },
];

/** The objects of a render, as plain data. */
function objects(kustomization: string, neighbours = BASE, file = 'prod/kustomization.yaml'): Array<Record<string, unknown>> {
  const rendered = renderKustomize(file, kustomization, neighbours);
  assert.ok(rendered, 'rendered');
  return rendered.text.split(/^---$/m).map((d) => parse(d) as Record<string, unknown>);
}
const podSpec = (o: Record<string, unknown>) => (o as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
const containers = (o: Record<string, unknown>) => podSpec(o).containers as Array<Record<string, unknown>>;

describe('kustomize overlays rendered with their bases', () => {
  it('lists the local files a kustomization names', () => {
    const refs = kustomizationReferences(
      'resources:\n  - ../base\n  - https://github.com/x/y//base\n  - extra.yaml\nbases: [../legacy]\npatches:\n  - path: p.yaml\n  - patch: |-\n      a: b\npatchesStrategicMerge:\n  - smp.yaml\n  - |-\n    kind: X\npatchesJson6902:\n  - path: ops.yaml\n',
    );
    assert.deepEqual(refs, { resources: ['../base', 'extra.yaml', '../legacy'], patches: ['p.yaml', 'ops.yaml', 'smp.yaml'] });
    assert.equal(kustomizationReferences('- a\n'), undefined);
    assert.equal(joinRelative('prod', '../base/x.yaml'), 'base/x.yaml');
    assert.equal(joinRelative('', '../../base'), '../../base');
  });

  it('merges containers by name, replaces lists without a merge key, deletes with null and $patch: delete', () => {
    const [deployment] = objects(
      [
        'resources: [../base]',
        'patches:',
        '  - patch: |-',
        '      apiVersion: apps/v1',
        '      kind: Deployment',
        '      metadata: {name: api}',
        '      spec:',
        '        template:',
        '          spec:',
        '            containers:',
        '              - name: api',
        '                env:',
        '                  - {name: B, value: "2"}',
        '                securityContext:',
        '                  privileged: null',
        '                  capabilities:',
        '                    add: [SYS_ADMIN]',
        '              - name: sidecar',
        '                $patch: delete',
        '              - name: debugger',
        '                image: busybox:1.36',
        '',
      ].join('\n'),
    );
    assert.deepEqual(containers(deployment), [
      {
        name: 'api',
        image: 'ghcr.io/acme/api:2.3.0',
        env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
        securityContext: { capabilities: { add: ['SYS_ADMIN'] } },
      },
      { name: 'debugger', image: 'busybox:1.36' },
    ]);
  });

  it('applies JSON 6902 operations, namespace (not to cluster-scoped kinds) and images', () => {
    const [deployment, role] = objects(
      [
        'namespace: prod',
        'resources: [../base]',
        'images:',
        '  - name: ghcr.io/acme/api',
        '    newName: registry.example.com/api',
        '    digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        'patchesJson6902:',
        '  - target: {group: apps, version: v1, kind: Deployment, name: api}',
        '    patch: |-',
        '      - {op: test, path: /metadata/name, value: api}',
        '      - {op: add, path: /spec/template/spec/hostNetwork, value: true}',
        '      - {op: remove, path: /spec/template/spec/containers/1}',
        '      - {op: replace, path: /spec/template/spec/containers/0/securityContext/privileged, value: true}',
        '      - {op: copy, from: /spec/template/spec/containers/0/env, path: /spec/template/spec/env}',
        '      - {op: move, from: /spec/template/spec/env, path: /metadata/labels}',
        '',
      ].join('\n'),
    );
    const spec = podSpec(deployment);
    assert.equal(spec.hostNetwork, true);
    assert.deepEqual(containers(deployment).map((c) => [c.name, c.image, (c.securityContext as { privileged: boolean }).privileged]), [
      ['api', 'registry.example.com/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', true],
    ]);
    assert.deepEqual((deployment.metadata as Record<string, unknown>).labels, [{ name: 'A', value: '1' }]);
    assert.equal((deployment.metadata as Record<string, unknown>).namespace, 'prod');
    assert.equal((role.metadata as Record<string, unknown>).namespace, undefined);
  });

  it('selects patch targets by label and leaves out remote and missing resources', () => {
    const withLabels = DEPLOYMENT.replace('  name: api\n', '  name: api\n  labels: {tier: web}\n');
    const neighbours = [BASE[0], { ...BASE[1], text: withLabels }];
    const [deployment] = objects(
      'resources:\n  - ../base\n  - github.com/acme/infra//base?ref=v1\n  - missing.yaml\npatches:\n  - target: {kind: Deployment, labelSelector: "tier=web"}\n    patch: |-\n      - {op: add, path: /spec/template/spec/hostPID, value: true}\n  - target: {kind: Deployment, labelSelector: "tier=db"}\n    patch: |-\n      - {op: add, path: /spec/template/spec/hostIPC, value: true}\n',
      neighbours,
    );
    assert.equal(podSpec(deployment).hostPID, true);
    assert.equal(podSpec(deployment).hostIPC, undefined);
  });

  it('does not render what it does not model, cycles, or broken patches', () => {
    const none = (kustomization: string, neighbours = BASE) => assert.throws(() => renderKustomize('prod/kustomization.yaml', kustomization, neighbours));
    none('resources: [../base]\ncomponents: [../c]\n');
    none('resources: [../base]\nreplacements: []\n');
    none('resources: [../base]\npatches:\n  - target: {kind: Deployment, name: "a.*"}\n    patch: "- {op: remove, path: /spec}"\n');
    none('resources: [../base]\npatchesJson6902:\n  - target: {kind: Deployment, name: api}\n    patch: "- {op: remove, path: /nope}"\n');
    none('resources: [../base]\npatches:\n  - patch: |-\n      kind: Deployment\n      metadata: {name: api}\n      $retainKeys: [spec]\n');
    none('resources: [../base]\n', [{ file: '../base/kustomization.yaml', text: 'resources: [../prod]\n' }]);
    none('resources: [../base]\n', [{ file: '../base/kustomization.yaml', text: 'resources: [deployment.yaml]\n' }, { file: '../base/deployment.yaml', text: 'a: [' }]);
  });

  it('stops at the depth bound', () => {
    const chain = Array.from({ length: 8 }, (_, i) => ({ file: `../l${i}/kustomization.yaml`, text: `resources: [../l${i + 1}]\n` }));
    assert.throws(() => renderKustomize('prod/kustomization.yaml', 'resources: [../l0]\n', chain), /nested too deeply/);
  });

  it('is not a render for a file that no kustomization among the neighbours patches', () => {
    assert.equal(renderKustomize('prod/deployment.yaml', DEPLOYMENT, [{ file: 'kustomization.yaml', text: 'resources: [deployment.yaml]\n' }]), undefined);
    assert.ok(renderKustomize('prod/patch.yaml', 'kind: Deployment\nmetadata: {name: api}\n', [{ file: 'kustomization.yaml', text: 'resources: [../base]\npatches:\n  - path: patch.yaml\n' }, ...BASE.map((b) => ({ ...b }))]));
  });

  it('places what the kustomization writes at its text, and drops what comes from the base', () => {
    const kustomization = 'namespace: default\nresources:\n  - ../base\n';
    const rendered = renderKustomize('prod/kustomization.yaml', kustomization, BASE)!;
    const doc = renderedDocument(rendered, kustomization);
    const ns = rendered.text.indexOf('namespace: default') + 'namespace: '.length;
    const located = doc.locate!([ns, ns + 7])!;
    assert.deepEqual(located.range, [11, 18]);
    assert.deepEqual(located.related.map((r) => [r.file, r.start.line]), [['../base/deployment.yaml', 2]]);
    assert.equal(doc.editable(ns, ns + 7), true, 'a scalar written as it is can be replaced');
    assert.equal(doc.editable(ns, ns), false, 'nothing is inserted into a kustomization');
    const image = rendered.text.indexOf('ghcr.io/acme/api:2.3.0');
    assert.equal(doc.locate!([image, image + 22]), null, 'the base reports its own values');
  });
});
