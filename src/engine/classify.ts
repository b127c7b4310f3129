import type { LanguageId } from './types';

/** Which adapter reads a file, and in which dialect. */
export interface Classification {
  language: LanguageId;
  /** Adapter-specific flavour, e.g. `ts`, `tsx`, `js`, `jsx` for JavaScript, `vue`/`svelte` for components. */
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
  // Single-file components, read through their <script> blocks (src/languages/js/sfc.ts).
  '.vue': 'vue',
  '.svelte': 'svelte',
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
  '.sh': { language: 'text', dialect: 'shell' },
  '.bash': { language: 'text', dialect: 'shell' },
  '.zsh': { language: 'text', dialect: 'shell' },
  '.pip': { language: 'text', dialect: 'requirements' },
  '.toml': { language: 'toml', dialect: 'toml' },
  '.ipynb': { language: 'json', dialect: 'notebook' },
  // Read as text for secrets: configuration, markup and the source of languages without a parser here.
  '.ini': { language: 'text', dialect: 'ini' },
  '.cfg': { language: 'text', dialect: 'ini' },
  '.conf': { language: 'text', dialect: 'ini' },
  '.cnf': { language: 'text', dialect: 'ini' },
  '.properties': { language: 'text', dialect: 'ini' },
  '.xml': { language: 'text', dialect: 'xml' },
  '.config': { language: 'text', dialect: 'xml' },
  '.plist': { language: 'text', dialect: 'xml' },
  '.pem': { language: 'text', dialect: 'pem' },
  '.key': { language: 'text', dialect: 'pem' },
  '.p8': { language: 'text', dialect: 'pem' },
  '.ppk': { language: 'text', dialect: 'pem' },
  '.asc': { language: 'text', dialect: 'pem' },
  '.txt': { language: 'text', dialect: 'plain' },
  '.sql': { language: 'text', dialect: 'plain' },
  '.ps1': { language: 'text', dialect: 'powershell' },
  '.psm1': { language: 'text', dialect: 'powershell' },
  '.env': { language: 'text', dialect: 'env' },
  ...Object.fromEntries(
    ['.go', '.java', '.kt', '.kts', '.cs', '.rs', '.swift', '.php', '.scala', '.dart', '.groovy', '.gradle', '.c', '.h', '.cc', '.cpp', '.hpp', '.m', '.mm']
      .map((ext) => [ext, { language: 'text', dialect: 'c-like' }]),
  ),
  ...Object.fromEntries(['.rb', '.pl', '.pm', '.r', '.ex', '.exs', '.jl', '.lua'].map((ext) => [ext, { language: 'text', dialect: 'hash-comment' }])),
};

const BY_NAME: Record<string, Classification> = {
  dockerfile: { language: 'dockerfile', dialect: 'dockerfile' },
  containerfile: { language: 'dockerfile', dialect: 'dockerfile' },
  '.cursorrules': { language: 'text', dialect: 'rules' },
  '.windsurfrules': { language: 'text', dialect: 'rules' },
  '.clinerules': { language: 'text', dialect: 'rules' },
  'pyproject.toml': { language: 'toml', dialect: 'pyproject' },
  // kustomize's extension-less name for kustomization.yaml.
  kustomization: { language: 'yaml', dialect: 'yaml' },
  pipfile: { language: 'toml', dialect: 'pipfile' },
  'devcontainer.json': { language: 'json', dialect: 'jsonc' },
  '.devcontainer.json': { language: 'json', dialect: 'jsonc' },
  '.envrc': { language: 'text', dialect: 'env' },
  '.npmrc': { language: 'text', dialect: 'ini' },
  '.yarnrc': { language: 'text', dialect: 'ini' },
  '.pypirc': { language: 'text', dialect: 'ini' },
  'pip.conf': { language: 'text', dialect: 'ini' },
  '.netrc': { language: 'text', dialect: 'netrc' },
  _netrc: { language: 'text', dialect: 'netrc' },
  '.git-credentials': { language: 'text', dialect: 'plain' },
  gemfile: { language: 'text', dialect: 'hash-comment' },
  rakefile: { language: 'text', dialect: 'hash-comment' },
  id_rsa: { language: 'text', dialect: 'pem' },
  id_dsa: { language: 'text', dialect: 'pem' },
  id_ecdsa: { language: 'text', dialect: 'pem' },
  id_ed25519: { language: 'text', dialect: 'pem' },
};

