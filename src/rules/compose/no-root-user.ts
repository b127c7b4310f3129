import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { YamlHelpers } from '../../languages/yaml';
import { lookup } from '../kubernetes/model';
import { composeServiceEntries } from './compose-model';

/** `root` or uid 0, with or without a group. */
const ROOT_USER = /^(?:root|0)(?::[^:]*)?$/i;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-root-user',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not set user to root (or uid 0)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      rootUser:
        "Service '{{service}}' runs as '{{user}}', overriding the image's user: a vulnerability in the service becomes root in the container, one kernel bug or mount away from the host. Use a non-root user (user: \"10001:10001\", or the image's own), and give it the files it needs with chown.",
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServiceEntries(context)) {
          const entry = lookup(service.doc, service.map, 'user');
          const value = entry && isScalar(entry.value) && (typeof entry.value.value === 'string' || typeof entry.value.value === 'number') ? String(entry.value.value).trim() : undefined;
          if (!entry || value === undefined || !ROOT_USER.test(value)) continue;
          // Through an alias or merge the finding goes where this service uses it.
          const range: Range = entry.viaAlias ? entry.valueRange : [entry.keyRange[0], entry.valueRange[1]];
          context.report({ range, messageId: 'rootUser', data: { service: service.name, user: value } });
        }
      },
    };
  },
});
