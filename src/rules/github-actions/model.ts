import { isMap, isScalar, isSeq, Scalar, YAMLMap, type Node, type Pair } from 'yaml';
import type { RuleContext } from '../../engine/rule';
import type { Range, TextEdit } from '../../engine/types';
import type { YamlDocument, YamlHelpers } from '../../languages/yaml';

/** A scalar written as text (or a number/boolean) with its exact source range. */
export interface GhaString {
  value: string;
  range: Range;
  node: Scalar;
}

/** A `key: value` pair of a mapping, with the ranges of its key and value. */
export interface GhaEntry {
  key: string;
  keyRange: Range;
  pair: Pair;
  value: Node | null;
  /** Range of the value node; undefined for an empty value. */
  valueRange?: Range;
}

/** One step of a job or of a composite action. */
export interface GhaStep {
  map: YAMLMap;
  entries: Map<string, GhaEntry>;
  uses?: GhaString;
  run?: GhaString;
  /** `with:` inputs by name. */
  with: Map<string, GhaString>;
  /** The step's `env:` entry, if any. */
  env?: GhaEntry;
  shell?: string;
  /** The job the step belongs to; undefined in a composite action. */
  job?: GhaJob;
}

/** One job of a workflow. */
export interface GhaJob {
  id: string;
  keyRange: Range;
  entries: Map<string, GhaEntry>;
  runsOn?: GhaEntry;
  /** Runner labels from `runs-on` (a string, a list, or a `{ group, labels }` map). */
  runsOnLabels: GhaString[];
  permissions?: GhaEntry;
  /** A reusable workflow called with `uses:` at job level. */
  uses?: GhaString;
  steps: GhaStep[];
}

/** An event that triggers a workflow (`on`), with the range of its name. */
export interface GhaTrigger {
  name: string;
  range: Range;
}

/** The typed view of one YAML document that is a workflow or a composite action. */
export interface GhaFile {
  kind: 'workflow' | 'action';
  document: YamlDocument;
  root: YAMLMap;
  entries: Map<string, GhaEntry>;
  triggers: GhaTrigger[];
  permissions?: GhaEntry;
  jobsEntry?: GhaEntry;
  jobs: GhaJob[];
  /** Steps of every job, then of a composite action's `runs.steps`. */
  steps: GhaStep[];
  /** Every `env:` mapping: workflow, job, step (and composite steps). */
  envs: GhaEntry[];
}

const cache = new WeakMap<object, GhaFile[]>();

/**
 * The workflows or composite actions of the file the rule runs on: one view per document whose root
 * is a mapping; empty for files of other dialects. Cached per file.
 */
export function ghaFiles(context: RuleContext<unknown>): GhaFile[] {
  const dialect = context.classification.dialect;
  if (dialect !== 'github-workflow' && dialect !== 'github-action') return [];
  const helpers = context.lang as YamlHelpers;
  const cached = cache.get(helpers);
  if (cached) return cached;
  const files: GhaFile[] = [];
  for (const document of helpers.documents) {
    const root = document.contents;
    if (isMap(root)) files.push(buildFile(dialect === 'github-workflow' ? 'workflow' : 'action', document, root));
  }
  cache.set(helpers, files);
  return files;
}

/** The entries of a mapping by key text (the first of duplicate keys wins); empty for a non-mapping. */
export function entriesOf(node: unknown): Map<string, GhaEntry> {
  const entries = new Map<string, GhaEntry>();
  // Called for every mapping of a workflow, and `stringOf` for every value read: `instanceof` (the composer's own
  // classes) is the cheap test of a node's kind.
  if (!(node instanceof YAMLMap)) return entries;
  for (const pair of node.items as Pair[]) {
    if (!(pair.key instanceof Scalar) || !pair.key.range) continue;
    const key = String(pair.key.value);
    if (entries.has(key)) continue;
    const value = (pair.value ?? null) as Node | null;
    const valueRange = value?.range ? ([value.range[0], value.range[1]] as const) : undefined;
    entries.set(key, { key, keyRange: [pair.key.range[0], pair.key.range[1]], pair: pair as Pair, value, ...(valueRange ? { valueRange } : {}) });
  }
  return entries;
}

