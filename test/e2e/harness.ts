/**
 * End-to-end harness: the packaged Rampart .vsix in real VS Code (code-server 4.100.3, VS Code 1.100.3)
 * driven through headless Debian Chromium with playwright-core.
 *
 * One {@link VsCodeSession} = one code-server process with its own user-data, extensions and config
 * folders, a fresh copy of `test/e2e/workspace/`, and one browser page on the workbench. Everything is
 * torn down by {@link VsCodeSession.close} within a bounded time. `scripts/e2e/setup.sh` installs
 * code-server and Chromium first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** code-server version the recipe was proven with; setup.sh installs the same one. */
export const CODE_SERVER_VERSION = '4.100.3';
/** Repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Where screenshots of failures go (gitignored). */
export const ARTIFACTS_DIR = path.join(__dirname, 'artifacts');
/** The workspace copied fresh for every session. */
export const WORKSPACE_TEMPLATE = path.join(__dirname, 'workspace');
/** Extension id from package.json (`publisher.name`). */
export const EXTENSION_ID = 'rampart-security.rampart';

const CHROMIUM = process.env.RAMPART_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const VIEWPORT = { width: 1280, height: 800 };
const SERVER_START_TIMEOUT_MS = 60_000;
const WORKBENCH_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 120_000;
const TRUST_DIALOG_TIMEOUT_MS = 30_000;
const KILL_GRACE_MS = 5_000;

/** How a session starts. */
export interface SessionOptions {
  /**
   * `true` (default): workspace trust is off, so the folder is trusted and no dialog shows.
   * `false`: the trust dialog is answered "No, I don't trust the authors", so the window is in Restricted Mode.
   */
  trusted?: boolean;
  /** Extra user settings merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Label used in temp-folder and screenshot names. */
  label?: string;
  /** Extra environment variables for code-server and its extension host (e.g. `npm_config_registry`). */
  env?: Record<string, string>;
  /** Files (workspace-relative path -> content) written into the workspace copy before VS Code opens it. */
  files?: Record<string, string>;
}

/** One row of the Problems panel. */
export interface Problem {
  /** File name shown on the file row the marker belongs to (e.g. `server.js`). */
  file: string;
  /** Marker message text. */
  message: string;
  /** Source as shown (e.g. `rampart`), empty when none. */
  source: string;
  /** Code as shown (e.g. `js/no-shell-injection`), empty when none. */
  code: string;
  /** 1-based line and column as shown (`[Ln 13, Col 8]`), 0 when not shown. */
  line: number;
  column: number;
}

/** A DOM element's inline style, as read inside `evaluateAll` (this project compiles without the DOM lib). */
type Styled = { style: { top: string } };

/** Folder holding code-server, by the same rule as setup.sh. */
export function codeServerDir(): string {
  const cache = process.env.RAMPART_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'rampart-e2e');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

/** Path of the packaged extension: RAMPART_E2E_VSIX, else `<name>-<version>.vsix` at the repo root. */
export function vsixPath(): string {
  if (process.env.RAMPART_E2E_VSIX) return path.resolve(process.env.RAMPART_E2E_VSIX);
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
}

/** Fails with a clear message when setup.sh or `npm run package` has not run. */
export function checkPrerequisites(): { entry: string; vsix: string } {
  const dir = codeServerDir();
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!fs.existsSync(path.join(dir, '.rampart-e2e-complete')) || !fs.existsSync(entry)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${dir}: run \`bash scripts/e2e/setup.sh\` first`);
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/e2e/setup.sh\` first`);
  const vsix = vsixPath();
  if (!fs.existsSync(vsix)) throw new Error(`extension package ${vsix} not found: run \`npm run package\` first`);
  return { entry, vsix };
}

/** User settings every session starts with: no welcome page, tips, update checks or preview tabs. */
function defaultSettings(trusted: boolean): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'always',
    'security.workspace.trust.banner': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'workbench.editor.enablePreview': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'editor.minimap.enabled': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.formatOnType': false,
    'editor.hover.enabled': false,
    'files.autoSave': 'off',
    // code-server's built-in TypeScript support ships without tsserver (setup omits dev packages);
    // point it at the repository's TypeScript instead of letting it show a "tsserver was deleted" toast,
    // and keep it syntax-only so its refactorings do not crowd Rampart's quick-fix menu.
    'typescript.tsdk': path.join(REPO_ROOT, 'node_modules', 'typescript', 'lib'),
    'typescript.tsserver.useSyntaxServer': 'always',
    'typescript.disableAutomaticTypeAcquisition': true,
    // No registry look-ups unless a test serves a loopback registry and turns them on.
    'rampart.network.enabled': false,
  };
}

