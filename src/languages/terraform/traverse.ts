import type { VisitorTable } from '../../engine/language';
import type { SyntaxNode, TerraformFile, TerraformNode } from './parse';

/**
 * Walks a parsed Terraform file: `File`, then every named tree-sitter node in source order by its type
 * (`config_file`, `block`, `attribute`, `function_call`, `comment`, …), entering and leaving, then
 * `File:exit`. Iterative (a cursor walk), so deep nesting cannot overflow the stack; nodes are only
 * materialised for kinds some visitor asks for.
 */
export function traverseTerraform(root: TerraformFile, visitors: VisitorTable<TerraformNode>): void {
  const { enter, exit } = visitors;
  for (const fn of enter.get('File') ?? []) fn(root);
  const wanted = [...enter.keys(), ...exit.keys()].some((kind) => kind !== 'File');
  if (wanted) walkNamed(root, visitors);
  for (const fn of exit.get('File') ?? []) fn(root);
}

function walkNamed(root: TerraformFile, { enter, exit }: VisitorTable<TerraformNode>): void {
  const cursor = root.tree.walk();
  const leaving: Array<SyntaxNode | null> = [];
  try {
    for (;;) {
      let node: SyntaxNode | null = null;
      if (cursor.nodeIsNamed) {
        const type = cursor.nodeType;
        const onEnter = enter.get(type);
        const onExit = exit.get(type);
        if (onEnter || onExit) {
          node = cursor.currentNode;
          for (const fn of onEnter ?? []) fn(node);
          if (!onExit) node = null;
        }
      }
      leaving.push(node);
      if (cursor.gotoFirstChild()) continue;
      for (;;) {
        const done = leaving.pop();
        if (done) for (const fn of exit.get(done.type) ?? []) fn(done);
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
      }
    }
  } finally {
    cursor.delete();
  }
}
