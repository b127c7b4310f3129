import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
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
  if (!isMap(node)) return entries;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
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
  if (!isScalar(node) || !node.range || node.value === null || node.value === undefined) return undefined;
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
