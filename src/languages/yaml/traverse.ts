import { isAlias, isDocument, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { VisitorTable } from '../../engine/language';
import type { YamlFile, YamlNode } from './parse';

/** The visitor kind of a YAML node: `Document`, `Map`, `Seq`, `Pair`, `Scalar` or `Alias`; undefined otherwise. */
export function yamlKind(node: unknown): string | undefined {
  if (isDocument(node)) return 'Document';
  if (isMap(node)) return 'Map';
  if (isSeq(node)) return 'Seq';
  if (isPair(node)) return 'Pair';
  if (isScalar(node)) return 'Scalar';
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
  const stack: Array<YamlNode | { leave: YamlNode; kind: string }> = [...root.documents].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      call(exit, item.kind, item.leave);
      continue;
    }
    const kind = yamlKind(item)!;
    call(enter, kind, item);
    if (exit.has(kind)) stack.push({ leave: item, kind });
    const children = yamlChildren(item);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  call(exit, 'File', root);
}

function call(table: VisitorTable<YamlNode>['enter'], kind: string, node: YamlNode): void {
  const fns = table.get(kind);
  if (fns) for (const fn of fns) fn(node);
}
