import { parseTree, type Node } from 'jsonc-parser';
import { isValidName } from './names';
import type { PackageRef } from './types';

/** Fields of package.json whose keys are dependency names. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
/** Fields of package.json that list dependency names in an array. */
const BUNDLE_FIELDS = ['bundleDependencies', 'bundledDependencies'];
/** Specs that do not come from the registry. */
const NON_REGISTRY_SPEC = /^(?:workspace:|file:|link:|portal:|patch:|git(?:\+|:|hub:|lab:)|bitbucket:|gist:|https?:|\.{0,2}\/|~\/|[\w.-]+\/[\w.-]+(?:#.*)?$)|\.tgz$|\.tar\.gz$/i;

/** Whether an npm dependency spec resolves through the package registry. */
export function isRegistrySpec(spec: string): boolean {
  return !NON_REGISTRY_SPEC.test(spec.trim());
}

/**
 * Every dependency declared in a package.json text (all dependency fields, bundle arrays and
 * `overrides`), with the offsets of each name. Malformed JSON gives whatever could be read.
 * @param tree the text's jsonc-parser tree when the caller has it already (the JSON adapter's), spares a second parse
 */
export function extractPackageJson(text: string, tree?: Node): PackageRef[] {
  const root = tree ?? parseDeep(text);
  if (root?.type !== 'object') return [];
  const refs: PackageRef[] = [];
  for (const prop of root.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.type !== 'string' || !value) continue;
    const field = String(key.value);
    if (DEPENDENCY_FIELDS.includes(field) && value.type === 'object') refs.push(...objectDependencies(text, value, field));
    else if (BUNDLE_FIELDS.includes(field) && value.type === 'array') refs.push(...arrayDependencies(text, value, field));
    else if (field === 'overrides' && value.type === 'object') refs.push(...overrideDependencies(text, value, 0));
  }
  return refs;
}

/** Offsets of a string node's content, or undefined when the raw text differs from the value (escapes). */
function innerRange(text: string, node: Node): [number, number] | undefined {
  const range: [number, number] = [node.offset + 1, node.offset + node.length - 1];
  return text.slice(range[0], range[1]) === node.value ? range : undefined;
}

function objectDependencies(text: string, object: Node, field: string): PackageRef[] {
  const refs: PackageRef[] = [];
  for (const prop of object.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.type !== 'string') continue;
    const spec = value?.type === 'string' ? String(value.value) : undefined;
    const ref = spec !== undefined && value ? dependencyRef(text, key, value, spec, field) : nameRef(text, key, undefined, field);
    if (ref) refs.push(ref);
  }
  return refs;
}

/** One `"name": "spec"` entry; `npm:` aliases point at the real name inside the spec. */
function dependencyRef(text: string, key: Node, value: Node, spec: string, field: string): PackageRef | undefined {
  if (!spec.startsWith('npm:')) return nameRef(text, key, spec, field);
  const valueRange = innerRange(text, value);
  const target = spec.slice(4);
  const at = target.indexOf('@', 1);
  const name = at < 0 ? target : target.slice(0, at);
  if (!valueRange || !isValidName('npm', name)) return undefined;
  const start = valueRange[0] + 4;
  const ref: PackageRef = { ecosystem: 'npm', name, range: [start, start + name.length], source: 'manifest', field, registry: true, alias: String(key.value) };
  if (at >= 0) ref.spec = target.slice(at + 1);
  return ref;
}

function nameRef(text: string, key: Node, spec: string | undefined, field: string): PackageRef | undefined {
  const name = String(key.value);
  const range = innerRange(text, key);
  if (!range || !isValidName('npm', name)) return undefined;
  const ref: PackageRef = { ecosystem: 'npm', name, range, source: 'manifest', field, registry: spec === undefined || isRegistrySpec(spec) };
  if (spec !== undefined) ref.spec = spec;
  return ref;
}

function arrayDependencies(text: string, array: Node, field: string): PackageRef[] {
  const refs: PackageRef[] = [];
  for (const item of array.children ?? []) {
    if (item.type !== 'string') continue;
    const ref = nameRef(text, item, undefined, field);
    if (ref) refs.push(ref);
  }
  return refs;
}

/** `overrides` keys are names, optionally `name@range`, and may nest; `.` means the parent itself. */
function overrideDependencies(text: string, object: Node, depth: number): PackageRef[] {
  if (depth > 20) return [];
  const refs: PackageRef[] = [];
  for (const prop of object.children ?? []) {
    const [key, value] = prop.children ?? [];
    if (key?.type !== 'string' || !value) continue;
    const keyRange = innerRange(text, key);
    const raw = String(key.value);
    const at = raw.indexOf('@', 1);
    const name = at < 0 ? raw : raw.slice(0, at);
    if (keyRange && isValidName('npm', name)) {
      const spec = value.type === 'string' ? String(value.value) : at >= 0 ? raw.slice(at + 1) : undefined;
      const registry = spec === undefined || spec.startsWith('$') || isRegistrySpec(spec);
      const ref: PackageRef = { ecosystem: 'npm', name, range: [keyRange[0], keyRange[0] + name.length], source: 'manifest', field: 'overrides', registry };
      if (spec !== undefined && !spec.startsWith('$')) ref.spec = spec;
      refs.push(ref);
    }
    if (value.type === 'object') refs.push(...overrideDependencies(text, value, depth + 1));
  }
  return refs;
}

/** jsonc-parser recurses per nesting level; absurdly deep input exhausts the stack and reads as nothing. */
function parseDeep(text: string): Node | undefined {
  try {
    return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
