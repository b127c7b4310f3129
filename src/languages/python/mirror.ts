import type { Language, Tree, TreeCursor } from '@vscode/tree-sitter-wasm';
import { wasmModule } from '../tree-sitter/runtime';

/**
 * A node of the JavaScript copy of a tree-sitter syntax tree (see {@link mirrorTree}). It has the names
 * and meaning of the tree-sitter `Node` members the analyses use — `type`, `text`, UTF-16 `startIndex` and
 * `endIndex`, `parent`, `children`, `childForFieldName`, `descendantsOfType`… — but reads them from
 * JavaScript arrays instead of calling into WASM. A node object is made the first time the node is asked
 * for and then kept, so each node has one object: `===` works as well as `equals`. `id` is the node's
 * position in a pre-order walk, unique within its tree. Nodes stay valid after the WASM tree is deleted.
 */
export class MirrorNode {
  /** Children, collected on first use. */
  private kids: readonly MirrorNode[] | undefined = undefined;
  /** Named children, collected on first use. */
  private namedKids: readonly MirrorNode[] | undefined = undefined;
  /** The source text, sliced on first use (rules ask for the same names again and again). */
  private source: string | undefined = undefined;

  constructor(
    /** The tree this node belongs to. */
    readonly tree: MirrorTree,
    /** Pre-order index in the tree: unique within the tree and stable (`tree.node(id) === this`). */
    readonly id: number,
  ) {}

  /** The node kind (`call`, `identifier`, `(`, `ERROR`…), as tree-sitter names it. */
  get type(): string {
    return this.tree.names[this.tree.kinds[this.id]];
  }

  /** UTF-16 offset of the first code unit. */
  get startIndex(): number {
    return this.tree.starts[this.id];
  }

  /** UTF-16 offset past the last code unit. */
  get endIndex(): number {
    return this.tree.ends[this.id];
  }

  /** The source text of the node (a slice of the parsed text, made on first access and kept). */
  get text(): string {
    if (this.source !== undefined) return this.source;
    const tree = this.tree;
    return (this.source = tree.text.slice(tree.starts[this.id], tree.ends[this.id]));
  }

  /** The enclosing node; null for the root. */
  get parent(): MirrorNode | null {
    const parent = this.tree.parents[this.id];
    return parent < 0 ? null : this.tree.node(parent);
  }

  /** Named nodes correspond to named grammar rules; anonymous ones to literal tokens (`(`, `if`). */
  get isNamed(): boolean {
    return (this.tree.bits[this.id] & Flag.Named) !== 0;
  }

  /** A zero-width node the parser inserted to recover from a syntax error. */
  get isMissing(): boolean {
    return (this.tree.bits[this.id] & Flag.Missing) !== 0;
  }

  /** An `ERROR` node: text the parser could not fit into the grammar. */
  get isError(): boolean {
    return (this.tree.bits[this.id] & Flag.Error) !== 0;
  }

  /** Whether this node is, or contains, a syntax error (tree-sitter's own flag). */
  get hasError(): boolean {
    return (this.tree.bits[this.id] & Flag.HasError) !== 0;
  }

  /** All children, named and anonymous, in source order. Shared: do not modify. */
  get children(): readonly MirrorNode[] {
    if (this.kids) return this.kids;
    const tree = this.tree;
    const lasts = tree.lasts;
    const last = lasts[this.id];
    if (last === this.id) return (this.kids = NO_NODES);
    // Collected in a scratch list and copied: the kept array is packed and no longer than needed.
    for (let i = this.id + 1; i <= last; i = lasts[i] + 1) scratch.push(tree.node(i));
    return (this.kids = takeScratch());
  }

