import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { renderWithNeighbours, type YamlDocument, type YamlHelpers } from '../../languages/yaml';

/**
 * A typed view of the Kubernetes manifests in a YAML file: every document (or `kind: List` item) with
 * a string `apiVersion` and `kind` is an object; workloads, their containers, RBAC roles and bindings,
 * services and ingresses are picked out of them with the exact ranges of their keys and values.
 */
export interface KubernetesModel {
  objects: K8sObject[];
  workloads: Workload[];
  /** Every container of every workload, init and ephemeral containers included. */
  containers: Container[];
  roles: K8sObject[];
  bindings: K8sObject[];
  services: K8sObject[];
  ingresses: K8sObject[];
}

/** One Kubernetes object (a document, or an item of a `kind: List`). */
export interface K8sObject {
  doc: YamlDocument;
  map: YAMLMap;
  apiVersion: string;
  kind: string;
  /** `metadata.name`, when it is a literal. */
  name: string | undefined;
  /** Range of the `kind` value: where findings about the whole object land. */
  kindRange: Range;
}

/** A Pod or an object with a pod template (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, …). */
export interface Workload {
  object: K8sObject;
  /** The pod spec (`spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`). */
  podSpec: YAMLMap;
  /** The pod-level `securityContext`, when it is a mapping. */
  securityContext: YAMLMap | undefined;
  containers: Container[];
}

/** Where a container is declared. */
export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

/** One container of a workload. */
export interface Container {
  workload: Workload;
  map: YAMLMap;
  group: ContainerGroup;
  /** The literal `name`, or `#<index>` when it has none. */
  name: string;
  /** Where findings about a missing attribute land: the `name` pair, else the container's first key. */
  headerRange: Range;
  /** The container's `securityContext`, when it is a mapping. */
  securityContext: YAMLMap | undefined;
}

/** A key of a mapping with its value; `value` follows aliases, `valueNode` is what the text holds there. */
export interface Entry {
  pair: Pair;
  keyRange: Range;
  /** The node in the text: a scalar, a collection or an alias (`*name`). */
  valueNode: Node | null;
  /** The value with aliases resolved (null for an empty value). */
  value: Node | null;
  /** Range of `valueNode`, or of the key when the value is empty. */
  valueRange: Range;
  /** Whether the entry came through an alias or a `<<` merge, so that editing it would change other places. */
  viaAlias: boolean;
}

/** Kinds whose pod spec sits at `spec.template.spec`. */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);
const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);
const CONTAINER_GROUPS: readonly ContainerGroup[] = ['initContainers', 'containers', 'ephemeralContainers'];
/** Segments of a path that make a file a Helm chart template. */
const HELM_TEMPLATES = /(?:^|[\\/])templates[\\/]/i;
/** Most nested `<<` merges followed when looking up a key. */
const MAX_MERGE_DEPTH = 10;

const cache = new WeakMap<object, KubernetesModel | null>();

/**
 * The Kubernetes model of the file a rule runs on, computed once per file and shared by the rules;
 * null when the file is not plain YAML (workflows, compose files) or holds no Kubernetes object, and for a
 * file its neighbours render (a Helm template with its chart's values, a kustomize patch with its kustomization):
 * the rules read that file through the rendered document instead (see the YAML adapter's `embedded`).
 */
export function kubernetesModel(context: RuleContext<unknown>): KubernetesModel | null {
  if (context.classification.language !== 'yaml' || context.classification.dialect !== 'yaml') return null;
  const helpers = context.lang as YamlHelpers;
  // A file that renders with its neighbours (a Helm template, a kustomize patch) is read through what it renders to.
  const rendered = () => renderWithNeighbours(context.file, context.text, helpers.neighbours) !== null;
  if (!cache.has(helpers)) cache.set(helpers, rendered() ? null : buildModel(helpers.documents, isHelmTemplate(context.file)));
  return cache.get(helpers) ?? null;
}

/** Whether a path is under a `templates/` folder (a Helm chart's templates). */
export function isHelmTemplate(file: string): boolean {
  return HELM_TEMPLATES.test(file);
}

/**
 * Builds the model. A document with syntax errors is left out, since what the parser recovered may not
 * be what the author meant; in a Helm template any error (the usual sign of `{{ … }}` directives outside
 * quoted scalars) leaves out the whole file, so no finding rests on a half-read template.
 */
