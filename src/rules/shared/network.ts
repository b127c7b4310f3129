/**
 * Network exposure, shared by every IaC pack (Terraform, CloudFormation, compose, Kubernetes): the one list
 * of ports that must not face the internet, and the one test of whether an address range is public.
 */
import ipaddr from 'ipaddr.js';

/** What usually listens on a port: remote administration, or a data store. */
export interface PortService {
  readonly name: string;
  readonly kind: 'admin' | 'database';
}

/** Ports that must never face the internet: remote administration, cluster control planes and data stores. */
export const SENSITIVE_PORTS: ReadonlyMap<number, PortService> = new Map<number, PortService>([
  [22, { name: 'SSH', kind: 'admin' }],
  [23, { name: 'Telnet', kind: 'admin' }],
  [445, { name: 'SMB', kind: 'admin' }],
  [2375, { name: 'Docker API', kind: 'admin' }],
  [2376, { name: 'Docker API', kind: 'admin' }],
  [2379, { name: 'etcd', kind: 'admin' }],
  [3389, { name: 'RDP', kind: 'admin' }],
  [5900, { name: 'VNC', kind: 'admin' }],
  [5985, { name: 'WinRM', kind: 'admin' }],
  [5986, { name: 'WinRM', kind: 'admin' }],
  [10250, { name: 'Kubelet API', kind: 'admin' }],
  [1433, { name: 'SQL Server', kind: 'database' }],
  [1521, { name: 'Oracle', kind: 'database' }],
  [3306, { name: 'MySQL/MariaDB', kind: 'database' }],
  [5432, { name: 'PostgreSQL', kind: 'database' }],
  [5984, { name: 'CouchDB', kind: 'database' }],
  [6333, { name: 'Qdrant', kind: 'database' }],
  [6379, { name: 'Redis', kind: 'database' }],
  [7474, { name: 'Neo4j', kind: 'database' }],
  [7687, { name: 'Neo4j', kind: 'database' }],
  [8086, { name: 'InfluxDB', kind: 'database' }],
  [8529, { name: 'ArangoDB', kind: 'database' }],
  [9042, { name: 'Cassandra', kind: 'database' }],
  [9200, { name: 'Elasticsearch', kind: 'database' }],
  [9300, { name: 'Elasticsearch', kind: 'database' }],
  [11211, { name: 'Memcached', kind: 'database' }],
  [19530, { name: 'Milvus', kind: 'database' }],
  [26257, { name: 'CockroachDB', kind: 'database' }],
  [27017, { name: 'MongoDB', kind: 'database' }],
  [28015, { name: 'RethinkDB', kind: 'database' }],
]);

/** The first sensitive port in `[low, high]` as `SSH (port 22)`, or null when the range holds none. */
export function sensitivePortIn(low: number, high: number): string | null {
  let first: number | null = null;
  for (const port of SENSITIVE_PORTS.keys()) if (low <= port && port <= high && (first === null || port < first)) first = port;
  return first === null ? null : `${SENSITIVE_PORTS.get(first)?.name} (port ${first})`;
}

/** What a port range exposes (`all ports`, `SSH (port 22)`), or null when nothing sensitive. */
export function exposedByRange(low: number, high: number): string | null {
  if (low <= 1 && high >= 65535) return 'all ports';
  return sensitivePortIn(low, high);
}

/**
 * Ranges that are not the internet: private, shared (CGNAT), loopback, link-local, documentation,
 * benchmarking, multicast and reserved space, and IPv6 unique-local, link-local, multicast and
 * documentation prefixes.
 */
const NOT_INTERNET: ReadonlyArray<[string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
];
const NOT_INTERNET_PARSED = NOT_INTERNET.map(([address, bits]) => [ipaddr.parse(address), bits] as const);

/** IPv4 prefixes this short (16 million addresses or more) are "a large part of the internet"; IPv6 likewise. */
const LARGE_PREFIX = { ipv4: 8, ipv6: 16 } as const;

/** How much of the internet a range opens to. */
export type PublicExposure = 'everyone' | 'large';

/**
 * Whether an address range (`0.0.0.0/0`, `::/0`, `0.0.0.0/1`, `2000::/3`) opens to the internet: `everyone`
 * for a `/0`, `large` for any other public range of /8 (IPv4) or /16 (IPv6) or wider; null for private and
 * reserved ranges, for narrower ranges (one office, one partner), and for text that is not a range. A bare
 * address counts as a /32 or /128. IPv4-mapped IPv6 ranges are judged as IPv4.
 */
export function publicExposure(range: string): PublicExposure | null {
  const parsed = parseRange(range.trim());
  if (!parsed) return null;
  let [address, bits] = parsed;
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  const kind = address.kind();
  if (bits > LARGE_PREFIX[kind]) return null;
  if (bits === 0) return 'everyone';
  const inside = NOT_INTERNET_PARSED.some(([net, netBits]) => net.kind() === kind && netBits <= bits && address.match(net, netBits));
  return inside ? null : 'large';
}

/** Whether an address range opens to the internet (see {@link publicExposure}). */
export function isPublicRange(range: string): boolean {
  return publicExposure(range) !== null;
}

function parseRange(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  try {
    if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
    if (ipaddr.isValid(text)) {
      const address = ipaddr.parse(text);
      return [address, address.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    // not a range
  }
  return null;
}