/** A free TCP port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Environment for code-server without the variables that would attach it to an outer VS Code. */
function cleanEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(key) || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  env.XDG_CONFIG_HOME = path.join(root, 'xdg-config');
  env.XDG_DATA_HOME = path.join(root, 'xdg-data');
  env.XDG_CACHE_HOME = path.join(root, 'xdg-cache');
  return env;
}

/** Runs a short command to completion within `timeoutMs`; rejects with its output on failure. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(args[0] ?? command)} ${args.slice(1).join(' ')} timed out after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/** Resolves when `fn` returns a truthy value; polls every `intervalMs` up to `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}

/** Short settle delay; only for UI animations, never as a substitute for a condition. */
/**
 * Keeps a screenshot of the run as the README's picture `media/<name>`: written when missing or when
 * `RAMPART_E2E_UPDATE_MEDIA=1`, so routine runs leave the work tree clean.
 */
export function keepAsMedia(artifact: string, name: string): void {
  const media = path.join(REPO_ROOT, 'media', name);
  if (process.env.RAMPART_E2E_UPDATE_MEDIA === '1' || !fs.existsSync(media)) {
    fs.copyFileSync(artifact, media);
    console.log(`      wrote ${path.relative(REPO_ROOT, media)}`);
  }
}

/** Starts the headless Debian Chromium the sessions use; also for pages without code-server (the HTML report). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Parses `[Ln 13, Col 8]` (the Problems panel's position label). */
function parsePosition(text: string): { line: number; column: number } {
  const m = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(text);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 0, column: 0 };
}

/** A running code-server with a browser page on its workbench. */
export class VsCodeSession {
  private constructor(
    /** The browser page showing the workbench. */
    readonly page: Page,
    /** Absolute path of this session's copy of the workspace. */
    readonly workspace: string,
    /** Absolute path of this session's user-data folder (logs live under it). */
    readonly userDataDir: string,
    /** Absolute path of this session's extensions folder (the .vsix is installed there). */
    readonly extensionsDir: string,
    private readonly browser: Browser,
    private readonly server: ChildProcess,
    private readonly root: string,
    private readonly serverLog: string[],
    readonly label: string,
  ) {}

