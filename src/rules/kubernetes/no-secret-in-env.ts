import { isMap, isScalar, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import { isLiteralCredential, isSecretName } from '../secrets/patterns';
import { columnOf, isBlockMap } from './edits';
import { describeContainer, kubernetesModel, lookup, pairRange, seqItems, stringValue, type Container, type Entry } from './model';


export default defineRule({
  id: 'kubernetes/no-secret-in-env',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes env variables named like secrets must come from a Secret, not a literal value',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-312'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      literalSecret:
        "The {{container}} sets '{{name}}' to a literal value: the manifest is committed and readable by everyone with access to the repository or to the object in the cluster; keep the value in a Secret and rotate it.",
      useSecretRef: "Read {{name}} from Secret '{{secret}}' with valueFrom.secretKeyRef",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const { doc } = container.workload.object;
          for (const item of seqItems(doc, lookup(doc, container.map, 'env')?.value)) {
            if (!isMap(item)) continue;
            const name = stringValue(lookup(doc, item, 'name')?.value ?? null);
            const value = lookup(doc, item, 'value');
            if (name === undefined || !value || !isSecretName(name, 'env') || !isLiteralSecret(value)) continue;
            const suggestion = secretRefSuggestion(context.text, container, item, name, value);
            context.report({
              range: value.valueRange,
              messageId: 'literalSecret',
              data: { container: describeContainer(container), name },
              suggest: suggestion ? [suggestion] : [],
            });
          }
        }
      },
    };
  },
});

function isLiteralSecret(value: Entry): boolean {
  if (!isScalar(value.value)) return false;
  const text = String(value.value.value ?? '').trim();
  return isLiteralCredential(text);
}

/**
 * Replaces `value: …` with a `valueFrom.secretKeyRef` block pointing at a Secret named after the
 * workload; only in block mappings, where the indentation is known.
 */
function secretRefSuggestion(text: string, container: Container, item: YAMLMap, name: string, value: Entry): FixDescriptor | undefined {
  if (value.viaAlias || !isBlockMap(item)) return undefined;
  const secret = `${container.workload.object.name ?? container.name}-secrets`.replace(/[^a-z0-9.-]/gi, '-').toLowerCase();
  const key = name.toLowerCase().replace(/_/g, '-');
  const indent = ' '.repeat(columnOf(text, value.keyRange[0]));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = ['valueFrom:', '  secretKeyRef:', `    name: ${secret}`, `    key: ${key}`];
  return {
    messageId: 'useSecretRef',
    data: { name, secret },
    edits: [{ range: pairRange(value), text: lines.join(eol + indent) }],
  };
}
