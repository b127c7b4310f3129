import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { entriesOf, ghaFiles, stringOf, type GhaEntry, type GhaString } from './model';

/** Write scopes that let a job change code, releases, packages, deployments or cloud identity, with what they allow. */
const HIGH_IMPACT: ReadonlyMap<string, string> = new Map([
  ['contents', 'push commits and tags and rewrite releases'],
  ['packages', 'publish and overwrite packages and images'],
  ['id-token', 'request OIDC tokens that cloud roles and package registries trust'],
  ['actions', 'cancel, re-run and change workflow runs and their caches'],
  ['deployments', 'create deployments'],
  ['pages', 'publish the Pages site'],
  ['attestations', 'sign build provenance attestations'],
  ['security-events', 'dismiss code scanning alerts'],
]);

/** Scopes a fork-triggered pull_request_target workflow almost never needs, and an attacker most wants. */
const FORK_EVENT_SCOPES = new Set(['id-token', 'packages']);

export default defineRule({
  id: 'github-actions/no-excessive-job-permissions',
  languages: ['yaml'],
  meta: {
    description: 'Write scopes like contents or id-token belong on the jobs that need them, not on a whole workflow or pull_request_target',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-732'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      workflowWrite:
        "'{{scope}}: write' is set for the whole workflow, so the {{count}} jobs without their own permissions ({{jobs}}) all get a token that can {{what}}. Jobs that only build or test then hold it too, and one compromised action or injected command in any of them can use it. Set '{{scope}}: {{lower}}' at the top and grant write on the job that needs it.",
      forkEventWrite:
        "This workflow runs only on 'pull_request_target', for pull requests from forks too, and grants '{{scope}}: write', a token that can {{what}}. Such workflows should label and comment; a mistake in any step (an injected title, an untrusted checkout) then hands that power to whoever opened the pull request. Publish and deploy from push, release or workflow_dispatch workflows instead.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          if (file.kind !== 'workflow') continue;
          const forkOnly = file.triggers.length > 0 && file.triggers.every((t) => t.name === 'pull_request_target');
          const inheriting = file.jobs.filter((j) => !j.permissions && j.entries.size > 0);
          const reusableOnly = file.triggers.length > 0 && file.triggers.every((t) => t.name === 'workflow_call');
          for (const [scope, value] of writeScopes(file.permissions)) {
            if (forkOnly && FORK_EVENT_SCOPES.has(scope)) {
              context.report({ range: value.range, messageId: 'forkEventWrite', data: { scope, what: HIGH_IMPACT.get(scope)! } });
            } else if (inheriting.length >= 2 && !reusableOnly) {
              const jobs = inheriting.map((j) => j.id);
              context.report({
                range: value.range,
                messageId: 'workflowWrite',
                data: { scope, count: jobs.length, jobs: jobs.length > 4 ? `${jobs.slice(0, 4).join(', ')}, …` : jobs.join(', '), what: HIGH_IMPACT.get(scope)!, lower: scope === 'id-token' ? 'none' : 'read' },
              });
            }
          }
          if (!forkOnly) continue;
          for (const job of file.jobs) {
            for (const [scope, value] of writeScopes(job.permissions)) {
              if (FORK_EVENT_SCOPES.has(scope)) context.report({ range: value.range, messageId: 'forkEventWrite', data: { scope, what: HIGH_IMPACT.get(scope)! } });
            }
          }
        }
      },
    };
  },
});

/** The high-impact scopes a `permissions:` mapping sets to write (`write-all` is no-write-all-permissions' finding). */
function writeScopes(entry: GhaEntry | undefined): Array<[string, GhaString]> {
  if (!entry || !isMap(entry.value)) return [];
  const found: Array<[string, GhaString]> = [];
  for (const e of entriesOf(entry.value).values()) {
    const value = stringOf(e.value);
    if (value && value.value.trim() === 'write' && HIGH_IMPACT.has(e.key)) found.push([e.key, value]);
  }
  return found;
}
