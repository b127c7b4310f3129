import * as vscode from 'vscode';
import { MANIFEST_FILE, packageLenses } from './package-facts';
import { readSettings } from './settings';
import type { FindingStore } from './store';

/** Manifests the lens is offered on. */
export const MANIFEST_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/package.json' },
  { scheme: 'file', pattern: '**/requirements*.txt' },
  { scheme: 'file', pattern: '**/pyproject.toml' },
];

/**
 * On dependency lines of package.json / requirements*.txt / pyproject.toml: the registry facts Rampart
 * used for that package (age, latest version, deprecation), read from the findings in the store: the
 * same data as the package hover, never a look-up of its own. Only while look-ups are on
 * (`rampart.network.enabled` and a trusted workspace) and `rampart.codeLens.enabled` is true.
 */
export class PackageCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: FindingStore) {
    const refresh = () => this.changed.fire();
    this.disposables = [
      this.changed,
      store.onDidChange(refresh),
      vscode.workspace.onDidGrantWorkspaceTrust(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rampart') && refresh()),
    ];
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!MANIFEST_FILE.test(doc.uri.fsPath) || !PackageCodeLens.enabled(doc.uri)) return [];
    const stored = this.store.get(doc.uri);
    // Ranges are only right for the version they were computed for (or the file on disk, if unchanged).
    if (!stored || (stored.version !== doc.version && !(stored.version === null && !doc.isDirty))) return [];
    return packageLenses(stored.result.findings, (offset) => doc.positionAt(offset).line, new Date()).map(
      ({ line, title }) => new vscode.CodeLens(doc.lineAt(line).range, { title: `$(package) ${title}`, command: '', tooltip: 'What the package registry said, as Rampart used it' }),
    );
  }

  /** Whether the lens shows for a resource: the setting is on and registry look-ups go out. */
  static enabled(uri: vscode.Uri): boolean {
    const on = vscode.workspace.getConfiguration('rampart', uri).get<boolean>('codeLens.enabled', true);
    return on !== false && readSettings(uri).networkEnabled && vscode.workspace.isTrusted;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the lens on manifests; returns what to dispose. */
export function registerPackageCodeLens(store: FindingStore): vscode.Disposable[] {
  const lens = new PackageCodeLens(store);
  return [lens, vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, lens)];
}