export function buildModel(documents: readonly YamlDocument[], helmTemplate: boolean): KubernetesModel | null {
  if (helmTemplate && documents.some((d) => d.errors.length > 0)) return null;
  const model: KubernetesModel = { objects: [], workloads: [], containers: [], roles: [], bindings: [], services: [], ingresses: [] };
  for (const doc of documents) {
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    const root = readObject(doc, doc.contents);
    if (!root) continue;
    const items = root.kind === 'List' ? seqItems(doc, lookup(doc, root.map, 'items')?.value) : [];
    const objects = root.kind === 'List' ? items.filter(isMap).map((m) => readObject(doc, m)).filter((o): o is K8sObject => o !== null) : [root];
    for (const object of objects) addObject(model, object);
  }
  return model.objects.length > 0 ? model : null;
}

function addObject(model: KubernetesModel, object: K8sObject): void {
  model.objects.push(object);
  if (ROLE_KINDS.has(object.kind)) model.roles.push(object);
  else if (BINDING_KINDS.has(object.kind)) model.bindings.push(object);
  else if (object.kind === 'Service') model.services.push(object);
  else if (object.kind === 'Ingress') model.ingresses.push(object);
  const podSpec = podSpecOf(object);
  if (!podSpec) return;
  const workload: Workload = { object, podSpec, securityContext: mapAt(object.doc, podSpec, 'securityContext'), containers: [] };
  for (const group of CONTAINER_GROUPS) {
    seqItems(object.doc, lookup(object.doc, podSpec, group)?.value).forEach((item, index) => {
      if (isMap(item)) workload.containers.push(readContainer(workload, item, group, index));
    });
  }
  model.workloads.push(workload);
  model.containers.push(...workload.containers);
}

function readObject(doc: YamlDocument, map: YAMLMap): K8sObject | null {
  const apiVersion = lookup(doc, map, 'apiVersion');
  const kind = lookup(doc, map, 'kind');
  const kindValue = stringValue(kind?.value ?? null);
  const apiValue = stringValue(apiVersion?.value ?? null);
  if (!kind || kindValue === undefined || apiValue === undefined) return null;
  const metadata = mapAt(doc, map, 'metadata');
  const name = metadata ? literalName(lookup(doc, metadata, 'name')?.value ?? null) : undefined;
  return { doc, map, apiVersion: apiValue, kind: kindValue, name, kindRange: kind.valueRange };
}

/** The pod spec of a workload kind, following the kind's path. */
function podSpecOf(object: K8sObject): YAMLMap | undefined {
  const { doc, map, kind } = object;
  const path =
    kind === 'Pod'
      ? ['spec']
      : TEMPLATE_KINDS.has(kind)
        ? ['spec', 'template', 'spec']
        : kind === 'CronJob'
          ? ['spec', 'jobTemplate', 'spec', 'template', 'spec']
          : kind === 'PodTemplate'
            ? ['template', 'spec']
            : null;
  if (!path) return undefined;
  let current: YAMLMap | undefined = map;
  for (const key of path) current = current && mapAt(doc, current, key);
  return current;
}

function readContainer(workload: Workload, map: YAMLMap, group: ContainerGroup, index: number): Container {
  const { doc } = workload.object;
  const nameEntry = lookup(doc, map, 'name');
  const name = literalName(nameEntry?.value ?? null) ?? `#${index}`;
  const first = map.items[0];
  const headerRange = nameEntry && !nameEntry.viaAlias ? pairRange(nameEntry) : first ? keyRangeOf(first) ?? nodeRange(map) : nodeRange(map);
  return { workload, map, group, name, headerRange, securityContext: mapAt(doc, map, 'securityContext') };
}

/**
 * Looks up `key` in a mapping, following `<<` merge keys (whose values are aliases or sequences of
 * aliases) when the key is not set directly. Keys are compared as plain strings.
 */
export function lookup(doc: YamlDocument, map: YAMLMap, key: string, depth = 0): Entry | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return entryOf(doc, pair, false);
  }
  if (depth >= MAX_MERGE_DEPTH) return undefined;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || pair.key.value !== '<<') continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = resolve(doc, source as Node | null);
      if (!isMap(merged)) continue;
      const found = lookup(doc, merged, key, depth + 1);
      if (found) return { ...found, viaAlias: true, valueRange: aliasRange(source as Node) ?? found.valueRange };
    }
  }
  return undefined;
}

function entryOf(doc: YamlDocument, pair: Pair, viaAlias: boolean): Entry {
  const keyRange = keyRangeOf(pair) ?? [0, 0];
  const valueNode = (pair.value as Node | null) ?? null;
  const value = resolve(doc, valueNode);
  const valueRange = valueNode ? nodeRange(valueNode) : keyRange;
  return { pair, keyRange, valueNode, value, valueRange, viaAlias: viaAlias || isAlias(valueNode) };
}

/** The mapping under `key`, aliases followed. */
export function mapAt(doc: YamlDocument, map: YAMLMap, key: string): YAMLMap | undefined {
  const value = lookup(doc, map, key)?.value;
  return isMap(value) ? value : undefined;
}

