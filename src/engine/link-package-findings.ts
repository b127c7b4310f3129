import * as path from 'node:path';
import type { FileResult, Finding, RelatedLocation } from './types';

/** Most imports one manifest finding links to. */
export const MAX_IMPORT_LINKS = 10;

/**
 * Links the findings of one package across files after a whole scan. A finding at an import whose package
 * a manifest declares points at that manifest entry (the rule's related location at it, or else its
 * `declaredIn` property); when the manifest entry has a finding of the same rule for the same package
 * (`properties.ecosystem` and `properties.package`), that finding gets an "Imported here" related location
 * at each such import (at most {@link MAX_IMPORT_LINKS}, by file and position), and an import without a
 * related location at its entry gets one. Only the nearest declaring manifest is linked: an import that no
 * manifest of its project declares links to none. Pure: the results are copied where they change.
 *
 * Paths are the findings' `file` as the scan names them (relative to one folder, `/` separators); a
 * related location's `file` is relative to its finding's folder.
 */
export function linkPackageFindings(results: readonly FileResult[]): FileResult[] {
  const groups = new Map<string, Finding[]>();
  for (const result of results) {
    for (const f of result.findings) {
      const key = packageKey(f);
      if (key === undefined) continue;
      const group = groups.get(key);
      if (group) group.push(f);
      else groups.set(key, [f]);
    }
  }
  /** Manifest finding -> the import findings that point at it. */
  const imports = new Map<Finding, Finding[]>();
  /** Import finding -> the manifest finding it gets a related location at. */
  const declarations = new Map<Finding, Finding>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const f of group) {
      if (f.suppressed) continue;
      const linked = declarationByRelated(f, group);
      const target = linked ?? declarationByProperty(f, group);
      if (!target) continue;
      if (!linked) declarations.set(f, target);
      const list = imports.get(target);
      if (list) list.push(f);
      else imports.set(target, [f]);
    }
  }
  if (imports.size === 0) return [...results];
  return results.map((result) => {
    if (!result.findings.some((f) => imports.has(f) || declarations.has(f))) return result;
    return { ...result, findings: result.findings.map((f) => withLinks(f, imports.get(f), declarations.get(f))) };
  });
}

/** Rule, ecosystem and package name (PyPI names PEP 503-normalised) of a package finding; undefined for other findings. */
function packageKey(f: Finding): string | undefined {
  const ecosystem = f.properties?.ecosystem;
  const name = f.properties?.package;
  if ((ecosystem !== 'npm' && ecosystem !== 'pypi') || typeof name !== 'string' || name === '') return undefined;
  const normalised = ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
  return `${f.ruleId}\0${ecosystem}\0${normalised}`;
}

/** The finding of the group at a related location of `f` in another file (the rule's link to the manifest entry). */
function declarationByRelated(f: Finding, group: readonly Finding[]): Finding | undefined {
  for (const r of f.related) {
    if (r.file === undefined) continue;
    const file = resolveSibling(f.file, r.file);
    const target = group.find((g) => g !== f && g.file === file && g.range[0] === r.range[0] && g.range[1] === r.range[1]);
    if (target) return target;
  }
  return undefined;
}

/**
 * The finding of the group at the `declaredIn` of `f` (`packages/api/package.json:4:6`, relative to the
 * scan root): a finding at that line and column of a file whose path ends with it, under a folder that
 * holds `f` (the root); the nearest such root when there are several.
 */
function declarationByProperty(f: Finding, group: readonly Finding[]): Finding | undefined {
  const at = parseDeclaredIn(f.properties?.declaredIn);
  if (!at) return undefined;
  const { file, line, column } = at;
  let best: Finding | undefined;
  for (const g of group) {
    if (g === f || g.start.line !== line || g.start.column !== column) continue;
    if (g.file !== file && !g.file.endsWith(`/${file}`)) continue;
    const root = g.file.slice(0, g.file.length - file.length);
    if (!f.file.startsWith(root)) continue;
    if (!best || g.file.length > best.file.length) best = g;
  }
  return best;
}

/** `file:line:column` (a root-relative path), as the packages rules write `declaredIn`; undefined for anything else. */
function parseDeclaredIn(value: unknown): { file: string; line: number; column: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const second = value.lastIndexOf(':');
  const first = value.lastIndexOf(':', second - 1);
  if (first <= 0) return undefined;
  const [line, column] = [value.slice(first + 1, second), value.slice(second + 1)].map((n) => (/^\d{1,9}$/.test(n) ? Number(n) : NaN));
  return Number.isNaN(line) || Number.isNaN(column) ? undefined : { file: value.slice(0, first), line, column };
}

/** `f` with "Imported here" locations at `importers` and a "Declared here" location at `declaration`, when they are not there yet. */
function withLinks(f: Finding, importers: readonly Finding[] | undefined, declaration: Finding | undefined): Finding {
  const related = [...f.related];
  if (declaration) {
    const at = locationOf(f, declaration, 'Declared here');
    if (at && !hasLocation(f, at)) related.unshift(at);
  }
  // Imports it already links to count towards the limit, so that linking twice adds nothing.
  let linked = 0;
  for (const importer of [...(importers ?? [])].sort(byPosition)) {
    if (linked >= MAX_IMPORT_LINKS) break;
    const at = locationOf(f, importer, 'Imported here');
    if (!at) continue;
    linked++;
    if (!hasLocation(f, at)) related.push(at);
  }
  return related.length === f.related.length ? f : { ...f, related };
}

/**
 * A related location of `f` at the finding `other` in another file, its message `what (<path>)`; undefined
 * when no relative path joins them (one absolute, the other not).
 */
function locationOf(f: Finding, other: Finding, what: string): RelatedLocation | undefined {
  if (path.posix.isAbsolute(f.file) !== path.posix.isAbsolute(other.file)) return undefined;
  const file = path.posix.relative(path.posix.dirname(f.file), other.file);
  if (file === '' || path.posix.isAbsolute(file)) return undefined;
  return { message: `${what} (${file})`, range: other.range, start: other.start, end: other.end, file };
}

/** Whether `f` already has a related location at the same place as `at`. */
function hasLocation(f: Finding, at: RelatedLocation): boolean {
  const target = resolveSibling(f.file, at.file!);
  return f.related.some((r) => r.file !== undefined && resolveSibling(f.file, r.file) === target && r.range[0] === at.range[0] && r.range[1] === at.range[1]);
}

/** A path relative to `file`'s folder, as a path like `file`'s. */
function resolveSibling(file: string, relative: string): string {
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), relative));
}

function byPosition(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.start.line - b.start.line || a.start.column - b.start.column;
}
