import { rememberedAnswers } from '../../engine/memo';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { LanguageId, Range } from '../../engine/types';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { CFN_LANGUAGES, cfnResources, type CfnValue } from '../cloudformation/model';
import { isLiteralCredential, redact, secretNameKind } from '../secrets/patterns';
import { address, terraformModel } from '../terraform/model';

/** Settings that hold a secret's value whatever their name says (`secret_string`). */
const SECRET_VALUES = new Set(['secret_string', 'SecretString']);
/** Blocks whose attributes are read: provider credentials have their own rule (`terraform/no-hardcoded-provider-credentials`). */
const TERRAFORM_BLOCKS = new Set(['resource', 'data', 'module', 'variable']);
/** Nested values read in a template, at most: templates stay far below. */
const MAX_DEPTH = 32;

const languages: LanguageId[] = ['terraform', ...CFN_LANGUAGES];

export default defineRule({
  id: 'iac/no-hardcoded-credential',
  languages,
  meta: {
    description: 'Passwords, tokens and secrets of cloud resources must not be written as literals in IaC',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      literal:
        "'{{resource}}' sets {{setting}} to a literal credential ({{masked}}): it is in the repository and {{where}} in clear text, and anyone who reads one of them can use it. Generate it ({{generate}}) or read it from a secret store ({{how}}), and change the one that was committed.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (model) {
          for (const block of model.blocks.filter((b) => TERRAFORM_BLOCKS.has(b.kind))) checkTerraform(context, model, block, block);
          return;
        }
        for (const r of cfnResources(context)) if (r.properties) checkCfn(context, r.logicalId, r.properties, 0);
      },
    };
  },
});

function checkTerraform(context: RuleContext<unknown>, model: TerraformModel, top: TfBlock, block: TfBlock): void {
  const resource = top.kind === 'variable' ? `variable.${top.labels[0] ?? ''}` : address(top);
  for (const attribute of block.attributes.values()) {
    // A variable's secret name is its label; its literal is the default.
    const name = top.kind === 'variable' && block === top ? (attribute.name === 'default' ? (top.labels[0] ?? '') : '') : attribute.name;
    if (!isCredentialName(name)) continue;
    const located = model.locate(attribute);
    if (located.kind !== 'scalar' || typeof located.value !== 'string') continue;
    report(context, resource, attribute.name === 'default' ? `the default of ${top.labels[0]}` : attribute.name, located.value, located.range, 'terraform');
  }
  for (const nested of block.blocks) checkTerraform(context, model, top, nested);
}

function checkCfn(context: RuleContext<unknown>, resource: string, value: CfnValue, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (value.kind === 'list') for (const item of value.items) checkCfn(context, resource, item, depth + 1);
  if (value.kind !== 'map') return;
  for (const entry of value.entries) {
    const v = entry.value;
    if (v.kind === 'scalar' && typeof v.value === 'string' && isCredentialName(entry.key)) report(context, resource, entry.key, v.value, v.range, 'cloudformation');
    else checkCfn(context, resource, v, depth + 1);
  }
}

/** Whether a name says it holds a credential; remembered (a template repeats its keys: `Type`, `Value`, `Key`…). */
const isCredentialName = rememberedAnswers((name: string) => SECRET_VALUES.has(name) || secretNameKind(name, 'code') !== null, 2048);

function report(context: RuleContext<unknown>, resource: string, setting: string, value: string, range: Range, platform: 'terraform' | 'cloudformation'): void {
  // ARNs and resource ids name a secret; they do not hold one.
  if (!isLiteralCredential(value) || /^arn:/i.test(value)) return;
  const where = platform === 'terraform' ? 'in every plan and state file' : "in the template CloudFormation keeps and the stack's console";
  const terraform = platform === 'terraform';
  const how = terraform ? 'a sensitive variable set by the pipeline, or a data source of Secrets Manager, Key Vault or Secret Manager' : 'a resolve:secretsmanager dynamic reference, or a NoEcho parameter';
  const generate = terraform ? 'manage_master_user_password, random_password' : 'ManageMasterUserPassword, a Secrets Manager secret with GenerateSecretString';
  context.report({ range, messageId: 'literal', data: { resource, setting, masked: redact(value, 3), where, how, generate } });
}
