import { defineRule } from '../../engine/rule';
import type { YamlHelpers } from '../../languages/yaml';
import { composeServices, itemsOf, nodeRange, volumeSource } from './compose-model';

/** The Docker or Podman engine socket, Unix or Windows named pipe. */
const ENGINE_SOCKET = /^(?:\/(?:var\/)?run\/(?:user\/\d+\/)?(?:docker|podman)(?:\/podman)?\.sock|\/\/\.\/pipe\/docker_engine|\\\\\.\\pipe\\docker_engine)\/?$/;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-docker-socket-mount',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not mount the Docker or Podman engine socket',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      socketMount:
        "Service '{{service}}' mounts the container engine socket {{source}}: whoever controls the container can start a privileged container with the host's root file system, which is root on the host (read-only does not help, the API still works). Remove the mount, or use a socket proxy that allows only the API calls the service needs.",
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServices(context)) {
          for (const item of itemsOf(service.map, 'volumes')) {
            const source = volumeSource(item);
            if (!source || !ENGINE_SOCKET.test(source.path)) continue;
            context.report({ range: nodeRange(source.node), messageId: 'socketMount', data: { service: service.name, source: source.path } });
          }
        }
      },
    };
  },
});
