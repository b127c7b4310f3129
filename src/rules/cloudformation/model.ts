import { lastAnswer } from '../../engine/memo';
import type { Node as JsonNode } from 'jsonc-parser';
import { Alias, Scalar, YAMLMap, YAMLSeq, type Pair } from 'yaml';
import type { Classification } from '../../engine/classify';
import { applyingTo, type Rule, type RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { JsonHelpers } from '../../languages/json';
import type { YamlHelpers } from '../../languages/yaml';
import { mayHoldResourceOf } from '../terraform/model';

/**
 * A format-neutral view of CloudFormation (and SAM) templates written in YAML or JSON, with exact
 * source ranges. Literal values are resolved; intrinsic functions (`!Ref`, `!Sub`, `Fn::If`, …) and
 * YAML aliases become `unknown` values, on which rules stay silent.
 */

/** Which syntax a template is written in; fixes write literals in it. */
export type CfnFormat = 'yaml' | 'json';

/** A literal scalar. */
export interface CfnScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  range: Range;
}

/** A mapping of keys to values. */
export interface CfnMap {
  kind: 'map';
  entries: CfnEntry[];
  range: Range;
}

/** A list. */
export interface CfnList {
  kind: 'list';
  items: CfnValue[];
  range: Range;
}

/** A value only known when the stack is deployed: an intrinsic function, a YAML alias. */
export interface CfnUnknown {
  kind: 'unknown';
  /** The function (`Ref`, `Fn::Sub`, `!Sub`), or `alias`. */
  name: string;
  range: Range;
  /** The function's argument as written (`!Base64 '…'` → the string); undefined for aliases. */
  arg?: CfnValue;
}

/** Any template value. */
export type CfnValue = CfnScalar | CfnMap | CfnList | CfnUnknown;

/** One `key: value` of a map. */
export interface CfnEntry {
  key: string;
  keyRange: Range;
  value: CfnValue;
}

/** A resource of the `Resources` section. */
export interface CfnResource {
  logicalId: string;
  /** The logical id's key: where findings about a missing property land. */
  idRange: Range;
  /** `AWS::S3::Bucket`; empty when not a literal string. */
  type: string;
  /** The `Properties` map; undefined when absent or not a literal map. */
  properties: CfnMap | undefined;
  /** `Properties` is there but not a literal map (`!If`, an alias): rules do not judge what is missing. */
  opaque: boolean;
}

/** A template found in a file (a YAML stream may hold several). */
export interface CfnTemplate {
  format: CfnFormat;
  resources: CfnResource[];
}

/** Keys that make a one-entry map an intrinsic function in the long form. */
const INTRINSIC_KEY = /^(?:Ref|Fn::[A-Za-z0-9]+)$/;
const SAM_TRANSFORM = /^AWS::Serverless/;

/** The top-level keys read; the rest of a file (a large package-lock.json, say) is never converted. */
const ROOT_KEYS = new Set(['AWSTemplateFormatVersion', 'Transform', 'Resources']);

/** Values nested deeper than this are unknown: templates stay far below, and conversion is recursive. */
const MAX_DEPTH = 64;

const cache = new WeakMap<object, CfnTemplate[]>();

/**
 * The CloudFormation templates of the file a rule runs on (none when it is not one), computed once per
 * file and shared by every rule. Works for the YAML and JSON adapters.
 */
export function cfnTemplates(context: RuleContext<unknown>): CfnTemplate[] {
  const lang = context.lang as object;
  let templates = cache.get(lang);
  if (!templates) {
    templates = readTemplates(context);
    cache.set(lang, templates);
  }
  return templates;
}

/** A file's resources with their template's format, in template order, and by type. */
interface CfnIndex {
  all: ReadonlyArray<CfnResource & { format: CfnFormat }>;
  byType: ReadonlyMap<string, ReadonlyArray<CfnResource & { format: CfnFormat }>>;
  /** Place of each resource in `all`. */
  order: ReadonlyMap<CfnResource, number>;
}

const indexes = new WeakMap<object, CfnIndex>();

