import { lastAnswer } from '../../../engine/memo';
import { applyingTo, type Rule } from '../../../engine/rule';
import noContainerSocketMount from '../no-container-socket-mount';
import noDangerousCapabilities from '../no-dangerous-capabilities';
import noDefaultNamespace from '../no-default-namespace';
import noExposedService from '../no-exposed-service';
import noHostNamespaces from '../no-host-namespaces';
import noHostPathMount from '../no-host-path-mount';
import noHostPort from '../no-host-port';
import noLatestImage from '../no-latest-image';
import noPrivilegeEscalation from '../no-privilege-escalation';
import noPrivilegedContainer from '../no-privileged-container';
import noProbeHost from '../no-probe-host';
import noRbacDangerousVerbs from '../no-rbac-dangerous-verbs';
import noRbacWildcard from '../no-rbac-wildcard';
import noRestrictedVolumeTypes from '../no-restricted-volume-types';
import noSecretInEnv from '../no-secret-in-env';
import noSelinuxOverride from '../no-selinux-override';
import noServiceAccountTokenAutomount from '../no-service-account-token-automount';
import noUnconfinedApparmor from '../no-unconfined-apparmor';
import noUnmaskedProcMount from '../no-unmasked-proc-mount';
import noUnsafeSysctls from '../no-unsafe-sysctls';
import noWindowsHostProcess from '../no-windows-host-process';
import requireDropAllCapabilities from '../require-drop-all-capabilities';
import requireIngressTls from '../require-ingress-tls';
import requireReadOnlyRootFilesystem from '../require-read-only-root-filesystem';
import requireResourceLimits from '../require-resource-limits';
import requireRunAsNonRoot from '../require-run-as-non-root';
import requireSeccompProfile from '../require-seccomp-profile';

/** The Kubernetes manifest rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = applyingTo([
  // Pod Security Standards, baseline
  noPrivilegedContainer,
  noHostNamespaces,
  noHostPathMount,
  noContainerSocketMount,
  noDangerousCapabilities,
  noHostPort,
  noUnconfinedApparmor,
  noSelinuxOverride,
  noUnmaskedProcMount,
  noUnsafeSysctls,
  noWindowsHostProcess,
  noProbeHost,
  // Pod Security Standards, restricted
  noPrivilegeEscalation,
  requireRunAsNonRoot,
  requireSeccompProfile,
  requireDropAllCapabilities,
  noRestrictedVolumeTypes,
  // Hardening beyond the standards
  requireReadOnlyRootFilesystem,
  requireResourceLimits,
  noLatestImage,
  noSecretInEnv,
  noServiceAccountTokenAutomount,
  noDefaultNamespace,
  // RBAC
  noRbacWildcard,
  noRbacDangerousVerbs,
  // Exposure
  noExposedService,
  requireIngressTls,
] as Rule[], (text, c) => c.dialect === 'yaml' && namesApiVersion(text));

/** Whether a text has `apiVersion`, for the last text asked about: every rule of the pack asks about the same file in a row. */
const hasApiVersion = lastAnswer((text: string) => text.includes('apiVersion'));

function namesApiVersion(text: string): boolean {
  return hasApiVersion(text);
}
