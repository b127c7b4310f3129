import type { VisitorTable } from '../../engine/language';
import type { TomlFile, TomlNode } from './parse';

/** TOML has one node kind: the file. Calls its enter visitors, then its exit visitors. */
export function traverseToml(root: TomlFile, visitors: VisitorTable<TomlNode>): void {
  for (const fn of visitors.enter.get('File') ?? []) fn(root);
  for (const fn of visitors.exit.get('File') ?? []) fn(root);
}
