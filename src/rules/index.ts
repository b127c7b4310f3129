import type { Rule } from '../engine/rule';
import noDisabledTls from './js/no-disabled-tls';
import noDynamicEval from './js/no-dynamic-eval';
import noHardcodedSecrets from './js/no-hardcoded-secrets';
import noShellInjection from './js/no-shell-injection';
import invalidSuppression from './rampart/invalid-suppression';
import expiredSuppression from './rampart/expired-suppression';
import { rules as crypto } from './js/packs/crypto';
import { rules as filesNetwork } from './js/packs/files-network';
import { rules as jwtDeserialization } from './js/packs/jwt-deserialization';
import { rules as llmApp } from './js/packs/llm-app';
import { rules as sql } from './js/packs/sql';
import { rules as webConfig } from './js/packs/web-config';
import { rules as xssRedirect } from './js/packs/xss-redirect';
import { rules as packages } from './packages';
import { rules as agentPermissions } from './agent/packs/permissions';
import { rules as agentInstructions } from './agent/packs/instructions';
import { rules as agentMcp } from './agent/packs/mcp';
import { rules as cloudformation } from './cloudformation/packs/aws';
import { rules as terraformAws } from './terraform/packs/aws';
import { rules as terraformAi } from './terraform/packs/ai';
import { rules as terraformAwsAccess } from './terraform/packs/aws-access';
import { rules as terraformAzureGcp } from './terraform/packs/azure-gcp';
import { rules as attributeChecks } from './iac';
import { rules as aws } from './aws';
import { rules as dockerfile } from './dockerfile';
import { rules as compose } from './compose';
import { rules as kubernetes } from './kubernetes/packs/workloads';
import { rules as githubActions } from './github-actions';
import { rules as python } from './python';
import noHardcodedSecret from './secrets/no-hardcoded-secret';

/** Every built-in rule, in id order. */
export const builtinRules: readonly Rule[] = ([
  noDisabledTls,
  noDynamicEval,
  noHardcodedSecrets,
  noShellInjection,
  invalidSuppression,
  expiredSuppression,
  ...sql,
  ...xssRedirect,
  ...filesNetwork,
  ...crypto,
  ...jwtDeserialization,
  ...webConfig,
  ...llmApp,
  ...packages,
  ...agentPermissions,
  ...agentInstructions,
  ...agentMcp,
  ...cloudformation,
  ...terraformAws,
  ...terraformAi,
  ...terraformAwsAccess,
  ...terraformAzureGcp,
  ...attributeChecks,
  ...aws,
  ...dockerfile,
  ...compose,
  ...kubernetes,
  ...githubActions,
  ...python,
  noHardcodedSecret,
] as Rule[]).sort(
  (a, b) => a.id.localeCompare(b.id),
);
