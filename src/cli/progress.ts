import type { OutputStream } from './io';

/** Draws `scanning n/total files…` on one terminal line. */
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line, if anything was drawn. */
  finish(): void;
}

/** The progress line appears only once a scan has run this long. */
const DELAY_MS = 300;
/** At most this often is the line redrawn. */
const REDRAW_MS = 100;

/**
 * A progress line on `stream`, redrawn with `\r`, shown only when `enabled` (a terminal, not CI) and
 * the scan takes longer than 300 ms, so quick scans and logs stay clean.
 */
export function createProgress(stream: OutputStream, enabled: boolean, now: () => number = Date.now): Progress {
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(done, total) {
      if (!enabled) return;
      const t = now();
      if (t - start < DELAY_MS || t - lastDraw < REDRAW_MS) return;
      lastDraw = t;
      drawn = true;
      stream.write(`\r\x1b[Kscanning ${done}/${total} files…`);
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** Whether a progress line may be drawn: the stream is a terminal and this is not a CI job. */
export function progressAllowed(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}
