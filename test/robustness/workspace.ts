import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ignore from 'ignore';

/** One line of EXPECTED.md: `` - `path:line rule-id` `` with an optional ` (suppressed)`. */
export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
  suppressed: boolean;
}

const ENTRY = /^- `([^`\s:]+):(\d+) ([a-z0-9-]+\/[a-z0-9-]+)( \(suppressed\))?`/;
/** A bullet whose first code span looks like `path:line …` is meant as an entry and must parse. */
const LOOKS_LIKE_ENTRY = /^- `[^`\s]+:\d+/;

/** Parses EXPECTED.md; throws on a bullet that looks like an entry but does not follow the format. */
export function parseExpected(markdown: string): Expectation[] {
  const entries: Expectation[] = [];
  markdown.split(/\r?\n/).forEach((line, i) => {
    if (!LOOKS_LIKE_ENTRY.test(line)) return;
    const m = ENTRY.exec(line);
    if (!m) throw new Error(`EXPECTED.md:${i + 1}: not \`path:line rule-id\`: ${line}`);
    entries.push({ file: m[1], line: Number(m[2]), ruleId: m[3], suppressed: m[4] !== undefined });
  });
  return entries;
}

/**
 * Files under `root` that a scan reads, as sorted `/`-separated relative paths: skips what the
 * `.gitignore` at the root lists, `*.min.js` and files no analyzer supports.
 */
export function workspaceFiles(root: string, supported: (path: string) => boolean): string[] {
  const gitignore = join(root, '.gitignore');
  const ig = ignore().add(existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) {
        if (!ig.ignores(`${rel}/`)) walk(rel);
      } else if (entry.isFile() && !ig.ignores(rel) && !entry.name.endsWith('.min.js') && supported(rel)) {
        out.push(rel);
      }
    }
  };
  walk('');
  return out.sort();
}
