import assert from 'node:assert/strict';
import { createProgress, progressAllowed } from '../../src/cli/progress';

describe('progress line', () => {
  function fakeClock() {
    let t = 1000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  }

  it('appears only after 300 ms, redraws at most every 100 ms, and is erased at the end', () => {
    const clock = fakeClock();
    let out = '';
    const progress = createProgress({ write: (s: string) => (out += s) }, true, clock.now);
    progress.update(1, 800);
    clock.advance(299);
    progress.update(2, 800);
    assert.equal(out, '', 'quick scans print nothing');
    clock.advance(1);
    progress.update(120, 800);
    assert.equal(out, '\r\x1b[Kscanning 120/800 files…');
    clock.advance(50);
    progress.update(121, 800);
    assert.equal(out, '\r\x1b[Kscanning 120/800 files…', 'not redrawn within 100 ms');
    clock.advance(100);
    progress.update(300, 800);
    progress.finish();
    assert.equal(out, '\r\x1b[Kscanning 120/800 files…\r\x1b[Kscanning 300/800 files…\r\x1b[K');
  });

  it('prints nothing when disabled, and finish erases nothing it did not draw', () => {
    const clock = fakeClock();
    let out = '';
    const disabled = createProgress({ write: (s: string) => (out += s) }, false, clock.now);
    clock.advance(10_000);
    disabled.update(1, 2);
    disabled.finish();
    const quick = createProgress({ write: (s: string) => (out += s) }, true, clock.now);
    quick.finish();
    assert.equal(out, '');
  });

  it('is allowed only on a terminal outside CI', () => {
    assert.equal(progressAllowed({ write: () => true, isTTY: true }, {}), true);
    assert.equal(progressAllowed({ write: () => true, isTTY: true }, { CI: 'true' }), false);
    assert.equal(progressAllowed({ write: () => true, isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(progressAllowed({ write: () => true }, {}), false);
  });
});
