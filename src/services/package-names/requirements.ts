import { isValidName, parsePep508 } from './names';
import type { PackageRef, RequirementsInclude } from './types';

/** What a requirements file declares: packages, and the files it includes (never read here). */
export interface RequirementsResult {
  packages: PackageRef[];
  includes: RequirementsInclude[];
}

const INCLUDE_OPTION = /^(-r|--requirements?|-c|--constraints?)(?:\s*=\s*|\s+)(\S+)/;

/**
 * Packages in a pip requirements file (`requirements*.txt`): names with extras, markers and version
 * specifiers; `-r`/`-c` includes are returned separately; `-e`, URL, path and other option lines are
 * skipped. Never throws.
 */
export function extractRequirements(text: string): RequirementsResult {
  const result: RequirementsResult = { packages: [], includes: [] };
  // Joining continuation lines with spaces of the same length keeps every offset valid.
  const joined = text.replace(/\\(\r?\n)/g, (m) => ' '.repeat(m.length));
  let lineStart = 0;
  for (const line of joined.split('\n')) {
    readLine(line, lineStart, result);
    lineStart += line.length + 1;
  }
  return result;
}

function readLine(rawLine: string, offset: number, result: RequirementsResult): void {
  const line = stripComment(rawLine);
  const indent = line.length - line.trimStart().length;
  const body = line.trim();
  if (body === '') return;
  if (body.startsWith('-')) {
    const include = INCLUDE_OPTION.exec(body);
    if (include) {
      const path = include[2];
      const start = offset + indent + include[0].length - path.length;
      result.includes.push({ kind: include[1].startsWith('-c') || include[1].startsWith('--c') ? 'constraint' : 'requirement', path, range: [start, start + path.length] });
    }
    return;
  }
  // Options after the requirement (`--hash=…`, `--config-settings`) belong to pip, not to the name.
  const optionAt = body.search(/\s--?[A-Za-z]/);
  const requirement = optionAt < 0 ? body : body.slice(0, optionAt);
  if (requirement.includes('$')) return;
  const parsed = parsePep508(requirement);
  if (!parsed || !isValidName('pypi', parsed.name)) return;
  const start = offset + indent + parsed.start;
  const ref: PackageRef = { ecosystem: 'pypi', name: parsed.name, range: [start, start + parsed.name.length], source: 'manifest', field: 'requirements', registry: parsed.registry };
  if (parsed.spec !== undefined) ref.spec = parsed.spec;
  result.packages.push(ref);
}

/** A `#` starts a comment at the start of a line or after whitespace (pip's own rule). */
function stripComment(line: string): string {
  const hash = line.search(/(?:^|\s)#/);
  return (hash < 0 ? line : line.slice(0, hash)).replace(/\r$/, '');
}
