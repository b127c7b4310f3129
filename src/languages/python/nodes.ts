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

const INDEXED = new Set(INDEXED_TYPES);

/**
 * The nodes of a file by kind, in source order. The mirrored tree indexes its nodes by kind itself; this
 * keeps each answer, since the analyses ask for the same kinds again and again.
 */
export class NodeIndex {
  private readonly lists = new Map<string, readonly SyntaxNode[]>();

  constructor(private readonly module: SyntaxNode) {}

  /** The named nodes of the given kinds (all must be indexed kinds) in source order. Shared: do not modify. */
  ofType(types: readonly string[]): readonly SyntaxNode[] {
    const key = types.length === 1 ? types[0] : types.join(',');
    let list = this.lists.get(key);
    if (!list) {
      for (const t of types) if (!INDEXED.has(t)) throw new Error(`node kind ${t} is not indexed`);
      // Anonymous tokens share some names (`lambda`, `yield`): only named nodes count.
      list = this.module.descendantsOfType(types).filter((node) => node.isNamed);
      this.lists.set(key, list);
    }
    return list;
  }
}
