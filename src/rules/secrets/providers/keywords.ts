/**
 * The keyword prefilter of the provider table in one pass: which rows have a keyword in a text. Checking every
 * keyword with `includes` costs a full pass over the text per keyword (about 390 keywords, so most of the time
 * of a scan); an Aho-Corasick automaton of all keywords costs one table step per character.
 */
import type { ProviderPattern } from '../provider';

/** Rows whose keywords occur in a text, ignoring ASCII case. */
export type KeywordFilter = (text: string) => ReadonlySet<ProviderPattern>;

const NONE: ReadonlySet<ProviderPattern> = new Set();
const filters = new WeakMap<readonly ProviderPattern[], KeywordFilter>();

/**
 * The keyword filter of `patterns`, built once per table. Keywords are lower-case ASCII (a test checks the
 * table) and match a text in any case: an upper-case letter reads as its lower-case symbol, so the text is
 * not copied. A character outside the keywords' alphabet ends the walk from that position.
 */
export function keywordFilter(patterns: readonly ProviderPattern[]): KeywordFilter {
  let filter = filters.get(patterns);
  if (!filter) {
    filter = buildFilter(patterns);
    filters.set(patterns, filter);
  }
  return filter;
}

function buildFilter(patterns: readonly ProviderPattern[]): KeywordFilter {
  // Alphabet: the characters keywords use, numbered from 1; 0 means "not in any keyword".
  const symbol = new Uint8Array(128);
  let symbols = 0;
  for (const pattern of patterns) {
    for (const keyword of pattern.keywords) {
      if (keyword === '') throw new Error(`${pattern.id} has an empty keyword`); // the root must have no output
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        if (c >= 128) throw new Error(`keyword ${JSON.stringify(keyword)} of ${pattern.id} is not ASCII`);
        if (symbol[c] === 0) symbol[c] = ++symbols;
      }
    }
  }
  for (let c = 65; c <= 90; c++) symbol[c] = symbol[c + 32];
  const width = symbols + 1;
  // Trie: row `node` of `next` holds the child per symbol (0 = none); node 0 is the root.
  const next: number[] = new Array<number>(width).fill(0);
  const ends: Array<ProviderPattern[]> = [[]];
  for (const pattern of patterns) {
    for (const keyword of pattern.keywords) {
      let node = 0;
      for (let i = 0; i < keyword.length; i++) {
        const slot = node * width + symbol[keyword.charCodeAt(i)];
        if (next[slot] === 0) {
          next[slot] = ends.length;
          ends.push([]);
          for (let s = 0; s < width; s++) next.push(0);
        }
        node = next[slot];
      }
      ends[node].push(pattern);
    }
  }
  const { table: byNode, out, order: bfs } = automaton(next, ends, width);
  // Layout for the walk (one load per character): the table is read between the parses and rules of other files,
  // so it is kept small and its hot part together. Nodes are renumbered in breadth-first order — the root and the
  // shallow nodes, where the walk spends nearly all its steps, share a few cache lines — with those that have an
  // output last (whether a node emits is then `node >= firstEmitting`); entries are 16-bit node numbers, a row
  // `width` entries. Column 0 (a character in no keyword) leads every node back to the root, so that needs no
  // branch. A node's output is looked at once per call (`reached[node] === stamp`, one array for every call, so
  // short texts such as single values cost no allocation).
  const nodes = out.length;
  if (nodes > 0x10000) throw new Error(`the keyword automaton has ${nodes} nodes, more than 16-bit entries can number`);
  const emitting = bfs.filter((node) => out[node].length > 0);
  const order = [...bfs.filter((node) => out[node].length === 0), ...emitting]; // the root (no output) stays 0
  const firstEmitting = nodes - emitting.length;
  const renumbered = new Uint16Array(nodes);
  order.forEach((node, i) => (renumbered[node] = i));
  const table = new Uint16Array(nodes * width);
  for (let node = 0; node < nodes; node++) {
    const row = renumbered[node] * width;
    for (let s = 0; s < width; s++) table[row + s] = renumbered[byNode[node * width + s]];
  }
  const outputs: ProviderPattern[][] = order.map((node) => out[node]);
  // The symbol of every UTF-16 unit (0 past ASCII), so that a step needs no range test.
  const symbolOf = new Uint8Array(0x10000);
  symbolOf.set(symbol);
  const reached = new Uint32Array(nodes);
  let stamp = 0;
  return (text) => {
    if (++stamp === 0xffffffff) {
      reached.fill(0);
      stamp = 1;
    }
    let found: Set<ProviderPattern> | undefined;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = table[node * width + symbolOf[text.charCodeAt(i)]];
      if (node >= firstEmitting && reached[node] !== stamp) {
        reached[node] = stamp;
        for (const pattern of outputs[node]) (found ??= new Set()).add(pattern);
      }
    }
    return found ?? NONE;
  };
}

/**
 * Turns the trie into an Aho-Corasick automaton: one table step per character of the text, whatever the
 * keywords. Every missing edge is replaced by the edge of the node's failure link (the longest proper suffix
 * of its path that is also a path), and each node's output gathers the keywords ending at it or at any suffix.
 * Also gives the nodes in breadth-first order, the root first.
 */
function automaton(next: number[], ends: ReadonlyArray<ProviderPattern[]>, width: number): { table: Int32Array; out: ProviderPattern[][]; order: number[] } {
  const table = Int32Array.from(next);
  const fail = new Int32Array(ends.length);
  const out = ends.map((e) => [...e]);
  const queue: number[] = [];
  for (let s = 1; s < width; s++) if (table[s] !== 0) queue.push(table[s]);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const pattern of out[fail[node]]) if (!out[node].includes(pattern)) out[node].push(pattern);
    for (let s = 1; s < width; s++) {
      const child = table[node * width + s];
      const viaFail = table[fail[node] * width + s];
      if (child !== 0) {
        fail[child] = viaFail;
        queue.push(child);
      } else {
        table[node * width + s] = viaFail;
      }
    }
  }
  return { table, out, order: [0, ...queue] };
}
