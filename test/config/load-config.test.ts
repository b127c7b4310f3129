import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, findConfigFile, loadConfig } from '../../src/config';
import { rules } from './helpers';

describe('findConfigFile and loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-config-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(rel: string, content: string | Buffer): string {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  it('walks up from a folder or a file to the nearest configuration', () => {
    const top = write(CONFIG_FILE_NAME, '{}');
    const nested = write(`packages/api/${CONFIG_FILE_NAME}`, '{}');
    write('packages/api/src/server.ts', '');
    fs.mkdirSync(path.join(dir, 'packages/web/src'), { recursive: true });
    assert.equal(findConfigFile(path.join(dir, 'packages/api/src')), nested);
    assert.equal(findConfigFile(path.join(dir, 'packages/api/src/server.ts')), nested);
    assert.equal(findConfigFile(path.join(dir, 'packages/api')), nested);
    assert.equal(findConfigFile(path.join(dir, 'packages/web/src')), top);
    assert.equal(findConfigFile(path.join(dir, 'does/not/exist.ts')), top);
  });

  it('walks up to the file-system root and finds nothing in an empty tree', () => {
    fs.mkdirSync(path.join(dir, 'a/b/c'), { recursive: true });
    const found = findConfigFile(path.join(dir, 'a/b/c'));
    // Something above the temp folder is outside this test's control; nothing inside it exists.
    assert.ok(found === null || !found.startsWith(dir + path.sep), String(found));
  });

  it('uses the built-in defaults when there is no configuration', function () {
    if (findConfigFile(dir) !== null) this.skip(); // a stray config above the temp folder would be used
    const result = loadConfig({ rules, startPath: dir, configFile: undefined });
    assert.ok(result.ok);
    assert.equal(result.config.file, null);
    assert.equal(result.config.root, dir);
    assert.deepEqual([...result.config.settings.keys()], ['js/no-disabled-tls', 'rampart/invalid-suppression']);
  });

  it('loads the found file; ignore patterns are relative to its folder', () => {
    const file = write(CONFIG_FILE_NAME, '{ "rules": { "js/no-disabled-tls": "warning" }, "ignore": ["gen/**"] }');
    write('src/a.ts', '');
    const result = loadConfig({ rules, startPath: path.join(dir, 'src/a.ts') });
    assert.ok(result.ok);
    assert.equal(result.config.file, file);
    assert.equal(result.config.root, dir);
    assert.deepEqual(result.config.ignore, ['gen/**']);
    assert.equal(result.config.settings.get('js/no-disabled-tls')?.severity, 'warning');
  });

  it('an explicit configFile wins over the nearest one', () => {
    write(CONFIG_FILE_NAME, '{ "rules": { "js/no-disabled-tls": "warning" } }');
    const other = write('ci/strict.jsonc', '{ "extends": "rampart:all" }');
    const result = loadConfig({ rules, startPath: dir, configFile: other });
    assert.ok(result.ok);
    assert.equal(result.config.file, other);
    assert.equal(result.config.root, path.join(dir, 'ci'));
    assert.equal(result.config.settings.get('test/no-options-demo')?.severity, 'info');
  });

  const bad: Array<[string, () => string, RegExp]> = [
    ['a missing explicit file', () => path.join(dir, 'nope.jsonc'), /^Cannot read the configuration: no such file\.$/],
    ['a folder instead of a file', () => (fs.mkdirSync(path.join(dir, CONFIG_FILE_NAME)), path.join(dir, CONFIG_FILE_NAME)), /this is a folder, not a file/],
    ['an empty file', () => write(CONFIG_FILE_NAME, ''), /is empty/],
    ['a file that is not UTF-8', () => write(CONFIG_FILE_NAME, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), /not valid UTF-8/],
    ['10 MB of garbage', () => write(CONFIG_FILE_NAME, Buffer.alloc(10 * 1024 * 1024, 0x5b)), /larger than 1048576 bytes/],
    ['a pipe (reading it would block)', () => (execFileSync('mkfifo', [path.join(dir, CONFIG_FILE_NAME)]), path.join(dir, CONFIG_FILE_NAME)), /not a regular file/],
    ['an array at top level', () => write(CONFIG_FILE_NAME, '[]'), /must be an object, not an array/],
  ];
  for (const [name, make, message] of bad) {
    it(`reports ${name} as a problem at 1:1, never a throw`, () => {
      const file = make();
      const result = loadConfig({ rules, startPath: dir, configFile: file === path.join(dir, CONFIG_FILE_NAME) ? undefined : file });
      assert.ok(!result.ok);
      assert.equal(result.problems.length, 1);
      const [p] = result.problems;
      assert.equal(p.file, file);
      assert.deepEqual([p.line, p.column], [1, 1]);
      assert.match(p.message, message);
    });
  }

  it('reads a configuration with a byte-order mark', () => {
    write(CONFIG_FILE_NAME, '\uFEFF{ "rules": { "js/no-disabled-tls": "info" } }');
    const result = loadConfig({ rules, startPath: dir });
    assert.ok(result.ok);
    assert.equal(result.config.settings.get('js/no-disabled-tls')?.severity, 'info');
  });
});
