import { NO_MODULE_VALUES, TerraformModel, UNKNOWN, type ModuleValues, type TfValue } from './model';
import { parseTerraform } from './parse';

/** Files read per module, and characters per file: a folder of generated Terraform is not a module to resolve. */
export const MAX_NEIGHBOURS = 64;
export const MAX_NEIGHBOUR_CHARS = 256 * 1024;
/**
 * Local modules (`source = "./modules/db"`): how deep calls are followed (a root, its modules, theirs…) and how
 * many of their `.tf` files one file reads in all.
 */
export const MAX_MODULE_DEPTH = 3;
export const MAX_MODULE_FILES = 48;

/**
 * What a module call gives the module it calls (see `moduleInstances`): its inputs, which replace the
 * module folder's own `.tfvars` (Terraform loads those only for the root module); the module's folder and
 * those of the modules that led to it, relative to the file that started the evaluation, so that a cycle of
 * calls is not followed and the depth is bounded.
 */
export interface ModuleBindings {
  readonly inputs: ReadonlyMap<string, TfValue>;
  readonly folder: string;
  readonly ancestors: readonly string[];
}

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

/** Whether a neighbour is in the analysed file's own folder (not in a module folder it calls). */
export function isSibling(file: string): boolean {
  return !file.includes('/') && !file.includes('\\');
}

/**
 * The module values of a file's neighbours in its own folder. With `bindings` the module is called by
 * another: the call's inputs are the assigned values, the folder's `.tfvars` are not read, and the locals of
 * the other files are worked out with the inputs and defaults. The Terraform grammar must be loaded.
 */
export function moduleValues(neighbours: ReadonlyArray<{ file: string; text: string }>, bindings?: ModuleBindings): ModuleValues {
  if (bindings) return boundValues(neighbours.filter((n) => isSibling(n.file) && n.file.endsWith('.tf') && n.text.length <= MAX_NEIGHBOUR_CHARS).slice(0, MAX_NEIGHBOURS), bindings);
  if (neighbours.length === 0) return NO_MODULE_VALUES;
  const assigned = new Map<string, TfValue>();
  const defaults = new Map<string, TfValue>();
  const locals = new Map<string, TfValue>();
  // Terraform loads terraform.tfvars first, then *.auto.tfvars in lexical order; later assignments win.
  const ordered = neighbours
    .filter((n) => isSibling(n.file) && (n.file.endsWith('.tf') || isAutoLoadedTfvars(n.file)))
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

/** Locals of the other files worked out with the inputs, per call (the files of a module share its bindings). */
const boundLocals = new WeakMap<ModuleBindings, Map<string, Map<string, TfValue>>>();

function boundValues(files: ReadonlyArray<{ file: string; text: string }>, bindings: ModuleBindings): ModuleValues {
  const defaults = new Map<string, TfValue>();
  for (const file of files) for (const [k, v] of valuesOf(file.file, file.text)?.variables ?? []) if (!defaults.has(k)) defaults.set(k, v);
  const outside: ModuleValues = { assigned: bindings.inputs, defaults, locals: new Map() };
  let byText = boundLocals.get(bindings);
  if (!byText) boundLocals.set(bindings, (byText = new Map()));
  const locals = new Map<string, TfValue>();
  for (const file of files) {
    let values = byText.get(file.text);
    if (!values) byText.set(file.text, (values = localsOf(file.text, outside)));
    for (const [k, v] of values) if (!locals.has(k)) locals.set(k, v);
  }
  return { assigned: bindings.inputs, defaults, locals };
}

/** The locals of a file whose value is known, given what the rest of the module says. */
function localsOf(text: string, outside: ModuleValues): Map<string, TfValue> {
  const locals = new Map<string, TfValue>();
  let parsed: ReturnType<typeof parseTerraform>;
  try {
    parsed = parseTerraform(text);
  } catch {
    return locals;
  }
  try {
    const model = new TerraformModel(parsed.root, text, outside);
    for (const block of model.blocksOf('locals')) {
      for (const attribute of block.attributes.values()) {
        const value = model.value(attribute);
        if (value !== UNKNOWN) locals.set(attribute.name, value);
      }
    }
    return locals;
  } finally {
    parsed.root.dispose();
  }
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
