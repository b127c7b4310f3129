import type { Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import type { YamlHelpers } from '../../languages/yaml';
import { insertIntoBlockMap } from '../kubernetes/edits';
import { isFalse, lookup, replaceScalarEdit } from '../kubernetes/model';
import { composeServiceEntries, nodeRange, pairOf } from './compose-model';

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/require-read-only-root-filesystem',
  languages: ['yaml'],
  meta: {
    description: 'Compose services should run with a read-only root file system (read_only: true)',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-732'],
    confidence: 'medium',
    recommended: false,
    fix: 'suggestion',
    messages: {
      writable:
        "Service '{{service}}' sets read_only: false, so its root file system is writable: code that gets in can replace the service's binaries and scripts and leave tools behind, until the container is recreated. Set read_only: true and give the paths the service writes a volume or tmpfs (e.g. tmpfs: [/tmp]).",
      missing:
        "Service '{{service}}' does not set read_only: true, so its root file system is writable: code that gets in can replace the service's binaries and scripts and leave tools behind, until the container is recreated. Set read_only: true and give the paths the service writes a volume or tmpfs (e.g. tmpfs: [/tmp]).",
      setTrue: 'Set read_only: true',
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServiceEntries(context)) {
          const entry = lookup(service.doc, service.map, 'read_only');
          if (entry && !isFalse(entry.value)) continue; // true, or a value only known at run time (${READ_ONLY})
          if (entry) {
            const edit = replaceScalarEdit(entry, 'true');
            const range: Range = entry.viaAlias ? entry.valueRange : [entry.keyRange[0], entry.valueRange[1]];
            context.report({ range, messageId: 'writable', data: { service: service.name }, suggest: edit ? [{ messageId: 'setTrue', edits: [edit] }] : [] });
            continue;
          }
          // A service that extends another may get read_only from it.
          if (pairOf(service.map, 'extends')) continue;
          const edit = insertIntoBlockMap(context.text, service.map, ['read_only: true']);
          const suggest: FixDescriptor[] = edit ? [{ messageId: 'setTrue', edits: [edit] }] : [];
          context.report({ range: nodeRange(service.key as Node), messageId: 'missing', data: { service: service.name }, suggest });
        }
      },
    };
  },
});
