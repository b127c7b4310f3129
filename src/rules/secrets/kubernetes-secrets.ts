/**
 * Kubernetes `Secret` manifests for the secrets rule: `data` values are base64-decoded before they are
 * judged (and reported on the encoded value), `stringData` values are literal, and a password-like key
 * holds a credential whatever its format.
 */
import { isMap, isPair, isScalar } from 'yaml';
import type { RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { kubernetesModel, lookup, nodeRange } from '../kubernetes/model';
import { isLiteralCredential, secretNameKind } from './patterns';
import { findPrivateKeys, scanProviderSecrets } from './scan';

/** A credential held by a Secret manifest. */
export interface SecretManifestValue {
  /** Range of the value as written (the base64 text for `data`). */
  range: Range;
  /** The decoded value. */
  value: string;
  /** The Secret's name, the key, and what was found ("a GitHub token", "a password"). */
  secret: string;
  key: string;
  what: string;
  envVar: string;
  secretType: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Every credential in the `Secret` objects of a YAML file. */
export function kubernetesSecretValues(context: RuleContext): SecretManifestValue[] {
  const found: SecretManifestValue[] = [];
  // A Secret says `kind: Secret` (an alias points at that text too); only an escape could spell it otherwise. Any
  // other YAML file (a CloudFormation template, a compose file) needs no Kubernetes model for this rule.
  if (!context.text.includes('Secret') && !context.text.includes('\\')) return found;
  for (const object of kubernetesModel(context)?.objects ?? []) {
    if (object.kind !== 'Secret') continue;
    for (const field of ['data', 'stringData'] as const) {
      const map = lookup(object.doc, object.map, field)?.value;
      if (!isMap(map)) continue;
      for (const pair of map.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value) || typeof pair.value.value !== 'string') continue;
        const key = String(pair.key.value);
        const written = pair.value.value.trim();
        const value = field === 'data' ? decodeBase64(written) : written;
        if (value === null) continue;
        const judged = judgeSecretValue(key, value);
        if (judged) found.push({ range: nodeRange(pair.value), value, secret: object.name ?? 'unnamed', key, ...judged });
      }
    }
  }
  return found;
}

function judgeSecretValue(key: string, value: string): Pick<SecretManifestValue, 'what' | 'envVar' | 'secretType'> | null {
  const provider = scanProviderSecrets(value)[0];
  if (provider) return { what: `a ${provider.pattern.provider} ${provider.pattern.kind}`, envVar: provider.pattern.envVar, secretType: provider.pattern.id };
  if (findPrivateKeys(value).length > 0) return { what: 'a private key', envVar: 'PRIVATE_KEY', secretType: 'private-key' };
  const kind = secretNameKind(key, 'env');
  if (kind === null || value.length < 4 || !isLiteralCredential(value)) return null;
  return { what: kind === 'password' ? 'a password' : 'a credential', envVar: key.toUpperCase(), secretType: 'kubernetes-secret' };
}

/** The UTF-8 text a base64 value encodes; null when it is not base64 or not text. */
function decodeBase64(written: string): string | null {
  const compact = written.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 === 1 || !BASE64.test(compact)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return null;
  }
}
