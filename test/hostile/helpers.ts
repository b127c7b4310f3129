import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export { CLEAN, makeTree, ONLY_TLS, removeTree, runCli, scannedFiles, TLS_FIXED, TLS_OFF } from '../cli/helpers';

const REPO = path.resolve(__dirname, '../..');
/** `--import tsx` resolves from the working directory (a temp folder here), so use tsx's entry by path. */
const TSX_LOADER = pathToFileURL(path.join(path.dirname(require.resolve('tsx/package.json')), require('tsx/package.json').exports['.'])).href;
const MAIN = path.join(REPO, 'src/cli/main.ts');

/** What a child process did: its exit status (null when it was killed), output and wall time. */
export interface ChildRun {
  status: number | null;
  /** Set when the child was killed, e.g. `SIGKILL` after the time limit: it hung. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Set when the child could not be started (e.g. not allowed to switch user). */
  error?: Error;
}

/** Options of {@link runChild}. */
export interface ChildOptions {
  cwd: string;
  /** Killed after this long: code that blocks on a pipe fails the test instead of hanging mocha. */
  timeoutMs?: number;
  /** Run as this user and group (only root may). */
  uid?: number;
  gid?: number;
  env?: NodeJS.ProcessEnv;
  /** Standard output goes to this file (a regular file, not a pipe or socket), read back into `stdout`. */
  stdoutFile?: string;
}

/**
 * Runs a TypeScript file in a child process with a time limit: bundled with esbuild once per test run
 * (starts in a fraction of a second), or through tsx where esbuild cannot run. Tests of code that used
 * to block forever on a FIFO run this way: a synchronous read that blocks stops mocha's own timeouts too.
 */
export function runChild(script: string, args: string[], opts: ChildOptions): ChildRun {
  const bundle = bundled(script);
  return run(bundle === null ? ['--import', TSX_LOADER, script, ...args] : [bundle, ...args], opts);
}

function run(nodeArgs: string[], opts: ChildOptions): ChildRun {
  const started = performance.now();
  const out = opts.stdoutFile === undefined ? 'pipe' : fs.openSync(opts.stdoutFile, 'w');
  const r = spawnSync(process.execPath, nodeArgs, {
    stdio: ['ignore', out, 'pipe'],
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 15_000,
    killSignal: 'SIGKILL',
    uid: opts.uid,
    gid: opts.gid,
  });
  if (typeof out === 'number') fs.closeSync(out);
  const stdout = opts.stdoutFile === undefined ? (r.stdout ?? '') : fs.readFileSync(opts.stdoutFile, 'utf8');
  return { status: r.status, signal: r.signal, stdout, stderr: r.stderr ?? '', ms: Math.round(performance.now() - started), error: r.error };
}

/** Runs `rampart` (src/cli/main.ts) in a child process, offline with an empty cache of its own. */
export function runCliChild(argv: string[], opts: ChildOptions): ChildRun {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cache-'));
  if (opts.uid !== undefined) fs.chownSync(cache, opts.uid, opts.gid ?? opts.uid);
  try {
    return runChild(MAIN, [...argv, '--offline', '--cache-dir', cache], opts);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
}

const bundles = new Map<string, string | null>();
let bundleDir: string | undefined;

/** `script` bundled into a folder anyone may read (children may run as another user), or null without esbuild. */
function bundled(script: string): string | null {
  let bundle = bundles.get(script);
  if (bundle !== undefined) return bundle;
  try {
    const esbuild = require('esbuild') as typeof import('esbuild');
    if (bundleDir === undefined) {
      const dir = (bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-hostile-')));
      fs.chmodSync(dir, 0o755);
      process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    }
    bundle = path.join(bundleDir, `${bundles.size}-${path.basename(script, '.ts')}.js`);
    esbuild.buildSync({
      entryPoints: [script],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: bundle,
      // jsonc-parser's UMD build (its "main") cannot be bundled; its ESM build ("module") can.
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
  } catch {
    bundle = null;
  }
  bundles.set(script, bundle);
  return bundle;
}

/** Creates a FIFO (named pipe); mocha runs on POSIX systems only for these tests. */
export function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo ${file} failed: ${r.stderr}`);
}

/** Every character a terminal interprets: C0/C1 controls (except the line feed ending each line) and bidi overrides. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
