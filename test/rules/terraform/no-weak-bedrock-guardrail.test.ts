import rule from '../../../src/rules/terraform/no-weak-bedrock-guardrail';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'guardrail.tf';
const head = 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n';
const filter = (type: string, input: string, output: string): string =>
  `    filters_config {\n      type            = "${type}"\n      input_strength  = "${input}"\n      output_strength = "${output}"\n    }\n`;
const guardrail = (...filters: string[]): string => `${head}  content_policy_config {\n${filters.join('')}  }\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE'), filter('HATE', 'HIGH', 'MEDIUM')), name: 'prompt attack output NONE is required by AWS' },
      { filename: f, code: guardrail(filter('PROMPT_ATTACK', 'MEDIUM', 'NONE')), name: 'medium input' },
      { filename: f, code: `${head}  content_policy_config {\n    dynamic "filters_config" {\n      for_each = each.value.filters\n      content {\n        type = filters_config.value\n      }\n    }\n  }\n}\n`, name: 'computed dynamic filters' },
      { filename: f, code: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE'), `    filters_config {\n      type           = var.type\n      input_strength = "NONE"\n    }\n`), name: 'unknown type' },
      { filename: f, code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "a"\n}\n', name: 'other resource' },
    ],
    invalid: [
      {
        filename: f,
        code: guardrail(filter('PROMPT_ATTACK', 'NONE', 'NONE')),
        errors: [{ messageId: 'none', line: 6, column: 7, endLine: 6, endColumn: 31, suggestions: [{ messageId: 'high', output: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE')) }] }],
      },
      {
        filename: f,
        code: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE'), filter('VIOLENCE', 'LOW', 'NONE')),
        errors: [{ messageId: 'none', line: 12, column: 7, endLine: 12, endColumn: 31, suggestions: [{ messageId: 'high', output: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE'), filter('VIOLENCE', 'LOW', 'HIGH')) }] }],
      },
      {
        filename: f,
        code: guardrail(filter('HATE', 'HIGH', 'HIGH')),
        errors: [
          {
            messageId: 'noPromptAttack',
            line: 3,
            column: 3,
            endLine: 3,
            endColumn: 26,
            suggestions: [{ messageId: 'addFilter', output: guardrail(filter('PROMPT_ATTACK', 'HIGH', 'NONE'), filter('HATE', 'HIGH', 'HIGH')) }],
          },
        ],
      },
      {
        filename: f,
        code: `${head}}\n`,
        errors: [
          {
            messageId: 'noPromptAttack',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 39,
            suggestions: [{ messageId: 'addFilter', output: `resource "aws_bedrock_guardrail" "g" {\n  content_policy_config {\n    filters_config {\n      type            = "PROMPT_ATTACK"\n      input_strength  = "HIGH"\n      output_strength = "NONE"\n    }\n  }\n  name = "g"\n}\n` }],
          },
        ],
      },
    ],
  });
});
