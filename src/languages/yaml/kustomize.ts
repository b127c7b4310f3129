import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../../engine/types';
import { parseYaml, type YamlDocument } from './parse';
import {
  emitTree,
  MAX_TREE_NODES,
  NotRendered,
  RenderedBuilder,
  toTree,
  treeGet,
  type Budget,
  type OtherPlace,
  type Rendered,
  type Source,
  type Tree,
  type TreeMap,
  type TreeScalar,
  type TreeSeq,
} from './rendered';

/** The names kustomize reads a kustomization from. */
export const KUSTOMIZATION_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Deepest chain of kustomizations (an overlay of an overlay of a base…) and most files one render reads. */
export const MAX_KUSTOMIZE_DEPTH = 5;
export const MAX_KUSTOMIZE_FILES = 200;

/** Fields of a kustomization whose effect is not modelled: the file is then not rendered. */
const UNSUPPORTED = ['components', 'replacements', 'transformers', 'generators', 'helmCharts', 'helmChartInflationGenerator'];

/** List fields strategic merge merges item by item, by this key (the Kubernetes `patchMergeKey`s that matter here). */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
};

/** Kinds that live outside namespaces: kustomize's `namespace` leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'IngressClass', 'RuntimeClass',
  'PodSecurityPolicy', 'VolumeAttachment', 'CertificateSigningRequest',
]);

/** Whether a path names a kustomization file. */
export function isKustomization(file: string): boolean {
  return KUSTOMIZATION_NAMES.includes(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
}

/** A remote base (`github.com/…`, `https://…`, `git@…`): never read. */
export function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/|^git@|^github\.com\/|^gitlab\.com\/|^bitbucket\.org\//i.test(path);
}

/** What a kustomization loads, as written: resources (files or folders with a kustomization) and patch files. */
export interface KustomizationReferences {
  resources: string[];
  patches: string[];
}

/** The local files a kustomization names; undefined when the text is not a kustomization mapping. */
export function kustomizationReferences(text: string): KustomizationReferences | undefined {
  const map = readKustomization(text)?.map;
  if (!map) return undefined;
  const strings = (node: unknown): string[] => (isSeq(node) ? node.items.flatMap((i) => (isScalar(i) && typeof i.value === 'string' ? [i.value] : [])) : []);
  const resources = [...strings(map.get('resources')), ...strings(map.get('bases'))].filter((p) => !isRemote(p));
  const patches: string[] = [];
  for (const field of ['patches', 'patchesJson6902']) {
    const list = map.get(field);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      const path = isMap(item) ? item.get('path') : undefined;
      if (typeof path === 'string') patches.push(path);
    }
  }
  patches.push(...strings(map.get('patchesStrategicMerge')).filter((p) => !isInlinePatch(p)));
  return { resources, patches: patches.filter((p) => !isRemote(p)) };
}

