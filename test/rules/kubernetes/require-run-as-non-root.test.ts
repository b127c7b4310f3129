import rule from '../../../src/rules/kubernetes/require-run-as-non-root';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const header = { line: 9, column: 11, endLine: 9, endColumn: 20 };

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: F, code: deployment(HARDENED) },
    { name: 'pod-level runAsNonRoot', filename: F, code: deployment(['image: a:1'], ['securityContext:', '  runAsNonRoot: true']) },
    { name: 'non-zero runAsUser', filename: F, code: deployment(['securityContext: {runAsUser: 10001}']) },
    { name: 'pod-level runAsNonRoot: false overridden by the container', filename: F, code: deployment(['securityContext: {runAsNonRoot: true}'], ['securityContext:', '  runAsNonRoot: false']) },
    { name: 'Windows pod', filename: F, code: deployment(['image: a:1'], ['os: {name: windows}']) },
    { name: 'Helm value for runAsNonRoot', filename: 'chart/templates/deploy.yaml', code: deployment(['securityContext:', '  runAsUser: "{{ .Values.uid }}"']) },
  ],
  invalid: [
    {
      name: 'nothing set: the suggestion adds runAsNonRoot',
      filename: F,
      code: deployment(['image: a:1']),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [
            {
              messageId: 'addNonRoot',
              output: deployment(['image: a:1']).replace('- name: app', '- securityContext:\n            runAsNonRoot: true\n          name: app'),
            },
          ],
        },
      ],
    },
    {
      name: 'runAsUser: 0 at pod level, reported once for two containers',
      filename: F,
      code: lines(deployment(['image: a:1'], ['securityContext:', '  runAsUser: 0']), '        - name: b', '          image: b:1'),
      errors: [{ messageId: 'runAsRoot', line: 9, column: 20, endLine: 9, endColumn: 21 }],
    },
    {
      name: 'runAsNonRoot: false in the container',
      filename: F,
      code: deployment(['securityContext:', '  runAsNonRoot: false']),
      errors: [
        {
          messageId: 'nonRootFalse',
          line: 11,
          column: 27,
          endLine: 11,
          endColumn: 32,
          suggestions: [{ messageId: 'setTrue', output: deployment(['securityContext:', '  runAsNonRoot: true']) }],
        },
      ],
    },
    {
      name: 'existing securityContext without the keys',
      filename: F,
      code: deployment(['securityContext:', '  readOnlyRootFilesystem: true']),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [{ messageId: 'addNonRoot', output: deployment(['securityContext:', '  runAsNonRoot: true', '  readOnlyRootFilesystem: true']) }],
        },
      ],
    },
  ],
});
