import assert from 'node:assert/strict';
import {
  applyBaseline,
  baselineEntries,
  codeFingerprint,
  createBaseline,
  parseBaseline,
  serializeBaseline,
  type Baseline,
  type BaselineEntry,
} from '../../src/baseline';
import type { Rule } from '../../src/engine/rule';
import type { Finding } from '../../src/engine/types';
import { builtinRules } from '../../src/rules';
import { findingAt } from '../report/fixtures';

const SHELL = 'python/no-shell-injection';
const TLS = 'python/no-disabled-tls';
const RULES: ReadonlyMap<string, Rule> = new Map(builtinRules.map((r) => [r.id, r]));

const entry = (path: string, rule: string, line: string, count = 1, excerpt = line.trim()): BaselineEntry => ({
  path,
  rule,
  fingerprint: codeFingerprint(rule, line),
  count,
  excerpt,
});

/** A finding of `rule` on `line` (its fingerprint set, as the CLI and editor set it). */
function finding(rule: string, line: string, extra: Partial<Finding> = {}): Finding {
  const f = findingAt(line, 'x', { ruleId: rule, messageId: 'm', message: 'M.', severity: 'error', needle: line.trim().slice(0, 4) });
  return { ...f, fingerprint: codeFingerprint(rule, line), ...extra };
}

const PING = '    subprocess.call("ping -c 1 " + host, shell=True)';
const VERIFY = '    resp = requests.get(url, verify=False)';

