import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FileResult } from '../../src/engine/types';
import { formatJson, formatSarif, formatText } from '../../src/report';
import { displayPath } from '../../src/report/input';
import { chatResult, CWD, RULES } from './fixtures';

const formatters = {
  formatText: (results: unknown, opts: object) => formatText(results as FileResult[], { color: false, ...opts } as never),
  formatJson: (results: unknown, opts: object) => formatJson(results as FileResult[], opts as never),
  formatSarif: (results: unknown, opts: object) => formatSarif(results as FileResult[], { toolVersion: '0.1.0', ...opts } as never),
};

const OPTS = { cwd: CWD, rules: RULES };

/** A chat result broken by `mutate`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests build deliberately malformed results
function broken(mutate: (r: Record<string, any>) => void): unknown[] {
  const r = JSON.parse(JSON.stringify(chatResult()));
  mutate(r);
  return [r];
}

describe('report input checks', () => {
  for (const [name, format] of Object.entries(formatters)) {
    describe(name, () => {
      it('accepts well-formed results', () => {
        assert.equal(typeof format([chatResult()], OPTS), 'string');
      });

      const cases: Array<[string, unknown, object, RegExp]> = [
        ['results that are not an array', null, OPTS, /invalid results: results must be array/],
        ['a result without findings', broken((r) => delete r.findings), OPTS, /results\[0\] must have required property 'findings'/],
        ['an unknown severity', broken((r) => (r.findings[0].severity = 'fatal')), OPTS, /results\[0\]\.findings\[0\]\.severity must be equal to one of the allowed values/],
        ['a negative offset', broken((r) => (r.findings[1].range = [-1, 3])), OPTS, /results\[0\]\.findings\[1\]\.range\[0\] must be >= 0/],
        ['a line of 0', broken((r) => (r.findings[0].start.line = 0)), OPTS, /results\[0\]\.findings\[0\]\.start\.line must be >= 1/],
        ['a range that ends before it starts', broken((r) => (r.findings[2].range = [9, 3])), OPTS, /results\[0\]\.findings\[2\]\.range \[9, 3\] ends before it starts/],
        ['a backwards edit', broken((r) => (r.findings[0].fix.edits[0].range = [9, 3])), OPTS, /results\[0\]\.findings\[0\] edit of "Remove `rejectUnauthorized`.*" \[9, 3\] ends before it starts/],
        ['a backwards related range', broken((r) => (r.findings[1].related[0].range = [9, 3])), OPTS, /results\[0\]\.findings\[1\]\.related\[0\]\.range \[9, 3\] ends before it starts/],
        ['an unknown suppression kind', broken((r) => (r.findings[3].suppressed.kind = 'maybe')), OPTS, /findings\[3\]\.suppressed\.kind must be equal to one of the allowed values/],
        ['a relative cwd', [], { cwd: 'project', rules: RULES }, /options\.cwd must be an absolute path, got "project"/],
        ['a missing cwd', [], { rules: RULES }, /options\.cwd must be an absolute path, got undefined/],
        ['rules that are not an array', [], { cwd: CWD, rules: 'all' }, /options\.rules must be an array of rules/],
      ];
      for (const [what, results, opts, message] of cases) {
        it(`rejects ${what} with a clear TypeError`, () => {
          assert.throws(
            () => format(results, opts),
            (e: unknown) => e instanceof TypeError && e.message.startsWith(`${name}: `) && message.test(e.message),
          );
        });
      }

    });
  }

  it('rejects options that are not an object', () => {
    assert.throws(() => formatText([], null as never), /^TypeError: formatText: options must be an object$/);
    assert.throws(() => formatJson([], undefined as never), /^TypeError: formatJson: options must be an object$/);
    assert.throws(() => formatSarif([], 'x' as never), /^TypeError: formatSarif: options must be an object$/);
  });

  describe('displayPath', () => {
    it('keeps relative paths as they are', () => {
      assert.equal(displayPath('src/a.ts', CWD), 'src/a.ts');
      assert.equal(displayPath('../sibling/a.ts', CWD), '../sibling/a.ts');
    });

    it('makes absolute paths inside cwd relative, and keeps the others absolute', () => {
      assert.equal(displayPath(path.join(CWD, 'src', 'a.ts'), CWD), 'src/a.ts');
      assert.equal(displayPath(path.join(CWD, '..foo', 'a.ts'), CWD), '..foo/a.ts');
      assert.equal(displayPath(path.resolve('/elsewhere/a.ts'), CWD), path.resolve('/elsewhere/a.ts'));
      assert.equal(displayPath(path.join(CWD, '..', 'a.ts'), CWD), path.join(CWD, '..', 'a.ts'));
      assert.equal(displayPath(CWD, CWD), CWD);
    });
  });
});
