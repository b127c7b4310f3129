import { defineRule } from '../../engine/rule';
import { unpinnedRefs } from './action-refs';
import { ghaFiles } from './model';

export default defineRule({
  id: 'github-actions/require-pinned-action',
  languages: ['yaml'],
  meta: {
    description: 'Third-party actions and reusable workflows must be pinned to a full commit SHA, not a tag or branch',
    severity: 'warning',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-829', 'CWE-494'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      unpinned:
        "'{{name}}' is used at '{{ref}}', a tag or branch its owner (or whoever takes over the account) can move to new code at any time, which then runs with this job's token and secrets. Pin the full 40-character commit SHA and keep the tag in a comment.",
      unpinnedImage:
        "The container image '{{name}}' is used at '{{ref}}', a tag that can be re-pushed with new content. Pin it by digest (docker://image@sha256:…).",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const ref of unpinnedRefs(file)) {
            if (ref.firstParty) continue;
            const image = ref.uses.value.trim().startsWith('docker://');
            context.report({ range: ref.uses.range, messageId: image ? 'unpinnedImage' : 'unpinned', data: { name: ref.name, ref: ref.ref } });
          }
        }
      },
    };
  },
});
