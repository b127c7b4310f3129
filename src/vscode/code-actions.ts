import * as vscode from 'vscode';
import * as fs from 'node:fs';
import type { Finding, TextEdit } from '../engine/types';
import { fixAllEdits } from './model';

/** `source.fixAll.rampart`, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('rampart');

/**
 * Quick fixes per Rampart diagnostic, in this order: the safe fix (preferred), each suggestion,
 * "Suppress for this line…", for package findings "Add <name> to the team allow-list…", "Show documentation", "Fix all <rule> problems in this file"; plus the
 * fix-all source action. Edits come only from findings computed for the document's current version: on
 * save right after typing, the document is analysed again before fixes are offered.
 */
export class CodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  /** `current(doc)` returns findings computed for the document's current version (analysing now if needed). */
  constructor(private readonly current: (doc: vscode.TextDocument) => Promise<readonly Finding[] | null>) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const all = await this.current(doc);
    if (!all) return [];
    const findings = all.filter((f) => !f.suppressed);
    if (context.only?.contains(FIX_ALL_KIND)) return this.fixAll(doc, findings);
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'rampart') continue;
      const finding = findings.find((f) => matches(doc, f, diagnostic));
      if (finding) actions.push(...this.forFinding(doc, finding, diagnostic, findings));
    }
    return actions;
  }

  private forFinding(doc: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic, all: Finding[]): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const quickFix = (title: string) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      return action;
    };
    if (finding.fix) {
      const action = quickFix(finding.fix.title);
      action.edit = workspaceEdit(doc, finding.fix.edits);
      action.isPreferred = true;
      actions.push(action);
    }
    for (const s of finding.suggestions) {
      const action = quickFix(s.title);
      action.edit = workspaceEdit(doc, s.edits);
      actions.push(action);
    }
    const suppress = quickFix(`Suppress ${finding.ruleId} for this line…`);
    suppress.command = {
      title: suppress.title,
      command: 'rampart.suppressLine',
      arguments: [{ uri: doc.uri.toString(), version: doc.version, line: finding.start.line, ruleId: finding.ruleId }],
    };
    actions.push(suppress);
    const name = finding.properties?.package;
    const ecosystem = finding.properties?.ecosystem;
    if (finding.ruleId.startsWith('packages/') && typeof name === 'string' && (ecosystem === 'npm' || ecosystem === 'pypi')) {
      const allow = quickFix(`Add ${name} to the team allow-list…`);
      allow.command = { title: allow.title, command: 'rampart.allowPackage', arguments: [{ uri: doc.uri.toString(), name, ecosystem }] };
      actions.push(allow);
    }
    const docs = quickFix(`Show documentation for ${finding.ruleId}`);
    docs.command = { title: docs.title, command: 'rampart.openRuleDocs', arguments: [finding.ruleId] };
    actions.push(docs);
    const sameRule = all.filter((f) => f.ruleId === finding.ruleId && f.fix);
    if (sameRule.length > 1) {
      const fixAll = quickFix(`Fix all ${finding.ruleId} problems in this file`);
      fixAll.edit = workspaceEdit(doc, fixAllEdits(doc.getText(), all, finding.ruleId));
      actions.push(fixAll);
    }
    return actions;
  }

  private fixAll(doc: vscode.TextDocument, findings: Finding[]): vscode.CodeAction[] {
    const edits = fixAllEdits(doc.getText(), findings);
    if (edits.length === 0) return [];
    const action = new vscode.CodeAction('Fix all safely fixable Rampart problems', FIX_ALL_KIND);
    action.edit = workspaceEdit(doc, edits);
    return [action];
  }
}

/** The finding a diagnostic was made from: same rule, same start and end. */
function matches(doc: vscode.TextDocument, f: Finding, d: vscode.Diagnostic): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === f.ruleId && doc.offsetAt(d.range.start) === f.range[0] && doc.offsetAt(d.range.end) === f.range[1];
}

/**
 * Engine edits (offsets of the current text) as a workspace edit. An edit of another file (a `.gitignore`
 * next to the document) creates it if needed and inserts at its start; it is left out for documents that
 * are not files of an open workspace folder, and for a target that is a link (it could lead out of the workspace).
 */
export function workspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    if (e.file === undefined) {
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.range[0]), doc.positionAt(e.range[1])), e.text);
      continue;
    }
    const target = siblingFile(doc, e.file);
    if (!target) continue;
    if (!fs.existsSync(target.fsPath)) edit.createFile(target, { ignoreIfExists: true });
    edit.insert(target, new vscode.Position(0, 0), e.text);
  }
  return edit;
}

/** `file` next to the document, when the document is a file inside a workspace folder and `file` is not a link. */
function siblingFile(doc: vscode.TextDocument, file: string): vscode.Uri | null {
  if (doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri)) return null;
  const target = vscode.Uri.joinPath(doc.uri, '..', ...file.split('/'));
  try {
    if (fs.lstatSync(target.fsPath).isSymbolicLink()) return null;
  } catch {
    // Not there yet: the edit creates it.
  }
  return target;
}
