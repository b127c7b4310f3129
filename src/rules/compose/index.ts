import { applyingTo, type Rule } from '../../engine/rule';
import noDangerousCapabilities from './no-dangerous-capabilities';
import noDatabasePortOnAllInterfaces from './no-database-port-on-all-interfaces';
import noDisabledSecurityProfile from './no-disabled-security-profile';
import noDockerSocketMount from './no-docker-socket-mount';
import noHostNamespaces from './no-host-namespaces';
import noPrivileged from './no-privileged';
import noRootUser from './no-root-user';
import noSecretInEnvironment from './no-secret-in-environment';
import noSensitiveHostMount from './no-sensitive-host-mount';
import requireReadOnlyRootFilesystem from './require-read-only-root-filesystem';

/** The docker-compose rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = applyingTo([
  noPrivileged,
  noHostNamespaces,
  noDockerSocketMount,
  noSecretInEnvironment,
  noDatabasePortOnAllInterfaces,
  noDangerousCapabilities,
  noDisabledSecurityProfile,
  noSensitiveHostMount,
  noRootUser,
  requireReadOnlyRootFilesystem,
] as Rule[], (_text, c) => c.dialect === 'compose');
