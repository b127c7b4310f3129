import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, settingsFor, suppressionsFor, type ResolvedConfig } from '../config';
import { builtinRules } from '../rules';
import type { Analyzer, Service } from '../engine/analyzer';
import type { FileResult } from '../engine/types';
import { discoverFiles, type DiscoveredFile } from '../files/discover';
import { readNeighbours } from '../files/neighbours';
import { looksMinified, readSource } from '../files/read-source';
import { REDOS_SERVICE, sharedRedosService } from '../services/redos';
import { fingerprintFindings } from '../baseline';
import type { LiveAnalysis } from './analysis';
import type { ConfigStore } from './config-store';
import { log } from './log';
import type { Settings } from './model';
import type { EditorPackageServices } from './package-services';
import { DebouncedBatch, LatestRuns } from './scheduling';
import { readSettings } from './settings';

/** File-system events are gathered this long before the files they name are read again. */
const BATCH_DELAY_MS = 300;

/** A file the workspace scan read from disk, and the workspace folder whose configuration governs it. */
interface CoveredFile {
  file: DiscoveredFile;
  folder: vscode.Uri;
}

type FileEvent = 'changed' | 'deleted' | 'created';

/**
 * Analyses a file as it is on disk, as the workspace scan does: null when it is not read (unreadable,
 * too large, binary, minified). The ReDoS checker is added as in live analysis, so both find the same.
 */
export async function analyzeOnDisk(
  analyzer: Analyzer,
  file: DiscoveredFile,
  uri: vscode.Uri,
  config: ResolvedConfig,
  settings: Settings,
  services: Readonly<Record<string, Service>>,
  signal: AbortSignal,
): Promise<FileResult | null> {
  const source = readSource(file.absolute, settings.maxFileSize, file.within);
  if (!source.ok || (file.classification.language === 'js' && looksMinified(source.text, source.bytes))) return null;
  const result = await analyzer.analyzeAsync(
    {
      file: vscode.workspace.asRelativePath(uri, false),
      text: source.text,
      settings: settingsFor(config, file.absolute, builtinRules),
      classification: file.classification,
      suppressions: suppressionsFor(config, file.absolute, new Date(), source.text).active,
      neighbours: readNeighbours(file.absolute, file.classification, file.within, undefined, source.text),
    },
    { services: { ...services, [REDOS_SERVICE]: sharedRedosService() }, signal },
  );
  // Fingerprinted from the text read, so the baseline can be matched when the result is shown.
  return fingerprintFindings(result, source.text);
}

/**
 * What the last workspace scan covered, kept up to date: a file of the scan that changes on disk outside
 * the editor (terminal, `git checkout`) is read again, a deleted one loses its findings, one created in a
 * scanned folder is read if the scan would have read it, and one that was opened and is closed again shows
 * its findings on disk instead of none. Open documents are left to {@link LiveAnalysis}.
 */
export class ScanCoverage implements vscode.Disposable {
  private readonly covered = new Map<string, CoveredFile>();
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly runs = new LatestRuns<void>();
  private readonly batch = new DebouncedBatch<FileEvent>((events) => void this.apply(events), BATCH_DELAY_MS);

  constructor(
    private readonly analyzer: Analyzer,
    private readonly configs: ConfigStore,
    private readonly live: LiveAnalysis,
    private readonly packages: EditorPackageServices,
  ) {}

  /** Whether the last scan covered the file. */
  has(uri: vscode.Uri): boolean {
    return this.covered.has(uri.toString());
  }

  /** URIs (as strings) of the files the last scan covered. */
  keys(): string[] {
    return [...this.covered.keys()];
  }

  /** Watches a folder the scan reads, from now on. */
  watch(folder: vscode.Uri): void {
    if (this.watchers.has(folder.toString())) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    watcher.onDidChange((uri) => this.has(uri) && this.batch.add(uri.toString(), 'changed'));
    watcher.onDidCreate((uri) => this.batch.add(uri.toString(), this.has(uri) ? 'changed' : 'created'));
    // Deleting a folder reports the folder only.
    watcher.onDidDelete((uri) => {
      const key = uri.toString();
      for (const covered of this.covered.keys()) {
        if (covered === key || covered.startsWith(`${key}/`)) this.batch.add(covered, 'deleted');
      }
    });
    this.watchers.set(folder.toString(), watcher);
  }

  /** Records a file the scan reached. */
  add(folder: vscode.Uri, file: DiscoveredFile): void {
    this.covered.set(vscode.Uri.file(file.absolute).toString(), { file, folder });
  }

  /**
   * A scan of `folder` ended without being cancelled: files an earlier scan covered that this one did not
   * reach (deleted, now ignored) are no longer covered, and lose their findings unless they are open.
   */
  finish(folder: vscode.Uri, reached: ReadonlySet<string>): void {
    for (const [key, entry] of [...this.covered]) {
      if (entry.folder.toString() !== folder.toString() || reached.has(key)) continue;
      this.covered.delete(key);
      if (!isOpen(vscode.Uri.parse(key))) this.live.forget(vscode.Uri.parse(key));
    }
  }

