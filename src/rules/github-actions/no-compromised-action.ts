import { defineRule } from '../../engine/rule';
import { actionVersion, ghaFiles, refOf, versionBefore, type GhaString } from './model';

/** An action whose repository was taken over and made to run malicious code, as its advisory states it. */
interface CompromisedAction {
  /** `owner/repo`, lower case. */
  action: string;
  /** The malicious commits: a `uses:` pinned to one still runs the payload. */
  commits: readonly string[];
  /** Tags the advisory lists as affected: versions before this one (`[46]` = everything up to 45.x). */
  tagsBefore?: readonly number[];
  /** The first release the advisory names as fixed. */
  fixed?: string;
  advisory: string;
  /** What happened, in one sentence. */
  reason: string;
  reference: string;
}

/**
 * Known compromises. Only entries an advisory states precisely: the malicious commit, and version tags
 * only where the advisory names affected versions and a fixed release to move to.
 */
const COMPROMISED: readonly CompromisedAction[] = [
  {
    action: 'tj-actions/changed-files',
    commits: ['0e58ed8671d6b60d0890c21b07f8835ace038e67'],
    tagsBefore: [46],
    fixed: '46.0.1',
    advisory: 'CVE-2025-30066 (GHSA-mrrh-fwg8-r2c3)',
    reason: 'on 14 and 15 March 2025 its tags v1 to v45.0.7 pointed at a commit that printed the secrets of the runner to the workflow log',
    reference: 'https://github.com/advisories/GHSA-mrrh-fwg8-r2c3',
  },
  {
    action: 'reviewdog/action-setup',
    commits: ['f0d342d24037bb11d26b9bd8496e0808ba32e9ec'],
    advisory: 'CVE-2025-30154 (GHSA-qmg3-hpqr-gqvc)',
    reason: 'on 11 March 2025, 18:42 to 20:31 UTC, its v1 tag pointed at a commit that printed the secrets of the runner to the workflow log',
    reference: 'https://github.com/reviewdog/reviewdog/security/advisories/GHSA-qmg3-hpqr-gqvc',
  },
];

export default defineRule({
  id: 'github-actions/no-compromised-action',
  languages: ['yaml'],
  meta: {
    description: 'Actions must not be used at a commit or version that a supply-chain compromise made malicious',
    severity: 'error',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-506', 'CWE-829'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      maliciousCommit:
        "'{{action}}' is pinned to {{commit}}, the malicious commit of {{advisory}}: {{reason}}. Every run of this step leaks the job's secrets. Pin the SHA of a release published after the compromise and rotate the secrets this workflow can read ({{reference}}).",
      affectedVersion:
        "'{{action}}@{{ref}}' is in the versions {{advisory}} lists as affected: {{reason}}. The tags were restored since, but the advisory's fix is {{fixed}} or later; upgrade and pin its commit SHA, and if this workflow ran on those days, rotate the secrets it can read ({{reference}}).",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          const uses = [...file.jobs.map((j) => j.uses), ...file.steps.map((s) => s.uses)].filter((u): u is GhaString => u !== undefined);
          for (const use of uses) {
            const value = use.value.trim();
            const at = value.lastIndexOf('@');
            if (at <= 0) continue;
            const action = value.slice(0, at).split('/').slice(0, 2).join('/').toLowerCase();
            const entry = COMPROMISED.find((c) => c.action === action);
            if (!entry) continue;
            const ref = refOf(value)!;
            const data = { action: value.slice(0, at), advisory: entry.advisory, reason: entry.reason, reference: entry.reference };
            if (entry.commits.includes(ref.toLowerCase())) {
              context.report({ range: use.range, messageId: 'maliciousCommit', data: { ...data, commit: ref } });
              continue;
            }
            const version = actionVersion(context.text, use);
            if (!entry.tagsBefore || !entry.fixed || version?.source !== 'tag' || versionBefore(version, entry.tagsBefore) !== true) continue;
            context.report({ range: use.range, messageId: 'affectedVersion', data: { ...data, ref, fixed: entry.fixed }, severity: 'warning' });
          }
        }
      },
    };
  },
});