/** The items of a sequence with aliases resolved (empty for anything else). */
export function seqItems(doc: YamlDocument, node: Node | null | undefined): Array<Node | null> {
  if (!isSeq(node)) return [];
  return (node as YAMLSeq).items.map((item) => resolve(doc, item as Node | null));
}

/** The items of a sequence as written, each with its resolved value and its range in the text. */
export function seqEntries(doc: YamlDocument, node: Node | null | undefined): Array<{ node: Node; value: Node | null; range: Range }> {
  if (!isSeq(node)) return [];
  return (node as YAMLSeq).items
    .filter((item): item is Node => item !== null && typeof item === 'object')
    .map((item) => ({ node: item, value: resolve(doc, item), range: nodeRange(item) }));
}

/** Follows an alias to its anchored node. */
export function resolve(doc: YamlDocument, node: Node | null | undefined): Node | null {
  if (!node) return null;
  if (!isAlias(node)) return node;
  return (node.resolve(doc) as Node | undefined) ?? null;
}

/** A scalar's value as a string, when it is a string. */
export function stringValue(node: Node | null): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** A name that is written out, not filled in by a template. */
function literalName(node: Node | null): string | undefined {
  const name = stringValue(node);
  return name !== undefined && !name.includes('{{') ? name : undefined;
}

/** Whether a scalar is the boolean `true` (YAML 1.2 core schema: `true`, `True`, `TRUE`). */
export function isTrue(node: Node | null): boolean {
  return isScalar(node) && node.value === true;
}

/** Whether a scalar is the boolean `false`. */
export function isFalse(node: Node | null): boolean {
  return isScalar(node) && node.value === false;
}

/** Whether a scalar holds a Helm/Go template directive (`{{ … }}`), i.e. a value only known at render time. */
export function isTemplated(node: Node | null): boolean {
  return isScalar(node) && typeof node.value === 'string' && node.value.includes('{{');
}

/** `[start, end)` of a node without trailing comments. */
export function nodeRange(node: Node): Range {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

/** Range of a pair from its key to the end of its value. */
export function pairRange(entry: Entry): Range {
  return [entry.keyRange[0], entry.valueNode ? entry.valueRange[1] : entry.keyRange[1]];
}

function keyRangeOf(pair: Pair): Range | undefined {
  const key = pair.key as Node | null;
  return key && key.range ? [key.range[0], key.range[1]] : undefined;
}

function aliasRange(node: Node | null): Range | undefined {
  return node && isAlias(node) ? nodeRange(node) : undefined;
}

/** A label for a container in messages: `container 'app' of Deployment 'web'`. */
export function describeContainer(container: Container): string {
  const group = container.group === 'containers' ? 'container' : container.group === 'initContainers' ? 'init container' : 'ephemeral container';
  return `${group} '${container.name}' of ${describeObject(container.workload.object)}`;
}

/** A label for an object in messages: `Deployment 'web'`. */
export function describeObject(object: K8sObject): string {
  return object.name !== undefined ? `${object.kind} '${object.name}'` : object.kind;
}

/**
 * An edit that replaces a scalar in place (e.g. `true` by `false`); undefined when the value came through
 * an alias or merge (the edit would change every place that uses the anchor) or is not a plain scalar.
 */
export function replaceScalarEdit(entry: Entry, text: string): { range: Range; text: string } | undefined {
  if (entry.viaAlias || !isScalar(entry.valueNode)) return undefined;
  return { range: entry.valueRange, text };
}

/** Whether the pod declares `spec.os.name: windows` (Linux-only security fields then do not apply). */
export function isWindowsPod(workload: Workload): boolean {
  const { doc } = workload.object;
  const os = mapAt(doc, workload.podSpec, 'os');
  return stringValue(os ? lookup(doc, os, 'name')?.value ?? null : null)?.toLowerCase() === 'windows';
}

/** A security context of a workload: the pod's (`container` undefined) or a container's. */
export interface SecurityContextOf {
  /** The container whose `securityContext` it is; undefined for the pod-level one. */
  container: Container | undefined;
  map: YAMLMap;
}

/** The pod-level `securityContext`, then each container's (init and ephemeral ones included) that is a mapping. */
export function securityContexts(workload: Workload): SecurityContextOf[] {
  const out: SecurityContextOf[] = workload.securityContext ? [{ container: undefined, map: workload.securityContext }] : [];
  for (const container of workload.containers) if (container.securityContext) out.push({ container, map: container.securityContext });
  return out;
}

/** A label for the owner of a security context in messages: `pod of Deployment 'web'` or `container 'app' of …`. */
export function describeSecurityContextOwner(workload: Workload, container: Container | undefined): string {
  if (container) return describeContainer(container);
  return workload.object.kind === 'Pod' ? describeObject(workload.object) : `pod of ${describeObject(workload.object)}`;
}

/**
 * Every `<field>.type: Unconfined` (`seccompProfile`, `appArmorProfile`) in the security contexts of a
 * workload, pod and containers alike, with what owns it and the edit that makes it `RuntimeDefault`.
 */
export function unconfinedProfiles(workload: Workload, field: 'seccompProfile' | 'appArmorProfile'): Array<{ type: Entry; owner: string; edit: { range: Range; text: string } | undefined }> {
  const { doc } = workload.object;
  const out: Array<{ type: Entry; owner: string; edit: { range: Range; text: string } | undefined }> = [];
  for (const { container, map } of securityContexts(workload)) {
    const profile = mapAt(doc, map, field);
    const type = profile && lookup(doc, profile, 'type');
    if (type && stringValue(type.value) === 'Unconfined') out.push({ type, owner: describeSecurityContextOwner(workload, container), edit: replaceScalarEdit(type, 'RuntimeDefault') });
  }
  return out;
}

/** Where the pods' metadata sits: the object's own for a Pod, the pod template's for the other workload kinds. */
export function podMetadata(workload: Workload): YAMLMap | undefined {
  const { doc, map, kind } = workload.object;
  const path =
    kind === 'Pod'
      ? ['metadata']
      : TEMPLATE_KINDS.has(kind)
        ? ['spec', 'template', 'metadata']
        : kind === 'CronJob'
          ? ['spec', 'jobTemplate', 'spec', 'template', 'metadata']
          : kind === 'PodTemplate'
            ? ['template', 'metadata']
            : [];
  let current: YAMLMap | undefined = path.length > 0 ? map : undefined;
  for (const key of path) current = current && mapAt(doc, current, key);
  return current;
}

/** The entries of a mapping whose keys are strings (`metadata.annotations`, `labels`), `<<` merges left out. */
export function stringKeyedEntries(doc: YamlDocument, map: YAMLMap | undefined): Array<{ key: string; entry: Entry }> {
  if (!map) return [];
  const out: Array<{ key: string; entry: Entry }> = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.value === '<<') continue;
    out.push({ key: pair.key.value, entry: entryOf(doc, pair, false) });
  }
  return out;
}

