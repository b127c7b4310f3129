import { setMaxListeners } from 'node:events';
import * as path from 'node:path';
import { onAbort } from './abort';
import { classifyFile, type Classification } from './classify';
import { EditedTrees } from './edited-trees';
import { placeInstanceEdit, type EmbeddedDocument, type Instance, type LanguageAdapter, type ParsedFile, type VisitorTable } from './language';
import { LineIndex } from './line-index';
import { formatMessage, type Rule, type RuleContext } from './rule';
import { relocate, type Placement } from './relocate';
import { parseSuppressions, SUPPRESSION_MARKER } from './suppressions';
import type {
  FileResult,
  Finding,
  FixDescriptor,
  InternalError,
  LanguageId,
  Range,
  RelatedLocation,
  ReportDescriptor,
  ReportLocation,
  Severity,
  Suggestion,
  TextEdit,
  VisitorFn,
} from './types';

/** Id of the engine's own rule that reports malformed suppression comments. */
export const INVALID_SUPPRESSION_RULE = 'rampart/invalid-suppression';

/** How one rule runs: its effective severity and options. Rules absent from the map are off. */
export interface RuleSetting {
  severity: Severity;
  options: Record<string, unknown>;
}

/** Construction options of an {@link Analyzer}. */
export interface AnalyzerOptions {
  rules: readonly Rule[];
  adapters: readonly LanguageAdapter[];
  /** Files larger than this many UTF-16 code units are skipped with a note. Default 1 MiB. */
  maxFileSize?: number;
}

/** One file to analyse. */
export interface AnalyzeRequest {
  file: string;
  text: string;
  settings: ReadonlyMap<string, RuleSetting>;
  /** Overrides classification by file name (the editor knows the document's language). */
  classification?: Classification | null;
  /** Waivers from configuration that apply to this file (already matched by path and not expired). */
  suppressions?: readonly ConfigSuppression[];
  /** Keep the findings rules mark `summaryOnly`: the file is analysed for what its callers in other files need. */
  summaries?: boolean;
  /**
   * The other files of the unit this file belongs to, which its language reads together with it: a
   * Terraform module's `.tf` files and auto-loaded `.tfvars` in the same folder. Data only; the caller reads
   * them (bounded), the engine never touches the file system.
   */
  neighbours?: readonly NeighbourFile[];
  /**
   * The file is open in an editor and analysed again after each change: its tree is kept after the analysis, and
   * the next version's is built from it where the language can (`LanguageAdapter.reparse`), parsing again only
   * what the edit touched. The findings are the same either way.
   */
  edited?: boolean;
}

/** Another file of the same unit (see {@link AnalyzeRequest.neighbours}), by its path relative to the analysed file's folder. */
export interface NeighbourFile {
  file: string;
  text: string;
}

/** A suppression from the team configuration: a rule in this file, or on one line of it, with a reason. */
export interface ConfigSuppression {
  ruleId: string;
  reason: string;
  /** 1-based line; the whole file when absent. */
  line?: number;
}

/** A service rules can ask questions of (see `RuleContext.ask`): a registry, the project's manifests. */
export interface Service {
  /** Answers one question. May reject; the question then stays unanswered. Should stop when `signal` aborts. */
  answer(query: unknown, signal: AbortSignal): Promise<unknown>;
}

/** Options of {@link Analyzer.analyzeAsync}. */
export interface AsyncAnalysisOptions {
  /** Services by name; a question to a service not listed here stays unanswered. */
  services: Readonly<Record<string, Service | undefined>>;
  /** Cancels the step: open questions are dropped, the findings so far are returned. */
  signal?: AbortSignal;
  /** Deadline for the whole async step of one file, in ms. Default 20 s. */
  timeoutMs?: number;
  /**
   * Called once with the findings so far when the traversal is done but questions are still open, so an
   * editor can show local findings before the registries answer. The final result follows.
   */
  onPartial?: (partial: FileResult) => void;
}

/** A question a rule asked during the traversal, answered in the async step. */
interface Question {
  ruleId: string;
  service: string;
  query: unknown;
  then: (answer: unknown) => void;
  /** Runs instead of `then` when no answer comes (a held finding decides without one; see `ReportDescriptor.hold`). */
  otherwise?: () => void;
}

