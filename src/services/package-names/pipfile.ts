import { poetryTable } from './pyproject';
import { readToml } from './toml-locate';
import type { PackageRef } from './types';

/** Packages in a Pipfile text (`[packages]` and `[dev-packages]`). Never throws. */
export function extractPipfile(text: string): PackageRef[] {
  const doc = readToml(text);
  return [...poetryTable(doc, ['packages'], []), ...poetryTable(doc, ['dev-packages'], [])];
}
