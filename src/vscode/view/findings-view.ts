/**
 * The Rampart view (`rampart.findings` in its own activity-bar container): a "Workspace" summary node, the
 * findings of the finding store grouped by risk area (or severity, rule, file) with counts, filters by
 * severity and text, and the suppressed findings apart. Thin glue: what to show is computed by
 * `findings-tree.ts`, which needs no editor.
 */
import * as vscode from 'vscode';
import { createPathMatcher, suppressionsFor, type ResolvedSuppression } from '../../config';
import type { FileResult, RiskArea, Severity, SuppressionState } from '../../engine/types';
import { builtinRules } from '../../rules';
import type { ConfigStore } from '../config-store';
import type { FindingStore } from '../store';
import {
  countLabel,
  describeFilter,
  filterFindings,
  findingDescription,
  findingLabel,
  findingTooltip,
  GROUPINGS,
  groupFindings,
  isFiltered,
  NO_FILTER,
  summarizeWorkspace,
  summaryLine,
  summaryRows,
  suppressedDescription,
  suppressedItems,
  suppressedLabel,
  viewFindings,
  type FindingGroup,
  type GroupBy,
  type SuppressedItem,
  type SuppressionEntry,
  type ViewFile,
  type ViewFilter,
  type ViewFinding,
} from './findings-tree';

/** Id of the tree view, as contributed in package.json. */
export const FINDINGS_VIEW = 'rampart.findings';
/** Largest file read for the summary (SDK imports, Kubernetes / CloudFormation YAML). */
const MAX_SUMMARY_TEXT = 512 * 1024;
/** At most this many files are read for the summary. */
const MAX_SUMMARY_FILES = 2000;

type Node =
  | { kind: 'summary' }
  | { kind: 'summaryRow'; label: string; description: string }
  | { kind: 'group'; group: FindingGroup }
  | { kind: 'finding'; item: ViewFinding }
  | { kind: 'suppressed'; items: SuppressedItem[] }
  | { kind: 'suppressedItem'; item: SuppressedItem };

