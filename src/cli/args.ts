import { parseArgs } from 'node:util';
import { DEFAULT_MAX_FILE_SIZE } from '../engine/analyzer';
import type { Severity } from '../engine/types';
import { isReportUrl } from '../report/markdown';

/** Report formats of `rampart scan`. */
export const FORMATS = ['text', 'json', 'sarif', 'html', 'markdown'] as const;
/** A report format. */
export type ReportFormat = (typeof FORMATS)[number];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Options of `rampart scan`, validated. */
export interface ScanOptions {
  paths: string[];
  format: ReportFormat;
  output?: string;
  fix: boolean;
  /** Answer package look-ups from the cache only. */
  offline: boolean;
  /** Folder of the package look-up cache (default: `$XDG_CACHE_HOME/rampart/registry`). */
  cacheDir?: string;
  config?: string;
  /** Exit 1 when there are more unsuppressed warnings than this. */
  maxWarnings?: number;
  /** Lowest severity of an unsuppressed finding that makes the exit code 1. */
  failOn: Severity;
  /** Files larger than this many bytes are skipped. */
  maxFileSize: number;
  /** Baseline file: findings it lists are reported as baselined, not as problems. */
  baseline?: string;
  /** Write the current findings as a baseline to this file. */
  writeBaseline?: string;
  /** SARIF analysis category (`automationDetails.id`); only with `--format sarif`. */
  sarifCategory?: string;
  /** Where the full report is published, linked from `--format markdown`. */
  reportUrl?: string;
  /** Scan only the files that differ from this commit, branch or tag (modified, added or untracked). */
  changedSince?: string;
}

/** What the command line asks for. */
export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; options: ScanOptions }
  | { kind: 'usage-error'; message: string };

/** Usage text printed by `--help`. */
export const HELP = `Usage: rampart scan [options] [paths...]

Finds security problems in code that AI assistants write. Scans the given files
and folders (default: the current folder), honouring .gitignore and .rampart.jsonc.

Options:
  --format <text|json|sarif|html|markdown>
                                  Report format (default: text); html is one
                                  self-contained page, markdown a short summary
                                  for pull-request comments
  --output <file>                 Write the report to <file> instead of standard output
  --fix                           Apply safe fixes, then report the problems that remain
  --offline                       Answer package look-ups from the cache only: nothing
                                  goes to a registry (typosquat checks still run)
  --cache-dir <dir>               Package look-up cache (default: ~/.cache/rampart/registry)
  --config <file>                 Use <file> instead of the nearest .rampart.jsonc
  --max-warnings <n>              Exit with 1 when there are more than <n> warnings
  --fail-on <error|warning|info>  Lowest severity that makes the exit code 1 (default: error)
  --max-file-size <bytes>         Skip files larger than this (default: ${DEFAULT_MAX_FILE_SIZE})
  --baseline <file>               Report only findings that are not in the baseline <file>
                                  (baselined ones are counted, and marked in JSON and SARIF)
  --write-baseline <file>         Record every current finding in <file> (inside the
                                  repository or the current folder) and accept them
  --sarif-category <name>         SARIF analysis category for GitHub code scanning
                                  (default: rampart)
  --changed-since <ref>           Scan only files that differ from <ref> (a branch, tag or
                                  commit id): modified, added or untracked; git itself is
                                  not run, so nothing the repository configures is executed
  --report-url <url>              Link the Markdown summary to the full report at <url>
                                  (http or https; only with --format markdown)
  -h, --help                      Show this help
  --version                       Print the version

Exit codes: 0 no problems at or above --fail-on (baselined findings do not count),
            1 problems found, 2 usage, configuration or baseline error.
`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string' },
  fix: { type: 'boolean' },
  offline: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  config: { type: 'string' },
  'max-warnings': { type: 'string' },
  'fail-on': { type: 'string' },
  'max-file-size': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  'sarif-category': { type: 'string' },
  'report-url': { type: 'string' },
  'changed-since': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Parses `rampart` arguments (without the node and script paths). Never throws. */
