import type { Range } from '../../engine/types';
import type { Taint, TaintKind } from '../../languages/js/flow';

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
 * Severity of a finding by its source: data of unknown provenance (a parameter) is a warning, whatever
 * the rule's default, since the caller may well pass a constant.
 */
export function severityFor(taint: Taint<unknown>): 'warning' | undefined {
  return taint.kind === 'param' ? 'warning' : undefined;
}