const AREA_OF = new Map<string, RiskArea>(builtinRules.map((r) => [r.id, r.meta.riskArea]));
const areaOf = (ruleId: string) => AREA_OF.get(ruleId);
const SUPPRESSION_SOURCE: Readonly<Record<SuppressionState['kind'], string>> = { inline: 'comment', config: '.rampart.jsonc', baseline: 'baseline' };
const SEVERITY_ICON: Readonly<Record<Severity, vscode.ThemeIcon>> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/** The tree data of the Rampart view. */
class FindingsTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  groupBy: GroupBy = 'area';
  filter: ViewFilter = NO_FILTER;
  /** Text of analysed files for the summary, per stored result (a new result is read again). */
  private readonly texts = new WeakMap<FileResult, string | undefined>();
  private readonly matchers = new WeakMap<ResolvedSuppression, { root: string; matches: (file: string) => boolean }>();
  private reading = false;

  constructor(
    private readonly store: FindingStore,
    private readonly configs: ConfigStore,
  ) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Files with their URIs (the store keeps both in insertion order). */
  private storedFiles(): ViewFile[] {
    const uris = this.store.uris();
    return uris.map((uri) => {
      const { result } = this.store.get(uri)!;
      return { file: result.file.replace(/\\/g, '/'), uri: uri.toString(), result };
    });
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'summary': {
        const item = new vscode.TreeItem('Workspace', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'summary';
        item.description = summaryLine(this.summary());
        item.iconPath = new vscode.ThemeIcon('shield');
        item.tooltip = summaryRows(this.summary()).map(([l, d]) => `${l}: ${d}`).join('\n');
        return item;
      }
      case 'summaryRow': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.description;
        return item;
      }
      case 'group': {
        const { group } = node;
        const item = new vscode.TreeItem(group.label, group.findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        // An empty group has nothing to expand; a new id once it fills makes the tree show it expanded.
        item.id = `${this.groupBy}/${group.id}${group.findings.length === 0 ? '/empty' : ''}`;
        item.description = group.description;
        item.tooltip = `${group.label}: ${countLabel(group.findings.length)}`;
        item.contextValue = 'rampartGroup';
        if (this.groupBy === 'file' && group.findings[0]) item.resourceUri = vscode.Uri.parse(group.findings[0].uri);
        return item;
      }
      case 'finding': {
        const { item: f } = node;
        const item = new vscode.TreeItem(findingLabel(f), vscode.TreeItemCollapsibleState.None);
        item.description = findingDescription(f, this.groupBy);
        item.tooltip = findingTooltip(f, areaOf(f.finding.ruleId));
        item.iconPath = SEVERITY_ICON[f.finding.severity];
        item.command = revealCommand(f);
        item.contextValue = 'rampartFinding';
        return item;
      }
      case 'suppressed': {
        const item = new vscode.TreeItem(suppressedLabel(node.items), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'suppressed';
        item.iconPath = new vscode.ThemeIcon('eye-closed');
        return item;
      }
      case 'suppressedItem': {
        const { item: s } = node;
        const item = new vscode.TreeItem(findingLabel(s), vscode.TreeItemCollapsibleState.None);
        item.description = suppressedDescription(s);
        item.contextValue = 'rampartFinding';
        item.tooltip = `${findingTooltip(s, areaOf(s.finding.ruleId))}\n\nSuppressed (${SUPPRESSION_SOURCE[s.kind]}): ${s.reason}${s.expires ? `\n${s.expired ? 'Expired on' : 'Until'} ${s.expires}` : ''}`;
        item.iconPath = s.expired ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('pass');
        item.command = revealCommand(s);
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const all = viewFindings(this.storedFiles());
      const shown = filterFindings(all, this.filter);
      const groups = groupFindings(shown.filter((f) => !f.finding.suppressed), this.groupBy, areaOf);
      const suppressed = suppressedItems(shown, (uri) => this.entriesFor(uri));
      return [
        { kind: 'summary' },
        ...groups.map((group): Node => ({ kind: 'group', group })),
        ...(suppressed.length > 0 ? [{ kind: 'suppressed', items: suppressed } as Node] : []),
      ];
    }
    switch (node.kind) {
      case 'summary':
        return summaryRows(this.summary()).map(([label, description]) => ({ kind: 'summaryRow', label, description }));
      case 'group':
        return node.group.findings.map((item) => ({ kind: 'finding', item }));
      case 'suppressed':
        return node.items.map((item) => ({ kind: 'suppressedItem', item }));
      default:
        return [];
    }
  }

  /** Unsuppressed findings shown and in total, for the view's message. */
  counts(): { shown: number; total: number } {
    const all = viewFindings(this.storedFiles()).filter((f) => !f.finding.suppressed);
    return { shown: filterFindings(all, this.filter).length, total: all.length };
  }

  private summary() {
    const files = this.storedFiles();
    void this.readTexts(files);
    return summarizeWorkspace(files, (f) => this.texts.get(f.result));
  }

  /** Reads the files the summary looks into (open documents from the editor, others from disk), then refreshes. */
  private async readTexts(files: readonly ViewFile[]): Promise<void> {
    if (this.reading) return;
    const wanted = files
      .filter((f) => ['js', 'python', 'yaml', 'json'].includes(f.result.language ?? '') && !this.texts.has(f.result))
      .slice(0, MAX_SUMMARY_FILES);
    if (wanted.length === 0) return;
    this.reading = true;
    try {
      for (const f of wanted) {
        const uri = vscode.Uri.parse(f.uri);
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === f.uri);
        let text: string | undefined;
        if (open) text = open.getText();
        else if (uri.scheme === 'file') {
          try {
            const stat = await vscode.workspace.fs.stat(uri);
            if (stat.size <= MAX_SUMMARY_TEXT) text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
          } catch {
            // Gone since it was analysed: nothing to add to the summary.
          }
        }
        this.texts.set(f.result, text?.slice(0, MAX_SUMMARY_TEXT));
      }
    } finally {
      this.reading = false;
    }
    this.refresh();
  }

  /** The team config's suppression entries whose path covers the file, each marked expired or not. */
  private entriesFor(uriString: string): SuppressionEntry[] {
    const uri = vscode.Uri.parse(uriString);
    if (uri.scheme !== 'file') return [];
    const config = this.configs.configFor(uri);
    if (config.suppressions.length === 0) return [];
    const expired = new Set<ResolvedSuppression>(suppressionsFor(config, uri.fsPath, new Date()).expired);
    return config.suppressions
      .filter((s) => expired.has(s) || this.matcher(s.root, s)(uri.fsPath))
      .map((s) => ({ rule: s.rule, reason: s.reason, ...(s.line !== undefined ? { line: s.line } : {}), ...(s.expires ? { expires: s.expires } : {}), expired: expired.has(s) }));
  }

  private matcher(root: string, s: ResolvedSuppression): (file: string) => boolean {
    let cached = this.matchers.get(s);
    if (cached?.root !== root) {
      cached = { root, matches: createPathMatcher(root, [s.path]) };
      this.matchers.set(s, cached);
    }
    return cached.matches;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Opens the finding's file with its range selected. */
function revealCommand(item: ViewFinding): vscode.Command {
  const { start, end } = item.finding;
  const range = new vscode.Range(start.line - 1, start.column - 1, end.line - 1, end.column - 1);
  return { command: 'vscode.open', title: 'Reveal', arguments: [vscode.Uri.parse(item.uri), { selection: range, preserveFocus: false } satisfies vscode.TextDocumentShowOptions] };
}

/** Registers the Rampart view and its commands (group by, filter by text and severity, clear the filter). */
export function registerFindingsView(store: FindingStore, configs: ConfigStore, analyses: (doc: vscode.TextDocument) => boolean = () => true): vscode.Disposable {
  const tree = new FindingsTree(store, configs);
  const view = vscode.window.createTreeView(FINDINGS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const grouping = GROUPINGS.find((g) => g.id === tree.groupBy)!.label.toLowerCase();
    const filter = describeFilter(tree.filter);
    view.description = filter ? `by ${grouping} · ${filter}` : `by ${grouping}`;
    const { shown, total } = tree.counts();
    // Honest coverage: the active file Rampart has no rules for is said to be unchecked, once, here.
    const active = vscode.window.activeTextEditor?.document;
    const unchecked =
      active && (active.uri.scheme === 'file' || active.uri.scheme === 'untitled') && !analyses(active)
        ? `${vscode.workspace.asRelativePath(active.uri, false)} is not checked: no Rampart rule reads this file type (or git ignores it).`
        : undefined;
    view.message =
      [
        store.all().length === 0 ? 'Nothing analysed yet: open a file or run "Rampart: Scan Workspace".' : filter ? `${filter} — ${shown} of ${countLabel(total)} shown.` : undefined,
        unchecked,
      ]
        .filter(Boolean)
        .join(' ') || undefined;
    view.badge = total > 0 ? { value: total, tooltip: countLabel(total) } : undefined;
    void vscode.commands.executeCommand('setContext', 'rampart.view.filtered', isFiltered(tree.filter));
    tree.refresh();
  };
  // Scans change many files in a row: redraw once they settle.
  const scheduleUpdate = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  update();
  return vscode.Disposable.from(
    tree,
    view,
    store.onDidChange(scheduleUpdate),
    vscode.window.onDidChangeActiveTextEditor(scheduleUpdate),
    configs.onDidChange(scheduleUpdate),
    { dispose: () => timer && clearTimeout(timer) },
    vscode.commands.registerCommand('rampart.view.groupBy', async (by?: GroupBy) => {
      const chosen =
        by && GROUPINGS.some((g) => g.id === by)
          ? by
          : (await vscode.window.showQuickPick(GROUPINGS.map((g) => ({ label: g.label, id: g.id, picked: g.id === tree.groupBy })), { title: 'Group Rampart findings by' }))?.id;
      if (!chosen) return;
      tree.groupBy = chosen;
      update();
    }),
    vscode.commands.registerCommand('rampart.view.filter', async (text?: string) => {
      const value = typeof text === 'string' ? text : await vscode.window.showInputBox({ title: 'Filter Rampart findings', prompt: 'Text in the message, rule id or file (empty: no text filter)', value: tree.filter.text });
      if (value === undefined) return;
      tree.filter = { ...tree.filter, text: value.trim() };
      update();
    }),
    vscode.commands.registerCommand('rampart.view.filterSeverity', async () => {
      const current = tree.filter.severities ?? ['error', 'warning', 'info'];
      const picks = await vscode.window.showQuickPick(
        (['error', 'warning', 'info'] as const).map((s) => ({ label: s, picked: current.includes(s) })),
        { title: 'Show Rampart findings of severity', canPickMany: true },
      );
      if (!picks) return;
      tree.filter = { ...tree.filter, severities: picks.length === 3 ? null : picks.map((p) => p.label) };
      update();
    }),
    // A finding's context menu: its rule's details panel.
    vscode.commands.registerCommand('rampart.view.showRuleDetails', (node?: Node) => {
      const ruleId = node && (node.kind === 'finding' || node.kind === 'suppressedItem') ? node.item.finding.ruleId : undefined;
      return vscode.commands.executeCommand('rampart.showRuleDetails', ruleId);
    }),
    vscode.commands.registerCommand('rampart.view.clearFilter', () => {
      tree.filter = NO_FILTER;
      update();
    }),
  );
}
