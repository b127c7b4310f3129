/** The callbacks waiting on each signal, behind the one listener {@link onAbort} gives it. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once when `signal` aborts; the returned function unregisters it. A signal gets one
 * real listener however many callbacks wait on it: `EventTarget.addEventListener` scans the listeners it
 * has, so thousands of look-ups waiting on one scan's signal would cost quadratic time (8,000
 * dependencies took 27 s). Call it only for a signal that has not aborted yet.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const fresh = new Set<() => void>();
    waiting.set(signal, (callbacks = fresh));
    signal.addEventListener(
      'abort',
      () => {
        const due = [...fresh];
        fresh.clear();
        for (const cb of due) cb();
      },
      { once: true },
    );
  }
  const set = callbacks;
  set.add(callback);
  return () => set.delete(callback);
}