  /** Installs the .vsix, starts code-server and opens the workbench; cleans up if any step fails. */
  static async start(options: SessionOptions = {}): Promise<VsCodeSession> {
    const { entry, vsix } = checkPrerequisites();
    const trusted = options.trusted ?? true;
    const label = options.label ?? (trusted ? 'trusted' : 'restricted');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `rampart-e2e-${label}-`));
    const workspace = path.join(root, 'ops-dashboard');
    const userDataDir = path.join(root, 'user-data');
    const extensionsDir = path.join(root, 'extensions');
    const config = path.join(root, 'config.yaml');
    fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
    // The 2,000-line service of the benchmark, for measuring the per-edit cost on a large file.
    fs.copyFileSync(path.join(REPO_ROOT, 'bench', 'fixtures', 'large-service.ts'), path.join(workspace, 'src', 'large-service.ts'));
    for (const [file, content] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      fs.writeFileSync(path.join(workspace, file), content);
    }
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.writeFileSync(config, 'auth: none\n');
    const settings = { ...defaultSettings(trusted), ...options.settings };
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    const env = { ...cleanEnv(root), ...options.env };
    const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    let server: ChildProcess | undefined;
    let browser: Browser | undefined;
    const serverLog: string[] = [];
    try {
      const installed = await run(process.execPath, [entry, ...common, '--install-extension', vsix], env, INSTALL_TIMEOUT_MS);
      if (!/successfully installed/i.test(installed)) throw new Error(`installing ${vsix} printed no success message:\n${installed}`);

      const port = await freePort();
      const args = [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened', workspace];
      // Own process group, so close() can end code-server together with its extension host and watchers.
      server = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      if (server.pid !== undefined) live.set(server.pid, root);
      const keep = (d: Buffer) => {
        serverLog.push(d.toString());
        if (serverLog.length > 200) serverLog.shift();
      };
      server.stdout?.on('data', keep);
      server.stderr?.on('data', keep);
      const url = `http://127.0.0.1:${port}`;
      await waitForServer(url, server, serverLog);

      browser = await launchChromium();
      const context = await browser.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${url}/?folder=${encodeURIComponent(workspace)}`, { timeout: WORKBENCH_TIMEOUT_MS });
      const session = new VsCodeSession(page, workspace, userDataDir, extensionsDir, browser, server, root, serverLog, label);
      await session.waitForWorkbench(trusted);
      return session;
    } catch (err) {
      await browser?.close().catch(() => undefined);
      if (server) await stopProcessGroup(server);
      if (server?.pid !== undefined) live.delete(server.pid);
      fs.rmSync(root, { recursive: true, force: true });
      throw err;
    }
  }

  /** Waits until the explorer shows the workspace; in an untrusted session, answers the trust dialog first. */
  private async waitForWorkbench(trusted: boolean): Promise<void> {
    const { page } = this;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
    if (!trusted) {
      // The modal can come seconds after the workbench and covers it, so wait for it explicitly.
      await page.locator('.monaco-dialog-box').filter({ hasText: 'trust' }).waitFor({ state: 'visible', timeout: TRUST_DIALOG_TIMEOUT_MS });
      await this.answerTrustDialog(false);
    }
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
    await page.locator('#workbench\\.parts\\.statusbar').waitFor({ state: 'visible' });
  }

  /** Answers the workspace-trust dialog if it is showing; returns whether it was. */
  async answerTrustDialog(trust: boolean): Promise<boolean> {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: 'trust' });
    if (!(await dialog.isVisible())) return false;
    await dialog.getByRole('button', { name: trust ? /Yes, I trust/ : /No, I don.t trust/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    return true;
  }

  /** The explorer row whose label is `name` at tree depth `level` (1 = top of the workspace folder). */
  explorerRow(name: string, level: number): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"][aria-label=${JSON.stringify(name)}]`).first();
  }

  /**
   * Opens a workspace file by clicking through the explorer tree (`src/lib/status-client.js`) and waits
   * for its text editor, or (`notebook: true`) for the notebook editor and its first cell.
   */
  async openFile(relativePath: string, options: { notebook?: boolean } = {}): Promise<void> {
    const parts = relativePath.split('/');
    await this.focusExplorer();
    for (const [depth, folder] of parts.slice(0, -1).entries()) {
      // Rows of the same name at the same depth in different folders would be ambiguous; the test
      // workspace has none.
      const row = this.explorerRow(folder, depth + 1);
      await row.waitFor({ state: 'visible' });
      if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
      await waitFor(`explorer folder ${folder} to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true', 10_000);
    }
    const name = parts[parts.length - 1];
    const row = this.explorerRow(name, parts.length);
    await row.waitFor({ state: 'visible' });
    await row.click();
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ state: 'visible' });
    if (options.notebook) await this.page.locator('.notebook-editor .cell-list-container .monaco-editor .view-lines').first().waitFor({ state: 'visible' });
    else await this.activeEditor().locator('.view-lines').waitFor({ state: 'visible' });
  }

  /** Shows the explorer view (the files tree). */
  async focusExplorer(): Promise<void> {
    if (await this.page.locator('.explorer-folders-view').isVisible()) return;
    await this.runCommand('View: Show Explorer');
    await this.page.locator('.explorer-folders-view').waitFor({ state: 'visible' });
  }

  /** The active editor's container. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Runs a command from the command palette by its exact title (F1, type, pick). */
  async runCommand(title: string): Promise<void> {
    const input = await this.openQuickInput('F1');
    await input.fill(`>${title}`);
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const labels = this.page.locator('.quick-input-list .monaco-list-row .label-name');
    const row = labels.filter({ hasText: exact }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      const shown = await labels.allTextContents();
      await this.page.keyboard.press('Escape');
      throw new Error(`the command palette has no command "${title}"; for that text it showed ${JSON.stringify(shown)}`);
    }
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /** Opens the quick input with `key` and returns its text box. */
  private async openQuickInput(key: string): Promise<Locator> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Escape');
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.keyboard.press(key);
      if (await input.isVisible()) return input;
      try {
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        return input;
      } catch {
        // The workbench may still be busy restoring; focus it and press again.
        await this.page.locator('.monaco-workbench').click({ position: { x: 640, y: 5 } }).catch(() => undefined);
      }
    }
    throw new Error(`the quick input did not open after pressing ${key} three times`);
  }

  /** Moves the cursor of the active editor to a 1-based line and column (via "Go to Line/Column"). */
  async goToPosition(line: number, column = 1): Promise<void> {
    const input = await this.openQuickInput('Control+G');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await waitFor(`cursor at ${line}:${column}`, async () => {
      const status = await this.page.locator('#status\\.editor\\.selection').innerText().catch(() => '');
      return status.includes(`Ln ${line}, Col ${column}`);
    }, 5_000);
  }

  /** The active editor's full text, read from the rendered lines (enough for files that fit the view). */
  async editorText(): Promise<string> {
    const lines = await this.activeEditor().locator('.view-lines .view-line').evaluateAll((nodes) =>
      nodes
        .map((n) => ({ top: parseFloat((n as unknown as Styled).style.top) || 0, text: (n.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text),
    );
    return lines.join('\n');
  }

  /** Number of error squiggles drawn in the active editor. */
  async squiggleCount(): Promise<number> {
    return this.activeEditor().locator('.squiggly-error').count();
  }

  /**
   * Opens the Problems panel ("View: Focus Problems (Errors, Warnings, Infos)") and returns its rows.
   * The list is virtualised, so only rows that fit the panel are read: pass `filter` (text for the
   * panel's own filter box, e.g. a file name) when many problems are expected.
   */
  async problems(filter = ''): Promise<Problem[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await panel.waitFor({ state: 'visible' });
    }
    const filterBox = this.page.getByPlaceholder('Filter (e.g. text', { exact: false }).first();
    if ((await filterBox.inputValue()) !== filter) {
      await filterBox.fill(filter);
      await sleep(300); // the panel applies the filter after a short debounce
    }
    // Rows are a tree: level 1 = file, level 2 = marker, level 3 = related information.
    const rows = await panel.locator('.monaco-list-row').evaluateAll((nodes) =>
      nodes.map((row) => ({
        level: Number(row.getAttribute('aria-level') ?? 0),
        top: parseFloat((row as unknown as Styled).style.top) || 0,
        name: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        message: row.querySelector('.marker-message')?.textContent?.trim() ?? '',
        source: row.querySelector('.marker-source')?.textContent?.trim() ?? '',
        code: row.querySelector('.marker-code')?.textContent?.trim() ?? '',
        position: row.querySelector('.marker-line')?.textContent ?? '',
      })),
    );
    const result: Problem[] = [];
    let file = '';
    for (const row of rows.sort((a, b) => a.top - b.top)) {
      if (row.level === 1) file = row.name;
      if (row.level !== 2) continue;
      result.push({ file, message: row.message, source: row.source, code: row.code, ...parsePosition(row.position) });
    }
    return result;
  }

  /** Waits until the Problems panel has a row matching `predicate`, and returns it. */
  async waitForProblem(what: string, predicate: (p: Problem) => boolean, timeoutMs = 20_000, filter = ''): Promise<Problem> {
    let last: Problem[] = [];
    try {
      return await waitFor(what, async () => {
        last = await this.problems(filter);
        return last.find(predicate);
      }, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}; Problems panel had: ${JSON.stringify(last)}`);
    }
  }

  /** Waits until no row of the Problems panel matches `predicate`. */
  async waitForNoProblem(what: string, predicate: (p: Problem) => boolean, timeoutMs = 20_000, filter = ''): Promise<void> {
    let last: Problem[] = [];
    try {
      await waitFor(what, async () => {
        last = await this.problems(filter);
        return !last.some(predicate);
      }, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}; Problems panel still had: ${JSON.stringify(last.filter(predicate))}`);
    }
  }

  /** A status-bar item the extension contributes, by its id (`rampart.status`, `rampart.details`). */
  statusItem(id: string): Locator {
    return this.page.locator(`.statusbar-item[id=${JSON.stringify(`${EXTENSION_ID}.${id}`)}]`);
  }

  /** Status-bar items contributed by the extension, as their visible texts. */
  async extensionStatusItems(): Promise<string[]> {
    return this.page.locator(`.statusbar-item[id^="${EXTENSION_ID}"]`).allInnerTexts();
  }

  /** Messages of the notification toasts on screen (a progress notification shows its title and message). */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast-container .notification-list-item-message').allInnerTexts();
  }

  /** Waits until a notification toast matches `pattern`, and returns its message. */
  async waitForNotification(what: string, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    let last: string[] = [];
    try {
      return await waitFor(what, async () => {
        last = await this.notifications();
        return last.find((m) => pattern.test(m));
      }, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}; notifications on screen: ${JSON.stringify(last)}`);
    }
  }

  /**
   * Merges `settings` into the workspace settings (`.vscode/settings.json`; a `null` value removes the key);
   * VS Code picks the change up from disk as if the user had edited them.
   */
  updateWorkspaceSettings(settings: Record<string, unknown>): void {
    const file = path.join(this.workspace, '.vscode', 'settings.json');
    const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(settings)) {
      if (value === null) delete current[key];
      else current[key] = value;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(current, null, 2));
  }

  /** Closes the active editor ("View: Close Editor") and waits until the tab of `name` is gone. */
  async closeEditor(name: string): Promise<void> {
    await this.runCommand('View: Close Editor');
    await waitFor(`the tab of ${name} to close`, async () => (await this.page.locator(`.tabs-container .tab[aria-label^="${name}"]`).count()) === 0, 10_000);
  }

  /** Whether the workbench shows the Restricted Mode indicator in the status bar. */
  async isRestrictedMode(): Promise<boolean> {
    return this.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().isVisible();
  }

  /**
   * Puts the cursor on a Problems-panel entry and opens the quick-fix menu (Ctrl+.), retrying while the
   * code-action providers are not ready. Returns the titles offered.
   */
  async openQuickFixMenu(problem: Problem, expectTitle: string): Promise<string[]> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    let titles: string[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      await this.goToPosition(problem.line, problem.column);
      await this.page.keyboard.press('Control+.');
      try {
        await rows.first().waitFor({ state: 'visible', timeout: 5_000 });
        titles = (await rows.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''))).filter(Boolean);
        if (titles.includes(expectTitle)) return titles;
      } catch {
        // "No code actions available" or a slow provider: close whatever is shown and try again.
      }
      await this.page.keyboard.press('Escape');
      await sleep(500 * (attempt + 1));
    }
    throw new Error(`quick-fix menu at ${problem.file}:${problem.line}:${problem.column} never offered "${expectTitle}"; it offered: ${JSON.stringify(titles)}`);
  }

  /**
   * Picks an entry of the open quick-fix menu by its exact title, with the keyboard: the menu lies under
   * a pointer-blocking layer, so clicks do not reach it.
   */
  async chooseQuickFix(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.action.focused');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const count = await rows.count();
    for (let step = 0; step <= count; step++) {
      if ((await focused.getAttribute('aria-label').catch(() => null)) === title) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`the quick-fix menu has no entry "${title}"`);
  }

  /** Waits for an input box (e.g. `showInputBox`), types `text` and presses Enter. Returns its prompt. */
  async answerInputBox(text: string): Promise<string> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible' });
    const prompt = await widget.innerText();
    // A file dialog may still be filling in its default value: type again until the box holds exactly `text`.
    for (let attempt = 0; attempt < 5; attempt++) {
      await input.fill(text);
      await sleep(300);
      if ((await input.inputValue()) === text) break;
    }
    await this.page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden' });
    return prompt;
  }

  /** Waits until the active editor's text satisfies `predicate`, and returns that text. */
  async waitForEditorText(what: string, predicate: (text: string) => boolean, timeoutMs = 10_000): Promise<string> {
    let last = '';
    try {
      return await waitFor(what, async () => {
        last = await this.editorText();
        return predicate(last) ? last : undefined;
      }, timeoutMs);
    } catch (err) {
      throw new Error(`${(err as Error).message}; editor text was:\n${last}`);
    }
  }

  /** Replaces the text of a 1-based line of the active editor (indentation kept) with `text`. */
  async replaceLine(line: number, text: string): Promise<void> {
    await this.goToPosition(line, 1);
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Shift+Home'); // selects back to the first non-blank character
    // Delete first: inserting over a selection lets the editor mis-deduce the change from the text area.
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  /** Saves the active editor (Ctrl+S) and waits until its tab no longer shows unsaved changes. */
  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
    await waitFor('the editor to be saved', async () => !(await this.page.locator('.tabs-container .tab.active.dirty').count()), 10_000);
  }

  /**
   * Saves a screenshot of the editor area (with any menu drawn over it) to `file`; with `until`, the
   * picture ends a little below that element instead of at the bottom of the editor area.
   */
  async screenshotEditorArea(file: string, until?: Locator): Promise<void> {
    const box = await this.page.locator('#workbench\\.parts\\.editor').boundingBox();
    if (!box) throw new Error('the editor area is not visible');
    const end = until ? await until.boundingBox() : null;
    const height = end ? Math.min(box.height, end.y + end.height + 24 - box.y) : box.height;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, clip: { ...box, height }, timeout: 10_000 });
  }

  /**
   * Saves a full-page screenshot to test/e2e/artifacts/<label>-<name>.png, and code-server's last output
   * next to it as .log; returns the screenshot's path.
   */
  async saveFailureArtifacts(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const base = path.join(ARTIFACTS_DIR, `${this.label}-${name.replace(/[^\w.-]+/g, '-').slice(0, 120)}`);
    fs.writeFileSync(`${base}.log`, this.serverLog.join(''));
    await this.page.screenshot({ path: `${base}.png`, timeout: 10_000 });
    return `${base}.png`;
  }

  /**
   * Lines of an output channel as written to the session's log folder; a log channel
   * (`createOutputChannel(name, { log: true })`) lands in `logs/<time>/exthost1/<extension id>/<name>.log`.
   */
  outputChannelLines(channel = 'Rampart'): string[] {
    const logs = path.join(this.userDataDir, 'logs');
    const files = listFiles(logs).filter((f) => path.basename(f).endsWith(`-${channel}.log`) || path.basename(f) === `${channel}.log`);
    return files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n')).filter((l) => l.length > 0);
  }

  /** Closes the browser, stops code-server and removes the temp folder; never throws, bounded in time. */
  async close(): Promise<void> {
    await withTimeout(this.browser.close(), 10_000).catch(() => undefined);
    await stopProcessGroup(this.server);
    if (this.server.pid !== undefined) live.delete(this.server.pid);
    fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Process groups and temp folders still alive, ended synchronously if the test process stops early. */
const live = new Map<number, string>();
function killLive(): void {
  for (const [pid, root] of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    fs.rmSync(root, { recursive: true, force: true });
  }
  live.clear();
}
process.once('exit', killLive);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    killLive();
    process.exit(code);
  });
}

