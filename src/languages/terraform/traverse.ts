import type { Language } from '@vscode/tree-sitter-wasm';
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
  // Rules of several languages register kinds of other grammars (`Pair`, `property`): only a kind of this one
  // is worth the walk over every node.
  const wanted = [...enter.keys(), ...exit.keys()].some((kind) => kind !== 'File' && isNodeType(root.tree.language, kind));
  if (wanted) walkNamed(root, visitors);
  for (const fn of exit.get('File') ?? []) fn(root);
}

/** Per grammar, whether a visitor kind is one of its named node types (the kinds are those of the rules: a few dozen). */
const nodeTypes = new WeakMap<Language, Map<string, boolean>>();

function isNodeType(language: Language, kind: string): boolean {
  let known = nodeTypes.get(language);
  if (!known) nodeTypes.set(language, (known = new Map()));
  let named = known.get(kind);
  if (named === undefined) {
    // `ERROR` nodes are the parser's own, not a symbol of the grammar.
    named = kind === 'ERROR' || language.idForNodeType(kind, true) !== null;
    known.set(kind, named);
  }
  return named;
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