function readKustomization(text: string): { doc: YamlDocument; map: YAMLMap } | undefined {
  let docs: YamlDocument[];
  try {
    docs = parseYaml(text).root.documents;
  } catch {
    return undefined;
  }
  const doc = docs[0];
  if (!doc || doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  return { doc, map: doc.contents };
}

/** A `patchesStrategicMerge` entry (or `patch`) written inline rather than a path: YAML with a `key: value` or a flow mapping. */
function isInlinePatch(value: string): boolean {
  return value.includes('\n') || /:\s/.test(value) || value.trimStart().startsWith('{');
}

/** `a/b/../c` → `a/c`; a leading `..` stays. `/`-separated. */
export function joinRelative(dir: string, path: string): string {
  const out = dir === '' ? [] : dir.split('/');
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/** `path` (from the same origin as `dir`) relative to `dir`: `relativeFrom('a/prod', 'a/base/x.yaml')` is `../base/x.yaml`. */
function relativeFrom(dir: string, path: string): string {
  const from = dir === '' ? [] : dir.split('/');
  const to = path.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** One object of the render, with the file and `kind` it was read from. */
interface Resource {
  tree: TreeMap;
  file: string;
  kind: string;
  name: string | undefined;
  apiVersion: string;
  namespace: string | undefined;
  kindRange: Range;
}

/**
 * Renders a kustomization the way `kustomize build` would for the parts that decide security: its resources (files,
 * and folders with a kustomization of their own, rendered first), strategic merge and JSON 6902 patches (inline or
 * from files), `namespace` and `images`. `file` is the analysed file: the kustomization itself, or a patch file of
 * the kustomization among the neighbours. What the analysed file writes is its own (findings there are reported, at
 * the value the file writes); the rest comes from other files, which report it themselves. Returns undefined when
 * the file is neither; throws {@link NotRendered} for what is not modelled (remote-only or missing parts are left out).
 */
export function renderKustomize(file: string, text: string, neighbours: ReadonlyArray<{ file: string; text: string }>): Rendered | undefined {
  // Paths are keyed from the analysed file's path as given, so that `../prod` seen from `base/` is `prod/`.
  const host = dirOf(file.replace(/\\/g, '/'));
  const key = (relative: string) => joinRelative(host, relative);
  const self = key(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
  const files = new Map<string, string>(neighbours.map((n) => [key(n.file), n.text]));
  files.set(self, text);
  let root: string | undefined;
  if (isKustomization(self)) root = self;
  else {
    for (const n of neighbours) {
      if (!/^(?:\.\.\/)*(?:kustomization\.ya?ml|Kustomization)$/.test(n.file)) continue;
      const refs = kustomizationReferences(n.text);
      if (refs?.patches.some((p) => joinRelative(dirOf(key(n.file)), p) === self)) {
        root = key(n.file);
        break;
      }
    }
  }
  if (root === undefined) return undefined;
  const render = new KustomizeRender(files, self);
  const resources = render.kustomization(root, 0, new Set());
  const out = new RenderedBuilder();
  const none: OtherPlace[] = [];
  const elsewhere = { place: [0, 0] as Range, verbatim: false, own: false, related: none };
  resources.forEach((resource, i) => {
    if (i > 0) out.add('\n---\n', elsewhere);
    const where = relativeFrom(host, resource.file);
    const related: OtherPlace[] = [{ file: where, range: resource.kindRange, message: `the ${resource.kind}${resource.name !== undefined ? ` '${resource.name}'` : ''} it changes (${where}:{{line}})` }];
    emitTree(resource.tree, 0, (e) => {
      const from = e.node?.from;
      if (from && from.file === self) out.add(e.text, { place: from.range, verbatim: e.verbatim && from.range[1] - from.range[0] === e.text.length, own: true, related });
      else out.add(e.text, elsewhere);
    });
  });
  out.add('\n', elsewhere);
  const sources = new Map<string, string>();
  for (const r of resources) sources.set(relativeFrom(host, r.file), files.get(r.file) ?? '');
  return { text: out.text(), segments: out.segments, sources, insertions: false };
}

class KustomizeRender {
  private readonly budget: Budget = { nodes: MAX_TREE_NODES };
  private filesRead = 0;

  constructor(
    private readonly files: ReadonlyMap<string, string>,
    private readonly self: string,
  ) {}

  /** The objects a kustomization produces. */
  kustomization(path: string, depth: number, visiting: Set<string>): Resource[] {
    if (depth > MAX_KUSTOMIZE_DEPTH) throw new NotRendered('kustomizations nested too deeply');
    if (visiting.has(path)) throw new NotRendered('kustomizations include each other');
    const text = this.read(path);
    if (text === undefined) return [];
    const root = readKustomization(text);
    if (!root) throw new NotRendered(`${path} is not a kustomization`);
    const { doc, map } = root;
    for (const field of UNSUPPORTED) if (map.has(field)) throw new NotRendered(`${field} is not supported`);
    const dir = dirOf(path);
    visiting.add(path);
    const resources: Resource[] = [];
    for (const field of ['resources', 'bases']) {
      const list = map.get(field);
      if (!isSeq(list)) continue;
      for (const item of list.items) {
        if (!isScalar(item) || typeof item.value !== 'string' || isRemote(item.value)) continue;
        const target = joinRelative(dir, item.value);
        const folder = KUSTOMIZATION_NAMES.map((n) => `${target}/${n}`).find((p) => this.files.has(p));
        if (folder) resources.push(...this.kustomization(folder, depth + 1, visiting));
        else if (this.files.has(target)) resources.push(...this.resourcesOf(target));
        // Missing (outside the workspace, a link out, too large): left out.
      }
    }
    visiting.delete(path);

    const strategic = map.get('patchesStrategicMerge');
    if (isSeq(strategic)) {
      for (const item of strategic.items) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        for (const patch of this.patchDocuments(item, path, dir)) this.strategic(resources, patch, undefined);
      }
    }
    const patches = map.get('patches');
    if (isSeq(patches)) {
      for (const item of patches.items) {
        if (!isMap(item)) continue;
        const target = item.get('target', true) as Node | undefined;
        const source = (item.get('patch', true) ?? item.get('path', true)) as Node | undefined;
        if (!isScalar(source) || typeof source.value !== 'string') continue;
        for (const patch of this.patchDocuments(source, path, dir, item.has('path'))) {
          if (patch.kind === 'seq') this.json6902(resources, patch, target);
          else this.strategic(resources, patch, target ? (r) => matches(r, target) : undefined);
        }
      }
    }
    this.setNamespace(resources, doc, map, path);
    const json = map.get('patchesJson6902');
    if (isSeq(json)) {
      for (const item of json.items) {
        if (!isMap(item)) continue;
        const source = (item.get('patch', true) ?? item.get('path', true)) as Node | undefined;
        if (!isScalar(source) || typeof source.value !== 'string') continue;
        for (const patch of this.patchDocuments(source, path, dir, item.has('path'))) {
          if (patch.kind !== 'seq') throw new NotRendered('a JSON 6902 patch is a list of operations');
          this.json6902(resources, patch, item.get('target', true) as Node | undefined);
        }
      }
    }
    this.setImages(resources, map, path);
    return resources;
  }

  private read(path: string): string | undefined {
    if (++this.filesRead > MAX_KUSTOMIZE_FILES) throw new NotRendered('too many files');
    return this.files.get(path);
  }

  /** The Kubernetes objects of a resource file (`kind: List` items included). */
  private resourcesOf(path: string): Resource[] {
    const text = this.read(path);
    if (text === undefined) return [];
    const out: Resource[] = [];
    for (const tree of this.documents(path, text)) {
      if (tree.kind !== 'map') continue;
      const items = scalarOf(treeGet(tree, 'kind')) === 'List' ? treeGet(tree, 'items') : undefined;
      const objects = items?.kind === 'seq' ? items.items : [tree];
      for (const object of objects) {
        const resource = object.kind === 'map' ? describe(object, path) : undefined;
        if (resource) out.push(resource);
      }
    }
    return out;
  }

  private documents(file: string, text: string): Tree[] {
    let docs: YamlDocument[];
    try {
      docs = parseYaml(text).root.documents;
    } catch {
      throw new NotRendered(`${file} is not YAML`);
    }
    if (docs.some((d) => d.errors.length > 0)) throw new NotRendered(`${file} has errors`);
    return docs.filter((d) => d.contents !== null).map((d) => toTree(d, d.contents, file, text, this.budget));
  }

  /** The documents of a patch: a file (`path`, or a `patchesStrategicMerge` entry without a newline) or inline text. */
  private patchDocuments(node: Scalar, kustomization: string, dir: string, isPath = false): Tree[] {
    const value = node.value as string;
    if (isPath || !isInlinePatch(value)) {
      if (isRemote(value)) return [];
      const file = joinRelative(dir, value);
      const text = this.read(file);
      return text === undefined ? [] : this.documents(file, text);
    }
    return this.inline(node, kustomization);
  }

  /**
   * The documents of a patch written inline in the kustomization, each node placed in the kustomization: exactly
   * for a literal block scalar (`|`, `|-`), whose lines are the kustomization's lines less their indentation; at
   * the whole scalar otherwise.
   */
  private inline(node: Scalar, kustomization: string): Tree[] {
    const value = node.value as string;
    const text = this.files.get(kustomization) ?? '';
    const whole: Range = node.range ? [node.range[0], node.range[1]] : [0, 0];
    const map = literalLineMap(text, node);
    const trees = this.documents(kustomization, value);
    const place = (tree: Tree): void => {
      const from = tree.from;
      if (from) {
        const start = map?.(from.range[0]);
        const end = map?.(from.range[1]);
        tree.from = start !== undefined && end !== undefined && end >= start ? { file: kustomization, range: [start, end] } : { file: kustomization, range: whole };
        if (!map && tree.kind === 'scalar') delete tree.source;
      }
      if (tree.kind === 'map') {
        for (const item of tree.items) {
          place(item.key);
          place(item.value);
        }
      } else if (tree.kind === 'seq') tree.items.forEach(place);
    };
    trees.forEach(place);
    return trees;
  }

  /** Applies a strategic merge patch to the objects it names (or `select`s). */
  private strategic(resources: Resource[], patch: Tree, select: ((r: Resource) => boolean) | undefined): void {
    if (patch.kind !== 'map') throw new NotRendered('a strategic merge patch is a mapping');
    const id = describe(patch, '');
    const targets = select ? resources.filter(select) : resources.filter((r) => id && sameObject(r, id));
    for (const target of targets) {
      const merged = mergeMap(target.tree, patch);
      if (merged === null) resources.splice(resources.indexOf(target), 1);
      else target.tree = merged;
    }
  }

  private json6902(resources: Resource[], ops: TreeSeq, target: Node | undefined): void {
    if (!target) throw new NotRendered('a JSON 6902 patch needs a target');
    for (const resource of resources.filter((r) => matches(r, target))) {
      for (const op of ops.items) applyOperation(resource, op, this.budget);
    }
  }

  private setNamespace(resources: Resource[], doc: YamlDocument, map: YAMLMap, path: string): void {
    const node = map.get('namespace', true) as Node | undefined;
    if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') return;
    const value = toTree(doc, node, path, this.files.get(path) ?? '', this.budget) as TreeScalar;
    for (const resource of resources) {
      if (CLUSTER_SCOPED.has(resource.kind)) continue;
      let metadata = treeGet(resource.tree, 'metadata');
      if (!metadata || metadata.kind !== 'map') {
        metadata = { kind: 'map', items: [] };
        setKey(resource.tree, 'metadata', metadata, undefined);
      }
      setKey(metadata as TreeMap, 'namespace', { ...value }, undefined);
      resource.namespace = node.value;
    }
  }

  /** `images`: `newName`, `newTag` and `digest` for the containers whose image has `name`. */
  private setImages(resources: Resource[], map: YAMLMap, path: string): void {
    const images = map.get('images');
    if (!isSeq(images)) return;
    for (const entry of images.items) {
      if (!isMap(entry)) continue;
      const name = entry.get('name');
      if (typeof name !== 'string') continue;
      const field = (key: string): { value: string; from: Source } | undefined => {
        const n = entry.get(key, true) as Node | undefined;
        return isScalar(n) && n.value !== null && n.range ? { value: String(n.value), from: { file: path, range: [n.range[0], n.range[1]] } } : undefined;
      };
      const [newName, newTag, digest] = [field('newName'), field('newTag'), field('digest')];
      const decisive = digest ?? newTag ?? newName;
      if (!decisive) continue;
      for (const resource of resources) {
        forEachImage(resource.tree, (container, image) => {
          const { repository, suffix } = splitImage(image);
          if (repository !== name) return;
          const tail = digest ? `@${digest.value}` : newTag ? `:${newTag.value}` : suffix;
          setKey(container, 'image', { kind: 'scalar', value: `${newName?.value ?? repository}${tail}`, from: decisive.from }, undefined);
        });
      }
    }
  }
}

/** The identity of an object tree, or undefined when it has no string `kind`. */
function describe(tree: TreeMap, file: string): Resource | undefined {
  const kindNode = treeGet(tree, 'kind');
  const kind = scalarOf(kindNode);
  if (typeof kind !== 'string') return undefined;
  const metadata = treeGet(tree, 'metadata');
  const name = scalarOf(treeGet(metadata, 'name'));
  const namespace = scalarOf(treeGet(metadata, 'namespace'));
  const apiVersion = scalarOf(treeGet(tree, 'apiVersion'));
  return {
    tree,
    file,
    kind,
    name: typeof name === 'string' ? name : undefined,
    apiVersion: typeof apiVersion === 'string' ? apiVersion : '',
    namespace: typeof namespace === 'string' ? namespace : undefined,
    kindRange: kindNode?.from?.range ?? [0, 0],
  };
}

function scalarOf(tree: Tree | undefined): string | number | boolean | null | undefined {
  return tree?.kind === 'scalar' ? tree.value : undefined;
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** Whether a strategic merge patch names this object: same kind, name, API group and (when the patch says) namespace. */
function sameObject(resource: Resource, patch: Resource): boolean {
  return (
    resource.kind === patch.kind &&
    resource.name === patch.name &&
    (patch.apiVersion === '' || groupOf(resource.apiVersion) === groupOf(patch.apiVersion)) &&
    (patch.namespace === undefined || patch.namespace === resource.namespace)
  );
}

/** Whether an object is selected by a patch `target` (group, version, kind, name, namespace, label and annotation selectors). */
function matches(resource: Resource, target: Node): boolean {
  if (!isMap(target)) throw new NotRendered('a patch target is a mapping');
  const get = (key: string): string | undefined => {
    const v = target.get(key);
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new NotRendered(`target ${key} is not a string`);
    return v;
  };
  const literal = (v: string) => {
    // kustomize reads names as anchored regular expressions; only literal names are followed here.
    if (!/^[A-Za-z0-9._-]+$/.test(v)) throw new NotRendered('a patch target with a pattern');
    return v;
  };
  const [group, version, kind, name, namespace] = ['group', 'version', 'kind', 'name', 'namespace'].map(get);
  if (kind !== undefined && literal(kind) !== resource.kind) return false;
  if (name !== undefined && literal(name) !== resource.name) return false;
  if (namespace !== undefined && literal(namespace) !== (resource.namespace ?? '')) return false;
  if (group !== undefined && group !== groupOf(resource.apiVersion)) return false;
  if (version !== undefined && version !== resource.apiVersion.slice(resource.apiVersion.indexOf('/') + 1)) return false;
  for (const [key, field] of [['labelSelector', 'labels'], ['annotationSelector', 'annotations']] as const) {
    const selector = get(key);
    if (selector === undefined) continue;
    const have = treeGet(treeGet(resource.tree, 'metadata'), field);
    for (const term of selector.split(',')) {
      // `key=value` or `key==value` only; set-based selectors (`in`, `!=`, `!key`) are not modelled.
      const [name, ...rest] = term.split('=').map((s) => s.trim());
      const value = rest.length === 2 && rest[0] === '' ? rest[1] : rest.length === 1 ? rest[0] : undefined;
      if (value === undefined || !/^[A-Za-z0-9./_-]+$/.test(name) || !/^[A-Za-z0-9._-]*$/.test(value)) throw new NotRendered(`unsupported ${key}`);
      const label = treeGet(have, name);
      if (label === undefined || String(scalarOf(label) ?? '') !== value) return false;
    }
  }
  return true;
}

/** Sets `key` of a mapping in place (replacing its value, keeping its place) or appends it; `keyNode` is the key to write when it is new. */
function setKey(map: TreeMap, key: string, value: Tree, keyNode: TreeScalar | undefined): void {
  const i = map.items.findIndex((item) => String(item.key.value) === key);
  if (i >= 0) map.items[i] = { key: keyNode ?? map.items[i].key, value };
  else map.items.push({ key: keyNode ?? { kind: 'scalar', value: key, from: value.from }, value });
}

/**
 * Strategic merge of `patch` into `base`: mappings merged key by key (`null` deletes a key), lists with a merge key
 * merged item by item, other lists and scalars replaced; `$patch: replace` / `$patch: delete` directives. Null when
 * the patch deletes the mapping. Other `$` directives are not modelled.
 */
function mergeMap(base: TreeMap, patch: TreeMap): TreeMap | null {
  const directive = scalarOf(treeGet(patch, '$patch'));
  const items = patch.items.filter((i) => i.key.value !== '$patch');
  if (patch.items.some((i) => typeof i.key.value === 'string' && i.key.value.startsWith('$') && i.key.value !== '$patch')) {
    throw new NotRendered('strategic merge directive not supported');
  }
  if (directive === 'delete') return null;
  if (directive === 'replace') return { ...patch, items };
  if (directive !== undefined) throw new NotRendered('unknown $patch');
  const out: TreeMap = { ...base, items: [...base.items] };
  for (const { key, value } of items) {
    const name = String(key.value);
    const i = out.items.findIndex((item) => String(item.key.value) === name);
    if (value.kind === 'scalar' && value.value === null) {
      if (i >= 0) out.items.splice(i, 1);
      continue;
    }
    const current = i >= 0 ? out.items[i].value : undefined;
    // The same scalar again changes nothing: the base keeps it (and reports what it has).
    if (current?.kind === 'scalar' && value.kind === 'scalar' && current.value === value.value) continue;
    let merged: Tree | null = value;
    // Merged collections keep the base's key: the patch decides only what it writes inside them.
    let keepKey = false;
    if (current?.kind === 'map' && value.kind === 'map') [merged, keepKey] = [mergeMap(current, value), true];
    else if (current?.kind === 'seq' && value.kind === 'seq') [merged, keepKey] = [mergeList(name, current, value), mergesItems(name, value)];
    else if (value.kind === 'map') merged = mergeMap({ kind: 'map', items: [], from: value.from }, value);
    if (merged === null) {
      if (i >= 0) out.items.splice(i, 1);
    } else if (i >= 0) out.items[i] = { key: keepKey ? out.items[i].key : key, value: merged };
    else out.items.push({ key, value: merged });
  }
  return out;
}

/** The key a patch list merges its items by, or undefined when it replaces the list (no merge key, `$patch: replace`). */
function mergeKeyOf(field: string, patch: TreeSeq): string | undefined {
  if (patch.items.some((i) => i.kind === 'map' && scalarOf(treeGet(i, '$patch')) === 'replace')) return undefined;
  // Service ports merge by `port`, container ports by `containerPort`.
  const key = field === 'ports' ? (patch.items.every((i) => i.kind === 'map' && treeGet(i, 'containerPort')) ? 'containerPort' : 'port') : MERGE_KEYS[field];
  return key !== undefined && patch.items.every((i) => i.kind === 'map' && treeGet(i, key) !== undefined) ? key : undefined;
}

function mergesItems(field: string, patch: TreeSeq): boolean {
  return mergeKeyOf(field, patch) !== undefined;
}

function mergeList(field: string, base: TreeSeq, patch: TreeSeq): TreeSeq {
  const items = patch.items.filter((i) => !(i.kind === 'map' && scalarOf(treeGet(i, '$patch')) === 'replace'));
  const key = mergeKeyOf(field, patch);
  if (key === undefined) return { ...patch, items };
  const out: TreeSeq = { ...base, items: [...base.items] };
  for (const item of items as TreeMap[]) {
    const id = String(scalarOf(treeGet(item, key)));
    const i = out.items.findIndex((b) => b.kind === 'map' && String(scalarOf(treeGet(b, key))) === id);
    if (i < 0) {
      if (scalarOf(treeGet(item, '$patch')) !== 'delete') out.items.push(mergeMap({ kind: 'map', items: [], from: item.from }, item) ?? item);
      continue;
    }
    const merged = mergeMap(out.items[i] as TreeMap, item);
    if (merged === null) out.items.splice(i, 1);
    else out.items[i] = merged;
  }
  return out;
}

/** Applies one JSON 6902 operation (`add`, `remove`, `replace`, `move`, `copy`, `test`) to an object. */
function applyOperation(resource: Resource, op: Tree, budget: Budget): void {
  if (op.kind !== 'map') throw new NotRendered('a JSON 6902 operation is a mapping');
  const name = scalarOf(treeGet(op, 'op'));
  const pathNode = treeGet(op, 'path');
  const path = scalarOf(pathNode);
  if (typeof path !== 'string') throw new NotRendered('a JSON 6902 operation needs a path');
  const value = treeGet(op, 'value');
  const root: TreeMap = { kind: 'map', items: [{ key: { kind: 'scalar', value: '' }, value: resource.tree }] };
  const keyNode = (segment: string): TreeScalar => ({ kind: 'scalar', value: segment, from: pathNode?.from });
  switch (name) {
    case 'add':
    case 'replace':
      if (!value) throw new NotRendered(`${name} needs a value`);
      write(root, pointer(path), value, name, keyNode);
      break;
    case 'remove':
      write(root, pointer(path), undefined, 'remove', keyNode);
      break;
    case 'copy':
    case 'move': {
      const from = scalarOf(treeGet(op, 'from'));
      if (typeof from !== 'string') throw new NotRendered(`${name} needs from`);
      const moved = read(root, pointer(from));
      if (!moved) throw new NotRendered(`${name} from a path that does not exist`);
      if (name === 'move') write(root, pointer(from), undefined, 'remove', keyNode);
      write(root, pointer(path), name === 'copy' ? clone(moved, budget) : moved, 'add', keyNode);
      break;
    }
    case 'test': {
      const found = read(root, pointer(path));
      if (!found || !value || !sameValue(found, value)) throw new NotRendered('a JSON 6902 test failed');
      break;
    }
    default:
      throw new NotRendered('unknown JSON 6902 operation');
  }
  const tree = treeGet(root, '');
  if (!tree || tree.kind !== 'map') throw new NotRendered('a JSON 6902 patch replaced the object');
  resource.tree = tree;
}

/** The segments of a JSON pointer, with the path to the object's root (`''`) first. */
function pointer(path: string): string[] {
  if (path !== '' && !path.startsWith('/')) throw new NotRendered('a JSON pointer starts with /');
  return ['', ...(path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')))];
}

function child(tree: Tree, segment: string): Tree | undefined {
  if (tree.kind === 'map') return treeGet(tree, segment);
  if (tree.kind === 'seq' && /^(?:0|[1-9][0-9]*)$/.test(segment)) return tree.items[Number(segment)];
  return undefined;
}

function read(root: Tree, segments: readonly string[]): Tree | undefined {
  let tree: Tree | undefined = root;
  for (const s of segments) tree = tree && child(tree, s);
  return tree;
}

function write(root: TreeMap, segments: readonly string[], value: Tree | undefined, op: 'add' | 'replace' | 'remove', keyNode: (segment: string) => TreeScalar): void {
  const parent = read(root, segments.slice(0, -1));
  const last = segments[segments.length - 1];
  if (!parent || parent.kind === 'scalar') throw new NotRendered('a JSON 6902 path that does not exist');
  if (parent.kind === 'map') {
    const i = parent.items.findIndex((item) => String(item.key.value) === last);
    if (op !== 'add' && i < 0) throw new NotRendered('a JSON 6902 path that does not exist');
    if (op === 'remove') parent.items.splice(i, 1);
    else setKey(parent, last, value!, i >= 0 ? undefined : keyNode(last));
    return;
  }
  const index = last === '-' ? parent.items.length : /^(?:0|[1-9][0-9]*)$/.test(last) ? Number(last) : -1;
  if (index < 0 || index > parent.items.length || (op !== 'add' && index >= parent.items.length)) throw new NotRendered('a JSON 6902 index out of range');
  if (op === 'add') parent.items.splice(index, 0, value!);
  else if (op === 'replace') parent.items[index] = value!;
  else parent.items.splice(index, 1);
}

function clone(tree: Tree, budget: Budget): Tree {
  if (--budget.nodes < 0) throw new NotRendered('too many nodes');
  if (tree.kind === 'scalar') return { ...tree };
  if (tree.kind === 'seq') return { ...tree, items: tree.items.map((i) => clone(i, budget)) };
  return { ...tree, items: tree.items.map((i) => ({ key: { ...i.key }, value: clone(i.value, budget) })) };
}

function sameValue(a: Tree, b: Tree): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar') return a.value === (b as TreeScalar).value;
  if (a.kind === 'seq') return a.items.length === (b as TreeSeq).items.length && a.items.every((x, i) => sameValue(x, (b as TreeSeq).items[i]));
  const bm = b as TreeMap;
  return a.items.length === bm.items.length && a.items.every((x) => {
    const y = treeGet(bm, String(x.key.value));
    return y !== undefined && sameValue(x.value, y);
  });
}

/** Calls `fn` for every container mapping with a string `image` under `containers`, `initContainers` or `ephemeralContainers`. */
function forEachImage(tree: Tree, fn: (container: TreeMap, image: string) => void, depth = 0): void {
  if (depth > 20 || tree.kind === 'scalar') return;
  if (tree.kind === 'seq') {
    for (const item of tree.items) forEachImage(item, fn, depth + 1);
    return;
  }
  for (const { key, value } of tree.items) {
    if ((key.value === 'containers' || key.value === 'initContainers' || key.value === 'ephemeralContainers') && value.kind === 'seq') {
      for (const container of value.items) {
        const image = container.kind === 'map' ? scalarOf(treeGet(container, 'image')) : undefined;
        if (typeof image === 'string') fn(container as TreeMap, image);
      }
    } else forEachImage(value, fn, depth + 1);
  }
}

/** `registry:5000/app:1.2@sha256:…` → repository `registry:5000/app`, suffix `:1.2@sha256:…`. */
function splitImage(image: string): { repository: string; suffix: string } {
  const at = image.indexOf('@');
  const beforeDigest = at < 0 ? image : image.slice(0, at);
  const colon = beforeDigest.lastIndexOf(':');
  const end = colon > beforeDigest.lastIndexOf('/') ? colon : beforeDigest.length;
  return { repository: image.slice(0, end), suffix: image.slice(end) };
}

/**
 * For a literal block scalar, a map from offsets of its value to offsets of the file (the value's lines are the
 * file's lines less the block's indentation); undefined for other styles or when the lines do not line up.
 */
function literalLineMap(text: string, node: Scalar): ((offset: number) => number | undefined) | undefined {
  if (node.type !== Scalar.BLOCK_LITERAL || !node.range || typeof node.value !== 'string') return undefined;
  const source = text.slice(node.range[0], node.range[1]);
  const headerEnd = source.indexOf('\n');
  if (headerEnd < 0) return undefined;
  const lines: Array<{ fileStart: number; valueStart: number; length: number }> = [];
  const value = node.value;
  let indent = -1;
  let valueOffset = 0;
  let fileOffset = node.range[0] + headerEnd + 1;
  for (const line of text.slice(fileOffset, node.range[1]).split('\n')) {
    const content = line.replace(/\r$/, '');
    if (content.trim() !== '' && indent < 0) indent = content.length - content.trimStart().length;
    const body = indent >= 0 && content.length >= indent ? content.slice(indent) : '';
    lines.push({ fileStart: fileOffset + Math.max(indent, 0), valueStart: valueOffset, length: body.length });
    if (value.slice(valueOffset, valueOffset + body.length) !== body) return undefined;
    valueOffset += body.length + 1;
    fileOffset += line.length + 1;
    if (valueOffset > value.length) break;
  }
  return (offset) => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].valueStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    const line = lines[lo];
    return line && offset >= line.valueStart && offset <= line.valueStart + line.length ? line.fileStart + (offset - line.valueStart) : undefined;
  };
}
