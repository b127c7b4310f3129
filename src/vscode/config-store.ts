import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, defaultConfig, findConfigFile, loadConfig, parseConfig, type ConfigProblem, type ResolvedConfig } from '../config';
import { builtinRules } from '../rules';
import { log } from './log';

/**
 * `.rampart.jsonc` per folder, read from disk (data only, never executed) and cached until a config file
 * changes. Problems in a config file are shown as diagnostics on that file, live while it is edited.
 */
export class ConfigStore {
  private readonly byFile = new Map<string, ResolvedConfig>();
  private readonly configFileOf = new Map<string, string | null>();
  private readonly problems = vscode.languages.createDiagnosticCollection('rampart-config');
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when any config file was created, changed or deleted. */
  readonly onDidChange = this.changed.event;
  /** Config files that currently have problems. */
  readonly broken = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.changed];

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    const reload = (uri: vscode.Uri) => {
      log.info(`configuration changed: ${uri.fsPath}`);
      this.byFile.clear();
      this.configFileOf.clear();
      this.broken.clear();
      this.problems.clear();
      this.changed.fire();
    };
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      vscode.workspace.onDidSaveTextDocument((doc) => isConfigDocument(doc) && reload(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => isConfigDocument(e.document) && this.lintUnsaved(e.document)),
      vscode.workspace.onDidOpenTextDocument((doc) => isConfigDocument(doc) && this.lintUnsaved(doc)),
    );
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
    let config = this.byFile.get(file);
    if (!config) {
      const loaded = loadConfig({ rules: builtinRules, startPath: dir, configFile: file });
      if (loaded.ok) {
        config = loaded.config;
        this.broken.delete(file);
        this.problems.delete(vscode.Uri.file(file));
      } else {
        // A broken team config must not silence the editor: fall back to the defaults and say so.
        config = defaultConfig(builtinRules, path.dirname(file));
        this.broken.add(file);
        this.show(vscode.Uri.file(file), loaded.problems);
        log.warn(`${file}: ${loaded.problems.length} problem(s); using the built-in defaults until it is fixed`);
      }
      this.byFile.set(file, config);
    }
    return config;
  }

  private lintUnsaved(doc: vscode.TextDocument): void {
    const result = parseConfig(doc.getText(), doc.uri.fsPath, builtinRules);
    this.show(doc.uri, result.ok ? [] : result.problems);
  }

  private show(uri: vscode.Uri, problems: readonly ConfigProblem[]): void {
    this.problems.set(
      uri,
      problems.map((p) => {
        const start = new vscode.Position(p.line - 1, p.column - 1);
        const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, Math.max(1, p.range[1] - p.range[0]))), p.message, vscode.DiagnosticSeverity.Error);
        d.source = 'rampart';
        return d;
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function isConfigDocument(doc: vscode.TextDocument): boolean {
  return path.basename(doc.uri.path) === CONFIG_FILE_NAME;
}