  /** The named children in source order. Shared: do not modify. */
  get namedChildren(): readonly MirrorNode[] {
    if (this.namedKids) return this.namedKids;
    const tree = this.tree;
    const { lasts, bits } = tree;
    const last = lasts[this.id];
    let count = 0;
    let all = 0;
    for (let i = this.id + 1; i <= last; i = lasts[i] + 1, all++) if (bits[i] & Flag.Named) count++;
    // Every child named: the same array as `children`. Otherwise only the named ones get node objects.
    if (count === all) return (this.namedKids = this.children);
    if (count === 0) return (this.namedKids = NO_NODES);
    for (let i = this.id + 1; i <= last; i = lasts[i] + 1) if (bits[i] & Flag.Named) scratch.push(tree.node(i));
    return (this.namedKids = takeScratch());
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  /** The child at `index` among all children, or null. */
  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  /** The child at `index` among the named children, or null. */
  namedChild(index: number): MirrorNode | null {
    return this.namedChildren[index] ?? null;
  }

  get firstChild(): MirrorNode | null {
    return this.tree.lasts[this.id] === this.id ? null : this.tree.node(this.id + 1);
  }

  get lastChild(): MirrorNode | null {
    const kids = this.children;
    return kids.length > 0 ? kids[kids.length - 1] : null;
  }

  /** The first of {@link namedChildren}, or null. */
  get firstNamedChild(): MirrorNode | null {
    return this.namedChildren[0] ?? null;
  }

  /** The last of {@link namedChildren}, or null. */
  get lastNamedChild(): MirrorNode | null {
    const kids = this.namedChildren;
    return kids.length > 0 ? kids[kids.length - 1] : null;
  }

  /**
   * The first child under the field `name` (`function` of a `call`), or null. A field that names a hidden
   * node gives its first visible child, and an ERROR node none, as in tree-sitter.
   */
  childForFieldName(name: string): MirrorNode | null {
    const tree = this.tree;
    const { lasts, bits } = tree;
    const field = tree.fieldIds.get(name);
    const last = lasts[this.id];
    // tree-sitter finds no field under an ERROR node here (childrenForFieldName does find them).
    if (field === undefined || last === this.id || bits[this.id] & Flag.Error) return null;
    for (let i = this.id + 1; i <= last; i = lasts[i] + 1) {
      if (bits[i] >>> FIELD_SHIFT === field) return tree.node(i);
    }
    return null;
  }

  /** Every child under the field `name` (the `name`s of `import a, b`), in source order. Do not modify. */
  childrenForFieldName(name: string): readonly MirrorNode[] {
    const tree = this.tree;
    const field = tree.fieldIds.get(name);
    if (field === undefined) return NO_NODES;
    const last = tree.lasts[this.id];
    let found: MirrorNode[] | null = null;
    for (let i = this.id + 1; i <= last; i = tree.lasts[i] + 1) {
      if (tree.bits[i] >>> FIELD_SHIFT === field) (found ??= []).push(tree.node(i));
    }
    return found ?? NO_NODES;
  }

  /** The field name of the child at `index` among all children, or null. */
  fieldNameForChild(index: number): string | null {
    const child = this.children[index];
    return child ? child.fieldName : null;
  }

  /** The field name of the child at `index` among the named children, or null. */
  fieldNameForNamedChild(index: number): string | null {
    const child = this.namedChildren[index];
    return child ? child.fieldName : null;
  }

  /** The field this node hangs from its parent under, or null. */
  get fieldName(): string | null {
    return this.tree.fieldNames[this.tree.bits[this.id] >>> FIELD_SHIFT] ?? null;
  }

  /**
   * The nodes of the given kinds in this subtree, this node included, in pre-order (source order). Named
   * and anonymous nodes match alike (`lambda` is both), as in tree-sitter. Unlike runtime 0.3.1 this also
   * finds `ERROR` among other kinds, and an empty root.
   */
  descendantsOfType(types: string | readonly string[]): MirrorNode[] {
    return this.tree.ofTypes(typeof types === 'string' ? [types] : types, this.id, this.tree.lasts[this.id]);
  }

  /**
   * The smallest node (named or anonymous) that spans `[start, end]` (UTF-16), descending from this one;
   * this node when no child does, null when `start > end`.
   */
  descendantForIndex(start: number, end = start): MirrorNode | null {
    return this.descendantFor(start, end, false);
  }

  /** The smallest named node that spans `[start, end]` (UTF-16); this node when no named child does. */
  namedDescendantForIndex(start: number, end = start): MirrorNode | null {
    return this.descendantFor(start, end, true);
  }

  /** Whether `other` is this node (a node has one object). */
  equals(other: MirrorNode | null | undefined): boolean {
    return this === other;
  }

  private descendantFor(start: number, end: number, namedOnly: boolean): MirrorNode | null {
    if (start > end) return null;
    const { starts, ends, lasts, bits } = this.tree;
    let node = this.id;
    let found = this.id;
    for (let descended = true; descended; ) {
      descended = false;
      for (let i = node + 1; i <= lasts[node]; i = lasts[i] + 1) {
        // The child must reach the end of the range and pass its start (or, when empty, touch it)…
        if (ends[i] < end) continue;
        if (starts[i] === ends[i] ? ends[i] < start : ends[i] <= start) continue;
        // …and begin at or before the start; children after it begin later still.
        if (start < starts[i]) break;
        node = i;
        if (!namedOnly || bits[i] & Flag.Named) found = i;
        descended = true;
        break;
      }
    }
    return this.tree.node(found);
  }
}

/** Node flags, in the low bits of {@link MirrorTree.bits}. */
const enum Flag {
  Named = 1,
  Missing = 2,
  Error = 4,
  HasError = 8,
}
/** The field id is stored above the flags. */
const FIELD_SHIFT = 4;
const MAX_FIELDS = 1 << (16 - FIELD_SHIFT);
const NO_NODES: readonly MirrorNode[] = Object.freeze([]);
/** Where child lists are collected before being copied to their exact length (emptied after each use). */
const scratch: MirrorNode[] = [];

/** A packed copy of {@link scratch}, which is emptied (it must not keep a tree's nodes alive). */
function takeScratch(): MirrorNode[] {
  const list = scratch.slice();
  scratch.length = 0;
  return list;
}
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;
/** Subtrees of more nodes than this are searched by kind through an index instead of a scan. */
const SCAN_LIMIT = 2048;

/**
 * A mirrored tree: the parsed text and, per node in pre-order, its kind, range, parent, last descendant,
 * flags and field, in typed arrays (about 20 bytes a node); node objects are made on demand.
 */
export class MirrorTree {
  /** How many nodes the tree has (the arrays may be longer). */
  count = 0;
  /** Kind of each node: an index into {@link names}. */
  kinds!: Uint16Array;
  /** UTF-16 start and end of each node. */
  starts!: Int32Array;
  ends!: Int32Array;
  /** Parent of each node; -1 for the root. */
  parents!: Int32Array;
  /** Last node of each subtree: a subtree is the id range `[id, lasts[id]]`. */
  lasts!: Int32Array;
  /** Flags, and the field the node hangs from its parent under (shifted by FIELD_SHIFT). */
  bits!: Uint16Array;
  /** Kind names by kind index. */
  readonly names: readonly string[];
  readonly fieldNames: readonly (string | null)[];
  readonly fieldIds: ReadonlyMap<string, number>;
  private readonly grammar: GrammarTables;
  /** Node objects by id, made on demand, in chunks of CHUNK (holey arrays of a small size stay fast). */
  private readonly objects: Array<Array<MirrorNode | undefined> | undefined> = [];
  /** Per kind, the ids of its nodes in pre-order; built on the first search of a large subtree. */
  private byKind: Int32Array[] | undefined;

