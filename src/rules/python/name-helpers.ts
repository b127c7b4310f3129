import type { SyntaxNode } from '../../languages/python';
import { nameWords } from '../secrets/patterns';

/**
 * Helpers the Python rules use to judge what a value is for by the names around it (the variable it is
 * assigned to, the function that returns it, the data it is computed from). Not a rule.
 */

/** `user_password_hash` -> ['user', 'password', 'hash']; `sessionId` -> ['session', 'id']; `API_KEY` -> ['api', 'key']. */
export function nameTokens(name: string): string[] {
  return nameWords(name);
}

/** Whether one of a name's tokens is in `words`. */
export function hasWord(name: string, words: ReadonlySet<string>): boolean {
  return nameTokens(name).some((w) => words.has(w));
}

/**
 * The name an expression is known by: `x` -> x, `a.b.c` -> c, `a['key']` -> key, `f(...)` -> f's name.
 * Null for anything else.
 */
export function nameOf(node: SyntaxNode | null | undefined): string | null {
  if (!node) return null;
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text ?? null;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      if (key?.type === 'string') return stringText(key);
      return nameOf(node.childForFieldName('value'));
    }
    case 'call':
      return nameOf(node.childForFieldName('function'));
    case 'parenthesized_expression':
      return nameOf(node.namedChildren[0]);
    default:
      return null;
  }
}

/** The content of a simple string literal as written (no prefix, no interpolation), or null. */
function stringText(node: SyntaxNode): string | null {
  const parts = node.namedChildren.filter((c) => c?.type === 'string_content');
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return null;
  return parts.map((p) => p!.text).join('');
}

/** The nearest enclosing `def`, or null at module or class level. */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition') return n;
  }
  return null;
}

/** The name of the nearest enclosing `def`, or null at module or class level. */
export function enclosingFunctionName(node: SyntaxNode): string | null {
  return enclosingFunction(node)?.childForFieldName('name')?.text ?? null;
}

/** Names of every identifier and attribute inside an expression (bounded). */
export function namesIn(node: SyntaxNode | null | undefined, limit = 50): string[] {
  if (!node) return [];
  const names: string[] = [];
  const first = nameOf(node);
  if (first) names.push(first);
  for (const n of node.descendantsOfType(['identifier', 'string_content'])) {
    if (!n || names.length >= limit) break;
    // A subscript key like user['password'] names the data as much as an attribute does.
    if (n.type === 'identifier' || n.parent?.parent?.type === 'subscript') names.push(n.text);
  }
  return names;
}

/**
 * Whether the file is a test, fixture or example of one (`tests/`, `test_x.py`, `x_test.py`,
 * `conftest.py`, `settings/test.py`), where hard-coded keys are expected and never deployed.
 */
export function isTestFile(file: string): boolean {
  return /(?:^|[/\\])(?:tests?|testing)[/\\]|(?:^|[/\\])(?:test_[^/\\]*|[^/\\]*_tests?|conftest|tests?|testing)\.pyi?$/.test(file);
}
