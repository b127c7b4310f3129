import { defineRule } from '../../engine/rule';
import { address, insertAttribute, terraformModel } from './model';

const INSTANCE_TYPES = ['aws_instance', 'aws_launch_template'];

export default defineRule({
  id: 'terraform/require-imdsv2',
  languages: ['terraform'],
  meta: {
    description: 'EC2 instances and launch templates must require IMDSv2 (metadata_options http_tokens = "required")',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-918', 'CWE-1390'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      missingOptions:
        "'{{resource}}' has no metadata_options block, so IMDSv1 stays enabled: any SSRF in software on the instance can read its role credentials from http://169.254.169.254. Require session tokens.",
      optionalTokens:
        "'{{resource}}' sets http_tokens = \"optional\", which keeps IMDSv1 enabled: any SSRF in software on the instance can read its role credentials. Require session tokens.",
      missingTokens:
        "'{{resource}}' has metadata_options without http_tokens, which defaults to \"optional\" (IMDSv1 enabled) for most AMIs. Require session tokens.",
      requireTokens: 'Require IMDSv2 (http_tokens = "required")',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources(...INSTANCE_TYPES) ?? []) {
          const data = { resource: address(block) };
          const options = block.blocks.find((b) => b.kind === 'metadata_options');
          if (!options) {
            const edit = insertAttribute(block, context.text, 'metadata_options {\n' + `${block.indent}    http_tokens = "required"\n${block.indent}  }`);
            context.report({ range: block.headerRange, messageId: 'missingOptions', data, suggest: [{ messageId: 'requireTokens', edits: [edit] }] });
            continue;
          }
          if (options.dynamic) continue;
          if (model!.value(options.attributes.get('http_endpoint')) === 'disabled') continue;
          const tokens = options.attributes.get('http_tokens');
          if (!tokens) {
            const edit = insertAttribute(options, context.text, 'http_tokens = "required"');
            context.report({ range: options.headerRange, messageId: 'missingTokens', data, suggest: [{ messageId: 'requireTokens', edits: [edit] }] });
          } else if (model!.value(tokens) === 'optional') {
            context.report({ range: tokens.range, messageId: 'optionalTokens', data, suggest: [{ messageId: 'requireTokens', edits: [{ range: tokens.valueRange, text: '"required"' }] }] });
          }
        }
      },
    };
  },
});
