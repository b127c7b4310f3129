import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResolvedConfig } from '../config';
import type { Analyzer, Service } from '../engine/analyzer';
import { builtinRules } from '../index';
import { moduleRuleSettings } from '../services/modules';
import { createPackageServices, type PackageServices } from '../services/package-services';
import { failureNote, type LookupFailures } from '../services/registry-service';
import { log } from './log';

/** Files whose change alters what the project service knows (declared, installed, aliased packages). */
const PROJECT_FILES = /(?:^|[\\/])(?:package\.json|requirements[^\\/]*\.txt|pyproject\.toml|Pipfile|setup\.cfg|[tj]sconfig[^\\/]*\.json|pnpm-workspace\.yaml|lerna\.json)$/i;

/**
 * The package services of each configuration, for the editor: registry look-ups go out only when the
 * `rampart.network.enabled` setting allows it and the workspace is trusted; otherwise they are answered
 * from the on-disk cache (extension global storage) only. Failed look-ups are logged once per new reason,
 * never shown per package.
 */
export class EditorPackageServices implements vscode.Disposable {
  private readonly byKey = new Map<string, Promise<PackageServices>>();
  private lastNote: string | undefined;
  /** Engine file path (workspace-relative) -> file-system path, registered by the analysis before each run. */
  private readonly paths = new Map<string, string>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/{package.json,requirements*.txt,pyproject.toml,Pipfile,tsconfig*.json,jsconfig*.json}');
  private readonly failuresChanged = new vscode.EventEmitter<void>();
  /** Fires when {@link failures} changes. */
  readonly onDidChangeFailures = this.failuresChanged.event;
  /** The last look-ups that got no answer, until the services are {@link reset} (the status bar shows them). */
  failures: LookupFailures | null = null;
  private readonly disposables: vscode.Disposable[] = [this.watcher, this.failuresChanged];

  constructor(
    private readonly storage: vscode.Uri,
    /** Analyses the workspace modules that calls lead into (see `ModuleService`). */
    private readonly analyzer: Analyzer,
  ) {
    const changed = (uri: vscode.Uri) => this.projectChanged(uri.fsPath);
    this.disposables.push(
      this.watcher.onDidChange(changed),
      this.watcher.onDidCreate(changed),
      this.watcher.onDidDelete(changed),
      vscode.workspace.onDidSaveTextDocument((doc) => PROJECT_FILES.test(doc.uri.fsPath) && this.projectChanged(doc.uri.fsPath)),
    );
  }

  /** The services for files governed by `config`; online only when allowed and trusted. */
  async servicesFor(config: ResolvedConfig, online: boolean): Promise<Readonly<Record<string, Service>>> {
    const key = `${config.file ?? config.root}\n${online}`;
    let services = this.byKey.get(key);
    if (!services) {
      const moduleSettings = moduleRuleSettings(config.settings, builtinRules);
      services = createPackageServices({
        packages: config.packages,
        root: config.root,
        resolvePath: (file) => this.paths.get(file) ?? null,
        env: process.env,
        homedir: os.homedir(),
        offline: !online,
        cacheDir: this.storage.scheme === 'file' ? path.join(this.storage.fsPath, 'registry') : undefined,
        plainAgents: true,
        // A chain of helpers is followed; each question may spend 200 ms analysing modules before it answers nothing.
        analyzeModule: {
          analyze: (file, text, { services, signal }) => this.analyzer.analyzeAsync({ file, text, settings: moduleSettings, summaries: true }, { services, signal }),
          maxAnalyses: Infinity,
          questionBudgetMs: 200,
        },
      });
      this.byKey.set(key, services);
      void services.then((s) => {
        for (const warning of [...s.warnings.npm, ...s.warnings.pypi]) log.warn(warning);
        log.info(`package look-ups ${online ? `go to ${s.endpoints.npm} and ${s.endpoints.pypi.join(', ') || 'no PyPI index'}` : 'use the cache only (network off or workspace not trusted)'}`);
      });
    }
    return (await services).services;
  }

  /** Says where a file the engine knows as `file` is on disk (only `file:` documents have a path). */
  registerPath(file: string, uri: vscode.Uri): void {
    if (uri.scheme === 'file') this.paths.set(file, uri.fsPath);
  }

  /** Logs look-up failures since the last call, once per distinct note. */
  reportFailures(): void {
    for (const services of this.byKey.values()) {
      void services.then((s) => {
        const failures = s.registry.failures();
        s.registry.resetFailures();
        if (!failures) return;
        this.failures = failures;
        this.failuresChanged.fire();
        const note = failureNote(failures);
        if (note !== this.lastNote) log.warn(note);
        this.lastNote = note;
      });
    }
  }

  /** Forgets every service (the configuration, a setting or trust changed). */
  reset(): void {
    this.byKey.clear();
    if (this.failures) {
      this.failures = null;
      this.failuresChanged.fire();
    }
  }

  private projectChanged(file: string): void {
    log.info(`project file changed: ${file}`);
    for (const services of this.byKey.values()) void services.then((s) => {
      s.project.invalidate();
      s.modules?.clear();
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
