import { defineRule } from '../../engine/rule';
import { actionName, ghaFiles, triggeredBy, type GhaJob, type GhaStep, type GhaString } from './model';

/** Events whose workflows run with a write token and secrets even when a fork triggered them. */
const PRIVILEGED_EVENTS = ['pull_request_target', 'workflow_run'];
/** Refs and repositories that name the pull request's (or the triggering run's) code. */
const UNTRUSTED_REF =
  /github\.event\.pull_request\.(?:head\.(?:sha|ref|repo\.full_name)|merge_commit_sha|number)|github\.head_ref|github\.event\.workflow_run\.(?:head_sha|head_branch|head_repository\.full_name)|github\.event\.number|refs\/pull\//;

/** Commands that run code from the working tree (package scripts, build files, tests, local scripts). */
const EXECUTES =
  /(?:^|[\s;&|(`])(?:npm|npx|yarn|pnpm|bun|node|deno|make|cmake|python3?|pip3?|poetry|pytest|tox|nox|go|cargo|mvn|gradle|dotnet|bundle|rake|ruby|php|composer|docker|sh|bash|source|tsc|jest|mocha|vitest|eslint|pre-commit|lerna|nx|turbo)(?=[\s;&|)]|$)|(?:^|[\s;&|(`])\.{1,2}\/[\w.-]/m;

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
    const runner = job.steps.slice(i + 1).find(runsCode);
    if (runner) found.push({ ref, runner });
  });
  return found;
}

/** A step that executes files of the workspace: a build, test or package tool, a local script, or a local action. */
function runsCode(step: GhaStep): boolean {
  if (step.run) return EXECUTES.test(step.run.value);
  return step.uses !== undefined && step.uses.value.trim().startsWith('./');
}

function describe(step: GhaStep): string {
  if (step.run) return `a run step: '${firstLine(step.run.value)}'`;
  return `the local action '${step.uses!.value}'`;
}

function firstLine(script: string): string {
  const line = script.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** `${{ x }}` written as `x`, so that messages never show template braces. */
function withoutBraces(text: string): string {
  return text.replace(/\$\{\{((?:[^$}]|\$(?!\{\{)|\}(?!\}))*)\}\}/g, (_, inner: string) => inner.trim());
}
