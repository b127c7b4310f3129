import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, type Edit } from 'jsonc-parser';
import * as vscode from 'vscode';
import { addSuppressionEdit, CONFIG_FILE_NAME, findConfigFile } from '../../config';
import { findingFingerprint, jsonPathAt, jsonTree } from '../../config/stable-key';
import { LineIndex } from '../../engine/line-index';
import type { Analyzer } from '../../engine/analyzer';
import type { Finding } from '../../engine/types';
import { writeFileAtomic } from '../../files/atomic-write';
import { isInside, realpathOrNull } from '../../files/containment';
import { cleanReason, suppressionEdit } from '../model';
import type { LiveAnalysis } from '../analysis';
import { workspaceEdit } from '../code-actions';
import { log } from '../log';
import { STARTER_CONFIG } from '../starter-config';

/** Arguments the "Suppress … for this line…" quick fix passes. */
export interface SuppressArgs {
  uri: string;
  version: number;
  /** 1-based line of the finding. */
  line: number;
  ruleId: string;
}

/**
 * Asks why the finding is safe and writes `rampart-ignore-next-line <rule> -- <reason>` above its line.
 * The reason is required (the engine ignores suppressions without one). Refuses when the document changed
 * since the quick fix was offered.
 */
export function registerSuppressLine(analyzer: Analyzer, live: LiveAnalysis): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.suppressLine', async (args: SuppressArgs) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const input = await vscode.window.showInputBox({
      title: `Suppress ${args.ruleId} on line ${args.line}`,
      prompt: 'Why is this finding safe to ignore? The reason is kept next to the suppression for reviewers.',
      placeHolder: 'e.g. the value comes from our own constant table',
      ignoreFocusOut: true,
      validateInput: (value) => (cleanReason(value) ? null : 'A reason is required.'),
    });
    const reason = input === undefined ? null : cleanReason(input);
    if (!reason) return;
    if (doc.version !== args.version) {
      void vscode.window.showWarningMessage('Rampart: the file changed since this quick fix was offered; nothing was changed. Try the quick fix again.');
      return;
    }
    const language = live.classify(doc)?.language;
    const comment = language ? analyzer.lineComment(language) : undefined;
    if (!comment) {
      const findings = await live.current(doc);
      const finding = findings?.find((f) => f.ruleId === args.ruleId && f.start.line === args.line);
      await suppressInConfig(doc, args, reason, language === 'json' ? finding : undefined);
      return;
    }
    const lineStart = doc.offsetAt(new vscode.Position(args.line - 1, 0));
    await vscode.workspace.applyEdit(workspaceEdit(doc, [suppressionEdit(doc.getText(), lineStart, args.ruleId, reason, comment)]));
  });
}

/**
 * For files without comments (JSON): appends `{ rule, path, jsonPath | fingerprint, line, reason }` to
 * `suppressions` in the nearest `.rampart.jsonc` (creating a starter one at the workspace folder root if
 * there is none). The key is stable: the JSON path of the finding's node, else a fingerprint of the
 * finding (rule + normalized text of its line); the line is only a hint for readers.
 */
async function suppressInConfig(doc: vscode.TextDocument, args: SuppressArgs, reason: string, finding: Finding | undefined): Promise<void> {
  const text = doc.getText();
  const jsonPath = finding ? jsonPathAt(text, finding.range[0]) : null;
  const key = jsonPath ? { jsonPath } : { fingerprint: findingFingerprint(args.ruleId, doc.lineAt(args.line - 1).text) };
  await editTeamConfig(doc.uri, 'suppression', (configText, configPath) =>
    addSuppressionEdit(configText, { rule: args.ruleId, path: path.relative(path.dirname(configPath), doc.uri.fsPath).split(path.sep).join('/'), ...key, line: args.line, reason }),
  { reveal: 'suppressions' });
}

/** Options of {@link editTeamConfig}. */
export interface EditTeamConfigOptions {
  /** Opens the config afterwards with the last entry of this top-level array selected. */
  reveal?: string;
}

/**
 * Edits the `.rampart.jsonc` that governs `uri` with the jsonc-parser edits `edit` computes from its text.
 * Where there is none, one is created at the workspace folder root from the starter configuration, with
 * the edit applied, in one step. A config open in the editor is edited there (unsaved changes kept) and saved;
 * otherwise the file is replaced atomically (a temporary file in the same folder, renamed over it), so
 * nothing ever sees a half-written or empty config, and never through a link leading out of the workspace
 * folder. Comments and formatting are kept. Says so, and changes nothing, when the file is not on disk or
 * the config cannot take the edit.
 */
export async function editTeamConfig(uri: vscode.Uri, what: string, edit: (text: string, configPath: string) => Edit[], options: EditTeamConfigOptions = {}): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (uri.scheme !== 'file' || !folder) {
    void vscode.window.showWarningMessage(`Rampart: only files in a workspace folder on disk can get a ${what} in .rampart.jsonc.`);
    return false;
  }
  const configPath = findConfigFile(path.dirname(uri.fsPath)) ?? path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const configUri = vscode.Uri.file(configPath);
  const shown = vscode.workspace.asRelativePath(configUri);
  const fail = (e: unknown) => {
    void vscode.window.showErrorMessage(`Rampart: cannot add the ${what} to ${shown}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  };
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === configUri.toString());
  let written: string;
  if (open) {
    let edits: Edit[];
    try {
      edits = edit(open.getText(), configPath);
    } catch (e) {
      return fail(e);
    }
    await vscode.workspace.applyEdit(workspaceEdit(open, edits.map((e) => ({ range: [e.offset, e.offset + e.length] as const, text: e.content }))));
    if (!(await open.save())) return false;
    written = open.getText();
  } else {
    const exists = fs.existsSync(configPath);
    try {
      const current = exists ? fs.readFileSync(configPath, 'utf8') : STARTER_CONFIG;
      written = applyEdits(current, edit(current, configPath));
      const within = realpathOrNull(folder.uri.fsPath);
      const dir = realpathOrNull(path.dirname(configPath));
      if (!within || !dir || !isInside(within, dir)) throw new Error('it is outside the workspace folder');
      writeFileAtomic(configPath, written, { within });
    } catch (e) {
      return fail(e);
    }
    log.info(`${exists ? 'updated' : 'created'} ${configPath}: added a ${what}`);
  }
  if (options.reveal) await revealLastEntry(configUri, written, options.reveal);
  return true;
}

/** Applies jsonc-parser edits (non-overlapping) to a text. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) result = result.slice(0, e.offset) + e.content + result.slice(e.offset + e.length);
  return result;
}

/** Opens the config with the last entry of the top-level array `key` selected, so the user sees what was written. */
async function revealLastEntry(configUri: vscode.Uri, text: string, key: string): Promise<void> {
  const root = jsonTree(text);
  const entries = root ? findNodeAtLocation(root, [key])?.children : undefined;
  const last = entries?.[entries.length - 1];
  const lines = new LineIndex(text);
  const position = (offset: number) => {
    const { line, column } = lines.positionAt(offset);
    return new vscode.Position(line - 1, column - 1);
  };
  // The selection is given to the editor as it opens: set afterwards, a reload of the file from disk could reset it.
  const selection = last ? new vscode.Range(position(last.offset), position(last.offset + last.length)) : undefined;
  const editor = await vscode.window.showTextDocument(configUri, { preview: false, ...(selection ? { selection } : {}) });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
