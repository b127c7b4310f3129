import type { Rule } from '../../../engine/rule';
import { onTemplates } from '../model';
import noKmsWildcardPrincipal from '../no-kms-wildcard-principal';
import noOpenNetworkAcl from '../no-open-network-acl';
import noOpenSecurityGroup from '../no-open-security-group';
import noPublicEksEndpoint from '../no-public-eks-endpoint';
import noPlaintextSecretInEnvironment from '../no-plaintext-secret-in-environment';
import noPublicRds from '../no-public-rds';
import noPublicS3Bucket from '../no-public-s3-bucket';
import noSagemakerRootOrInternet from '../no-sagemaker-root-or-internet';
import noWeakBedrockGuardrail from '../no-weak-bedrock-guardrail';
import noWildcardIamPolicy from '../no-wildcard-iam-policy';
import requireBedrockAgentGuardrail from '../require-bedrock-agent-guardrail';
import requireEncryptionAtRest from '../require-encryption-at-rest';
import requireImdsv2 from '../require-imdsv2';
import requireSagemakerEndpointEncryption from '../require-sagemaker-endpoint-encryption';

/** CloudFormation and SAM rules (YAML and JSON templates); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = onTemplates([
  noPublicS3Bucket,
  noOpenSecurityGroup,
  noWildcardIamPolicy,
  noPublicRds,
  requireEncryptionAtRest,
  noWeakBedrockGuardrail,
  requireBedrockAgentGuardrail,
  noSagemakerRootOrInternet,
  requireSagemakerEndpointEncryption,
  requireImdsv2,
  noPlaintextSecretInEnvironment,
  noKmsWildcardPrincipal,
  noPublicEksEndpoint,
  noOpenNetworkAcl,
] as Rule[]);
