import type { Range } from '../../engine/types';
import { staticValue, unwrap } from './ast';
import { Flow, type FlowOptions, type Taint, type TaintKind } from './flow';
import type { JsNode, JsParsedFile } from './parse';
import { Resolver, type ResolvedRef } from './resolve';
import { Scopes } from './scope';

/**
 * Helpers the JS/TS adapter gives rules as `context.lang`: import resolution and value
 * flow. Everything is computed lazily, on the nodes a rule asks about.
 */
export class JsHelpers {
  readonly scopes = new Scopes(() => this.parsed.nodes ?? null);
  readonly resolver = new Resolver(this.scopes);
  readonly flow: Flow;

  constructor(
    readonly parsed: JsParsedFile,
    /** The analysed text (absent when a test builds helpers from a tree alone). */
    readonly source = '',
  ) {
    this.flow = new Flow(parsed.root.program as JsNode, this.scopes, this.resolver, () => parsed.nodes ?? null);
  }

  /** `[start, end)` UTF-16 offsets of a node, ready for `context.report`. */
  range(node: JsNode): Range {
    return [node.start!, node.end!];
  }

  /** The source text of a node, on one line (for messages and flow steps). */
  describe(node: JsNode): string {
    return this.source.slice(node.start!, node.end!).split('\n')[0];
  }

  private readonly resolved = new Map<JsNode, ResolvedRef | null>();

  /**
   * The import or global an expression refers to (see {@link Resolver.resolve}). Memoised per node:
   * many rules ask about the same callees. The result is shared; do not modify it.
   */
  resolve(node: JsNode): ResolvedRef | null {
    let ref = this.resolved.get(node);
    if (ref === undefined) {
      ref = this.resolver.resolve(node);
      this.resolved.set(node, ref);
    }
    return ref;
  }

  /** The untrusted source `node` is built from, if any (see {@link Flow.taint} and {@link FlowOptions}). */
  taint(node: JsNode, kindsOrOptions?: ReadonlySet<TaintKind> | FlowOptions): Taint | null {
    return this.flow.taint(node, kindsOrOptions);
  }

  /** Whether `node` is a value known at analysis time, following `const` bindings. */
  isConstant(node: JsNode): boolean {
    return this.flow.isConstant(node);
  }

  /**
   * What an expression stands for when names are followed through declarations that are never
   * reassigned (`const KEY = 'x'; … KEY`): the defining expression, unwrapped. A non-identifier comes back
   * unwrapped; a parameter, an import or a reassigned variable gives null.
   */
  definition(node: JsNode | null | undefined): JsNode | null {
    let n = node ? unwrap(node) : null;
    for (let i = 0; n && n.type === 'Identifier' && i < 20; i++) {
      const init = this.constantInit(n);
      n = init ? unwrap(init) : null;
    }
    return n && n.type !== 'Identifier' ? n : null;
  }

  /** The initialiser of a plain `const`/`let`/`var` name that is never reassigned, one level, else null. */
  constantInit(id: JsNode): JsNode | null {
    if (id.type !== 'Identifier') return null;
    const b = this.scopes.lookup(id.name, this.scopes.chainOf(id))?.binding;
    if (!b || b.kind !== 'var' || !b.init || b.path.length > 0) return null;
    return this.scopes.info(b.scope).assignments.has(id.name) ? null : b.init;
  }

  /** The string an expression is known to hold, following constant declarations (see {@link definition}). */
  constantString(node: JsNode | null | undefined): string | null {
    const v = staticValue(this.definition(node));
    return v.known && typeof v.value === 'string' ? v.value : null;
  }
}
