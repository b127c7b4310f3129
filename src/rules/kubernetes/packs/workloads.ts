import type { Rule } from '../../../engine/rule';
import noContainerSocketMount from '../no-container-socket-mount';
import noDangerousCapabilities from '../no-dangerous-capabilities';
import noHostNamespaces from '../no-host-namespaces';
import noHostPathMount from '../no-host-path-mount';
import noLatestImage from '../no-latest-image';
import noPrivilegeEscalation from '../no-privilege-escalation';
import noPrivilegedContainer from '../no-privileged-container';
import noRbacWildcard from '../no-rbac-wildcard';
import noSecretInEnv from '../no-secret-in-env';
import requireResourceLimits from '../require-resource-limits';
import requireRunAsNonRoot from '../require-run-as-non-root';

/** The Kubernetes manifest rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noPrivilegedContainer,
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  noHostNamespaces,
  noHostPathMount,
  noContainerSocketMount,
  noDangerousCapabilities,
  noLatestImage,
  noSecretInEnv,
  noRbacWildcard,
  requireResourceLimits,
] as Rule[];
