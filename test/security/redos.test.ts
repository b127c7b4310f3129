/**
 * "Every regex is ReDoS-safe (checked in a test)": every regular expression written or compiled in
 * src/**\/*.ts is checked with recheck (https://makenowjust-labs.github.io/recheck/). A pattern recheck
 * reports as vulnerable, or cannot decide ("unknown", e.g. a timeout), fails unless it carries an
 * exemption that bounds its input; a pattern built at run time from parts the audit cannot fold to
 * constants fails unless exempted. An exemption is a comment on the line above the construct that holds
 * the regex:
 *
 *     // redos-exempt(max-input 4096): <what bounds the input to 4096 characters, and why the regex is then fast>
 *
 * For a vulnerable regex the bound is verified: recheck's attack string, cut to that many characters,
 * must match in under {@link ATTACK_BUDGET_MS} ms. An exemption that covers no regex, or only regexes
 * recheck now reports safe, fails too, so exemptions do not outlive their reason.
 *
 * `RAMPART_REDOS_LOG=1` prints the exempted regexes and the slowest checks.
 */
import assert from 'node:assert/strict';
import { ATTACK_BUDGET_MS, attackString, audit, timeMatch, type AuditReport } from './redos-audit';
import { readSources, REPO_ROOT, type SourceFile } from './regex-inventory';

const LOG = process.env.RAMPART_REDOS_LOG === '1';

describe('ReDoS: the regexes of src/', function () {
  // recheck needs 30-50 s for ~800 patterns on two cores; the budget leaves room for a slower CI machine.
  this.timeout(240_000);
  let report: AuditReport;
  let seconds = 0;

  before(async () => {
    const started = performance.now();
    report = await audit(readSources(REPO_ROOT, 'src'));
    seconds = (performance.now() - started) / 1000;
  });

  it('finds the regexes of every kind', () => {
    const instances = report.sites.reduce((n, s) => n + s.instances.length, 0);
    const kinds = new Set(report.sites.map((s) => s.kind));
    if (LOG) {
      console.log(`      ${report.sites.length} sites, ${instances} compiled patterns, ${report.verdicts.length} distinct, checked in ${seconds.toFixed(1)} s`);
      const slowest = [...report.verdicts].sort((a, b) => b.ms - a.ms).slice(0, 8);
      for (const v of slowest) console.log(`      ${Math.round(v.ms)} ms ${v.pass} ${v.diagnostics.status} /${v.source.slice(0, 70)}/${v.flags}`);
    }
    assert.ok(report.sites.length > 300, `${report.sites.length} sites`);
    assert.ok(kinds.has('literal') && kinds.has('constructor'), [...kinds].join());
  });

  it('every regex is linear, or exempt with a verified bound on its input', () => {
    if (LOG) for (const e of report.exempted) console.log(`      exempt: ${e}`);
    assert.deepEqual(report.violations, [], `\n${report.violations.join('\n')}\n`);
  });
});

/** A one-file source tree for the self-tests. */
const tree = (text: string): SourceFile[] => [{ path: 'src/sample.ts', text }];

