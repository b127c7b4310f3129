import type { Rule } from '../../engine/rule';
import noDatabasePortOnAllInterfaces from './no-database-port-on-all-interfaces';
import noDockerSocketMount from './no-docker-socket-mount';
import noHostNamespaces from './no-host-namespaces';
import noPrivileged from './no-privileged';
import noSecretInEnvironment from './no-secret-in-environment';

/** The docker-compose rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noPrivileged,
  noHostNamespaces,
  noDockerSocketMount,
  noSecretInEnvironment,
  noDatabasePortOnAllInterfaces,
] as Rule[];
