import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NeighbourFile } from '../engine/analyzer';
import type { Classification } from '../engine/classify';
import { isAutoLoadedTfvars, MAX_NEIGHBOUR_CHARS, MAX_NEIGHBOURS } from '../languages/terraform/module-values';
import { readSource } from './read-source';


/**
 * The other files of the unit a file belongs to (see `AnalyzeRequest.neighbours`): for a Terraform file,
 * the `.tf` files and auto-loaded `.tfvars` of its folder. Read like any scanned file — inside `within`
 * only, never through a link that leads out, bounded in count and size; `textOf` gives the text of a file
 * the caller holds (an open editor's unsaved text). Nothing for other languages.
 */
export function readNeighbours(absolute: string, classification: Classification, within: string | undefined, textOf: (absolute: string) => string | undefined = () => undefined): NeighbourFile[] {
  if (classification.language !== 'terraform') return [];
  const dir = path.dirname(absolute);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const self = path.basename(absolute);
  const out: NeighbourFile[] = [];
  for (const name of names.sort()) {
    if (out.length >= MAX_NEIGHBOURS) break;
    if (name === self || !(name.endsWith('.tf') || isAutoLoadedTfvars(name))) continue;
    const file = path.join(dir, name);
    const held = textOf(file);
    if (held !== undefined) {
      if (held.length <= MAX_NEIGHBOUR_CHARS) out.push({ file: name, text: held });
      continue;
    }
    const source = readSource(file, MAX_NEIGHBOUR_CHARS, within ?? dir);
    if (source.ok && !source.lossy) out.push({ file: name, text: source.text });
  }
  return out;
}
