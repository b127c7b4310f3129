import { isMap, isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Range, TextEdit } from '../../engine/types';
import { insertIntoBlockMap, insertIntoSecurityContext, insertIntoSeq } from './edits';
import { describeContainer, isTrue, isWindowsPod, kubernetesModel, lookup, seqEntries, stringValue, type Container } from './model';
import { DANGEROUS_CAPABILITIES } from './no-dangerous-capabilities';

/** The runtime default set that the Pod Security Standards baseline lets a container add back. */
const BASELINE_DEFAULT = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export default defineRule({
  id: 'kubernetes/require-drop-all-capabilities',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers should drop ALL capabilities and add back no more than NET_BIND_SERVICE',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      noDropAll:
        "The {{container}} does not drop ALL capabilities, so it keeps the runtime's default set (CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID, …): a compromised process can take over files and switch users without any exploit.",
      nonDefault:
        'The {{container}} adds the {{capability}} capability, which is outside the default set that the Pod Security Standards baseline allows.',
      beyondBindService:
        'The {{container}} adds {{capability}} back after dropping capabilities; the restricted Pod Security Standard allows only NET_BIND_SERVICE.',
      dropAll: 'Drop ALL capabilities',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          if (container.group === 'ephemeralContainers' || isWindowsPod(container.workload)) continue;
          const { doc } = container.workload.object;
          const sc = container.securityContext;
          // A privileged container has every capability whatever it lists; kubernetes/no-privileged-container reports it.
          if (sc && isTrue(lookup(doc, sc, 'privileged')?.value ?? null)) continue;
          const data = { container: describeContainer(container) };
          const capabilities = sc && lookup(doc, sc, 'capabilities');
          for (const item of isMap(capabilities?.value) ? seqEntries(doc, lookup(doc, capabilities.value, 'add')?.value) : []) {
            const name = stringValue(item.value)?.trim().toUpperCase().replace(/^CAP_/, '');
            if (name === undefined || name === 'NET_BIND_SERVICE' || name.includes('{{') || DANGEROUS_CAPABILITIES.has(name)) continue;
            const baseline = BASELINE_DEFAULT.has(name);
            context.report({
              range: item.range,
              messageId: baseline ? 'beyondBindService' : 'nonDefault',
              data: { ...data, capability: name },
              ...(baseline ? { severity: 'info' as const } : {}),
            });
          }
          const missing = missingDropAll(context.text, container);
          if (!missing) continue;
          context.report({
            range: missing.range,
            messageId: 'noDropAll',
            data,
            suggest: missing.edit ? [{ messageId: 'dropAll', edits: [missing.edit] }] : [],
            // A restricted-profile requirement: most images run with the default set.
            severity: 'info',
          });
        }
      },
    };
  },
});

/** Where the container fails to drop ALL, and the edit that adds it; undefined when it drops ALL or the lists cannot be read. */
function missingDropAll(text: string, container: Container): { range: Range; edit: TextEdit | undefined } | undefined {
  const { doc } = container.workload.object;
  const sc = container.securityContext;
  if (!sc) {
    if (lookup(doc, container.map, 'securityContext')) return undefined; // a Helm value
    return { range: container.headerRange, edit: insertIntoSecurityContext(text, doc, container.map, sc, ['capabilities:', '  drop: [ALL]']) };
  }
  const capabilities = lookup(doc, sc, 'capabilities');
  if (!capabilities) return { range: container.headerRange, edit: insertIntoBlockMap(text, sc, ['capabilities:', '  drop: [ALL]']) };
  if (!isMap(capabilities.value)) return undefined;
  const drop = lookup(doc, capabilities.value, 'drop');
  const keyRange = capabilities.viaAlias ? container.headerRange : capabilities.keyRange;
  if (!drop) return { range: keyRange, edit: capabilities.viaAlias ? undefined : insertIntoBlockMap(text, capabilities.value, ['drop: [ALL]']) };
  if (!isSeq(drop.value)) return undefined;
  const names = seqEntries(doc, drop.value).map((e) => stringValue(e.value)?.trim().toUpperCase().replace(/^CAP_/, ''));
  if (names.some((n) => n === 'ALL' || n?.includes('{{'))) return undefined;
  return { range: drop.viaAlias ? keyRange : drop.keyRange, edit: drop.viaAlias || !isSeq(drop.valueNode) ? undefined : insertIntoSeq(text, drop.value, 'ALL') };
}
