import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fingerprintFindings } from '../../src/baseline';
import { LineIndex } from '../../src/engine/line-index';
import type { FileResult, Finding } from '../../src/engine/types';
import { buildSarifLog, formatSarif } from '../../src/report';
import { allResults, analyzedResult, chatResult, CHAT_SOURCE, CWD, RULES } from './fixtures';
import { githubUploadProblems, LIMITS } from './github-sarif';
import { makeTree, removeTree, runCli } from '../cli/helpers';

const OPTS = { cwd: CWD, rules: RULES, toolVersion: '0.1.0' };

/** A log as plain JSON, to break one property at a time wherever it is. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data reached into at arbitrary depth
type AnyLog = Record<string, any>;

/** A valid log to break one property at a time. */
function validLog(): AnyLog {
  return JSON.parse(formatSarif([fingerprintFindings(chatResult(), CHAT_SOURCE)], OPTS));
}

describe('SARIF meets GitHub code scanning upload requirements', () => {
  describe('the checker', () => {
    it('accepts the log Rampart writes for every kind of finding', () => {
      assert.deepEqual(githubUploadProblems(validLog()), []);
    });

    it('rejects each documented violation', () => {
      const cases: Array<[string, (log: AnyLog) => void, RegExp]> = [
        ['no $schema', (l) => delete l.$schema, /^\$schema: required$/],
        ['another version', (l) => (l.version = '2.0.0'), /^version: must be 2\.1\.0$/],
        ['too many runs', (l) => (l.runs = Array.from({ length: 21 }, () => l.runs[0])), /^runs: more than 20$/],
        ['no tool name', (l) => (l.runs[0].tool.driver.name = ''), /tool\.driver\.name: required$/],
        ['a rule without a short description', (l) => delete l.runs[0].tool.driver.rules[0].shortDescription, /rules\[0\]\.shortDescription\.text: required$/],
        ['a long full description', (l) => (l.runs[0].tool.driver.rules[0].fullDescription.text = 'x'.repeat(1025)), /fullDescription\.text: longer than 1024/],
        ['a rule without help text', (l) => (l.runs[0].tool.driver.rules[0].help = { markdown: 'x' }), /help\.text: required$/],
        ['a rule name over 255 characters', (l) => (l.runs[0].tool.driver.rules[0].name = 'N'.repeat(256)), /\.name: at most 255/],
        ['a default level "info"', (l) => (l.runs[0].tool.driver.rules[0].defaultConfiguration.level = 'info'), /defaultConfiguration\.level/],
        ['a precision "certain"', (l) => (l.runs[0].tool.driver.rules[0].properties.precision = 'certain'), /properties\.precision/],
        ['a security severity of 11', (l) => (l.runs[0].tool.driver.rules[0].properties['security-severity'] = '11.0'), /security-severity: must be/],
        ['a numeric security severity', (l) => (l.runs[0].tool.driver.rules[0].properties['security-severity'] = 8), /security-severity: must be/],
        ['a security severity without the security tag', (l) => (l.runs[0].tool.driver.rules[0].properties.tags = ['transport']), /needs the "security" tag/],
        ['21 tags', (l) => (l.runs[0].tool.driver.rules[0].properties.tags = Array.from({ length: 21 }, (_, i) => (i === 0 ? 'security' : `t${i}`))), /tags: more than 20/],
        ['an empty category', (l) => (l.runs[0].automationDetails = { id: '' }), /automationDetails\.id/],
        ['a base id that is not a folder URI', (l) => (l.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'file:///srv/app'), /originalUriBaseIds\.%SRCROOT%/],
        ['a result without ruleId', (l) => delete l.runs[0].results[0].ruleId, /results\[0\]\.ruleId: required/],
        ['a ruleId of no rule', (l) => (l.runs[0].results[0].ruleId = 'js/unknown'), /is not a rule of the run/],
        ['an empty message', (l) => (l.runs[0].results[0].message.text = ' '), /message\.text: required/],
        ['no location', (l) => (l.runs[0].results[0].locations = []), /at least one location/],
        ['eleven locations', (l) => (l.runs[0].results[0].locations = Array.from({ length: 11 }, () => l.runs[0].results[0].locations[0])), /locations: more than 10/],
        ['a logical location only', (l) => (l.runs[0].results[0].locations = [{ logicalLocations: [{ name: 'x' }] }]), /physicalLocation: required/],
        ['a URI climbing out with ../', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = '../other/src/a.ts'), /climbs out of the repository root/],
        ['an absolute path without a scheme', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation = { uri: '/srv/app/a.ts' }), /absolute path without a scheme/],
        ['a relative URI without its base', (l) => delete l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, /needs a base id/],
        ['a region without columns', (l) => delete l.runs[0].results[0].locations[0].physicalLocation.region.startColumn, /region\.startColumn: required/],
        ['a region ending before it starts', (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.endLine = 0), /region\.endLine: required/],
        ['no fingerprints', (l) => delete l.runs[0].results[0].partialFingerprints, /partialFingerprints: required/],
        ['a primaryLocationLineHash of our own', (l) => (l.runs[0].results[0].partialFingerprints.primaryLocationLineHash = 'x:1'), /primaryLocationLineHash: reserved/],
        ['too many results', (l) => (l.runs[0].results = Array.from({ length: LIMITS.resultsPerRun + 1 }, () => l.runs[0].results[0])), /results: more than 25000/],
      ];
      for (const [name, breakIt, expected] of cases) {
        const log = validLog();
        breakIt(log);
        const problems = githubUploadProblems(log);
        assert.ok(problems.some((p) => expected.test(p)), `${name}: ${problems.join('; ') || 'accepted'}`);
      }
    });
  });

  describe('what Rampart writes', () => {
    it('passes for findings of every kind, suppressed, baselined, internal errors and skipped files', () => {
      const results = allResults().map((r, i) => (i === 0 ? fingerprintFindings(r, CHAT_SOURCE) : r));
      results[0].findings[1].suppressed = { kind: 'baseline', reason: 'baseline' };
      assert.deepEqual(githubUploadProblems(buildSarifLog(results, { ...OPTS, baseline: true, category: 'rampart/web' })), []);
    });

    it('passes for files outside the repository root (absolute file URIs, no "../")', () => {
      const outside = analyzedResult(path.resolve('/opt/vendor/lib.ts'));
      assert.deepEqual(githubUploadProblems(buildSarifLog([outside], { ...OPTS, root: path.join(CWD, 'sub') })), []);
    });

    it('stays within the result limit: the most important 25,000 results, and a notification for the rest', () => {
      const text = 'const a = eval(x);\n';
      const lines = new LineIndex(text);
      const finding = (severity: Finding['severity'], suppressed?: Finding['suppressed']): Finding => ({
        ruleId: 'js/no-disabled-tls',
        messageId: 'm',
        message: 'M.',
        severity,
        file: 'a.js',
        range: [10, 17],
        start: lines.positionAt(10),
        end: lines.positionAt(17),
        suggestions: [],
        related: [],
        ...(suppressed ? { suppressed } : {}),
      });
      const result: FileResult = {
        file: 'a.js',
        language: 'js',
        errors: [],
        findings: [
          ...Array.from({ length: 10 }, () => finding('error', { kind: 'inline', reason: 'r' })),
          ...Array.from({ length: LIMITS.resultsPerRun - 5 }, () => finding('info')),
          ...Array.from({ length: 10 }, () => finding('error')),
        ],
      };
      const log = buildSarifLog([result], OPTS);
      const run = log.runs[0];
      assert.equal(run.results.length, LIMITS.resultsPerRun);
      assert.equal(run.results.filter((r) => r.level === 'error' && r.suppressions.length === 0).length, 10, 'every unsuppressed error is kept');
      assert.equal(run.results.filter((r) => r.suppressions.length > 0).length, 0, 'suppressed results go first');
      assert.equal(run.results.filter((r) => r.level === 'note').length, LIMITS.resultsPerRun - 10);
      assert.deepEqual(run.invocations[0].toolExecutionNotifications.at(-1)!.message.text, '15 of 25015 results were left out (suppressed ones and lower levels first): GitHub code scanning accepts at most 25000 per run.');
      assert.deepEqual(githubUploadProblems(log), []);
    });

    it('passes for a real scan of the example workspace, run from a subfolder of its repository', async () => {
      const dir = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'tools/.keep': '' });
      try {
        const example = path.join(__dirname, '../../examples/express-llm-app');
        fs.cpSync(example, path.join(dir, 'apps/chat'), { recursive: true });
        const { code, stdout } = await runCli(['scan', '--format', 'sarif', '../apps/chat'], { cwd: path.join(dir, 'tools') });
        assert.equal(code, 1);
        const log = JSON.parse(stdout);
        assert.ok(log.runs[0].results.length >= 10, `${log.runs[0].results.length} results`);
        assert.deepEqual(githubUploadProblems(log), []);
        const uris = log.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
        for (const uri of uris) assert.match(uri, /^apps\/chat\//);
        assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
      } finally {
        removeTree(dir);
      }
    });
  });
});
