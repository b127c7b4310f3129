import { NO_MODULE_VALUES, TerraformModel, UNKNOWN, type ModuleValues, type TfValue } from './model';
import { parseTerraform } from './parse';

/** Files read per module, and characters per file: a folder of generated Terraform is not a module to resolve. */
export const MAX_NEIGHBOURS = 64;
export const MAX_NEIGHBOUR_CHARS = 256 * 1024;

/** What one neighbour file contributes, by its text (a workspace scan reads each file once per module, not once per file). */
interface FileValues {
  kind: 'tf' | 'tfvars';
  variables: Map<string, TfValue>;
  locals: Map<string, TfValue>;
}
const cache = new Map<string, FileValues>();
const MAX_CACHED = 64;

/** Whether Terraform loads a `.tfvars` file by itself (others are passed with `-var-file`, so their values are unknown). */
export function isAutoLoadedTfvars(file: string): boolean {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base === 'terraform.tfvars' || base.endsWith('.auto.tfvars');
}

/** The module values of a file's neighbours. The Terraform grammar must be loaded. */
export function moduleValues(neighbours: ReadonlyArray<{ file: string; text: string }>): ModuleValues {
  if (neighbours.length === 0) return NO_MODULE_VALUES;
  const assigned = new Map<string, TfValue>();
  const defaults = new Map<string, TfValue>();
  const locals = new Map<string, TfValue>();
  // Terraform loads terraform.tfvars first, then *.auto.tfvars in lexical order; later assignments win.
  const ordered = neighbours
    .filter((n) => n.file.endsWith('.tf') || isAutoLoadedTfvars(n.file))
    .filter((n) => n.text.length <= MAX_NEIGHBOUR_CHARS)
    .slice(0, MAX_NEIGHBOURS)
    .sort((a, b) => tfvarsOrder(a.file) - tfvarsOrder(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const neighbour of ordered) {
    const values = valuesOf(neighbour.file, neighbour.text);
    if (!values) continue;
    if (values.kind === 'tfvars') for (const [k, v] of values.variables) assigned.set(k, v);
    else {
      for (const [k, v] of values.variables) if (!defaults.has(k)) defaults.set(k, v);
      for (const [k, v] of values.locals) if (!locals.has(k)) locals.set(k, v);
    }
  }
  return { assigned, defaults, locals };
}

function tfvarsOrder(file: string): number {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base === 'terraform.tfvars' ? 1 : base.endsWith('.auto.tfvars') ? 2 : 0;
}

function valuesOf(file: string, text: string): FileValues | null {
  const kind = file.endsWith('.tf') ? 'tf' : 'tfvars';
  const key = `${kind}\n${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let parsed: ReturnType<typeof parseTerraform>;
  try {
    parsed = parseTerraform(text);
  } catch {
    return null;
  }
  try {
    const model = new TerraformModel(parsed.root, text);
    const values: FileValues = { kind, variables: new Map(), locals: new Map() };
    if (kind === 'tfvars') {
      for (const attribute of model.topLevelAttributes()) values.variables.set(attribute.name, model.value(attribute));
    } else {
      for (const block of model.blocksOf('variable')) {
        const name = block.labels[0];
        const value = block.attributes.has('default') ? model.value(block.attributes.get('default')) : UNKNOWN;
        if (name && value !== UNKNOWN) values.variables.set(name, value);
      }
      for (const block of model.blocksOf('locals')) {
        for (const attribute of block.attributes.values()) {
          const value = model.value(attribute);
          if (value !== UNKNOWN) values.locals.set(attribute.name, value);
        }
      }
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, values);
    return values;
  } finally {
    parsed.root.dispose();
  }
}
