import type { Node as JsonNode } from 'jsonc-parser';
import type { Range } from '../../engine/types';
import { buildJsonTree } from '../json/build-tree';
import type { SyntaxNode, TerraformFile } from './parse';

/** A value the model could not work out statically (an interpolation, a function, a resource reference). */
export const UNKNOWN: unique symbol = Symbol('unknown');

/** A statically known HCL value, or {@link UNKNOWN}; lists and objects may hold unknown members. */
export type TfValue = string | number | boolean | null | typeof UNKNOWN | TfValue[] | { [key: string]: TfValue };

/** An attribute `name = expression` of a block. */
export interface TfAttribute {
  readonly name: string;
  /** The whole `name = value`. */
  readonly range: Range;
  /** The value expression. */
  readonly valueRange: Range;
  /** The expression node; resolve it with {@link TerraformModel.value}. */
  readonly expression: SyntaxNode;
  /** Names bound by an enclosing dynamic block (`ingress.value`). */
  readonly scope: Scope;
}

/** A block: `resource "type" "name" { … }`, or a nested block such as `ingress { … }`. */
export interface TfBlock {
  /** The block's keyword: `resource`, `data`, `module`, `variable`, `locals`, `provider`, `ingress`, … */
  readonly kind: string;
  readonly labels: readonly string[];
  /** The whole block. */
  readonly range: Range;
  /** From the keyword to the opening brace: where a finding about a missing attribute lands. */
  readonly headerRange: Range;
  /** The offset just after `{` (and the end of `}`): where edits that add an attribute go. */
  readonly bodyStart: number;
  readonly bodyEnd: number;
  /** The indentation of the block's first line. */
  readonly indent: string;
  readonly attributes: ReadonlyMap<string, TfAttribute>;
  readonly blocks: readonly TfBlock[];
  /** Set when the block was expanded from a `dynamic` block (then ranges point into the dynamic block). */
  readonly dynamic: boolean;
  /**
   * Names of `dynamic` blocks in the body whose `for_each` is not static: blocks of that name may exist
   * when deployed, so rules do not report them missing.
   */
  readonly unexpanded: ReadonlySet<string>;
}

/**
 * A static value with where each part is written, for findings on the element at fault (the `"*"` of an
 * `Action` list rather than the whole `policy =`). Same shape as CloudFormation's values. A value reached
 * through `var.x` or `local.x` is located at its definition; JSON inside a string or heredoc is located
 * inside it when the text is verbatim (no escapes or interpolation), else the string is one scalar.
 */
export type LocatedValue =
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly range: Range }
  | { readonly kind: 'list'; readonly items: readonly LocatedValue[]; readonly range: Range }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<{ readonly key: string; readonly keyRange: Range; readonly value: LocatedValue }>; readonly range: Range }
  | { readonly kind: 'unknown'; readonly range: Range };

/**
 * What the other files of a Terraform module (the `.tf` and auto-loaded `.tfvars` files of its folder) say
 * about its variables and locals: Terraform reads a folder as one module, so `var.x` in `main.tf` takes
 * the value of `terraform.tfvars`, else the default in `variables.tf` (see `moduleValues`).
 */
export interface ModuleValues {
  /** Values assigned in `terraform.tfvars` and `*.auto.tfvars` (later files win). */
  readonly assigned: ReadonlyMap<string, TfValue>;
  /** `default` of `variable` blocks in the other `.tf` files. */
  readonly defaults: ReadonlyMap<string, TfValue>;
  /** `locals` entries of the other `.tf` files. */
  readonly locals: ReadonlyMap<string, TfValue>;
}

export const NO_MODULE_VALUES: ModuleValues = { assigned: new Map(), defaults: new Map(), locals: new Map() };

type Scope = ReadonlyMap<string, TfValue>;
const EMPTY_SCOPE: Scope = new Map();
const MAX_DEPTH = 32;

