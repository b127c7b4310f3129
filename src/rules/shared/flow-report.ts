import type { Range } from '../../engine/types';
import type { FlowOptions, Taint, TaintKind } from '../../languages/js/flow';

/** Steps of a value flow shown, at most, after its source (those nearest the source). */
const MAX_STEPS = 4;

/** Where a value-flow finding's value enters, then the steps it went through (for `ReportDescriptor.flow`). */
export interface FlowLocation {
  message: string;
  range: Range;
}

/**
 * The value flow of a finding for `context.report({ flow })`, in either language: the source (with
 * `enters` as the label, or "The caller chooses this value" for a parameter source), then the
 * assignments, calls and parameters the value went through. `place` gives a node's range and a
 * one-line description.
 */
export function flowLocations<N>(
  taint: Taint<N>,
  place: { range(node: N): Range; describe(node: N): string },
  enters = 'Untrusted data enters here',
): FlowLocation[] {
  const label = taint.kind === 'param' ? 'The caller chooses this value' : enters;
  const locations: FlowLocation[] = [{ message: `${label}: ${taint.description}`, range: place.range(taint.node) }];
  for (const step of (taint.steps ?? []).slice(0, MAX_STEPS)) {
    locations.push({ message: `It flows through here: ${place.describe(step).split('\n')[0]}`, range: place.range(step) });
  }
  return locations;
}

/** The default kinds plus parameters of exported functions: for sinks where a built value is injection-shaped. */
export const WITH_CALLER_PARAMETERS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'param']);

/**
 * Flow options for a sink: the default kinds and caller parameters, those passed through unchanged
 * included, which the rule then reports {@link summaryOnly} (a fact for callers in other files).
 */
export const CALLER_PARAMETERS: Readonly<FlowOptions> = Object.freeze({ kinds: WITH_CALLER_PARAMETERS, passThrough: true });

/**
 * Whether a finding from this source is only a summary for callers in other files: a parameter passed to the sink
 * unchanged, or one of a function whose calls in its own module decide there (`Taint.calledHere`).
 */
export function summaryOnly(taint: Taint<unknown>): boolean {
  return taint.kind === 'param' && (taint.passThrough === true || taint.calledHere === true);
}

/**
 * Severity of a finding by its source: data of unknown provenance (a parameter) is a warning, whatever
 * the rule's default, since the caller may well pass a constant.
 */
export function severityFor(taint: Taint<unknown>): 'warning' | undefined {
  return taint.kind === 'param' ? 'warning' : undefined;
}

/**
 * Facts of a finding whose source is a caller's parameter (`ReportDescriptor.properties`): which parameter,
 * and the name other modules import its function by, so that a call from another file can be matched to it.
 */
export function parameterFacts(taint: Taint<unknown>): Record<string, string | number> | undefined {
  const p = taint.parameter;
  if (taint.kind !== 'param' || !p) return undefined;
  return { parameter: p.name, parameterIndex: p.index, ...(p.importedAs !== null ? { parameterImportedAs: p.importedAs } : {}) };
}
