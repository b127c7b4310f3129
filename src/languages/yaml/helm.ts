import { parseTemplate, type Command, type Operand, type Pipeline, type TemplateNode } from './go-template';
import { parseYaml } from './parse';
import {
  emitTree,
  MAX_TREE_NODES,
  NotRendered,
  RenderedBuilder,
  toTree,
  treeGet,
  yamlString,
  type Budget,
  type OtherPlace,
  type Rendered,
  type Source,
  type Tree,
  type TreeMap,
  type TreeSeq,
} from './rendered';

/** Largest template and values.yaml rendered, in UTF-16 code units. */
export const MAX_TEMPLATE_CHARS = 512 * 1024;
export const MAX_VALUES_CHARS = 512 * 1024;

/** `.Release` as `helm template` would fill it, with a namespace that is not `default` (it is chosen at install time). */
const RELEASE: Readonly<Record<string, string | number | boolean>> = {
  Name: 'release-name',
  Namespace: 'release-namespace',
  Service: 'Helm',
  Revision: 1,
  IsInstall: true,
  IsUpgrade: false,
};

/** `.Chart` fields and the Chart.yaml keys they read. */
const CHART_FIELDS: Readonly<Record<string, string>> = {
  Name: 'name',
  Version: 'version',
  AppVersion: 'appVersion',
  Description: 'description',
  Type: 'type',
  KubeVersion: 'kubeVersion',
  Home: 'home',
  Icon: 'icon',
  APIVersion: 'apiVersion',
};

/** The chart a template belongs to, found among the neighbours: `Chart.yaml` in the folder above `templates/`. */
export interface ChartFiles {
  /** `../Chart.yaml` (or `../../Chart.yaml` for a template in a subfolder of `templates/`). */
  chart: { file: string; text: string };
  values: { file: string; text: string } | undefined;
}

/**
 * The chart of a template: the file is under `templates/` of a folder whose `Chart.yaml` is among the neighbours
 * (paths relative to the template's folder). Partials (`_helpers.tpl`, `_x.yaml`) are not templates Helm renders.
 */
export function chartOf(file: string, neighbours: ReadonlyArray<{ file: string; text: string }>): ChartFiles | undefined {
  const segments = file.split(/[\\/]/);
  const base = segments[segments.length - 1];
  if (base.startsWith('_') || !/\.ya?ml$/i.test(base)) return undefined;
  for (const n of neighbours) {
    const m = /^((?:\.\.\/)+)Chart\.yaml$/.exec(n.file);
    if (!m) continue;
    const ups = m[1].length / 3;
    if (segments[segments.length - 1 - ups] !== 'templates') continue;
    const values = neighbours.find((v) => v.file === `${m[1]}values.yaml`);
    return { chart: n, values };
  }
  return undefined;
}

/** A value during evaluation. */
type Value =
  | { k: 'nil' }
  | { k: 'scalar'; value: string | number | boolean; from?: Source; float: boolean }
  | { k: 'tree'; tree: TreeMap | TreeSeq }
  | { k: 'text'; pieces: Piece[] }
  | { k: 'object'; name: 'root' | 'release' | 'chart' };

/** A piece of output with the value it writes. */
interface Piece {
  text: string;
  from?: Source;
}

const NIL: Value = { k: 'nil' };
/** Marks a literal written in the template itself: it needs no related location. */
const SELF = '';

/**
 * Renders a Helm template with the chart's `values.yaml` defaults, `.Release` placeholders and `.Chart` from
 * `Chart.yaml`. The text of the template is written as it is (its findings stay where they are); what a directive
 * writes is placed at the directive, related to where `values.yaml` (or `Chart.yaml`) sets it. Throws
 * {@link NotRendered} for a template outside the supported subset, broken values, a rendered text that is not
 * valid YAML, or past the bounds.
 */
