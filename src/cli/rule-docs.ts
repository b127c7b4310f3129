import * as fs from 'node:fs';
import * as path from 'node:path';

/** Largest documentation page read (ours, shipped with Rampart). */
const MAX_PAGE_BYTES = 256 * 1024;

/**
 * Reads the documentation pages shipped with Rampart (`docs/rules/<id>.md`, next to the bundle in `dist/` or to
 * the sources), for the help of SARIF rules. Only ids of known rules are asked for, so the path never comes from
 * the scanned workspace. A page that is missing or too large gives undefined.
 */
export function ruleDocsReader(knownRule: (id: string) => boolean, folders: readonly string[] = defaultFolders()): (ruleId: string) => string | undefined {
  const folder = folders.find((f) => fs.existsSync(f));
  const cache = new Map<string, string | undefined>();
  return (ruleId) => {
    if (folder === undefined || !knownRule(ruleId) || !/^[a-z0-9-]+(?:\/[a-z0-9-]+)+$/.test(ruleId)) return undefined;
    if (!cache.has(ruleId)) cache.set(ruleId, readPage(path.join(folder, ...ruleId.split('/')) + '.md'));
    return cache.get(ruleId);
  };
}

function defaultFolders(): string[] {
  // dist/cli.js -> docs/rules; src/cli/rule-docs.ts -> docs/rules.
  return [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', 'docs', 'rules')];
}

function readPage(file: string): string | undefined {
  try {
    const stats = fs.statSync(file);
    if (!stats.isFile() || stats.size > MAX_PAGE_BYTES) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
