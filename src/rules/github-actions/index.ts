import type { Rule } from '../../engine/rule';
import noExpressionInjection from './no-expression-injection';
import noInsecureCommands from './no-insecure-commands';
import noSecretInLogs from './no-secret-in-logs';
import noSelfHostedOnPublicPr from './no-self-hosted-on-public-pr';
import noUntrustedCheckout from './no-untrusted-checkout';
import noWriteAllPermissions from './no-write-all-permissions';
import requirePermissions from './require-permissions';
import requirePinnedAction from './require-pinned-action';
import requirePinnedGithubAction from './require-pinned-github-action';

/** Rules for GitHub Actions workflows and composite actions; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noExpressionInjection,
  noUntrustedCheckout,
  noWriteAllPermissions,
  requirePermissions,
  requirePinnedAction,
  requirePinnedGithubAction,
  noInsecureCommands,
  noSelfHostedOnPublicPr,
  noSecretInLogs,
] as Rule[];