  constructor(
    /** The parsed text; node texts are slices of it. */
    readonly text: string,
    grammar: GrammarTables,
    capacity: number,
  ) {
    this.grammar = grammar;
    this.names = grammar.names;
    this.fieldNames = grammar.fieldNames;
    this.fieldIds = grammar.fieldIds;
    this.allocate(capacity);
  }

  /** The root node (`module`, or `ERROR` when nothing could be recovered). */
  get root(): MirrorNode {
    return this.node(0);
  }

  /** The node of an id (its one object). */
  node(id: number): MirrorNode {
    const chunk = (this.objects[id >>> CHUNK_BITS] ??= new Array<MirrorNode | undefined>(CHUNK));
    return (chunk[id & (CHUNK - 1)] ??= new MirrorNode(this, id));
  }

  /** Whether a node is named, by id. */
  isNamed(id: number): boolean {
    return (this.bits[id] & Flag.Named) !== 0;
  }

  /** Ends the walk (called by it): the chunk list of the node objects gets its final length, so it stays packed. */
  finish(): void {
    for (let i = 0; i < this.count; i += CHUNK) this.objects.push(undefined);
  }

  /** Makes room for more nodes, should tree-sitter's count be short (called by the walk). */
  grow(): void {
    const old = { starts: this.starts, ends: this.ends, parents: this.parents, lasts: this.lasts, kinds: this.kinds, bits: this.bits };
    this.allocate(this.kinds.length * 2 + 64);
    this.starts.set(old.starts);
    this.ends.set(old.ends);
    this.parents.set(old.parents);
    this.lasts.set(old.lasts);
    this.kinds.set(old.kinds);
    this.bits.set(old.bits);
  }

