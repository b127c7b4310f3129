/**
 * The Kubernetes rules on what a file renders to with its neighbours: Helm templates with their chart's
 * values.yaml, kustomizations (and their patch files) with their bases. Ranges are in the analysed file.
 */
import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { defineRule, type Rule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { builtinRules } from '../../../src/rules';
import noDefaultNamespace from '../../../src/rules/kubernetes/no-default-namespace';
import noHostNamespaces from '../../../src/rules/kubernetes/no-host-namespaces';
import noLatestImage from '../../../src/rules/kubernetes/no-latest-image';
import noPrivilegedContainer from '../../../src/rules/kubernetes/no-privileged-container';
import { ruleTester } from '../../lib/rule-tester';
import { lines } from './manifests';

const CHART = { file: '../Chart.yaml', text: lines('apiVersion: v2', 'name: web', 'version: 0.1.0', 'appVersion: "1.4.2"', '') };
const chart = (values: string, chartText = CHART.text) => [{ file: '../Chart.yaml', text: chartText }, { file: '../values.yaml', text: values }];

/** A chart template: a Deployment whose container `app` takes its securityContext from `securityContext`. */
const TEMPLATE = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}-web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "registry.example.com/web:{{ .Values.image.tag | default .Chart.AppVersion }}"',
  '          securityContext:',
  '            {{- toYaml .Values.securityContext | nindent 12 }}',
  '',
);

/** A base Deployment `api` (container `api`) with a hardened container. */
const BASE_DEPLOYMENT = lines(
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
  '          securityContext:',
  '            privileged: false',
  '',
);
const base = (deployment = BASE_DEPLOYMENT) => [
  { file: '../base/kustomization.yaml', text: lines('resources:', '  - deployment.yaml', '') },
  { file: '../base/deployment.yaml', text: deployment },
];

/** An overlay with one inline strategic merge patch of the `api` container's securityContext. */
const overlay = (securityContext: string) =>
  lines(
    'resources:',
    '  - ../base',
    'patches:',
    '  - patch: |-',
    '      apiVersion: apps/v1',
    '      kind: Deployment',
    '      metadata:',
    '        name: api',
    '      spec:',
    '        template:',
    '          spec:',
    '            containers:',
    '              - name: api',
    '                securityContext:',
    `                  ${securityContext}`,
    '',
  );