/**
 * The blocks of a Terraform file with a resolver of static values. Ranges are UTF-16 offsets of the
 * analysed text. `var.x` resolves to the default of `variable "x"` and `local.x` to the `locals`
 * entry, both in the same file only; everything the model cannot know is {@link UNKNOWN}, and rules
 * stay silent on it.
 */
export class TerraformModel {
  /** Top-level blocks in source order. */
  get blocks(): readonly TfBlock[] {
    return this.topLevel;
  }
  private topLevel: readonly TfBlock[] = [];
  private resolving = 0;

  private topAttributes: ReadonlyMap<string, TfAttribute> = new Map();
  private readonly created = new Map<TfBlock, boolean>();

  /** `outside`: what the other files of the module (its folder) say about variables and locals. */
  constructor(
    root: TerraformFile,
    private readonly text: string,
    private readonly outside: ModuleValues = NO_MODULE_VALUES,
  ) {
    const body = root.configFile.namedChildren.find((n) => n?.type === 'body');
    if (!body) return;
    this.topAttributes = this.attributesOf(body, EMPTY_SCOPE);
    // Two passes: a `dynamic` block's `for_each = var.x` needs the variables and locals, which are
    // top-level blocks themselves, so the first pass (whose dynamic blocks may stay unexpanded) supplies them.
    this.topLevel = this.readBody(body, EMPTY_SCOPE);
    this.topLevel = this.readBody(body, EMPTY_SCOPE);
  }

  /** `resource` blocks, optionally of the given types; those that are not created (see {@link isCreated}) are left out. */
  resources(...types: string[]): TfBlock[] {
    return this.blocks.filter((b) => b.kind === 'resource' && (types.length === 0 || types.includes(b.labels[0] ?? '')) && this.isCreated(b));
  }

  /** `data` blocks of a type and, optionally, a name, except those that are not read (see {@link isCreated}). */
  dataSources(type: string, name?: string): TfBlock[] {
    return this.blocks.filter((b) => b.kind === 'data' && b.labels[0] === type && (name === undefined || b.labels[1] === name) && this.isCreated(b));
  }

  /**
   * Whether a resource, data source or module call makes anything: `count = 0` (written, or through a variable
   * or local that resolves to it) and `for_each` over an empty list, set or map make no instance.
   */
  isCreated(block: TfBlock): boolean {
    let created = this.created.get(block);
    if (created === undefined) this.created.set(block, (created = this.makesInstances(block)));
    return created;
  }