/** Every resource of the given types (or of any type when none is given) in the file's templates, in template order. */
export function cfnResources(context: RuleContext<unknown>, ...types: string[]): Array<CfnResource & { format: CfnFormat }> {
  // Some fifty rules ask each template for a few types: the index is built once per file.
  const index = cfnIndex(context);
  if (types.length === 0) return [...index.all];
  if (types.length === 1) return [...(index.byType.get(types[0]) ?? [])];
  const found = [...new Set(types)].flatMap((type) => index.byType.get(type) ?? []);
  return found.sort((a, b) => index.order.get(a)! - index.order.get(b)!);
}

function cfnIndex(context: RuleContext<unknown>): CfnIndex {
  const lang = context.lang as object;
  let index = indexes.get(lang);
  if (!index) {
    const all = cfnTemplates(context).flatMap((t) => t.resources.map((r) => ({ ...r, format: t.format })));
    const byType = new Map<string, Array<CfnResource & { format: CfnFormat }>>();
    for (const r of all) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    index = { all, byType, order: new Map(all.map((r, i) => [r, i])) };
    indexes.set(lang, index);
  }
  return index;
}

function readTemplates(context: RuleContext<unknown>): CfnTemplate[] {
  const { language } = context.classification;
  if (language === 'yaml') {
    const lang = context.lang as YamlHelpers;
    return lang.documents.map((d) => fromRoot(fromYaml(d.contents, 0, ROOT_KEYS), 'yaml')).filter((t): t is CfnTemplate => t !== undefined);
  }
  if (language === 'json') {
    const tree = (context.lang as JsonHelpers).tree;
    const template = tree ? fromRoot(fromJson(tree, 0, ROOT_KEYS), 'json') : undefined;
    return template ? [template] : [];
  }
  return [];
}

/** A template when the root looks like one: `AWSTemplateFormatVersion`, a SAM transform, or `AWS::` resources. */
function fromRoot(root: CfnValue | undefined, format: CfnFormat): CfnTemplate | undefined {
  if (root?.kind !== 'map') return undefined;
  const resources = get(root, 'Resources');
  const marked = get(root, 'AWSTemplateFormatVersion') !== undefined || isSamTransform(get(root, 'Transform'));
  if (resources?.kind !== 'map') return marked ? { format, resources: [] } : undefined;
  const list = resources.entries.map(toResource);
  if (!marked && !list.some((r) => r.type.startsWith('AWS::'))) return undefined;
  return { format, resources: list };
}

function isSamTransform(value: CfnValue | undefined): boolean {
  if (value?.kind === 'scalar') return typeof value.value === 'string' && SAM_TRANSFORM.test(value.value);
  if (value?.kind === 'list') return value.items.some(isSamTransform);
  return false;
}

function toResource(entry: CfnEntry): CfnResource {
  const body = entry.value.kind === 'map' ? entry.value : undefined;
  const type = body ? str(get(body, 'Type')) : undefined;
  const properties = body ? get(body, 'Properties') : undefined;
  return { logicalId: entry.key, idRange: entry.keyRange, type: type ?? '', properties: properties?.kind === 'map' ? properties : undefined, opaque: properties !== undefined && properties.kind !== 'map' };
}

/**
 * Converts a YAML node; custom tags (`!Ref`, `!Sub`, …) and aliases become unknown values. Every node of a
 * template's `Resources` passes here once per file: the kinds are told apart with `instanceof` (the composer
 * builds its nodes from these classes), which is cheaper than `isScalar` & co. on nodes of every kind.
 */
