import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, mkfifo, ONLY_TLS, removeTree, runChild, runCli, runCliChild, scannedFiles, TLS_OFF } from './helpers';

interface JsonReport {
  results: Array<{ file: string; findings: unknown[]; skipped?: { reason: string } }>;
}

/** `file -> skip reason` of the skipped files of a JSON report. */
function skipped(stdout: string): Record<string, string> {
  const report = JSON.parse(stdout) as JsonReport;
  return Object.fromEntries(report.results.filter((r) => r.skipped).map((r) => [r.file, r.skipped!.reason]));
}

describe('hostile workspace: pipes, vanishing, unreadable, huge and binary files', function () {
  this.timeout(30_000);
  let dir: string;
  afterEach(() => dir && removeTree(dir));

  it('files swapped for a FIFO or deleted after discovery, a FIFO package.json and a FIFO .gitignore: refused, never waited on', () => {
    dir = makeTree({ 'swap/a.js': TLS_OFF, 'vanish/a.js': TLS_OFF, 'manifest/package.json': '{}', 'gitignore/b.js': TLS_OFF });
    mkfifo(path.join(dir, 'gitignore/.gitignore'));
    const child = runChild(path.join(__dirname, 'reads.child.ts'), [dir], { cwd: dir, timeoutMs: 15_000 });
    const lines = child.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { case: string; result: unknown });
    const results = Object.fromEntries(lines.map((l) => [l.case, l.result]));
    assert.equal(child.signal, null, `the child hung and was killed after ${child.ms} ms; finished cases: ${JSON.stringify(results)}\n${child.stderr}`);
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(results, {
      'fifo after discovery': { ok: false, reason: 'cannot read the file (not a regular file: a pipe)' },
      'deleted after discovery': { ok: false, reason: 'cannot read the file (no such file or folder)' },
      'project manifest': { error: `${path.join(dir, 'manifest/package.json')}: not a regular file: a pipe` },
      'gitignore fifo': ['gitignore/b.js'],
    });
  });

  it('a scan of a tree with FIFOs (a .js file, .gitignore files, an extension-less script) finishes and scans the rest', () => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF, 'sub/b.js': TLS_OFF });
    for (const fifo of ['.gitignore', 'pipe.js', 'sub/.gitignore', 'sub/script']) mkfifo(path.join(dir, fifo));
    const child = runCliChild(['scan', '--format', 'json'], { cwd: dir, timeoutMs: 15_000 });
    assert.equal(child.signal, null, `the scan hung and was killed after ${child.ms} ms`);
    assert.equal(child.stderr, '');
    assert.equal(child.status, 1);
    assert.deepEqual(scannedFiles(child.stdout), ['a.js', 'sub/b.js']);
  });

  it('an unreadable file is skipped with the reason; the others are scanned', async function () {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, 'open.js': TLS_OFF, 'locked.js': TLS_OFF });
    fs.chmodSync(path.join(dir, 'locked.js'), 0o000);
    const expected = { 'locked.js': 'cannot read the file (permission denied)' };
    if (process.getuid?.() !== 0) {
      const run = await runCli(['scan', '--format', 'json'], { cwd: dir });
      assert.deepEqual([run.code, scannedFiles(run.stdout), skipped(run.stdout)], [1, ['open.js'], expected]);
      return;
    }
    // Root reads any file whatever its mode: run the CLI as the unprivileged user `nobody` instead.
    const nobody = 65534;
    fs.chmodSync(dir, 0o755);
    const child = runCliChild(['scan', '--format', 'json'], { cwd: dir, uid: nobody, gid: nobody });
    if (child.error && (child.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') this.skip(); // cannot switch to nobody here
    assert.equal(child.signal, null);
    assert.equal(child.stderr, '');
    assert.deepEqual([child.status, scannedFiles(child.stdout), skipped(child.stdout)], [1, ['open.js'], expected]);
  });

  it('a 50 MB file is skipped by its size in milliseconds, without being read', async () => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
    const big = path.join(dir, 'big.js');
    fs.writeFileSync(big, TLS_OFF);
    fs.truncateSync(big, 50 * 1024 * 1024); // sparse: quick to make, the size is what counts
    const started = performance.now();
    const run = await runCli(['scan', '--format', 'json'], { cwd: dir });
    const ms = performance.now() - started;
    assert.equal(run.code, 1);
    assert.deepEqual(skipped(run.stdout), { 'big.js': 'larger than 1048576 bytes (52428800 bytes)' });
    assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
  });

  it('a binary .ts file (NUL bytes) is skipped, not parsed or reported', async () => {
    dir = makeTree({
      '.rampart.jsonc': ONLY_TLS,
      'blob.ts': Buffer.concat([Buffer.from(TLS_OFF), Buffer.from([0, 1, 2, 0xff, 0xfe, 0]), Buffer.from(TLS_OFF)]),
    });
    const run = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.deepEqual(skipped(run.stdout), { 'blob.ts': 'binary content (NUL bytes)' });
  });
});
