import { defineRule, type RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { SyntaxNode, TerraformModel, TfAttribute, TfBlock } from '../../languages/terraform';
import { redact } from '../secrets/patterns';
import { findProviderSecrets } from '../secrets/scan';
import { secretInValue } from '../secrets/values';
import { address, terraformModel } from './model';

/** Names that point at a secret store rather than holding the secret. */
const REFERENCE_NAME = /(?:_ARN|_PARAM(?:ETER)?|_SSM|_SECRET_NAME)$/i;
/** `NAME=value` and `export NAME="value"` lines of a user data script. */
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"\r\n]*)"|'([^'\r\n]*)'|([^\s"';&|]*))/gm;
const MAX_USER_DATA = 200_000;

export default defineRule({
  id: 'terraform/no-plaintext-secret-in-environment',
  languages: ['terraform'],
  meta: {
    description: 'Lambda environment variables and EC2 user data must not hold plaintext secrets',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-312'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      environment:
        "'{{resource}}' sets {{name}} to a plaintext {{what}} ({{preview}}) in its environment: it is stored in the Terraform state, shown by the Lambda console and GetFunctionConfiguration to anyone with read access, and committed with this file. Read it at runtime from Secrets Manager or SSM Parameter Store instead.",
      userData:
        "'{{resource}}' has a plaintext {{what}} ({{preview}}) in its user data: user data is readable from the instance metadata service by any process on the instance and through DescribeInstanceAttribute, and is committed with this file. Fetch the secret at boot from Secrets Manager or SSM Parameter Store with the instance role.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        for (const fn of model.resources('aws_lambda_function')) {
          for (const environment of fn.blocks.filter((b) => b.kind === 'environment')) checkEnvironment(context, model, fn, environment.attributes.get('variables'));
        }
        for (const block of model.resources('aws_instance', 'aws_launch_template', 'aws_launch_configuration')) {
          for (const name of ['user_data', 'user_data_base64']) {
            const attribute = block.attributes.get(name);
            if (attribute) checkUserData(context, block, attribute);
          }
        }
      },
    };
  },
});

/** Reports each `NAME = "literal secret"` entry of a Lambda `environment.variables` object. */
function checkEnvironment(context: RuleContext<unknown>, model: TerraformModel, fn: TfBlock, variables: TfAttribute | undefined): void {
  if (!variables) return;
  for (const entry of objectEntries(model, variables)) {
    if (REFERENCE_NAME.test(entry.name)) continue;
    const value = model.value({ ...variables, expression: entry.value });
    if (typeof value !== 'string') continue;
    const secret = secretInValue(entry.name, value);
    if (!secret) continue;
    const data = { resource: address(fn), name: entry.name, what: secret.what, preview: redact(value.slice(secret.start, secret.end), 4) };
    context.report({ range: entry.range, messageId: 'environment', data });
  }
}

/** Scans the source of a user data value for provider tokens and secret-named shell assignments. */
function checkUserData(context: RuleContext<unknown>, block: TfBlock, attribute: TfAttribute): void {
  const [start, end] = attribute.valueRange;
  if (end - start > MAX_USER_DATA) return;
  const source = context.text.slice(start, end);
  const found: Array<{ range: Range; what: string; secret: string }> = [];
  for (const token of findProviderSecrets(source)) {
    found.push({ range: [start + token.start, start + token.end], what: `${token.pattern.provider} ${token.pattern.kind}`, secret: source.slice(token.start, token.end) });
  }
  for (const match of source.matchAll(ASSIGNMENT)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    const secret = REFERENCE_NAME.test(match[1]) ? null : secretInValue(match[1], value);
    if (!secret || secret.what !== 'credential') continue; // provider tokens are reported above
    const at = start + match.index + match[0].lastIndexOf(value);
    found.push({ range: [at, at + value.length], what: 'credential', secret: value });
  }
  const seen = new Set<number>();
  for (const { range, what, secret } of found) {
    if (seen.has(range[0])) continue;
    seen.add(range[0]);
    context.report({ range, messageId: 'userData', data: { resource: address(block), what, preview: redact(secret, 4) } });
  }
}

/** The `key = value` entries of an object expression, with the key's text and the entry's range. */
function objectEntries(model: TerraformModel, attribute: TfAttribute): Array<{ name: string; value: SyntaxNode; range: Range }> {
  let node: SyntaxNode | null = attribute.expression;
  while (node && node.type !== 'object' && node.namedChildCount === 1) node = node.namedChildren[0];
  if (node?.type !== 'object') return [];
  const entries: Array<{ name: string; value: SyntaxNode; range: Range }> = [];
  for (const elem of node.namedChildren) {
    if (elem?.type !== 'object_elem') continue;
    const [key, value] = elem.namedChildren.filter((n): n is SyntaxNode => n?.type === 'expression');
    if (!key || !value) continue;
    const bare = key.namedChildCount === 1 && key.namedChildren[0]?.type === 'variable_expr';
    const name = bare ? key.text : model.value({ ...attribute, expression: key });
    if (typeof name === 'string') entries.push({ name, value, range: [elem.startIndex, elem.endIndex] });
  }
  return entries;
}
