import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, findConfigFile } from '../config';
import { RISK_AREA_LABELS, type Rule } from '../engine/rule';
import { builtinRules } from '../rules';
import { RULE_DETAILS_PATH } from './diagnostics';
import { log } from './log';
import { configuredSeverity, ruleKeyOffset, ruleSeverityEdits } from './rule-config-edit';
import { commandLink, CONFIG_SEVERITIES, ruleDetailsHtml, type ConfigSeverity } from './rule-details-html';

const SHOW = 'rampart.showRuleDetails';
const SET_SEVERITY = 'rampart.setRuleSeverity';

/**
 * The rule details panel: a read-only webview with the rule's metadata and its bundled doc page rendered
 * (no scripts, no remote resources), with "Turn off in this workspace" and "Change severity…", which edit
 * `.rampart.jsonc`. Opened by the rule-id link of a diagnostic (through the extension's URI handler: the
 * Problems panel and hovers open a diagnostic's `code.target` as a link), by the "Show Rule Details"
 * command and by the "Show rule documentation" quick fix.
 */
export class RuleDetails implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shownRule: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      vscode.commands.registerCommand(SHOW, (ruleId?: unknown) => this.showOrPick(typeof ruleId === 'string' ? ruleId : undefined)),
      vscode.commands.registerCommand(SET_SEVERITY, (ruleId?: unknown, severity?: unknown) => this.setSeverity(ruleId, severity)),
      vscode.window.registerUriHandler({ handleUri: (uri) => this.handleUri(uri) }),
      // Keep "this workspace: off" in the panel true when the team config changes.
      vscode.workspace.onDidSaveTextDocument((doc) => path.basename(doc.uri.fsPath) === CONFIG_FILE_NAME && this.refresh()),
    );
  }

  /** `<scheme>://<publisher>.<name>/rule?id=<rule id>`, the target of every diagnostic's rule-id link. */
  private handleUri(uri: vscode.Uri): void {
    if (uri.path !== RULE_DETAILS_PATH) return;
    const id = new URLSearchParams(uri.query).get('id');
    if (id) void this.show(id);
  }

  private async showOrPick(ruleId: string | undefined): Promise<void> {
    let id = ruleId;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        builtinRules.map((r) => ({ label: r.id, description: `${r.meta.severity} · ${r.meta.category}`, detail: r.meta.description })),
        { title: 'Rampart: rule details', placeHolder: 'Rule id, category or description', matchOnDescription: true, matchOnDetail: true },
      );
      id = pick?.label;
    }
    if (id) await this.show(id);
  }

  /** Shows the panel for a rule (reusing the open panel); says so when there is no such rule. */
  async show(ruleId: string): Promise<void> {
    const rule = findRule(ruleId);
    if (!rule) {
      void vscode.window.showWarningMessage(`Rampart has no rule ${JSON.stringify(ruleId)}.`);
      return;
    }
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('rampart.ruleDetails', rule.id, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, {
        enableScripts: false,
        enableForms: false,
        enableCommandUris: [SHOW, SET_SEVERITY],
        localResourceRoots: [],
        enableFindWidget: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shownRule = undefined;
      });
    } else {
      this.panel.reveal(undefined, false);
    }
    this.panel.title = rule.id;
    this.shownRule = rule.id;
    await this.render(rule);
  }

  private async refresh(): Promise<void> {
    const rule = this.shownRule ? findRule(this.shownRule) : undefined;
    if (rule && this.panel) await this.render(rule);
  }

  private async render(rule: Rule): Promise<void> {
    const doc = await this.readDoc(rule.id);
    const configured = await this.configured(rule.id);
    if (!this.panel || this.shownRule !== rule.id) return;
    this.panel.webview.html = ruleDetailsHtml(
      { id: rule.id, ...rule.meta, riskArea: RISK_AREA_LABELS[rule.meta.riskArea], doc, configured },
      {
        rule: (id) => commandLink(SHOW, [id]),
        setSeverity: (id, severity) => commandLink(SET_SEVERITY, severity ? [id, severity] : [id]),
      },
      randomBytes(16).toString('base64'),
    );
  }

  /** The doc page shipped in the extension (`docs/rules/<id>.md`); the id is a known rule's, never a path from outside. */
  private async readDoc(ruleId: string): Promise<string | null> {
    try {
      const parts = ruleId.split('/');
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', ...parts.slice(0, -1), `${parts[parts.length - 1]}.md`));
      return new TextDecoder().decode(bytes);
    } catch {
      return null;
    }
  }

  /** What the team config of the current folder sets for the rule, if it exists and sets something. */
  private async configured(ruleId: string): Promise<string | undefined> {
    const target = configTarget(false);
    if (!target || !fs.existsSync(target.file)) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === target.file);
    const text = open ? open.getText() : await fs.promises.readFile(target.file, 'utf8').catch(() => '');
    return configuredSeverity(text, ruleId);
  }

  /** "Turn off in this workspace" and "Change severity…": `rules["<id>"]` in `.rampart.jsonc`. */
  private async setSeverity(ruleIdArg: unknown, severityArg: unknown): Promise<void> {
    const rule = typeof ruleIdArg === 'string' ? findRule(ruleIdArg) : undefined;
    if (!rule) return;
    let severity = typeof severityArg === 'string' && (CONFIG_SEVERITIES as readonly string[]).includes(severityArg) ? (severityArg as ConfigSeverity) : undefined;
    if (!severity) {
      const pick = await vscode.window.showQuickPick(
        CONFIG_SEVERITIES.map((s) => ({ label: s, description: s === rule.meta.severity ? 'default' : s === 'off' ? 'not reported' : undefined })),
        { title: `Severity of ${rule.id} in this workspace (.rampart.jsonc)` },
      );
      severity = pick?.label;
    }
    if (!severity) return;
    const target = configTarget(true);
    if (!target) {
      void vscode.window.showWarningMessage('Rampart: open a folder on disk to change a rule for the workspace.');
      return;
    }
    if (await writeRuleSeverity(target.file, rule.id, severity)) {
      const shown = vscode.workspace.asRelativePath(target.file, false);
      void vscode.window.showInformationMessage(severity === 'off' ? `Rampart: ${rule.id} is off in this workspace (${shown}).` : `Rampart: ${rule.id} is reported as ${severity} in this workspace (${shown}).`);
      await this.refresh();
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function findRule(ruleId: string): Rule | undefined {
  return builtinRules.find((r) => r.id === ruleId);
}

/**
 * The `.rampart.jsonc` to edit: the one that governs the active editor's file (or the folder root's),
 * if it lies inside that workspace folder without leaving it through a link; else `<folder>/.rampart.jsonc`.
 * The folder is the active editor's, the only one, or (with `ask`) none when there are several.
 */
function configTarget(ask: boolean): { folder: vscode.WorkspaceFolder; file: string } | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) || (folders.length === 1 || !ask ? folders[0] : undefined);
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const root = folder.uri.fsPath;
  const start = active?.scheme === 'file' && isInside(root, active.fsPath) ? path.dirname(active.fsPath) : root;
  const found = findConfigFile(start);
  const file = found && isInside(root, found) && isInsideReal(root, found) ? found : path.join(root, CONFIG_FILE_NAME);
  return { folder, file };
}

