import { isScalar, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import type { YamlHelpers } from '../../languages/yaml';
import { lookup, seqEntries } from '../kubernetes/model';
import { composeServiceEntries, valueOffset } from './compose-model';

/** `security_opt` entries (`key:value` or `key=value`) that turn a kernel protection off, with what it protects. */
const DISABLED: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /^seccomp[:=]unconfined$/i, what: 'the seccomp filter, which blocks the system calls most kernel exploits need' },
  { pattern: /^apparmor[:=]unconfined$/i, what: 'the AppArmor profile, which keeps the container from mounting, writing to /proc and /sys, and more' },
  { pattern: /^label[:=]disable$/i, what: 'SELinux labelling, which keeps the container from the host\'s files and other containers' },
  { pattern: /^systempaths[:=]unconfined$/i, what: 'the masking of /proc and /sys paths, which hides kernel settings and host information' },
];
/** `no-new-privileges:false`: setuid binaries and file capabilities may raise privileges again. */
const NEW_PRIVILEGES = /^no-new-privileges[:=]false$/i;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-disabled-security-profile',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not turn off seccomp, AppArmor, SELinux or no-new-privileges in security_opt',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-693', 'CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      unconfined:
        "Service '{{service}}' sets security_opt {{option}}, which turns off {{what}}: a compromised container then has the whole kernel surface to escape through. Remove it; if a system call or path is really needed, allow that one in a custom profile.",
      newPrivileges:
        "Service '{{service}}' sets security_opt {{option}}: setuid binaries and file capabilities in the image can give a process more privileges than it started with (su, sudo, ping). Set no-new-privileges:true.",
      allowNone: 'Set no-new-privileges:true',
    },
  },
  create(context) {
    return {
      File() {
        const reported = new Set<Node>();
        for (const service of composeServiceEntries(context)) {
          for (const item of seqEntries(service.doc, lookup(service.doc, service.map, 'security_opt')?.value)) {
            if (!isScalar(item.value) || typeof item.value.value !== 'string' || reported.has(item.node)) continue;
            const option = item.value.value.trim();
            const disabled = DISABLED.find((d) => d.pattern.test(option));
            if (disabled) {
              reported.add(item.node);
              context.report({ range: item.range, messageId: 'unconfined', data: { service: service.name, option, what: disabled.what } });
            } else if (NEW_PRIVILEGES.test(option)) {
              reported.add(item.node);
              // The value is rewritten in place only when it is written here, as is (not through an alias).
              const offset = item.node === item.value ? valueOffset(context.text, item.value) : null;
              const falseAt = offset === null ? -1 : item.value.value.toLowerCase().lastIndexOf('false');
              const suggest: FixDescriptor[] = offset !== null && item.value.value === option
                ? [{ messageId: 'allowNone', edits: [{ range: [offset + falseAt, offset + falseAt + 5], text: 'true' }] }]
                : [];
              context.report({ range: item.range, messageId: 'newPrivileges', data: { service: service.name, option }, suggest });
            }
          }
        }
      },
    };
  },
});