  private allocate(capacity: number): void {
    // One buffer for the six columns: the four Int32 ones first, so every view is aligned.
    const buffer = new ArrayBuffer(capacity * 20);
    this.starts = new Int32Array(buffer, 0, capacity);
    this.ends = new Int32Array(buffer, capacity * 4, capacity);
    this.parents = new Int32Array(buffer, capacity * 8, capacity);
    this.lasts = new Int32Array(buffer, capacity * 12, capacity);
    this.kinds = new Uint16Array(buffer, capacity * 16, capacity);
    this.bits = new Uint16Array(buffer, capacity * 18, capacity);
  }

  /** The nodes of the given kinds with ids in `[from, to]`, in pre-order. */
  ofTypes(types: readonly string[], from: number, to: number): MirrorNode[] {
    const wanted = this.grammar.kindsOf(types);
    const found: MirrorNode[] = [];
    if (wanted.length === 0) return found;
    if (to - from <= SCAN_LIMIT) {
      const kinds = this.kinds;
      if (wanted.length === 1) {
        const kind = wanted[0];
        for (let i = from; i <= to; i++) if (kinds[i] === kind) found.push(this.node(i));
      } else {
        for (let i = from; i <= to; i++) if (wanted.includes(kinds[i])) found.push(this.node(i));
      }
      return found;
    }
    const byKind = (this.byKind ??= this.indexKinds());
    let ids: number[] = [];
    for (const kind of wanted) {
      const list = byKind[kind];
      for (let j = lowerBound(list, from); j < list.length && list[j] <= to; j++) ids.push(list[j]);
    }
    if (wanted.length > 1) ids = ids.sort((a, b) => a - b);
    for (const id of ids) found.push(this.node(id));
    return found;
  }

  /** The ids of the nodes of the given kind indices (named or not) in the whole tree, in pre-order. */
  idsOfKinds(kinds: readonly number[]): Int32Array {
    if (!this.byKind && this.count <= SCAN_LIMIT) {
      // A small tree is scanned, as {@link ofTypes} does: no index of every kind for it.
      const wanted = new Uint8Array(this.names.length);
      for (const kind of kinds) wanted[kind] = 1;
      let size = 0;
      for (let i = 0; i < this.count; i++) size += wanted[this.kinds[i]];
      const ids = new Int32Array(size);
      for (let i = 0, at = 0; i < this.count; i++) if (wanted[this.kinds[i]] === 1) ids[at++] = i;
      return ids;
    }
    const byKind = (this.byKind ??= this.indexKinds());
    let size = 0;
    for (const kind of kinds) size += byKind[kind].length;
    const ids = new Int32Array(size);
    let at = 0;
    for (const kind of kinds) {
      ids.set(byKind[kind], at);
      at += byKind[kind].length;
    }
    return kinds.length > 1 ? ids.sort() : ids;
  }

