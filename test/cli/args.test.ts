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
