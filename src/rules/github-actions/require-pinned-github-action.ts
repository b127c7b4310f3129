import { defineRule } from '../../engine/rule';
import { unpinnedRefs } from './action-refs';
import { ghaFiles } from './model';

export default defineRule({
  id: 'github-actions/require-pinned-github-action',
  languages: ['yaml'],
  meta: {
    description: 'GitHub-owned actions (actions/*, github/*) should be pinned to a full commit SHA',
    severity: 'info',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-829'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      unpinned:
        "'{{name}}' is used at '{{ref}}', a movable tag. GitHub-owned actions are lower risk than third-party ones, but a compromised tag still runs with this job's token; pin the full commit SHA and keep the tag in a comment.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const ref of unpinnedRefs(file)) {
            if (ref.firstParty) context.report({ range: ref.uses.range, messageId: 'unpinned', data: { name: ref.name, ref: ref.ref } });
          }
        }
      },
    };
  },
});