  /** Stops covering the files `drop` accepts (e.g. where Rampart was turned off). */
  forgetWhere(drop: (uri: vscode.Uri) => boolean): void {
    for (const [key, entry] of this.covered) {
      if (drop(vscode.Uri.file(entry.file.absolute))) this.covered.delete(key);
    }
  }

  /** The team configuration changed: every covered file that is not open is read again under it (batched). */
  refreshAll(): void {
    for (const key of this.covered.keys()) this.batch.add(key, 'changed');
  }

  /** A document was closed: a covered file shows its findings on disk again, any other loses them. */
  closed(uri: vscode.Uri): void {
    if (!this.has(uri)) return this.live.forget(uri);
    this.live.cancel(uri);
    void this.reread(uri, 'closed in the editor');
  }

  /** A file or folder was deleted or renamed away: it and what it held lose their findings. */
  deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    const inside = [...this.covered.keys()].filter((covered) => covered.startsWith(`${key}/`));
    this.drop(uri);
    this.live.forget(uri);
    for (const covered of inside) this.live.forget(vscode.Uri.parse(covered));
  }

  private async apply(events: ReadonlyMap<string, FileEvent>): Promise<void> {
    const created = this.cover([...events].filter(([, event]) => event === 'created').map(([key]) => vscode.Uri.parse(key)));
    const work = new Map([...events].filter(([, event]) => event !== 'created'));
    for (const key of created) work.set(key, 'changed');
    for (const [key, event] of work) {
      const uri = vscode.Uri.parse(key);
      if (isOpen(uri)) continue; // live analysis follows the document; closing it reads the file again
      // `git checkout` may delete and write a file again: what is on disk now decides.
      if (event === 'deleted' && !fs.existsSync(uri.fsPath)) {
        log.info(`${vscode.workspace.asRelativePath(uri, false)} was deleted: its findings are cleared`);
        this.deleted(uri);
      } else {
        await this.reread(uri, 'changed on disk');
      }
    }
  }

  /**
   * Files and folders created in a scanned folder: what the scan would have read there (same ignores,
   * no links out of the folder) is covered from now on. Returns the newly covered files (URI strings).
   */
  private cover(created: readonly vscode.Uri[]): string[] {
    const covered: string[] = [];
    for (const folderKey of this.watchers.keys()) {
      const folder = vscode.Uri.parse(folderKey);
      const inside = created.filter((uri) => uri.toString().startsWith(`${folderKey}/`) && !isOpen(uri));
      if (inside.length === 0) continue;
      const config = this.configs.configFor(vscode.Uri.joinPath(folder, CONFIG_FILE_NAME));
      const found = discoverFiles({
        roots: [{ absolute: folder.fsPath, configIgnore: { root: config.root, patterns: config.ignore }, only: inside.map((uri) => uri.fsPath) }],
        supports: (c) => this.analyzer.supports(c),
        display: (p) => vscode.workspace.asRelativePath(p, false),
      });
      for (const file of found.files) {
        this.add(folder, file);
        covered.push(vscode.Uri.file(file.absolute).toString());
      }
    }
    return covered;
  }

  /** Analyses a covered file from disk again and shows the result, unless it was opened meanwhile. */
  private reread(uri: vscode.Uri, why: string): Promise<void> {
    const entry = this.covered.get(uri.toString());
    if (!entry) return Promise.resolve();
    return this.runs.run(uri.toString(), String(Date.now()), async (signal) => {
      const settings = readSettings(entry.folder);
      if (!settings.enable) return this.live.forget(uri);
      const config = this.configs.configFor(vscode.Uri.joinPath(entry.folder, CONFIG_FILE_NAME));
      const services = await this.packages.servicesFor(config, this.live.online(settings));
      const shown = vscode.workspace.asRelativePath(uri, false);
      this.packages.registerPath(shown, uri);
      const started = performance.now();
      const result = fs.existsSync(entry.file.absolute) ? await analyzeOnDisk(this.analyzer, entry.file, uri, config, settings, services, signal) : null;
      if (signal.aborted || isOpen(uri)) return;
      if (!result) {
        log.info(`${shown} (${why}) is no longer read: its findings are cleared`);
        return this.deleted(uri);
      }
      log.info(`re-read ${shown} from disk (${why}) in ${(performance.now() - started).toFixed(1)} ms: ${result.findings.length} findings`);
      this.live.publish(uri, result, null, settings);
    });
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    this.runs.abort(key);
    for (const covered of [...this.covered.keys()]) {
      if (covered === key || covered.startsWith(`${key}/`)) this.covered.delete(covered);
    }
  }

  dispose(): void {
    this.batch.dispose();
    this.runs.abortAll();
    for (const watcher of this.watchers.values()) watcher.dispose();
  }
}

/** Whether a document of the URI is open (the editor, not the disk, then has the text to analyse). */
export function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && !d.isClosed);
}
