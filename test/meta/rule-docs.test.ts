import assert from 'node:assert/strict';
import { join } from 'node:path';
import { expiredSuppressionFindings, parseConfig } from '../../src/config';
import type { Finding } from '../../src/engine/types';
import { builtinRules } from '../../src/rules';
import { docExamples, exampleFileName, readDoc } from '../lib/doc-examples';
import { startPackageEnvironment, type PackageEnvironment } from '../lib/registry-fixture';
import { lint, lintAsync, requiresServices } from '../lib/rule-tester';

const ROOT = join(__dirname, '..', '..');
const REQUIRED_SECTIONS = ['Why it matters', 'Incorrect', 'Correct', 'How to fix', 'References'];
/** Where a rule with a fix or suggestions says in which cases the editor offers one and in which it does not. */
const FIX_SECTION = 'When a fix is offered';

/** The cell of the metadata table (the first table of a doc page) in the given column. */
function metadataCell(doc: string, column: string): string | undefined {
  const lines = doc.split('\n');
  const header = lines.findIndex((l) => l.startsWith('| Severity |'));
  if (header < 0) return undefined;
  const cells = (line: string | undefined) => (line ?? '').split('|').slice(1, -1).map((c) => c.trim());
  return cells(lines[header + 2])[cells(lines[header]).indexOf(column)];
}

/** The text of a `## title` section, up to the next one. */
function section(doc: string, title: string): string | undefined {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) return undefined;
  const body = doc.slice(start + title.length + 5);
  const end = body.indexOf('\n## ');
  return end < 0 ? body : body.slice(0, end);
}

/** Findings of the rules that read the configuration itself, for a `.rampart.jsonc` example. */
function configFindings(text: string): Finding[] {
  const parsed = parseConfig(text, join(ROOT, '.rampart.jsonc'), builtinRules);
  assert.ok(parsed.ok, `the example is not a valid configuration: ${JSON.stringify(!parsed.ok && parsed.problems)}`);
  return expiredSuppressionFindings(parsed.config, builtinRules, new Date());
}

describe('rule docs', () => {
  // Examples of rules that ask services (packages/*) run against the fixture registry and project folder.
  let env: PackageEnvironment | undefined;
  before(async function () {
    if (!builtinRules.some(requiresServices)) return;
    this.timeout(20_000);
    env = await startPackageEnvironment();
  });
  after(() => env?.close());

  for (const rule of builtinRules) {
    describe(rule.id, () => {
      const doc = readDoc(ROOT, rule.id);

      it('has a doc page with the required sections and the metadata', () => {
        assert.ok(doc, `docs/rules/${rule.id}.md is missing`);
        assert.equal(doc.split('\n')[0], `# ${rule.id}`);
        for (const s of REQUIRED_SECTIONS) assert.match(doc, new RegExp(`^## ${s}$`, 'm'), `section "${s}"`);
        assert.ok(doc.includes(rule.meta.description), 'quotes meta.description');
        for (const cwe of rule.meta.cwe) assert.ok(doc.includes(cwe), `mentions ${cwe}`);
        assert.match(doc, new RegExp(`\\| ${rule.meta.severity} \\| ${rule.meta.category} \\|`), 'metadata table');
      });

      it('says honestly when a fix is offered', () => {
        assert.ok(doc);
        assert.equal(metadataCell(doc, 'Fix'), rule.meta.fix, 'the Fix column of the metadata table');
        const fixes = section(doc, FIX_SECTION);
        if (rule.meta.fix === 'none') {
          assert.equal(fixes, undefined, `a rule without fixes has no "${FIX_SECTION}" section`);
          // Saying "There is no automatic fix" is fine; promising a suggestion or a quick fix is not.
          assert.doesNotMatch(doc, /\bsuggestions?\b|quick[- ]fix|\bsafe fix\b|--fix\b/i, 'claims a fix the rule does not offer');
          return;
        }
        assert.ok(fixes !== undefined && fixes.trim() !== '', `a rule with fix: '${rule.meta.fix}' has a "${FIX_SECTION}" section`);
        assert.ok(doc.indexOf(`## ${FIX_SECTION}`) > doc.indexOf('## How to fix'), `"${FIX_SECTION}" follows "How to fix"`);
        if (rule.meta.fix === 'safe') {
          assert.match(fixes, /\*\*Safe fix\*\*/, 'names the cases of the safe fix');
        } else {
          assert.match(fixes, /\*\*Suggestions?\*\*/, 'names the cases of the suggestion');
          assert.doesNotMatch(fixes, /\*\*Safe fix\*\*/, 'a suggestion-only rule applies no safe fix');
        }
      });

      const examples = doc ? docExamples(doc) : [];
      it('has Incorrect and Correct examples', () => {
        assert.ok(examples.some((e) => e.section === 'Incorrect'), 'no Incorrect example');
        assert.ok(examples.some((e) => e.section === 'Correct'), 'no Correct example');
      });
      for (const ex of examples) {
        it(`${ex.section} example at line ${ex.line} ${ex.section === 'Incorrect' ? 'is reported' : 'is clean'}`, async () => {
          const file = exampleFileName(ex.lang, ex.file);
          const findings = rule.meta.reportedFromConfiguration
            ? configFindings(ex.code)
            : requiresServices(rule)
              ? await lintAsync(rule, ex.code, file, {}, env?.services)
              : lint(rule, ex.code, file);
          if (ex.section === 'Incorrect') assert.ok(findings.length > 0, `no finding for:\n${ex.code}`);
          else assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
        });
      }
    });
  }
});
