import type { TfValue } from '../../languages/terraform';

/** Admin and database ports, with what usually listens there. */
export const SENSITIVE_PORTS: ReadonlyMap<number, string> = new Map([
  [22, 'SSH'],
  [3389, 'RDP'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
]);

/** The CIDR blocks that mean "the whole internet". */
export const WORLD_CIDRS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

/** A port number from a static value (`22` or `"22"`), or null. */
export function toPort(value: TfValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** The first sensitive port in `[low, high]` as `SSH (port 22)`, or null when the range holds none. */
export function sensitivePortIn(low: number, high: number): string | null {
  for (const [port, name] of SENSITIVE_PORTS) if (low <= port && port <= high) return `${name} (port ${port})`;
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
  if (low <= 1 && high >= 65535) return 'all ports';
  return sensitivePortIn(low, high);
}
