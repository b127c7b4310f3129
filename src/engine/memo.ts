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

/**
 * `compute` remembered per key, for answers that depend on the key alone (names that recur across a workspace and
 * on every re-analysis of an edited file). At most `max` keys: the memory starts over when full, so hostile input
 * cannot grow it.
 */
export function rememberedAnswers<V>(compute: (key: string) => V, max: number): (key: string) => V {
  const answers = new Map<string, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    const value = compute(key);
    if (answers.size >= max) answers.clear();
    answers.set(key, value);
    return value;
  };
}