/**
 * Registers mocha hooks for one session per describe block: start before its tests, screenshot after
 * each failed test, close after all. Returns a getter for the running session.
 */
export function useSession(options: SessionOptions | (() => SessionOptions) = {}): () => VsCodeSession {
  let session: VsCodeSession | undefined;
  before(async function () {
    this.timeout(INSTALL_TIMEOUT_MS + SERVER_START_TIMEOUT_MS + WORKBENCH_TIMEOUT_MS);
    session = await VsCodeSession.start(typeof options === 'function' ? options() : options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (!session || test?.state !== 'failed') return;
    const file = await session.saveFailureArtifacts(test.fullTitle()).catch((err: Error) => `(screenshot failed: ${err.message})`);
    console.log(`      screenshot of the failure: ${path.relative(REPO_ROOT, file)}`);
  });
  after(async function () {
    this.timeout(30_000);
    await session?.close();
    session = undefined;
  });
  return () => {
    if (!session) throw new Error('the VS Code session did not start (see the "before all" hook error)');
    return session;
  };
}

/** Polls the health endpoint until code-server answers; fails at once if it exits. */
async function waitForServer(url: string, server: ChildProcess, log: string[]): Promise<void> {
  let exited: number | null = null;
  server.once('exit', (code) => (exited = code ?? -1));
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`code-server exited with ${exited} before answering:\n${log.join('')}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(300);
  }
  throw new Error(`code-server did not answer on ${url} within ${SERVER_START_TIMEOUT_MS} ms:\n${log.join('')}`);
}

/** SIGTERM to the process group, SIGKILL after a grace period; resolves once the leader has exited. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const pid = child.pid;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // Group already gone.
    }
  };
  signal('SIGTERM');
  const timedOut = await withTimeout(exited, KILL_GRACE_MS).then(() => false, () => true);
  // Children (extension host, file watcher) may outlive the leader; the group kill reaches them too.
  signal('SIGKILL');
  if (timedOut) await withTimeout(exited, KILL_GRACE_MS).catch(() => undefined);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