/** A file whose traversal is done but whose rules may still wait for answers. */
interface OpenRun {
  pending: Question[];
  unanswered: number;
  /** Runs a rule's code with the rule's isolation: a throw disables the rule for this file. */
  guard(ruleId: string, fn: () => void): void;
  /** The result so far, suppressions applied, without ending the run. */
  snapshot(): FileResult;
  /** Applies suppressions, sorts and returns the result. */
  finish(): FileResult;
}

const DEFAULT_SERVICE_TIMEOUT_MS = 20_000;
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };
/** Lines a finding may span and still be indexed line by line when deferred findings are dropped. */
const MAX_INDEXED_SPAN = 200;
/** Answers may lead to further questions (project first, then the registry); never more rounds than this. */
const MAX_ROUNDS = 4;
const NO_ANSWER: unique symbol = Symbol('no answer');
/** Instances (see `Instance`) analysed for one file, nested ones included, and how deep they nest. */
const MAX_INSTANCE_RUNS = 64;
const MAX_INSTANCE_DEPTH = 4;

/** How a file is analysed as an instance of another: its values, its depth, and what it shares with the whole file. */
interface Nesting {
  bindings: unknown;
  depth: number;
  shared: {
    /** Instance runs left; once exhausted, nothing more is analysed and the instances in progress add nothing. */
    left: number;
    exhausted: boolean;
    /** Results of documents analysed with a baseline, by baseline and document (several calls of one module share them). */
    baselines: Map<unknown, Map<string, FileResult>>;
  };
}

/** Asks one service; a missing service, a rejection or cancellation gives {@link NO_ANSWER}. */
async function ask(service: Service | undefined, query: unknown, signal: AbortSignal): Promise<unknown> {
  if (!service || signal.aborted) return NO_ANSWER;
  let stopWaiting: (() => void) | undefined;
  const aborted = new Promise<typeof NO_ANSWER>((resolve) => {
    stopWaiting = onAbort(signal, () => resolve(NO_ANSWER));
  });
  try {
    return await Promise.race([service.answer(query, signal).catch(() => NO_ANSWER), aborted]);
  } finally {
    stopWaiting!();
  }
}

/** Default cap on the size of an analysed file. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/**
 * Runs rules over files: classify, parse once, traverse once with every enabled rule's visitors,
 * apply inline suppressions. Never throws for a file's content: parser and rule failures become
 * {@link InternalError} records and the other rules still run.
 */
export class Analyzer {
  private readonly rulesById = new Map<string, Rule>();
  /** The rules of each language, in registration order. */
  private readonly rulesByLanguage = new Map<LanguageId, Rule[]>();
  private readonly adapters = new Map<LanguageId, LanguageAdapter>();
  private readonly maxFileSize: number;
  /** Findings placed from an instance (see `Instance`): the message they had there and the path to where they are. */
  private readonly placed = new WeakMap<Finding, { message: string; label: string; file: string; line: number }>();
  private readonly editedTrees = new EditedTrees();

