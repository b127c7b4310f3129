import type { Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { YamlHelpers } from '../../languages/yaml';
import { lookup, seqEntries } from '../kubernetes/model';
import { composeServiceEntries, nodeRange, volumeSource } from './compose-model';

/** Host folders that give a container control over the host or its secrets, with what a mount exposes. */
const SENSITIVE: Record<string, string> = {
  '/': 'the whole host file system',
  '/etc': "the host's configuration, users and password hashes",
  '/root': "root's home on the host (SSH keys, credentials, shell history)",
  '/home': "the users' homes on the host (SSH keys, cloud credentials)",
  '~': 'your home folder (SSH keys, cloud credentials)',
  '/proc': "the host's processes and kernel settings",
  '/sys': "the host's kernel and device settings",
  '/dev': "the host's devices, raw disks included",
  '/boot': "the host's kernel and boot loader",
  '/run': "the host's runtime sockets, the container engine's included",
  '/var/run': "the host's runtime sockets, the container engine's included",
  '/var/lib/docker': "every container's and image's files",
  '/var/lib/containerd': "every container's and image's files",
  '/var/lib/kubelet': "the kubelet's pod secrets and credentials",
  '/etc/kubernetes': "the cluster's certificates and admin credentials",
};
/** How a compose file writes the user's home. */
const HOME = /^(?:~|\$HOME|\$\{HOME\})$/;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-sensitive-host-mount',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not bind-mount sensitive host folders (/, /etc, /proc, /sys, /root, /var/run, …)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      sensitiveMount:
        "Service '{{service}}' mounts the host's {{path}}, {{what}}: a compromised container reads (and, unless read-only, changes) it outside any isolation; even read-only, the secrets in it are exposed. Mount only the files the service needs, read-only.",
    },
  },
  create(context) {
    return {
      File() {
        const reported = new Set<Node>();
        for (const service of composeServiceEntries(context)) {
          for (const item of seqEntries(service.doc, lookup(service.doc, service.map, 'volumes')?.value)) {
            const source = volumeSource(item.value);
            const path = source && normalize(source.path);
            if (!source || path === null || !Object.hasOwn(SENSITIVE, path) || reported.has(source.node)) continue;
            reported.add(source.node);
            context.report({ range: nodeRange(source.node), messageId: 'sensitiveMount', data: { service: service.name, path: source.path, what: SENSITIVE[path] } });
          }
        }
      },
    };
  },
});

/** The path without trailing slashes (`/` stays), the home written as `~`, a Windows drive root as `/`; null for others. */
function normalize(written: string): string | null {
  const path = written.trim();
  if (/^[A-Za-z]:[\\/]?$/.test(path)) return '/';
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  const trimmed = path.slice(0, end);
  if (HOME.test(trimmed)) return '~';
  if (!path.startsWith('/')) return null;
  return trimmed === '' ? '/' : trimmed;
}
