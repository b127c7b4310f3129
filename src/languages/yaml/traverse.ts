import { Document, isAlias, isDocument, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { VisitorTable } from '../../engine/language';
import type { YamlFile, YamlNode } from './parse';

/** The visitor kind of a YAML node: `Document`, `Map`, `Seq`, `Pair`, `Scalar` or `Alias`; undefined otherwise. */
export function yamlKind(node: unknown): string | undefined {
  // A node has one type: the most frequent kinds are tested first.
  if (isScalar(node)) return 'Scalar';
  if (isPair(node)) return 'Pair';
  if (isMap(node)) return 'Map';
  if (isSeq(node)) return 'Seq';
  if (isDocument(node)) return 'Document';
  if (isAlias(node)) return 'Alias';
  return undefined;
}

/** The children of a YAML node in source order: a document's contents, a collection's items, a pair's key and value. */
export function yamlChildren(node: YamlNode): YamlNode[] {
  let children: unknown[];
  if (isDocument(node)) children = [node.contents];
  else if (isMap(node) || isSeq(node)) children = node.items;
  else if (isPair(node)) children = [node.key, node.value];
  else return [];
  return children.filter((c): c is YamlNode => yamlKind(c) !== undefined);
}

/**
 * Visits the file, each document and its nodes depth-first in source order by kind (`Document`,
 * `Map`, `Pair`, `Seq`, `Scalar`, `Alias`), then leaves the file. Aliases are visited as `Alias` nodes
 * and never followed, so a billion-laughs document costs no more than its text. Iterative.
 */
export function traverseYaml(root: YamlFile, visitors: VisitorTable<YamlNode>): void {
  const { enter, exit } = visitors;
  call(enter, 'File', root);
  // Rules that only look at the whole file (most do) need no walk of the nodes.
  if (hasNodeVisitors(enter) || hasNodeVisitors(exit)) walk(root, enter, exit);
  call(exit, 'File', root);
}

function hasNodeVisitors(table: VisitorTable<YamlNode>['enter']): boolean {
  for (const [kind, fns] of table) if (kind !== 'File' && fns.length > 0) return true;
  return false;
}

/** Depth-first in source order, as {@link yamlChildren} lists children, without an array per node. */
function walk(root: YamlFile, enter: VisitorTable<YamlNode>['enter'], exit: VisitorTable<YamlNode>['exit']): void {
  // Children go on the stack as they are; what is not a node (a missing value) is dropped when popped.
  const stack: unknown[] = [];
  for (let i = root.documents.length - 1; i >= 0; i--) stack.push(root.documents[i]);
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Leave) {
      call(exit, item.kind, item.node);
      continue;
    }
    const kind = yamlKind(item);
    if (kind === undefined) continue;
    const node = item as YamlNode;
    call(enter, kind, node);
    if (exit.has(kind)) stack.push(new Leave(node, kind));
    if (kind === 'Map' || kind === 'Seq') {
      const items = (node as { items: unknown[] }).items;
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    } else if (kind === 'Pair') {
      stack.push((node as { value: unknown }).value, (node as { key: unknown }).key);
    } else if (kind === 'Document') {
      stack.push((node as { contents: unknown }).contents);
    }
  }
}

/**
 * Calls `visit` with every pair of the documents, in the order and with the nodes the walk of
 * {@link traverseYaml} visits `Pair`s (depth-first in source order, a pair before its key and value; aliases
 * not followed), without the walk's dispatch per node: for a rule that reads only pairs in its `File` visitor,
 * so that the file needs no walk when no other rule visits nodes. Iterative.
 */
export function forEachYamlPair(documents: readonly YamlNode[], visit: (pair: Pair) => void): void {
  const stack: unknown[] = [];
  for (let i = documents.length - 1; i >= 0; i--) stack.push(documents[i]);
  while (stack.length > 0) {
    const node = stack.pop();
    // The composer builds the nodes from these classes: `instanceof` reads the kind with one inline-cached
    // check, where `isPair` & co. look up a symbol property on every kind of node.
    if (node instanceof Pair) {
      visit(node);
      stack.push(node.value, node.key);
    } else if (node instanceof YAMLMap || node instanceof YAMLSeq) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    } else if (node instanceof Document) {
      stack.push(node.contents);
    }
  }
}

/** A node to leave once its children are visited. */
class Leave {
  constructor(
    readonly node: YamlNode,
    readonly kind: string,
  ) {}
}

function call(table: VisitorTable<YamlNode>['enter'], kind: string, node: YamlNode): void {
  const fns = table.get(kind);
  if (fns) for (const fn of fns) fn(node);
}
