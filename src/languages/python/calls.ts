import type { SyntaxNode } from './parse';

/** The arguments of a call as written, comments dropped; a bare generator argument (`f(x for x in y)`) is one. Do not modify. */
export function callArguments(call: SyntaxNode): readonly SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  if (!args) return [];
  if (args.type === 'generator_expression') return [args];
  return withoutComments(args.namedChildren);
}

/** The nodes that are not comments: the list itself (shared, do not modify) when it has none, as is usual. */
export function withoutComments(nodes: readonly SyntaxNode[]): readonly SyntaxNode[] {
  for (let i = 0; i < nodes.length; i++) if (nodes[i].type === 'comment') return nodes.filter((c) => c.type !== 'comment');
  return nodes;
}

/**
 * The argument of a call passed at `position` (0-based, among positional arguments) or as `keyword=`;
 * null when absent or when a `*args` before that position (or a `**kwargs` for a keyword) hides it.
 * `position` null looks only at the keyword.
 */
export function argument(call: SyntaxNode, position: number | null, keyword?: string): SyntaxNode | null {
  if (call.type !== 'call') return null;
  const args = callArguments(call);
  if (position !== null && position >= 0) {
    let index = 0;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.type === 'keyword_argument' || a.type === 'dictionary_splat') continue;
      if (a.type === 'list_splat') break;
      if (index === position) return a;
      index++;
    }
  }
  if (keyword === undefined) return null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === keyword) return a.childForFieldName('value');
  }
  return null;
}

/** The decorators of a function or class definition (or of the `decorated_definition` around it), in source order. */
export function decoratorNodes(def: SyntaxNode): SyntaxNode[] {
  const holder = def.type === 'decorated_definition' ? def : def.parent?.type === 'decorated_definition' ? def.parent : null;
  if (!holder) return [];
  return holder.namedChildren.filter((c): c is SyntaxNode => c?.type === 'decorator');
}

/** The expression of a decorator (`app.route('/x')` of `@app.route('/x')`). */
export function decoratorExpression(decorator: SyntaxNode): SyntaxNode | null {
  return decorator.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}