export function renderHelmTemplate(text: string, chart: ChartFiles): Rendered {
  if (text.length > MAX_TEMPLATE_CHARS || (chart.values?.text.length ?? 0) > MAX_VALUES_CHARS || chart.chart.text.length > MAX_VALUES_CHARS) {
    throw new NotRendered('template or values too large');
  }
  const nodes = parseTemplate(text);
  const budget: Budget = { nodes: MAX_TREE_NODES };
  const values = readTree(chart.values, budget) ?? { kind: 'map', items: [] };
  if (values.kind !== 'map') throw new NotRendered('values.yaml is not a mapping');
  const chartTree = readTree(chart.chart, budget);
  const out = new RenderedBuilder();
  const sources = new Map<string, string>([[chart.chart.file, chart.chart.text]]);
  if (chart.values) sources.set(chart.values.file, chart.values.text);
  const none: OtherPlace[] = [];
  const evaluator = new Evaluator(values, chartTree, budget);
  const write = (list: readonly TemplateNode[], dot: Value): void => {
    for (const node of list) {
      if (node.type === 'text') {
        out.add(text.slice(node.start, node.end), { place: [node.start, node.end], verbatim: true, own: true, related: none });
      } else if (node.type === 'action') {
        for (const piece of evaluator.print(evaluator.pipeline(node.pipe, dot))) {
          const related = piece.from && piece.from.file !== SELF ? [{ file: piece.from.file, range: piece.from.range, message: `set by ${basename(piece.from.file)}:{{line}}` }] : none;
          out.add(piece.text, { place: node.range, verbatim: false, own: true, related });
        }
      } else {
        for (const branch of node.branches) {
          if (branch.cond === null) {
            write(branch.body, dot);
            break;
          }
          const value = evaluator.pipeline(branch.cond, dot);
          if (!truthy(value)) continue;
          write(branch.body, branch.kind === 'with' ? value : dot);
          break;
        }
      }
    }
  };
  write(nodes, { k: 'object', name: 'root' });
  const rendered = out.text();
  let parsed;
  try {
    parsed = parseYaml(rendered);
  } catch {
    throw new NotRendered('the rendered text is not YAML');
  }
  if (parsed.root.documents.some((d) => d.errors.length > 0)) throw new NotRendered('the rendered text is not valid YAML');
  return { text: rendered, segments: out.segments, sources, insertions: true };
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** The first document of a file as a tree; undefined when there is no file or it is empty. */
function readTree(file: { file: string; text: string } | undefined, budget: Budget): Tree | undefined {
  if (!file) return undefined;
  let parsed;
  try {
    parsed = parseYaml(file.text);
  } catch {
    throw new NotRendered(`${file.file} is not YAML`);
  }
  const doc = parsed.root.documents[0];
  if (!doc) return undefined;
  if (doc.errors.length > 0) throw new NotRendered(`${file.file} has errors`);
  if (doc.contents === null) return undefined;
  return toTree(doc, doc.contents, file.file, file.text, budget);
}

/** Go template truth: false, 0, nil and empty strings, maps and lists are false. */
function truthy(value: Value): boolean {
  switch (value.k) {
    case 'nil':
      return false;
    case 'scalar':
      return value.value !== false && value.value !== 0 && value.value !== '';
    case 'tree':
      return value.tree.items.length > 0;
    case 'text':
      return value.pieces.some((p) => p.text.length > 0);
    default:
      return true;
  }
}

class Evaluator {
  constructor(
    private readonly values: TreeMap,
    private readonly chart: Tree | undefined,
    private readonly budget: Budget,
  ) {}

  pipeline(pipe: Pipeline, dot: Value): Value {
    let value: Value | undefined;
    for (const command of pipe.commands) value = this.command(command, dot, value);
    return value!;
  }

  private command(command: Command, dot: Value, piped: Value | undefined): Value {
    const args = command.args.map((a) => this.operand(a, dot));
    if (piped !== undefined) args.push(piped);
    if (command.fn === undefined) return args[0];
    return this.call(command.fn, args);
  }

  private operand(operand: Operand, dot: Value): Value {
    if (operand.type === 'pipe') return this.pipeline(operand.pipe, dot);
    if (operand.type === 'literal') {
      const { value } = operand;
      return value === null ? NIL : { k: 'scalar', value, from: { file: SELF, range: operand.range }, float: !operand.integer && typeof value === 'number' };
    }
    let value: Value = operand.root === 'root' ? { k: 'object', name: 'root' } : dot;
    for (const name of operand.path) value = this.field(value, name);
    return value;
  }

  private field(value: Value, name: string): Value {
    if (value.k === 'object') {
      if (value.name === 'root') {
        if (name === 'Values') return { k: 'tree', tree: this.values };
        if (name === 'Release') return { k: 'object', name: 'release' };
        if (name === 'Chart') return { k: 'object', name: 'chart' };
        throw new NotRendered(`.${name} is not supported`);
      }
      if (value.name === 'release') {
        const v = RELEASE[name];
        if (v === undefined) throw new NotRendered(`.Release.${name} is not supported`);
        return { k: 'scalar', value: v, float: false };
      }
      const key = CHART_FIELDS[name];
      if (key === undefined) throw new NotRendered(`.Chart.${name} is not supported`);
      const v = treeGet(this.chart, key);
      return v ? this.fromTree(v) : { k: 'scalar', value: '', float: false };
    }
    // Helm reads values as JSON: a field of a missing value is an error ("nil pointer evaluating").
    if (value.k !== 'tree' || value.tree.kind !== 'map') throw new NotRendered(`field ${name} of a value that is not a mapping`);
    const child = treeGet(value.tree, name);
    return child ? this.fromTree(child) : NIL;
  }

  private fromTree(tree: Tree): Value {
    if (tree.kind !== 'scalar') return { k: 'tree', tree };
    if (tree.value === null) return NIL;
    // Helm reads values.yaml through JSON: every number is a float64.
    return { k: 'scalar', value: tree.value, from: tree.from, float: typeof tree.value === 'number' };
  }

  private call(fn: string, args: Value[]): Value {
    const arity = (n: number) => {
      if (args.length !== n) throw new NotRendered(`${fn} takes ${n} arguments`);
    };
    switch (fn) {
      case 'quote':
      case 'squote': {
        const pieces: Piece[] = [];
        for (const arg of args.filter((a) => a.k !== 'nil')) {
          const s = this.string(arg);
          if (pieces.length > 0) pieces.push({ text: ' ' });
          pieces.push({ text: fn === 'quote' ? JSON.stringify(s.text) : `'${s.text}'`, from: s.from });
        }
        return { k: 'text', pieces };
      }
      case 'default':
        arity(2);
        return truthy(args[1]) ? args[1] : args[0];
      case 'required':
        arity(2);
        if (!truthy(args[1])) throw new NotRendered('a required value is missing');
        return args[1];
      case 'toYaml':
        arity(1);
        return { k: 'text', pieces: this.yaml(args[0]) };
      case 'indent':
      case 'nindent': {
        arity(2);
        const n = args[0];
        if (n.k !== 'scalar' || typeof n.value !== 'number' || !Number.isInteger(n.value) || n.value < 0 || n.value > 256) throw new NotRendered('indent takes a small number');
        const pad = ' '.repeat(n.value);
        const pieces = this.print(args[1]).map((p) => ({ ...p, text: p.text.replace(/\n/g, `\n${pad}`) }));
        return { k: 'text', pieces: [{ text: fn === 'nindent' ? `\n${pad}` : pad }, ...pieces] };
      }
      case 'toString':
        arity(1);
        return { k: 'text', pieces: this.print(args[0]) };
      case 'not':
        arity(1);
        return { k: 'scalar', value: !truthy(args[0]), float: false };
      case 'and':
      case 'or': {
        if (args.length < 2) throw new NotRendered(`${fn} takes at least 2 arguments`);
        for (const arg of args.slice(0, -1)) if (truthy(arg) === (fn === 'or')) return arg;
        return args[args.length - 1];
      }
      case 'eq':
      case 'ne': {
        arity(2);
        const [a, b] = args.map((v) => (v.k === 'text' ? { k: 'scalar' as const, value: v.pieces.map((p) => p.text).join(''), float: false } : v));
        if (a.k !== 'scalar' || b.k !== 'scalar' || typeof a.value !== typeof b.value) throw new NotRendered('eq of values of different kinds');
        return { k: 'scalar', value: (a.value === b.value) === (fn === 'eq'), float: false };
      }
      case 'empty':
        arity(1);
        return { k: 'scalar', value: !truthy(args[0]), float: false };
      case 'printf':
        return this.printf(args);
      default:
        throw new NotRendered(`unsupported function: ${fn}`);
    }
  }

  /** `printf` with `%s`, `%v`, `%d` and `%%` only. */
  private printf(args: Value[]): Value {
    const format = args[0];
    if (!format || format.k !== 'scalar' || typeof format.value !== 'string') throw new NotRendered('printf needs a format string');
    const pieces: Piece[] = [];
    let next = 1;
    let last = 0;
    for (const m of format.value.matchAll(/%[%sdv]/g)) {
      pieces.push({ text: format.value.slice(last, m.index) });
      last = m.index + 2;
      if (m[0] === '%%') {
        pieces.push({ text: '%' });
        continue;
      }
      const arg = args[next++];
      if (!arg) throw new NotRendered('printf has too few arguments');
      pieces.push(...this.print(arg));
    }
    if (next !== args.length || /%[^%sdv]/.test(format.value.replace(/%[%sdv]/g, ''))) throw new NotRendered('unsupported printf');
    pieces.push({ text: format.value.slice(last) });
    return { k: 'text', pieces };
  }

  /** A value as one string with where it comes from. */
  private string(value: Value): Piece {
    const pieces = this.print(value);
    return { text: pieces.map((p) => p.text).join(''), from: pieces.find((p) => p.from)?.from };
  }

  /** What `{{ value }}` writes: nil as nothing (Helm drops `<no value>`), scalars as Go prints them. */
  print(value: Value): Piece[] {
    switch (value.k) {
      case 'nil':
        return [];
      case 'scalar':
        return [{ text: formatScalar(value.value, value.float), from: value.from }];
      case 'text':
        return value.pieces;
      default:
        // Go would print `map[a:1]`: a template that does that is not a manifest worth reading.
        throw new NotRendered('printing a mapping or list');
    }
  }

  /** `toYaml`: the value as block YAML without the trailing newline, each scalar with where it is set. */
  private yaml(value: Value): Piece[] {
    if (value.k === 'nil') return [{ text: 'null' }];
    if (value.k === 'object') throw new NotRendered('toYaml of a built-in object');
    if (value.k === 'text') {
      const s = this.string(value);
      return [{ text: yamlString(s.text), from: s.from }];
    }
    if (value.k === 'scalar') return [{ text: typeof value.value === 'string' ? yamlString(value.value) : formatScalar(value.value, value.float), from: value.from }];
    const pieces: Piece[] = [];
    let size = 0;
    emitTree(value.tree, 0, (e) => {
      size += e.text.length;
      if (size > MAX_TREE_NODES * 64 || --this.budget.nodes < 0) throw new NotRendered('toYaml output too large');
      pieces.push({ text: e.text, from: e.node?.from });
    });
    return pieces;
  }
}

/** A scalar as Go's `fmt` prints it; values.yaml numbers are float64 (`1e+06` for a million, as Helm writes it). */
export function formatScalar(value: string | number | boolean, float: boolean): string {
  if (typeof value !== 'number') return String(value);
  if (!float && Number.isInteger(value)) return String(value);
  return goFloat(value);
}

/** Go's `%v` of a float64: the shortest representation, with an exponent below 1e-4 and from 1e6 on (`1e+06`). */
export function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    const sign = e < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(x);
}
