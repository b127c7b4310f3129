import type { Rule } from '../../../engine/rule';
import noHardcodedProviderCredentials from '../no-hardcoded-provider-credentials';
import noOpenSecurityGroup from '../no-open-security-group';
import noPublicRds from '../no-public-rds';
import noPublicS3Bucket from '../no-public-s3-bucket';
import noWildcardIamPolicy from '../no-wildcard-iam-policy';
import requireEncryptionAtRest from '../require-encryption-at-rest';
import requireImdsv2 from '../require-imdsv2';

/** Terraform AWS rules; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noPublicRds, noOpenSecurityGroup, noHardcodedProviderCredentials, requireImdsv2, noPublicS3Bucket, noWildcardIamPolicy, requireEncryptionAtRest] as Rule[];
