import { findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { TextEdit } from '../../engine/types';

/**
 * Formatting of a JSON/JSONC text as jsonc-parser's `modify` wants it: the indentation of the first
 * indented line (a tab, or its number of spaces; 2 when nothing is indented) and the text's line end.
 */
export function formattingOf(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  if (indent.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indent.length, eol };
}

/**
 * Engine edits that set the value at `path` of a JSON/JSONC text to `value` (jsonc-parser's `modify`
 * converted to `{ range, text }`, with the file's indentation and line ends), or remove the property or
 * array element at `path` when `value` is undefined. Removal is done here: the entry and one adjacent comma
 * go, everything else (comments, the other entries' formatting) stays as written, where `modify` would
 * reformat the surrounding object. Undefined when the change cannot be computed (a text too broken or
 * too deeply nested), so callers simply offer no fix. `root` is the text's tree when the caller has it
 * (the adapter's), so a removal does not parse the text again.
 */
export function jsonEdits(text: string, path: JSONPath, value: unknown, root?: Node): TextEdit[] | undefined {
  try {
    const tree = root ?? parseTree(text);
    if (value === undefined) {
      const removal = removeEntry(text, path, tree);
      return removal ? [removal] : undefined;
    }
    // A new value for an existing entry: one edit of that value. (`modify` would reformat the line around
    // it, copying the text once per formatting edit: quadratic on a long or minified line.)
    const existing = tree && path.length > 0 ? findNodeAtLocation(tree, path) : undefined;
    if (existing && existing.type !== 'object' && existing.type !== 'array' && (value === null || typeof value !== 'object')) {
      return [{ range: [existing.offset, existing.offset + existing.length], text: JSON.stringify(value) }];
    }
    // `modify` formats the lines it touches; on minified JSON that is the whole file, once per call.
    if (hasLongLine(text)) return undefined;
    const edits = modify(text, path, value, { formattingOptions: formattingOf(text) });
    if (edits.length === 0) return undefined;
    return edits.map((e) => ({ range: [e.offset, e.offset + e.length] as const, text: e.content }));
  } catch {
    return undefined;
  }
}

/** The edit that removes the property or element at `path` with one adjacent comma. */
function removeEntry(text: string, path: JSONPath, root: Node | undefined): TextEdit | undefined {
  if (path.length === 0) return undefined;
  const container = root && findNodeAtLocation(root, path.slice(0, -1));
  const last = path[path.length - 1];
  const entries = container?.children ?? [];
  const index =
    container?.type === 'array' && typeof last === 'number'
      ? last
      : container?.type === 'object'
        ? entries.findLastIndex((p) => p.children?.[0]?.value === last)
        : -1;
  const entry = entries[index];
  if (!entry) return undefined;
  const end = entry.offset + entry.length;
  // Followed by a comma: the entry, the comma and the white space up to what comes next.
  const comma = /^\s*,\s*/.exec(text.slice(end, container!.offset + container!.length));
  if (entries[index + 1] || (comma && index === 0)) return { range: [entry.offset, end + (comma?.[0].length ?? 0)], text: '' };
  // The last of several: the comma before it goes.
  const previous = entries[index - 1];
  if (previous) return { range: [previous.offset + previous.length, end], text: '' };
  return { range: [entry.offset, end], text: '' };
}

/** Lines longer than this are minified JSON, where a formatted insertion would rewrite the file. */
const MAX_FORMATTED_LINE = 10_000;
let lastChecked: { text: string; long: boolean } | undefined;

/** Whether `text` has a line longer than {@link MAX_FORMATTED_LINE} (remembered for the last text asked about). */
function hasLongLine(text: string): boolean {
  if (lastChecked?.text === text) return lastChecked.long;
  let long = false;
  for (let start = 0; start < text.length && !long; ) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    long = stop - start > MAX_FORMATTED_LINE;
    start = stop + 1;
  }
  lastChecked = { text, long };
  return long;
}
