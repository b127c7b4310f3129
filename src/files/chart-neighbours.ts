import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NeighbourFile } from '../engine/analyzer';
import type { Classification } from '../engine/classify';
import { isKustomization, KUSTOMIZATION_NAMES, kustomizationReferences } from '../languages/yaml';
import { MAX_KUSTOMIZE_DEPTH, MAX_KUSTOMIZE_FILES } from '../languages/yaml/kustomize';
import { isInside } from './containment';
import { readSource } from './read-source';

/** Largest chart or kustomize file read as a neighbour, and most characters read for one analysed file. */
export const MAX_CHART_FILE_BYTES = 512 * 1024;
export const MAX_CHART_TOTAL_CHARS = 8 * 1024 * 1024;
/** Folders looked through upwards for the `templates/` a chart template is in. */
const MAX_TEMPLATE_DEPTH = 8;

/**
 * The files a Kubernetes YAML file is rendered with (see `AnalyzeRequest.neighbours`), paths relative to its folder:
 * - a Helm template (`<chart>/templates/**.yaml` with `<chart>/Chart.yaml`): the chart's `Chart.yaml` and `values.yaml`;
 * - a kustomization (`kustomization.yaml`, `.yml`, `Kustomization`): the resources it loads (files, and folders with
 *   a kustomization, recursively) and its patch files;
 * - a patch file named by a kustomization in its folder or the one above: that kustomization and what it loads.
 * Read like any scanned file: inside `within` only, never through a link that leads out, no remote bases, bounded in
 * depth, count and size, cycles cut. `textOf` gives the text of a file the caller holds (an open editor's unsaved text).
 */
export function readChartNeighbours(
  absolute: string,
  classification: Classification,
  within: string | undefined,
  textOf: (absolute: string) => string | undefined = () => undefined,
  text?: string,
): NeighbourFile[] {
  if (classification.language !== 'yaml' || classification.dialect !== 'yaml') return [];
  const reader = new Reader(absolute, within ?? path.dirname(absolute), textOf);
  const chart = chartFiles(absolute, reader);
  if (chart) return chart;
  if (isKustomization(absolute)) return reader.kustomization(absolute);
  // Only a file that can be a patch (an object, or JSON 6902 operations) looks for the kustomization naming it.
  if (text !== undefined && !/^[ \t]*(?:kind|- op)[ \t]*:/m.test(text)) return [];
  for (const dir of [path.dirname(absolute), path.dirname(path.dirname(absolute))]) {
    for (const name of KUSTOMIZATION_NAMES) {
      const file = path.join(dir, name);
      const kustomization = reader.peek(file);
      if (kustomization === undefined) continue;
      const refs = kustomizationReferences(kustomization);
      if (refs?.patches.some((p) => path.resolve(dir, p) === absolute)) return reader.kustomization(file);
    }
  }
  return [];
}

/** `Chart.yaml` and `values.yaml` of the chart whose `templates/` holds the file. */
function chartFiles(absolute: string, reader: Reader): NeighbourFile[] | undefined {
  let dir = path.dirname(absolute);
  for (let i = 0; i < MAX_TEMPLATE_DEPTH && path.dirname(dir) !== dir; i++, dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'templates') continue;
    const root = path.dirname(dir);
    if (!reader.add(path.join(root, 'Chart.yaml'))) return undefined;
    reader.add(path.join(root, 'values.yaml'));
    return reader.files;
  }
  return undefined;
}

class Reader {
  readonly files: NeighbourFile[] = [];
  private readonly seen = new Set<string>();
  private chars = 0;

  constructor(
    private readonly absolute: string,
    private readonly within: string,
    private readonly textOf: (absolute: string) => string | undefined,
  ) {}

  /** The text of a file, bounded and inside the root; undefined when it cannot be read. */
  peek(file: string): string | undefined {
    const held = this.textOf(file);
    if (held !== undefined) return held.length <= MAX_CHART_FILE_BYTES ? held : undefined;
    const source = readSource(file, MAX_CHART_FILE_BYTES, this.within);
    return source.ok && !source.lossy ? source.text : undefined;
  }

  /** Adds a file as a neighbour (once); false when it cannot be read or a bound is reached. */
  add(file: string): boolean {
    if (file === this.absolute) return true;
    if (this.seen.has(file)) return true;
    if (this.files.length >= MAX_KUSTOMIZE_FILES) return false;
    this.seen.add(file);
    const text = this.peek(file);
    if (text === undefined || this.chars + text.length > MAX_CHART_TOTAL_CHARS) return false;
    this.chars += text.length;
    this.files.push({ file: path.relative(path.dirname(this.absolute), file).split(path.sep).join('/'), text });
    return true;
  }

  /** A kustomization and, recursively, the resources and patch files it names. */
  kustomization(file: string, depth = 0): NeighbourFile[] {
    if (depth > MAX_KUSTOMIZE_DEPTH || (depth > 0 && this.seen.has(file))) return this.files;
    const text = file === this.absolute ? this.peek(file) : this.add(file) ? this.files.find((f) => f.file === this.relative(file))?.text : undefined;
    if (text === undefined) return this.files;
    this.seen.add(file);
    const refs = kustomizationReferences(text);
    if (!refs) return this.files;
    const dir = path.dirname(file);
    for (const resource of refs.resources) {
      const target = path.resolve(dir, resource);
      if (!isInside(this.within, target)) continue;
      const folder = isFolder(target) ? KUSTOMIZATION_NAMES.map((n) => path.join(target, n)).find((k) => this.peek(k) !== undefined) : undefined;
      if (folder) this.kustomization(folder, depth + 1);
      else this.add(target);
    }
    for (const patch of refs.patches) this.add(path.resolve(dir, patch));
    return this.files;
  }

  private relative(file: string): string {
    return path.relative(path.dirname(this.absolute), file).split(path.sep).join('/');
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
