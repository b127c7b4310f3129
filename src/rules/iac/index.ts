import { applyingTo, type Rule } from '../../engine/rule';
import { mayHoldTemplate } from '../cloudformation/model';
import { attributeCheckRule, type AttributeCheck } from './attribute-check';
import { AWS_CHECKS } from './checks/aws';
import { AWS_DATA_CHECKS } from './checks/aws-data';
import { AWS_NETWORK_CHECKS } from './checks/aws-network';
import { AZURE_CHECKS } from './checks/azure';
import { GCP_CHECKS } from './checks/gcp';
import noHardcodedCredential from './no-hardcoded-credential';

/** Every row of the IaC checks table (docs and generated tests read it). */
export const ATTRIBUTE_CHECKS: readonly AttributeCheck[] = [...AWS_CHECKS, ...AWS_DATA_CHECKS, ...AWS_NETWORK_CHECKS, ...AZURE_CHECKS, ...GCP_CHECKS];

/**
 * The rules the table defines (each skipped on templates without its resource types), and the IaC rules that
 * read every platform alike; registered by src/rules/index.ts.
 */
export const rules: readonly Rule[] = [...ATTRIBUTE_CHECKS.map(attributeCheckRule), ...applyingTo([noHardcodedCredential as Rule], mayHoldTemplate)];
