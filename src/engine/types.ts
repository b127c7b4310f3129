/**
 * Core data types of the Rampart engine. Everything here is plain data: findings, fixes and
 * suggestions can be serialised, compared in tests and converted at the edges (CLI, SARIF, editor).
 * Offsets are UTF-16 code units into the original text; lines and columns are 1-based, columns in
 * UTF-16 code units (SARIF's default `columnKind`).
 */

/** How serious a finding is. `off` only appears in configuration. */
export type Severity = 'error' | 'warning' | 'info';

/** Severity as written in configuration. */
export type ConfiguredSeverity = Severity | 'off';

/** A half-open `[start, end)` range of UTF-16 offsets into the original text. */
export type Range = readonly [start: number, end: number];

/** One replacement of `range` by `text`, in offsets of the original text. */
export interface TextEdit {
  range: Range;
  text: string;
  /**
   * Another file the edit applies to, as a path relative to the folder of the finding's file (`.gitignore`,
   * `/`-separated, never `..` or absolute). Such an edit inserts `text` at the start of that file (`range` is
   * `[0, 0]`: the engine has not read it) and creates the file when it does not exist. Only suggestions carry
   * them: `applyFixes` and fix-all apply edits to one text and skip them. Absent for the finding's own file.
   */
  file?: string;
}

/** A fix is a list of non-overlapping edits applied together, with an imperative title. */
export interface Fix {
  /** Imperative title, e.g. "Use execFile with an argument array". */
  title: string;
  edits: TextEdit[];
}

/** An optional fix the user chooses; never applied by `--fix`. */
export interface Suggestion extends Fix {
  messageId: string;
}

/** A fix or suggestion as a rule reports it: the title comes from the rule's messages. */
export interface FixDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  edits: TextEdit[];
}

/** 1-based line and column of an offset. */
export interface Position {
  line: number;
  column: number;
}

/** A secondary location, e.g. where an untrusted value came from. */
export interface RelatedLocation {
  message: string;
  range: Range;
  start: Position;
  end: Position;
  /**
   * Another file the location is in (a function in an imported module), relative to the finding's file's
   * folder with `/` separators (`lib/ls.ts`, `../util/db.js`); absent for the finding's own file.
   */
  file?: string;
}

/** A location a rule gives with a report: in the analysed file, or in another one with its positions. */
export type ReportLocation =
  | { message: string; range: Range; file?: undefined }
  | { message: string; range: Range; file: string; start: Position; end: Position };

/**
 * Why a finding does not count: an inline comment, a configuration entry, or the baseline of findings the team
 * accepted when adopting Rampart (`rampart scan --baseline`; the reason is then `baseline`).
 */
export interface SuppressionState {
  kind: 'inline' | 'config' | 'baseline';
  reason: string;
  /** Offsets of the suppression comment, for inline suppressions. */
  range?: Range;
}

/** One problem found in one file. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  /** Path as given to the engine (the CLI passes paths relative to the working directory). */
  file: string;
  range: Range;
  start: Position;
  end: Position;
  /** Only present when the rule declares `fix: 'safe'`. */
  fix?: Fix;
  suggestions: Suggestion[];
  /** Other places that explain the finding; the steps of {@link flow} come first when there is one. */
  related: RelatedLocation[];
  /**
   * For value-flow findings: where the untrusted value enters, then each assignment, call and parameter
   * it goes through, in order; the finding's own range is the sink (SARIF `codeFlows`).
   */
  flow?: RelatedLocation[];
  suppressed?: SuppressionState;
  /**
   * Stable identity of the finding: rule and the code of its line with white space removed, never the line
   * number (16 hex digits). The engine does not compute it: the front-ends that hold the text set it with
   * `fingerprintFindings` (src/baseline/fingerprint.ts); baselines and SARIF `partialFingerprints` use it.
   */
  fingerprint?: string;
  /** Facts behind the finding for hovers and reports (SARIF `properties`), e.g. what a registry said. */
  properties?: Readonly<Record<string, string | number | boolean>>;
}

/** A failure inside Rampart for one file: a parser that gave up or a rule that threw. */
export interface InternalError {
  file: string;
  /** `parser` for a parse failure, otherwise the id of the rule that threw. */
  source: string;
  message: string;
}

/** A file the engine looked at but did not analyse, with the reason (too large, binary, …). */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** Everything the engine has to say about one file. */
export interface FileResult {
  file: string;
  language: string | null;
  findings: Finding[];
  errors: InternalError[];
  skipped?: SkippedFile;
  /** Questions rules asked of services that got no answer (offline, synchronous run, cancelled, deadline). */
  unanswered?: number;
}

/** Categories of rules; used for docs, presets and SARIF tags. */
export type RuleCategory =
  | 'code-injection'
  | 'secrets'
  | 'transport'
  | 'crypto'
  | 'deserialization'
  | 'supply-chain'
  | 'iac'
  | 'agent-guardrails'
  | 'llm-output'
  | 'meta';