/** A scalar value as a {@link GhaString}; undefined for collections, aliases and nulls. */
export function stringOf(node: unknown): GhaString | undefined {
  if (!(node instanceof Scalar) || !node.range || node.value === null || node.value === undefined) return undefined;
  const v = node.value;
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
  return { value: String(v), range: [node.range[0], node.range[1]], node };
}

/** 0-based column of an offset in the text. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function buildFile(kind: 'workflow' | 'action', document: YamlDocument, root: YAMLMap): GhaFile {
  const entries = entriesOf(root);
  const onEntry = entries.get('on') ?? entries.get('true');
  const jobsEntry = entries.get('jobs');
  const jobs = kind === 'workflow' ? jobsOf(jobsEntry) : [];
  const actionSteps = kind === 'action' ? stepsOf(entriesOf(entries.get('runs')?.value).get('steps')?.value) : [];
  const steps = [...jobs.flatMap((j) => j.steps), ...actionSteps];
  const envs = [entries.get('env'), ...jobs.map((j) => j.entries.get('env')), ...steps.map((s) => s.env)].filter((e): e is GhaEntry => e !== undefined);
  return {
    kind,
    document,
    root,
    entries,
    triggers: onEntry ? triggersOf(onEntry.value) : [],
    ...(entries.get('permissions') ? { permissions: entries.get('permissions') } : {}),
    ...(jobsEntry ? { jobsEntry } : {}),
    jobs,
    steps,
    envs,
  };
}

/** `on: push`, `on: [push, pull_request]` or `on: { push: …, pull_request_target: … }`. */
function triggersOf(node: Node | null): GhaTrigger[] {
  const one = stringOf(node);
  if (one) return [{ name: one.value, range: one.range }];
  if (isSeq(node)) return node.items.map(stringOf).filter((s): s is GhaString => s !== undefined).map((s) => ({ name: s.value, range: s.range }));
  return [...entriesOf(node).values()].map((e) => ({ name: e.key, range: e.keyRange }));
}

function jobsOf(jobsEntry: GhaEntry | undefined): GhaJob[] {
  const jobs: GhaJob[] = [];
  for (const entry of entriesOf(jobsEntry?.value).values()) {
    const entries = entriesOf(entry.value);
    const runsOn = entries.get('runs-on');
    const uses = stringOf(entries.get('uses')?.value);
    const job: GhaJob = {
      id: entry.key,
      keyRange: entry.keyRange,
      entries,
      ...(runsOn ? { runsOn } : {}),
      runsOnLabels: labelsOf(runsOn?.value ?? null),
      ...(entries.get('permissions') ? { permissions: entries.get('permissions') } : {}),
      ...(uses ? { uses } : {}),
      steps: [],
    };
    job.steps = stepsOf(entries.get('steps')?.value, job);
    jobs.push(job);
  }
  return jobs;
}

function labelsOf(node: Node | null): GhaString[] {
  const one = stringOf(node);
  if (one) return [one];
  if (isSeq(node)) return node.items.map(stringOf).filter((s): s is GhaString => s !== undefined);
  if (isMap(node)) return labelsOf(entriesOf(node).get('labels')?.value ?? null);
  return [];
}

function stepsOf(node: unknown, job?: GhaJob): GhaStep[] {
  if (!isSeq(node)) return [];
  const steps: GhaStep[] = [];
  for (const item of node.items) {
    if (!isMap(item)) continue;
    const entries = entriesOf(item);
    const uses = stringOf(entries.get('uses')?.value);
    const run = stringOf(entries.get('run')?.value);
    const withs = new Map<string, GhaString>();
    for (const w of entriesOf(entries.get('with')?.value).values()) {
      const s = stringOf(w.value);
      if (s) withs.set(w.key, s);
    }
    const shell = stringOf(entries.get('shell')?.value)?.value;
    steps.push({
      map: item,
      entries,
      ...(uses ? { uses } : {}),
      ...(run ? { run } : {}),
      with: withs,
      ...(entries.get('env') ? { env: entries.get('env') } : {}),
      ...(shell ? { shell } : {}),
      ...(job ? { job } : {}),
    });
  }
  return steps;
}