describe('ReDoS audit: self-test', function () {
  this.timeout(60_000);

  it('reports /^(a+)+$/ as exponential, with its place', async () => {
    const { violations } = await audit(tree('export const NESTED = /^(a+)+$/;\n'));
    assert.equal(violations.length, 1);
    assert.match(violations[0], /^src\/sample\.ts:1:23 \/\^\(a\+\)\+\$\/ is vulnerable \(exponential/);
  });

  it('folds constants, String.raw, templates and joins, and checks the result', async () => {
    const { sites, violations } = await audit(
      tree(
        [
          "const SEP = String.raw`[\\\\/]`;",
          "const WORDS = ['a', 'b'].map((w) => `(?:${w})`).join('|');",
          'export const TRAILING = new RegExp(`${SEP}+$`);',
          'export const ANY = new RegExp(WORDS, "i");',
          "export const viaString = (s: string) => s.match('(x|x)*y');",
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      sites.filter((s) => s.kind !== 'literal').map((s) => [s.line, s.kind, s.instances.map((i) => `/${i.source}/${i.flags}`).join()]),
      [
        [3, 'constructor', '/[\\\\/]+$/'],
        [4, 'constructor', '/(?:a)|(?:b)/i'],
        [5, 'string-method', '/(x|x)*y/'],
      ],
    );
    assert.deepEqual(
      violations.map((v) => v.slice(0, v.indexOf(' is '))),
      ['src/sample.ts:3:25 /[\\\\/]+$/', 'src/sample.ts:5:41 /(x|x)*y/'],
    );
  });

  it('checks a pattern built from parameters once per call site', async () => {
    const { sites, violations } = await audit(
      tree(['function tail(body: string) {', '  return new RegExp(`(?:${body})+$`);', '}', "export const A = tail('a');", "export const B = tail('[0-9]');"].join('\n')),
    );
    assert.deepEqual(sites[0].instances.map((i) => [i.source, i.via]), [['(?:a)+$', 'call at line 4'], ['(?:[0-9])+$', 'call at line 5']]);
    assert.equal(violations.length, 2);
  });

  it('lists a regex built from a variable, and accepts escaped parts', async () => {
    const { violations } = await audit(
      tree(
        [
          "const escape = (text: string) => text.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');",
          'export function exact(name: string) {',
          '  return new RegExp(`^${escape(name)}$`);',
          '}',
          'export function anything(pattern: string) {',
          '  return new RegExp(pattern);',
          '}',
        ].join('\n'),
      ),
    );
    assert.equal(violations.length, 1);
    assert.match(violations[0], /^src\/sample\.ts:6:10 builds a regex the audit cannot fold to constants \(it depends on a parameter of 'anything', which is exported\)/);
  });

  it('treats a pattern recheck cannot decide as a failure', async () => {
    const { violations } = await audit(tree('export const SET = /[\\p{L}--[a-z]]+$/v;\n'));
    assert.equal(violations.length, 1);
    assert.match(violations[0], /is unknown to recheck \(invalid: unknown flag/);
  });

  it('accepts an exemption whose bound makes the attack fast, and rejects one whose bound does not', async () => {
    const { violations, exempted } = await audit(
      tree(
        [
          '// redos-exempt(max-input 256): a file name (at most 256 characters), so the quadratic tail costs little',
          'export const SLASHES = /[\\\\/]+$/;',
          '// redos-exempt(max-input 256): the same bound does not save an exponential pattern',
          'export const NESTED = /^(a+)+$/;',
        ].join('\n'),
      ),
    );
    assert.equal(exempted.length, 1);
    assert.match(exempted[0], /^src\/sample\.ts:2:24 vulnerable \(2nd degree polynomial.*at the bound \(256 characters\) the attack takes/);
    assert.equal(violations.length, 1);
    assert.match(violations[0], /^src\/sample\.ts:4:23 .* exemption's bound is too loose: an attack of 256 characters takes too long$/);
  });

  it('rejects exemptions without a bound, over nothing, or over regexes that are now safe', async () => {
    const { violations } = await audit(
      tree(
        [
          '// redos-exempt: trust me',
          'export const A = /^(a+)+$/;',
          '// redos-exempt(max-input 100): this regex was rewritten and is linear now, the comment stayed',
          'export const B = /^a+$/;',
          '// redos-exempt(max-input 100): nothing below this comment holds a regex any more',
          'export const C = 1;',
        ].join('\n'),
      ),
    );
    assert.equal(violations.length, 3, violations.join('\n'));
    assert.match(violations[0], /^src\/sample\.ts:1 malformed exemption "redos-exempt: trust me"/);
    assert.match(violations[1], /^src\/sample\.ts:3 exemption is no longer needed/);
    assert.match(violations[2], /^src\/sample\.ts:5 exemption covers no regex/);
  });

  it('cuts attack strings to the bound and times them in a worker it can kill', async () => {
    const attack = { pumps: [{ prefix: 'x', pump: 'ab', bias: 0 }], suffix: '!' };
    assert.equal(attackString(attack, 12), `x${'ab'.repeat(5)}!`);
    assert.ok(((await timeMatch('^a+$', '', 'aaa', 1_000)) ?? Infinity) < ATTACK_BUDGET_MS);
    assert.equal(await timeMatch('^(a+)+$', '', `${'a'.repeat(40)}!`, 200), undefined);
  });
});
