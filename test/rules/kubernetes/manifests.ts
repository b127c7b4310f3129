/** Builders of small manifests for the Kubernetes rule tests. */

/** Joins lines with `\n`. */
export const lines = (...l: string[]): string => l.join('\n');

/**
 * A Deployment `web` whose pod spec gets `pod` lines (indent 6) and whose one container `app` (its
 * `- name: app` on line 9 + pod.length, column 11) gets `container` lines (indent 10, from line
 * 10 + pod.length).
 */
export function deployment(container: string[], pod: string[] = []): string {
  return lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    ...pod.map((l) => `      ${l}`),
    '      containers:',
    '        - name: app',
    ...container.map((l) => `          ${l}`),
  );
}

/** The hardened container settings that satisfy every container rule. */
export const HARDENED = [
  'image: registry.example.com/web:1.4.2',
  'securityContext:',
  '  allowPrivilegeEscalation: false',
  '  runAsNonRoot: true',
  '  capabilities:',
  '    drop: [ALL]',
  'resources:',
  '  limits:',
  '    memory: 256Mi',
];
