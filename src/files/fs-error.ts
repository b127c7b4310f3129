/** A short, stack-free description of a file-system error, for messages to the user. */
export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  if (code === 'ENOTDIR') return 'a parent is not a folder';
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}
