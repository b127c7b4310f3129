import type { Rule } from '../../../engine/rule';
import noKmsWildcardPrincipal from '../no-kms-wildcard-principal';
import noOpenNetworkAcl from '../no-open-network-acl';
import noPlaintextSecretInEnvironment from '../no-plaintext-secret-in-environment';
import noPublicEksEndpoint from '../no-public-eks-endpoint';

/** Terraform AWS rules on key policies, cluster endpoints, secrets and network ACLs; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noKmsWildcardPrincipal, noPublicEksEndpoint, noPlaintextSecretInEnvironment, noOpenNetworkAcl] as Rule[];
