/**
 * Entry of the `rampart` command (bundled to dist/cli.js). {@link run} is the whole CLI in-process,
 * with its streams and environment passed in, so tests run it without spawning.
 */
import { version } from '../../package.json';
import { describeError } from '../engine/analyzer';
import { HELP, parseCommandLine } from './args';
import type { CliIo } from './io';
import { runScan } from './scan';
import { writeLine } from './terminal';

export type { CliIo, OutputStream } from './io';

/** Runs `rampart` with `argv` (without the node and script paths) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const command = parseCommandLine(argv);
  switch (command.kind) {
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'version':
      io.stdout.write(`${version}\n`);
      return 0;
    case 'usage-error':
      writeLine(io.stderr, `rampart: ${command.message}`);
      writeLine(io.stderr, 'Run "rampart --help" for usage.');
      return 2;
  }
  try {
    return await runScan(command.options, io, version);
  } catch (e) {
    writeLine(io.stderr, `rampart: internal error: ${describeError(e)}`);
    if ((io.env ?? process.env).RAMPART_DEBUG && e instanceof Error) for (const line of `${e.stack}`.split('\n')) writeLine(io.stderr, line);
    return 2;
  }
}

/** Runs the CLI on the real process: arguments, streams, environment and exit code. */
export async function main(): Promise<void> {
  // `rampart scan | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIo = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, isTTY: process.stdout.isTTY, env: process.env };
  process.exitCode = await run(process.argv.slice(2), io);
}

if (require.main === module) void main();
