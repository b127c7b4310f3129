import * as path from 'node:path';
import { isInside, type ProjectFiles } from './files';

/** Most member folders one workspace declaration yields. */
export const MAX_MEMBERS = 500;
/** Most folder listings one expansion may make. */
const MAX_LISTINGS = 2000;
/** How deep `**` descends. */
const MAX_DEPTH = 6;
/** Most patterns read from one declaration. */
const MAX_PATTERNS = 200;

interface Budget {
  listings: number;
}

/**
 * The folders that workspace patterns (`packages/*`, `apps/**`, `tools/cli`, `!packages/legacy`) name,
 * relative to `base`, inside the root. Only `*`, `?` and `**` are understood; a pattern with braces or
 * character classes is ignored. `**` skips `node_modules` and hidden folders. Never rejects.
 */
export async function expandWorkspacePatterns(files: ProjectFiles, base: string, patterns: readonly unknown[]): Promise<string[]> {
  const include = new Set<string>();
  const exclude = new Set<string>();
  const budget: Budget = { listings: MAX_LISTINGS };
  for (const raw of patterns.slice(0, MAX_PATTERNS)) {
    if (typeof raw !== 'string') continue;
    const negated = raw.trim().startsWith('!');
    const segments = splitPattern(negated ? raw.trim().slice(1) : raw);
    if (!segments) continue;
    const target = negated ? exclude : include;
    for (const dir of await matchSegments(files, base, segments, budget)) {
      if (isInside(files.root, dir)) target.add(dir);
    }
  }
  return [...include].filter((dir) => !exclude.has(dir)).slice(0, MAX_MEMBERS);
}

/** The segments of a pattern, or undefined for patterns this expander does not handle. */
function splitPattern(raw: string): string[] | undefined {
  const pattern = raw.trim().replace(/\/(?:package\.json|pyproject\.toml)?$/, '');
  if (pattern === '' || /[{}[\]\\]/.test(pattern) || pattern.startsWith('/') || pattern.length > 500) return undefined;
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  return segments.length === 0 ? undefined : segments;
}

async function matchSegments(files: ProjectFiles, dir: string, segments: readonly string[], budget: Budget): Promise<string[]> {
  if (segments.length === 0) return [dir];
  const [segment, ...rest] = segments;
  if (segment === '**') {
    const found: string[] = [];
    for (const sub of await descendants(files, dir, budget)) {
      found.push(...(await matchSegments(files, sub, rest, budget)));
      if (found.length >= MAX_MEMBERS) break;
    }
    return found;
  }
  if (!/[*?]/.test(segment)) return matchSegments(files, path.join(dir, segment), rest, budget);
  const regex = segmentRegex(segment);
  const found: string[] = [];
  for (const sub of await subfolders(files, dir, budget, segment.startsWith('.'))) {
    if (!regex.test(path.basename(sub))) continue;
    found.push(...(await matchSegments(files, sub, rest, budget)));
    if (found.length >= MAX_MEMBERS) break;
  }
  return found;
}

/** `dir` and the folders below it, at most {@link MAX_DEPTH} deep, without node_modules or hidden folders. */
async function descendants(files: ProjectFiles, dir: string, budget: Budget): Promise<string[]> {
  const found = [dir];
  let level = [dir];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const parent of level) next.push(...(await subfolders(files, parent, budget, false, true)));
    found.push(...next);
    if (found.length > MAX_MEMBERS * 4) break;
    level = next;
  }
  return found;
}

/** The sub-folders of `dir`; links are followed only when they stay inside the root and `noLinks` is off. */
async function subfolders(files: ProjectFiles, dir: string, budget: Budget, hidden: boolean, noLinks = false): Promise<string[]> {
  if (budget.listings <= 0) return [];
  budget.listings--;
  const listing = await files.list(dir);
  const found: string[] = [];
  for (const [name, kind] of listing ?? []) {
    if (name === 'node_modules' || (name.startsWith('.') && !hidden)) continue;
    const full = path.join(dir, name);
    if (kind === 'dir' || (kind === 'link' && !noLinks && (await files.kind(full)) === 'dir')) found.push(full);
  }
  return found.sort();
}

/**
 * `*` and `?` of one segment as a regex. Each part between stars is found at its first occurrence inside
 * an atomic group (`(?=(.*?part))\1`), the classic greedy glob match: no backtracking across stars.
 */
function segmentRegex(segment: string): RegExp {
  const parts = segment.split(/\*+/).map((part) => part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\?/g, '.'));
  const last = parts.length - 1;
  const middle = parts.slice(1, last).map((part, i) => `(?=(.*?${part}))\\${i + 1}`).join('');
  // redos-exempt(max-input 255): a folder name (at most 255 characters on every common file system), and the parts are escaped and matched atomically (above).
  return new RegExp(last === 0 ? `^${parts[0]}$` : `^${parts[0]}${middle}.*${parts[last]}$`);
}
