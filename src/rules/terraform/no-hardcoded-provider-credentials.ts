import { defineRule } from '../../engine/rule';
import { terraformModel } from './model';

/** Provider arguments that hold a secret, by provider. */
const SECRET_ARGUMENTS: Record<string, readonly string[]> = {
  aws: ['access_key', 'secret_key', 'token'],
  azurerm: ['client_secret', 'client_certificate_password'],
  google: ['access_token', 'credentials'],
  github: ['token'],
  cloudflare: ['api_key', 'api_token'],
  digitalocean: ['token'],
};
/** Values that are clearly placeholders, not credentials. */
const PLACEHOLDER = /^(?:|mock\w*|fake\w*|test\w*|dummy\w*|example\w*|x+|changeme|placeholder|<[^>]*>)$/i;

export default defineRule({
  id: 'terraform/no-hardcoded-provider-credentials',
  languages: ['terraform'],
  meta: {
    description: 'Provider blocks must not contain literal access keys, secrets or tokens',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-798'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      literalCredential:
        "The '{{provider}}' provider has a literal {{argument}}: it ends up in version control, CI logs and every copy of the repository. Remove it and let the provider read credentials from the environment, a profile or an assumed role.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const provider of model?.blocksOf('provider') ?? []) {
          const name = provider.labels[0] ?? '';
          for (const argument of SECRET_ARGUMENTS[name] ?? []) {
            const attribute = provider.attributes.get(argument);
            const value = model!.value(attribute);
            // Only a literal written in this file: `var.x` with a default is reported at the variable.
            if (!attribute || typeof value !== 'string' || PLACEHOLDER.test(value.trim())) continue;
            if (attribute.expression.namedChildren[0]?.type === 'variable_expr' && attribute.expression.text.startsWith('var.')) continue;
            context.report({ range: attribute.range, messageId: 'literalCredential', data: { provider: name, argument } });
          }
        }
      },
    };
  },
});
