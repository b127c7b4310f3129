import type { Range } from '../../engine/types';
import { lastName } from './ast';
import type { Constants } from './constants';
import type { NodeIndex } from './nodes';
import type { SyntaxNode } from './parse';
import type { Resolver } from './resolve';
import { EXIT_CALLS, PATH_NORMALIZERS } from './sanitizers';
import type { Scopes } from './scope';
import { refKey } from './sources';

/**
 * What a guard proves about a value: it is one of a constant allow-list (`x in ALLOWED`, `x == 'a'`),
 * it matches an anchored regular expression or is all digits, or (for paths) it resolves inside a base
 * directory (`realpath(p).startswith(base)`, `.resolve().is_relative_to(base)`, `commonpath`, `'..' in p`).
 */
export type GuardKind = 'allowlist' | 'regex' | 'containment';

/** A check that holds over a region of the code for the expression spelled `target`. */
export interface GuardFact {
  /** The guarded expression's text without whitespace (`cmd`, `request.args["x"]`). */
  target: string;
  kind: GuardKind;
  /** Where the check holds: `[start, end)` offsets. */
  region: Range;
  /** Where the check is made; assignments to the target after it void it. */
  at: number;
  /** The condition (or assert) making the check, for related locations. */
  node: SyntaxNode;
}

/** A conclusion of a condition: when it is true (`pos`) or false (`neg`), `target` passed the check. */
interface Conclusion {
  target: SyntaxNode;
  polarity: 'pos' | 'neg';
  kind: GuardKind;
}

/** A guard node with the text of its condition, as written and without whitespace. */
interface Candidate {
  node: SyntaxNode;
  text: string;
  flat: string;
}

