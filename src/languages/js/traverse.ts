import { VISITOR_KEYS } from '@babel/types';
import type { VisitorTable } from '../../engine/language';
import type { JsNode } from './parse';

/**
 * Babel's child keys by node type, as a Map: a lookup per visited node, and a Map is cheaper than the
 * large dictionary-mode `VISITOR_KEYS` object.
 */
const CHILD_KEYS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(VISITOR_KEYS));

/** The child keys Babel defines for a node type, in source order. */
export function childKeys(type: string): readonly string[] {
  return CHILD_KEYS.get(type) ?? [];
}

/** Stack marker: the node below it on the stack is to be left (its exit visitors called). */
const LEAVE = { type: '' } as unknown as JsNode;

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
  // The queue holds pairs (visitor list, node) in visiting order; no object is made per visit.
  const queue: Array<readonly ((node: JsNode) => void)[] | JsNode> = [];
  const stack: JsNode[] = [root];
  root.parent ??= null;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === LEAVE) {
      const node = stack.pop()!;
      queue.push(exit.get(node.type)!, node);
      continue;
    }
    all?.push(item);
    const onEnter = enter.get(item.type);
    if (onEnter) queue.push(onEnter, item);
    if (exit.has(item.type)) stack.push(item, LEAVE);
    pushChildren(item, stack, true);
  }
  for (let i = 0; i < queue.length; i += 2) {
    const fns = queue[i] as readonly ((node: JsNode) => void)[];
    const node = queue[i + 1] as JsNode;
    for (const fn of fns) fn(node);
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
function pushChildren(node: JsNode, stack: JsNode[], setParent: boolean): void {
  const keys = CHILD_KEYS.get(node.type);
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
