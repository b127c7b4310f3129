import { defineRule, type RuleContext } from '../../engine/rule';
import { actionName, ghaFiles, runsWorkspaceCode, withoutBraces, triggeredBy, UNTRUSTED_REF, type GhaJob, type GhaStep, type GhaString, type GhaTrigger } from './model';

/** Events whose workflows run with a write token and secrets even when a fork triggered them. */
const PRIVILEGED_EVENTS = ['pull_request_target', 'workflow_run'];

/** Actions that execute code or configuration of the checked-out tree, each with what runs. */
const EXECUTING_ACTIONS: ReadonlyMap<string, string> = new Map([
  ['github/codeql-action/autobuild', "runs the project's build scripts"],
  ['bahmutov/npm-install', 'runs npm install, and with it the lifecycle scripts of package.json'],
  ['cypress-io/github-action', "installs the dependencies (lifecycle scripts included) and runs the project's build and start commands"],
  ['borales/actions-yarn', 'runs yarn commands, and with them the scripts of package.json'],
  ['pre-commit/action', 'runs the hooks of .pre-commit-config.yaml, local hooks included'],
  ['wearerequired/lint-action', "runs the linters installed in the project's node_modules with the project's configuration"],
  ['reviewdog/action-eslint', "runs ESLint with the project's configuration, which is JavaScript"],
  ['super-linter/super-linter', "runs linters with the project's configuration files, some of which are code (eslint.config.js)"],
  ['github/super-linter', "runs linters with the project's configuration files, some of which are code (eslint.config.js)"],
]);

export default defineRule({
  id: 'github-actions/no-dangerous-triggers',
  languages: ['yaml'],
  meta: {
    description: 'pull_request_target and workflow_run jobs must not run pull request code through actions or downloaded artifacts',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-829', 'CWE-94'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      executingAction:
        "This job runs on '{{event}}' with a write token and the repository's secrets, checks out the pull request's code into the workspace and then uses '{{action}}', which {{what}}. A fork controls that code and takes over the job. Check out the base branch, or run this in an unprivileged 'pull_request' workflow.",
      poisonedArtifact:
        "This job runs on 'workflow_run' with a write token and the repository's secrets and extracts an artifact of the triggering run into the workspace, then runs code from it ({{runner}}). A pull request from a fork controls what that run uploads and can overwrite package.json, scripts or build files. Download into a separate folder (path:) and treat the content as data.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const trigger = triggeredBy(file, PRIVILEGED_EVENTS);
          if (!trigger) continue;
          for (const job of file.jobs) {
            checkCheckouts(context, job, trigger);
            if (file.triggers.some((t) => t.name === 'workflow_run')) checkArtifacts(context, job);
          }
        }
      },
    };
  },
});

/**
 * Checkouts of the pull request's code into the workspace root followed by an action that executes it.
 * When a run step or local action executes it, github-actions/no-untrusted-checkout reports the checkout.
 */
function checkCheckouts(context: RuleContext, job: GhaJob, trigger: GhaTrigger): void {
  const { runs, executes } = laterSteps(job);
  job.steps.forEach((step, i) => {
    if (!step.uses || actionName(step.uses.value) !== 'actions/checkout' || step.with.has('path')) return;
    const ref = [step.with.get('ref'), step.with.get('repository')].find((v) => v && UNTRUSTED_REF.test(v.value));
    const executing = executes[i + 1];
    if (!ref || runs[i + 1] || !executing) return;
    const [action, what] = executingAction(executing)!;
    context.report({
      range: ref.range,
      messageId: 'executingAction',
      data: { event: trigger.name, action, what },
      related: [
        { message: 'the privileged trigger', range: trigger.range },
        { message: 'the checked-out code runs here', range: executing.uses!.range },
      ],
    });
  });
}

/**
 * For each index of the job's steps: whether a step from there on runs workspace code (run step or local
 * action), and the first step from there on that is an executing action. Computed once, backwards.
 */
function laterSteps(job: GhaJob): { runs: boolean[]; executes: Array<GhaStep | undefined> } {
  const runs: boolean[] = new Array<boolean>(job.steps.length + 1).fill(false);
  const executes: Array<GhaStep | undefined> = new Array<GhaStep | undefined>(job.steps.length + 1).fill(undefined);
  for (let i = job.steps.length - 1; i >= 0; i--) {
    const step = job.steps[i];
    runs[i] = runs[i + 1] || runsWorkspaceCode(step);
    executes[i] = executingAction(step) ? step : executes[i + 1];
  }
  return { runs, executes };
}

function executingAction(step: GhaStep): [string, string] | undefined {
  if (!step.uses) return undefined;
  const name = actionName(step.uses.value);
  const what = EXECUTING_ACTIONS.get(name);
  if (what) return [name, what];
  if (name === 'ruby/setup-ruby' && step.with.get('bundler-cache')?.value.trim().toLowerCase() === 'true') {
    return [name, "runs bundle install with 'bundler-cache: true', which evaluates the Gemfile (Ruby code)"];
  }
  return undefined;
}

/** Artifacts of the triggering run extracted into the workspace root, then code from the workspace runs. */
function checkArtifacts(context: RuleContext, job: GhaJob): void {
  let runner: GhaStep | undefined;
  const findings: Array<[GhaString, GhaStep]> = [];
  for (let i = job.steps.length - 1; i >= 0; i--) {
    const download = triggeringRunDownload(job.steps[i]);
    if (download && runner) findings.push([download, runner]);
    if (runsWorkspaceCode(job.steps[i]) || executingAction(job.steps[i])) runner = job.steps[i];
  }
  for (const [download, runner] of findings.reverse()) {
    context.report({
      range: download.range,
      messageId: 'poisonedArtifact',
      data: { runner: describe(runner) },
      related: [{ message: 'code from the workspace runs here', range: (runner.run ?? runner.uses)!.range }],
    });
  }
}

/**
 * The `uses:` of a step that downloads an artifact of `github.event.workflow_run` into the workspace
 * root (no `path:`, or `.` / `${{ github.workspace }}`).
 */
function triggeringRunDownload(step: GhaStep): GhaString | undefined {
  if (!step.uses) return undefined;
  const name = actionName(step.uses.value);
  const runId = name === 'actions/download-artifact' ? step.with.get('run-id') : name === 'dawidd6/action-download-artifact' ? step.with.get('run_id') : undefined;
  if (!runId || !/github\.event\.workflow_run\.id\b/.test(runId.value)) return undefined;
  const path = step.with.get('path')?.value.trim();
  const root = path === undefined || path === '.' || path === './' || /^\$\{\{\s{0,20}github\.workspace\s{0,20}\}\}\/?$/.test(path);
  return root ? step.uses : undefined;
}

function describe(step: GhaStep): string {
  if (step.uses) return `'${withoutBraces(step.uses.value.trim())}'`;
  const line = withoutBraces(step.run!.value.trim().split('\n')[0]);
  return `'${line.length > 60 ? `${line.slice(0, 57)}...` : line}'`;
}
