import { defineRule } from '../../engine/rule';
import { argv, mcpConfig, programName, unwrapCmd, type McpString } from './mcp-model';

/** `docker run` options that take the next word as their value. */
const VALUE_OPTIONS = new Set([
  '-e', '--env', '--env-file', '-v', '--volume', '--mount', '--name', '-p', '--publish', '--network', '--net', '-w', '--workdir',
  '-u', '--user', '--entrypoint', '--cap-add', '--cap-drop', '--pid', '--ipc', '--uts', '--userns', '--security-opt', '-l',
  '--label', '--platform', '-m', '--memory', '--cpus', '--add-host', '--device', '-h', '--hostname', '--dns', '--restart',
  '--pull', '--log-driver', '--log-opt', '--tmpfs', '--ulimit', '--gpus', '--runtime', '--cidfile', '--stop-signal',
  '--stop-timeout', '--shm-size', '--group-add', '--label-file', '--health-cmd', '--volumes-from', '--link', '-a', '--attach',
]);
/** What each dangerous option gives the container, by option and value. */
const NAMESPACE_OPTIONS: Record<string, string> = {
  '--network': 'network',
  '--net': 'network',
  '--pid': 'pid',
  '--ipc': 'ipc',
  '--uts': 'uts',
  '--userns': 'userns',
};
const DOCKER_SOCKET = /(?:^|[\\/])(?:docker|podman)\.sock(?:$|:)|^\/\/\.\/pipe\/docker_engine/;

export default defineRule({
  id: 'agent/no-privileged-mcp-container',
  languages: ['json', 'toml'],
  meta: {
    description: 'MCP servers started with docker or podman run must not get host privileges, namespaces or mounts',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-250', 'CWE-269'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      privileged:
        "MCP server '{{server}}' runs its container with '{{option}}', which {{effect}}. A container is only a boundary without it: a prompt-injected or compromised server then controls the host. Remove the option and mount only the project folder.",
    },
  },
  create(context) {
    return {
      File() {
        for (const server of mcpConfig(context)?.servers ?? []) {
          for (const finding of containerFindings(unwrapCmd(argv(server)))) {
            context.report({ range: finding.range, messageId: 'privileged', data: { server: server.name, option: finding.option, effect: finding.effect } });
          }
        }
      },
    };
  },
});

interface ContainerFinding {
  range: readonly [number, number];
  option: string;
  effect: string;
}

/** The dangerous options of a `docker run`/`podman run` (or `container run`) command line, up to the image. */
export function containerFindings(words: McpString[]): ContainerFinding[] {
  const engine = programName(words[0]?.value ?? '');
  if (engine !== 'docker' && engine !== 'podman') return [];
  let i = 1;
  if (words[i]?.value === 'container') i++;
  if (words[i]?.value !== 'run') return [];
  const findings: ContainerFinding[] = [];
  for (i++; i < words.length; i++) {
    const word = words[i];
    if (!word.value.startsWith('-')) break; // the image: what follows belongs to the server
    const eq = word.value.indexOf('=');
    const option = eq > 0 && word.value.startsWith('--') ? word.value.slice(0, eq) : word.value;
    const inline = eq > 0 && word.value.startsWith('--');
    const valueWord = inline ? undefined : VALUE_OPTIONS.has(option) ? words[i + 1] : undefined;
    const value = inline ? word.value.slice(eq + 1) : valueWord?.value;
    if (valueWord) i++;
    const effect = danger(option, value ?? '');
    if (!effect) continue;
    const range = valueWord ? ([word.range[0], valueWord.range[1]] as const) : word.range;
    findings.push({ range, option: value !== undefined && !inline ? `${option} ${value}` : word.value, effect });
  }
  return findings;
}

function danger(option: string, value: string): string | null {
  if (option === '--privileged') return 'gives it every capability and every host device';
  const namespace = NAMESPACE_OPTIONS[option];
  if (namespace && value.toLowerCase() === 'host') return `shares the host's ${namespace} namespace`;
  if (option === '--cap-add' && /^(?:CAP_)?(?:ALL|SYS_ADMIN|SYS_PTRACE|SYS_MODULE|DAC_READ_SEARCH|NET_ADMIN)$/i.test(value)) return `adds the ${value.toUpperCase()} capability`;
  if (option === '--security-opt' && /^(?:seccomp|apparmor|label)[=:](?:unconfined|disable)$/i.test(value)) return 'turns off the kernel confinement';
  if (option === '-v' || option === '--volume') return mountDanger(value.split(':')[0]);
  if (option === '--mount') {
    const source = /(?:^|,)(?:source|src)=([^,]*)/.exec(value)?.[1];
    return source === undefined ? null : mountDanger(source);
  }
  if (option === '--device' && /^\/dev\/(?:mem|kmem|sd[a-z]|nvme)/.test(value)) return 'gives it raw access to a host device';
  return null;
}

function mountDanger(source: string): string | null {
  if (DOCKER_SOCKET.test(source)) return 'mounts the container engine socket (root on the host)';
  const path = source.replace(/(?<![\\/])[\\/]+$/, '');
  if (path === '' && source.startsWith('/')) return 'mounts the whole host file system';
  if (/^[A-Za-z]:$/.test(path)) return 'mounts a whole host drive';
  if (/^(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{userHome\}|%USERPROFILE%)$/i.test(path)) return 'mounts the home directory';
  if (/^\/(?:etc|root|proc|sys|boot|var\/run|run|dev)$/.test(path)) return `mounts the host's ${path}`;
  return null;
}
