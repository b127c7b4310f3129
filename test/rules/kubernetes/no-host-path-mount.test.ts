import rule from '../../../src/rules/kubernetes/no-host-path-mount';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';
const withVolumes = (...volumes: string[]): string => deployment(HARDENED, ['volumes:', ...volumes.map((v) => `  ${v}`)]);

ruleTester(rule, {
  valid: [
    { name: 'emptyDir and configMap volumes', filename: F, code: withVolumes('- name: tmp', '  emptyDir: {}', '- name: cfg', '  configMap: {name: web}') },
    { name: 'the Docker socket is left to no-container-socket-mount', filename: F, code: withVolumes('- name: s', '  hostPath: {path: /var/run/docker.sock, type: Socket}') },
    { name: 'templated path', filename: 'chart/templates/ds.yaml', code: withVolumes('- name: l', '  hostPath:', '    path: "{{ .Values.logPath }}"') },
  ],
  invalid: [
    {
      name: 'log folder',
      filename: F,
      code: withVolumes('- name: logs', '  hostPath:', '    path: /var/log'),
      errors: [{ messageId: 'hostPath', line: 11, column: 19, endLine: 11, endColumn: 27 }],
    },
    {
      name: 'the node root, flow style',
      filename: F,
      code: withVolumes('- {name: root, hostPath: {path: /}}'),
      errors: [{ messageId: 'sensitiveHostPath', line: 9, column: 41, endLine: 9, endColumn: 42 }],
    },
    {
      name: 'hostPath without a path',
      filename: F,
      code: withVolumes('- name: x', '  hostPath: {}'),
      errors: [{ messageId: 'unknownHostPath', line: 10, column: 11, endLine: 10, endColumn: 19 }],
    },
  ],
});
