import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, defaultConfig, expiredSuppressionFindings, findConfigFile, loadConfig, parseConfig, type ConfigProblem, type ResolvedConfig } from '../config';
import { builtinRules } from '../rules';
import { log } from './log';
import { notReportedBy } from './model';
import { readSettings } from './settings';

/**
 * `.rampart.jsonc` per folder, read from disk (data only, never executed) and cached until a config file
 * changes. Problems in a config file are shown as diagnostics on that file as soon as it is known: live
 * while it is edited, when it is opened, saved or changed on disk, and for each workspace folder's config at
 * startup. While the file is open, the JSON language server also validates it against the contributed
 * schema: Rampart then leaves out what that already reports, so each problem shows once.
 */
export class ConfigStore {
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly configFileOf = new Map<string, string | null>();
  private readonly problems = vscode.languages.createDiagnosticCollection('rampart-config');
  /** Expired `suppressions` entries (rampart/expired-suppression), on the files they are written in. */
  private readonly expired = vscode.languages.createDiagnosticCollection('rampart-expired-suppressions');
  /** Watchers of the files configurations extend (the `.rampart.jsonc` files have one watcher for all). */
  private readonly sourceWatchers = new Map<string, vscode.Disposable>();
  /** Rampart's problems per config file URI, before leaving out what other diagnostics already say. */
  private readonly reported = new Map<string, { uri: vscode.Uri; problems: readonly ConfigProblem[] }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly brokenChanged = new vscode.EventEmitter<void>();
  /** Fires when any config file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;
  /** Fires when the set of {@link broken} config files may have changed. */
  readonly onDidChangeBroken = this.brokenChanged.event;
  /** Config files that currently have problems on disk. */
  readonly broken = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.expired, this.changed, this.brokenChanged];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => this.reload(uri, true);
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidSaveTextDocument((doc) => isConfigDocument(doc) && reload(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => isConfigDocument(e.document) && this.lintUnsaved(e.document)),
      vscode.workspace.onDidOpenTextDocument((doc) => isConfigDocument(doc) && this.lintUnsaved(doc)),
      // Closed without saving: what counts again is the file on disk.
      vscode.workspace.onDidCloseTextDocument((doc) => isConfigDocument(doc) && this.recheck(doc.uri)),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.forEach((uri) => this.reported.has(uri.toString()) && this.render(uri))),
    );
  }

  /**
   * Forgets every loaded configuration after `uri` changed (a `.rampart.jsonc` when `isConfig`, else a file one
   * extends) and reports the problems there are now.
   */
  private reload(uri: vscode.Uri, isConfig: boolean): void {
    log.info(`configuration changed: ${uri.fsPath}`);
    const recheck = new Set([...this.broken, ...(isConfig ? [uri.fsPath] : [])]);
    this.byFile.clear();
    this.configFileOf.clear();
    this.broken.clear();
    this.problems.clear();
    this.expired.clear();
    this.reported.clear();
    // Report what is wrong now, not when some other file is next analysed.
    for (const file of recheck) if (fs.existsSync(file)) this.load(file);
    for (const doc of vscode.workspace.textDocuments) if (isConfigDocument(doc)) this.lintUnsaved(doc);
    this.brokenChanged.fire();
    this.changed.fire();
  }

  /**
   * Reports the problems of the config files there are now: those open in the editor, and the one governing
   * each workspace folder. Call after activation (validation loads the schema).
   */
  checkAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (isConfigDocument(doc)) this.lintUnsaved(doc);
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme === 'file') this.configFor(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
    }
  }

  /** The configuration that governs a document (built-in defaults outside the file system). */
  configFor(uri: vscode.Uri): ResolvedConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (uri.scheme !== 'file') return defaultConfig(builtinRules, folder?.fsPath ?? '/');
    const dir = path.dirname(uri.fsPath);
    let file = this.configFileOf.get(dir);
    if (file === undefined) {
      file = findConfigFile(dir);
      this.configFileOf.set(dir, file);
    }
    if (file === null) return defaultConfig(builtinRules, folder?.fsPath ?? dir);
    return this.byFile.get(file) ?? this.load(file);
  }

  /** Reads a config file from disk, caches it and shows its problems. */
  private load(file: string): ResolvedConfig {
    const wasBroken = this.broken.has(file);
    const loaded = loadConfig({ rules: builtinRules, startPath: path.dirname(file), configFile: file });
    let config: ResolvedConfig;
    if (loaded.ok) {
      config = loaded.config;
      this.broken.delete(file);
      this.showOnDisk(vscode.Uri.file(file), []);
      this.watchSources(config.sources.filter((s) => s !== file));
      this.showExpired(config);
    } else {
      // A broken team config must not silence the editor: fall back to the defaults and say so.
      config = defaultConfig(builtinRules, path.dirname(file));
      this.broken.add(file);
      // A problem may be in a file this one extends, or in the configuration of a folder above: shown there.
      const byFile = new Map<string, ConfigProblem[]>([[file, []]]);
      for (const p of loaded.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
      for (const [where, problems] of byFile) this.showOnDisk(vscode.Uri.file(where), problems);
      this.watchSources([...byFile.keys()].filter((s) => s !== file));
      log.warn(`${file}: ${loaded.problems.length} problem(s); using the built-in defaults until it is fixed`);
    }
    this.byFile.set(file, config);
    if (wasBroken !== this.broken.has(file)) this.brokenChanged.fire();
    return config;
  }

  /** Watches files a configuration is built from besides the `.rampart.jsonc` files: a change reloads everything. */
  private watchSources(files: readonly string[]): void {
    for (const source of files) {
      if (this.sourceWatchers.has(source)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(source)), path.basename(source)));
      const reload = () => this.reload(vscode.Uri.file(source), false);
      this.sourceWatchers.set(source, vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)));
    }
  }

  /** Shows the expired `suppressions` entries of a configuration as warnings where they are written (each file's entries at once). */
  private showExpired(config: ResolvedConfig): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const f of expiredSuppressionFindings(config, builtinRules, new Date())) {
      const d = new vscode.Diagnostic(
        new vscode.Range(f.start.line - 1, f.start.column - 1, f.end.line - 1, f.end.column - 1),
        f.message,
        f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information,
      );
      d.source = 'rampart';
      d.code = f.ruleId;
      byFile.set(f.file, [...(byFile.get(f.file) ?? []), d]);
    }
    for (const [file, diagnostics] of byFile) if (readSettings(vscode.Uri.file(file)).enable) this.expired.set(vscode.Uri.file(file), diagnostics);
  }

  private recheck(uri: vscode.Uri): void {
    if (fs.existsSync(uri.fsPath)) this.load(uri.fsPath);
    else this.show(uri, []);
  }

  private lintUnsaved(doc: vscode.TextDocument): void {
    const result = parseConfig(doc.getText(), doc.uri.fsPath, builtinRules);
    this.show(doc.uri, result.ok ? [] : result.problems);
  }

  /** The problems of the file on disk; while it is open in the editor, those of its text count. */
  private showOnDisk(uri: vscode.Uri, problems: readonly ConfigProblem[]): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (doc) this.lintUnsaved(doc);
    else this.show(uri, problems);
  }

  private show(uri: vscode.Uri, problems: readonly ConfigProblem[]): void {
    if (problems.length === 0) this.reported.delete(uri.toString());
    else this.reported.set(uri.toString(), { uri, problems });
    this.render(uri);
  }

  /**
   * The corrections Rampart's problems of an open config document propose (their `suggestion`, said as "Did
   * you mean "x"?") where they meet `range`: the misspelt string and its replacement. Also offered when the
   * schema validation's diagnostic is the one shown.
   */
  corrections(doc: vscode.TextDocument, range: vscode.Range): Array<{ range: vscode.Range; text: string }> {
    const corrections: Array<{ range: vscode.Range; text: string }> = [];
    for (const p of this.reported.get(doc.uri.toString())?.problems ?? []) {
      const at = new vscode.Range(doc.positionAt(p.range[0]), doc.positionAt(p.range[1]));
      if (!p.suggestion || !at.intersection(range) || !/^"[^"]*"$/.test(doc.getText(at))) continue;
      corrections.push({ range: at, text: JSON.stringify(p.suggestion) });
    }
    return corrections;
  }

  /** Shows every config file's problems again, as the settings now say (none where Rampart is turned off). */
  refresh(): void {
    for (const { uri } of [...this.reported.values()]) this.render(uri);
  }

  /** Shows Rampart's problems of a config file, less what other diagnostics of the open document report. */
  private render(uri: vscode.Uri): void {
    const enabled = readSettings(uri).enable;
    let diagnostics = (enabled ? (this.reported.get(uri.toString())?.problems ?? []) : []).map(toDiagnostic);
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed)) {
      const others = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'rampart' && d.severity <= vscode.DiagnosticSeverity.Warning);
      diagnostics = notReportedBy(diagnostics, others);
    }
    const shown = this.problems.get(uri) ?? [];
    const same = shown.length === diagnostics.length && shown.every((d, i) => d.message === diagnostics[i].message && d.range.isEqual(diagnostics[i].range));
    if (same) return;
    if (diagnostics.length === 0) this.problems.delete(uri);
    else this.problems.set(uri, diagnostics);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const w of this.sourceWatchers.values()) w.dispose();
  }
}

function toDiagnostic(p: ConfigProblem): vscode.Diagnostic {
  const start = new vscode.Position(p.line - 1, p.column - 1);
  const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, Math.max(1, p.range[1] - p.range[0]))), p.message, vscode.DiagnosticSeverity.Error);
  d.source = 'rampart';
  return d;
}

function isConfigDocument(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && path.basename(doc.uri.path) === CONFIG_FILE_NAME;
}
