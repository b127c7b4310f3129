import { findNodeAtLocation, type JSONPath, type Node } from 'jsonc-parser';
import type { JsonParsedFile } from './parse';

/** What JSON rules receive as `context.lang`. */
export class JsonHelpers {
  /** The jsonc-parser tree of the file; undefined when it holds no value. */
  readonly tree: Node | undefined;
  private cached: { value: unknown } | undefined;

  constructor(parsed: JsonParsedFile) {
    this.tree = parsed.root.tree;
  }

  /**
   * The whole document as plain data (objects without prototype, so a `__proto__` key is just a key),
   * computed once. A property without a value is left out; a later duplicate key wins.
   */
  value(): unknown {
    this.cached ??= { value: this.tree ? nodeValue(this.tree) : undefined };
    return this.cached.value;
  }

  /** The node at a path of keys and indexes (`['dependencies', 'left-pad']`), or undefined. */
  nodeAt(path: JSONPath): Node | undefined {
    return this.tree ? findNodeAtLocation(this.tree, path) : undefined;
  }
}

/** jsonc-parser's `getNodeValue` without recursion: children are computed before their parents. */
export function nodeValue(root: Node): unknown {
  const order: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    if (node.children) for (const child of node.children) stack.push(child);
  }
  const values = new Map<Node, unknown>();
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    values.set(node, valueFromChildren(node, values));
  }
  return values.get(root);
}

function valueFromChildren(node: Node, values: ReadonlyMap<Node, unknown>): unknown {
  switch (node.type) {
    case 'array':
      return node.children!.map((c) => values.get(c));
    case 'object': {
      const object: Record<string, unknown> = Object.create(null);
      for (const property of node.children!) {
        const valueNode = property.children?.[1];
        if (valueNode) object[property.children![0].value as string] = values.get(valueNode);
      }
      return object;
    }
    case 'property':
      return undefined;
    default:
      return node.value;
  }
}
