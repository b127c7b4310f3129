import assert from 'node:assert/strict';
import { Analyzer, type NeighbourFile, type RuleSetting, type Service } from '../../src/engine/analyzer';
import { applyFixes } from '../../src/engine/apply-fixes';
import type { Rule } from '../../src/engine/rule';
import type { FileResult, Finding, Severity, TextEdit } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import type { PackageEnvironment } from './registry-fixture';

/** A snippet the rule must not report. */
export interface ValidCase {
  code: string;
  /** File name used for classification; defaults to `file.ts`. */
  filename?: string;
  options?: Record<string, unknown>;
  name?: string;
  /**
   * For rules that require services: `down` answers with both registries unreachable. File names are
   * resolved in the project fixture folder (see `createProjectFixture`).
   */
  network?: 'down';
  /** The files read with the snippet (a Helm chart's values, a kustomization's bases), relative to its folder. */
  neighbours?: NeighbourFile[];
}

/** One expected finding, with its exact range. */
export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /**
   * Expected output of each suggestion, in order. Omit only when the finding has none. `files`: the text
   * each edit of another file inserts, by its path (omitted when there is none).
   */
  suggestions?: Array<{ messageId: string; output: string; files?: Record<string, string> }>;
  /** Number of related locations (e.g. the untrusted source and the steps of its flow). */
  related?: number;
  /** The finding's severity when the rule reports it below its default (a parameter source is a warning). */
  severity?: Severity;
}

/** A snippet the rule must report exactly as listed. */
export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after applying every safe fix; required when a finding has a fix, omitted otherwise. */
  output?: string;
}

/** Lints a snippet with only `rule` enabled. */
export function lint(rule: Rule, code: string, filename = 'file.ts', options: Record<string, unknown> = {}, neighbours?: NeighbourFile[]): Finding[] {
  const { analyzer, settings } = setup(rule, options);
  const result = analyzer.analyze({ file: filename, text: code, settings, neighbours });
  return findingsOf(rule, result);
}

/**
 * Lints a snippet with only `rule` enabled through `Analyzer.analyzeAsync`, so that the questions the
 * rule asks (`meta.requires`) are answered by `services`.
 */
export async function lintAsync(
  rule: Rule,
  code: string,
  filename = 'file.ts',
  options: Record<string, unknown> = {},
  services: Readonly<Record<string, Service | undefined>> = {},
): Promise<Finding[]> {
  const { analyzer, settings } = setup(rule, options);
  const result = await analyzer.analyzeAsync({ file: filename, text: code, settings }, { services, timeoutMs: 15_000 });
  return findingsOf(rule, result);
}

/** Whether a rule asks services (a registry, the project) and must be linted with {@link lintAsync}. */
export function requiresServices(rule: Rule): boolean {
  // The module service is not started here: a snippet has no modules to call (cross-file cases use real folders).
  return (rule.meta.requires ?? []).some((s) => s !== 'modules');
}

function setup(rule: Rule, options: Record<string, unknown>): { analyzer: Analyzer; settings: Map<string, RuleSetting> } {
  // Every built-in rule is registered (so suppressions can name them) but only `rule` is enabled.
  const rules = [...builtinRules.filter((r) => r.id !== rule.id), rule];
  const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>([[rule.id, { severity: rule.meta.severity, options }]]);
  return { analyzer, settings };
}

