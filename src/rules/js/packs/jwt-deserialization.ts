import type { Rule } from '../../../engine/rule';
import noHardcodedJwtSecret from '../no-hardcoded-jwt-secret';
import noJwtDecodeAsVerify from '../no-jwt-decode-as-verify';
import noJwtNoneAlgorithm from '../no-jwt-none-algorithm';
import noPrototypePollution from '../no-prototype-pollution';
import noUnsafeDeserialization from '../no-unsafe-deserialization';
import requireJwtAlgorithms from '../require-jwt-algorithms';

/** Rules of the "jwt-deserialization" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noJwtNoneAlgorithm, noJwtDecodeAsVerify, requireJwtAlgorithms, noHardcodedJwtSecret, noUnsafeDeserialization, noPrototypePollution] as Rule[];
