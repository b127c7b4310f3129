import * as path from 'node:path';
import * as vscode from 'vscode';
import { localModuleSources, readNeighbours } from '../files/neighbours';
import type { Analyzer } from '../engine/analyzer';
import { classifyFile, type Classification } from '../engine/classify';
import type { FileResult, Finding } from '../engine/types';
import { settingsFor, suppressionsFor } from '../config';
import { builtinRules } from '../rules';
import { withoutContext } from '../engine/relocate';
import { fingerprintFindings } from '../baseline';
import { isBaselined, shownFindings } from '../baseline/editor';
import type { Baselines } from './baselines';
import { isGitignored } from '../files/discover';
import { pythonOfCell } from '../languages/json/notebook';
import type { ConfigStore } from './config-store';
import { toDiagnostic } from './diagnostics';
import { log } from './log';
import type { Settings } from './model';
import type { EditorPackageServices } from './package-services';
import { REDOS_SERVICE, sharedRedosService } from '../services/redos';
import { LatestRuns } from './scheduling';
import { readSettings } from './settings';
import type { FindingStore } from './store';

/** JS/TS source files, whose saving can change what calls into them lead to. */
const JS_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;
/** Python sources, whose saving can change what calls into them lead to. */
/** Files Terraform reads as part of a module: `.tf` and `.tfvars` (auto-loaded ones set variables). */
const TERRAFORM_MODULE_FILE = /\.(?:tf|tfvars)$/;
const PYTHON_FILE = /\.py$/;

/** The URI scheme of a notebook cell's document. */
export const NOTEBOOK_CELL = 'vscode-notebook-cell';

/** Languages of untitled documents and notebook cells, which have no file name to classify by. */
const UNTITLED: Record<string, Classification> = {
  javascript: { language: 'js', dialect: 'jsx' },
  javascriptreact: { language: 'js', dialect: 'jsx' },
  typescript: { language: 'js', dialect: 'ts' },
  typescriptreact: { language: 'js', dialect: 'tsx' },
  python: { language: 'python', dialect: 'python' },
  json: { language: 'json', dialect: 'json' },
  jsonc: { language: 'json', dialect: 'jsonc' },
  yaml: { language: 'yaml', dialect: 'yaml' },
  toml: { language: 'toml', dialect: 'toml' },
  dockerfile: { language: 'dockerfile', dialect: 'dockerfile' },
  markdown: { language: 'text', dialect: 'markdown' },
  shellscript: { language: 'text', dialect: 'shell' },
  'pip-requirements': { language: 'text', dialect: 'requirements' },
  terraform: { language: 'terraform', dialect: 'terraform' },
  dotenv: { language: 'text', dialect: 'env' },
  properties: { language: 'text', dialect: 'ini' },
  ini: { language: 'text', dialect: 'ini' },
  xml: { language: 'text', dialect: 'xml' },
  plaintext: { language: 'text', dialect: 'plain' },
  powershell: { language: 'text', dialect: 'powershell' },
};

/**
 * Live analysis of open documents: on open, on change (debounced) and on save, as the settings say.
 * Parsing and the rules take milliseconds; a keystroke only resets a timer. Findings that need a registry
 * answer follow in the engine's async step: local findings are shown first, the full result when the
 * answers are in. A newer analysis of the same document cancels the older one, and a result is published
 * only if the document is still at the version it was computed for. A version is analysed once: asking
 * again while it runs (open, code actions, save) shares that run, and a stored result for it is reused
 * until {@link LiveAnalysis.invalidate} says something it depends on (config, settings, trust) changed.
 */
