import rule from '../../../src/rules/kubernetes/no-container-socket-mount';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';
const withVolumes = (...volumes: string[]): string => deployment(HARDENED, ['volumes:', ...volumes.map((v) => `  ${v}`)]);

ruleTester(rule, {
  valid: [
    { name: 'other host paths are left to no-host-path-mount', filename: F, code: withVolumes('- name: logs', '  hostPath: {path: /var/log}') },
    { name: 'a socket of the application', filename: F, code: withVolumes('- name: s', '  hostPath: {path: /var/run/app/app.sock}') },
    { name: 'an emptyDir named docker-sock', filename: F, code: withVolumes('- name: docker-sock', '  emptyDir: {}') },
  ],
  invalid: [
    {
      name: 'Docker socket',
      filename: F,
      code: withVolumes('- name: docker', '  hostPath:', '    path: /var/run/docker.sock', '    type: Socket'),
      errors: [{ messageId: 'socket', line: 11, column: 19, endLine: 11, endColumn: 39 }],
    },
    {
      name: 'containerd socket folder',
      filename: F,
      code: withVolumes('- name: c', '  hostPath: {path: /run/containerd}'),
      errors: [{ messageId: 'socket', line: 10, column: 28, endLine: 10, endColumn: 43 }],
    },
  ],
});
