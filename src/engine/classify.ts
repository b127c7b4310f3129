import type { LanguageId } from './types';

/** Which adapter reads a file, and in which dialect. */
export interface Classification {
  language: LanguageId;
  /** Adapter-specific flavour, e.g. `ts`, `tsx`, `js`, `jsx` for JavaScript. */
  dialect: string;
}

const JS_EXTENSIONS: Record<string, string> = {
  '.js': 'jsx',
  '.cjs': 'js',
  '.mjs': 'jsx',
  '.jsx': 'jsx',
  '.ts': 'ts',
  '.cts': 'ts',
  '.mts': 'ts',
  '.tsx': 'tsx',
};

const BY_EXTENSION: Record<string, Classification> = {
  '.py': { language: 'python', dialect: 'python' },
  '.pyi': { language: 'python', dialect: 'python' },
  '.tf': { language: 'terraform', dialect: 'terraform' },
  '.tfvars': { language: 'terraform', dialect: 'tfvars' },
  '.yaml': { language: 'yaml', dialect: 'yaml' },
  '.yml': { language: 'yaml', dialect: 'yaml' },
  '.json': { language: 'json', dialect: 'json' },
  '.jsonc': { language: 'json', dialect: 'jsonc' },
  '.md': { language: 'text', dialect: 'markdown' },
  '.mdc': { language: 'text', dialect: 'markdown' },
};

const BY_NAME: Record<string, Classification> = {
  dockerfile: { language: 'dockerfile', dialect: 'dockerfile' },
  containerfile: { language: 'dockerfile', dialect: 'dockerfile' },
  '.cursorrules': { language: 'text', dialect: 'rules' },
  '.windsurfrules': { language: 'text', dialect: 'rules' },
  '.clinerules': { language: 'text', dialect: 'rules' },
};

/**
 * Decides which adapter reads a file: by file name, then extension, then (for files without a known
 * extension) by content — a `node`/`deno`/`bun` shebang makes a script JavaScript. `.d.ts` files are
 * type declarations and are not analysed. Returns null for files no adapter reads.
 */
export function classifyFile(path: string, head?: string): Classification | null {
  const base = baseName(path).toLowerCase();
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return null;
  const named = BY_NAME[base];
  if (named) return named;
  if (base.endsWith('.dockerfile') || base.startsWith('dockerfile.')) {
    return { language: 'dockerfile', dialect: 'dockerfile' };
  }
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  if (ext in JS_EXTENSIONS) return { language: 'js', dialect: JS_EXTENSIONS[ext] };
  if (ext in BY_EXTENSION) return BY_EXTENSION[ext];
  if (ext === '' && head !== undefined) {
    const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
    if (/^#!.*\b(node|deno|bun|tsx|ts-node)\b/.test(firstLine)) return { language: 'js', dialect: 'js' };
    if (/^#!.*\bpython[0-9.]*\b/.test(firstLine)) return { language: 'python', dialect: 'python' };
  }
  return null;
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}