  private indexKinds(): Int32Array[] {
    const counts = new Int32Array(this.names.length);
    for (let i = 0; i < this.count; i++) counts[this.kinds[i]]++;
    const byKind = Array.from(counts, (n) => new Int32Array(n));
    counts.fill(0);
    for (let i = 0; i < this.count; i++) {
      const kind = this.kinds[i];
      byKind[kind][counts[kind]++] = i;
    }
    return byKind;
  }
}

/** The first position in a sorted list whose value is at least `id`. */
function lowerBound(list: Int32Array, id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What the mirror takes from a grammar, once: kind names (tree-sitter's type ids, with ERROR moved to the
 * end), interned so `type === 'call'` compares pointers; whether each kind is named; field names and ids.
 */
class GrammarTables {
  readonly names: string[];
  /** Per kind: 1 named, 0 anonymous, -1 not seen yet (asked of the cursor the first time). */
  readonly named: Int8Array;
  readonly fieldNames: readonly (string | null)[];
  readonly fieldIds: ReadonlyMap<string, number>;
  /** The kind index of ERROR. */
  readonly errorKind: number;
  /** Per type id: 1 when the grammar names it. */
  private readonly visible: Uint8Array;
  private readonly kindsByName = new Map<string, number[]>();
  private readonly wantedCache = new Map<string, readonly number[]>();

  constructor(language: Language) {
    // Names read from WASM memory are not internalised; property keys are.
    const intern = (s: string): string => Object.keys({ [s]: 0 })[0];
    this.names = Array.from(language.types, (t) => (t === undefined ? 'ERROR' : intern(t)));
    this.errorKind = this.names.length;
    this.visible = Uint8Array.from(language.types, (t) => (t === undefined ? 0 : 1));
    this.names.push('ERROR');
    this.named = new Int8Array(this.names.length).fill(-1);
    this.names.forEach((name, kind) => {
      // Hidden symbols have no name; tree-sitter calls them ERROR, but no visible node has one.
      if (kind !== this.errorKind && this.visible[kind] === 0) return;
      const list = this.kindsByName.get(name);
      if (list) list.push(kind);
      else this.kindsByName.set(name, [kind]);
    });
    this.fieldNames = language.fields.map((f) => (f === null ? null : intern(f)));
    if (this.fieldNames.length > MAX_FIELDS) throw new Error(`the grammar has more than ${MAX_FIELDS} fields`);
    const fieldIds = new Map<string, number>();
    this.fieldNames.forEach((f, i) => f !== null && !fieldIds.has(f) && fieldIds.set(f, i));
    this.fieldIds = fieldIds;
  }

  /** The kind indices of the given names. */
  kindsOf(types: readonly string[]): readonly number[] {
    const key = types.length === 1 ? types[0] : types.join('\0');
    let kinds = this.wantedCache.get(key);
    if (!kinds) {
      kinds = [...new Set(types.flatMap((t) => this.kindsByName.get(t) ?? []))];
      if (this.wantedCache.size >= 1000) this.wantedCache.clear();
      this.wantedCache.set(key, kinds);
    }
    return kinds;
  }

  /** The kind index of a tree-sitter type id: itself, or {@link errorKind} for ERROR (65535) and nameless symbols. */
  kindOf(typeId: number): number {
    return typeId < this.errorKind && this.visible[typeId] === 1 ? typeId : this.errorKind;
  }
}
const grammars = new WeakMap<Language, GrammarTables>();

function grammarOf(language: Language): GrammarTables {
  let tables = grammars.get(language);
  if (!tables) grammars.set(language, (tables = new GrammarTables(language)));
  return tables;
}

/**
 * What the mirror needs from a tree cursor. Two implementations: the `@vscode/tree-sitter-wasm` glue's
 * public `TreeCursor`, and the module's WASM exports called directly, about four times faster (see
 * {@link ExportCursor}).
 */
interface Cursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  isMissing(): boolean;
  isNamed(): boolean;
  /** A handle on the current node for {@link hasError}. */
  errorHandle(): number;
  /** Frees the cursor. */
  delete(): void;
  /** Whether the node of a handle has an error; asked after {@link delete}, while the tree lives. */
  hasError(handle: number): boolean;
}

/** The glue's public cursor. */
class PublicCursor implements Cursor {
  private readonly cursor: TreeCursor;
  constructor(tree: Tree) {
    this.cursor = tree.walk();
  }
  gotoFirstChild(): boolean {
    return this.cursor.gotoFirstChild();
  }
  gotoNextSibling(): boolean {
    return this.cursor.gotoNextSibling();
  }
  gotoParent(): boolean {
    return this.cursor.gotoParent();
  }
  typeId(): number {
    return this.cursor.nodeTypeId;
  }
  fieldId(): number {
    return this.cursor.currentFieldId;
  }
  startIndex(): number {
    return this.cursor.startIndex;
  }
  endIndex(): number {
    return this.cursor.endIndex;
  }
  isMissing(): boolean {
    return this.cursor.nodeIsMissing;
  }
  isNamed(): boolean {
    return this.cursor.nodeIsNamed;
  }
  errorHandle(): number {
    return this.cursor.currentNode.hasError ? 1 : 0;
  }
  delete(): void {
    this.cursor.delete();
  }
  hasError(handle: number): boolean {
    return handle === 1;
  }
}

/** The WASM exports of web-tree-sitter's binding that {@link ExportCursor} calls; each takes the tree's address. */
interface BindingExports {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_id_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_node_has_error_wasm(tree: number): number;
  /** Returns the address of the transfer buffer (and writes the language versions into it). */
  _ts_init(): number;
  HEAP32: Int32Array;
}
const BINDING_FUNCTIONS: ReadonlyArray<Exclude<keyof BindingExports, 'HEAP32'>> = [
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_id_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_node_has_error_wasm',
  '_ts_init',
];

/**
 * The binding's cursor functions called directly. The glue keeps a cursor's state in JavaScript and copies
 * it into the module's transfer buffer before each call and back after it; the C side reads the cursor
 * from that buffer and writes it back there. The functions used here return neither nodes nor points, so
 * nothing else is written to the buffer between them: the cursor can stay there for the whole walk, which
 * saves eight `setValue`/`getValue` per step. `tree.walk()` creates the cursor in the buffer; it is freed
 * from there at the end (the glue's JavaScript copy is stale by then and must not be deleted). A node's
 * error flag is asked after the walk, by its id written where the binding reads a node. {@link mirrorTree}
 * checks this path against the public one once per process and keeps to the public one if they differ.
 */
class ExportCursor implements Cursor {
  private readonly address: number;
  // The functions, read once per walk: the module object has hundreds of properties, so reading one off
  // it is a dictionary look-up (its first call also replaces a lazy wrapper by the export itself).
  private readonly firstChild: (tree: number) => number;
  private readonly nextSibling: (tree: number) => number;
  private readonly parent: (tree: number) => number;
  private readonly type: (tree: number) => number;
  private readonly field: (tree: number) => number;
  private readonly start: (tree: number) => number;
  private readonly end: (tree: number) => number;
  private readonly missing: (tree: number) => number;
  private readonly named: (tree: number) => number;
  private readonly nodeId: (tree: number) => number;