/** The name of an action without its ref, lower-cased (`actions/checkout`), for a `uses:` value. */
export function actionName(uses: string): string {
  const at = uses.indexOf('@');
  return (at < 0 ? uses : uses.slice(0, at)).trim().toLowerCase();
}

/** Whether the workflow runs on one of these events. */
export function triggeredBy(file: GhaFile, events: readonly string[]): GhaTrigger | undefined {
  return file.triggers.find((t) => events.includes(t.name));
}

/** The ref after the last `@` of a `uses:` value (`v4`, a commit SHA, a branch); undefined without one. */
export function refOf(uses: string): string | undefined {
  const value = uses.trim();
  const at = value.lastIndexOf('@');
  return at < 0 ? undefined : value.slice(at + 1);
}

/** The version a `uses:` names, as numbers, and where it was read. */
export interface ActionVersion {
  numbers: number[];
  /** `tag`: the ref itself (`v4` follows the newest 4.x release); `comment`: the `# v4.3.1` after a commit SHA. */
  source: 'tag' | 'comment';
}

const VERSION_TAG = /^v?(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/i;
const VERSION_COMMENT = /^[ \t]{0,40}#[ \t]{0,40}v?(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?(?![\w.-])/i;
const SHA = /^[0-9a-f]{40}$/i;

/**
 * The version of an action reference: its tag (`v4`, `v4.3.1`, `45.0.7`) or, for a commit SHA, the
 * version in the comment after it on the same line (`@<sha> # v4.3.1`, as Dependabot and Renovate write
 * it). Undefined for branches, expressions, and SHAs without such a comment.
 */
export function actionVersion(text: string, uses: GhaString): ActionVersion | undefined {
  const ref = refOf(uses.value);
  if (ref === undefined) return undefined;
  const numbers = (m: RegExpExecArray): number[] => m.slice(1).filter((p) => p !== undefined).map(Number);
  const tag = VERSION_TAG.exec(ref);
  if (tag) return { numbers: numbers(tag), source: 'tag' };
  if (!SHA.test(ref)) return undefined;
  const end = text.indexOf('\n', uses.range[1]);
  const comment = VERSION_COMMENT.exec(text.slice(uses.range[1], end < 0 ? text.length : end));
  return comment ? { numbers: numbers(comment), source: 'comment' } : undefined;
}

/**
 * Whether the version is older than `bound` (`[4, 4, 0]` = v4.4.0). A tag without its minor or patch
 * part (`v4`) follows the newest release of that line, so it is not older than any bound in that line;
 * a comment that omits them (`# v4` after a SHA) says too little: undefined.
 */
export function versionBefore(version: ActionVersion, bound: readonly number[]): boolean | undefined {
  for (let i = 0; i < bound.length; i++) {
    const part = version.numbers[i];
    if (part === undefined) return version.source === 'tag' ? false : undefined;
    if (part !== bound[i]) return part < bound[i];
  }
  return false;
}

/** Offset of the start of the line that holds `offset`. */
function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the end of the line that holds `offset`, before its line break. */
function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** Whether only indentation (and a sequence dash) precedes `offset` on its line. */
function firstOnLine(text: string, offset: number, allowDash: boolean): boolean {
  const before = text.slice(lineStartOf(text, offset), offset).trim();
  return before === '' || (allowDash && before === '-');
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Edits that set the step's input `with.<key>` to `value` (YAML text): the value is replaced when the
 * input is set, a line is added at the top of a block `with:` mapping, or a `with:` mapping is added after
 * the `uses:` line. Undefined when the step is not written in plain block style (flow mappings, a `with:`
 * that is not a mapping, keys that do not start their line) or the current value is not a scalar.
 */
export function setWithInput(text: string, step: GhaStep, key: string, value: string): TextEdit[] | undefined {
  if (step.map.flow) return undefined;
  const eol = lineBreakOf(text);
  const withEntry = step.entries.get('with');
  if (withEntry) {
    const map = withEntry.value;
    if (!isMap(map) || map.flow) return undefined;
    const current = entriesOf(map).get(key);
    if (current) {
      const scalar = stringOf(current.value);
      return scalar ? [{ range: scalar.range, text: value }] : undefined;
    }
    const first = map.items[0]?.key;
    if (!isScalar(first) || !first.range || !firstOnLine(text, first.range[0], false)) return undefined;
    const start = first.range[0];
    return [{ range: [start, start], text: `${key}: ${value}${eol}${' '.repeat(columnOf(text, start))}` }];
  }
  const uses = step.entries.get('uses');
  if (!uses || !step.uses || !firstOnLine(text, uses.keyRange[0], true)) return undefined;
  const indent = ' '.repeat(columnOf(text, uses.keyRange[0]));
  const at = lineEndOf(text, step.uses.range[1]);
  return [{ range: [at, at], text: `${eol}${indent}with:${eol}${indent}  ${key}: ${value}` }];
}

/**
 * Edits that delete the step's input `with.<key>` (its whole line; the `with:` line too when it is the
 * only input). Undefined unless the input is a one-line scalar whose key starts its line.
 */
export function removeWithInput(text: string, step: GhaStep, key: string): TextEdit[] | undefined {
  const withEntry = step.entries.get('with');
  const map = withEntry?.value;
  if (!withEntry || step.map.flow || !isMap(map) || map.flow) return undefined;
  const entries = entriesOf(map);
  const entry = entries.get(key);
  const scalar = stringOf(entry?.value);
  if (!entry || !scalar || text.slice(entry.keyRange[0], scalar.range[1]).includes('\n')) return undefined;
  const only = map.items.length === 1;
  const from = only ? withEntry.keyRange[0] : entry.keyRange[0];
  if (!firstOnLine(text, from, false) || !firstOnLine(text, entry.keyRange[0], false)) return undefined;
  const start = lineStartOf(text, from);
  const end = lineEndOf(text, scalar.range[1]);
  const newline = text.indexOf('\n', end);
  // The last line of the file has no line break after it: take the one before it instead.
  const range: Range = newline >= 0 ? [start, newline + 1] : [Math.max(0, start - lineBreakOf(text).length), end];
  return [{ range, text: '' }];
}

/** Refs and repositories that name a pull request's (or a triggering run's) code. */
export const UNTRUSTED_REF =
  /github\.event\.pull_request\.(?:head\.(?:sha|ref|repo\.full_name)|merge_commit_sha|number)|github\.head_ref|github\.event\.workflow_run\.(?:head_sha|head_branch|head_repository\.full_name)|github\.event\.number|refs\/pull\//;

/** Commands that run code from the working tree (package scripts, build files, tests, local scripts). */
const EXECUTES =
  /(?:^|[\s;&|(`])(?:npm|npx|yarn|pnpm|bun|node|deno|make|cmake|python3?|pip3?|poetry|pytest|tox|nox|go|cargo|mvn|gradle|dotnet|bundle|rake|ruby|php|composer|docker|sh|bash|source|tsc|jest|mocha|vitest|eslint|pre-commit|lerna|nx|turbo)(?=[\s;&|)]|$)|(?:^|[\s;&|(`])\.{1,2}\/[\w.-]/m;

/**
 * A step that executes files of the workspace: a build, test or package tool, a local script, or a
 * local action. Shared by the rules that judge what runs after an untrusted checkout.
 */
export function runsWorkspaceCode(step: GhaStep): boolean {
  if (step.run) return EXECUTES.test(step.run.value);
  return step.uses !== undefined && step.uses.value.trim().startsWith('./');
}

/** `${{ x }}` written as `x`, so that messages never show template braces (linear: an expression never contains `${{`). */
export function withoutBraces(text: string): string {
  return text.replace(/\$\{\{((?:[^$}]|\$(?!\{\{)|\}(?!\}))*)\}\}/g, (_, inner: string) => inner.trim());
}
