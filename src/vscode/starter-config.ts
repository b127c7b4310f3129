import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The starter `.rampart.jsonc` that the walkthrough's "Create a team configuration" step and the first
 * suppression written to a workspace without one create: every top-level key, explained in comments.
 * Kept free of `vscode` imports so plain mocha tests check that it is a valid configuration.
 */
export const STARTER_CONFIG = `// Rampart team configuration. Commit this file: the editor and the CLI in CI read the same settings.
// VS Code completes and checks it (JSON schema); nothing in it is ever executed.
{
  // Presets: "rampart:recommended" (the default) or "rampart:all".
  "extends": "rampart:recommended",

  // Per rule: "off", "info", "warning" or "error", e.g. "js/no-shell-injection": "error".
  "rules": {},

  // gitignore-style patterns of files not to scan, relative to this file, e.g. "test/fixtures/**".
  "ignore": [],

  // Findings the team accepts, each with a reason (and optionally an expiry date), e.g.
  // { "rule": "js/no-disabled-tls", "path": "test/**", "reason": "local test server only", "expires": "2026-12-31" }
  // For JSON files, "Suppress for this line" adds an entry keyed by the JSON path of the finding.
  "suppressions": [],

  // Packages the team trusts (never looked up, never reported), e.g. { "name": "@acme/*", "reason": "our private scope" }.
  "packages": {
    "allow": []
  }
}
`;

/** Creates `file` with `text` unless something exists at that name (also a link); returns whether it did. */
export function createExclusive(file: string, text: string): boolean {
  if (lexists(file)) return false;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  fs.writeFileSync(temp, text, { flag: 'wx' });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links: an exclusive create, then the text.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw e;
    fs.writeFileSync(file, text, { flag: 'wx' });
    return true;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function lexists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
