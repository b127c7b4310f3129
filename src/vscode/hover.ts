import * as vscode from 'vscode';
import { packageHoverMarkdown } from './model';
import { commandLink } from './rule-details-html';
import type { FindingStore } from './store';

/**
 * Hover on a package finding: what the registry said about the name, from the finding's facts, and a link
 * to the rule's details panel (the diagnostic's own hover links the rule id there too).
 */
export class PackageHover implements vscode.HoverProvider {
  constructor(private readonly store: FindingStore) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | null {
    const stored = this.store.get(doc.uri);
    if (!stored || stored.version !== doc.version) return null;
    const offset = doc.offsetAt(position);
    for (const finding of stored.result.findings) {
      if (offset < finding.range[0] || offset > finding.range[1]) continue;
      const markdown = packageHoverMarkdown(finding.properties);
      if (!markdown) continue;
      const text = new vscode.MarkdownString(markdown);
      text.appendMarkdown(`\n\n[Rule details: ${finding.ruleId.replace(/[\\`*_[\]()]/g, '\\$&')}](${commandLink('rampart.showRuleDetails', [finding.ruleId])})`);
      text.isTrusted = { enabledCommands: ['rampart.showRuleDetails'] };
      return new vscode.Hover(text, new vscode.Range(doc.positionAt(finding.range[0]), doc.positionAt(finding.range[1])));
    }
    return null;
  }
}