export function parseCommandLine(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return { kind: 'usage-error', message: describeParseError(e) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) return { kind: 'usage-error', message: 'missing command; did you mean `rampart scan`?' };
  if (command !== 'scan') return { kind: 'usage-error', message: `unknown command "${command}"; the only command is "scan"` };

  const format = values.format ?? 'text';
  if (!isOneOf(format, FORMATS)) return badValue('--format', format, FORMATS);
  const failOn = values['fail-on'] ?? 'error';
  if (!isOneOf(failOn, SEVERITIES)) return badValue('--fail-on', failOn, SEVERITIES);
  const maxWarnings = parseCount(values['max-warnings'], '--max-warnings', 0);
  if (typeof maxWarnings === 'string') return { kind: 'usage-error', message: maxWarnings };
  const maxFileSize = parseCount(values['max-file-size'], '--max-file-size', 1);
  if (typeof maxFileSize === 'string') return { kind: 'usage-error', message: maxFileSize };
  for (const name of ['output', 'config', 'baseline', 'write-baseline'] as const) {
    if (values[name] === '') return { kind: 'usage-error', message: `--${name} needs a file name` };
  }
  const sarifCategory = values['sarif-category'];
  if (sarifCategory !== undefined) {
    if (format !== 'sarif') return { kind: 'usage-error', message: '--sarif-category needs --format sarif' };
    const problem = categoryProblem(sarifCategory);
    if (problem) return { kind: 'usage-error', message: problem };
  }
  const reportUrl = values['report-url'];
  if (reportUrl !== undefined) {
    if (format !== 'markdown') return { kind: 'usage-error', message: '--report-url needs --format markdown' };
    if (!isReportUrl(reportUrl)) return { kind: 'usage-error', message: '--report-url must be an http or https URL without spaces, quotes or brackets' };
  }
  if (values['cache-dir'] === '') return { kind: 'usage-error', message: '--cache-dir needs a folder name' };
  const changedSince = values['changed-since'];
  if (changedSince !== undefined && !/^[\w./@{}-]+$/.test(changedSince)) {
    return { kind: 'usage-error', message: '--changed-since needs a branch, tag or commit id such as origin/main or 3f2c1a9' };
  }
  return {
    kind: 'scan',
    options: {
      paths: paths.length > 0 ? paths : ['.'],
      format,
      output: values.output,
      fix: values.fix ?? false,
      offline: values.offline ?? false,
      cacheDir: values['cache-dir'],
      config: values.config,
      maxWarnings,
      failOn,
      maxFileSize: maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
      ...(values['write-baseline'] !== undefined ? { writeBaseline: values['write-baseline'] } : {}),
      ...(sarifCategory !== undefined ? { sarifCategory } : {}),
      ...(reportUrl !== undefined ? { reportUrl } : {}),
      ...(changedSince !== undefined ? { changedSince } : {}),
    },
  };
}

/** Why a SARIF category is not usable, or null: it names one analysis, in printable characters. */
function categoryProblem(category: string): string | null {
  if (category.trim() === '') return '--sarif-category needs a name';
  if (category.length > 200) return '--sarif-category must be at most 200 characters';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(category)) return '--sarif-category must not contain control characters';
  return null;
}

function isOneOf<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

function badValue(option: string, value: string, allowed: readonly string[]): Command {
  return { kind: 'usage-error', message: `${option} must be one of ${allowed.join(', ')}, not "${value}"` };
}

/** A whole number >= min, undefined when absent, or an error message. */
function parseCount(value: string | undefined, option: string, min: number): number | undefined | string {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    return `${option} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}"`;
  }
  return n;
}

/** Node's messages for parse errors are long and mention positional arguments; keep the first part. */
function describeParseError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string }).code;
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /does not take/.test(message) ? `${option} does not take a value` : `${option} needs a value`;
  }
  return message.split('. ')[0];
}
