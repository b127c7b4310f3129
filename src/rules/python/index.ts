import type { Rule } from '../../engine/rule';
import noCsrfExempt from './no-csrf-exempt';
import noDisabledTls from './no-disabled-tls';
import noDjangoInsecureSettings from './no-django-insecure-settings';
import noFlaskDebug from './no-flask-debug';
import noHardcodedJwtSecret from './no-hardcoded-jwt-secret';
import noHardcodedSecretKey from './no-hardcoded-secret-key';
import noInsecureCookie from './no-insecure-cookie';
import noInsecureRandom from './no-insecure-random';
import noJwtMisuse from './no-jwt-misuse';
import noLangchainDangerousTools from './no-langchain-dangerous-tools';
import noPermissiveCors from './no-permissive-cors';
import noUnsafeDeserialization from './no-unsafe-deserialization';
import noUnsafeModelLoad from './no-unsafe-model-load';
import noWeakCipher from './no-weak-cipher';
import noWeakHash from './no-weak-hash';

/** The Python rules that need name resolution and constants (no value flow); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noCsrfExempt,
  noDisabledTls,
  noDjangoInsecureSettings,
  noFlaskDebug,
  noHardcodedJwtSecret,
  noHardcodedSecretKey,
  noInsecureCookie,
  noInsecureRandom,
  noJwtMisuse,
  noLangchainDangerousTools,
  noPermissiveCors,
  noUnsafeDeserialization,
  noUnsafeModelLoad,
  noWeakCipher,
  noWeakHash,
] as Rule[];