const RAMPART_CONFIG = '.rampart.jsonc';
const ENV_FILE: Classification = { language: 'text', dialect: 'env' };
const LOCK_FILE = /(?:^|[.-])lock(?:\.json|\.ya?ml)?$|^go\.sum$|^npm-shrinkwrap\.json$/;
const REQUIREMENTS: Classification = { language: 'text', dialect: 'requirements' };
const COMPOSE_FILE = /^(?:docker-)?compose(?:[.\-_][^/\\]*)?\.ya?ml$/;
const REQUIREMENTS_FILE = /^(?:requirements.*|.*requirements|constraints.*)\.txt$/;
const CONFIG_JSONC = /^(?:ts|js)config.*\.json$/;
const SHELL_SHEBANG = /^#!.*\b(?:ba|z|da|k)?sh\b/;

/**
 * Decides which adapter reads a file: by file name, then extension, then (for files without a known
 * extension) by content — a `node`/`deno`/`bun` shebang makes a script JavaScript, a `python` one
 * Python, a `sh`/`bash`/`zsh` one a shell script. Some dialects depend on the folder: workflows under
 * `.github/workflows/`, JSONC settings under `.vscode/`, requirements files under `requirements/`.
 * `.d.ts` files (type declarations) and `.rampart.jsonc` (read by the config loader) are not analysed.
 * Returns null for files no adapter reads.
 * Pure: looks at the path (either separator) and the optional first bytes, never at the file system.
 */
export function classifyFile(path: string, head?: string): Classification | null {
  const segments = path.toLowerCase().split(/[\\/]/);
  const base = segments[segments.length - 1];
  const parent = segments[segments.length - 2] ?? '';
  const grandparent = segments[segments.length - 3] ?? '';
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return null;
  // Rampart's own configuration is read and validated by the config loader, not analysed as a JSONC file.
  if (base === RAMPART_CONFIG) return null;
  const named = BY_NAME[base];
  if (named) return named;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  // `dockerfile.js` is JavaScript (a Dockerfile parser, say); `Dockerfile.dev` is a Dockerfile.
  if (ext in JS_EXTENSIONS) return { language: 'js', dialect: JS_EXTENSIONS[ext] };
  if (base.endsWith('.dockerfile') || base.startsWith('dockerfile.')) {
    return { language: 'dockerfile', dialect: 'dockerfile' };
  }
  const byFolder = classifyByFolderOrPattern(base, ext, parent, grandparent);
  if (byFolder) return byFolder;
  // `.env`, `.env.local`, `.env.production`, `.env.example`, `prod.env`: dotenv files, read as text.
  if (base === '.env' || base.startsWith('.env.') || ext === '.env') return ENV_FILE;
  // Lock files are generated and full of hashes: nothing in them is hand-written.
  if (LOCK_FILE.test(base)) return null;
  if (ext in BY_EXTENSION) return BY_EXTENSION[ext];
  if (ext === '' && head !== undefined) return classifyByShebang(head);
  return null;
}

/** Dialects that depend on the folder or on a name pattern rather than on the extension alone. */
function classifyByFolderOrPattern(base: string, ext: string, parent: string, grandparent: string): Classification | null {
  if (ext === '.yml' || ext === '.yaml') {
    if (parent === 'workflows' && grandparent === '.github') return { language: 'yaml', dialect: 'github-workflow' };
    if (base === 'action.yml' || base === 'action.yaml') return { language: 'yaml', dialect: 'github-action' };
    if (COMPOSE_FILE.test(base)) return { language: 'yaml', dialect: 'compose' };
  }
  if (ext === '.json' && (parent === '.vscode' || CONFIG_JSONC.test(base))) return { language: 'json', dialect: 'jsonc' };
  if (ext === '.txt' && (parent === 'requirements' || REQUIREMENTS_FILE.test(base))) return REQUIREMENTS;
  return null;
}

/** Classifies an extension-less script by its `#!` line. */
function classifyByShebang(head: string): Classification | null {
  const firstLine = head.slice(0, head.indexOf('\n') >>> 0);
  if (/^#!.*\b(node|deno|bun|tsx|ts-node)\b/.test(firstLine)) return { language: 'js', dialect: 'js' };
  if (/^#!.*\bpython[0-9.]*\b/.test(firstLine)) return { language: 'python', dialect: 'python' };
  if (SHELL_SHEBANG.test(firstLine)) return { language: 'text', dialect: 'shell' };
  return null;
}
