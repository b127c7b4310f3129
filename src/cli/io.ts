/** Something text can be written to, like `process.stdout`. */
export interface OutputStream {
  write(chunk: string): unknown;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
}

/** The process environment the CLI runs in; tests pass their own. */
export interface CliIo {
  /** Folder that paths on the command line are relative to. */
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Whether stdout is a terminal (turns colour on). */
  isTTY?: boolean;
  /** Environment variables; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}
