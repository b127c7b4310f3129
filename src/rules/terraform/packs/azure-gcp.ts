import type { Rule } from '../../../engine/rule';
import noOpenCloudFirewall from '../no-open-cloud-firewall';
import noPublicAzureStorage from '../no-public-azure-storage';
import noPublicGcsBucket from '../no-public-gcs-bucket';

/** Terraform rules for Azure and Google Cloud storage and network basics; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noPublicGcsBucket, noPublicAzureStorage, noOpenCloudFirewall] as Rule[];