function findingsOf(rule: Rule, result: FileResult): Finding[] {
  if (result.errors.length > 0) {
    throw new Error(`internal errors: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.findings.filter((f) => f.ruleId === rule.id);
}

/** Lints one case's code (or a fixed version of it). */
type CaseLinter = (code: string, c: ValidCase) => Promise<Finding[]>;

/**
 * Registers mocha hooks that start the fixture registry and project folder for a rule that requires
 * services, and returns the linter that answers through them. Synchronous rules lint with {@link lint}.
 */
function caseLinter(rule: Rule): CaseLinter {
  if (!requiresServices(rule)) return async (code, c) => lint(rule, code, c.filename, c.options, c.neighbours);
  let env: PackageEnvironment | undefined;
  before(async function () {
    this.timeout(20_000);
    // Loaded on demand so that tests of synchronous rules never start a server.
    const { startPackageEnvironment } = require('./registry-fixture') as typeof import('./registry-fixture');
    env = await startPackageEnvironment();
  });
  after(async () => env?.close());
  return (code, c) => {
    if (!env) throw new Error('the fixture registry did not start');
    return lintAsync(rule, code, c.filename, c.options, c.network === 'down' ? env.unreachable : env.services);
  };
}

/**
 * ESLint-style RuleTester on mocha: every valid case yields no finding; every invalid case yields
 * exactly the listed findings with exact ranges, its safe fixes produce `output`, each suggestion
 * produces its output, and re-linting any fixed text proves the fix removes a finding. A rule needs at
 * least as many valid cases as invalid ones.
 */
export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    const lintCase = caseLinter(rule);
    it('has at least as many valid as invalid cases', () => {
      assert.ok(cases.invalid.length > 0, 'no invalid cases');
      assert.ok(cases.valid.length >= cases.invalid.length, `${cases.valid.length} valid < ${cases.invalid.length} invalid`);
    });
    cases.valid.forEach((c, i) => {
      it(`valid #${i + 1}: ${c.name ?? firstLine(c.code)}`, async () => {
        const findings = await lintCase(c.code, c);
        assert.deepEqual(findings.map(summarize), [], 'expected no findings');
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}: ${c.name ?? firstLine(c.code)}`, () => checkInvalid(rule, lintCase, c));
    });
  });
}

async function checkInvalid(rule: Rule, lintCase: CaseLinter, c: InvalidCase): Promise<void> {
  assert.ok(c.errors.length > 0, 'an invalid case must list at least one finding');
  const findings = await lintCase(c.code, c);
  assert.deepEqual(
    findings.map((f) => ({ messageId: f.messageId, line: f.start.line, column: f.start.column, endLine: f.end.line, endColumn: f.end.column })),
    c.errors.map((e) => ({ messageId: e.messageId, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn })),
  );
  for (const f of findings) {
    assert.ok(!f.message.includes('{{'), `unfilled placeholder in "${f.message}"`);
  }
  for (const [i, f] of findings.entries()) {
    const expected = c.errors[i];
    if (expected.related !== undefined) assert.equal(f.related.length, expected.related, 'related locations');
    assert.equal(f.severity, expected.severity ?? rule.meta.severity, `severity of finding #${i + 1}`);
    assert.deepEqual(
      f.suggestions.map((s) => ({ messageId: s.messageId, output: applyFixes(c.code, [s]).text, ...otherFiles(s.edits) })),
      expected.suggestions ?? [],
      `suggestions of finding #${i + 1}`,
    );
    for (const s of [...(f.fix ? [f.fix] : []), ...f.suggestions]) {
      if (s.edits.every((e) => e.file !== undefined)) continue; // it changes another file (a .gitignore), not this text
      const fixed = applyFixes(c.code, [s]).text;
      const after = await lintCase(fixed, c);
      assert.ok(after.length < findings.length, `"${s.title}" does not remove the finding:\n${fixed}`);
    }
  }
  const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []));
  if (fixes.length === 0) {
    assert.equal(c.output, undefined, 'output given but no finding has a safe fix');
  } else {
    assert.equal(applyFixes(c.code, fixes).text, c.output, 'output after safe fixes');
  }
}

function summarize(f: Finding): string {
  return `${f.start.line}:${f.start.column} ${f.messageId}: ${f.message}`;
}

function firstLine(code: string): string {
  const line = code.trim().split('\n')[0];
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

/** The text each edit of another file inserts, by path; nothing when every edit is in the file itself. */
function otherFiles(edits: readonly TextEdit[]): { files?: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const e of edits) if (e.file !== undefined) files[e.file] = (files[e.file] ?? '') + e.text;
  return Object.keys(files).length > 0 ? { files } : {};
}
