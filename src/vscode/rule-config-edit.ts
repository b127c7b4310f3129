/**
 * Setting one rule's severity in a `.rampart.jsonc` text, keeping its comments and formatting.
 * Kept free of `vscode` imports so plain mocha tests cover it.
 */
import { findNodeAtLocation, modify, parseTree, printParseErrorCode, type Edit, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import type { ConfigSeverity } from './rule-details-html';

/**
 * jsonc-parser edits that make `rules["<ruleId>"]` say `severity`: a plain string entry is replaced, an
 * object entry (`{ severity, options }`) keeps its options and gets the new `severity`, a new entry goes
 * first in `rules`, and `rules` (or the
 * whole object, after any comments) is created when missing. Apply them with `applyEdits`.
 * Throws an `Error` fit for the user when the text has syntax errors or the wrong shape.
 */
export function ruleSeverityEdits(configText: string, ruleId: string, severity: ConfigSeverity): Edit[] {
  const fail = (what: string) => new Error(`Cannot change ${ruleId} in the configuration: ${what}.`);
  const eol = /\r\n/.test(configText) ? '\r\n' : '\n';
  const formattingOptions: FormattingOptions = { insertSpaces: true, tabSize: 2, eol };
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(configText, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    if (e instanceof RangeError) throw fail('it is nested too deeply to read');
    throw e;
  }
  const noValue = root === undefined && (configText.trim() === '' || (errors.length === 1 && printParseErrorCode(errors[0].error) === 'ValueExpected'));
  if (noValue) {
    const [created] = modify('', ['rules', ruleId], severity, { formattingOptions });
    const content = `${created.content}${eol}`;
    if (configText.trim() === '') return [{ offset: 0, length: configText.length, content }];
    const separator = /[\r\n]$/.test(configText) ? '' : eol;
    return [{ offset: configText.length, length: 0, content: separator + content }];
  }
  if (errors.length > 0 || !root) throw fail('it has syntax errors; fix them first');
  if (root.type !== 'object') throw fail('it is not a JSON object');
  const rules = findNodeAtLocation(root, ['rules']);
  if (rules && rules.type !== 'object') throw fail('"rules" is not an object');
  const entry = findNodeAtLocation(root, ['rules', ruleId]);
  const path = entry?.type === 'object' ? ['rules', ruleId, 'severity'] : ['rules', ruleId];
  // A new entry goes first: appended after the last one, it would land before that entry's trailing comment.
  return modify(configText, path, severity, { formattingOptions, getInsertionIndex: () => 0 });
}

/** What the text sets for a rule (`"off"`, `"warning"`, or the `severity` of an object entry), if anything. */
export function configuredSeverity(configText: string, ruleId: string): string | undefined {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(configText, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const entry = findNodeAtLocation(root, ['rules', ruleId]);
  if (entry?.type === 'string') return String(entry.value);
  const nested = entry?.type === 'object' ? findNodeAtLocation(entry, ['severity']) : undefined;
  return nested?.type === 'string' ? String(nested.value) : undefined;
}

/** The offset of the rule's key in the text (to reveal what was written), or undefined. */
export function ruleKeyOffset(configText: string, ruleId: string): number | undefined {
  let root: Node | undefined;
  try {
    root = parseTree(configText, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
  const value = root ? findNodeAtLocation(root, ['rules', ruleId]) : undefined;
  return value?.parent?.children?.[0]?.offset;
}
