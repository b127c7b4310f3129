import type { Rule } from '../../engine/rule';
import { onTemplates } from '../cloudformation/model';
import noPublicResourcePolicy from './no-public-resource-policy';
import requireOidcSubjectCondition from './require-oidc-subject-condition';

/** AWS rules that read Terraform and CloudFormation alike (bespoke logic; table rows live in src/rules/iac); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = onTemplates([noPublicResourcePolicy, requireOidcSubjectCondition] as Rule[]);
