import type * as t from '@babel/types';
import { propertyName, staticValue, unwrap } from './ast';
import type { JsNode } from './parse';
import type { Binding, Scopes } from './scope';

/**
 * What an expression refers to: a module export path (`child_process` + `['exec']`), or a global when
 * `module` is null (`eval`, `Function`, `fetch`). `promisified` is set for `util.promisify(x)` results.
 */
export interface ResolvedRef {
  module: string | null;
  path: string[];
  promisified?: boolean;
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);

/** Resolves callees and other references to the import or global they come from. */
export class Resolver {
  constructor(private readonly scopes: Scopes) {}

  /**
   * Resolves an expression (identifier, member chain, `require('m')`) to its import or global, following
   * aliases (`const { exec } = cp`, `const run = cp.exec`, `promisify(exec)`). Null when it is local.
   */
  resolve(node: JsNode, chain: readonly JsNode[] = this.scopes.chainOf(node), depth = 0): ResolvedRef | null {
    if (depth > 20) return null;
    const n = unwrap(node);
    switch (n.type) {
      case 'Identifier': {
        const found = this.scopes.lookup(n.name, chain);
        if (!found) return GLOBAL_OBJECTS.has(n.name) ? { module: null, path: [] } : { module: null, path: [n.name] };
        return this.resolveBinding(found.binding, chain.slice(found.depth), depth + 1);
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const name = propertyName(n);
        if (name === null) return null;
        const base = this.resolve(n.object as JsNode, chain, depth + 1);
        return base ? { ...base, path: [...base.path, name] } : null;
      }
      case 'CallExpression': {
        const mod = requiredModule(n);
        if (mod !== null) return { module: mod, path: [] };
        // util.promisify(exec) keeps pointing at exec.
        const callee = this.resolve(n.callee as JsNode, chain, depth + 1);
        if (callee?.module === 'util' && callee.path.join('.') === 'promisify' && n.arguments[0]) {
          const inner = this.resolve(n.arguments[0] as JsNode, chain, depth + 1);
          return inner ? { ...inner, promisified: true } : null;
        }
        return null;
      }
      case 'AwaitExpression': {
        // `await import('m')`
        const arg = unwrap(n.argument as JsNode);
        if (arg.type === 'ImportExpression' || (arg.type === 'CallExpression' && arg.callee.type === 'Import')) {
          const source = arg.type === 'ImportExpression' ? arg.source : arg.arguments[0];
          const v = staticValue(source as JsNode);
          return v.known && typeof v.value === 'string' ? { module: normalizeModule(v.value), path: [] } : null;
        }
        return null;
      }
      default:
        return null;
    }
  }

  private resolveBinding(b: Binding, chain: readonly JsNode[], depth: number): ResolvedRef | null {
    if (b.kind === 'import') {
      const path = b.imported === '*' || b.imported === 'default' ? [] : [b.imported!];
      return { module: normalizeModule(b.module!), path };
    }
    if (b.kind !== 'var' || !b.init) return null;
    const base = this.resolve(b.init, chain, depth);
    return base ? { ...base, path: [...base.path, ...b.path] } : null;
  }

  /** True when `node` refers to `module` + `path` (module null for globals), e.g. ('child_process', ['exec']). */
  is(node: JsNode, module: string | null, ...path: string[]): boolean {
    const r = this.resolve(node);
    return !!r && r.module === module && r.path.length === path.length && r.path.every((p, i) => p === path[i]);
  }
}

/** `require('m')` -> 'm' (normalised), else null. */
export function requiredModule(node: t.Node): string | null {
  if (
    node.type === 'CallExpression' &&
    node.callee.type === 'Identifier' &&
    node.callee.name === 'require' &&
    node.arguments.length === 1 &&
    node.arguments[0].type === 'StringLiteral'
  ) {
    return normalizeModule(node.arguments[0].value);
  }
  return null;
}

/** Drops the `node:` prefix of built-in modules. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}