export class LiveAnalysis implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly runs = new LatestRuns<FileResult | null>();
  /** Bumped when the config, settings or trust change: results computed before are out of date. */
  private generation = 0;
  /** The document version and generation each stored live result was computed for. */
  private readonly analysedAt = new Map<string, string>();
  private readonly running = new vscode.EventEmitter<boolean>();
  /** Whether git ignores each file analysed, until a `.gitignore` changes. */
  private readonly gitignored = new Map<string, boolean>();
  private readonly gitignoreWatcher = vscode.workspace.createFileSystemWatcher('**/.gitignore');
  private active = 0;
  /** Fires true when an analysis starts and false when it ends. */
  readonly onDidChangeRunning = this.running.event;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly configs: ConfigStore,
    private readonly store: FindingStore,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly extensionUri: vscode.Uri,
    private readonly packages: EditorPackageServices,
    private readonly baselines: Baselines,
  ) {
    const forgetIgnores = () => this.gitignored.clear();
    this.gitignoreWatcher.onDidChange(forgetIgnores);
    this.gitignoreWatcher.onDidCreate(forgetIgnores);
    this.gitignoreWatcher.onDidDelete(forgetIgnores);
  }

  /** Whether Rampart reads this document at all: not a file git ignores (the scan skips those too). */
  classify(doc: vscode.TextDocument): Classification | null {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme === 'vscode-userdata') return null;
    if (doc.uri.scheme === 'file' && this.isGitignored(doc.uri.fsPath)) return null;
    // A notebook cell is a document of its own, named after the notebook: its language says what it holds.
    const byLanguage = doc.isUntitled || doc.uri.scheme === NOTEBOOK_CELL;
    const c = byLanguage ? (UNTITLED[doc.languageId] ?? null) : classifyFile(doc.uri.path, doc.lineAt(0).text);
    return this.analyzer.supports(c) ? c : null;
  }

  /** Handles an edit: re-analyses after the debounce delay, unless the settings say "on save". */
  onEdit(doc: vscode.TextDocument): void {
    const settings = readSettings(doc.uri);
    if (!settings.enable || settings.run !== 'onType' || !this.classify(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) void this.ensure(doc);
      }, settings.debounceMs),
    );
  }

  /**
   * After a JS/TS module is saved, analyses again the open documents that may import it (their text names
   * the module's file name in a relative specifier): calls into it are judged from the saved version.
   */
  refreshImporters(saved: vscode.TextDocument): void {
    if (saved.uri.scheme !== 'file') return;
    if (PYTHON_FILE.test(saved.uri.path)) return this.refreshPythonImporters(saved);
    if (TERRAFORM_MODULE_FILE.test(saved.uri.path)) return this.refreshTerraformModule(saved);
    if (!JS_FILE.test(saved.uri.path)) return;
    const parts = saved.uri.path.split('/');
    const base = parts[parts.length - 1].replace(JS_FILE, '');
    // `./lib/ls`, `./lib/ls.js`; an index file is imported by its folder's name.
    const name = base === 'index' ? (parts[parts.length - 2] ?? base) : base;
    const named = (text: string) => [`/${name}'`, `/${name}"`, `/${name}.`].some((needle) => text.includes(needle));
    for (const doc of vscode.workspace.textDocuments) {
      if (doc !== saved && !doc.isClosed && JS_FILE.test(doc.uri.path) && named(doc.getText())) void this.analyze(doc);
    }
  }

  /**
   * After a Terraform file is saved, analyses again the open Terraform files of its folder (one module: they
   * share variables and locals) and those that call its folder as a local module (`source = "./modules/db"`).
   */
  private refreshTerraformModule(saved: vscode.TextDocument): void {
    const folder = path.dirname(saved.uri.fsPath);
    const calls = (doc: vscode.TextDocument) => localModuleSources(doc.getText()).some((source) => path.resolve(path.dirname(doc.uri.fsPath), source) === folder);
    for (const doc of vscode.workspace.textDocuments) {
      if (doc === saved || doc.isClosed || doc.uri.scheme !== 'file' || !TERRAFORM_MODULE_FILE.test(doc.uri.path)) continue;
      if (path.dirname(doc.uri.fsPath) === folder || calls(doc)) void this.analyze(doc);
    }
  }

  /** After a Python module is saved, analyses again the open Python documents whose imports name it (`from .helpers import`, `import app.helpers`). */
  private refreshPythonImporters(saved: vscode.TextDocument): void {
    const parts = saved.uri.path.split('/');
    const base = parts[parts.length - 1].replace(PYTHON_FILE, '');
    const name = base === '__init__' ? (parts[parts.length - 2] ?? base) : base;
    const imports = (text: string) =>
      text.split('\n').some((line) => {
        const words = line.trim().split(/[\s.,()]+/);
        return (words[0] === 'from' || words[0] === 'import') && words.includes(name);
      });
    for (const doc of vscode.workspace.textDocuments) {
      if (doc !== saved && !doc.isClosed && PYTHON_FILE.test(doc.uri.path) && imports(doc.getText())) void this.analyze(doc);
    }
  }

  /** Results computed so far no longer count: the next {@link ensure} of every document analyses it again. */
  invalidate(): void {
    this.generation++;
  }

  /**
   * Analyses a document unless its current version was analysed already (since the last
   * {@link invalidate}) or is being analysed; for document events that may repeat (open, save, activation).
   */
  async ensure(doc: vscode.TextDocument): Promise<FileResult | null> {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    const stored = this.store.get(doc.uri);
    if (stored && this.analysedAt.get(key) === this.versionKey(doc) && !this.runs.isRunning(key)) return stored.result;
    return this.analyze(doc);
  }

  /**
   * Analyses a document now and publishes the result; null when it is not analysed or changed meanwhile.
   * While the same version is being analysed, returns that analysis instead of starting another.
   */
  analyze(doc: vscode.TextDocument): Promise<FileResult | null> {
    const settings = readSettings(doc.uri);
    const classification = settings.enable ? this.classify(doc) : null;
    if (!classification) {
      this.forget(doc.uri);
      return Promise.resolve(null);
    }
    const version = this.versionKey(doc);
    return this.runs.run(doc.uri.toString(), version, (signal) => this.run(doc, classification, settings, version, signal));
  }

  private versionKey(doc: vscode.TextDocument): string {
    return `${doc.version}:${this.generation}`;
  }

  private async run(doc: vscode.TextDocument, classification: Classification, settings: Settings, versionKey: string, signal: AbortSignal): Promise<FileResult | null> {
    const version = doc.version;
    const text = doc.getText();
    // A notebook's Python cell is analysed without its magics and after the cells above it, so what they import resolves here.
    const pythonCell = doc.uri.scheme === NOTEBOOK_CELL && classification.language === 'python';
    const context = pythonCell ? cellsAbove(doc) : '';
    const file = vscode.workspace.asRelativePath(doc.uri, false);
    if (text.length > settings.maxFileSize) {
      const reason = `larger than rampart.maxFileSize (${Math.round(text.length / 1024)} KiB > ${Math.round(settings.maxFileSize / 1024)} KiB)`;
      const result: FileResult = { file, language: classification.language, findings: [], errors: [], skipped: { file, reason } };
      this.store.set(doc.uri, { result, version });
      this.analysedAt.set(doc.uri.toString(), versionKey);
      const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Rampart did not analyse this file: ${reason}.`, vscode.DiagnosticSeverity.Information);
      note.source = 'rampart';
      this.diagnostics.set(doc.uri, [note]);
      return result;
    }
    const key = doc.uri.toString();
    this.setRunning(+1);
    try {
      const started = performance.now();
      const config = this.configs.configFor(doc.uri);
      this.packages.registerPath(file, doc.uri);
      // The ReDoS checker is local (a worker thread), so it also serves untrusted workspaces and offline use.
      const services = { ...(await this.packages.servicesFor(config, this.online(settings))), [REDOS_SERVICE]: sharedRedosService() };
      const current = () => !signal.aborted && doc.version === version;
      let local: number | undefined;
      const analysed = await this.analyzer.analyzeAsync(
        {
          file,
          text: pythonCell ? context + pythonOfCell(text) : text,
          settings: doc.uri.scheme === 'file' ? settingsFor(config, doc.uri.fsPath, builtinRules) : config.settings,
          classification,
          suppressions: doc.uri.scheme === 'file' ? suppressionsFor(config, doc.uri.fsPath, new Date(), text).active : [],
          neighbours: doc.uri.scheme === 'file' && classification ? readNeighbours(doc.uri.fsPath, classification, config.root, openText, text) : [],
        },
        { services, signal, onPartial: (partial) => {
          local = performance.now() - started;
          if (current()) this.publish(doc.uri, fingerprintFindings(withoutContext(partial, context.length, text), text), version, settings);
        } },
      );
      const result = fingerprintFindings(withoutContext(analysed, context.length, text), text);
      const local_ = local === undefined ? '' : `, local findings after ${local.toFixed(1)} ms`;
      log.info(`analyzed ${file} in ${(performance.now() - started).toFixed(1)} ms (${result.findings.length} findings${local_}, version ${version})`);
      for (const e of result.errors) log.error(`${file}: ${e.message}`);
      this.packages.reportFailures();
      if (!current()) return null;
      this.publish(doc.uri, result, version, settings);
      this.analysedAt.set(key, versionKey);
      return result;
    } finally {
      this.setRunning(-1);
    }
  }

  /**
   * Findings for the document's current version: the stored ones, else those of the analysis of this version
   * in flight, else of a new one.
   */
  async current(doc: vscode.TextDocument): Promise<readonly Finding[] | null> {
    const stored = this.store.get(doc.uri);
    if (stored && stored.version === doc.version) return stored.result.findings;
    return (await this.analyze(doc))?.findings ?? null;
  }

  /** Registry look-ups go out only when the setting allows them and the workspace is trusted. */
  online(settings: Settings): boolean {
    return settings.networkEnabled && vscode.workspace.isTrusted;
  }

  private setRunning(delta: number): void {
    const before = this.active;
    this.active += delta;
    if ((before === 0) !== (this.active === 0)) this.running.fire(this.active > 0);
  }

  /**
   * Stores a result (matched against the folder's baseline) and shows its unsuppressed findings, and its baselined
   * ones as hints unless they are hidden. `version` is null for files read from disk.
   */
  publish(uri: vscode.Uri, result: FileResult, version: number | null, settings: Settings = readSettings(uri)): void {
    if (version === null) this.analysedAt.delete(uri.toString());
    this.baselines.apply(uri, result);
    this.store.set(uri, { result, version });
    this.diagnostics.set(
      uri,
      shownFindings(result.findings, this.baselines.display(uri)).map((f) =>
        isBaselined(f) ? baselinedDiagnostic(toDiagnostic(uri, f, this.extensionUri, settings.severityOverrides)) : toDiagnostic(uri, f, this.extensionUri, settings.severityOverrides),
      ),
    );
  }

  /** Shows every stored result again with the current settings (severity overrides). */
  republish(): void {
    for (const uri of this.store.uris()) {
      const stored = this.store.get(uri)!;
      if (!stored.result.skipped) this.publish(uri, stored.result, stored.version);
    }
  }

  /** Stops analysing a document (pending edits, analysis in flight) and keeps what is shown. */
  cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    this.runs.abort(key);
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.analysedAt.delete(key);
  }

  /** Drops a file's findings (closed, deleted, or no longer analysed). */
  forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.store.delete(uri);
    this.diagnostics.delete(uri);
  }

  private isGitignored(file: string): boolean {
    let ignored = this.gitignored.get(file);
    if (ignored === undefined) {
      ignored = isGitignored(file);
      this.gitignored.set(file, ignored);
    }
    return ignored;
  }

  dispose(): void {
    this.gitignoreWatcher.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    this.runs.abortAll();
    this.running.dispose();
  }
}

/** The Python of the code cells above a notebook cell (magics blanked), each on its own lines; '' for the first. */
function cellsAbove(doc: vscode.TextDocument): string {
  const notebook = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
  const above: string[] = [];
  for (const cell of notebook?.getCells() ?? []) {
    if (cell.document === doc) break;
    if (cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === 'python') above.push(pythonOfCell(cell.document.getText()));
  }
  return above.length > 0 ? `${above.join('\n')}\n` : '';
}

/** A baselined finding's diagnostic: a hint that says it is in the baseline. */
function baselinedDiagnostic(d: vscode.Diagnostic): vscode.Diagnostic {
  d.severity = vscode.DiagnosticSeverity.Hint;
  d.message = `${d.message} (in the baseline)`;
  return d;
}

/** The text of an open document of a file, which may hold unsaved edits. */
function openText(absolute: string): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === absolute && !d.isClosed)?.getText();
}
