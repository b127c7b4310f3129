import { defineRule } from '../../engine/rule';
import { actionName, actionVersion, ghaFiles, setWithInput, versionBefore, type GhaStep, type GhaString } from './model';

/** Upload paths that take the whole workspace, and with it `.git/config`. */
const WORKSPACE_ROOT = new Set(['.', './', '..', '../', '*', '**', '**/*', './*', './**', './**/*']);
/** `${{ github.workspace }}`, optionally followed by `/`, `/*`, `/**`, `/**\/*`. */
const WORKSPACE_EXPRESSION = /^\$\{\{\s{0,20}github\.workspace\s{0,20}\}\}(?:\/(?:\*{1,2}(?:\/\*)?)?)?$/;
/** Exclusions that keep `.git` out of the artifact. */
const EXCLUDES_GIT = new Set(['!.git', '!.git/', '!.git/**', '!.git/*', '!**/.git', '!**/.git/', '!**/.git/**', '!./.git', '!./.git/**']);

export default defineRule({
  id: 'github-actions/no-persisted-checkout-credentials',
  languages: ['yaml'],
  meta: {
    description: 'actions/checkout must set persist-credentials: false in jobs that upload the workspace, .git included, as an artifact',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-522', 'CWE-538'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      persisted:
        "actions/checkout writes the job's GITHUB_TOKEN into .git/config unless 'persist-credentials: false' is set, and a later step uploads the workspace with its hidden files ({{why}}). Anyone who can download the run's artifacts (everyone, in a public repository) can take the token from it while the job still runs and act with the job's permissions (push, with contents: write). Set 'persist-credentials: false'.",
      disable: "Set 'persist-credentials: false' on the checkout",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const groups = file.kind === 'workflow' ? file.jobs.map((j) => j.steps) : [file.steps];
          for (const steps of groups) {
            // Walked backwards so that each checkout knows the first leaking upload after it (linear in the steps).
            const findings: Array<[GhaStep, LeakingUpload]> = [];
            let next: LeakingUpload | undefined;
            for (let i = steps.length - 1; i >= 0; i--) {
              if (next && persistsCredentials(steps[i])) findings.push([steps[i], next]);
              next = leakingUpload(context.text, steps[i]) ?? next;
            }
            for (const [step, upload] of findings.reverse()) {
              const edits = setWithInput(context.text, step, 'persist-credentials', 'false');
              context.report({
                range: step.uses!.range,
                messageId: 'persisted',
                data: { why: upload.why },
                related: [{ message: 'the workspace, .git/config included, is uploaded here', range: upload.path.range }],
                ...(edits ? { suggest: [{ messageId: 'disable', edits }] } : {}),
              });
            }
          }
        }
      },
    };
  },
});

/** An actions/checkout step that leaves the token in .git/config (the default; an expression is not judged). */
function persistsCredentials(step: GhaStep): boolean {
  if (!step.uses || actionName(step.uses.value) !== 'actions/checkout') return false;
  const persist = step.with.get('persist-credentials');
  if (!persist) return true;
  return persist.value.trim().toLowerCase() === 'true';
}

interface LeakingUpload {
  path: GhaString;
  why: string;
}

/**
 * An actions/upload-artifact step whose `path` takes the workspace root, does not exclude `.git`, and
 * includes hidden files: `include-hidden-files: true`, or a version before hidden files were excluded by
 * default (v3.2.0 and v4.4.0). A version the ref does not tell (a SHA without a version comment) is not reported.
 */
function leakingUpload(text: string, step: GhaStep): LeakingUpload | undefined {
  if (!step.uses || actionName(step.uses.value) !== 'actions/upload-artifact') return undefined;
  const path = step.with.get('path');
  if (!path) return undefined;
  const patterns = path.value.split('\n').map((p) => p.trim()).filter((p) => p !== '');
  if (!patterns.some((p) => WORKSPACE_ROOT.has(p) || WORKSPACE_EXPRESSION.test(p))) return undefined;
  if (patterns.some((p) => EXCLUDES_GIT.has(p))) return undefined;
  if (step.with.get('include-hidden-files')?.value.trim().toLowerCase() === 'true') return { path, why: "'include-hidden-files: true'" };
  const version = actionVersion(text, step.uses);
  if (!version) return undefined;
  const old = versionBefore(version, [3, 2, 0]) === true || (version.numbers[0] === 4 && versionBefore(version, [4, 4, 0]) === true);
  return old ? { path, why: `upload-artifact ${version.source === 'tag' ? '@' : '# '}v${version.numbers.join('.')} includes hidden files by default` } : undefined;
}
