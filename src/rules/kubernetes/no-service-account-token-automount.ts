import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeObject, isTrue, kubernetesModel, lookup, mapAt, namespaceEntry, replaceScalarEdit, seqItems, serviceAccountOf, stringValue } from './model';

export default defineRule({
  id: 'kubernetes/no-service-account-token-automount',
  languages: ['yaml'],
  meta: {
    description: "Kubernetes pods should not get the default service account's API token, nor should it be granted roles",
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-522'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      podDefault:
        "{{object}} sets automountServiceAccountToken: true while running as the namespace's default service account: every pod of the namespace that names no account shares that identity, and this one turns the token back on even where the account turns it off.",
      defaultAccount:
        "The default ServiceAccount{{where}} sets automountServiceAccountToken: true, so every pod of the namespace that names no service account gets an API token it most likely does not need.",
      defaultBound:
        "{{binding}} grants {{role}} to the default service account{{where}}: its token is mounted into every pod of the namespace that names no service account, so each of them holds these permissions.",
      setFalse: 'Set automountServiceAccountToken: false',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        if (!model) return;
        for (const workload of model.workloads) {
          const { doc } = workload.object;
          const entry = lookup(doc, workload.podSpec, 'automountServiceAccountToken');
          if (!entry || !isTrue(entry.value) || serviceAccountOf(workload).name !== 'default') continue;
          const edit = replaceScalarEdit(entry, 'false');
          context.report({
            range: entry.valueRange,
            messageId: 'podDefault',
            data: { object: describeObject(workload.object) },
            suggest: edit ? [{ messageId: 'setFalse', edits: [edit] }] : [],
          });
        }
        for (const account of model.objects) {
          if (account.kind !== 'ServiceAccount' || account.name !== 'default') continue;
          const entry = lookup(account.doc, account.map, 'automountServiceAccountToken');
          if (!entry || !isTrue(entry.value)) continue;
          const edit = replaceScalarEdit(entry, 'false');
          context.report({
            range: entry.valueRange,
            messageId: 'defaultAccount',
            data: { where: inNamespace(stringValue(namespaceEntry(account)?.value ?? null)) },
            suggest: edit ? [{ messageId: 'setFalse', edits: [edit] }] : [],
          });
        }
        for (const binding of model.bindings) {
          const { doc } = binding;
          const roleRef = mapAt(doc, binding.map, 'roleRef');
          const role = roleRef && stringValue(lookup(doc, roleRef, 'name')?.value ?? null);
          // cluster-admin bound to a default account is kubernetes/no-rbac-wildcard's finding.
          if (!roleRef || role === undefined || role === 'cluster-admin') continue;
          const roleKind = stringValue(lookup(doc, roleRef, 'kind')?.value ?? null) ?? 'role';
          for (const subject of seqItems(doc, lookup(doc, binding.map, 'subjects')?.value)) {
            if (!isMap(subject) || stringValue(lookup(doc, subject, 'kind')?.value ?? null) !== 'ServiceAccount') continue;
            const name = lookup(doc, subject, 'name');
            if (!name || stringValue(name.value) !== 'default') continue;
            const namespace = stringValue(lookup(doc, subject, 'namespace')?.value ?? null) ?? stringValue(namespaceEntry(binding)?.value ?? null);
            context.report({
              range: name.valueRange,
              messageId: 'defaultBound',
              data: { binding: describeObject(binding), role: `${roleKind} '${role}'`, where: inNamespace(namespace) },
            });
          }
        }
      },
    };
  },
});

function inNamespace(namespace: string | undefined): string {
  return namespace !== undefined && !namespace.includes('{{') ? ` of namespace '${namespace}'` : '';
}
