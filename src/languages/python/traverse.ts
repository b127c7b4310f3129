import type { VisitorTable } from '../../engine/language';
import type { PythonFile, PythonNode, SyntaxNode } from './parse';

/**
 * Walks a parsed Python file: `File`, then every named tree-sitter node in source order by its type
 * (`module`, `call`, `import_statement`, `string`, `comment`, `ERROR`, …), entering and leaving, then
 * `File:exit`. Anonymous nodes (`(`, `import`, `.`) are not visited. Iterative, so deep nesting cannot
 * overflow the stack: a TreeCursor walk that only materialises nodes of kinds some visitor asks for, or,
 * when no visitor waits for an exit, one collection inside WASM. A node's `parent` and siblings are
 * always available to visitors.
 */
export function traversePython(root: PythonFile, visitors: VisitorTable<PythonNode>): void {
  const { enter, exit } = visitors;
  for (const fn of enter.get('File') ?? []) fn(root);
  const enterKinds = [...enter.keys()].filter((kind) => kind !== 'File');
  const exitKinds = [...exit.keys()].filter((kind) => kind !== 'File');
  // descendantsOfType stops at the first match when asked for ERROR (runtime 0.3.1): walk instead.
  if (exitKinds.length > 0 || enter.has('ERROR')) walkNamed(root, visitors);
  else if (enterKinds.length > 0) enterInOrder(root, enterKinds, enter);
  for (const fn of exit.get('File') ?? []) fn(root);
}

/**
 * Without exit visitors, source order is pre-order: tree-sitter collects the nodes of the wanted kinds
 * inside WASM (the root included), several times faster than a cursor walk driven from JavaScript.
 */
function enterInOrder(root: PythonFile, kinds: string[], enter: VisitorTable<PythonNode>['enter']): void {
  const top = root.module;
  // The root is visited here: the collection skips it when it is empty (an empty file).
  for (const fn of enter.get(top.type) ?? []) fn(top);
  for (const node of top.descendantsOfType(kinds)) {
    // Anonymous tokens may share a name with a kind (`print`, `type`); only named nodes are visited.
    if (!node || !node.isNamed || node.id === top.id) continue;
    for (const fn of enter.get(node.type) ?? []) fn(node);
  }
}

/** The cursor walk between `File` and `File:exit`, for enter and exit visitors. */
function walkNamed(root: PythonFile, { enter, exit }: VisitorTable<PythonNode>): void {
  const cursor = root.tree.walk();
  // One entry per open node on the cursor's path: the node to leave, or null when nobody listens.
  const leaving: Array<SyntaxNode | null> = [];
  try {
    for (;;) {
      leaving.push(visitEnter(cursor.nodeIsNamed ? cursor.nodeType : null, cursor, enter, exit));
      if (cursor.gotoFirstChild()) continue;
      for (;;) {
        leave(leaving.pop()!, exit);
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

type Cursor = ReturnType<PythonFile['tree']['walk']>;

/** Calls the enter visitors of the cursor's node; returns the node when exit visitors wait for it. */
function visitEnter(
  type: string | null,
  cursor: Cursor,
  enter: VisitorTable<PythonNode>['enter'],
  exit: VisitorTable<PythonNode>['exit'],
): SyntaxNode | null {
  if (type === null || type === 'File') return null;
  const onEnter = enter.get(type);
  const onExit = exit.get(type);
  if (!onEnter && !onExit) return null;
  const node = cursor.currentNode;
  if (onEnter) for (const fn of onEnter) fn(node);
  return onExit ? node : null;
}

function leave(node: SyntaxNode | null, exit: VisitorTable<PythonNode>['exit']): void {
  if (node) for (const fn of exit.get(node.type)!) fn(node);
}
