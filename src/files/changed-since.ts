import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';

/** How long computing the changed files may take before the scan gives up with an error. */
export const CHANGED_SINCE_TIMEOUT_MS = 60_000;

/** The files of the work tree that differ from a commit, or why they could not be listed. */
export type ChangedFiles = { ok: true; files: ReadonlySet<string> } | { ok: false; message: string };

/**
 * The files of the git work tree at `repoRoot` whose content differs from their version at `ref` — modified
 * since, added since, or not tracked and not ignored — as absolute paths. Deleted files are not listed (there is
 * nothing to scan). `ref` is a branch, tag or remote branch (`main`, `origin/main`, `v1.2.0`), `HEAD`, or a
 * commit id (abbreviated ones too).
 *
 * The repository is read with isomorphic-git, a JavaScript implementation: git itself is never run, so nothing
 * a hostile repository configures is executed — no hooks, `core.fsmonitor`, filter or diff drivers. Ignored
 * folders are not walked. Stops with an error after `timeoutMs`.
 */
export async function changedSince(repoRoot: string, ref: string, timeoutMs = CHANGED_SINCE_TIMEOUT_MS): Promise<ChangedFiles> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ChangedFiles>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: `listing the files changed since ${ref} took more than ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([list(repoRoot, ref), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function list(dir: string, ref: string): Promise<ChangedFiles> {
  const gitdir = path.join(dir, '.git');
  if (!fs.statSync(gitdir, { throwIfNoEntry: false })?.isDirectory()) {
    return { ok: false, message: `${dir} has no .git folder (a linked work tree or a submodule is not supported)` };
  }
  const oid = await commitOf(dir, gitdir, ref);
  if (!oid) return { ok: false, message: `no commit, branch or tag named "${ref}" in ${dir}` };
  const changed = new Set<string>();
  const cache = {};
  try {
    await git.walk({
      fs,
      dir,
      gitdir,
      cache,
      trees: [git.TREE({ ref: oid }), git.WORKDIR()],
      map: async (filepath, [before, now]) => {
        if (filepath === '.') return true;
        if (!now) return null;
        const type = await now.type();
        if (!before && (await git.isIgnored({ fs, dir, gitdir, filepath }))) return null;
        if (type === 'tree') return true;
        if (type !== 'blob') return null;
        if (!before || (await before.type()) !== 'blob' || (await before.oid()) !== (await now.oid())) changed.add(path.join(dir, ...filepath.split('/')));
        return null;
      },
    });
  } catch (e) {
    return { ok: false, message: `could not compare the work tree with ${ref}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { ok: true, files: changed };
}

/** The commit `ref` names: a ref git can expand (`main`, `origin/main`, `v1`, `HEAD`) or a commit id, full or abbreviated. */
async function commitOf(dir: string, gitdir: string, ref: string): Promise<string | null> {
  if (ref.startsWith('-') || /[\s\0~^:?*[\\]/.test(ref)) return null;
  try {
    return await git.resolveRef({ fs, dir, gitdir, ref });
  } catch {
    // Not a ref: maybe a commit id.
  }
  if (!/^[0-9a-f]{4,40}$/i.test(ref)) return null;
  try {
    const oid = await git.expandOid({ fs, dir, gitdir, oid: ref.toLowerCase() });
    await git.readCommit({ fs, dir, gitdir, oid });
    return oid;
  } catch {
    return null;
  }
}
