import * as vscode from 'vscode';
import type { Analyzer } from '../engine/analyzer';
import { classifyFile, type Classification } from '../engine/classify';
import type { FileResult, Finding } from '../engine/types';
import { suppressionsFor } from '../config';
import { offlineSettings } from '../services/network';
import { builtinRules } from '../rules';
import type { ConfigStore } from './config-store';
import { toDiagnostic } from './diagnostics';
import { log } from './log';
import type { Settings } from './model';
import { readSettings } from './settings';
import type { FindingStore } from './store';

/** Languages of untitled documents, which have no file name to classify by. */
const UNTITLED: Record<string, Classification> = {
  javascript: { language: 'js', dialect: 'jsx' },
  javascriptreact: { language: 'js', dialect: 'jsx' },
  typescript: { language: 'js', dialect: 'ts' },
  typescriptreact: { language: 'js', dialect: 'tsx' },
};

/**
 * Live analysis of open documents: on open, on change (debounced) and on save, as the settings say.
 * Analysis is synchronous and takes milliseconds; a keystroke only resets a timer. A result is published
 * only if the document is still at the version it was computed for.
 */
export class LiveAnalysis implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new vscode.EventEmitter<boolean>();
  /** Fires true when an analysis starts and false when it ends. */
  readonly onDidChangeRunning = this.running.event;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly configs: ConfigStore,
    private readonly store: FindingStore,
    private readonly diagnostics: vscode.DiagnosticCollection,
    private readonly extensionUri: vscode.Uri,
  ) {}

  /** Whether Rampart reads this document at all. */
  classify(doc: vscode.TextDocument): Classification | null {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme === 'vscode-userdata') return null;
    const c = doc.isUntitled ? (UNTITLED[doc.languageId] ?? null) : classifyFile(doc.uri.path, doc.lineAt(0).text);
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
        if (!doc.isClosed) this.analyze(doc);
      }, settings.debounceMs),
    );
  }

  /** Analyses a document now and publishes the result. */
  analyze(doc: vscode.TextDocument): FileResult | null {
    const settings = readSettings(doc.uri);
    const classification = settings.enable ? this.classify(doc) : null;
    if (!classification) {
      this.forget(doc.uri);
      return null;
    }
    const version = doc.version;
    const text = doc.getText();
    const file = vscode.workspace.asRelativePath(doc.uri, false);
    if (text.length > settings.maxFileSize) {
      const reason = `larger than rampart.maxFileSize (${Math.round(text.length / 1024)} KiB > ${Math.round(settings.maxFileSize / 1024)} KiB)`;
      const result: FileResult = { file, language: classification.language, findings: [], errors: [], skipped: { file, reason } };
      this.store.set(doc.uri, { result, version });
      const note = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), `Rampart did not analyse this file: ${reason}.`, vscode.DiagnosticSeverity.Information);
      note.source = 'rampart';
      this.diagnostics.set(doc.uri, [note]);
      return result;
    }
    this.running.fire(true);
    const started = performance.now();
    const config = this.configs.configFor(doc.uri);
    const result = this.analyzer.analyze({
      file,
      text,
      settings: this.ruleSettings(config.settings, settings),
      classification,
      suppressions: doc.uri.scheme === 'file' ? suppressionsFor(config, doc.uri.fsPath, new Date()).active : [],
    });
    const ms = performance.now() - started;
    this.running.fire(false);
    log.info(`analyzed ${file} in ${ms.toFixed(1)} ms (${result.findings.length} findings, version ${version})`);
    for (const e of result.errors) log.error(`${file}: ${e.message}`);
    if (doc.version !== version) return null;
    this.publish(doc.uri, result, version, settings);
    return result;
  }

  /** Findings for the document's current version: the stored ones, or a fresh analysis when they are stale. */
  current(doc: vscode.TextDocument): readonly Finding[] | null {
    const stored = this.store.get(doc.uri);
    if (stored && stored.version === doc.version) return stored.result.findings;
    return this.analyze(doc)?.findings ?? null;
  }

  /** Stores a result and shows its unsuppressed findings. `version` is null for files read from disk. */
  publish(uri: vscode.Uri, result: FileResult, version: number | null, settings: Settings = readSettings(uri)): void {
    this.store.set(uri, { result, version });
    this.diagnostics.set(
      uri,
      result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(uri, f, this.extensionUri, settings.severityOverrides)),
    );
  }

  /** Rule settings for this editor: without network rules when look-ups are off or the workspace is untrusted. */
  ruleSettings(configured: ReturnType<ConfigStore['configFor']>['settings'], settings: Settings) {
    const online = settings.networkEnabled && vscode.workspace.isTrusted;
    return online ? configured : offlineSettings(configured, builtinRules);
  }

  /** Drops a file's findings (closed, deleted, or no longer analysed). */
  forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.store.delete(uri);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.running.dispose();
  }
}