  constructor(options: AnalyzerOptions) {
    for (const rule of options.rules) this.rulesById.set(rule.id, rule);
    for (const rule of this.rulesById.values()) {
      for (const language of new Set(rule.languages)) {
        const list = this.rulesByLanguage.get(language);
        if (list) list.push(rule);
        else this.rulesByLanguage.set(language, [rule]);
      }
    }
    for (const adapter of options.adapters) this.adapters.set(adapter.id, adapter);
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** The rule with this id, if registered. */
  getRule(id: string): Rule | undefined {
    return this.rulesById.get(id);
  }

  /** How a line comment starts in a language, or null when it has none (JSON); undefined if unsupported. */
  lineComment(language: LanguageId): string | null | undefined {
    return this.adapters.get(language)?.lineComment;
  }

  /**
   * Loads the parsers of these languages (all when omitted) so that synchronous `analyze` can read their
   * files. A parser that fails to load is reported by `analyze` as a parse error of each such file.
   */
  async prepare(languages?: readonly LanguageId[]): Promise<void> {
    const adapters = languages ? languages.map((l) => this.adapters.get(l)) : [...this.adapters.values()];
    await Promise.all(adapters.map((a) => a?.prepare?.().catch(() => undefined)));
  }

  /** Whether some adapter reads files of this classification. */
  supports(classification: Classification | null): boolean {
    return classification !== null && this.adapters.has(classification.language);
  }

  /**
   * Analyses one file synchronously. Questions rules ask services (see `RuleContext.ask`) stay
   * unanswered and are counted in `FileResult.unanswered` (held findings are decided without an answer,
   * see `ReportDescriptor.hold`); use {@link analyzeAsync} to answer them.
   */
  analyze(request: AnalyzeRequest): FileResult {
    const one = (r: AnalyzeRequest): FileResult => {
      const run = this.start(r);
      if (!('pending' in run)) return run;
      unansweredAll(run);
      return run.finish();
    };
    const classification = request.classification !== undefined ? request.classification : classifyFile(request.file, request.text.slice(0, 200));
    const result = one({ ...request, classification });
    for (const doc of this.embeddedOf(request, classification, result)) this.merge(result, one(this.embeddedRequest(request, classification!, doc)), doc, request);
    return result;
  }

  /**
   * Analyses one file, then answers the rules' questions in one batched async step: every pending
   * question goes to its service at once, answers run the rules' callbacks (which may ask again, up to
   * a few rounds), and whatever is still open at the deadline or on cancellation is dropped and counted
   * in `FileResult.unanswered`. Never rejects for a service failure: a service that throws answers nothing.
   */
  async analyzeAsync(request: AnalyzeRequest, options: AsyncAnalysisOptions): Promise<FileResult> {
    const classification = request.classification !== undefined ? request.classification : classifyFile(request.file, request.text.slice(0, 200));
    if (classification) await this.prepare([classification.language]);
    const result = await this.analyzeOneAsync({ ...request, classification }, options);
    for (const doc of this.embeddedOf(request, classification, result)) {
      if (options.signal?.aborted) break;
      await this.prepare([doc.classification.language]);
      const sub = await this.analyzeOneAsync(this.embeddedRequest(request, classification!, doc), { ...options, onPartial: undefined });
      this.merge(result, sub, doc, request);
    }
    return result;
  }

  /** The documents written inside a file in other languages (a notebook's Python), when the file was analysed. */
  private embeddedOf(request: AnalyzeRequest, classification: Classification | null, result: FileResult): EmbeddedDocument[] {
    if (!classification || result.skipped || result.language === null) return [];
    const adapter = this.adapters.get(classification.language);
    if (!adapter?.embedded) return [];
    try {
      return adapter.embedded(request.text, classification, { file: request.file, neighbours: request.neighbours ?? [] }).filter((d) => this.adapters.has(d.classification.language));
    } catch (e) {
      result.errors.push({ file: result.file, source: 'parser', message: `could not read the documents inside the file: ${describeError(e)}` });
      return [];
    }
  }

  /**
   * How an embedded document is analysed: with the rules of its language, except those that read it from
   * the host file themselves, and the waivers of the whole file; waivers of one line are applied once its
   * findings are placed in the file.
   */
  private embeddedRequest(request: AnalyzeRequest, host: Classification, doc: EmbeddedDocument): AnalyzeRequest {
    const readsItself = (id: string) => {
      const rule = this.rulesById.get(id);
      return rule?.meta.readsEmbeddedDocuments === true && rule.languages.includes(host.language);
    };
    const settings = new Map([...request.settings].filter(([id]) => !readsItself(id) && (doc.rules?.(id) ?? true)));
    return { file: request.file, text: doc.text, settings, classification: doc.classification, suppressions: request.suppressions?.filter((w) => w.line === undefined) };
  }

  /** Adds an embedded document's findings to the file's, at the places of the file where their text is written. */
  private merge(result: FileResult, sub: FileResult, doc: EmbeddedDocument, request: AnalyzeRequest): void {
    const lines = new LineIndex(request.text);
    const range = (r: Range): Range => (r[0] === r[1] ? [doc.toFileEnd(r[0]), doc.toFileEnd(r[0])] : [doc.toFile(r[0]), doc.toFileEnd(r[1])]);
    const place: Placement = {
      range,
      edit: (e) => (doc.editable(e.range[0], e.range[1]) ? { range: range(e.range), text: doc.encode(e.text) } : null),
    };
    for (const f of sub.findings) {
      const located = doc.locate?.(f.range);
      if (located === null) continue;
      const finding = relocate(f, place, lines)!;
      if (located) Object.assign(finding, { range: located.range, start: lines.positionAt(located.range[0]), end: lines.positionAt(located.range[1]), related: [...finding.related, ...located.related] });
      if (located && result.findings.some((g) => g.ruleId === finding.ruleId && g.range[0] === finding.range[0] && g.range[1] === finding.range[1] && g.message === finding.message)) continue;
      const waiver = request.suppressions?.find((w) => w.ruleId === finding.ruleId && w.line === finding.start.line);
      if (waiver && !finding.suppressed) finding.suppressed = { kind: 'config', reason: waiver.reason };
      result.findings.push(finding);
    }
    result.errors.push(...sub.errors);
    if (sub.unanswered) result.unanswered = (result.unanswered ?? 0) + sub.unanswered;
    this.dropDeferred(result.findings);
    result.findings.sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
  }

  /** {@link analyzeAsync} of one document, without the documents inside it. */
  private async analyzeOneAsync(request: AnalyzeRequest, options: AsyncAnalysisOptions): Promise<FileResult> {
    const run = this.start(request);
    if (!('pending' in run)) return run;
    if (run.pending.length > 0 && options.onPartial) options.onPartial(run.snapshot());
    const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_SERVICE_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    // Services listen for the abort too; a file may ask thousands of questions.
    setMaxListeners(0, signal);
    for (let round = 0; run.pending.length > 0 && round < MAX_ROUNDS && !signal.aborted; round++) {
      const batch = run.pending.splice(0);
      const answers = await Promise.all(batch.map((q) => ask(options.services[q.service], q.query, signal)));
      batch.forEach((question, i) => {
        if (answers[i] === NO_ANSWER || signal.aborted) unanswered(run, [question]);
        else run.guard(question.ruleId, () => question.then(answers[i]));
      });
    }
    unansweredAll(run);
    return run.finish();
  }

  /** Parses and traverses; returns the finished result when nothing more can happen, else the open run. */
  private start(request: AnalyzeRequest, nest: Nesting = { bindings: undefined, depth: 0, shared: { left: MAX_INSTANCE_RUNS, exhausted: false, baselines: new Map() } }): FileResult | OpenRun {
    const { file, text } = request;
    const classification =
      request.classification !== undefined ? request.classification : classifyFile(file, text.slice(0, 200));
    const adapter = classification ? this.adapters.get(classification.language) : undefined;
    const result: FileResult = { file, language: classification?.language ?? null, findings: [], errors: [] };
    if (!adapter || !classification) return result;
    if (text.length > this.maxFileSize) {
      result.skipped = { file, reason: `larger than ${this.maxFileSize} characters` };
      return result;
    }
    if (text.includes('\u0000')) {
      result.skipped = { file, reason: 'binary content (NUL bytes)' };
      return result;
    }
    const active = (this.rulesByLanguage.get(classification.language) ?? []).filter((r) => request.settings.has(r.id) && (r.applies?.(text, classification) ?? true));
    if (active.length === 0) return result;

    let parsed: ParsedFile;
    try {
      parsed = request.edited ? this.editedTrees.parse(adapter, file, text) : adapter.parse(text, file);
    } catch (e) {
      result.errors.push({ file, source: 'parser', message: `could not parse the file: ${describeError(e)}` });
      return result;
    }
    // Line starts are only needed once something is reported or suppressed.
    let lineIndex: LineIndex | undefined;
    const lines = () => (lineIndex ??= new LineIndex(text));
    let helpers: unknown;
    const getHelpers = () =>
      (helpers ??= adapter.createHelpers(parsed, text, { neighbours: request.neighbours ?? [], ...(nest.bindings !== undefined ? { bindings: nest.bindings } : {}) }));
    const visitors: VisitorTable = { enter: new Map(), exit: new Map() };
    // Rules that threw: a throw disables the rule for this file. A flag per rule, read on every visit.
    const failed = new Map<string, { failed: boolean }>();
    const stateOf = (ruleId: string) => failed.get(ruleId) ?? failed.set(ruleId, { failed: false }).get(ruleId)!;
    const fail = (ruleId: string, state: { failed: boolean }, e: unknown): void => {
      state.failed = true;
      result.errors.push(ruleError(file, ruleId, e));
    };
    // Runs a rule's code with the rule's isolation.
    const guard = (ruleId: string, fn: () => void): void => {
      const state = stateOf(ruleId);
      if (state.failed) return;
      try {
        fn();
      } catch (e) {
        fail(ruleId, state, e);
      }
    };
    const pending: Question[] = [];

    const fileRun: FileRun = { classification, file, text, lines, getHelpers, sink: result.findings, pending, summaries: request.summaries === true };
    for (const rule of active) {
      const context = new Context(rule, request.settings.get(rule.id)!, fileRun);
      let table: Record<string, VisitorFn>;
      try {
        table = rule.create(context);
      } catch (e) {
        result.errors.push(ruleError(file, rule.id, e));
        continue;
      }
      const state = stateOf(rule.id);
      for (const [key, fn] of Object.entries(table)) {
        const exit = key.endsWith(':exit');
        const kind = exit ? key.slice(0, -5) : key;
        // No closure per visited node, and no look-up: this runs for every node of every file.
        const guarded: VisitorFn = (node) => {
          if (state.failed) return;
          try {
            fn(node);
          } catch (e) {
            fail(rule.id, state, e);
          }
        };
        const map = exit ? visitors.exit : visitors.enter;
        const list = map.get(kind);
        if (list) list.push(guarded);
        else map.set(kind, [guarded]);
      }
    }

    try {
      adapter.traverse(parsed, visitors);
    } catch (e) {
      result.errors.push({ file, source: 'parser', message: `could not walk the syntax tree: ${describeError(e)}` });
    }
    if (adapter.instances && (request.neighbours?.length ?? 0) > 0 && nest.depth < MAX_INSTANCE_DEPTH) {
      try {
        for (const instance of adapter.instances(getHelpers())) {
          if (!this.addInstanceFindings(instance, request, classification, lines, result.findings, nest)) break;
        }
      } catch (e) {
        result.errors.push({ file, source: 'parser', message: `could not read the modules the file calls: ${describeError(e)}` });
      }
    }
    // Suppressions are applied to the findings so far; applying them again later changes nothing.
    const settle = (findings: Finding[]): Finding[] => {
      this.dropDeferred(findings);
      if (text.includes(SUPPRESSION_MARKER)) this.applySuppressions(findings, result.file, parsed, lines, request.settings);
      for (const finding of findings) {
        const waiver = request.suppressions?.find((w) => w.ruleId === finding.ruleId && (w.line === undefined || w.line === finding.start.line));
        if (waiver && !finding.suppressed) finding.suppressed = { kind: 'config', reason: waiver.reason };
      }
      return findings.sort((a, b) => a.range[0] - b.range[0] || a.ruleId.localeCompare(b.ruleId));
    };
    const snapshot = (): FileResult => ({ ...result, findings: settle([...result.findings]), errors: [...result.errors] });
    const finish = (): FileResult => {
      settle(result.findings);
      if (run.unanswered > 0) result.unanswered = run.unanswered;
      if (request.edited) this.editedTrees.keep(adapter, file, text, parsed);
      else {
        try {
          adapter.dispose?.(parsed);
        } catch {
          // Freeing memory must not lose the findings.
        }
      }
      return result;
    };
    const run: OpenRun = { pending, unanswered: 0, guard, snapshot, finish };
    return run;
  }

  /**
   * Analyses an instance with its baseline and with its bindings, and adds to `sink` the findings only the
   * bindings cause, placed in the file. False when the budget ran out: then nothing of this instance is added
   * (past the budget, nothing rather than a guess).
   */
  private addInstanceFindings(instance: Instance, request: AnalyzeRequest, classification: Classification, lines: () => LineIndex, sink: Finding[], nest: Nesting): boolean {
    const { shared } = nest;
    const run = (bindings: unknown): FileResult | null => {
      if (shared.left <= 0) shared.exhausted = true;
      if (shared.exhausted) return null;
      shared.left--;
      const sub = this.start({ file: instance.file, text: instance.text, settings: request.settings, classification, neighbours: instance.neighbours }, { bindings, depth: nest.depth + 1, shared });
      if (!('pending' in sub)) return sub;
      sub.unanswered += sub.pending.length;
      return sub.finish();
    };
    const byDocument = shared.baselines.get(instance.baseline) ?? shared.baselines.set(instance.baseline, new Map()).get(instance.baseline)!;
    const document = `${instance.file}\u0000${instance.text}`;
    const baseline = byDocument.get(document) ?? run(instance.baseline);
    if (baseline) byDocument.set(document, baseline);
    const bound = run(instance.bindings);
    if (!baseline || !bound || shared.exhausted) return false;
    const key = (f: Finding) => `${f.ruleId}\u0000${f.messageId}\u0000${f.range[0]}:${f.range[1]}\u0000${f.message}`;
    const own = new Set(baseline.findings.map(key));
    const there = (r: RelatedLocation): RelatedLocation => ({ ...r, file: joinPath(instance.file, r.file) });
    for (const f of bound.findings) {
      if (own.has(key(f))) continue;
      const placement = instance.place(f.range);
      if (!placement) continue;
      const placeFix = (fix: Suggestion): Suggestion | null => {
        const edits = fix.edits.map((e) => placeInstanceEdit(placement, e));
        return edits.every((e) => e !== null) ? { ...fix, edits: edits as TextEdit[] } : null;
      };
      const fix = f.fix ? placeFix({ messageId: '', ...f.fix }) : null;
      const at = (range: Range) => ({ range, start: lines().positionAt(range[0]), end: lines().positionAt(range[1]) });
      // A finding placed from a nested instance names the whole path: `module.app.module.db (../db/main.tf:12)`.
      const inner = this.placed.get(f);
      const via = inner
        ? { message: inner.message, label: `${instance.label}.${inner.label}`, file: joinPath(instance.file, inner.file), line: inner.line }
        : { message: f.message, label: instance.label, file: instance.file, line: f.start.line };
      const message = `${via.message} — via ${via.label} (${via.file}:${via.line})`;
      // Once per problem: the file's own finding of the rule there (a credential passed as an input) stands for it.
      const [start, end] = placement.range;
      if (sink.some((g) => g.ruleId === f.ruleId && g.range[0] === start && g.range[1] === end && (!this.placed.has(g) || g.message === message))) continue;
      const finding: Finding = {
        ...f,
        message,
        file: request.file,
        ...at(placement.range),
        suggestions: f.suggestions.map(placeFix).filter((s) => s !== null),
        related: [
          { message: `where ${instance.label} uses the value`, file: instance.file, range: f.range, start: f.start, end: f.end },
          ...(placement.related ? [{ message: placement.related.message, ...at(placement.related.range) }] : []),
          ...f.related.map(there),
        ],
      };
      if (f.flow) finding.flow = f.flow.map(there);
      if (fix) finding.fix = { title: fix.title, edits: fix.edits };
      else delete finding.fix;
      // A waiver written in the module stays (it was written for every caller); its comment is in the other file.
      if (f.suppressed) finding.suppressed = { kind: f.suppressed.kind, reason: f.suppressed.reason };
      this.placed.set(finding, via);
      sink.push(finding);
    }
    return true;
  }

  /**
   * Removes findings of `defersToSpecificRules` rules that overlap a finding of a rule sharing a CWE id
   * with them. The specific findings are indexed by line, so the check stays linear in the findings.
   */
  private dropDeferred(findings: Finding[]): void {
    const metaOf = (f: Finding) => this.rulesById.get(f.ruleId)?.meta;
    if (!findings.some((f) => metaOf(f)?.defersToSpecificRules)) return;
    const byLine = new Map<number, Finding[]>();
    const wide: Finding[] = [];
    for (const g of findings) {
      if (metaOf(g)?.defersToSpecificRules) continue;
      // Every line of a finding is indexed; one spanning very many lines (a whole file) is checked against all.
      if (g.end.line - g.start.line > MAX_INDEXED_SPAN) wide.push(g);
      else for (let line = g.start.line; line <= g.end.line; line++) byLine.set(line, [...(byLine.get(line) ?? []), g]);
    }
    const overlaps = (a: Finding, b: Finding) => a.range[0] < b.range[1] && b.range[0] < a.range[1];
    const kept = findings.filter((f) => {
      const meta = metaOf(f);
      if (!meta?.defersToSpecificRules) return true;
      const near = [...wide];
      for (let line = f.start.line; line <= Math.min(f.end.line, f.start.line + MAX_INDEXED_SPAN); line++) near.push(...(byLine.get(line) ?? []));
      return !near.some((g) => g.ruleId !== f.ruleId && metaOf(g)?.cwe.some((c) => meta.cwe.includes(c)) && overlaps(f, g));
    });
    findings.splice(0, findings.length, ...kept);
  }

  private applySuppressions(
    findings: Finding[],
    file: string,
    parsed: ParsedFile,
    lines: () => LineIndex,
    settings: ReadonlyMap<string, RuleSetting>,
  ): void {
    const marked = parsed.comments.filter((c) => c.value.includes(SUPPRESSION_MARKER));
    if (marked.length === 0) return;
    const { suppressions, problems } = parseSuppressions(marked, lines(), (id) => this.rulesById.has(id));
    for (const finding of findings) {
      const s = suppressions.find((x) => x.targetLine === finding.start.line && x.ruleIds.includes(finding.ruleId));
      if (s) finding.suppressed = { kind: 'inline', reason: s.reason, range: s.range };
    }
    const setting = settings.get(INVALID_SUPPRESSION_RULE);
    const meta = this.rulesById.get(INVALID_SUPPRESSION_RULE)?.meta;
    if (!setting || !meta) return;
    if (findings.some((f) => f.ruleId === INVALID_SUPPRESSION_RULE)) return;
    for (const p of problems) {
      findings.push({
        ruleId: INVALID_SUPPRESSION_RULE,
        messageId: p.messageId,
        message: formatMessage(meta.messages[p.messageId], p.data),
        severity: setting.severity,
        file,
        range: p.range,
        start: lines().positionAt(p.range[0]),
        end: lines().positionAt(p.range[1]),
        suggestions: [],
        related: [],
      });
    }
  }
}

/** What the contexts of the rules running on one file share. */
interface FileRun {
  readonly classification: Classification;
  readonly file: string;
  readonly text: string;
  readonly lines: () => LineIndex;
  readonly getHelpers: () => unknown;
  readonly sink: Finding[];
  readonly pending: Question[];
  readonly summaries: boolean;
}

/**
 * The context of one rule on one file. A class, so that the hundreds of contexts a scan makes per file
 * (one per active rule) share their methods instead of each holding closures of its own.
 */
class Context implements RuleContext {
  readonly ruleId: string;
  readonly classification: Classification;
  readonly file: string;
  readonly text: string;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
  readonly summaries: boolean;