/** The kinds of node whose conditions guard a region. */
const GUARD_NODES = ['if_statement', 'elif_clause', 'assert_statement', 'conditional_expression', 'boolean_operator'];
/** Conditions that can prove something mention one of these (a cheap filter before analysing them). */
const MAY_GUARD = /\bin\b|==|!=|match|search|\.is[a-z]+\(|startswith|is_relative_to|commonpath/;
/** A name or attribute chain as written in a condition. */
const NAME_TOKENS = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g;
const DOTTED_NAME = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;
/** Methods whose call on a value checks it (`x.isdigit()`, `p.resolve().is_relative_to(b)`). */
const CHECK_METHOD = /^(?:is[a-z_]*|startswith|resolve|absolute)$/;
const DIGIT_CHECKS = new Set(['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier']);

/**
 * The guards of a file, collected on first use in one pass: `if x not in ALLOWED: return|raise|abort()`,
 * `if x in ALLOWED:` (its body), `assert re.fullmatch(P, x)`, `y if x in A else d`, `x in A and …`, and
 * path containment checks. Mirrors what `js/guards.ts` offers rules, applied inside the value flow.
 */
export class Guards {
  /** The guard nodes of the file with the text of their condition, collected once. */
  private candidates: Candidate[] | null = null;
  /** Facts by target text, computed on demand from the candidates that mention the target. */
  private readonly facts = new Map<string, GuardFact[]>();
  private names: Map<string, Candidate[]> | null = null;
  /** The facts about each node asked about, by node id (those of its text, see {@link guardText}). */
  private readonly factsAt = new Map<number, readonly GuardFact[]>();

  constructor(
    private readonly nodes: NodeIndex,
    private readonly scopes: Scopes,
    private readonly resolver: Resolver,
    private readonly constants: Constants,
  ) {}

  /** The guard facts for an expression text (without whitespace). */
  factsFor(target: string): readonly GuardFact[] {
    let list = this.facts.get(target);
    if (list) return list;
    list = [];
    this.facts.set(target, list);
    const simple = DOTTED_NAME.test(target);
    const candidates = simple ? (this.byName().get(target) ?? []) : this.guardNodes().filter((c) => c.flat.includes(target));
    for (const { node } of candidates) this.analyse(node, target, list);
    return list;
  }

  /**
   * The candidates by the dotted names their condition mentions as a whole (`cmd` for `cmd in A`, not
   * for `cmd_list` or `x.cmd`); a name followed by a check method (`x.isdigit()`) counts for `x` too.
   */
  private byName(): Map<string, Candidate[]> {
    if (this.names) return this.names;
    const names = new Map<string, Candidate[]>();
    this.names = names;
    for (const c of this.guardNodes()) {
      const seen = new Set<string>();
      for (const m of c.text.matchAll(NAME_TOKENS)) {
        if (m.index > 0 && c.text[m.index - 1] === '.') continue;
        const parts = m[0].split('.');
        for (let i = 1; i <= parts.length; i++) {
          // `a.b.isdigit()` guards `a.b`; `a.b in X` guards `a.b` only.
          if (i < parts.length && !CHECK_METHOD.test(parts[i])) continue;
          const name = parts.slice(0, i).join('.');
          if (seen.has(name)) continue;
          seen.add(name);
          const list = names.get(name);
          if (list) list.push(c);
          else names.set(name, [c]);
        }
      }
    }
    return names;
  }

  /** Whether the file has no condition that could guard anything (a fast path for the flow). */
  get empty(): boolean {
    return this.guardNodes().length === 0;
  }

  /**
   * The guard that protects `node` with one of `kinds`, made after `after` (the last assignment of the
   * guarded name before the use), or null.
   */
  protecting(node: SyntaxNode, kinds: ReadonlySet<GuardKind>, after: number): GuardFact | null {
    if (this.empty || node.endIndex - node.startIndex > 200) return null;
    let facts = this.factsAt.get(node.id);
    if (!facts) this.factsAt.set(node.id, (facts = this.factsFor(guardText(node))));
    for (const fact of facts) {
      if (!kinds.has(fact.kind) || fact.at < after) continue;
      if (node.startIndex >= fact.region[0] && node.endIndex <= fact.region[1]) return fact;
    }
    return null;
  }

  private guardNodes(): Candidate[] {
    if (this.candidates) return this.candidates;
    this.candidates = [];
    for (const n of this.nodes.ofType(GUARD_NODES)) {
      if (!n) continue;
      const cond =
        n.type === 'if_statement' || n.type === 'elif_clause'
          ? n.childForFieldName('condition')
          : n.type === 'assert_statement'
            ? n.namedChildren[0]
            : n.type === 'boolean_operator'
              ? n.childForFieldName('left')
              : n.namedChildren.filter((c) => c && c.type !== 'comment')[1];
      if (!cond || cond.endIndex - cond.startIndex > 2000) continue;
      const text = cond.text;
      if (MAY_GUARD.test(text)) this.candidates.push({ node: n, text, flat: text.replace(/\s+/g, '') });
    }
    return this.candidates;
  }

  /** Adds the facts a guard node establishes about `target` to `out`. */
  private analyse(n: SyntaxNode, target: string, out: GuardFact[]): void {
    const add = (c: Conclusion, region: Range | null) => {
      if (region && guardText(c.target) === target) out.push({ target, kind: c.kind, region, at: n.startIndex, node: n });
    };
    switch (n.type) {
      case 'if_statement':
      case 'elif_clause': {
        const conclusions = this.conclusions(n.childForFieldName('condition'));
        if (conclusions.length === 0) return;
        const consequence = n.childForFieldName('consequence');
        const alternatives = n.type === 'if_statement' ? n.childrenForFieldName('alternative').filter((a): a is SyntaxNode => !!a) : [];
        for (const c of conclusions) {
          if (c.polarity === 'pos') add(c, rangeOf(consequence));
          else {
            for (const alt of alternatives) add(c, rangeOf(alt));
            if (n.type === 'if_statement' && consequence && exits(consequence)) add(c, restOfBlock(n));
          }
        }
        return;
      }
      case 'assert_statement':
        for (const c of this.conclusions(n.namedChildren[0])) if (c.polarity === 'pos') add(c, restOfBlock(n));
        return;
      case 'conditional_expression': {
        const [consequence, condition, alternative] = n.namedChildren.filter((c) => c && c.type !== 'comment');
        for (const c of this.conclusions(condition)) add(c, rangeOf(c.polarity === 'pos' ? consequence : alternative));
        return;
      }
      case 'boolean_operator': {
        const op = n.childForFieldName('operator')?.text;
        const right = n.childForFieldName('right');
        for (const c of this.conclusions(n.childForFieldName('left'))) {
          if ((op === 'and' && c.polarity === 'pos') || (op === 'or' && c.polarity === 'neg')) add(c, rangeOf(right));
        }
        return;
      }
      default:
        return;
    }
  }

  /** What a condition proves when true or false. */
  conclusions(cond: SyntaxNode | null | undefined, depth = 0): Conclusion[] {
    if (!cond || depth > 8) return [];
    switch (cond.type) {
      case 'parenthesized_expression':
        return this.conclusions(cond.namedChildren[0], depth + 1);
      case 'not_operator':
        return this.conclusions(cond.childForFieldName('argument'), depth + 1).map((c) => ({ ...c, polarity: c.polarity === 'pos' ? 'neg' : 'pos' }));
      case 'boolean_operator': {
        // `a and b` true: both hold; `a or b` false: neither holds.
        const keep = cond.childForFieldName('operator')?.text === 'and' ? 'pos' : 'neg';
        const both = [...this.conclusions(cond.childForFieldName('left'), depth + 1), ...this.conclusions(cond.childForFieldName('right'), depth + 1)];
        return both.filter((c) => c.polarity === keep);
      }
      case 'comparison_operator':
        return this.comparison(cond);
      case 'call':
        return this.callCheck(cond);
      default:
        return [];
    }
  }

  private comparison(cond: SyntaxNode): Conclusion[] {
    const operands = cond.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    if (operands.length !== 2) return [];
    const operators = cond.children.filter((c) => c && !c.isNamed).map((c) => c!.type).join(' ');
    const [left, right] = operands;
    switch (operators) {
      case 'in':
      case 'not in': {
        const polarity = operators === 'in' ? 'pos' : 'neg';
        if (this.constantCollection(right) && !this.constants.isConstant(left)) return [{ target: left, polarity, kind: 'allowlist' }];
        // `'..' in p`: true means the path may leave its directory.
        if (this.constants.constant(left)?.value === '..') return [{ target: right, polarity: polarity === 'pos' ? 'neg' : 'pos', kind: 'containment' }];
        return [];
      }
      case '==':
      case '!=': {
        const polarity = operators === '==' ? 'pos' : 'neg';
        const containment = this.commonpath(left, right) ?? this.commonpath(right, left);
        if (containment) return [{ target: containment, polarity, kind: 'containment' }];
        if (this.constants.isConstant(right) && !this.constants.isConstant(left)) return [{ target: left, polarity, kind: 'allowlist' }];
        if (this.constants.isConstant(left) && !this.constants.isConstant(right)) return [{ target: right, polarity, kind: 'allowlist' }];
        return [];
      }
      default:
        return [];
    }
  }

  /** A literal or constant tuple/list/set/dict (or its `.keys()`), or a name bound once to one. */
  private constantCollection(node: SyntaxNode): boolean {
    let n: SyntaxNode | null = node;
    if (n.type === 'call' && /^(?:keys|values)$/.test(lastName(n.childForFieldName('function')) ?? '')) {
      n = n.childForFieldName('function')?.childForFieldName('object') ?? null;
    }
    if (!n) return false;
    if (this.constants.isConstant(n)) return true;
    const value = n.type === 'identifier' ? this.singleValue(n) : n.type === 'attribute' ? this.classValue(n) : n;
    return !!value && isCollectionLiteral(value) && value.namedChildren.every((c) => !c || c.type === 'comment' || this.constantElement(c));
  }

  private constantElement(c: SyntaxNode): boolean {
    if (c.type === 'pair') {
      const key = c.childForFieldName('key');
      return !!key && this.constants.isConstant(key);
    }
    return this.constants.isConstant(c);
  }

  /** The value a name is bound to once (an assignment), else null. */
  private singleValue(id: SyntaxNode): SyntaxNode | null {
    const found = this.scopes.lookupNode(id);
    const site = found?.sites.length === 1 ? found.sites[0] : null;
    if (!site || site.kind !== 'assign' || site.unpack.length > 0 || !site.value) return null;
    const v = site.value;
    // `frozenset({...})`, `set([...])`, `tuple(...)`.
    if (v.type === 'call' && /^(?:frozenset|set|tuple|list|dict)$/.test(v.childForFieldName('function')?.text ?? '')) {
      const arg = v.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      return arg ?? null;
    }
    return v;
  }

  private classValue(attr: SyntaxNode): SyntaxNode | null {
    const object = attr.childForFieldName('object');
    const name = attr.childForFieldName('attribute')?.text;
    const cls = object && name ? this.resolver.classOf(object) : null;
    return cls ? this.resolver.classAttributeValue(cls, name!) : null;
  }

  /** `os.path.commonpath([base, p]) == base`: the path that is checked, else null. */
  private commonpath(call: SyntaxNode, other: SyntaxNode): SyntaxNode | null {
    if (call.type !== 'call') return null;
    const ref = this.resolver.resolve(call.childForFieldName('function')!);
    if (!ref || !/^(?:os:path\.commonpath|os\.path:commonpath|posixpath:commonpath)$/.test(refKey(ref))) return null;
    const list = call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
    const items = list?.type === 'list' || list?.type === 'tuple' ? list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [];
    const otherText = guardText(other);
    const checked = items.filter((i) => guardText(i) !== otherText);
    return checked.length === 1 ? this.normalizedTarget(checked[0]) : null;
  }

  private callCheck(call: SyntaxNode): Conclusion[] {
    const fn = call.childForFieldName('function');
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') ?? [];
    if (!fn) return [];
    const ref = this.resolver.resolve(fn);
    const key = ref ? refKey(ref) : '';
    // re.fullmatch(P, x), re.match(r'^…$', x), re.search(r'^…$', x)
    if (/^re:(?:fullmatch|match|search)$/.test(key) && args.length >= 2) {
      return this.anchored(args[0], key.endsWith('fullmatch'), key.endsWith('search')) ? [{ target: args[1], polarity: 'pos', kind: 'regex' }] : [];
    }
    if (fn.type !== 'attribute') return [];
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object')!;
    // PATTERN.fullmatch(x) with PATTERN = re.compile(P)
    if (/^re:compile\.\(\)\.(?:fullmatch|match|search)$/.test(key) && args.length >= 1) {
      const compiled = object.type === 'identifier' ? this.singleValue(object) : object.type === 'call' ? object : null;
      const pattern = compiled?.type === 'call' ? compiled.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment') : null;
      return pattern && this.anchored(pattern, method === 'fullmatch', method === 'search') ? [{ target: args[0], polarity: 'pos', kind: 'regex' }] : [];
    }
    if (DIGIT_CHECKS.has(method) && args.length === 0) return [{ target: object, polarity: 'pos', kind: 'regex' }];
    if ((method === 'startswith' || method === 'is_relative_to') && args.length >= 1) {
      const target = this.normalizedTarget(object);
      return target ? [{ target, polarity: 'pos', kind: 'containment' }] : [];
    }
    return [];
  }

  /** A constant pattern that must match the whole value. */
  private anchored(pattern: SyntaxNode, full: boolean, search: boolean): boolean {
    const v = this.constants.constant(pattern)?.value;
    if (typeof v !== 'string') return false;
    const end = /(?:\$|\\Z|\\z)$/.test(v) && !/\\\$$/.test(v);
    if (full) return true;
    return end && (!search || v.startsWith('^') || v.startsWith('\\A'));
  }

  /**
   * The path a prefix check vouches for: `p` of `realpath(p).startswith(b)` or `Path(p).resolve().is_relative_to(b)`,
   * or `p` itself when it is bound once to such a normalised path. Null for an unnormalised path, whose
   * `..` segments a prefix check does not catch.
   */
  private normalizedTarget(node: SyntaxNode): SyntaxNode | null {
    if (this.normalizing(node)) return firstArgumentOrReceiver(node);
    if (node.type === 'identifier') {
      const value = this.singleValue(node);
      return value && this.normalizing(value) ? node : null;
    }
    return null;
  }

  /** `os.path.realpath(x)`, `abspath`, `normpath`, `Path(x).resolve()`, `x.resolve()`. */
  private normalizing(node: SyntaxNode): boolean {
    if (node.type !== 'call') return false;
    const fn = node.childForFieldName('function');
    if (!fn) return false;
    const ref = this.resolver.resolve(fn);
    if (ref && PATH_NORMALIZERS.has(refKey(ref))) return true;
    return fn.type === 'attribute' && (fn.childForFieldName('attribute')?.text === 'resolve' || fn.childForFieldName('attribute')?.text === 'absolute');
  }
}

/** `x` of `realpath(x)` or of `Path(x).resolve()`; the receiver of `x.resolve()`. */
function firstArgumentOrReceiver(call: SyntaxNode): SyntaxNode | null {
  const fn = call.childForFieldName('function')!;
  if (fn.type === 'attribute' && /^(?:resolve|absolute)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object')!;
    if (object.type === 'call') {
      const inner = object.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      const ctor = lastName(object.childForFieldName('function'));
      return ctor && /Path$/.test(ctor) && inner ? inner : object;
    }
    return object;
  }
  return call.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}

/** Whether a block ends the branch: its last statement returns, raises, continues, breaks or calls `abort()`/`sys.exit()`. */
export function exits(block: SyntaxNode): boolean {
  const statements = block.namedChildren.filter((c) => c && c.type !== 'comment');
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (/^(?:return_statement|raise_statement|continue_statement|break_statement)$/.test(last.type)) return true;
  if (last.type === 'expression_statement') {
    const call = last.namedChildren[0];
    return call?.type === 'call' && EXIT_CALLS.has(lastName(call.childForFieldName('function')) ?? '');
  }
  return false;
}

/** From the end of a statement to the end of the block holding it. */
function restOfBlock(statement: SyntaxNode): Range | null {
  const block = statement.parent;
  return block ? [statement.endIndex, block.endIndex] : null;
}

function rangeOf(node: SyntaxNode | null | undefined): Range | null {
  return node ? [node.startIndex, node.endIndex] : null;
}

function isCollectionLiteral(node: SyntaxNode): boolean {
  return /^(?:tuple|list|set|dictionary)$/.test(node.type);
}

/** The text of an expression without whitespace, to compare a checked expression with a used one. */
export function guardText(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}
