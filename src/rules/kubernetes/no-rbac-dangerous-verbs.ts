import { defineRule } from '../../engine/rule';
import { describeObject, kubernetesModel, policyRules, type ListItem, type PolicyRule } from './model';

/** A grant that leads to more than it names, with what the holder can then do. */
interface Grant {
  apiGroup: string;
  resources: readonly string[];
  /** The verbs that are dangerous; undefined for every verb. */
  verbs: readonly string[] | undefined;
  what: string;
}

const RBAC = 'rbac.authorization.k8s.io';
const GRANTS: readonly Grant[] = [
  { apiGroup: '', resources: ['secrets'], verbs: ['get', 'list', 'watch'], what: 'reads every Secret in its scope, service account tokens, TLS keys and passwords included' },
  // Exec over WebSockets needs only `get` before Kubernetes 1.35 (kubernetes/kubernetes#78741).
  { apiGroup: '', resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'], what: "runs commands in any pod in its scope, with that pod's service account and secrets" },
  { apiGroup: '', resources: ['serviceaccounts/token'], verbs: ['create'], what: 'mints API tokens for any service account in its scope, and so holds all of their permissions' },
  { apiGroup: '', resources: ['nodes/proxy'], verbs: undefined, what: 'reaches the kubelet API of the nodes, which can run commands in any pod on them' },
  { apiGroup: RBAC, resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'], what: 'grants permissions it does not hold itself, up to cluster-admin' },
  { apiGroup: '', resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'], what: 'acts as other users, groups or service accounts, with their permissions' },
];

export default defineRule({
  id: 'kubernetes/no-rbac-dangerous-verbs',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes RBAC should not grant reading Secrets, pod exec, token creation, escalate, bind, impersonate or nodes/proxy',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-732'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      dangerous: '{{object}} grants {{verbs}} on {{resource}}: whoever holds it {{what}}.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const role of model?.roles ?? []) {
          for (const rule of policyRules(role)) {
            // Limited to named objects: the grant is as narrow as RBAC allows (`*` is kubernetes/no-rbac-wildcard's).
            if (rule.resourceNames && rule.resourceNames.length > 0) continue;
            for (const grant of GRANTS) {
              if (!inGroup(rule, grant.apiGroup)) continue;
              const verbs = explicit(rule.verbs).filter((v) => grant.verbs === undefined || grant.verbs.includes(v));
              if (verbs.length === 0) continue;
              for (const resource of rule.resources ?? []) {
                const name = resource.value?.trim();
                if (name === undefined || !grant.resources.includes(name)) continue;
                context.report({ range: resource.range, messageId: 'dangerous', data: { object: describeObject(role), verbs: verbs.join(', '), resource: name, what: grant.what } });
              }
            }
          }
        }
      },
    };
  },
});

/** Whether a rule's apiGroups include the group (a missing list is invalid; it is read as the core group). */
function inGroup(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups === undefined || rule.apiGroups.some((g) => g.value?.trim() === group || g.value?.trim() === '*');
}

/** The verbs written out by name, in order and without repeats; `*` is left to kubernetes/no-rbac-wildcard. */
function explicit(items: readonly ListItem[] | undefined): string[] {
  const names = (items ?? []).map((i) => i.value?.trim()).filter((v): v is string => v !== undefined && v !== '' && v !== '*');
  return [...new Set(names)];
}
