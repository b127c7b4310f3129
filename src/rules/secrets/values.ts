/**
 * Secret heuristics shared by the IaC rules (Dockerfile, compose, Terraform, CloudFormation): which
 * variable names hold credentials and which literal values are real secrets rather than references or
 * placeholders. Built on the provider patterns and name classifier in `./patterns`.
 */
import { classifySecretName, findProviderSecrets, isPlaceholderValue } from './patterns';

/** Names `classifySecretName` does not know: `SECRET_KEY_BASE`, `DB_PASS`, `*_CREDENTIALS`. */
const EXTRA_SECRET_NAME = /(?:^|_)(?:SECRET|PASSWORD|PASSWD|PASS|PAT|CREDENTIALS?)(?:_|$)/i;
/** Secret-named variables that are not secrets: key ids, file paths, URLs, token limits. */
const NOT_SECRET_NAME = /PUBLIC|(?:^|_)(?:ID|PATH|FILE|DIR|URL|URI|NAME|TYPE|HEADER|LIMIT|MAX|MIN|COUNT|EXPIRY|TTL|LENGTH|ENABLED|MODE|POLICY)$/i;
/** Values that carry no credential: booleans, numbers, `none`. */
const TRIVIAL_VALUE = /^(?:true|false|yes|no|on|off|null|none|nil|\d{1,3})$/i;

/** What was found in a value: a provider token or a literal under a secret name, with its offsets in the value. */
export interface SecretInValue {
  what: string;
  start: number;
  end: number;
}

/** Whether an environment variable or build argument name says it holds a credential. */
export function isSecretName(name: string): boolean {
  if (NOT_SECRET_NAME.test(name)) return false;
  return classifySecretName(name) !== null || EXTRA_SECRET_NAME.test(name);
}

/**
 * The secret in `value` assigned to `name`: a provider token anywhere in the value, else the whole
 * value when the name is secret-like and the value is a literal — not empty, no `$` reference, not a
 * placeholder, boolean or small number. Null when there is none.
 */
export function secretInValue(name: string, value: string): SecretInValue | null {
  const token = findProviderSecrets(value)[0];
  if (token) return { what: `${token.pattern.provider} ${token.pattern.kind}`, start: token.start, end: token.end };
  if (!isSecretName(name) || value.length === 0 || value.includes('$')) return null;
  if (TRIVIAL_VALUE.test(value) || isPlaceholderValue(value)) return null;
  return { what: 'credential', start: 0, end: value.length };
}
