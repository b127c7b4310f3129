import type { Rule } from '../../engine/rule';
import { attributeCheckRule, type AttributeCheck } from './attribute-check';
import { AWS_CHECKS } from './checks/aws';

/** Every row of the IaC checks table (docs and generated tests read it). */
export const ATTRIBUTE_CHECKS: readonly AttributeCheck[] = [...AWS_CHECKS];

/** The rules the table defines; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = ATTRIBUTE_CHECKS.map(attributeCheckRule);