function fromYaml(node: unknown, depth = 0, only?: ReadonlySet<string>, untagged = false): CfnValue | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const range = yamlRange(node);
  if (!range) return undefined;
  if (depth > MAX_DEPTH) return { kind: 'unknown', name: 'too deep', range };
  const tag = (node as { tag?: string }).tag;
  // A local tag (`!Ref`), not a secondary one (`!!str`).
  if (tag && !untagged && tag[0] === '!' && tag[1] !== '!') return { kind: 'unknown', name: tag, range, arg: fromYaml(node, depth + 1, undefined, true) };
  if (node instanceof Scalar) {
    const v: unknown = node.value;
    return { kind: 'scalar', value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v), range };
  }
  if (node instanceof Alias) return { kind: 'unknown', name: 'alias', range };
  if (node instanceof YAMLSeq) {
    const items: CfnValue[] = [];
    for (const item of node.items) {
      const value = fromYaml(item, depth + 1);
      if (value !== undefined) items.push(value);
    }
    return { kind: 'list', items, range };
  }
  if (node instanceof YAMLMap) {
    const entries: CfnEntry[] = [];
    for (const pair of node.items as Pair[]) {
      const key = pair.key;
      const scalarKey = key instanceof Scalar;
      if (only && !(scalarKey && only.has(String(key.value)))) continue;
      const keyRange = scalarKey ? yamlRange(key) : undefined;
      const value = fromYaml(pair.value, depth + 1);
      if (!keyRange || !value || !scalarKey) continue;
      entries.push({ key: String(key.value), keyRange, value });
    }
    return longFormIntrinsic({ kind: 'map', entries, range });
  }
  return undefined;
}

function yamlRange(node: object): Range | undefined {
  const r = (node as { range?: readonly number[] | null }).range;
  return r ? [r[0], r[1]] : undefined;
}

/** Converts a jsonc-parser node. */
function fromJson(node: JsonNode, depth = 0, only?: ReadonlySet<string>): CfnValue | undefined {
  const range: Range = [node.offset, node.offset + node.length];
  if (depth > MAX_DEPTH) return { kind: 'unknown', name: 'too deep', range };
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', value: node.value as CfnScalar['value'], range };
    case 'array':
      return { kind: 'list', items: (node.children ?? []).map((child) => fromJson(child, depth + 1)).filter((v): v is CfnValue => v !== undefined), range };
    case 'object': {
      const entries: CfnEntry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (only && !only.has(String(k?.value))) continue;
        const value = v ? fromJson(v, depth + 1) : undefined;
        if (k?.type !== 'string' || !value) continue;
        entries.push({ key: String(k.value), keyRange: [k.offset, k.offset + k.length], value });
      }
      return longFormIntrinsic({ kind: 'map', entries, range });
    }
    default:
      return undefined;
  }
}

/** `{ "Ref": "X" }`, `{ "Fn::Sub": "…" }` are intrinsic functions. */
function longFormIntrinsic(map: CfnMap): CfnValue {
  if (map.entries.length === 1 && INTRINSIC_KEY.test(map.entries[0].key)) return { kind: 'unknown', name: map.entries[0].key, range: map.range, arg: map.entries[0].value };
  return map;
}

/** The value of `key` in a map (the last one when duplicated); undefined when absent or not a map. */
export function get(map: CfnValue | undefined, key: string): CfnValue | undefined {
  return entry(map, key)?.value;
}