/**
 * The five areas security teams report AI risk in: misuse and emergent behaviour (prompt injection, model
 * output trusted), AI in operation (agent permissions, tools, outbound calls), AI development and
 * infrastructure (insecure code, IaC, secrets), the AI supply chain (packages, models, MCP servers), and
 * readiness and oversight (suppressions, policy, reporting). Labels and order: `RISK_AREAS` in `rule.ts`.
 */
export type RiskArea = 'misuse' | 'operation' | 'development' | 'supply-chain' | 'oversight';

/** OWASP Top 10 for LLM Applications 2025 ids. */
export type OwaspLlmId =
  | 'LLM01:2025'
  | 'LLM02:2025'
  | 'LLM03:2025'
  | 'LLM04:2025'
  | 'LLM05:2025'
  | 'LLM06:2025'
  | 'LLM07:2025'
  | 'LLM08:2025'
  | 'LLM09:2025'
  | 'LLM10:2025';

/** What fixes a rule may offer: `safe` allows fixes and suggestions, `suggestion` only suggestions. */
export type FixKind = 'none' | 'safe' | 'suggestion';

/** Metadata of a rule: the single source for docs, presets, the config schema and SARIF. */
export interface RuleMeta {
  description: string;
  severity: Severity;
  category: RuleCategory;
  /** The risk area the rule's findings are reported in (the Rampart view, SARIF `properties.riskArea`). */
  riskArea: RiskArea;
  /** CWE ids such as `CWE-78`; required unless the category is `meta`. */
  cwe: string[];
  owaspLlm?: OwaspLlmId[];
  confidence: 'high' | 'medium' | 'low';
  recommended: boolean;
  fix: FixKind;
  /** Services the rule needs, e.g. `npm-registry`. */
  requires?: string[];
  /** messageId -> template with `{{placeholders}}`. */
  messages: Record<string, string>;
  /** JSON Schema of the rule's options object, if it takes any. */
  optionsSchema?: Record<string, unknown>;
  /**
   * A finding of this rule is dropped when another rule sharing one of its CWE ids reports a range that
   * overlaps it in the same file: one diagnostic per problem, from the rule that knows the structure best
   * (the secrets rule that reads every file defers to the Dockerfile, Kubernetes, MCP or JS/TS secret rules).
   */
  defersToSpecificRules?: boolean;
  /**
   * The rule reads the documents written inside its files itself (the secrets rule reads a notebook's cells
   * from its JSON), so the engine does not also run it on those documents (see `LanguageAdapter.embedded`).
   */
  readsEmbeddedDocuments?: boolean;
  /**
   * The rule's findings come from reading the configuration (`.rampart.jsonc`), not from analysing a file:
   * it has no visitors and may list no languages (`rampart/expired-suppression`).
   */
  reportedFromConfiguration?: boolean;
}

/** Identifiers of the language adapters. */
export type LanguageId = 'js' | 'python' | 'terraform' | 'yaml' | 'dockerfile' | 'json' | 'toml' | 'text';

/** What a rule passes to `context.report`. */
export interface ReportDescriptor {
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  /** A safe fix; only allowed when the rule declares `fix: 'safe'`. */
  fix?: FixDescriptor;
  suggest?: FixDescriptor[];
  related?: ReportLocation[];
  /** The value flow behind the finding, source first (see `Finding.flow`); also shown as related locations. */
  flow?: ReportLocation[];
  /**
   * A fact for callers in other files rather than a problem here (a parameter passed unchanged to a sink:
   * whoever calls with user input has the problem). Kept only when the request asks for summaries
   * (`AnalyzeRequest.summaries`), never shown to users.
   */
  summaryOnly?: boolean;
  /**
   * Holds the finding until a service says whether it is shown (the callers of a function decide about a
   * finding on its parameter). The engine asks `service`, which `meta.requires` must declare, `query` with the
   * file and rule added (`{ ...query, file, ruleId }`) in the batched async step, and reports the finding unless
   * `hide(answer)` is true; `answer` is undefined when none comes (synchronous analysis, no such service,
   * cancellation, deadline). Not held when the request asks for summaries: there every finding is a fact.
   */
  hold?: { service: string; query: Readonly<Record<string, unknown>>; hide(answer: unknown): boolean };
  /** Facts behind the finding (strings, numbers, booleans), shown in the editor's hover and in SARIF. */
  properties?: Record<string, string | number | boolean>;
  /**
   * A lower severity than the configured one for this finding (a key in a test fixture); a higher one is
   * ignored, so configuration always caps what a rule reports.
   */
  severity?: Severity;
}

/**
 * A visitor function; the node type depends on the language adapter. Declared as a method so that a
 * rule for one adapter (`Rule<JsNode>`) can sit in a list of `Rule`s (bivariant parameter).
 */
export type VisitorFn<N = unknown> = { visit(node: N): void }['visit'];

/** Visitors keyed by node kind (e.g. Babel node types), optionally suffixed with `:exit`. */
export type Visitors<N = unknown> = Record<string, VisitorFn<N>>;
