import * as path from 'node:path';
import * as vscode from 'vscode';
import { ruleDocsReader } from '../../cli/rule-docs';
import type { ResolvedConfig } from '../../config';
import { formatHtml, type ReportWaiver } from '../../report/html';
import { builtinRules } from '../../rules';
import { describeCounts } from '../model';
import type { FindingStore } from '../store';

const KNOWN = new Set(builtinRules.map((r) => r.id));
/** Largest file read from disk for excerpts (a file the editor does not have open). */
const MAX_EXCERPT_FILE = 4 * 1024 * 1024;

/**
 * "Export Report…": writes the findings the editor holds (open files and the last workspace scan) as the same
 * self-contained HTML report as `rampart scan --format html`, with masked excerpts of the code, the bundled rule
 * docs and the team configuration's suppressions.
 */
export function registerExportReport(store: FindingStore, configFor: (uri: vscode.Uri) => ResolvedConfig, toolVersion: string, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.exportReport', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = await vscode.window.showSaveDialog({
      title: 'Export Rampart report',
      defaultUri: folder ? vscode.Uri.joinPath(folder.uri, 'rampart-report.html') : undefined,
      filters: { HTML: ['html', 'htm'] },
    });
    if (!target) return;
    const texts = new Map<string, string>();
    for (const uri of store.uris()) {
      const stored = store.get(uri);
      if (!stored || stored.result.findings.length === 0) continue;
      const text = await textOf(uri, stored.version);
      if (text !== undefined) texts.set(stored.result.file, text);
    }
    const config = folder ? configFor(folder.uri) : undefined;
    const today = new Date().toISOString().slice(0, 10);
    const waivers: ReportWaiver[] = (config?.suppressions ?? []).map((s) => ({
      rule: s.rule,
      path: s.path,
      reason: s.reason,
      ...(s.expires !== undefined ? { expires: s.expires } : {}),
      expired: s.expires !== undefined && today > s.expires,
      ...(s.owner !== undefined ? { owner: s.owner } : {}),
    }));
    const html = formatHtml(
      store.all().map((s) => s.result),
      {
        cwd: folder?.uri.fsPath ?? '/',
        rules: builtinRules,
        toolVersion,
        target: `${folder?.name ?? 'workspace'} (open files and the last workspace scan)`,
        generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        source: (file) => texts.get(file),
        ruleDoc: ruleDocsReader((id) => KNOWN.has(id), [path.join(extensionUri.fsPath, 'docs', 'rules')]),
        waivers,
        coverage: config ? { rulesOff: builtinRules.map((r) => r.id).filter((id) => !config.settings.has(id)) } : {},
      },
    );
    await vscode.workspace.fs.writeFile(target, Buffer.from(html, 'utf8'));
    void vscode.window.showInformationMessage(`Rampart: exported a report of ${describeCounts(store.counts())} to ${vscode.workspace.asRelativePath(target)}.`);
  });
}

/**
 * The text the stored findings were computed on: the open document's when its version is the stored one, the file
 * on disk for a result read from disk (version null); undefined otherwise (the excerpt is then left out).
 */
async function textOf(uri: vscode.Uri, version: number | null): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.version === version ? open.getText() : undefined;
  if (version !== null || uri.scheme !== 'file') return undefined;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_EXCERPT_FILE) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