function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Also after resolving links (a `.rampart.jsonc` that is a link to a file elsewhere is not written). */
function isInsideReal(root: string, file: string): boolean {
  try {
    return isInside(fs.realpathSync(root), fs.realpathSync(file));
  } catch {
    return !fs.existsSync(file);
  }
}

/**
 * Writes the rule's severity into `file` with one workspace edit: a new file is created with its content
 * at once (never an empty, "broken" config), an existing one (open or not) is edited in place keeping its
 * comments and saved. Then shows the file with the rule's entry selected. Says why when it cannot.
 */
async function writeRuleSeverity(file: string, ruleId: string, severity: ConfigSeverity): Promise<boolean> {
  const uri = vscode.Uri.file(file);
  const shown = vscode.workspace.asRelativePath(uri, false);
  try {
    const edit = new vscode.WorkspaceEdit();
    let written: string;
    if (!fs.existsSync(file)) {
      written = applyEdits('', ruleSeverityEdits('', ruleId, severity));
      edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(written) });
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the change');
    } else {
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      const edits = ruleSeverityEdits(text, ruleId, severity);
      for (const e of edits) edit.replace(uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
      written = applyEdits(text, edits);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the change');
      if (!(await doc.save())) throw new Error('it could not be saved');
    }
    log.info(`set ${ruleId} to ${severity} in ${file}`);
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = ruleKeyOffset(doc.getText(), ruleId) ?? ruleKeyOffset(written, ruleId);
    const selection = at === undefined ? undefined : new vscode.Range(doc.positionAt(at), doc.lineAt(doc.positionAt(at).line).range.end);
    await vscode.window.showTextDocument(doc, { preview: false, selection, viewColumn: vscode.ViewColumn.One });
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(`Rampart: cannot change ${ruleId} in ${shown}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
