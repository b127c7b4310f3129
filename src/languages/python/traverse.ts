import type { VisitorTable } from '../../engine/language';
import type { PythonFile, PythonNode } from './parse';

/**
 * Walks a parsed Python file: `File`, then every named node in source order by its type (`module`,
 * `call`, `import_statement`, `string`, `comment`, `ERROR`, …), entering and leaving, then `File:exit`.
 * Anonymous nodes (`(`, `import`, `.`) are not visited. The walk is a loop over the mirrored tree's
 * pre-order (deep nesting cannot overflow the stack) with a stack of the nodes waiting for their exit
 * visitors; only nodes some visitor asks for get a node object. A node's `parent` and children are
 * always available to visitors.
 */
export function traversePython(root: PythonFile, { enter, exit }: VisitorTable<PythonNode>): void {
  for (const fn of enter.get('File') ?? []) fn(root);
  const tree = root.module.tree;
  // Visitors by kind index; `File` is no tree-sitter kind.
  const onEnter = tree.names.map((name) => (name === 'File' ? undefined : enter.get(name)));
  const onExit = tree.names.map((name) => (name === 'File' ? undefined : exit.get(name)));
  if (onEnter.some(Boolean) || onExit.some(Boolean)) {
    const { kinds, lasts, count } = tree;
    // Ids of nodes entered whose exit visitors have not run yet, innermost last.
    const open: number[] = [];
    for (let i = 0; i < count; i++) {
      while (open.length > 0 && lasts[open[open.length - 1]] < i) leave(open.pop()!);
      if (!tree.isNamed(i)) continue;
      const kind = kinds[i];
      const fns = onEnter[kind];
      if (fns) for (const fn of fns) fn(tree.node(i));
      if (onExit[kind]) open.push(i);
    }
    while (open.length > 0) leave(open.pop()!);
  }
  for (const fn of exit.get('File') ?? []) fn(root);

  function leave(id: number): void {
    for (const fn of onExit[tree.kinds[id]]!) fn(tree.node(id));
  }
}
