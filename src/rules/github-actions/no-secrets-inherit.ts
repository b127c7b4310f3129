import { defineRule } from '../../engine/rule';
import { ghaFiles, stringOf } from './model';

export default defineRule({
  id: 'github-actions/no-secrets-inherit',
  languages: ['yaml'],
  meta: {
    description: 'Reusable workflow calls should pass the secrets they need by name, not secrets: inherit',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-200'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      inherit:
        "'secrets: inherit' hands every secret of the repository, its organisation and its environments to '{{workflow}}' and to every step and action it runs, whether it needs them or not; one compromised action there can read them all. List the secrets it uses under 'secrets:' by name.",
      inheritLocal:
        "'secrets: inherit' hands every secret of the repository, its organisation and its environments to '{{workflow}}' and to every action it runs, whether it needs them or not. The workflow lives in this repository, which lowers the risk; listing the secrets it uses by name still keeps a compromised action there from reading the rest.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const job of file.jobs) {
            if (!job.uses) continue;
            const secrets = stringOf(job.entries.get('secrets')?.value);
            if (!secrets || secrets.value.trim() !== 'inherit') continue;
            const workflow = job.uses.value.trim();
            const local = workflow.startsWith('./');
            context.report({ range: secrets.range, messageId: local ? 'inheritLocal' : 'inherit', data: { workflow }, ...(local ? { severity: 'info' as const } : {}) });
          }
        }
      },
    };
  },
});
