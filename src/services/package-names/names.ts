import type { Ecosystem } from './types';

const NPM_NAME = /^(?:@[a-z0-9~][\w.~-]*\/)?[a-z0-9~][\w.~-]*$/i;
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** A PEP 508 name at the start of a string. */
const PYPI_NAME_PREFIX = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/** Whether `name` could be a package name in `ecosystem` (syntax only; nothing is looked up). */
export function isValidName(ecosystem: Ecosystem, name: string): boolean {
  if (ecosystem === 'npm') return name.length <= 214 && NPM_NAME.test(name);
  return name.length <= 200 && PYPI_NAME.test(name);
}

/** A PEP 508 requirement split into parts; offsets are relative to the string parsed. */
export interface ParsedRequirement {
  name: string;
  /** Offset of the name in the string. */
  start: number;
  /** Version specifier without extras and markers (e.g. `>=2,<3`), when present. */
  spec?: string;
  /** False for `name @ url` direct references. */
  registry: boolean;
}

/**
 * Reads a PEP 508 requirement (`name[extra]>=1; marker`, `name @ url`). Returns undefined when the text
 * does not start with a name (URLs, paths, options). Leading whitespace is allowed.
 */
export function parsePep508(text: string): ParsedRequirement | undefined {
  const start = text.length - text.trimStart().length;
  const rest = text.slice(start);
  const match = PYPI_NAME_PREFIX.exec(rest);
  if (!match) return undefined;
  const name = match[0];
  let after = rest.slice(name.length);
  // A name followed by ':' or '/' is a URL or a path, not a requirement.
  if (/^[:/\\]/.test(after)) return undefined;
  if (/\.(?:whl|zip|tar|tgz|egg)$/i.test(name) || /^\.(?:whl|zip|tar\.gz|tgz|egg)\b/i.test(after)) return undefined;
  after = after.replace(/^\s*\[[^\]]*\]?/, '');
  const markerAt = after.indexOf(';');
  if (markerAt >= 0) after = after.slice(0, markerAt);
  if (/^\s*@/.test(after)) return { name, start, registry: false };
  const spec = after.trim().replace(/^\((.*)\)$/, '$1').trim();
  if (spec !== '' && !/^(?:[<>=!~]=?|===)/.test(spec)) return undefined;
  return spec === '' ? { name, start, registry: true } : { name, start, spec, registry: true };
}

/** PEP 503 normalisation of a PyPI project name: lowercase, runs of `-`, `_` and `.` become `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
