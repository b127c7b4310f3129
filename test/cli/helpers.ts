import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../src/cli/main';

/** A line that js/no-disabled-tls reports, with a safe fix that removes the option. */
export const TLS_OFF = 'const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n';
/** {@link TLS_OFF} after the fix. */
export const TLS_FIXED = 'const agent = new https.Agent({ keepAlive: true });\n';
/** Code no rule should report. */
export const CLEAN = 'export function add(a, b) {\n  return a + b;\n}\n';
/** A configuration that enables only js/no-disabled-tls, so new rules do not change these tests. */
export const ONLY_TLS = '{ "extends": [], "rules": { "js/no-disabled-tls": "error" } }\n';

/** Creates a temporary folder with these files (folders are created as needed); returns its real path. */
export function makeTree(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cli-')));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** Removes a folder made by {@link makeTree}. */
export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process with captured streams and a clean environment (no CI, no colour variables).
 * A scan runs `--offline` with an empty look-up cache of its own unless `online` is set, so no test
 * reaches a registry by accident or reads the developer's cache.
 */
export async function runCli(
  argv: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; isTTY?: boolean; stderrIsTTY?: boolean; online?: boolean },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  if (argv[0] === 'scan' && !argv.includes('--cache-dir')) {
    argv = [...argv, '--cache-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cache-'))];
  }
  if (argv[0] === 'scan' && !opts.online && !argv.includes('--offline')) argv = [...argv, '--offline'];
  const code = await run(argv, {
    cwd: opts.cwd,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.stderrIsTTY },
    isTTY: opts.isTTY,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** Files reported in a JSON report that were analysed (not skipped). */
export function scannedFiles(jsonReport: string): string[] {
  const report = JSON.parse(jsonReport) as { results: Array<{ file: string; skipped: unknown }> };
  return report.results.filter((r) => !r.skipped).map((r) => r.file);
}
