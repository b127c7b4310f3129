import { defineRule } from '../../engine/rule';
import { columnOf, ghaFiles } from './model';

export default defineRule({
  id: 'github-actions/require-permissions',
  languages: ['yaml'],
  meta: {
    description: 'Workflows should declare the GITHUB_TOKEN permissions they need instead of inheriting the defaults',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      missing:
        "Job '{{job}}' sets no 'permissions' and neither does the workflow, so its token gets the repository's default permissions, which are read-write for repositories created before February 2023 and for many organisations. Declare the least the workflow needs.",
      addReadOnly: "Add 'permissions: contents: read' at the top of the workflow",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          if (file.kind !== 'workflow' || file.permissions || !file.jobsEntry) continue;
          const jobsKey = file.jobsEntry.keyRange[0];
          const atLineStart = columnOf(context.text, jobsKey) === 0;
          for (const job of file.jobs) {
            if (job.permissions || job.entries.size === 0) continue;
            context.report({
              range: job.keyRange,
              messageId: 'missing',
              data: { job: job.id },
              ...(atLineStart ? { suggest: [{ messageId: 'addReadOnly', edits: [{ range: [jobsKey, jobsKey], text: 'permissions:\n  contents: read\n\n' }] }] } : {}),
            });
          }
        }
      },
    };
  },
});