  constructor(
    private readonly rule: Rule,
    private readonly setting: RuleSetting,
    private readonly run: FileRun,
  ) {
    this.ruleId = rule.id;
    this.classification = run.classification;
    this.file = run.file;
    this.text = run.text;
    this.severity = setting.severity;
    this.options = setting.options;
    this.summaries = run.summaries;
  }

  get lang(): unknown {
    return this.run.getHelpers();
  }

  report(d: ReportDescriptor): void {
    const { meta } = this.rule;
    const { file, lines, sink, pending, summaries } = this.run;
    const template = meta.messages[d.messageId];
    if (template === undefined) throw new Error(`unknown messageId "${d.messageId}"`);
    if (d.fix && meta.fix !== 'safe') throw new Error(`reported a fix but meta.fix is "${meta.fix}"`);
    if (d.suggest?.length && meta.fix === 'none') throw new Error('reported suggestions but meta.fix is "none"');
    if (d.fix?.edits.some((e) => e.file !== undefined)) throw new Error('a safe fix edits only the file it is reported in');
    if (d.summaryOnly && !summaries) return;
    for (const s of d.suggest ?? []) {
      for (const e of s.edits) {
        if (e.file === undefined) continue;
        if (!isSiblingPath(e.file)) throw new Error(`an edit of another file needs a relative path inside the folder: ${e.file}`);
        if (e.range[0] !== 0 || e.range[1] !== 0) throw new Error('an edit of another file inserts at its start: range [0, 0]');
      }
    }
    const toFix = (f: FixDescriptor): Suggestion => {
      const title = meta.messages[f.messageId];
      if (title === undefined) throw new Error(`unknown fix messageId "${f.messageId}"`);
      return { messageId: f.messageId, title: formatMessage(title, f.data), edits: copyEdits(f.edits) };
    };
    const suggestions = (d.suggest ?? []).map(toFix);
    const located = (r: ReportLocation): RelatedLocation =>
      r.file !== undefined
        ? { message: r.message, range: r.range, start: r.start, end: r.end, file: r.file }
        : { message: r.message, range: r.range, start: lines().positionAt(r.range[0]), end: lines().positionAt(r.range[1]) };
    const fix = d.fix ? toFix(d.fix) : undefined;
    const severity = this.setting.severity;
    const finding: Finding = {
      ruleId: this.rule.id,
      messageId: d.messageId,
      message: formatMessage(template, d.data),
      severity: d.severity && SEVERITY_RANK[d.severity] < SEVERITY_RANK[severity] ? d.severity : severity,
      file,
      range: d.range,
      start: lines().positionAt(d.range[0]),
      end: lines().positionAt(d.range[1]),
      ...(fix ? { fix: { title: fix.title, edits: fix.edits } } : {}),
      suggestions,
      related: [...(d.flow ?? []), ...(d.related ?? [])].map(located),
      ...(d.flow && d.flow.length > 0 ? { flow: d.flow.map(located) } : {}),
      ...(d.properties ? { properties: { ...d.properties } } : {}),
    };
    if (!d.hold || summaries) {
      sink.push(finding);
      return;
    }
    const { service, query, hide } = d.hold;
    if (!meta.requires?.includes(service)) throw new Error(`held a finding for service "${service}" that meta.requires does not declare`);
    const show = (answer: unknown) => {
      if (!hide(answer)) sink.push(finding);
    };
    pending.push({ ruleId: this.rule.id, service, query: { ...query, file, ruleId: this.rule.id }, then: show, otherwise: () => show(undefined) });
  }

