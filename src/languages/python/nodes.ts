import type { SyntaxNode } from './parse';

/** Every node kind the scope, flow and guard analyses look for, collected together. */
const INDEXED_TYPES = [
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'function_definition',
  'class_definition',
  'lambda',
  'for_statement',
  'while_statement',
  'for_in_clause',
  'with_item',
  'except_clause',
  'delete_statement',
  'global_statement',
  'nonlocal_statement',
  'case_pattern',
  'type_alias_statement',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'if_statement',
  'elif_clause',
  'assert_statement',
  'conditional_expression',
  'boolean_operator',
  'call',
  'return_statement',
  'yield',
];

/**
 * The nodes of a file by kind, in source order, from one collection inside WASM: each analysis asking
 * for its own kinds would walk the whole tree again.
 */
export class NodeIndex {
  private byType: Map<string, Array<{ seq: number; node: SyntaxNode }>> | null = null;

  constructor(private readonly module: SyntaxNode) {}

  /** The nodes of the given kinds (all must be indexed kinds) in source order. */
  ofType(types: readonly string[]): SyntaxNode[] {
    const index = this.all();
    const lists = types.map((t) => {
      if (!INDEXED_TYPES.includes(t)) throw new Error(`node kind ${t} is not indexed`);
      return index.get(t) ?? [];
    });
    if (lists.length === 1) return lists[0].map((e) => e.node);
    return lists
      .flat()
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.node);
  }

  private all(): Map<string, Array<{ seq: number; node: SyntaxNode }>> {
    if (this.byType) return this.byType;
    const byType = new Map<string, Array<{ seq: number; node: SyntaxNode }>>();
    let seq = 0;
    for (const node of this.module.descendantsOfType(INDEXED_TYPES)) {
      // Anonymous tokens share some names (`lambda`, `yield`): only named nodes count.
      if (!node || !node.isNamed) continue;
      const list = byType.get(node.type);
      const entry = { seq: seq++, node };
      if (list) list.push(entry);
      else byType.set(node.type, [entry]);
    }
    this.byType = byType;
    return byType;
  }
}
