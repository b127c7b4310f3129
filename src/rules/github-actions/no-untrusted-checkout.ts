import { defineRule } from '../../engine/rule';
import { actionName, ghaFiles, runsWorkspaceCode, triggeredBy, UNTRUSTED_REF, withoutBraces, type GhaJob, type GhaStep, type GhaString } from './model';

/** Events whose workflows run with a write token and secrets even when a fork triggered them. */
const PRIVILEGED_EVENTS = ['pull_request_target', 'workflow_run'];
export default defineRule({
  id: 'github-actions/no-untrusted-checkout',
  languages: ['yaml'],
  meta: {
    description: 'pull_request_target and workflow_run jobs must not check out pull request code and then run it',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-829', 'CWE-94'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      untrustedCheckout:
        "This job runs on '{{event}}' with a write token and the repository's secrets, checks out the pull request's code ({{ref}}) and then runs it ({{runner}}). A fork can change that code (build scripts, package.json, tests) and take over the job. Check out the base branch, or split the work into an unprivileged 'pull_request' workflow.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const trigger = triggeredBy(file, PRIVILEGED_EVENTS);
          if (!trigger) continue;
          for (const job of file.jobs) {
            for (const finding of untrustedCheckouts(job)) {
              context.report({
                range: finding.ref.range,
                messageId: 'untrustedCheckout',
                data: { event: trigger.name, ref: withoutBraces(finding.ref.value), runner: withoutBraces(describe(finding.runner)) },
                related: [{ message: 'the checked-out code runs here', range: (finding.runner.run ?? finding.runner.uses)!.range }],
              });
            }
          }
        }
      },
    };
  },
});

interface UntrustedCheckout {
  ref: GhaString;
  runner: GhaStep;
}

/** Checkouts of the PR head (`ref:` or `repository:`) followed by a step that executes the checked-out tree. */
function untrustedCheckouts(job: GhaJob): UntrustedCheckout[] {
  const found: UntrustedCheckout[] = [];
  job.steps.forEach((step, i) => {
    if (!step.uses || actionName(step.uses.value) !== 'actions/checkout') return;
    const ref = [step.with.get('ref'), step.with.get('repository')].find((v) => v && UNTRUSTED_REF.test(v.value));
    if (!ref) return;
    const runner = job.steps.slice(i + 1).find(runsWorkspaceCode);
    if (runner) found.push({ ref, runner });
  });
  return found;
}

function describe(step: GhaStep): string {
  if (step.run) return `a run step: '${firstLine(step.run.value)}'`;
  return `the local action '${step.uses!.value}'`;
}

function firstLine(script: string): string {
  const line = script.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
