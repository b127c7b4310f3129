import assert from 'node:assert/strict';
import { join } from 'node:path';
import { builtinRules } from '../../src/rules';
import { docExamples, exampleFileName, readDoc } from '../lib/doc-examples';
import { startPackageEnvironment, type PackageEnvironment } from '../lib/registry-fixture';
import { lint, lintAsync, requiresServices } from '../lib/rule-tester';

const ROOT = join(__dirname, '..', '..');
const REQUIRED_SECTIONS = ['Why it matters', 'Incorrect', 'Correct', 'How to fix', 'References'];

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

      const examples = doc ? docExamples(doc) : [];
      it('has Incorrect and Correct examples', () => {
        assert.ok(examples.some((e) => e.section === 'Incorrect'), 'no Incorrect example');
        assert.ok(examples.some((e) => e.section === 'Correct'), 'no Correct example');
      });
      for (const ex of examples) {
        it(`${ex.section} example at line ${ex.line} ${ex.section === 'Incorrect' ? 'is reported' : 'is clean'}`, async () => {
          const file = exampleFileName(ex.lang, ex.file);
          const findings = requiresServices(rule) ? await lintAsync(rule, ex.code, file, {}, env?.services) : lint(rule, ex.code, file);
          if (ex.section === 'Incorrect') assert.ok(findings.length > 0, `no finding for:\n${ex.code}`);
          else assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
        });
      }
    });
  }
});
