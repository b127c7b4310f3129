import type { VisitorTable } from '../../engine/language';
import type { PythonFile, PythonNode } from './parse';

/**
 * Walks a parsed Python file: `File`, then every named node in source order by its type (`module`,
 * `call`, `import_statement`, `string`, `comment`, `ERROR`, …), entering and leaving, then `File:exit`.
 * Anonymous nodes (`(`, `import`, `.`) are not visited. The walk is a loop over the pre-order ids of the
 * visited kinds (deep nesting cannot overflow the stack) with a stack of the nodes waiting for their exit
 * visitors; only nodes some visitor asks for get a node object. A node's `parent` and children are always
 * available to visitors.
 */
export function traversePython(root: PythonFile, { enter, exit }: VisitorTable<PythonNode>): void {
  for (const fn of enter.get('File') ?? []) fn(root);
  const tree = root.module.tree;
  // Visitors by kind index; `File` is no tree-sitter kind.
  const onEnter = tree.names.map((name) => (name === 'File' ? undefined : enter.get(name)));
  const onExit = tree.names.map((name) => (name === 'File' ? undefined : exit.get(name)));
  // Only the nodes of visited kinds, in pre-order (from the tree's index by kind, which the analyses build
  // anyway): rules visit a few kinds (calls, assignments, definitions), a tenth of a file's nodes. Exit
  // visitors of a node run before the next visited node after it is entered, as in a walk over every node.
  const visited: number[] = [];
  for (let kind = 0; kind < onEnter.length; kind++) if (onEnter[kind] || onExit[kind]) visited.push(kind);
  if (visited.length > 0) {
    const { kinds, lasts } = tree;
    const ids = tree.idsOfKinds(visited);
    // Ids of nodes entered whose exit visitors have not run yet, innermost last.
    const open: number[] = [];
    for (let j = 0; j < ids.length; j++) {
      const i = ids[j];
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
