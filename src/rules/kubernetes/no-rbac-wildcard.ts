import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeObject, kubernetesModel, lookup, mapAt, seqEntries, seqItems, stringValue, type K8sObject } from './model';

/** Subjects that stand for every pod of a namespace, every user, or anyone at all. */
const BROAD_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);

export default defineRule({
  id: 'kubernetes/no-rbac-wildcard',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes RBAC must not grant * verbs or resources, nor bind cluster-admin to default or broad subjects',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      wildcard:
        "{{object}} grants '*' in {{field}}: it covers every current and future {{what}}, including secrets, RBAC itself and whatever CRDs add later. List what is needed.",
      clusterAdmin:
        '{{object}} binds cluster-admin to {{subject}}: {{who}} gets full control of the cluster.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const role of model?.roles ?? []) checkRole(role, (range, data) => context.report({ range, messageId: 'wildcard', data }));
        for (const binding of model?.bindings ?? []) {
          checkBinding(binding, (range, data) => context.report({ range, messageId: 'clusterAdmin', data }));
        }
      },
    };
  },
});

type Reporter = (range: readonly [number, number], data: Record<string, string>) => void;

const WHAT: Record<string, string> = { verbs: 'verb (escalate, bind and impersonate too)', resources: 'resource', apiGroups: 'API group' };

/** `*` in verbs or resources of each rule; `*` in apiGroups only next to `*` resources, where it means "everything". */
function checkRole(role: K8sObject, report: Reporter): void {
  const { doc } = role;
  for (const rule of seqItems(doc, lookup(doc, role.map, 'rules')?.value)) {
    if (!isMap(rule)) continue;
    const stars = (field: string) => seqEntries(doc, lookup(doc, rule, field)?.value).filter((e) => stringValue(e.value) === '*');
    const resources = stars('resources');
    const fields: Array<[string, ReturnType<typeof stars>]> = [['apiGroups', resources.length > 0 ? stars('apiGroups') : []], ['resources', resources], ['verbs', stars('verbs')]];
    for (const [field, entries] of fields) {
      for (const entry of entries) report(entry.range, { object: describeObject(role), field, what: WHAT[field] });
    }
  }
}

/** cluster-admin bound to a `default` service account, to every service account, every user or anyone. */
function checkBinding(binding: K8sObject, report: Reporter): void {
  const { doc } = binding;
  const roleRef = mapAt(doc, binding.map, 'roleRef');
  if (!roleRef || stringValue(lookup(doc, roleRef, 'name')?.value ?? null) !== 'cluster-admin') return;
  for (const subject of seqItems(doc, lookup(doc, binding.map, 'subjects')?.value)) {
    if (!isMap(subject)) continue;
    const kind = stringValue(lookup(doc, subject, 'kind')?.value ?? null);
    const nameEntry = lookup(doc, subject, 'name');
    const name = stringValue(nameEntry?.value ?? null);
    if (!nameEntry || name === undefined) continue;
    const who = whoIs(kind, name, stringValue(lookup(doc, subject, 'namespace')?.value ?? null));
    if (who) report(nameEntry.valueRange, { object: describeObject(binding), subject: `${kind} '${name}'`, who });
  }
}

function whoIs(kind: string | undefined, name: string, namespace: string | undefined): string | undefined {
  if (kind === 'ServiceAccount' && name === 'default') {
    return `every pod in namespace '${namespace ?? 'default'}' that does not name its own service account`;
  }
  if (kind === 'Group' && BROAD_GROUPS.has(name)) {
    return name === 'system:unauthenticated' ? 'anyone who can reach the API server' : name === 'system:authenticated' ? 'every authenticated user' : 'every service account';
  }
  if (kind === 'User' && name === 'system:anonymous') return 'anyone who can reach the API server';
  return undefined;
}