ruleTester(noPrivilegedContainer, {
  valid: [
    { name: 'Helm: values.yaml keeps it unprivileged', filename: 'web/templates/deploy.yaml', code: TEMPLATE, neighbours: chart('image:\n  tag: "1.4.2"\nsecurityContext:\n  privileged: false\n') },
    { name: 'Helm: a field of a value values.yaml leaves out fails to render, as in Helm', filename: 'web/templates/deploy.yaml', code: TEMPLATE, neighbours: chart('securityContext:\n  privileged: true\n') },
    {
      name: 'Helm: default false when values.yaml leaves it out',
      filename: 'web/templates/deploy.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: {{ .Values.privileged | default false }}', ''),
      neighbours: chart('image: {}\n'),
    },
    {
      name: 'Helm: include is not rendered, and the template does not parse as it is',
      filename: 'web/templates/deploy.yaml',
      code: TEMPLATE.replace('{{ .Release.Name }}-web', '{{ include "web.fullname" . }}'),
      neighbours: chart('securityContext:\n  privileged: true\n'),
    },
    {
      name: 'Helm: a block its condition leaves out',
      filename: 'web/templates/pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      {{- if .Values.debug }}', '      securityContext:', '        privileged: true', '      {{- end }}', ''),
      neighbours: chart('debug: false\n'),
    },
    {
      name: 'Helm: a values.yaml alias bomb is not rendered',
      filename: 'web/templates/deploy.yaml',
      code: TEMPLATE,
      neighbours: chart(
        ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [*${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}, *${'abcdefghij'[i]}]`), 'securityContext:', '  privileged: true', 'big: *j', ''].join('\n'),
      ),
    },
    { name: 'Helm: no Chart.yaml, no chart', filename: 'web/templates/deploy.yaml', code: TEMPLATE, neighbours: [{ file: '../values.yaml', text: 'securityContext:\n  privileged: true\n' }] },
    { name: 'kustomize: the base alone is privileged, reported in the base', filename: 'prod/kustomization.yaml', code: lines('resources:', '  - ../base', ''), neighbours: base(BASE_DEPLOYMENT.replace('privileged: false', 'privileged: true')) },
    { name: 'kustomize: a patch makes it unprivileged', filename: 'prod/kustomization.yaml', code: overlay('privileged: false'), neighbours: base(BASE_DEPLOYMENT.replace('privileged: false', 'privileged: true')) },
    { name: 'kustomize: the same value again is the base\'s', filename: 'prod/kustomization.yaml', code: overlay('privileged: true'), neighbours: base(BASE_DEPLOYMENT.replace('privileged: false', 'privileged: true')) },
    { name: 'kustomize: the base is not among the neighbours (outside the workspace)', filename: 'prod/kustomization.yaml', code: overlay('privileged: true'), neighbours: [] },
    {
      name: 'kustomize: kustomizations that include each other are not rendered',
      filename: 'prod/kustomization.yaml',
      code: overlay('privileged: true'),
      neighbours: [{ file: '../base/kustomization.yaml', text: 'resources:\n  - deployment.yaml\n  - ../prod\n' }, ...base().slice(1)],
    },
    {
      name: 'kustomize: components are not modelled, so nothing is rendered',
      filename: 'prod/kustomization.yaml',
      code: `components:\n  - ../debug\n${overlay('privileged: true')}`,
      neighbours: base(),
    },
  ],
  invalid: [
    {
      name: 'Helm: toYaml of values.yaml, reported at the directive, related to values.yaml',
      filename: 'web/templates/deploy.yaml',
      code: TEMPLATE,
      neighbours: chart('image:\n  tag: "1.4.2"\nsecurityContext:\n  runAsNonRoot: true\n  privileged: true\n'),
      errors: [{ messageId: 'privileged', line: 12, column: 13, endLine: 12, endColumn: 63, related: 1 }],
    },
    {
      name: 'Helm: written in the template itself, with a suggestion there',
      filename: 'web/templates/pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: true', ''),
      neighbours: chart(''),
      errors: [
        {
          messageId: 'privileged',
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 25,
          related: 0,
          suggestions: [{ messageId: 'setFalse', output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: false', '') }],
        },
      ],
    },
    {
      name: 'Helm: default true turns values.yaml false into true (Helm treats false as empty)',
      filename: 'web/templates/pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: {{ .Values.privileged | default true }}', ''),
      neighbours: chart('privileged: false\n'),
      errors: [{ messageId: 'privileged', line: 7, column: 21, endLine: 7, endColumn: 60, related: 0 }],
    },
    {
      name: 'kustomize: an inline patch, reported at its value with a suggestion in the kustomization',
      filename: 'prod/kustomization.yaml',
      code: overlay('privileged: true'),
      neighbours: base(),
      errors: [
        {
          messageId: 'privileged',
          line: 15,
          column: 31,
          endLine: 15,
          endColumn: 35,
          related: 1,
          suggestions: [{ messageId: 'setFalse', output: overlay('privileged: false') }],
        },
      ],
    },
    {
      name: 'kustomize: the patch file analysed, with its kustomization and base as neighbours',
      filename: 'prod/privileged.yaml',
      code: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          securityContext:', '            privileged: true', ''),
      neighbours: [{ file: 'kustomization.yaml', text: lines('resources:', '  - ../base', 'patchesStrategicMerge:', '  - privileged.yaml', '') }, ...base()],
      errors: [
        {
          messageId: 'privileged',
          line: 11,
          column: 25,
          endLine: 11,
          endColumn: 29,
          related: 1,
          suggestions: [
            {
              messageId: 'setFalse',
              output: lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: api', '          securityContext:', '            privileged: false', ''),
            },
          ],
        },
      ],
    },
  ],
});

ruleTester(noLatestImage, {
  valid: [
    { name: 'Helm: tag from values.yaml', filename: 'web/templates/deploy.yaml', code: TEMPLATE, neighbours: chart('image:\n  tag: "1.4.3"\n') },
    { name: 'Helm: empty tag falls back to a pinned appVersion', filename: 'web/templates/deploy.yaml', code: TEMPLATE, neighbours: chart('image:\n  tag: ""\n') },
    { name: 'kustomize: images pins a tag', filename: 'prod/kustomization.yaml', code: lines('resources:', '  - ../base', 'images:', '  - name: ghcr.io/acme/api', '    newTag: 2.4.0', ''), neighbours: base() },
    { name: 'kustomize: images for another image', filename: 'prod/kustomization.yaml', code: lines('resources:', '  - ../base', 'images:', '  - name: nginx', '    newTag: latest', ''), neighbours: base() },
  ],
  invalid: [
    {
      name: 'Helm: appVersion latest in Chart.yaml through default',
      filename: 'web/templates/deploy.yaml',
      code: TEMPLATE,
      neighbours: chart('image:\n  tag: ""\n', 'apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: latest\n'),
      errors: [{ messageId: 'latest', line: 10, column: 18, endLine: 10, endColumn: 96, related: 1 }],
    },
    {
      name: 'kustomize: images newTag latest, at the tag',
      filename: 'prod/kustomization.yaml',
      code: lines('resources:', '  - ../base', 'images:', '  - name: ghcr.io/acme/api', '    newTag: latest', ''),
      neighbours: base(),
      errors: [{ messageId: 'latest', line: 5, column: 13, endLine: 5, endColumn: 19, related: 1 }],
    },
  ],
});

const JSON_PATCH = (ops: string[]) =>
  lines('resources:', '  - ../base', 'patches:', '  - target:', '      kind: Deployment', '      name: api', '    patch: |-', ...ops.map((o) => `      ${o}`), '');

ruleTester(noHostNamespaces, {
  valid: [
    { name: 'JSON 6902 add of hostNetwork: false', filename: 'prod/kustomization.yaml', code: JSON_PATCH(['- op: add', '  path: /spec/template/spec/hostNetwork', '  value: false']), neighbours: base() },
    {
      name: 'a failing JSON 6902 test leaves the kustomization unrendered',
      filename: 'prod/kustomization.yaml',
      code: JSON_PATCH(['- op: test', '  path: /metadata/name', '  value: web', '- op: add', '  path: /spec/template/spec/hostNetwork', '  value: true']),
      neighbours: base(),
    },
    {
      name: 'a patch target by pattern is not modelled',
      filename: 'prod/kustomization.yaml',
      code: JSON_PATCH(['- op: add', '  path: /spec/template/spec/hostNetwork', '  value: true']).replace('name: api', 'name: ap.*'),
      neighbours: base(),
    },
  ],
  invalid: [
    {
      name: 'JSON 6902 add of hostNetwork: true, at the value',
      filename: 'prod/kustomization.yaml',
      code: JSON_PATCH(['- op: add', '  path: /spec/template/spec/hostNetwork', '  value: true']),
      neighbours: base(),
      errors: [
        {
          messageId: 'hostNamespace',
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 20,
          related: 1,
          suggestions: [{ messageId: 'setFalse', output: JSON_PATCH(['- op: add', '  path: /spec/template/spec/hostNetwork', '  value: false']) }],
        },
      ],
    },
  ],
});

ruleTester(noDefaultNamespace, {
  valid: [
    { name: 'Helm: .Release.Namespace is chosen at install time', filename: 'web/templates/deploy.yaml', code: TEMPLATE.replace('  name: {{ .Release.Name }}-web', '  name: web\n  namespace: {{ .Release.Namespace }}'), neighbours: chart('') },
    { name: 'kustomize: namespace prod', filename: 'prod/kustomization.yaml', code: lines('namespace: prod', 'resources:', '  - ../base', ''), neighbours: base() },
  ],
  invalid: [
    {
      name: 'kustomize: namespace default, at the kustomization value',
      filename: 'prod/kustomization.yaml',
      code: lines('namespace: default', 'resources:', '  - ../base', ''),
      neighbours: base(),
      errors: [{ messageId: 'defaultNamespace', line: 1, column: 12, endLine: 1, endColumn: 19, related: 1 }],
    },
  ],
});

describe('rendered documents are read by the Kubernetes rules only', () => {
  it('a YAML rule other than the Kubernetes ones does not read what values.yaml writes into a template', () => {
    const needle = defineRule({
      id: 'test/no-needle',
      languages: ['yaml'],
      meta: { description: 'test', severity: 'error', category: 'iac', riskArea: 'development', cwe: ['CWE-1'], confidence: 'high', recommended: true, fix: 'none', messages: { needle: 'needle' } },
      create: (context) => ({
        Scalar(node) {
          const scalar = node as { value?: unknown; range?: number[] };
          if (scalar.value === 'needle' && scalar.range) context.report({ range: [scalar.range[0], scalar.range[1]], messageId: 'needle' });
        },
      }),
    });
    const rules = [...builtinRules, needle as Rule];
    const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
    const request = { file: 'web/templates/cm.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: {{ .Values.a | quote }}\n', settings };
    const result = analyzer.analyze({ ...request, neighbours: chart('a: needle\n') });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.findings.map((f) => f.ruleId), []);
    // The same rule does read a plain manifest with that value (the test can fail).
    assert.deepEqual(analyzer.analyze({ ...request, file: 'cm.yaml', text: request.text.replace('{{ .Values.a | quote }}', 'needle') }).findings.map((f) => f.ruleId), ['test/no-needle']);
  });
});