  constructor(
    private readonly m: BindingExports,
    tree: Tree,
  ) {
    this.address = (tree as unknown as { 0: number })[0];
    tree.walk();
    this.firstChild = m._ts_tree_cursor_goto_first_child_wasm;
    this.nextSibling = m._ts_tree_cursor_goto_next_sibling_wasm;
    this.parent = m._ts_tree_cursor_goto_parent_wasm;
    this.type = m._ts_tree_cursor_current_node_type_id_wasm;
    this.field = m._ts_tree_cursor_current_field_id_wasm;
    this.start = m._ts_tree_cursor_start_index_wasm;
    this.end = m._ts_tree_cursor_end_index_wasm;
    this.missing = m._ts_tree_cursor_current_node_is_missing_wasm;
    this.named = m._ts_tree_cursor_current_node_is_named_wasm;
    this.nodeId = m._ts_tree_cursor_current_node_id_wasm;
  }
  gotoFirstChild(): boolean {
    return this.firstChild(this.address) === 1;
  }
  gotoNextSibling(): boolean {
    return this.nextSibling(this.address) === 1;
  }
  gotoParent(): boolean {
    return this.parent(this.address) === 1;
  }
  typeId(): number {
    return this.type(this.address);
  }
  fieldId(): number {
    return this.field(this.address);
  }
  startIndex(): number {
    return this.start(this.address);
  }
  endIndex(): number {
    return this.end(this.address);
  }
  isMissing(): boolean {
    return this.missing(this.address) === 1;
  }
  isNamed(): boolean {
    return this.named(this.address) === 1;
  }
  errorHandle(): number {
    return this.nodeId(this.address);
  }
  delete(): void {
    this.m._ts_tree_cursor_delete_wasm(this.address);
  }
  hasError(handle: number): boolean {
    // The binding reads a node as [id, start, row, column, alias] from the buffer; the flag needs only the id.
    this.m.HEAP32[transferBuffer(this.m) >> 2] = handle;
    return this.m._ts_node_has_error_wasm(this.address) === 1;
  }
}

let transferAddress: number | undefined;
function transferBuffer(m: BindingExports): number {
  return (transferAddress ??= m._ts_init());
}

/**
 * Whether the direct path gave the same copy as the public one: checked once on a tree of some size, and
 * again on the first tree with errors (for the error flags); null until checked.
 */
const agrees: { shape: boolean | null; errors: boolean | null } = { shape: null, errors: null };
/** Trees smaller than this copy through the public path until the check has run on a larger one. */
const CHECK_MIN_NODES = 64;

/**
 * Copies a tree-sitter tree into JavaScript in one cursor walk (iterative: any depth), so the analyses
 * never call into WASM again and the tree can be deleted right away. Offsets are the UTF-16 indices the
 * runtime reports, kinds and fields the grammar's; `hasError` is tree-sitter's own (asked only when the
 * tree has an error somewhere). `via` forces one cursor path (for tests).
 */
export function mirrorTree(tree: Tree, text: string, via?: 'public' | 'exports'): MirrorTree {
  const root = tree.rootNode;
  const broken = root.hasError;
  const size = root.descendantCount;
  const m = bindingExports();
  // Tests compare the two paths.
  if (via === 'public') return walk(tree, text, new PublicCursor(tree), broken, size);
  if (via === 'exports') {
    if (!m) throw new Error('the WASM module does not export the cursor functions');
    return walk(tree, text, new ExportCursor(m, tree), broken, size);
  }
  const direct = m !== undefined && agrees.shape !== false && !(broken && agrees.errors === false);
  if (m && direct && (agrees.shape === null || (broken && agrees.errors === null))) {
    const slow = walk(tree, text, new PublicCursor(tree), broken, size);
    if (slow.count < CHECK_MIN_NODES) return slow;
    const fast = walk(tree, text, new ExportCursor(m, tree), broken, size);
    const same = sameCopy(slow, fast);
    if (agrees.shape === null) agrees.shape = same;
    if (broken) agrees.errors = same;
    return same ? fast : slow;
  }
  return walk(tree, text, m && direct ? new ExportCursor(m, tree) : new PublicCursor(tree), broken, size);
}

function sameCopy(a: MirrorTree, b: MirrorTree): boolean {
  if (a.count !== b.count) return false;
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    for (let i = 0; i < a.count; i++) if (x[i] !== y[i]) return false;
    return true;
  };
  return same(a.kinds, b.kinds) && same(a.starts, b.starts) && same(a.ends, b.ends) && same(a.parents, b.parents) && same(a.lasts, b.lasts) && same(a.bits, b.bits);
}