  ask(service: string, query: unknown, then: (answer: never) => void): void {
    if (!this.rule.meta.requires?.includes(service)) throw new Error(`asked service "${service}" that meta.requires does not declare`);
    this.run.pending.push({ ruleId: this.rule.id, service, query, then: then as (answer: unknown) => void });
  }
}

/** Counts questions that get no answer; a held finding among them is decided without one. */
function unanswered(run: OpenRun, questions: readonly Question[]): void {
  for (const q of questions) {
    run.unanswered++;
    if (q.otherwise) run.guard(q.ruleId, q.otherwise);
  }
}

/** Ends a run's questions: those still open get no answer (and a question asked by a decision without one, none either). */
function unansweredAll(run: OpenRun): void {
  unanswered(run, run.pending.splice(0));
  run.unanswered += run.pending.splice(0).length;
}

function copyEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: [e.range[0], e.range[1]] as Range, text: e.text, ...(e.file !== undefined ? { file: e.file } : {}) }));
}

function ruleError(file: string, ruleId: string, e: unknown): InternalError {
  return { file, source: ruleId, message: `rule ${ruleId} failed: ${describeError(e)}` };
}

/** A one-line description of a thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0];
  return String(e);
}

/**
 * The path of `file` (relative to the folder of `base`, or `base` itself when absent) relative to the folder
 * `base` is relative to: `joinPath('modules/db/main.tf', '../shared/main.tf')` is `modules/shared/main.tf`.
 */
function joinPath(base: string, file: string | undefined): string {
  return file === undefined ? base : path.posix.normalize(path.posix.join(path.posix.dirname(base), file));
}

/** A path relative to a folder that stays inside it: no absolute path, drive, `..` or empty segment. */
function isSiblingPath(file: string): boolean {
  return file !== '' && !file.startsWith('/') && !file.includes('\\') && !/^[A-Za-z]:/.test(file) && file.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}
