import { chartOf, renderHelmTemplate } from './helm';
import { renderKustomize } from './kustomize';
import type { Rendered } from './rendered';

type Neighbours = ReadonlyArray<{ file: string; text: string }>;

/** The last renders, so that the model (which leaves out what renders) and the adapter (which renders it) share one. */
const recent: Array<{ file: string; text: string; neighbours: Neighbours; rendered: Rendered | null }> = [];
const RECENT = 4;

/**
 * What a YAML file renders to with its neighbours: a Helm template with its chart's `values.yaml` and `Chart.yaml`,
 * or a kustomization (or a patch file of one) with its bases and patches. Null when it renders to nothing: no such
 * neighbours, or a template or kustomization outside what is modelled (the file is then read as it is). Never throws.
 */
export function renderWithNeighbours(file: string, text: string, neighbours: Neighbours): Rendered | null {
  if (neighbours.length === 0) return null;
  const hit = recent.find((r) => r.neighbours === neighbours && r.file === file && r.text === text);
  if (hit) return hit.rendered;
  let rendered: Rendered | null = null;
  try {
    const chart = chartOf(file, neighbours);
    rendered = chart ? renderHelmTemplate(text, chart) : (renderKustomize(file, text, neighbours) ?? null);
  } catch {
    // Not rendered (unsupported, broken or past a bound): the file is read as it is.
    rendered = null;
  }
  recent.unshift({ file, text, neighbours, rendered });
  recent.length = Math.min(recent.length, RECENT);
  return rendered;
}
