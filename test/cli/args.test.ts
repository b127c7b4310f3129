import assert from 'node:assert/strict';
import { parseCommandLine } from '../../src/cli/args';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/engine/analyzer';

describe('parseCommandLine', () => {
  it('defaults: scan the current folder as text, failing on errors', () => {
    assert.deepEqual(parseCommandLine(['scan']), {
      kind: 'scan',
      options: {
        paths: ['.'],
        format: 'text',
        output: undefined,
        fix: false,
        offline: false,
        cacheDir: undefined,
        config: undefined,
        maxWarnings: undefined,
        failOn: 'error',
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
      },
    });
  });

  it('reads every option, in either --name value or --name=value form', () => {
    const parsed = parseCommandLine([
      'scan', 'src', '--format=sarif', '--output', 'out.sarif', '--fix', '--offline', '--cache-dir=/tmp/c', '--config', 'ci.jsonc',
      '--max-warnings', '0', '--fail-on=warning', '--max-file-size', '2048', 'lib', '--', '-odd-name.js',
    ]);
    assert.deepEqual(parsed, {
      kind: 'scan',
      options: {
        paths: ['src', 'lib', '-odd-name.js'],
        format: 'sarif',
        output: 'out.sarif',
        fix: true,
        offline: true,
        cacheDir: '/tmp/c',
        config: 'ci.jsonc',
        maxWarnings: 0,
        failOn: 'warning',
        maxFileSize: 2048,
      },
    });
  });

  it('reads the baseline and SARIF category options', () => {
    const parsed = parseCommandLine(['scan', '--baseline', '.rampart-baseline.json', '--write-baseline=next.json', '--format', 'sarif', '--sarif-category', 'rampart/api']);
    assert.equal(parsed.kind, 'scan');
    const { options } = parsed as Extract<typeof parsed, { kind: 'scan' }>;
    assert.deepEqual([options.baseline, options.writeBaseline, options.sarifCategory], ['.rampart-baseline.json', 'next.json', 'rampart/api']);
    const plain = parseCommandLine(['scan']) as Extract<typeof parsed, { kind: 'scan' }>;
    assert.ok(!('baseline' in plain.options) && !('writeBaseline' in plain.options) && !('sarifCategory' in plain.options));
  });

  it('rejects an empty baseline file name and a category that is empty, too long, has control characters or is not for SARIF', () => {
    const cases: Array<[string[], string]> = [
      [['scan', '--baseline='], '--baseline needs a file name'],
      [['scan', '--write-baseline', ''], '--write-baseline needs a file name'],
      [['scan', '--baseline'], '--baseline needs a value'],
      [['scan', '--sarif-category', 'rampart'], '--sarif-category needs --format sarif'],
      [['scan', '--format', 'json', '--sarif-category', 'rampart'], '--sarif-category needs --format sarif'],
      [['scan', '--format', 'sarif', '--sarif-category', '  '], '--sarif-category needs a name'],
      [['scan', '--format', 'sarif', '--sarif-category', 'x'.repeat(201)], '--sarif-category must be at most 200 characters'],
      [['scan', '--format', 'sarif', '--sarif-category', 'a\nb'], '--sarif-category must not contain control characters'],
    ];
    for (const [argv, message] of cases) assert.deepEqual(parseCommandLine(argv), { kind: 'usage-error', message }, argv.join(' '));
  });

  it('help and version win over everything else', () => {
    assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['scan', '-h', '--format', 'xml']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  });

  it('rejects bad numbers', () => {
    for (const value of ['-1', '1.5', '1e3', '0x10', '', ' ', '99999999999999999999']) {
      const parsed = parseCommandLine(['scan', `--max-warnings=${value}`]);
      assert.equal(parsed.kind, 'usage-error', value);
    }
    assert.equal(parseCommandLine(['scan', '--max-file-size=0']).kind, 'usage-error');
    assert.equal(parseCommandLine(['scan', '--max-file-size=1']).kind, 'scan');
  });

  it('rejects empty file names and options missing their value', () => {
    assert.deepEqual(parseCommandLine(['scan', '--output=']), { kind: 'usage-error', message: '--output needs a file name' });
    assert.deepEqual(parseCommandLine(['scan', '--config', '--fix']), { kind: 'usage-error', message: '--config needs a value' });
    assert.deepEqual(parseCommandLine(['scan', '-x']), { kind: 'usage-error', message: 'unknown option -x' });
  });
});
