import {
  findNodeAtLocation,
  modify,
  parseTree,
  printParseErrorCode,
  type Edit,
  type FormattingOptions,
  type Node,
  type ParseError,
} from 'jsonc-parser';

/** What {@link addSuppressionEdit} writes: one new entry of `suppressions`. */
export interface SuppressionEntry {
  rule: string;
  path: string;
  reason: string;
  line?: number;
  /** Stable key for JSON files: the JSON path of the finding's node (see `formatJsonPath`). */
  jsonPath?: string;
  /** Stable key: the finding's fingerprint (see `findingFingerprint`). */
  fingerprint?: string;
}

/**
 * Edits (jsonc-parser `Edit`s: UTF-16 `offset`, `length`, `content`) that append `entry` to the
 * `suppressions` array of a `.rampart.jsonc` text, creating the array, or the whole object after any
 * comments when the text holds no value. Comments are kept; new text is indented with 2 spaces and
 * uses the text's line ends. Apply them with jsonc-parser's `applyEdits`.
 *
 * Throws an `Error` with a message fit for the user when the entry lacks a rule, path or reason, or
 * when the text cannot take the entry: syntax errors, a top-level value that is not an object, or
 * `suppressions` that is not an array.
 */
export function addSuppressionEdit(configText: string, entry: SuppressionEntry): Edit[] {
  return appendEntry(configText, ['suppressions'], entryValue(entry), 'suppression');
}

/** What {@link addAllowEdit} writes: one new entry of `packages.allow`. */
export interface AllowEntry {
  name: string;
  reason: string;
  ecosystem?: 'npm' | 'pypi';
}

/** Edits that append `entry` to `packages.allow`, creating `packages` and `allow` as needed; see {@link addSuppressionEdit}. */
export function addAllowEdit(configText: string, entry: AllowEntry): Edit[] {
  const fail = (what: string) => new Error(`Cannot add the package to the allow-list: ${what}.`);
  if (entry.name.trim() === '') throw fail('the package name is empty');
  if (entry.reason.trim() === '') throw fail('a reason is required');
  const value = { name: entry.name.trim(), reason: entry.reason.trim(), ...(entry.ecosystem ? { ecosystem: entry.ecosystem } : {}) };
  return appendEntry(configText, ['packages', 'allow'], value, 'package to the allow-list');
}

/** Appends `value` to the array at `arrayPath`, creating what is missing; `noun` names the entry in errors. */
function appendEntry(configText: string, arrayPath: readonly string[], value: Record<string, string | number>, noun: string): Edit[] {
  const eol = /\r\n/.test(configText) ? '\r\n' : '\n';
  const formattingOptions: FormattingOptions = { insertSpaces: true, tabSize: 2, eol };
  const target = [...arrayPath, -1];
  const root = parseTarget(configText, arrayPath, noun);
  if (root === undefined) {
    // Only white space and comments: write a new object after them, leaving them where they are.
    const [created] = modify('', target, value, { formattingOptions });
    const content = `${created.content}${eol}`;
    if (configText.trim() === '') return [{ offset: 0, length: configText.length, content }];
    const separator = /[\r\n]$/.test(configText) ? '' : eol;
    return [{ offset: configText.length, length: 0, content: separator + content }];
  }
  return modify(configText, target, value, { formattingOptions });
}

/** The entry as it will be written: keys in a fixed order, `line` only when given. */
function entryValue(entry: SuppressionEntry): Record<string, string | number> {
  const fail = (what: string) => new Error(`Cannot add the suppression: ${what}.`);
  if (entry.rule.trim() === '') throw fail('the rule id is empty');
  if (entry.path.trim() === '') throw fail('the path is empty');
  if (entry.reason.trim() === '') throw fail('a reason is required');
  if (entry.line !== undefined && !(Number.isInteger(entry.line) && entry.line >= 1)) {
    throw fail(`the line must be a whole number of at least 1, not ${entry.line}`);
  }
  return {
    rule: entry.rule,
    path: entry.path,
    ...(entry.jsonPath !== undefined ? { jsonPath: entry.jsonPath } : {}),
    ...(entry.fingerprint !== undefined ? { fingerprint: entry.fingerprint } : {}),
    ...(entry.line !== undefined ? { line: entry.line } : {}),
    reason: entry.reason.trim(),
  };
}

/**
 * The top-level object of the text, or undefined when the text holds no value (only white space and
 * comments). Throws unless the text is one JSON object in which each step of `arrayPath`, where present,
 * is an object and the last one an array.
 */
function parseTarget(text: string, arrayPath: readonly string[], noun: string): Node | undefined {
  const fail = (what: string) => new Error(`Cannot add the ${noun} to the configuration: ${what}.`);
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // The parser recurses; absurd nesting overflows the stack.
    if (e instanceof RangeError) throw fail('it is nested too deeply to read');
    throw e;
  }
  const noValue = root === undefined && errors.length === 1 && printParseErrorCode(errors[0].error) === 'ValueExpected';
  if (noValue) return undefined;
  if (errors.length > 0 || !root) throw fail('it has syntax errors; fix them first');
  if (root.type !== 'object') throw fail('it is not a JSON object');
  for (let i = 1; i <= arrayPath.length; i++) {
    const node = findNodeAtLocation(root, arrayPath.slice(0, i));
    const expected = i === arrayPath.length ? 'array' : 'object';
    if (node && node.type !== expected) throw fail(`"${arrayPath.slice(0, i).join('.')}" is not an ${expected}`);
  }
  return root;
}
