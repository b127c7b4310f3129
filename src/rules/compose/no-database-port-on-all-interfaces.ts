import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import type { YamlHelpers } from '../../languages/yaml';
import { SENSITIVE_PORTS } from '../shared/network';
import { composeServices, itemsOf, nodeRange, pairOf, scalarOf, valueOffset } from './compose-model';

/** Images of databases, by the last segment of the repository name. */
const DATABASE_IMAGE = /^(?:postgres(?:ql)?|postgis|timescaledb|pgvector|mysql|mariadb|mongo(?:db)?|redis(?:-stack)?|valkey|memcached|elasticsearch|opensearch|couchdb|cassandra|neo4j|influxdb|mssql-server|oracle-xe|cockroach|arangodb|rethinkdb|clickhouse-server|qdrant|weaviate|milvus|chroma)$/i;
/** A host address that only the machine itself can reach. */
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i;
/** Short syntax: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`; HOST_IP may be a bracketed IPv6. */
const SHORT_PORT = /^(?:(\[[^\]]*\]|[^:[\]]*):(?=[^:]*:))?(?:([\d$-]*):)?(\d+(?:-\d+)?)(?:\/\w+)?$/;
/** `${VAR}` / `${VAR:-5432}` interpolations, read as one `$` so that their colons do not count. */
const INTERPOLATION = /\$\{(?:[^}$]|\$(?!\{))*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-database-port-on-all-interfaces',
  languages: ['yaml'],
  meta: {
    description: 'Compose must not publish database ports on all interfaces; bind them to 127.0.0.1',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-284'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      allInterfaces:
        "Service '{{service}}' publishes {{what}} port {{port}} on every interface of the host: anyone on the network (or the internet, on a server) can reach the database, and Docker's port rules bypass host firewalls such as ufw. Bind it to 127.0.0.1, or drop the port and connect over the compose network.",
      bindLoopback: 'Bind the port to 127.0.0.1',
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServices(context)) {
          const databaseImage = isDatabaseImage(scalarOf(service.map, 'image'));
          for (const item of itemsOf(service.map, 'ports')) {
            if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
              const found = shortPort(String(item.value));
              const what = found && databaseOf(found.container, databaseImage);
              if (!found || !what || (found.ip !== undefined && LOOPBACK.test(found.ip))) continue;
              context.report({
                range: nodeRange(item),
                messageId: 'allInterfaces',
                data: { service: service.name, what, port: found.container },
                suggest: loopbackEdit(context.text, item, found.ip),
              });
            } else if (isMap(item)) {
              reportLongForm(item, service.name, databaseImage);
            }
          }
        }

        function reportLongForm(item: YAMLMap, service: string, databaseImage: boolean): void {
          const target = scalarOf(item, 'target');
          const hostIp = scalarOf(item, 'host_ip');
          const what = target !== undefined && pairOf(item, 'published') ? databaseOf(target, databaseImage) : null;
          if (!what || (hostIp !== undefined && LOOPBACK.test(hostIp))) return;
          const published = pairOf(item, 'published')!;
          context.report({ range: [nodeRange(published.key)[0], nodeRange(published.value)[1]], messageId: 'allInterfaces', data: { service, what, port: target! } });
        }
      },
    };
  },
});

function isDatabaseImage(image: string | undefined): boolean {
  if (!image) return false;
  const repository = image.split('@')[0].replace(/:[^/:]*$/, '');
  return DATABASE_IMAGE.test(repository.slice(repository.lastIndexOf('/') + 1));
}

/** The database a container port belongs to ('database' for any port of a database image); null otherwise. */
function databaseOf(containerPort: string, databaseImage: boolean): string | null {
  const [from, to = from] = containerPort.split('-').map(Number);
  for (let port = from; port <= to && port - from < 100; port++) if (SENSITIVE_PORTS.get(port)?.kind === 'database') return `the ${SENSITIVE_PORTS.get(port)?.name}`;
  return databaseImage ? 'the database' : null;
}

function shortPort(spec: string): { ip?: string; container: string } | null {
  const m = SHORT_PORT.exec(spec.trim().replace(INTERPOLATION, '$'));
  if (!m || m[1]?.includes('$')) return null; // an address chosen at run time
  // A bare container port (`- "5432"`) is also published, on a random host port of every interface.
  return { ...(m[1] !== undefined && m[1] !== '' ? { ip: m[1] } : {}), container: m[3] };
}

/** Prefixes `127.0.0.1:` (or replaces an all-interfaces address) when the scalar maps one-to-one. */
function loopbackEdit(text: string, item: Scalar, ip: string | undefined): FixDescriptor[] {
  const offset = valueOffset(text, item);
  if (offset === null) return [];
  if (ip !== undefined) return [{ messageId: 'bindLoopback', edits: [{ range: [offset, offset + ip.length], text: '127.0.0.1' }] }];
  // `5432` alone becomes `127.0.0.1::5432` (loopback, random host port).
  const prefix = String(item.value).includes(':') ? '127.0.0.1:' : '127.0.0.1::';
  return [{ messageId: 'bindLoopback', edits: [{ range: [offset, offset], text: prefix }] }];
}
