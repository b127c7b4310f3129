/** Network exposure shared by the security group and network ACL rules. */
import { str, type CfnValue } from './model';

/** Ports that must never face the whole internet: remote administration and data stores. */
export const SENSITIVE_PORTS = new Map<number, string>([
  [22, 'SSH'],
  [23, 'Telnet'],
  [445, 'SMB'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2375, 'Docker API'],
  [2376, 'Docker API'],
  [3306, 'MySQL'],
  [3389, 'RDP'],
  [5432, 'PostgreSQL'],
  [5900, 'VNC'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [11211, 'Memcached'],
  [27017, 'MongoDB'],
]);
/** The address ranges that mean the whole internet. */
export const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** What a rule exposes: every port, or the first sensitive port in its range. */
export type Exposure = 'all' | { port: number; service: string };

/** What the port range `from`-`to` exposes; undefined when it holds no sensitive port or is not literal. */
export function rangeExposure(from: number | undefined, to: number | undefined): Exposure | undefined {
  if (from === undefined || to === undefined) return undefined;
  // -1 as a port range means all ports; so does 0-65535.
  if ((from === -1 && to === -1) || (from <= 0 && to >= 65535)) return 'all';
  for (const [p, service] of SENSITIVE_PORTS) if (from <= p && p <= to) return { port: p, service };
  return undefined;
}

/** A literal port number; undefined for anything else. */
export function portNumber(value: CfnValue | undefined): number | undefined {
  const text = str(value);
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
