import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NeighbourFile } from '../engine/analyzer';
import type { Classification } from '../engine/classify';
import { isAutoLoadedTfvars, MAX_MODULE_DEPTH, MAX_MODULE_FILES, MAX_NEIGHBOUR_CHARS, MAX_NEIGHBOURS } from '../languages/terraform/module-values';
import { readChartNeighbours } from './chart-neighbours';
import { isInside, realpathOrNull } from './containment';
import { readSource } from './read-source';

/**
 * The `source` of the local modules a Terraform text calls (`source = "./modules/db"`, `"../shared"`), as
 * written; registry, git and other sources are not local. Read line by line, without parsing: a `source`
 * of another block (a provisioner's) only makes a folder be read that nothing evaluates.
 */
export function localModuleSources(text: string): string[] {
  const sources = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*source[ \t]*=[ \t]*"(\.\.?\/[^"\r\n\\$]{0,512})"/gm)) sources.add(m[1]);
  return [...sources];
}

/**
 * The other files of the unit a file belongs to (see `AnalyzeRequest.neighbours`): for a YAML file, what a Helm
 * template or kustomize file is rendered with (see `readChartNeighbours`); for a Terraform file,
 * the `.tf` files and auto-loaded `.tfvars` of its folder, and the `.tf` files of the local modules it calls
 * (and those they call, {@link MAX_MODULE_DEPTH} levels deep, each folder once), named relative to its folder
 * (`modules/db/main.tf`, `../shared/main.tf`). Read like any scanned file — inside `within` only (a module
 * folder outside it, or reached through a link that leads out of it, is not read), bounded in count and
 * size; `textOf` gives the text of a file the caller holds (an open editor's unsaved text), and `text` the
 * analysed file's own (read again when not given). Nothing for other languages.
 */
export function readNeighbours(
  absolute: string,
  classification: Classification,
  within: string | undefined,
  textOf: (absolute: string) => string | undefined = () => undefined,
  text?: string,
): NeighbourFile[] {
  // A Helm template or a kustomize file: the chart's values, the kustomization's bases and patches.
  if (classification.language === 'yaml') return readChartNeighbours(absolute, classification, within, textOf, text);
  if (classification.language !== 'terraform') return [];
  const dir = path.dirname(absolute);
  const self = path.basename(absolute);
  const read = (file: string): string | undefined => {
    const held = textOf(file);
    if (held !== undefined) return held.length <= MAX_NEIGHBOUR_CHARS ? held : undefined;
    const source = readSource(file, MAX_NEIGHBOUR_CHARS, within ?? dir);
    return source.ok && !source.lossy ? source.text : undefined;
  };
  const out: NeighbourFile[] = [];
  for (const name of listFolder(dir)) {
    if (out.length >= MAX_NEIGHBOURS) break;
    if (name === self || !(name.endsWith('.tf') || isAutoLoadedTfvars(name))) continue;
    const content = read(path.join(dir, name));
    if (content !== undefined) out.push({ file: name, text: content });
  }
  if (!self.endsWith('.tf')) return out;
  const own = text ?? read(absolute);
  if (own === undefined) return out;
  out.push(...readModules(dir, own, within, read));
  return out;
}

/**
 * The `.tf` files of the local modules a file of `dir` calls, breadth first: a module folder must really be
 * inside `within` (or `dir` when no workspace is known), links resolved; each folder is read once (a cycle of
 * calls ends there).
 */
function readModules(dir: string, text: string, within: string | undefined, read: (file: string) => string | undefined): NeighbourFile[] {
  const root = realpathOrNull(within ?? dir);
  const here = realpathOrNull(dir);
  if (root === null || here === null) return [];
  const out: NeighbourFile[] = [];
  const seen = new Set([here]);
  // Sources looked up in all (a hostile file may name thousands of folders).
  let lookups = 0;
  let level: Array<{ folder: string; texts: string[] }> = [{ folder: dir, texts: [text] }];
  for (let depth = 0; depth < MAX_MODULE_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { folder, texts } of level) {
      for (const source of texts.flatMap(localModuleSources)) {
        if (++lookups > MAX_MODULE_FILES || out.length >= MAX_MODULE_FILES) return out;
        const target = path.resolve(folder, source);
        const real = realpathOrNull(target);
        if (real === null || seen.has(real) || !isInside(root, real)) continue;
        seen.add(real);
        const files: string[] = [];
        for (const name of listFolder(target)) {
          if (files.length >= MAX_NEIGHBOURS || out.length >= MAX_MODULE_FILES) break;
          if (!name.endsWith('.tf')) continue;
          const content = read(path.join(target, name));
          if (content === undefined) continue;
          out.push({ file: path.relative(dir, path.join(target, name)).split(path.sep).join('/'), text: content });
          files.push(content);
        }
        next.push({ folder: target, texts: files });
      }
    }
    level = next;
  }
  return out;
}

/** The names in a folder, sorted; none when it cannot be listed. */
function listFolder(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}