/** The `metadata.annotations` mapping of an object, when it is one. */
export function annotationsOf(object: K8sObject): YAMLMap | undefined {
  const metadata = mapAt(object.doc, object.map, 'metadata');
  return metadata && mapAt(object.doc, metadata, 'annotations');
}

/** A string item of a list in a manifest, with its range (`value` undefined when it is not a string). */
export interface ListItem {
  value: string | undefined;
  range: Range;
}

/** One rule of a Role or ClusterRole: its lists of strings, each undefined when the key is absent. */
export interface PolicyRule {
  map: YAMLMap;
  apiGroups: ListItem[] | undefined;
  resources: ListItem[] | undefined;
  verbs: ListItem[] | undefined;
  resourceNames: ListItem[] | undefined;
}

/** The `rules` of a Role or ClusterRole, with the string items of their lists (aliases followed). */
export function policyRules(role: K8sObject): PolicyRule[] {
  const { doc } = role;
  const list = (rule: YAMLMap, key: string): ListItem[] | undefined => {
    const entry = lookup(doc, rule, key);
    return entry ? seqEntries(doc, entry.value).map((e) => ({ value: stringValue(e.value), range: e.range })) : undefined;
  };
  return seqItems(doc, lookup(doc, role.map, 'rules')?.value)
    .filter(isMap)
    .map((map) => ({ map, apiGroups: list(map, 'apiGroups'), resources: list(map, 'resources'), verbs: list(map, 'verbs'), resourceNames: list(map, 'resourceNames') }));
}

/** The `metadata.namespace` entry of an object, when it is set. */
export function namespaceEntry(object: K8sObject): Entry | undefined {
  const metadata = mapAt(object.doc, object.map, 'metadata');
  return metadata ? lookup(object.doc, metadata, 'namespace') : undefined;
}

/** The service account a pod runs as: `serviceAccountName` (or the deprecated `serviceAccount`), else `default`. */
export function serviceAccountOf(workload: Workload): { name: string | undefined; entry: Entry | undefined } {
  const { doc } = workload.object;
  const entry = lookup(doc, workload.podSpec, 'serviceAccountName') ?? lookup(doc, workload.podSpec, 'serviceAccount');
  if (!entry) return { name: 'default', entry };
  const name = stringValue(entry.value);
  return { name: name === undefined || name.includes('{{') ? undefined : name === '' ? 'default' : name, entry };
}
