import * as path from 'node:path';
import type { Instance, InstancePlacement } from '../../engine/language';
import type { Range } from '../../engine/types';
import type { TerraformHelpers } from './helpers';
import type { TerraformModel, TfAttribute, TfBlock, TfValue } from './model';
import { MAX_MODULE_DEPTH, MAX_NEIGHBOURS, type ModuleBindings } from './module-values';
import { parseTerraform } from './parse';

/** Arguments of a `module` block that Terraform reads itself; every other attribute is an input of the module. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
/** How many `local.x` → `local.y` steps are followed to find the inputs a local depends on. */
const MAX_LOCAL_STEPS = 16;

/**
 * The local modules a file calls (`module "db" { source = "./modules/db" … }`), one instance per `.tf` file of
 * the module's folder among the file's neighbours, bound to the call's inputs. Only `./` and `../` sources
 * are local (registry, git and other sources are not read); a call that makes no instance (`count = 0`, an
 * empty `for_each`), a call of the file's own folder or of a module that calls it, and calls nested deeper
 * than {@link MAX_MODULE_DEPTH} are left out. A finding the inputs cause is placed at the input's value (see
 * {@link placeInCall}).
 */
export function moduleInstances(helpers: TerraformHelpers): Instance[] {
  // Folders are compared relative to the file that started the evaluation (a `../` module can always be named from there).
  const here = helpers.bindings?.folder ?? '';
  const ancestors = helpers.bindings?.ancestors ?? [];
  if (ancestors.length >= MAX_MODULE_DEPTH || helpers.neighbours.length === 0) return [];
  const model = helpers.model();
  const out: Instance[] = [];
  // One baseline per module folder: the engine analyses a module without inputs once, whichever call it is for.
  const baselines = new Map<string, ModuleBindings>();
  for (const call of model.blocksOf('module')) {
    const name = call.labels[0];
    const source = model.value(call.attributes.get('source'));
    if (!name || typeof source !== 'string' || !/^\.\.?\//.test(source) || !model.isCreated(call)) continue;
    const folder = normalize(source);
    const called = normalize(path.posix.join(here, source));
    if (called === here || ancestors.includes(called)) continue;
    const files = helpers.neighbours
      .filter((n) => n.file.endsWith('.tf') && dirname(n.file) === folder)
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
      .slice(0, MAX_NEIGHBOURS);
    if (files.length === 0) continue;
    const inputs = new Map<string, TfValue>();
    for (const [input, attribute] of call.attributes) if (!META_ARGUMENTS.has(input)) inputs.set(input, model.value(attribute));
    if (inputs.size === 0) continue; // nothing but its defaults: what the module has on its own
    const bindings: ModuleBindings = { inputs, folder: called, ancestors: [...ancestors, here] };
    const baseline = baselines.get(called) ?? baselines.set(called, { inputs: new Map(), folder: called, ancestors: bindings.ancestors }).get(called)!;
    const moduleNeighbours = helpers.neighbours.flatMap((n) => {
      const file = relative(folder, n.file);
      return file === null ? [] : [{ file, text: n.text }];
    });
    // Read only when a finding is placed: most calls cause none.
    const read = new Map<string, References>();
    const references = (text: string) => read.get(text) ?? read.set(text, referencesIn(text)).get(text)!;
    let dependencies: Map<string, Set<string>> | undefined;
    const localInputs = () => (dependencies ??= localDependencies(files.map((f) => references(f.text))));
    // A file that reads no input (and no local, which may) is the same with and without the call: not analysed for it.
    const names = [...inputs.keys()];
    const reads = (text: string) => text.includes('local.') || names.some((n) => new RegExp(`\\bvar\\.${escape(n)}\\b`).test(text));
    for (const file of files) {
      if (!reads(file.text)) continue;
      const own = file.file.slice(folder.length + 1);
      out.push({
        file: file.file,
        text: file.text,
        neighbours: moduleNeighbours.filter((n) => n.file !== own),
        bindings,
        baseline,
        label: `module.${name}`,
        place: (range) => placeInCall(model, call, `module.${name}`, references(file.text), localInputs, range),
      });
    }
  }
  return out;
}

/** Where the variables and locals of a module file are read, its blocks, and its top-level locals. */
interface References {
  refs: Array<{ root: 'var' | 'local'; name: string; range: Range }>;
  blocks: Range[];
  locals: Array<{ name: string; range: Range }>;
}

/**
 * Where a finding at `range` of a module file, which the call's inputs cause, goes in the calling file: at the
 * value of the input the finding's text reads (`var.x`, or a `local.y` that depends on `var.x`), else at the
 * one input the innermost enclosing block reads, else (several or none) at the call's `module "…"` header.
 */
function placeInCall(model: TerraformModel, call: TfBlock, label: string, references: References, localInputs: () => Map<string, Set<string>>, range: Range): InstancePlacement {
  const given = (name: string) => call.attributes.has(name) && !META_ARGUMENTS.has(name);
  const inputsIn = (within: Range, overlapping: boolean) => {
    const names = new Set<string>();
    const direct: Range[] = [];
    for (const ref of references.refs) {
      const inside = overlapping ? overlaps(ref.range, within) : ref.range[0] >= within[0] && ref.range[1] <= within[1];
      if (!inside) continue;
      if (ref.root === 'var') {
        if (given(ref.name)) {
          names.add(ref.name);
          direct.push(ref.range);
        }
      } else for (const name of localInputs().get(ref.name) ?? []) if (given(name)) names.add(name);
    }
    return { names: [...names], direct };
  };
  const at = inputsIn(range, true);
  if (at.names.length === 1) return placeAtInput(model, label, call.attributes.get(at.names[0])!, at.direct.length === 1 ? at.direct[0] : undefined);
  if (at.names.length === 0) {
    const enclosing = references.blocks.filter((b) => b[0] <= range[0] && range[1] <= b[1]).sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
    for (const block of enclosing) {
      const names = inputsIn(block, false).names;
      if (names.length === 1) return placeAtInput(model, label, call.attributes.get(names[0])!, undefined);
      if (names.length > 1) break;
    }
  }
  return { range: call.headerRange };
}

/** At the input's value (where it is written: a variable default of the calling module, say), with an edit of the reference moved to the input. */
function placeAtInput(model: TerraformModel, label: string, input: TfAttribute, reference: Range | undefined): InstancePlacement {
  const value = model.locate(input).range;
  const written = value[0] >= input.range[0] && value[1] <= input.range[1];
  return {
    range: value,
    ...(reference ? { edit: { from: reference, to: input.valueRange } } : {}),
    ...(written ? {} : { related: { range: input.range, message: `passed to ${label} as ${input.name}` } }),
  };
}

function overlaps(a: Range, b: Range): boolean {
  return b[0] === b[1] ? a[0] <= b[0] && b[0] <= a[1] : a[0] < b[1] && b[0] < a[1];
}

/** The `var.x` and `local.x` references of a text, its blocks and its top-level locals; nothing when it does not parse. */
function referencesIn(text: string): References {
  const out: References = { refs: [], blocks: [], locals: [] };
  let parsed: ReturnType<typeof parseTerraform>;
  try {
    parsed = parseTerraform(text);
  } catch {
    return out;
  }
  try {
    const top = parsed.root.tree.rootNode;
    for (const variable of top.descendantsOfType('variable_expr')) {
      const expression = variable?.parent;
      const root = variable?.text;
      const attr = expression?.namedChildren[1];
      if (!expression || (root !== 'var' && root !== 'local') || expression.namedChildren[0]?.id !== variable.id || attr?.type !== 'get_attr') continue;
      const name = attr.namedChildren[0]?.text;
      if (name) out.refs.push({ root, name, range: [expression.startIndex, expression.endIndex] });
    }
    for (const block of top.descendantsOfType('block')) {
      if (!block) continue;
      out.blocks.push([block.startIndex, block.endIndex]);
      if (block.namedChildren[0]?.text !== 'locals' || block.parent?.parent?.type !== 'config_file') continue;
      const body = block.namedChildren.find((n) => n?.type === 'body');
      for (const attribute of body?.namedChildren ?? []) {
        const name = attribute?.type === 'attribute' ? attribute.namedChildren[0]?.text : undefined;
        if (attribute && name) out.locals.push({ name, range: [attribute.startIndex, attribute.endIndex] });
      }
    }
    return out;
  } finally {
    parsed.root.dispose();
  }
}

/** The variables each local of the module's files depends on, through other locals. */
function localDependencies(files: readonly References[]): Map<string, Set<string>> {
  const direct = new Map<string, { vars: Set<string>; locals: Set<string> }>();
  for (const { refs, locals } of files) {
    for (const local of locals) {
      if (direct.has(local.name)) continue;
      const inside = refs.filter((r) => r.range[0] >= local.range[0] && r.range[1] <= local.range[1]);
      direct.set(local.name, { vars: new Set(inside.filter((r) => r.root === 'var').map((r) => r.name)), locals: new Set(inside.filter((r) => r.root === 'local').map((r) => r.name)) });
    }
  }
  const out = new Map<string, Set<string>>();
  for (const name of direct.keys()) {
    const vars = new Set<string>();
    const seen = new Set<string>([name]);
    let frontier = [name];
    for (let step = 0; step < MAX_LOCAL_STEPS && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const local of frontier) {
        const d = direct.get(local);
        for (const v of d?.vars ?? []) vars.add(v);
        for (const l of d?.locals ?? []) {
          if (seen.has(l)) continue;
          seen.add(l);
          next.push(l);
        }
      }
      frontier = next;
    }
    out.set(name, vars);
  }
  return out;
}

/** A relative path with `.` and `..` resolved (leading `..` kept), `/`-separated, without a trailing `/`; `''` for the folder itself. */
export function normalize(file: string): string {
  let normal = path.posix.normalize(file);
  while (normal.endsWith('/')) normal = normal.slice(0, -1);
  return normal === '.' || normal === '' ? '' : normal;
}

/** `to` (relative to some folder) relative to `from` (relative to the same one), or null when that cannot be said without the folder's name. */
export function relative(from: string, to: string): string | null {
  const f = from === '' ? [] : from.split('/');
  const t = to === '' ? [] : to.split('/');
  let common = 0;
  while (common < f.length && common < t.length && f[common] === t[common]) common++;
  if (f.slice(common).includes('..')) return null;
  return [...f.slice(common).map(() => '..'), ...t.slice(common)].join('/');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dirname(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}
