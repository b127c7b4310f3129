import assert from 'node:assert/strict';
import { applyFixes } from '../../src/engine/apply-fixes';
import type { Finding } from '../../src/engine/types';
import { cleanReason, DEFAULT_SETTINGS, displaySeverity, fixAllEdits, packageHoverMarkdown, sanitizeSettings, suppressionEdit } from '../../src/vscode/model';

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'js/no-disabled-tls', messageId: 'm', message: 'm', severity: 'error', file: 'a.ts',
    range: [0, 1], start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, suggestions: [], related: [], ...over,
  };
}

describe('editor glue (no VS Code needed)', () => {
  describe('sanitizeSettings', () => {
    it('uses the defaults for missing or mistyped values', () => {
      assert.deepEqual(sanitizeSettings(() => undefined), DEFAULT_SETTINGS);
      const raw: Record<string, unknown> = { enable: 'yes', run: 'sometimes', debounceMs: 'fast', maxFileSize: NaN, 'network.enabled': 1, severityOverrides: [] };
      assert.deepEqual(sanitizeSettings((k) => raw[k]), DEFAULT_SETTINGS);
    });
    it('clamps numbers and keeps valid overrides only', () => {
      const raw: Record<string, unknown> = {
        enable: false, run: 'onSave', debounceMs: 99999, maxFileSize: 5, 'network.enabled': false,
        severityOverrides: { '*': 'hint', 'js/no-dynamic-eval': 'error', 'js/x': 'fatal', 'js/y': 3 },
      };
      assert.deepEqual(sanitizeSettings((k) => raw[k]), {
        enable: false, run: 'onSave', debounceMs: 5000, maxFileSize: 1024, networkEnabled: false,
        severityOverrides: { '*': 'hint', 'js/no-dynamic-eval': 'error' },
      });
    });
  });

  it('displaySeverity prefers the rule override, then *, then the configured severity', () => {
    const f = finding({ severity: 'warning' });
    assert.equal(displaySeverity(f, {}), 'warning');
    assert.equal(displaySeverity(f, { '*': 'hint' }), 'hint');
    assert.equal(displaySeverity(f, { '*': 'hint', 'js/no-disabled-tls': 'error' }), 'error');
  });

  it('cleanReason keeps one line and refuses empty reasons', () => {
    assert.equal(cleanReason('  only  used\n in tests */ '), 'only used in tests * /');
    assert.equal(cleanReason(' \n\t '), null);
  });

  it('suppressionEdit inserts a comment line above, with the line indentation and line ending', () => {
    const text = 'function f() {\r\n    eval(x);\r\n}';
    const lineStart = text.indexOf('    eval');
    const out = applyFixes(text, [{ edits: [suppressionEdit(text, lineStart, 'js/no-dynamic-eval', 'trusted input', '//')] }]).text;
    assert.equal(out, 'function f() {\r\n    // rampart-ignore-next-line js/no-dynamic-eval -- trusted input\r\n    eval(x);\r\n}');
  });

  it('fixAllEdits takes the safe fixes of unsuppressed findings, of one rule when asked, without overlaps', () => {
    const text = 'aaaa bbbb cccc';
    const fix = (s: number, e: number, t: string) => ({ title: 't', edits: [{ range: [s, e] as const, text: t }] });
    const findings = [
      finding({ fix: fix(0, 4, 'A') }),
      finding({ fix: fix(2, 6, 'X') }),
      finding({ ruleId: 'js/other', fix: fix(5, 9, 'B') }),
      finding({ fix: fix(10, 14, 'C'), suppressed: { kind: 'inline', reason: 'r' } }),
    ];
    assert.equal(applyFixes(text, [{ edits: fixAllEdits(text, findings) }]).text, 'A B cccc');
    assert.equal(applyFixes(text, [{ edits: fixAllEdits(text, findings, 'js/no-disabled-tls') }]).text, 'A bbbb cccc');
  });
});

describe('packageHoverMarkdown', () => {
  it('lists what the registry said, escaping Markdown in registry text', () => {
    const markdown = packageHoverMarkdown({
      ecosystem: 'npm',
      package: 'left_pad',
      registryStatus: 'found',
      firstPublished: '2026-11-20T08:00:00.000Z',
      latest: '0.0.3',
      versionCount: 3,
      hasInstallScripts: true,
      deprecated: 'use [this](http://evil) instead',
    });
    assert.equal(
      markdown,
      [
        '**left\\_pad** on npm',
        '',
        '- First published: 2026-11-20',
        '- Latest version: 0.0.3',
        '- Versions: 3',
        '- Runs install scripts',
        '- Deprecated: use \\[this\\]\\(http://evil\\) instead',
      ].join('\n'),
    );
  });

  it('says when the registry has no such package, and names the intended one', () => {
    assert.equal(
      packageHoverMarkdown({ ecosystem: 'pypi', package: 'reqeusts', registryStatus: 'not-found', intended: 'requests' }),
      '**reqeusts** on PyPI\n\n- The registry has no package of this name.\n- Did you mean: requests',
    );
  });

  it('is null for findings without package facts', () => {
    assert.equal(packageHoverMarkdown(undefined), null);
    assert.equal(packageHoverMarkdown({ rule: 'x' }), null);
    assert.equal(packageHoverMarkdown({ ecosystem: 'npm', package: 'x' }), null);
  });
});
