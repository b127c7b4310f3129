import rule from '../../../src/rules/kubernetes/no-privileged-container';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: 'k8s/deploy.yaml', code: deployment(HARDENED) },
    { name: 'privileged: false', filename: 'k8s/deploy.yaml', code: deployment(['securityContext:', '  privileged: false']) },
    { name: 'privileged as a string is not the boolean', filename: 'k8s/deploy.yaml', code: deployment(['securityContext:', '  privileged: "yes-please"']) },
    { name: 'not a Kubernetes object', filename: 'config.yaml', code: lines('containers:', '  - name: app', '    securityContext:', '      privileged: true') },
    { name: 'compose file is not a manifest', filename: 'compose.yaml', code: lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      securityContext: {privileged: true}') },
    {
      name: 'Helm template that does not parse is skipped',
      filename: 'chart/templates/deploy.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      {{- with .Values.securityContext }}', '      securityContext: {privileged: true}', '      {{- end }}'),
    },
  ],
  invalid: [
    {
      name: 'Deployment container',
      filename: 'k8s/deploy.yaml',
      code: deployment(['image: nginx:1.27', 'securityContext:', '  privileged: true']),
      errors: [
        {
          messageId: 'privileged',
          line: 12,
          column: 25,
          endLine: 12,
          endColumn: 29,
          suggestions: [{ messageId: 'setFalse', output: deployment(['image: nginx:1.27', 'securityContext:', '  privileged: false']) }],
        },
      ],
    },
    {
      name: 'second document, init container of a CronJob, flow mapping',
      filename: 'jobs.yml',
      code: lines(
        'apiVersion: v1',
        'kind: ConfigMap',
        '---',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          initContainers:',
        '            - {name: init, securityContext: {privileged: True}}',
      ),
      errors: [
        {
          messageId: 'privileged',
          line: 12,
          column: 58,
          endLine: 12,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'setFalse',
              output: lines(
                'apiVersion: v1',
                'kind: ConfigMap',
                '---',
                'apiVersion: batch/v1',
                'kind: CronJob',
                'spec:',
                '  jobTemplate:',
                '    spec:',
                '      template:',
                '        spec:',
                '          initContainers:',
                '            - {name: init, securityContext: {privileged: false}}',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'through an anchor: reported at the alias, no suggestion',
      filename: 'pod.yaml',
      code: lines('x-priv: &priv true', 'apiVersion: v1', 'kind: Pod', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: *priv'),
      errors: [{ messageId: 'privileged', line: 8, column: 21, endLine: 8, endColumn: 26 }],
    },
    {
      name: 'Helm template that parses is analysed',
      filename: 'chart/templates/pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "{{ .Release.Name }}"', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: true'),
      errors: [
        {
          messageId: 'privileged',
          line: 9,
          column: 21,
          endLine: 9,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'setFalse',
              output: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: "{{ .Release.Name }}"', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: false'),
            },
          ],
        },
      ],
    },
  ],
});
