import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { makeTree, ONLY_TLS, removeTree, TLS_OFF } from './helpers';

const REPO = path.resolve(__dirname, '../..');
/** `--import tsx` resolves from the working directory (a temp folder here), so use tsx's entry by path. */
const TSX_LOADER = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), require('tsx/package.json').exports['.'])).href;
const MAIN = path.join(REPO, 'src/cli/main.ts');
// Offline with an empty cache of its own: no test reaches a registry or reads the developer's cache.
const ENV = { PATH: process.env.PATH ?? '', NO_COLOR: '1', XDG_CACHE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cache-')) };

describe('rampart as a real process', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, 'src/client.js': TLS_OFF, 'bad/.rampart.jsonc': '{ "rules": [] }', 'bad/a.js': '' });
  });
  after(() => removeTree(dir));

  it('node --import tsx src/cli/main.ts: exit code, report on stdout', () => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, 'scan', 'src', '--offline', '--format', 'json'], { cwd: dir, env: ENV, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).results[0].file, 'src/client.js');
  });

  it('a broken configuration exits 2 with file:line:column and no stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', TSX_LOADER, MAIN, 'scan', 'bad', '--offline'], { cwd: dir, env: ENV, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'bad/.rampart.jsonc:1:12: "rules" must be an object, not an array.\n');
  });

  describe('bin/rampart.js over an esbuild bundle of src/cli/main.ts', () => {
    let bundleDir: string;
    before(function () {
      let esbuild: typeof import('esbuild');
      try {
        esbuild = require('esbuild');
        bundleDir = makeTree({});
        esbuild.buildSync({
          entryPoints: [MAIN],
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'cjs',
          outfile: path.join(bundleDir, 'dist/cli.js'),
          // jsonc-parser's UMD build (its "main") cannot be bundled; its ESM build ("module") can.
          mainFields: ['module', 'main'],
          logLevel: 'silent',
        });
      } catch {
        this.skip(); // esbuild's native binary is not usable here; the tsx tests above still run
      }
      fs.mkdirSync(path.join(bundleDir, 'bin'));
      fs.copyFileSync(path.join(REPO, 'bin/rampart.js'), path.join(bundleDir, 'bin/rampart.js'));
    });
    after(() => bundleDir && removeTree(bundleDir));

    const bin = () => path.join(bundleDir, 'bin/rampart.js');

    it('runs once, prints the version and returns exit codes', () => {
      const v = spawnSync(process.execPath, [bin(), '--version'], { cwd: dir, env: ENV, encoding: 'utf8' });
      assert.deepEqual([v.status, v.stdout, v.stderr], [0, `${version}\n`, '']);
      const scan = spawnSync(process.execPath, [bin(), 'scan', 'src', '--offline'], { cwd: dir, env: ENV, encoding: 'utf8' });
      assert.equal(scan.status, 1);
      assert.equal(scan.stdout.match(/js\/no-disabled-tls/g)?.length, 1, 'the report is printed once');
      const usage = spawnSync(process.execPath, [bin(), 'scan', '--nope'], { cwd: dir, env: ENV, encoding: 'utf8' });
      assert.deepEqual([usage.status, usage.stderr], [2, 'rampart: unknown option --nope\nRun "rampart --help" for usage.\n']);
    });

    it('the bundle also runs directly as the main module', () => {
      const r = spawnSync(process.execPath, [path.join(bundleDir, 'dist/cli.js'), '--version'], { cwd: dir, env: ENV, encoding: 'utf8' });
      assert.deepEqual([r.status, r.stdout], [0, `${version}\n`]);
    });

    it('a reader that closes the pipe early (| head) causes no stack trace', async () => {
      const many = makeTree(Object.fromEntries([['.rampart.jsonc', ONLY_TLS], ...Array.from({ length: 300 }, (_, i) => [`f${i}.js`, TLS_OFF])]));
      try {
        const child = spawn(process.execPath, [bin(), 'scan', '--offline', '--format', 'json'], { cwd: many, env: ENV });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        assert.equal(stderr, '');
        assert.equal(code, 1);
      } finally {
        removeTree(many);
      }
    });
  });
});
