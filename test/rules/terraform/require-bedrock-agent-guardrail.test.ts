import rule from '../../../src/rules/terraform/require-bedrock-agent-guardrail';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'bedrock.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name = "support"\n  guardrail_configuration {\n    guardrail_identifier = aws_bedrock_guardrail.g.guardrail_id\n    guardrail_version    = "1"\n  }\n}\n' },
      { filename: f, code: 'resource "aws_bedrockagent_agent" "a" {\n  guardrail_configuration = [{ guardrail_identifier = "g", guardrail_version = "1" }]\n}\n', name: 'attribute form' },
      { filename: f, code: 'resource "aws_bedrock_guardrail" "g" {\n  name = "g"\n}\n', name: 'other resource' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_bedrockagent_agent" "a" {\n  agent_name       = "support"\n  foundation_model = "anthropic.claude-3-haiku-20240307-v1:0"\n}\n',
        errors: [{ messageId: 'noGuardrail', line: 1, column: 1, endLine: 1, endColumn: 40 }],
      },
    ],
  });
});
