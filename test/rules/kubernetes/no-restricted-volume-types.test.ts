import rule from '../../../src/rules/kubernetes/no-restricted-volume-types';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';
const volumes = (...v: string[]): string[] => ['volumes:', ...v.map((l) => `  ${l}`)];

ruleTester(rule, {
  valid: [
    { name: 'core volume types', filename: F, code: deployment(HARDENED, volumes('- {name: tmp, emptyDir: {}}', '- {name: config, configMap: {name: app}}', '- {name: data, persistentVolumeClaim: {claimName: data}}', '- {name: token, projected: {sources: []}}')) },
    { name: 'inline CSI and generic ephemeral volumes', filename: F, code: deployment(HARDENED, volumes('- name: secrets-store', '  csi: {driver: secrets-store.csi.k8s.io}', '- name: scratch', '  ephemeral: {volumeClaimTemplate: {spec: {}}}')) },
    { name: 'hostPath is kubernetes/no-host-path-mount’s', filename: F, code: deployment(HARDENED, volumes('- {name: logs, hostPath: {path: /var/log}}')) },
  ],
  invalid: [
    {
      name: 'an nfs volume (restricted profile: info)',
      filename: F,
      code: deployment(HARDENED, volumes('- name: models', '  nfs:', '    server: 10.0.0.5', '    path: /models')),
      errors: [{ messageId: 'inline', line: 10, column: 11, endLine: 10, endColumn: 14, severity: 'info' }],
    },
    {
      name: 'a gitRepo volume in a Job',
      filename: F,
      code: deployment(HARDENED, volumes('- {name: src, gitRepo: {repository: "https://example.com/repo.git"}}')).replace('Deployment', 'Job'),
      errors: [{ messageId: 'gitRepo', line: 9, column: 23, endLine: 9, endColumn: 30 }],
    },
  ],
});
