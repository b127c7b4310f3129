import type { VisitorTable } from '../../engine/language';
import type { TextFile, TextNode } from './parse';

/** Text has one node kind: the file. Calls its enter visitors, then its exit visitors. */
export function traverseText(root: TextFile, visitors: VisitorTable<TextNode>): void {
  for (const fn of visitors.enter.get('File') ?? []) fn(root);
  for (const fn of visitors.exit.get('File') ?? []) fn(root);
}
