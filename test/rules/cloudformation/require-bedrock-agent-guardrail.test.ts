import rule from '../../../src/rules/cloudformation/require-bedrock-agent-guardrail';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const AGENT = 'AWS::Bedrock::Agent';

ruleTester(rule, {
  valid: [
    { name: 'guardrail attached', filename: 'template.yaml', code: yamlResource(AGENT, 'AgentName: a', 'GuardrailConfiguration:', '  GuardrailIdentifier: !GetAtt Guardrail.GuardrailId', '  GuardrailVersion: !GetAtt Guardrail.Version') },
    { name: 'guardrail from a condition', filename: 'template.yaml', code: yamlResource(AGENT, 'AgentName: a', 'GuardrailConfiguration: !If [HasGuardrail, {}, !Ref AWS::NoValue]') },
    { name: 'properties from an intrinsic', filename: 'template.yaml', code: yamlResource(AGENT).replace(/\n$/, '\n    Properties: !If [A, {}, {}]\n') },
    { name: 'a guardrail is not an agent', filename: 'template.yaml', code: yamlResource('AWS::Bedrock::Guardrail', 'Name: g') },
  ],
  invalid: [
    { name: 'no guardrail', filename: 'template.yaml', code: yamlResource(AGENT, 'AgentName: a', 'FoundationModel: anthropic.claude-3-haiku-20240307-v1:0'), errors: [{ messageId: 'noGuardrail', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    { name: 'empty guardrail configuration', filename: 'template.yaml', code: yamlResource(AGENT, 'AgentName: a', 'GuardrailConfiguration: {}'), errors: [{ messageId: 'noGuardrail', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    { name: 'JSON', filename: 'agent.json', code: '{"Resources": {"Agent": {"Type": "AWS::Bedrock::Agent", "Properties": {"AgentName": "a"}}}}', errors: [{ messageId: 'noGuardrail', line: 1, column: 16, endLine: 1, endColumn: 23 }] },
  ],
});
