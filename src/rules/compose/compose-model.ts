/**
 * A typed view of docker-compose files over the YAML adapter: the services of every document, with
 * their map nodes, so rules read `services.<name>.<key>` without walking the tree themselves.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { RuleContext } from '../../engine/rule';
import type { YamlDocument, YamlHelpers } from '../../languages/yaml';

/** One service of a compose file. */
export interface ComposeService {
  name: string;
  map: YAMLMap;
}

/** The services of every document of a compose file; empty for other YAML dialects. */
export function composeServices(context: RuleContext<YamlHelpers>): ComposeService[] {
  if (context.classification.dialect !== 'compose') return [];
  const services: ComposeService[] = [];
  for (const document of context.lang.documents) {
    const root = document.contents;
    if (!isMap(root)) continue;
    const section = pairOf(root, 'services')?.value;
    if (!isMap(section)) continue;
    for (const pair of section.items) {
      if (isScalar(pair.key) && isMap(pair.value)) services.push({ name: String(pair.key.value), map: pair.value });
    }
  }
  return services;
}

/** The pair of `key` in a map (the last one when a key repeats, as YAML loaders keep). */
export function pairOf(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  let found: Pair<unknown, unknown> | undefined;
  for (const pair of map.items) if (isScalar(pair.key) && String(pair.key.value) === key) found = pair;
  return found;
}

/** The scalar value of `key` as a string (numbers and booleans converted), undefined otherwise. */
export function scalarOf(map: YAMLMap, key: string): string | undefined {
  const value = pairOf(map, key)?.value;
  return isScalar(value) && value.value !== null ? String(value.value) : undefined;
}

/** The items of a sequence under `key`, or nothing. */
export function itemsOf(map: YAMLMap, key: string): unknown[] {
  const value = pairOf(map, key)?.value;
  return isSeq(value) ? value.items : [];
}

/** Whether a node is a scalar holding a string or a number. */
export function isTextScalar(node: unknown): node is Scalar<string | number> {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number');
}

/** Range of a node's source; `[0, 0]` for nodes the parser gave no position. */
export function nodeRange(node: unknown): readonly [number, number] {
  const range = (node as Node | undefined)?.range;
  return range ? [range[0], range[1]] : [0, 0];
}

/**
 * Offsets of a scalar's content in the file (inside its quotes) when it is written on one line without
 * escapes, so that sub-ranges of its value map one-to-one; null otherwise.
 */
export function valueOffset(text: string, scalar: Scalar): number | null {
  const [start, end] = nodeRange(scalar);
  const raw = text.slice(start, end);
  const value = String(scalar.value);
  if (raw === value) return start;
  if ((raw.startsWith('"') || raw.startsWith("'")) && raw.slice(1, -1) === value) return start + 1;
  return null;
}

/** A service with what rules need to follow YAML aliases and `<<` merge keys, and its key for reporting. */
export interface ComposeServiceEntry extends ComposeService {
  /** The document holding the service (aliases resolve against it). */
  doc: YamlDocument;
  /** The service's name as written, where a finding about the whole service goes. */
  key: Scalar;
}

/** The services of every document of a compose file, with their document and key; empty for other YAML dialects. */
export function composeServiceEntries(context: RuleContext<YamlHelpers>): ComposeServiceEntry[] {
  if (context.classification.dialect !== 'compose') return [];
  const services: ComposeServiceEntry[] = [];
  for (const doc of context.lang.documents) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const section = pairOf(root, 'services')?.value;
    if (!isMap(section)) continue;
    for (const pair of section.items) {
      if (isScalar(pair.key) && isMap(pair.value)) services.push({ name: String(pair.key.value), map: pair.value, doc, key: pair.key });
    }
  }
  return services;
}

/**
 * The host side of a `volumes:` entry: before the first `:` of the short form (a Windows drive letter kept),
 * or `source` of a long-form bind mount; null for named volumes' long form, tmpfs and anything else.
 */
export function volumeSource(item: unknown): { path: string; node: Scalar } | null {
  if (isScalar(item) && typeof item.value === 'string') {
    const path = /^(?:[A-Za-z]:)?[^:]*/.exec(item.value)![0];
    return { path, node: item };
  }
  if (isMap(item) && (scalarOf(item, 'type') ?? 'bind') === 'bind') {
    const pair = pairOf(item, 'source') ?? pairOf(item, 'src');
    if (pair && isScalar(pair.value) && typeof pair.value.value === 'string') return { path: pair.value.value, node: pair.value };
  }
  return null;
}
