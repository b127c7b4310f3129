import { isPair, isScalar, isSeq } from 'yaml';
import type { Range } from '../../engine/types';
import type { YamlDocument, YamlNode, YamlParsedFile } from './parse';
import { yamlChildren } from './traverse';

/** A step of {@link YamlHelpers.pathOf}: a map key (a scalar's value; null for a complex key) or a sequence index. */
export type YamlPathSegment = string | number | boolean | null;

/** What YAML rules receive as `context.lang`. */
export class YamlHelpers {
  /** The documents of the stream, in order. */
  readonly documents: readonly YamlDocument[];
  /** The other files the caller read with this one (a Helm chart's values, a kustomization's bases and patches). */
  readonly neighbours: ReadonlyArray<{ file: string; text: string }>;
  private parents: Map<YamlNode, YamlNode> | undefined;

  constructor(parsed: YamlParsedFile, neighbours: ReadonlyArray<{ file: string; text: string }> = []) {
    this.documents = parsed.root.documents;
    this.neighbours = neighbours;
  }

  /** The node that holds this one (a pair, a collection, the document); undefined for a document. */
  parentOf(node: YamlNode): YamlNode | undefined {
    return this.parentMap().get(node);
  }

  /**
   * The keys and indexes leading from the document to this node, e.g. `['jobs', 'build', 'steps', 0,
   * 'run']` for the value (or the pair) of a step's `run`. A key node's path is that of its pair.
   */
  pathOf(node: YamlNode): YamlPathSegment[] {
    // Built from the node up, then reversed; a pair's path ends in its own key.
    const path: YamlPathSegment[] = isPair(node) ? [keyOf(node)] : [];
    let child = node;
    for (let parent = this.parentOf(child); parent; child = parent, parent = this.parentOf(child)) {
      if (isPair(parent) && child === parent.value) path.push(keyOf(parent));
      else if (isSeq(parent)) path.push((parent.items as unknown[]).indexOf(child));
    }
    return path.reverse();
  }

  /**
   * UTF-16 `[start, end)` of a node without its trailing comment; a pair spans its key and value.
   * Undefined for a node that has no position (a pair with neither key nor value).
   */
  rangeOf(node: YamlNode): Range | undefined {
    if (isPair(node)) {
      const key = node.key ? this.rangeOf(node.key as YamlNode) : undefined;
      const value = node.value ? this.rangeOf(node.value as YamlNode) : undefined;
      if (!key && !value) return undefined;
      return [(key ?? value)![0], (value ?? key)![1]];
    }
    const range = (node as { range?: readonly number[] | null }).range;
    return range ? [range[0], range[1]] : undefined;
  }

  private parentMap(): Map<YamlNode, YamlNode> {
    if (this.parents) return this.parents;
    const parents = new Map<YamlNode, YamlNode>();
    const stack: YamlNode[] = [...this.documents];
    while (stack.length > 0) {
      const node = stack.pop()!;
      for (const child of yamlChildren(node)) {
        parents.set(child, node);
        stack.push(child);
      }
    }
    return (this.parents = parents);
  }
}

function keyOf(pair: { key: unknown }): YamlPathSegment {
  if (!isScalar(pair.key)) return null;
  const value = pair.key.value;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null ? null : String(value);
}
