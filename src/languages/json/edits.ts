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
    if (value === undefined) {
      const removal = removeEntry(text, path, root ?? parseTree(text));
      return removal ? [removal] : undefined;
    }
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
