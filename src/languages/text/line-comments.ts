import type { SourceComment } from '../../engine/language';

/**
 * Comments on lines of their own that start with one of `markers` (`#`, `;`, `//`): enough for the
 * formats read as plain text (`.env`, INI, the source of languages without a parser here), where only
 * suppression comments — always on their own line — matter. Linear: one look at the start of each line.
 */
export function ownLineComments(text: string, markers: readonly string[]): SourceComment[] {
  const comments: SourceComment[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
    const marker = markers.find((m) => text.startsWith(m, i));
    if (marker) {
      const stop = text[end - 1] === '\r' ? end - 1 : end;
      comments.push({ range: [i, stop], value: text.slice(i + marker.length, stop) });
    }
    start = end + 1;
  }
  return comments;
}
