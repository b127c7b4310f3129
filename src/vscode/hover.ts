import * as vscode from 'vscode';
import { packageHoverMarkdown } from './model';
import type { FindingStore } from './store';

/** Hover on a package finding: what the registry said about the name, from the finding's facts. */
export class PackageHover implements vscode.HoverProvider {
  constructor(private readonly store: FindingStore) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
    const stored = this.store.get(doc.uri);
    if (!stored || stored.version !== doc.version) return null;
    const offset = doc.offsetAt(position);
    for (const finding of stored.result.findings) {
      if (offset < finding.range[0] || offset > finding.range[1]) continue;
      const markdown = packageHoverMarkdown(finding.properties);
      if (markdown) return new vscode.Hover(new vscode.MarkdownString(markdown), new vscode.Range(doc.positionAt(finding.range[0]), doc.positionAt(finding.range[1])));
    }
    return null;
  }
}
