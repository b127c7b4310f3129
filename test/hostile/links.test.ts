import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { notFound, startRegistry } from '../services/registry-server';
import { makeTree, mkfifo, ONLY_TLS, removeTree, runCli, runCliChild, scannedFiles, TLS_FIXED, TLS_OFF } from './helpers';

/** What identifies a file's contents and identity: a rewrite changes the text, inode or mtime. */
function fingerprint(file: string): string {
  const s = fs.lstatSync(file);
  return `${fs.readFileSync(file, 'utf8')}|ino ${s.ino}|mtime ${s.mtimeMs}|uid ${s.uid}`;
}

describe('hostile workspace: symbolic links', function () {
  this.timeout(20_000);
  // `dir` holds the scanned repository `repo/` and, beside it, `outside/`, which no scan may read or write.
  let dir: string;
  let repo: string;
  let outside: string;
  const link = (target: string, at: string) => fs.symlinkSync(target, path.join(repo, at));
  const scan = (argv: string[], cwd = repo) => runCli(['scan', ...argv], { cwd });

  beforeEach(() => {
    dir = makeTree({ 'repo/.rampart.jsonc': ONLY_TLS, 'outside/secret.js': TLS_OFF, 'outside/victim': 'victim\n' });
    repo = path.join(dir, 'repo');
    outside = path.join(dir, 'outside');
  });
  afterEach(() => removeTree(dir));

  describe('discovery and reading', () => {
    it('loops end: linked folders are never followed, file-link loops are skipped', async () => {
      fs.mkdirSync(path.join(repo, 'src/deep'), { recursive: true });
      fs.writeFileSync(path.join(repo, 'src/real.js'), TLS_OFF);
      link('..', 'src/loop');
      link('.', 'src/self');
      link('../..', 'src/deep/up');
      link(outside, 'src/out');
      link('b.js', 'src/a.js');
      link('a.js', 'src/b.js');
      link('me.js', 'src/me.js');
      const started = performance.now();
      const run = await scan(['--format', 'json']);
      assert.ok(performance.now() - started < 5000);
      assert.equal(run.stderr, '');
      assert.deepEqual(scannedFiles(run.stdout), ['src/real.js'], 'each file once, nothing through a folder link');
    });

    it('a linked file outside the scanned folder is neither read nor reported; one note counts such links', async () => {
      fs.mkdirSync(path.join(repo, 'src'));
      fs.mkdirSync(path.join(repo, 'lib'));
      fs.writeFileSync(path.join(repo, 'lib/real.js'), TLS_OFF);
      fs.writeFileSync(path.join(outside, 'notes.docx'), 'not code');
      link('../../outside/secret.js', 'src/leak.js');
      link(path.join(outside, 'secret.js'), 'src/absolute.ts');
      link(path.join(outside, 'notes.docx'), 'src/notes.docx'); // nothing would read it: not counted
      link('../lib/real.js', 'src/inside.js');
      const run = await scan(['--format', 'json']);
      assert.equal(run.code, 1);
      assert.deepEqual(scannedFiles(run.stdout), ['lib/real.js', 'src/inside.js']);
      assert.doesNotMatch(run.stdout, /leak|absolute|secret/);
      assert.equal(run.stderr, 'rampart: 2 files reached through symbolic links leading outside the scanned folder, not scanned\n');

      // The scanned folder is the boundary, not the repository: src/inside.js leads out of `src`.
      const sub = await scan(['src', '--format', 'json']);
      assert.equal(sub.code, 0);
      assert.deepEqual(scannedFiles(sub.stdout), []);
      assert.equal(sub.stderr, 'rampart: 3 files reached through symbolic links leading outside the scanned folder, not scanned\nrampart: no files to scan\n');
    });
  });

  describe('--fix', () => {
    it('never rewrites a file outside through a link, and writes a linked file inside without replacing the link', async () => {
      fs.mkdirSync(path.join(repo, 'src'));
      fs.mkdirSync(path.join(repo, 'lib'));
      fs.writeFileSync(path.join(repo, '.gitignore'), 'lib/\n');
      fs.writeFileSync(path.join(repo, 'lib/shared.js'), TLS_OFF);
      link('../../outside/secret.js', 'src/victim.js');
      link('../lib/shared.js', 'src/shared.js');
      const before = fingerprint(path.join(outside, 'secret.js'));
      const run = await scan(['--fix', '--format', 'json']);
      assert.equal(fingerprint(path.join(outside, 'secret.js')), before, 'the file outside is untouched (contents, inode, mtime, owner)');
      assert.equal(fs.readFileSync(path.join(repo, 'lib/shared.js'), 'utf8'), TLS_FIXED);
      assert.ok(fs.lstatSync(path.join(repo, 'src/shared.js')).isSymbolicLink(), 'the link inside is still a link');
      assert.ok(fs.lstatSync(path.join(repo, 'src/victim.js')).isSymbolicLink());
      assert.equal(run.code, 0);
      assert.equal(
        run.stderr,
        'rampart: 1 file reached through a symbolic link leading outside the scanned folder, not scanned\nrampart: fixed 1 problem in 1 file\n',
      );
    });

    it('a link swapped to lead outside after discovery is not written through (checked again at write time)', async () => {
      // The swap happens while the scan waits for the registry's answer about an imported package.
      fs.mkdirSync(path.join(repo, 'src'));
      fs.mkdirSync(path.join(repo, 'lib'));
      fs.writeFileSync(path.join(repo, '.gitignore'), 'lib/\n');
      fs.writeFileSync(path.join(repo, 'package.json'), '{ "name": "app", "version": "1.0.0" }\n');
      fs.writeFileSync(path.join(repo, '.rampart.jsonc'), '{ "extends": [], "rules": { "js/no-disabled-tls": "error", "packages/no-nonexistent-package": "error" } }\n');
      const code = `import pad from 'made-up-hostile-pad';\n${TLS_OFF}`;
      fs.writeFileSync(path.join(repo, 'lib/app.js'), code);
      fs.writeFileSync(path.join(outside, 'app.js'), code);
      link('../lib/app.js', 'src/app.js');
      const registry = await startRegistry();
      let swapped = false;
      registry.routes.set('made-up-hostile-pad', (req, res, attempt) => {
        fs.rmSync(path.join(repo, 'src/app.js'));
        link('../../outside/app.js', 'src/app.js');
        swapped = true;
        notFound(req, res, attempt);
      });
      const before = fingerprint(path.join(outside, 'app.js'));
      try {
        const run = await runCli(['scan', '--fix', '--format', 'json', '--cache-dir', path.join(dir, 'cache')], {
          cwd: repo,
          env: { npm_config_registry: registry.url, PIP_CONFIG_FILE: '/dev/null' },
          online: true,
        });
        assert.ok(swapped, `the registry was not asked: ${run.stderr}`);
        assert.equal(fingerprint(path.join(outside, 'app.js')), before, 'the file outside is untouched');
        assert.equal(fs.readFileSync(path.join(repo, 'lib/app.js'), 'utf8'), code);
        assert.match(run.stderr, /^rampart: src\/app\.js: cannot write the fixes \(a symbolic link on the way leads out of the workspace\)$/m);
      } finally {
        await registry.close();
      }
    });
  });

  describe('--output', () => {
    it('a committed link to a file outside is refused (exit 2); the target and the link are untouched', async () => {
      fs.writeFileSync(path.join(repo, 'a.js'), TLS_OFF);
      link('../outside/victim', 'rampart.sarif');
      const run = await scan(['--format', 'sarif', '--output', 'rampart.sarif']);
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        'rampart: cannot write the report to rampart.sarif (a symbolic link on the way leads out of the workspace); remove the link or choose another --output path\n',
      );
      assert.equal(run.stdout, '');
      assert.equal(fs.readFileSync(path.join(outside, 'victim'), 'utf8'), 'victim\n');
      assert.ok(fs.lstatSync(path.join(repo, 'rampart.sarif')).isSymbolicLink());
    });

    it('a linked folder on the way that leads outside is refused, also below the current folder when only a sub-folder is scanned', async () => {
      link('../outside', 'reports');
      fs.mkdirSync(path.join(repo, 'src'));
      for (const argv of [['.'], ['src']]) {
        const run = await scan([...argv, '--format', 'sarif', '--output', 'reports/rampart.sarif']);
        assert.equal(run.code, 2, run.stderr);
        assert.match(run.stderr, /leads out of the workspace/);
      }
      assert.deepEqual(fs.readdirSync(outside).sort(), ['secret.js', 'victim']);
    });

    it('a dangling link is refused, not followed to create a file outside', async () => {
      link('../outside/new.sarif', 'rampart.sarif');
      const run = await scan(['--format', 'sarif', '--output', 'rampart.sarif']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot write the report to rampart\.sarif \(a symbolic link on the way leads to a missing file\)/);
      assert.equal(fs.existsSync(path.join(outside, 'new.sarif')), false);
    });

    it('a link inside the workspace is written through: its target gets the report, the link stays', async () => {
      fs.mkdirSync(path.join(repo, 'out'));
      fs.writeFileSync(path.join(repo, 'out/latest.sarif'), 'old');
      link('out/latest.sarif', 'rampart.sarif');
      const run = await scan(['--format', 'sarif', '--output', 'rampart.sarif']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(fs.readFileSync(path.join(repo, 'out/latest.sarif'), 'utf8')).version, '2.1.0');
      assert.ok(fs.lstatSync(path.join(repo, 'rampart.sarif')).isSymbolicLink());
    });

    it('a path outside the workspace is the user\'s choice: written as given, through their own link, and into a pipe', async () => {
      const own = path.join(outside, 'report.json');
      fs.writeFileSync(path.join(outside, 'real-report.json'), 'old');
      fs.symlinkSync(path.join(outside, 'real-report.json'), path.join(outside, 'latest.json'));
      for (const output of [own, path.join(outside, 'latest.json')]) {
        const run = await scan(['--format', 'json', '--output', output]);
        assert.equal(run.code, 0, run.stderr);
      }
      assert.equal(JSON.parse(fs.readFileSync(own, 'utf8')).results.length, 0);
      assert.ok(fs.lstatSync(path.join(outside, 'latest.json')).isSymbolicLink());
      assert.equal(JSON.parse(fs.readFileSync(path.join(outside, 'real-report.json'), 'utf8')).results.length, 0);

      const pipe = path.join(outside, 'pipe');
      mkfifo(pipe);
      const reader = fs.openSync(pipe, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      try {
        const run = await scan(['--format', 'json', '--output', pipe]);
        assert.equal(run.code, 0, run.stderr);
        const buffer = Buffer.alloc(64 * 1024);
        assert.equal(JSON.parse(buffer.subarray(0, fs.readSync(reader, buffer)).toString()).results.length, 0);
      } finally {
        fs.closeSync(reader);
      }
    });

    it('--output to a device works (/dev/stdout, /dev/null), also when the current folder is the file-system root', async () => {
      fs.writeFileSync(path.join(repo, 'a.js'), TLS_OFF);
      for (const cwd of [repo, '/']) {
        const run = await runCli(['scan', repo, '--format', 'json', '--output', '/dev/null'], { cwd });
        assert.deepEqual([run.code, run.stderr, run.stdout], [1, '', ''], `from ${cwd}`);
      }
      // /dev/stdout in a child whose standard output is a file: mocha's pipe to a child is a socket, which cannot be opened.
      const child = runCliChild(['scan', '.', '--format', 'json', '--output', '/dev/stdout'], { cwd: repo, stdoutFile: path.join(outside, 'stdout') });
      assert.equal(child.stderr, '');
      assert.equal(child.status, 1);
      assert.equal(JSON.parse(child.stdout).results[0].file, 'a.js');
    });
  });
});
