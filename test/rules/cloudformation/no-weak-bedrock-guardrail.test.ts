import rule from '../../../src/rules/cloudformation/no-weak-bedrock-guardrail';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const GUARDRAIL = 'AWS::Bedrock::Guardrail';
const filters = (...f: Array<[type: string, input: string, output: string]>): string[] => [
  'Name: g',
  'BlockedInputMessaging: blocked',
  'BlockedOutputsMessaging: blocked',
  'ContentPolicyConfig:',
  '  FiltersConfig:',
  ...f.flatMap(([type, input, output]) => [`    - Type: ${type}`, `      InputStrength: ${input}`, `      OutputStrength: ${output}`]),
];

ruleTester(rule, {
  valid: [
    { name: 'prompt attack and hate filters', filename: 'template.yaml', code: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'HIGH', 'NONE'], ['HATE', 'HIGH', 'HIGH'])) },
    { name: 'LOW is a choice, not off', filename: 'template.yaml', code: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'MEDIUM', 'NONE'], ['MISCONDUCT', 'LOW', 'LOW'])) },
    { name: 'filters from an intrinsic', filename: 'template.yaml', code: yamlResource(GUARDRAIL, 'Name: g', 'ContentPolicyConfig:', '  FiltersConfig: !If [Strict, [], []]') },
    { name: 'filter type from a parameter', filename: 'template.yaml', code: yamlResource(GUARDRAIL, ...filters(['!Ref FilterType', 'HIGH', 'HIGH'])) },
    { name: 'other resource', filename: 'template.yaml', code: yamlResource('AWS::Bedrock::Agent', 'AgentName: a') },
  ],
  invalid: [
    {
      name: 'filter set to NONE',
      filename: 'template.yaml',
      code: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'HIGH', 'NONE'], ['VIOLENCE', 'NONE', 'HIGH'])),
      errors: [{ messageId: 'filterOff', line: 15, column: 28, endLine: 15, endColumn: 32, suggestions: [{ messageId: 'useHigh', output: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'HIGH', 'NONE'], ['VIOLENCE', 'HIGH', 'HIGH'])) }] }],
    },
    {
      name: 'prompt attack input off',
      filename: 'template.yaml',
      code: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'NONE', 'NONE'])),
      errors: [{ messageId: 'filterOff', line: 12, column: 28, endLine: 12, endColumn: 32, suggestions: [{ messageId: 'useHigh', output: yamlResource(GUARDRAIL, ...filters(['PROMPT_ATTACK', 'HIGH', 'NONE'])) }] }],
    },
    { name: 'no prompt attack filter', filename: 'template.yaml', code: yamlResource(GUARDRAIL, ...filters(['HATE', 'HIGH', 'HIGH'])), errors: [{ messageId: 'noPromptAttackFilter', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    { name: 'no content policy', filename: 'template.yaml', code: yamlResource(GUARDRAIL, 'Name: g', 'TopicPolicyConfig:', '  TopicsConfig: []'), errors: [{ messageId: 'noPromptAttackFilter', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
  ],
});
