import rule from '../../../src/rules/kubernetes/require-seccomp-profile';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const RUNTIME_DEFAULT = ['securityContext:', '  seccompProfile:', '    type: RuntimeDefault'];

ruleTester(rule, {
  valid: [
    { name: 'pod-level RuntimeDefault', filename: F, code: deployment(HARDENED, RUNTIME_DEFAULT) },
    { name: 'pod-level Localhost profile', filename: F, code: deployment(['image: a:1'], ['securityContext:', '  seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}']) },
    { name: 'every container sets its own', filename: F, code: deployment(['image: a:1', 'securityContext:', '  seccompProfile: {type: RuntimeDefault}']) },
    { name: 'Windows pod', filename: F, code: deployment(['image: a:1'], ['os: {name: windows}']) },
    { name: 'Helm value for the pod securityContext', filename: 'chart/templates/deploy.yaml', code: deployment(['image: a:1'], ['securityContext: "{{ .Values.podSecurityContext }}"']) },
    {
      name: 'legacy pod annotation runtime/default',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations:', '    seccomp.security.alpha.kubernetes.io/pod: runtime/default', 'spec:', '  containers: [{name: a, image: a:1}]'),
    },
    {
      name: 'ephemeral containers need no profile of their own',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {seccompProfile: {type: RuntimeDefault}}', '  containers: [{name: a, image: a:1}]', '  ephemeralContainers: [{name: debug, image: busybox:1.36}]'),
    },
  ],
  invalid: [
    {
      name: 'nothing set: the suggestion adds RuntimeDefault to the pod securityContext',
      filename: F,
      code: deployment(HARDENED, ['securityContext:', '  runAsNonRoot: true']),
      errors: [
        {
          messageId: 'missing',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 22,
          severity: 'info',
          suggestions: [{ messageId: 'addRuntimeDefault', output: deployment(HARDENED, ['securityContext:', '  seccompProfile:', '    type: RuntimeDefault', '  runAsNonRoot: true']) }],
        },
      ],
    },
    {
      name: 'no pod securityContext: reported on containers, a new securityContext is suggested',
      filename: F,
      code: deployment(HARDENED, ['restartPolicy: Always']),
      errors: [
        {
          messageId: 'missing',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 17,
          severity: 'info',
          suggestions: [{ messageId: 'addRuntimeDefault', output: deployment(HARDENED, [...RUNTIME_DEFAULT, 'restartPolicy: Always']) }],
        },
      ],
    },
    {
      name: 'Unconfined in a container of a CronJob, and a second container without a profile',
      filename: 'k8s/cron.yaml',
      code: lines(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          initContainers:',
        '            - name: init',
        '              securityContext:',
        '                seccompProfile:',
        '                  type: Unconfined',
        '          containers:',
        '            - name: job',
      ),
      errors: [
        {
          messageId: 'unconfined',
          line: 13,
          column: 25,
          endLine: 13,
          endColumn: 35,
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: lines(
                'apiVersion: batch/v1',
                'kind: CronJob',
                'metadata: {name: c}',
                'spec:',
                '  jobTemplate:',
                '    spec:',
                '      template:',
                '        spec:',
                '          initContainers:',
                '            - name: init',
                '              securityContext:',
                '                seccompProfile:',
                '                  type: RuntimeDefault',
                '          containers:',
                '            - name: job',
              ),
            },
          ],
        },
        {
          messageId: 'missing',
          line: 14,
          column: 11,
          endLine: 14,
          endColumn: 21,
          severity: 'info',
          suggestions: [
            {
              messageId: 'addRuntimeDefault',
              output: lines(
                'apiVersion: batch/v1',
                'kind: CronJob',
                'metadata: {name: c}',
                'spec:',
                '  jobTemplate:',
                '    spec:',
                '      template:',
                '        spec:',
                '          securityContext:',
                '            seccompProfile:',
                '              type: RuntimeDefault',
                '          initContainers:',
                '            - name: init',
                '              securityContext:',
                '                seccompProfile:',
                '                  type: Unconfined',
                '          containers:',
                '            - name: job',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'pod-level Unconfined in a flow mapping; an ephemeral container with Unconfined',
      filename: 'pod.yaml',
      code: lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: {seccompProfile: {type: Unconfined}}',
        '  containers: [{name: a, image: a:1}]',
        '  ephemeralContainers:',
        '    - name: debug',
        '      securityContext: {seccompProfile: {type: Unconfined}}',
      ),
      errors: [
        {
          messageId: 'unconfined',
          line: 5,
          column: 44,
          endLine: 5,
          endColumn: 54,
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: lines(
                'apiVersion: v1',
                'kind: Pod',
                'metadata: {name: p}',
                'spec:',
                '  securityContext: {seccompProfile: {type: RuntimeDefault}}',
                '  containers: [{name: a, image: a:1}]',
                '  ephemeralContainers:',
                '    - name: debug',
                '      securityContext: {seccompProfile: {type: Unconfined}}',
              ),
            },
          ],
        },
        {
          messageId: 'unconfined',
          line: 9,
          column: 48,
          endLine: 9,
          endColumn: 58,
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: lines(
                'apiVersion: v1',
                'kind: Pod',
                'metadata: {name: p}',
                'spec:',
                '  securityContext: {seccompProfile: {type: Unconfined}}',
                '  containers: [{name: a, image: a:1}]',
                '  ephemeralContainers:',
                '    - name: debug',
                '      securityContext: {seccompProfile: {type: RuntimeDefault}}',
              ),
            },
          ],
        },
      ],
    },
  ],
});
