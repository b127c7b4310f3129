import { applyingTo, type Rule } from '../../engine/rule';
import noCacheInRelease from './no-cache-in-release';
import noCompromisedAction from './no-compromised-action';
import noDangerousTriggers from './no-dangerous-triggers';
import noExcessiveJobPermissions from './no-excessive-job-permissions';
import noExpressionInjection from './no-expression-injection';
import noInsecureCommands from './no-insecure-commands';
import noPersistedCheckoutCredentials from './no-persisted-checkout-credentials';
import noSecretInLogs from './no-secret-in-logs';
import noSecretsInherit from './no-secrets-inherit';
import noSelfHostedOnPublicPr from './no-self-hosted-on-public-pr';
import noUntrustedCheckout from './no-untrusted-checkout';
import noWriteAllPermissions from './no-write-all-permissions';
import requirePermissions from './require-permissions';
import requirePinnedAction from './require-pinned-action';
import requirePinnedContainerImage from './require-pinned-container-image';
import requirePinnedGithubAction from './require-pinned-github-action';

/** Rules for GitHub Actions workflows and composite actions; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = applyingTo([
  noExpressionInjection,
  noUntrustedCheckout,
  noWriteAllPermissions,
  requirePermissions,
  requirePinnedAction,
  requirePinnedGithubAction,
  noInsecureCommands,
  noSelfHostedOnPublicPr,
  noSecretInLogs,
  noPersistedCheckoutCredentials,
  noCacheInRelease,
  noSecretsInherit,
  noDangerousTriggers,
  noExcessiveJobPermissions,
  requirePinnedContainerImage,
  noCompromisedAction,
] as Rule[], (_text, c) => c.dialect === 'github-workflow' || c.dialect === 'github-action');