function bindingExports(): BindingExports | undefined {
  const m = wasmModule() as Partial<BindingExports> | undefined;
  if (!m || !(m.HEAP32 instanceof Int32Array)) return undefined;
  return BINDING_FUNCTIONS.every((name) => typeof m[name] === 'function') ? (m as BindingExports) : undefined;
}

/**
 * The walk behind {@link mirrorTree}. `broken`: the tree has an error, so nodes' error flags are asked;
 * `size`: how many nodes tree-sitter counts (room to grow remains, should it ever be wrong).
 */
function walk(tree: Tree, text: string, cursor: Cursor, broken: boolean, size: number): MirrorTree {
  const grammar = grammarOf(tree.language);
  const mirror = new MirrorTree(text, grammar, size + 1);
  const handles: number[] = [];
  const named = grammar.named;
  const add = (parent: number): number => {
    if (mirror.count === mirror.kinds.length) mirror.grow();
    const id = mirror.count++;
    const kind = grammar.kindOf(cursor.typeId());
    const start = cursor.startIndex();
    const end = cursor.endIndex();
    if (named[kind] < 0) named[kind] = cursor.isNamed() ? 1 : 0;
    let bits = named[kind] === 1 ? Flag.Named : 0;
    if (kind === grammar.errorKind) bits |= Flag.Error;
    // Only zero-width nodes can be missing: the call is saved for the others.
    if (start === end && cursor.isMissing()) bits |= Flag.Missing;
    if (parent >= 0) bits |= cursor.fieldId() << FIELD_SHIFT;
    if (broken) handles.push(cursor.errorHandle());
    mirror.kinds[id] = kind;
    mirror.starts[id] = start;
    mirror.ends[id] = end;
    mirror.parents[id] = parent;
    mirror.bits[id] = bits;
    return id;
  };
  try {
    let node = add(-1);
    for (let done = false; !done; ) {
      if (cursor.gotoFirstChild()) {
        node = add(node);
        continue;
      }
      for (;;) {
        // Leaving `node`: its subtree is complete.
        mirror.lasts[node] = mirror.count - 1;
        const parent = mirror.parents[node];
        if (cursor.gotoNextSibling()) {
          node = add(parent);
          break;
        }
        if (parent < 0 || !cursor.gotoParent()) {
          done = true;
          break;
        }
        node = parent;
      }
    }
  } finally {
    cursor.delete();
  }
  for (let i = 0; i < handles.length; i++) if (cursor.hasError(handles[i])) mirror.bits[i] |= Flag.HasError;
  mirror.finish();
  return mirror;
}