  private makesInstances(block: TfBlock): boolean {
    const count = block.attributes.get('count');
    if (count) {
      const value = this.value(count);
      if (value === 0 || value === '0') return false;
    }
    const forEach = block.attributes.get('for_each');
    if (forEach) {
      const value = this.value(forEach);
      if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) return false;
    }
    return true;
  }

  /** Top-level blocks of a kind (`provider`, `variable`, `module`, `locals`). */
  blocksOf(kind: string): TfBlock[] {
    return this.blocks.filter((b) => b.kind === kind);
  }

  /** The static value of an attribute (or expression node), {@link UNKNOWN} when it depends on anything else. */
  value(attribute: TfAttribute | undefined): TfValue {
    if (!attribute) return UNKNOWN;
    return this.resolve(attribute.expression, attribute.scope);
  }

  /**
   * Where the parts of an attribute's value are written (see {@link LocatedValue}); with `json`, a string
   * that holds a JSON object (a policy in a heredoc) is read as that object.
   */
  locate(attribute: TfAttribute, options: { json?: boolean } = {}): LocatedValue {
    return this.locateNode(attribute.expression, attribute.scope, options.json ?? false, 0);
  }

  private locateNode(node: SyntaxNode, scope: Scope, json: boolean, depth: number): LocatedValue {
    const range: Range = [node.startIndex, node.endIndex];
    if (depth > MAX_DEPTH) return { kind: 'unknown', range };
    const named = node.namedChildren.filter((n): n is SyntaxNode => n !== null);
    switch (node.type) {
      case 'expression':
        if (named[0]?.type === 'variable_expr') return this.locateReference(node, scope, json, depth);
        return named.length === 1 ? this.locateNode(named[0], scope, json, depth + 1) : { kind: 'unknown', range };
      case 'literal_value':
      case 'collection_value':
      case 'template_expr':
        return named[0] ? this.locateNode(named[0], scope, json, depth + 1) : { kind: 'unknown', range };
      case 'tuple':
        return { kind: 'list', items: named.filter((n) => n.type === 'expression').map((n) => this.locateNode(n, scope, json, depth + 1)), range };
      case 'object': {
        const entries: Array<{ key: string; keyRange: Range; value: LocatedValue }> = [];
        for (const elem of named) {
          if (elem.type !== 'object_elem') continue;
          const [keyNode, valueNode] = elem.namedChildren.filter((n): n is SyntaxNode => n?.type === 'expression');
          const bare = keyNode?.namedChildCount === 1 && keyNode.namedChildren[0]?.type === 'variable_expr' ? keyNode.text : undefined;
          const key = bare ?? this.resolve(keyNode, scope);
          if (typeof key !== 'string' || !keyNode || !valueNode) return { kind: 'unknown', range };
          entries.push({ key, keyRange: [keyNode.startIndex, keyNode.endIndex], value: this.locateNode(valueNode, scope, json, depth + 1) });
        }
        return { kind: 'map', entries, range };
      }
      case 'function_call': {
        const name = named[0]?.text;
        const args = named.find((n) => n.type === 'function_arguments')?.namedChildren.filter((n): n is SyntaxNode => n?.type === 'expression') ?? [];
        if ((name === 'jsonencode' || name === 'tolist' || name === 'toset' || name === 'tomap') && args.length === 1) return this.locateNode(args[0], scope, json, depth + 1);
        return { kind: 'unknown', range };
      }
      case 'string_lit':
      case 'quoted_template':
      case 'heredoc_template': {
        const value = this.resolve(node, scope);
        if (typeof value !== 'string') return { kind: 'unknown', range };
        return (json && locateJson(node)) || { kind: 'scalar', value, range };
      }
      default: {
        const value = this.resolve(node, scope);
        return value === UNKNOWN || Array.isArray(value) || isObject(value) ? { kind: 'unknown', range } : { kind: 'scalar', value, range };
      }
    }
  }

  /**
   * `var.x` and `local.x` (without further attributes) are located at their definition in this file; a
   * value set by a `.tfvars` file or defined in another file of the module is located at the reference.
   */
  private locateReference(node: SyntaxNode, scope: Scope, json: boolean, depth: number): LocatedValue {
    const range: Range = [node.startIndex, node.endIndex];
    const parts = node.namedChildren;
    const root = parts[0]?.text;
    const name = parts.length === 2 && parts[1]?.type === 'get_attr' ? parts[1].namedChildren[0]?.text : undefined;
    if (!scope.has(root ?? '') && name !== undefined) {
      const definition =
        root === 'var' && !this.outside.assigned.has(name)
          ? this.blocks.find((b) => b.kind === 'variable' && b.labels[0] === name)?.attributes.get('default')
          : root === 'local'
            ? this.blocksOf('locals').map((b) => b.attributes.get(name)).find((a) => a !== undefined)
            : undefined;
      if (definition) return this.locateNode(definition.expression, definition.scope, json, depth + 1);
    }
    return locatedAt(this.resolve(node, scope), range, 0);
  }

  /** The `name = value` attributes of a body. */
  private attributesOf(body: SyntaxNode, scope: Scope): Map<string, TfAttribute> {
    const attributes = new Map<string, TfAttribute>();
    for (const attr of body.namedChildren) {
      if (attr?.type !== 'attribute') continue;
      // Each read of `namedChildren` copies the children out of the WASM tree: once per attribute.
      const children = attr.namedChildren;
      const name = children[0];
      const expression = children.find((n) => n?.type === 'expression');
      if (!name || !expression) continue;
      attributes.set(name.text, { name: name.text, range: [attr.startIndex, attr.endIndex], valueRange: [expression.startIndex, expression.endIndex], expression, scope });
    }
    return attributes;
  }

  /** Attributes written at the top level of the file (a `.tfvars` file's assignments). */
  topLevelAttributes(): TfAttribute[] {
    return [...this.topAttributes.values()];
  }

  private readBody(body: SyntaxNode, scope: Scope, unexpanded?: Set<string>): TfBlock[] {
    const blocks: TfBlock[] = [];
    for (const child of body.namedChildren) {
      if (child?.type !== 'block') continue;
      const block = this.readBlock(child, scope);
      if (block.kind !== 'dynamic') blocks.push(block);
      else {
        const expanded = this.expandDynamic(block, child, scope);
        if (expanded) blocks.push(...expanded);
        else if (block.labels[0]) unexpanded?.add(block.labels[0]);
      }
    }
    return blocks;
  }

  private readBlock(node: SyntaxNode, scope: Scope, dynamic = false): TfBlock {
    const children = node.namedChildren.filter((n): n is SyntaxNode => n !== null);
    const kind = children[0]?.type === 'identifier' ? children[0].text : '';
    const labels = children.filter((n) => n.type === 'string_lit' || n.type === 'identifier').slice(1).map(labelText);
    const open = children.find((n) => n.type === 'block_start');
    const close = children.find((n) => n.type === 'block_end');
    const body = children.find((n) => n.type === 'body');
    const attributes = body ? this.attributesOf(body, scope) : new Map<string, TfAttribute>();
    const lineStart = this.text.lastIndexOf('\n', node.startIndex - 1) + 1;
    const indent = /^[ \t]*/.exec(this.text.slice(lineStart, node.startIndex))?.[0] ?? '';
    const unexpanded = new Set<string>();
    const blocks = body ? this.readBody(body, scope, unexpanded) : [];
    return {
      kind,
      labels,
      range: [node.startIndex, node.endIndex],
      headerRange: [node.startIndex, open ? open.endIndex : node.endIndex],
      bodyStart: open ? open.endIndex : node.endIndex,
      bodyEnd: close ? close.startIndex : node.endIndex,
      indent,
      attributes,
      blocks,
      dynamic,
      unexpanded,
    };
  }

  /**
   * A `dynamic "x"` block whose `for_each` is static becomes one `x` block per element, with `x.key`/`x.value`
   * bound; null when it cannot be expanded.
   */
  private expandDynamic(block: TfBlock, node: SyntaxNode, scope: Scope): TfBlock[] | null {
    const name = block.labels[0];
    const forEach = this.value(block.attributes.get('for_each'));
    const iterator = this.value(block.attributes.get('iterator'));
    const body = node.namedChildren.find((n) => n?.type === 'body');
    const content = body?.namedChildren.find((n) => n?.type === 'block' && n.namedChildren[0]?.text === 'content');
    if (!name || !content || (!Array.isArray(forEach) && !isObject(forEach))) return null;
    const entries: Array<[TfValue, TfValue]> = Array.isArray(forEach) ? forEach.map((v, i) => [i, v]) : Object.entries(forEach);
    const alias = typeof iterator === 'string' ? iterator : name;
    return entries.map(([key, value]) => {
      const inner = new Map(scope).set(alias, { key, value });
      const expanded = this.readBlock(content, inner, true);
      return { ...expanded, kind: name, labels: [], headerRange: block.headerRange };
    });
  }

  private resolve(node: SyntaxNode | null | undefined, scope: Scope): TfValue {
    if (!node || this.resolving > MAX_DEPTH) return UNKNOWN;
    this.resolving++;
    try {
      return this.resolveNode(node, scope);
    } finally {
      this.resolving--;
    }
  }

  private resolveNode(node: SyntaxNode, scope: Scope): TfValue {
    switch (node.type) {
      case 'expression': {
        const first = node.namedChildCount > 0 ? node.namedChild(0) : null;
        return first?.type === 'variable_expr' ? this.reference(node, scope) : node.namedChildCount === 1 ? this.resolve(first, scope) : UNKNOWN;
      }
      case 'literal_value':
      case 'collection_value':
      case 'template_expr':
        return this.resolve(node.namedChildren[0], scope);
      case 'string_lit':
      case 'quoted_template':
        return templateText(node);
      case 'heredoc_template':
        return heredocText(node);
      case 'numeric_lit':
        return Number(node.text);
      case 'bool_lit':
        return node.text === 'true';
      case 'null_lit':
        return null;
      case 'tuple':
        return node.namedChildren.filter((n) => n?.type === 'expression').map((n) => this.resolve(n, scope));
      case 'object':
        return this.object(node, scope);
      case 'function_call':
        return this.call(node, scope);
      case 'operation': {
        const unary = node.namedChildren[0];
        if (unary?.type !== 'unary_operation' || unary.child(0)?.type !== '-') return UNKNOWN;
        const operand = this.resolve(unary.namedChildren[0], scope);
        return typeof operand === 'number' ? -operand : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private object(node: SyntaxNode, scope: Scope): TfValue {
    const result: Record<string, TfValue> = {};
    for (const elem of node.namedChildren) {
      if (elem?.type !== 'object_elem') continue;
      const [keyNode, valueNode] = elem.namedChildren.filter((n) => n?.type === 'expression');
      const bare = keyNode?.namedChildCount === 1 && keyNode.namedChildren[0]?.type === 'variable_expr' ? keyNode.text : undefined;
      const key = bare ?? this.resolve(keyNode, scope);
      if (typeof key !== 'string') return UNKNOWN;
      result[key] = this.resolve(valueNode, scope);
    }
    return result;
  }

  private call(node: SyntaxNode, scope: Scope): TfValue {
    const name = node.namedChildren[0]?.text;
    const args = node.namedChildren.find((n) => n?.type === 'function_arguments')?.namedChildren.filter((n) => n?.type === 'expression') ?? [];
    if ((name === 'jsonencode' || name === 'tolist' || name === 'toset' || name === 'tomap') && args.length === 1) return this.resolve(args[0], scope);
    return UNKNOWN;
  }

  /** `var.x…`, `local.x…` and dynamic iterators. */
  private reference(node: SyntaxNode, scope: Scope): TfValue {
    const parts = node.namedChildren;
    const root = parts[0]?.text ?? '';
    const path: string[] = [];
    for (const part of parts.slice(1)) {
      if (part?.type !== 'get_attr') return UNKNOWN;
      path.push(part.namedChildren[0]?.text ?? '');
    }
    let value: TfValue;
    let rest: string[];
    if (scope.has(root)) [value, rest] = [scope.get(root)!, path];
    else if (root === 'var') [value, rest] = [this.variableDefault(path[0]), path.slice(1)];
    else if (root === 'local') [value, rest] = [this.local(path[0]), path.slice(1)];
    else return UNKNOWN;
    for (const key of rest) value = isObject(value) && key in value ? value[key] : UNKNOWN;
    return value;
  }

  /** A variable's value: assigned in an auto-loaded `.tfvars` of the module, else its default here or in a sibling file. */
  private variableDefault(name: string | undefined): TfValue {
    if (name === undefined) return UNKNOWN;
    if (this.outside.assigned.has(name)) return this.outside.assigned.get(name)!;
    const variable = this.blocks.find((b) => b.kind === 'variable' && b.labels[0] === name);
    if (variable) return this.value(variable.attributes.get('default'));
    return this.outside.defaults.has(name) ? this.outside.defaults.get(name)! : UNKNOWN;
  }

  private local(name: string | undefined): TfValue {
    for (const block of this.blocksOf('locals')) {
      const attribute = name === undefined ? undefined : block.attributes.get(name);
      if (attribute) return this.value(attribute);
    }
    return name !== undefined && this.outside.locals.has(name) ? this.outside.locals.get(name)! : UNKNOWN;
  }
}

/** Whether a value is a (static) object. */
export function isObject(value: TfValue): value is { [key: string]: TfValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value known from elsewhere (a `.tfvars` file, another file of the module), every part of it located at `range`. */
function locatedAt(value: TfValue, range: Range, depth: number): LocatedValue {
  if (value === UNKNOWN || depth > MAX_DEPTH) return { kind: 'unknown', range };
  if (Array.isArray(value)) return { kind: 'list', items: value.map((v) => locatedAt(v, range, depth + 1)), range };
  if (isObject(value)) return { kind: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, keyRange: range, value: locatedAt(v, range, depth + 1) })), range };
  return { kind: 'scalar', value, range };
}

