import { defineRule } from '../../engine/rule';
import { ghaFiles, triggeredBy } from './model';

/** Events a fork's pull request triggers. */
const PR_EVENTS = ['pull_request', 'pull_request_target'];

export default defineRule({
  id: 'github-actions/no-self-hosted-on-public-pr',
  languages: ['yaml'],
  meta: {
    description: 'Jobs triggered by pull requests must not run on self-hosted runners',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-829'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      selfHosted:
        "Job '{{job}}' runs on a self-hosted runner and the workflow runs on '{{event}}'. In a public repository anyone can open a pull request and run code on that machine, which is not wiped between jobs: they can persist on it, read other jobs' secrets and reach your network. Use GitHub-hosted runners for pull requests, or ephemeral runners for private repositories.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const trigger = triggeredBy(file, PR_EVENTS);
          if (!trigger) continue;
          for (const job of file.jobs) {
            const label = job.runsOnLabels.find((l) => l.value.trim().toLowerCase() === 'self-hosted');
            if (label) context.report({ range: label.range, messageId: 'selfHosted', data: { job: job.id, event: trigger.name } });
          }
        }
      },
    };
  },
});
