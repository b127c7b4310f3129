import type { TfValue } from '../../languages/terraform';
import { exposedByRange as exposedBetween } from '../shared/network';

/** A port number from a static value (`22` or `"22"`), or null. */
export function toPort(value: TfValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** A port range spec (`22`, `"1000-2000"`, `"*"`) as `[low, high]`, or null when it is not static or not a range. */
export function portRange(spec: TfValue): [number, number] | null {
  if (spec === '*') return [0, 65535];
  const single = toPort(spec);
  if (single !== null) return [single, single];
  const match = typeof spec === 'string' ? /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(spec) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** What a port range exposes (`all ports`, `SSH (port 22)`), or null when nothing sensitive. */
export function exposedByRange([low, high]: [number, number]): string | null {
  return exposedBetween(low, high);
}
