/**
 * Secrets in the values of environment variables and build arguments, for the IaC rules (Dockerfile,
 * compose, Terraform, CloudFormation): a provider-format secret anywhere in the value, or a literal under a
 * secret name. Built on the secrets engine (`./scan`, `./patterns`).
 */
import { isLiteralCredential, isSecretName } from './patterns';
import { findProviderSecrets } from './scan';

/** What was found in a value: a provider token or a literal under a secret name, with its offsets in the value. */
export interface SecretInValue {
  what: string;
  start: number;
  end: number;
}

/**
 * The secret in `value` assigned to `name`: a provider token anywhere in the value, else the whole
 * value when the name is secret-like and the value is a literal — not empty, no `$` reference, not a
 * placeholder, boolean or small number. Null when there is none.
 */
export function secretInValue(name: string, value: string): SecretInValue | null {
  const token = findProviderSecrets(value)[0];
  if (token) return { what: `${token.pattern.provider} ${token.pattern.kind}`, start: token.start, end: token.end };
  if (!isSecretName(name, 'env') || value.includes('$') || !isLiteralCredential(value)) return null;
  return { what: 'credential', start: 0, end: value.length };
}
