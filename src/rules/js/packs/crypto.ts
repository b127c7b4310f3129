import type { Rule } from '../../../engine/rule';
import noDeprecatedCipher from '../no-deprecated-cipher';
import noEcbMode from '../no-ecb-mode';
import noInsecureRandom from '../no-insecure-random';
import noStaticIv from '../no-static-iv';
import noWeakHash from '../no-weak-hash';

/** Rules of the "crypto" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noWeakHash, noDeprecatedCipher, noEcbMode, noStaticIv, noInsecureRandom] as Rule[];
