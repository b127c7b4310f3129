/**
 * Provider-independent credentials: signed JWTs, base64-encoded private keys, and key formats of encryption and
 * password tools. PEM private keys in armour are found by the private-key check in `../patterns.ts`, not here.
 */
import type { ProviderPattern } from '../provider';
import { B, B64_B, B64_E, E, JWT, isCredentialJwt } from './shared';

export const KEY_PATTERNS: readonly ProviderPattern[] = [
  {
    id: 'base64-private-key',
    provider: 'PEM',
    kind: 'base64-encoded private key',
    envVar: 'PRIVATE_KEY',
    keywords: ['ls0tls1crudjtib'],
    regex: new RegExp(
      String.raw`${B64_B}LS0tLS1CRUdJTiB(?:QUklWQVRFIEtFWS0tLS0t|SU0EgUFJJVkFURSBLRVktLS0tL|FQyBQUklWQVRFIEtFWS0tLS0t|PUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS|EU0EgUFJJVkFURSBLRVktLS0tL|FTkNSWVBURUQgUFJJVkFURSBLRVktLS0tL)[A-Za-z0-9+/]{100,8000}={0,2}${B64_E}`,
      'g',
    ),
    confidence: 'high',
    source: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
  },
  {
    id: 'age-secret-key',
    provider: 'age',
    kind: 'secret key',
    envVar: 'SOPS_AGE_KEY',
    keywords: ['age-secret-key-1'],
    regex: new RegExp(String.raw`${B}AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${E}`, 'g'),
    confidence: 'high',
    source: 'https://age-encryption.org/v1',
  },
  {
    id: '1password-secret-key',
    provider: '1Password',
    kind: 'account secret key',
    envVar: 'OP_SECRET_KEY',
    keywords: ['a3-'],
    regex: new RegExp(String.raw`${B}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${E}`, 'g'),
    confidence: 'high',
    source: 'https://support.1password.com/secret-key/',
  },
  {
    id: '1password-service-account-token',
    provider: '1Password',
    kind: 'service account token',
    envVar: 'OP_SERVICE_ACCOUNT_TOKEN',
    keywords: ['ops_eyj'],
    regex: new RegExp(String.raw`${B}ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}${B64_E}`, 'g'),
    confidence: 'high',
    source: 'https://developer.1password.com/docs/service-accounts/',
  },
  {
    id: 'jwt',
    provider: 'JSON Web Token',
    kind: 'signed token',
    envVar: 'JWT_TOKEN',
    keywords: ['eyj'],
    regex: new RegExp(JWT, 'g'),
    accept: isCredentialJwt,
    confidence: 'medium',
    source: 'https://datatracker.ietf.org/doc/html/rfc7519',
  },
];
