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
  const stack: Array<Node | { leave: Node }> = root.tree ? [root.tree] : [];
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

function call(table: VisitorTable<JsonNode>['enter'], kind: string, node: JsonNode): void {
  const fns = table.get(kind);
  if (fns) for (const fn of fns) fn(node);
}
