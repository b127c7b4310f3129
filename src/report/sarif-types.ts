/**
 * The part of the SARIF 2.1.0 object model that Rampart writes (OASIS SARIF v2.1.0, errata 01).
 * Property names and optionality follow the specification; see the official JSON schema for the rest.
 */

/** `result.level`, `reportingConfiguration.level`, `notification.level`. */
export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

/** Arbitrary properties; `tags` is the one the specification names. */
export interface SarifPropertyBag {
  tags?: string[];
  [key: string]: unknown;
}

/** The root object of a SARIF file. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

/** One run of one tool. */
export interface SarifRun {
  tool: { driver: SarifToolComponent };
  /** Which analysis this is: `id` is `<category>/` (GitHub code scanning reads the category before the last `/`). */
  automationDetails?: { id: string };
  invocations: SarifInvocation[];
  originalUriBaseIds: Record<string, SarifArtifactLocation & { description?: SarifMessage }>;
  results: SarifResult[];
  columnKind: 'utf16CodeUnits' | 'unicodeCodePoints';
}

/** The analysis tool and its rules. */
export interface SarifToolComponent {
  name: string;
  informationUri?: string;
  semanticVersion?: string;
  rules: SarifReportingDescriptor[];
}

/** A plain-text message with an optional Markdown rendering. */
export interface SarifMultiformatMessage {
  text: string;
  markdown?: string;
}

/** Metadata of one rule. */
export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription?: SarifMultiformatMessage;
  fullDescription?: SarifMultiformatMessage;
  helpUri?: string;
  help?: SarifMultiformatMessage;
  defaultConfiguration?: { level: SarifLevel };
  properties?: SarifPropertyBag;
}

/** A plain-text message. */
export interface SarifMessage {
  text: string;
}

/** A file, relative to a base id or absolute. */
export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** A region of a file; lines and columns 1-based, `endColumn` exclusive. */
export interface SarifRegion {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
}

/** A file and optionally a region in it. */
export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region?: SarifRegion;
}

/** A location, optionally with an id and message (for related locations). */
export interface SarifLocation {
  id?: number;
  message?: SarifMessage;
  physicalLocation: SarifPhysicalLocation;
}

/** One replacement of `deletedRegion` by `insertedContent`. */
export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent?: { text: string };
}

/** A proposed fix. */
export interface SarifFix {
  description: SarifMessage;
  artifactChanges: Array<{ artifactLocation: SarifArtifactLocation; replacements: SarifReplacement[] }>;
  properties?: SarifPropertyBag;
}

/** The path of a value through the code (SARIF §3.36): one thread flow of locations, source first. */
export interface SarifCodeFlow {
  message?: SarifMessage;
  threadFlows: Array<{ locations: Array<{ location: SarifLocation; nestingLevel?: number; executionOrder?: number }> }>;
}

/** Why a result does not count. */
export interface SarifSuppression {
  /** `inSource` for a comment in the code, `external` for the configuration or the baseline. */
  kind: 'inSource' | 'external';
  status?: 'accepted' | 'underReview' | 'rejected';
  justification?: string;
}

/** One finding. */
export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  /** For value-flow findings: one thread flow from the source, through each step, to the result's location. */
  codeFlows?: SarifCodeFlow[];
  fixes?: SarifFix[];
  /** Empty when the result is not suppressed (the tool checked), as the specification recommends. */
  suppressions: SarifSuppression[];
  /** With a baseline: `unchanged` when the baseline accepts the result, `new` otherwise. */
  baselineState?: 'new' | 'unchanged' | 'updated' | 'absent';
  partialFingerprints: Record<string, string>;
  /** The rule's risk area (`riskArea`) and OWASP LLM ids (`owaspLlm`), and the finding's facts (what a registry said). */
  properties?: SarifPropertyBag;
}

/** A message from the tool about its own execution. */
export interface SarifNotification {
  level: SarifLevel;
  message: SarifMessage;
  locations?: SarifLocation[];
  associatedRule?: { id: string; index?: number };
  properties?: SarifPropertyBag;
}

/** How the tool ran. */
export interface SarifInvocation {
  executionSuccessful: boolean;
  toolExecutionNotifications: SarifNotification[];
}
