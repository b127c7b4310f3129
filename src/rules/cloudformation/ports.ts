/** Network exposure shared by the security group and network ACL rules. */
import { SENSITIVE_PORTS } from '../shared/network';
import { str, type CfnValue } from './model';

/** What a rule exposes: every port, or the first sensitive port in its range. */
export type Exposure = 'all' | { port: number; service: string };

/** What the port range `from`-`to` exposes; undefined when it holds no sensitive port or is not literal. */
export function rangeExposure(from: number | undefined, to: number | undefined): Exposure | undefined {
  if (from === undefined || to === undefined) return undefined;
  // -1 as a port range means all ports; so does 0-65535.
  if ((from === -1 && to === -1) || (from <= 0 && to >= 65535)) return 'all';
  const port = [...SENSITIVE_PORTS.keys()].filter((p) => from <= p && p <= to).sort((a, b) => a - b)[0];
  return port === undefined ? undefined : { port, service: SENSITIVE_PORTS.get(port)!.name };
}

/** A literal port number; undefined for anything else. */
export function portNumber(value: CfnValue | undefined): number | undefined {
  const text = str(value);
  if (text === undefined || !/^-?\d+$/.test(text.trim())) return undefined;
  return Number(text);
}
