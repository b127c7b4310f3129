import { defineRule } from '../../engine/rule';
import { ghaFiles, stringOf, type GhaEntry } from './model';

export default defineRule({
  id: 'github-actions/no-write-all-permissions',
  languages: ['yaml'],
  meta: {
    description: 'Workflows and jobs must not grant the GITHUB_TOKEN permissions: write-all',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      writeAll:
        "'permissions: write-all' gives the {{scope}} token write access to code, releases, packages, issues and every other scope; one injected command or compromised action can then push to the repository. Grant only the scopes the {{scope}} needs.",
      readOnly: "Replace write-all with 'contents: read' and add the write scopes the job needs",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const entries: Array<[GhaEntry | undefined, string]> = [[file.permissions, 'workflow'], ...file.jobs.map((j): [GhaEntry | undefined, string] => [j.permissions, 'job'])];
          for (const [entry, scope] of entries) {
            const value = stringOf(entry?.value);
            if (!value || value.value !== 'write-all') continue;
            context.report({
              range: value.range,
              messageId: 'writeAll',
              data: { scope },
              suggest: [{ messageId: 'readOnly', edits: [{ range: value.range, text: '{ contents: read }' }] }],
            });
          }
        }
      },
    };
  },
});