describe('baseline/baseline', () => {
  describe('createBaseline and serializeBaseline', () => {
    it('merges entries of the same path, rule and fingerprint and sorts by path, rule, fingerprint', () => {
      const b = createBaseline(
        [entry('src/z.py', TLS, VERIFY), entry('src/a.py', TLS, VERIFY), entry('src/a.py', SHELL, PING), entry('src/a.py', TLS, VERIFY, 1, 'second')],
        '0.1.0',
      );
      assert.deepEqual(
        b.entries.map((e) => [e.path, e.rule, e.count, e.excerpt]),
        [
          ['src/a.py', TLS, 2, VERIFY.trim()],
          ['src/a.py', SHELL, 1, PING.trim()],
          ['src/z.py', TLS, 1, VERIFY.trim()],
        ],
      );
    });

    it('writes a deterministic file: fixed key order, one entry per line, a newline at the end', () => {
      const b = createBaseline([entry('src/app.py', SHELL, PING)], '0.1.0');
      const fp = codeFingerprint(SHELL, PING);
      assert.equal(
        serializeBaseline(b),
        [
          '{',
          '  "version": 1,',
          '  "tool": { "name": "rampart", "version": "0.1.0" },',
          `  "about": "Findings accepted when this baseline was written; 'rampart scan --baseline <this file>' reports only findings not listed. Regenerate with 'rampart scan --write-baseline <this file>'.",`,
          '  "entries": [',
          `    { "path": "src/app.py", "rule": "python/no-shell-injection", "fingerprint": "${fp}", "count": 1, "excerpt": "subprocess.call(\\"ping -c 1 \\" + host, shell=True)" }`,
          '  ]',
          '}',
          '',
        ].join('\n'),
      );
      // Shuffled input, same bytes.
      const shuffled = [entry('b.py', TLS, VERIFY), entry('a.py', SHELL, PING), entry('a.py', TLS, VERIFY)];
      assert.equal(serializeBaseline(createBaseline(shuffled, '0.1.0')), serializeBaseline(createBaseline([...shuffled].reverse(), '0.1.0')));
    });

    it('writes an empty baseline as "entries": [] and escapes bidi controls in excerpts', () => {
      assert.match(serializeBaseline(createBaseline([], '0.1.0')), /"entries": \[\]\n\}\n$/);
      const text = serializeBaseline(createBaseline([entry('a.js', SHELL, 'x', 1, 'if (admin\u202e) {')], '0.1.0'));
      assert.ok(!text.includes('\u202e'));
      assert.ok(text.includes('\\u202e'));
    });

    it('reads back what it writes', () => {
      const b = createBaseline([entry('src/app.py', SHELL, PING, 3), entry('lib/ü ö.py', TLS, VERIFY)], '0.1.0');
      const parsed = parseBaseline(serializeBaseline(b));
      assert.deepEqual(parsed, { ok: true, baseline: b });
    });
  });

  describe('parseBaseline', () => {
    const wrap = (entries: unknown[]) => JSON.stringify({ version: 1, tool: { name: 'rampart', version: '0.1.0' }, entries });
    const good = entry('src/app.py', SHELL, PING);

    it('says what is wrong with a file that is not a baseline', () => {
      const cases: Array<[string, RegExp]> = [
        ['{ "version": 1, "entries": [', /^not valid JSON \(/],
        ['[]', /^not a baseline: expected a JSON object/],
        ['{ "entries": [] }', /^"version" must be 1$/],
        ['{ "version": 2, "entries": [] }', /^version 2 was written by a newer Rampart; this one reads version 1$/],
        ['{ "version": 1 }', /^"entries" must be an array$/],
        ['{ "version": 1, "entries": {} }', /^"entries" must be an array$/],
      ];
      for (const [text, message] of cases) {
        const parsed = parseBaseline(text);
        assert.equal(parsed.ok, false, text);
        assert.match((parsed as { message: string }).message, message, text);
      }
    });

    it('names the first wrong entry and what is wrong with it', () => {
      const cases: Array<[unknown, RegExp]> = [
        ['src/app.py', /^entry 2: must be an object/],
        [{ ...good, path: '../outside.py' }, /^entry 2: "path" must be a file relative to the repository root/],
        [{ ...good, path: '/etc/passwd' }, /^entry 2: "path" must be/],
        [{ ...good, path: 'src\\app.py' }, /^entry 2: "path" must be/],
        [{ ...good, path: 'C:/x.py' }, /^entry 2: "path" must be/],
        [{ ...good, path: 'src//app.py' }, /^entry 2: "path" must be/],
        [{ ...good, path: 42 }, /^entry 2: "path" must be/],
        [{ ...good, rule: '' }, /^entry 2: "rule" must be a rule id$/],
        [{ ...good, fingerprint: 'ABCDEF0123456789' }, /^entry 2: "fingerprint" must be 16 lowercase hex digits$/],
        [{ ...good, fingerprint: good.fingerprint.slice(1) }, /^entry 2: "fingerprint" must be/],
        [{ ...good, count: 0 }, /^entry 2: "count" must be a whole number from 1 to 1000000$/],
        [{ ...good, count: 1.5 }, /^entry 2: "count" must be/],
        [{ ...good, count: '1' }, /^entry 2: "count" must be/],
        [{ ...good, count: 1e9 }, /^entry 2: "count" must be/],
        [{ ...good, excerpt: 7 }, /^entry 2: "excerpt" must be a string$/],
      ];
      for (const [bad, message] of cases) {
        const parsed = parseBaseline(wrap([good, bad]));
        assert.equal(parsed.ok, false, JSON.stringify(bad));
        assert.match((parsed as { message: string }).message, message, JSON.stringify(bad));
      }
    });

    it('accepts a byte-order mark, ignores unknown keys, merges repeated entries, and tolerates a missing excerpt', () => {
      const { excerpt: _excerpt, ...bare } = good;
      const parsed = parseBaseline(`\uFEFF${JSON.stringify({ version: 1, generated: 'x', entries: [{ ...good, owner: 'team-a' }, { ...bare, count: 2 }] })}`);
      assert.equal(parsed.ok, true);
      const { baseline } = parsed as { baseline: Baseline };
      assert.deepEqual(baseline.entries, [{ ...good, count: 3 }]);
      assert.equal(baseline.toolVersion, '');
    });

    it('refuses more entries than it reads', () => {
      const many = Array.from({ length: 200_001 }, () => good);
      const parsed = parseBaseline(wrap(many));
      assert.deepEqual(parsed, { ok: false, message: 'more than 200000 entries' });
    });
  });

  describe('applyBaseline', () => {
    const never = { exists: () => false };
    const always = { exists: () => true };
    const baselineOf = (...entries: BaselineEntry[]) => createBaseline(entries, '0.1.0');
    const baselined = (findings: Finding[]) => findings.map((f) => f.suppressed?.kind === 'baseline');

    it('marks findings the baseline lists, by path, rule and fingerprint, with reason "baseline"', () => {
      const findings = [finding(SHELL, PING), finding(TLS, VERIFY)];
      const match = applyBaseline(baselineOf(entry('src/app.py', SHELL, PING)), [{ path: 'src/app.py', findings }], always);
      assert.deepEqual(match, { baselined: 1, moved: 0 });
      assert.deepEqual(findings[0].suppressed, { kind: 'baseline', reason: 'baseline' });
      assert.equal(findings[1].suppressed, undefined);
    });

    it('accepts as many identical findings as the entry counts, the first ones in file order; more are new', () => {
      const findings = [finding(TLS, VERIFY), finding(TLS, VERIFY), finding(TLS, VERIFY)];
      applyBaseline(baselineOf(entry('src/app.py', TLS, VERIFY, 2)), [{ path: 'src/app.py', findings }], always);
      assert.deepEqual(baselined(findings), [true, true, false]);
    });

    it('does not accept the same code in another file that still exists, nor another rule on the same line', () => {
      const other = [finding(TLS, VERIFY)];
      const sameLine = [finding('python/no-ssrf', VERIFY)];
      const match = applyBaseline(baselineOf(entry('src/app.py', TLS, VERIFY)), [{ path: 'src/other.py', findings: other }, { path: 'src/app.py', findings: sameLine }], always);
      assert.deepEqual(match, { baselined: 0, moved: 0 });
      assert.deepEqual([...baselined(other), ...baselined(sameLine)], [false, false]);
    });

    it('matches a moved file by rule and fingerprint when the old path is gone, up to the old counts', () => {
      const moved = [finding(SHELL, PING), finding(TLS, VERIFY), finding(TLS, VERIFY)];
      const match = applyBaseline(baselineOf(entry('src/app.py', SHELL, PING), entry('src/app.py', TLS, VERIFY)), [{ path: 'services/api/app.py', findings: moved }], never);
      assert.deepEqual(match, { baselined: 2, moved: 2 });
      assert.deepEqual(baselined(moved), [true, true, false]);
    });

    it('does not treat a file as moved while its old path exists or is scanned, or when the finding is outside the root', () => {
      const b = baselineOf(entry('src/app.py', TLS, VERIFY));
      const copy = [finding(TLS, VERIFY)];
      applyBaseline(b, [{ path: 'src/copy.py', findings: copy }], always);
      const scanned = [finding(TLS, VERIFY)];
      applyBaseline(b, [{ path: 'src/app.py', findings: [] }, { path: 'src/copy.py', findings: scanned }], never);
      const outside = [finding(TLS, VERIFY)];
      applyBaseline(b, [{ path: null, findings: outside }], never);
      assert.deepEqual([...baselined(copy), ...baselined(scanned), ...baselined(outside)], [false, false, false]);
    });

    it('leaves findings suppressed by a comment or the configuration as they are, and never matches one without a fingerprint', () => {
      const inline = finding(SHELL, PING, { suppressed: { kind: 'inline', reason: 'internal tool', range: [0, 1] } });
      const config = finding(TLS, VERIFY, { suppressed: { kind: 'config', reason: 'legacy' } });
      const bare = finding(TLS, VERIFY);
      delete bare.fingerprint;
      const match = applyBaseline(baselineOf(entry('a.py', SHELL, PING), entry('a.py', TLS, VERIFY, 2)), [{ path: 'a.py', findings: [inline, config, bare] }], always);
      assert.deepEqual(match, { baselined: 0, moved: 0 });
      assert.equal(inline.suppressed?.kind, 'inline');
      assert.equal(config.suppressed?.kind, 'config');
      assert.equal(bare.suppressed, undefined);
    });

    it('looks for the files of only those entries an unmatched finding could take the place of', () => {
      const entries = Array.from({ length: 1000 }, (_, i) => entry(`src/m${i}.py`, TLS, `${VERIFY} # ${i}`));
      const asked: string[] = [];
      const exists = (p: string) => (asked.push(p), true);
      applyBaseline(baselineOf(...entries, entry('src/app.py', TLS, VERIFY)), [{ path: 'src/app.py', findings: [finding(TLS, VERIFY)] }], { exists });
      assert.deepEqual(asked, []);
      applyBaseline(baselineOf(...entries), [{ path: 'src/new.py', findings: [finding(TLS, `${VERIFY} # 7`)] }], { exists });
      assert.deepEqual(asked, ['src/m7.py']);
    });

    it('clears the marks of an earlier application, so a result can be matched again against a changed baseline', () => {
      const findings = [finding(TLS, VERIFY)];
      applyBaseline(baselineOf(entry('a.py', TLS, VERIFY)), [{ path: 'a.py', findings }], always);
      assert.deepEqual(baselined(findings), [true]);
      applyBaseline(baselineOf(), [{ path: 'a.py', findings }], always);
      assert.deepEqual(baselined(findings), [false]);
    });
  });

  describe('baselineEntries', () => {
    const text = [
      'import requests',
      'OPENAI_API_KEY = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oT3BlbkFJAb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"',
      'resp = requests.get(url, verify=False)  # token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
      'other = requests.get(url, verify=False)',
      '',
    ].join('\n');
    const at = (rule: string, needle: string, extra: Partial<Finding> = {}): Finding => ({
      ...findingAt(text, 'app.py', { ruleId: rule, messageId: 'm', message: 'M.', severity: 'error', needle }),
      fingerprint: 'x'.repeat(16),
      ...extra,
    });

    it('records unsuppressed and baselined findings with a masked excerpt, and leaves out suppressed ones and those without a fingerprint', () => {
      const secret = at('secrets/no-hardcoded-secret', '"sk-proj-');
      secret.range = [secret.range[0], text.indexOf('"\n') + 1];
      const tls = at(TLS, 'verify=False', { suppressed: { kind: 'baseline', reason: 'baseline' } });
      const inline = at(TLS, 'verify=False', { suppressed: { kind: 'inline', reason: 'r', range: [0, 1] } });
      const config = at(TLS, 'verify=False', { suppressed: { kind: 'config', reason: 'r' } });
      const bare = at(TLS, 'other');
      delete bare.fingerprint;
      const entries = baselineEntries({ file: 'app.py', language: 'python', findings: [secret, tls, inline, config, bare], errors: [] }, 'src/app.py', text, RULES);
      assert.deepEqual(
        entries.map((e) => [e.path, e.rule, e.count, e.excerpt]),
        [
          ['src/app.py', 'secrets/no-hardcoded-secret', 1, 'OPENAI_API_KEY = "sk-…(102 chars)'],
          ['src/app.py', TLS, 1, 'resp = requests.get(url, verify=False) # token ghp_…(40 chars)'],
        ],
      );
      for (const e of entries) assert.ok(!e.excerpt.includes('Ab3dEf6h') && !e.excerpt.includes('aBcDeFgH'), e.excerpt);
    });
  });
});
