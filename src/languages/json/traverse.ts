import type { Node } from 'jsonc-parser';
import type { VisitorTable } from '../../engine/language';
import type { JsonFile, JsonNode } from './parse';

/**
 * Visits the file, then every jsonc-parser node depth-first in source order by its `type` (`object`,
 * `property`, `array`, `string`, `number`, `boolean`, `null`; a property's key is its first `string`
 * child), then leaves the file. Iterative, so any nesting depth is safe.
 */
export function traverseJson(root: JsonFile, visitors: VisitorTable<JsonNode>): void {
  const { enter, exit } = visitors;
  call(enter, 'File', root);
  // Rules that only look at the whole file (most do) need no walk of the nodes.
  const stack: Array<Node | { leave: Node }> = root.tree && (hasNodeVisitors(enter) || hasNodeVisitors(exit)) ? [root.tree] : [];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      call(exit, item.leave.type, item.leave);
      continue;
    }
    call(enter, item.type, item);
    if (exit.has(item.type)) stack.push({ leave: item });
    const children = item.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  call(exit, 'File', root);
}

function hasNodeVisitors(table: VisitorTable<JsonNode>['enter']): boolean {
  for (const [kind, fns] of table) if (kind !== 'File' && fns.length > 0) return true;
  return false;
}

/**
 * Calls `visit` with every `property` node of the tree, in the order {@link traverseJson} visits them
 * (depth-first in source order), without the walk's dispatch per node: for a rule that reads only properties
 * in its `File` visitor. Iterative.
 */
export function forEachJsonProperty(tree: Node | undefined, visit: (property: Node) => void): void {
  const stack: Node[] = tree ? [tree] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'property') visit(node);
    const children = node.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function call(table: VisitorTable<JsonNode>['enter'], kind: string, node: JsonNode): void {
  const fns = table.get(kind);
  if (fns) for (const fn of fns) fn(node);
}
