import Ajv, { type ValidateFunction } from 'ajv';
import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import type { FileResult, Range } from '../engine/types';

/** Options every formatter takes. */
export interface BaseFormatOptions {
  /** Absolute directory the result paths are relative to. */
  cwd: string;
  /** Every rule of the run, for documentation links and SARIF rule descriptors. */
  rules: readonly Rule[];
}

const range = { type: 'array', items: { type: 'integer', minimum: 0 }, minItems: 2, maxItems: 2 };
const position = {
  type: 'object',
  required: ['line', 'column'],
  properties: { line: { type: 'integer', minimum: 1 }, column: { type: 'integer', minimum: 1 } },
};
const edits = {
  type: 'array',
  items: { type: 'object', required: ['range', 'text'], properties: { range, text: { type: 'string' } } },
};
const fix = { type: 'object', required: ['title', 'edits'], properties: { title: { type: 'string' }, edits } };
const suggestion = {
  type: 'object',
  required: ['messageId', 'title', 'edits'],
  properties: { messageId: { type: 'string' }, title: { type: 'string' }, edits },
};
const related = {
  type: 'object',
  required: ['message', 'range', 'start', 'end'],
  properties: { message: { type: 'string' }, range, start: position, end: position },
};
const finding = {
  type: 'object',
  required: ['ruleId', 'messageId', 'message', 'severity', 'range', 'start', 'end', 'suggestions', 'related'],
  properties: {
    ruleId: { type: 'string', minLength: 1 },
    messageId: { type: 'string' },
    message: { type: 'string' },
    severity: { enum: ['error', 'warning', 'info'] },
    range,
    start: position,
    end: position,
    fix,
    suggestions: { type: 'array', items: suggestion },
    related: { type: 'array', items: related },
    suppressed: {
      type: 'object',
      required: ['kind', 'reason'],
      properties: { kind: { enum: ['inline', 'config'] }, reason: { type: 'string' }, range },
    },
  },
};
const fileResult = {
  type: 'object',
  required: ['file', 'language', 'findings', 'errors'],
  properties: {
    file: { type: 'string', minLength: 1 },
    language: { type: ['string', 'null'] },
    findings: { type: 'array', items: finding },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['file', 'source', 'message'],
        properties: { file: { type: 'string' }, source: { type: 'string' }, message: { type: 'string' } },
      },
    },
    skipped: {
      type: 'object',
      required: ['file', 'reason'],
      properties: { file: { type: 'string' }, reason: { type: 'string' } },
    },
  },
};

let validateResults: ValidateFunction<FileResult[]> | undefined;

/**
 * Checks what a formatter was given and throws a `TypeError` naming the formatter and the first bad
 * value, so a caller bug reads as a clear message instead of a crash deep inside a formatter.
 */
export function checkInput(formatter: string, results: unknown, opts: unknown): asserts results is FileResult[] {
  if (typeof opts !== 'object' || opts === null) throw new TypeError(`${formatter}: options must be an object`);
  const { cwd, rules } = opts as Partial<BaseFormatOptions>;
  if (typeof cwd !== 'string' || !path.isAbsolute(cwd)) {
    throw new TypeError(`${formatter}: options.cwd must be an absolute path, got ${JSON.stringify(cwd)}`);
  }
  if (!Array.isArray(rules)) throw new TypeError(`${formatter}: options.rules must be an array of rules`);
  validateResults ??= new Ajv({ allowUnionTypes: true }).compile<FileResult[]>({ type: 'array', items: fileResult });
  if (!validateResults(results)) {
    const [error] = validateResults.errors ?? [];
    const where = `results${error?.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.') ?? ''}`;
    throw new TypeError(`${formatter}: invalid results: ${where} ${error?.message ?? 'is malformed'}`);
  }
  results.forEach((result, i) =>
    result.findings.forEach((f, j) => {
      const where = `results[${i}].findings[${j}]`;
      checkRange(formatter, `${where}.range`, f.range);
      f.related.forEach((r, k) => checkRange(formatter, `${where}.related[${k}].range`, r.range));
      [...(f.fix ? [f.fix] : []), ...f.suggestions].forEach((x) =>
        x.edits.forEach((e) => checkRange(formatter, `${where} edit of "${x.title}"`, e.range)),
      );
    }),
  );
}

function checkRange(formatter: string, where: string, [start, end]: Range): void {
  if (start > end) throw new TypeError(`${formatter}: invalid results: ${where} [${start}, ${end}] ends before it starts`);
}

/**
 * The path to show for a result's file: as given when relative (the engine's contract), relative to
 * `cwd` when an absolute path lies inside it, otherwise the absolute path. Forward slashes only.
 */
export function displayPath(file: string, cwd: string): string {
  let shown = file;
  if (path.isAbsolute(file)) {
    const relative = path.relative(cwd, file);
    const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    if (relative !== '' && !outside) shown = relative;
  }
  // On POSIX a backslash is a legal file-name character, so only Windows separators are converted.
  return path.sep === '\\' ? shown.replace(/\\/g, '/') : shown;
}