/**
 * The JSON object written verbatim in a string or heredoc, located in the file; null when the text is not a
 * JSON object or is not verbatim (escapes, interpolation), so offsets inside it would not be the file's.
 */
function locateJson(node: SyntaxNode): LocatedValue | null {
  const literals = node.namedChildren.filter((n): n is SyntaxNode => n?.type === 'template_literal');
  if (literals.length !== 1 || /\\|\$\$\{|%%\{/.test(literals[0].text)) return null;
  const text = literals[0].text;
  if (!/^\s*\{/.test(text)) return null;
  const out = { errors: [], comments: [] };
  const tree = buildJsonTree(text, out);
  if (!tree || out.errors.length > 0) return null;
  return fromJsonNode(tree, literals[0].startIndex, 0);
}

function fromJsonNode(node: JsonNode, base: number, depth: number): LocatedValue {
  const range: Range = [base + node.offset, base + node.offset + node.length];
  if (depth > MAX_DEPTH) return { kind: 'unknown', range };
  if (node.type === 'array') return { kind: 'list', items: (node.children ?? []).map((c) => fromJsonNode(c, base, depth + 1)), range };
  if (node.type === 'object') {
    const entries = (node.children ?? []).flatMap((property) => {
      const [key, value] = property.children ?? [];
      if (!key || !value) return [];
      return [{ key: String(key.value), keyRange: [base + key.offset, base + key.offset + key.length] as Range, value: fromJsonNode(value, base, depth + 1) }];
    });
    return { kind: 'map', entries, range };
  }
  return { kind: 'scalar', value: node.value as string | number | boolean | null, range };
}

function labelText(node: SyntaxNode): string {
  if (node.type === 'identifier') return node.text;
  const value = templateText(node);
  return typeof value === 'string' ? value : node.text;
}

/** A quoted string's value when it has no interpolation or directive; escapes decoded. */
function templateText(node: SyntaxNode): TfValue {
  let out = '';
  for (const child of node.namedChildren) {
    if (!child || child.type === 'quoted_template_start' || child.type === 'quoted_template_end') continue;
    if (child.type !== 'template_literal') return UNKNOWN;
    out += decodeEscapes(child.text);
  }
  return out;
}

function decodeEscapes(raw: string): string {
  return raw
    .replace(/\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/g, (_, u4: string | undefined, u8: string | undefined, c: string) => {
      if (u4 || u8) return String.fromCodePoint(parseInt((u4 ?? u8)!, 16));
      return ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as Record<string, string>)[c] ?? `\\${c}`;
    })
    .replace(/\$\$\{/g, '${')
    .replace(/%%\{/g, '%{');
}

/** A heredoc's text when it has no interpolation; `<<-` strips the common indentation. */
function heredocText(node: SyntaxNode): TfValue {
  const parts = node.namedChildren.filter((n): n is SyntaxNode => n !== null && !['heredoc_start', 'heredoc_identifier'].includes(n.type));
  if (parts.some((p) => p.type !== 'template_literal')) return UNKNOWN;
  const text = parts.map((p) => p.text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{')).join('');
  if (!node.text.startsWith('<<-')) return text;
  const lines = text.split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
