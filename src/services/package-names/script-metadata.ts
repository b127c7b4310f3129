import { markUvSources, requirementList } from './pyproject';
import { readToml } from './toml-locate';
import type { PackageRef } from './types';

const OPENING = /^# \/\/\/ script[ \t]*\r?$/;
const CLOSING = /^# \/\/\/[ \t]*\r?$/;
const CONTENT = /^#(?: |\r?$)/;

/**
 * Dependencies of a Python script's inline metadata (PEP 723, what `uv run` and `pipx run` read):
 *
 * ```python
 * # /// script
 * # dependencies = ["requests<3", "rich"]
 * # ///
 * ```
 *
 * Only the first `script` block counts; it ends at the last `# ///` line of its run of comment lines.
 * Offsets are those of the script. Never throws.
 */
export function extractScriptMetadata(text: string): PackageRef[] {
  const block = scriptBlock(text);
  if (!block) return [];
  const doc = readToml(block);
  const refs = requirementList(doc, ['dependencies']).map((ref) => ({ ...ref, field: 'script dependencies' }));
  return markUvSources(doc, refs);
}

/**
 * The TOML of the block, as long as the script: every character outside it, and the `#` or `# ` that
 * starts each of its lines, made a space (line breaks kept), so that offsets in it are offsets in the script.
 */
function scriptBlock(text: string): string | undefined {
  if (!text.includes('# /// script')) return undefined;
  const lines = text.split('\n');
  const open = lines.findIndex((line) => OPENING.test(line));
  if (open < 0) return undefined;
  let close = -1;
  for (let i = open + 1; i < lines.length && CONTENT.test(lines[i]); i++) if (CLOSING.test(lines[i])) close = i;
  if (close < 0) return undefined;
  return lines
    .map((line, i) => {
      if (i <= open || i >= close) return blank(line);
      const prefix = line.startsWith('# ') ? 2 : 1;
      return ' '.repeat(prefix) + line.slice(prefix).replace(/\r$/, ' ');
    })
    .join('\n');
}

function blank(line: string): string {
  return ' '.repeat(line.length);
}
