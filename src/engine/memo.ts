/**
 * `compute` remembering its last answer: for a question every rule asks of the same file in a row (the engine runs
 * a file's rules one after the other), answered once per file. One entry, so nothing of an earlier file is kept
 * beyond the next question; keys are compared with `===` (a file's text is the same string for all its rules).
 */
export function lastAnswer<K, V>(compute: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (key) => {
    if (last === undefined || last.key !== key) last = { key, value: compute(key) };
    return last.value;
  };
}
