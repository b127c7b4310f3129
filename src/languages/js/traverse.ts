import { VISITOR_KEYS } from '@babel/types';
import type { VisitorTable } from '../../engine/language';
import type { JsNode } from './parse';

/** The child keys Babel defines for a node type, in source order. */
export function childKeys(type: string): readonly string[] {
  return VISITOR_KEYS[type] ?? [];
}

/**
 * Depth-first, source-order walk of a Babel tree that calls the enter/exit visitors of each node's
 * type. Like ESLint, it first walks the whole tree once to set `parent` on every node and queue the
 * visits, then dispatches — so a visitor may look at any node's ancestors, including descendants of
 * the node it is visiting. Iterative, so deeply nested input cannot overflow the stack. With `all`, every
 * node is also collected there in source order (before any visitor runs), for analyses that would
 * otherwise walk the whole tree again.
 */
export function traverseJs(root: JsNode, visitors: VisitorTable<JsNode>, all?: JsNode[]): void {
  const { enter, exit } = visitors;
  // The queue holds nodes to enter and `{ leave }` markers to leave, in visiting order.
  const queue: Array<JsNode | { leave: JsNode }> = [];
  const stack: Array<JsNode | { leave: JsNode }> = [root];
  root.parent ??= null;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('leave' in item) {
      queue.push(item);
      continue;
    }
    all?.push(item);
    if (enter.has(item.type)) queue.push(item);
    if (exit.has(item.type)) stack.push({ leave: item });
    pushChildren(item, stack, true);
  }
  for (const item of queue) {
    const leaving = 'leave' in item;
    const node = leaving ? item.leave : item;
    for (const fn of (leaving ? exit : enter).get(node.type)!) fn(node);
  }
}

/**
 * Calls `fn` for every node below `root` (not `root` itself), without setting parents. `fn` returns
 * false to skip a node's children. Iterative.
 */
export function walkJs(root: JsNode, fn: (node: JsNode) => boolean | void): void {
  const stack: JsNode[] = [];
  pushChildren(root, stack, false);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (fn(node) === false) continue;
    pushChildren(node, stack, false);
  }
}

/** Pushes a node's children in reverse source order, so popping yields them in source order. */
function pushChildren(node: JsNode, stack: Array<JsNode | { leave: JsNode }>, setParent: boolean): void {
  const keys = VISITOR_KEYS[node.type];
  if (!keys) return;
  for (let k = keys.length - 1; k >= 0; k--) {
    const child = (node as unknown as Record<string, unknown>)[keys[k]];
    if (!child) continue;
    if (Array.isArray(child)) {
      for (let i = child.length - 1; i >= 0; i--) {
        const c = child[i] as JsNode | null;
        if (c && typeof c.type === 'string') {
          if (setParent) c.parent = node;
          stack.push(c);
        }
      }
    } else if (typeof (child as JsNode).type === 'string') {
      if (setParent) (child as JsNode).parent = node;
      stack.push(child as JsNode);
    }
  }
}
