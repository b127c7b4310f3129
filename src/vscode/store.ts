import * as vscode from 'vscode';
import type { FileResult } from '../engine/types';
import { countFindings, type FindingCounts } from './model';

/** The latest result for one file, and the document version it was computed for (null: read from disk). */
export interface StoredResult {
  result: FileResult;
  version: number | null;
}

/**
 * The latest findings per file, shared by diagnostics, code actions, the status bar, the scan summary and
 * SARIF export: the one place findings are counted, so every count the user sees agrees.
 * Code actions only use a result whose version matches the document, so no stale edit is ever applied.
 */
export class FindingStore {
  private readonly byUri = new Map<string, StoredResult>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires whenever a file's findings change. */
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, stored: StoredResult): void {
    this.byUri.set(uri.toString(), stored);
    this.changed.fire();
  }

  get(uri: vscode.Uri): StoredResult | undefined {
    return this.byUri.get(uri.toString());
  }

  delete(uri: vscode.Uri): void {
    if (this.byUri.delete(uri.toString())) this.changed.fire();
  }

  clear(): void {
    this.byUri.clear();
    this.changed.fire();
  }

  /** Every stored result. */
  all(): StoredResult[] {
    return [...this.byUri.values()];
  }

  /** The URIs that have a stored result. */
  uris(): vscode.Uri[] {
    return [...this.byUri.keys()].map((key) => vscode.Uri.parse(key));
  }

  /** Problems and suppressed findings, of every file or of those whose URI string `include` accepts. */
  counts(include?: (uri: string) => boolean): FindingCounts {
    const results = [...this.byUri].filter(([uri]) => !include || include(uri)).map(([, stored]) => stored.result);
    return countFindings(results);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