/** The entry of `key` in a map; undefined when absent or not a map. */
export function entry(map: CfnValue | undefined, key: string): CfnEntry | undefined {
  if (map?.kind !== 'map') return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

/** The value at a path of keys. */
export function getPath(map: CfnValue | undefined, ...keys: string[]): CfnValue | undefined {
  let v = map;
  for (const k of keys) v = get(v, k);
  return v;
}

/** A literal string (numbers and booleans as text); undefined for anything else. */
export function str(value: CfnValue | undefined): string | undefined {
  if (value?.kind !== 'scalar' || value.value === null) return undefined;
  return String(value.value);
}

/** A literal boolean as CloudFormation reads it (`true`, `"true"`, `"True"`); undefined when not literal. */
export function bool(value: CfnValue | undefined): boolean | undefined {
  const s = str(value)?.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** The items of a list; a single value as a one-item list (IAM's `Action: "*"`); [] otherwise. */
export function items(value: CfnValue | undefined): CfnValue[] {
  if (!value) return [];
  return value.kind === 'list' ? value.items : [value];
}

/** A literal to write in place of a value, in the template's syntax (JSON strings are quoted). */
export function literal(value: string | boolean, format: CfnFormat): string {
  return typeof value === 'string' && format === 'json' ? JSON.stringify(value) : String(value);
}

/** A suggestion that replaces a value by a literal in the template's syntax. */
export function replaceWith(value: CfnValue, text: string | boolean, format: CfnFormat, messageId: string): { messageId: string; edits: Array<{ range: Range; text: string }> } {
  return { messageId, edits: [{ range: value.range, text: literal(text, format) }] };
}

/**
 * Whether a file may hold a CloudFormation template (see {@link cfnTemplates}: a template names
 * `AWSTemplateFormatVersion`, a SAM transform or `AWS::` resource types), or is Terraform, which the
 * cross-platform rules also read: the engine skips those rules elsewhere.
 */
export function mayHoldTemplate(text: string, classification: Classification): boolean {
  if (classification.language === 'terraform') return true;
  // Some fifty rules ask about the same file in a row: the text is searched once.
  return holdsTemplate(text);
}

/** Whether the last text asked about names a CloudFormation type or format version. */
const holdsTemplate = lastAnswer((text: string) => text.includes('AWS::') || text.includes('AWSTemplateFormatVersion'));

/** The resource types written in the last text read (null: it escapes something, so it may hold any). */
const typesOf = lastAnswer((text: string): ReadonlySet<string> | null => (text.includes('\\') ? null : typesWritten(text)));

/**
 * Whether a template text may hold a resource of one of these types (`AWS::S3::Bucket`): false only when none
 * is written in it. A type is read from a literal string, so it is written as it is, unless an escape (`\u0041`,
 * a double-quoted YAML line continuation) spells it: a text with a backslash may hold any. The engine skips a
 * rule on a template without the types it checks (see {@link mayHoldTemplate}).
 */
export function mayHoldResourceType(text: string, types: readonly string[]): boolean {
  // The rules of one file ask in a row: the text is scanned once.
  const written = typesOf(text);
  return written === null || types.some((type) => written.has(type));
}

/** From every `AWS::` in the text, the longest run of letters, digits and colons: each type written is one of them. */
function typesWritten(text: string): Set<string> {
  const found = new Set<string>();
  for (let at = text.indexOf('AWS::'); at >= 0; at = text.indexOf('AWS::', at + 1)) {
    let end = at + 5;
    while (end < text.length && isTypeChar(text.charCodeAt(end))) end++;
    found.add(text.slice(at, end));
  }
  return found;
}

function isTypeChar(c: number): boolean {
  return (c >= 48 && c <= 58) /* 0-9 and : */ || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * The `applies` of a rule that reads only the resources of these types from a template, and from Terraform
 * either every file or, with `terraformTypes`, only files that write one of those: the engine skips it on
 * other files. Undefined `types` stand for every resource. See {@link mayHoldTemplate},
 * {@link mayHoldResourceType} and {@link mayHoldResourceOf}.
 */
export function templatesWith(types: readonly string[] | undefined, terraformTypes?: readonly string[]): (text: string, classification: Classification) => boolean {
  return (text, classification) => {
    if (classification.language === 'terraform') return terraformTypes === undefined || mayHoldResourceOf(text, terraformTypes);
    // As `mayHoldTemplate(text) && mayHoldResourceType(text, types)`, from one answer per file for every rule.
    const written = templateTypes(text);
    return written !== null && (types === undefined || written === ANY_TYPE || types.some((type) => written.has(type)));
  };
}

const ANY_TYPE = 'any';

/**
 * Of the last text asked about: null when it names no CloudFormation type or format version (no template),
 * {@link ANY_TYPE} when it escapes something (it may hold any type), else the types written in it.
 */
const templateTypes = lastAnswer((text: string): ReadonlySet<string> | typeof ANY_TYPE | null => {
  if (!text.includes('AWS::') && !text.includes('AWSTemplateFormatVersion')) return null;
  return text.includes('\\') ? ANY_TYPE : typesWritten(text);
});

/** Rules that read templates: each skipped where its own `applies` ({@link templatesWith}) says, else where no template can be. */
export function onTemplates(rules: readonly Rule[]): Rule[] {
  return rules.map((rule) => (rule.applies ? rule : applyingTo([rule], mayHoldTemplate)[0]));
}

/** The languages CloudFormation rules run on. */
export const CFN_LANGUAGES = ['yaml', 'json'] as const;
