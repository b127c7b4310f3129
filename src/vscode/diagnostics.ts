import * as vscode from 'vscode';
import type { Finding, Position } from '../engine/types';
import { INVALID_SUPPRESSION_RULE } from '../engine/analyzer';
import { displaySeverity, type DisplaySeverity } from './model';

const SEVERITY: Record<DisplaySeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The bundled documentation page of a rule. */
export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

/** The path of the extension URI that opens a rule's details (`<scheme>://<publisher>.<name>/rule?id=<rule id>`). */
export const RULE_DETAILS_PATH = '/rule';
/** `publisher.name` of the extension, the authority of its URIs (as in package.json). */
const EXTENSION_ID = 'rampart-security.rampart';

/**
 * The link of a diagnostic's rule id: the extension's URI, which opens the rendered, read-only rule details
 * panel. (The Problems panel and hovers open `code.target` as a link; a file target would open the raw
 * Markdown in an editor.) The scheme is the editor's own (`vscode`, `code-oss`, `cursor`, …).
 */
export function ruleDetailsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path: RULE_DETAILS_PATH, query: `id=${encodeURIComponent(ruleId)}` });
}

/** A finding as a VS Code diagnostic: source `rampart`, the rule id linking to its details, related locations. */
export function toDiagnostic(
  uri: vscode.Uri,
  finding: Finding,
  _extensionUri: vscode.Uri,
  overrides: Readonly<Record<string, DisplaySeverity>>,
): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(finding), finding.message, SEVERITY[displaySeverity(finding, overrides)]);
  d.source = 'rampart';
  d.code = { value: finding.ruleId, target: ruleDetailsUri(finding.ruleId) };
  d.relatedInformation = finding.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(r.file !== undefined ? sibling(uri, r.file) : uri, toRange(r)), r.message),
  );
  // A suppression comment that suppresses nothing is dead text: fade it like unused code.
  if (finding.ruleId === INVALID_SUPPRESSION_RULE) d.tags = [vscode.DiagnosticTag.Unnecessary];
  return d;
}

/** A file named relative to another's folder (`lib/ls.ts`, `../db.js`), as the engine names related files. */
function sibling(uri: vscode.Uri, relative: string): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..', ...relative.split('/'));
}

/**
 * The editor range of an engine location. The engine's 1-based positions were computed from the same
 * text with the same line breaks as VS Code (LF, CRLF, lone CR) and UTF-16 columns, so they carry over.
 */
export function toRange(location: { start: Position; end: Position }): vscode.Range {
  return new vscode.Range(location.start.line - 1, location.start.column - 1, location.end.line - 1, location.end.column - 1);
}
