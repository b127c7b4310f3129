import type * as t from '@babel/types';
import type { JsNode, JsParsedFile } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';
import builtins from './data/node-builtins.json';
import { isValidName } from './names';

/** Why an import specifier names no npm package to look up. */
export type SpecifierSkipReason =
  /** A Node built-in (`fs`, `node:fs`, `node:test`) or a `bun:` module. */
  | 'builtin'
  /** `./x`, `../x`, `.`, `..`. */
  | 'relative'
  /** `/abs/x`, `C:\x`, `\\server\x`. */
  | 'absolute'
  /** `https://…`, `data:…`, `file:…`, `jsr:…` and other schemes. */
  | 'url'
  /** A package.json `imports` subpath: `#internal/x`. */
  | 'subpath-import'
  /** Matches a tsconfig `paths` pattern. */
  | 'tsconfig-path'
  /** A package of this workspace or monorepo. */
  | 'workspace'
  /** A bundler virtual module: `virtual:…`, or a Rollup `\0` id. */
  | 'virtual'
  /** Not a valid npm package name (empty, `@/x`, spaces, loader syntax…). */
  | 'invalid';

/** The npm package a specifier imports, or why there is none to look up. */
export type SpecifierResult = { name: string } | { skip: SpecifierSkipReason };

/** What the project configures that changes how specifiers resolve. */
export interface SpecifierOptions {
  /**
   * tsconfig `compilerOptions.paths` (its keys are used), or just the patterns: `@/*`, `~/*`, `@app/core`.
   * A pattern has at most one `*`, which matches any text, slashes included.
   */
  tsconfigPaths?: Readonly<Record<string, unknown>> | readonly string[];
  /** Names of the packages in this workspace (monorepo members, and the package itself for self-imports). */
  workspacePackages?: ReadonlySet<string> | readonly string[];
}

const BUILTINS: ReadonlySet<string> = new Set(builtins.modules);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const MAX_LENGTH = 1000;

/**
 * The npm package of a bare import specifier: `lodash/fp` → `lodash`, `@scope/pkg/sub` → `@scope/pkg`,
 * Deno's `npm:pkg@1/sub` → `pkg`. Built-ins follow Node's rule: `fs` and `fs/promises` are built in, but
 * `punycode/` (trailing slash) and `fs/x` resolve from node_modules. Never throws.
 */
export function packageOfSpecifier(specifier: string, options: SpecifierOptions = {}): SpecifierResult {
  if (typeof specifier !== 'string' || specifier.length === 0 || specifier.length > MAX_LENGTH) return { skip: 'invalid' };
  if (specifier.startsWith('\0') || specifier.startsWith('virtual:')) return { skip: 'virtual' };
  if (specifier.startsWith('#')) return { skip: 'subpath-import' };
  if (/^\.\.?(?:[/\\]|$)/.test(specifier)) return { skip: 'relative' };
  if (/^(?:[/\\]|[a-z]:[/\\])/i.test(specifier)) return { skip: 'absolute' };
  if (matchesPath(specifier, options.tsconfigPaths)) return { skip: 'tsconfig-path' };
  const scheme = SCHEME.exec(specifier)?.[1].toLowerCase();
  if (scheme === 'node' || scheme === 'bun') return { skip: 'builtin' };
  if (scheme === 'npm') return packageOfBare(specifier.slice(4).replace(/^\//, '').replace(/^(@?[^@]+)@[^/]*/, '$1'), options);
  if (scheme) return { skip: 'url' };
  if (BUILTINS.has(specifier)) return { skip: 'builtin' };
  return packageOfBare(specifier.replace(/[?#].*$/s, ''), options);
}

function packageOfBare(specifier: string, options: SpecifierOptions): SpecifierResult {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (!isValidName('npm', name)) return { skip: 'invalid' };
  if (includes(options.workspacePackages, name)) return { skip: 'workspace' };
  return { name };
}

/** Whether a specifier matches one of the tsconfig `paths` patterns (TypeScript's prefix/suffix rule). */
export function matchesPath(specifier: string, paths: SpecifierOptions['tsconfigPaths']): boolean {
  if (!paths) return false;
  const patterns = Array.isArray(paths) ? (paths as readonly string[]) : Object.keys(paths);
  return patterns.some((pattern) => {
    if (typeof pattern !== 'string') return false;
    const star = pattern.indexOf('*');
    if (star < 0) return specifier === pattern;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    return specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
  });
}

function includes(list: ReadonlySet<string> | readonly string[] | undefined, name: string): boolean {
  if (!list) return false;
  return Array.isArray(list) ? list.includes(name) : (list as ReadonlySet<string>).has(name);
}

/** How a module specifier appears in code. */
export type ImportKind = 'import' | 'export' | 'require' | 'dynamic-import' | 'import-equals' | 'import-type';

/** A constant module specifier in JS/TS code. */
export interface ImportedSpecifier {
  /** The specifier's value (escape sequences decoded). */
  specifier: string;
  /**
   * `[start, end)` UTF-16 offsets of the string's content, without quotes. `text.slice(start, end)`
   * equals `specifier` unless the source spells it with escape sequences.
   */
  range: [number, number];
  kind: ImportKind;
  /** `import type`/`export type`, and TypeScript `import('x')` types: erased from the emitted JavaScript. */
  typeOnly: boolean;
}

/**
 * Every constant module specifier of a parsed JS/TS file, in source order: `import … from 'x'`,
 * `import 'x'`, `export … from 'x'`, `require('x')`, `import('x')` with a constant string or
 * substitution-free template, TypeScript `import x = require('x')` and `typeof import('x')`.
 */
export function importedSpecifiers(parsed: JsParsedFile): ImportedSpecifier[] {
  const found: ImportedSpecifier[] = [];
  const add = (node: t.Node | undefined | null, kind: ImportKind, typeOnly = false) => {
    // Babel wraps the argument of a TypeScript `import('x')` type in a literal type.
    const source = node?.type === 'TSLiteralType' ? node.literal : node;
    const value = constantString(source);
    if (source && value !== null) found.push({ specifier: value, range: [source.start! + 1, source.end! - 1], kind, typeOnly });
  };
  const visit = (node: JsNode) => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node.source, 'import', node.importKind === 'type' || node.importKind === 'typeof');
        break;
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        add(node.source, 'export', node.exportKind === 'type');
        break;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          add(node.moduleReference.expression, 'import-equals', node.importKind === 'type');
        }
        break;
      case 'TSImportType':
        add(node.argument, 'import-type', true);
        break;
      case 'ImportExpression':
        add(node.source, 'dynamic-import');
        break;
      case 'CallExpression':
        if (node.callee.type === 'Import') add(node.arguments[0], 'dynamic-import');
        else if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          add(node.arguments[0], 'require');
        }
        break;
    }
  };
  // The traversal's node list, when it ran, spares a walk of the whole tree.
  if (parsed.nodes) for (const node of parsed.nodes) visit(node);
  else walkJs(parsed.root as JsNode, visit);
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/** The value of a string literal or a template literal without substitutions, else null. */
function constantString(node: t.Node | undefined | null): string | null {
  if (!node || node.start == null || node.end == null) return null;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? null;
  return null;
}
