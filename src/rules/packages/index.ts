import { applyingTo, type Rule } from '../../engine/rule';
import noDeprecatedPackage from './no-deprecated-package';
import noNewPackage from './no-new-package';
import noNonexistentPackage from './no-nonexistent-package';
import noTyposquat from './no-typosquat';
import noYoungInstallScript from './no-young-install-script';
import { mayHoldPackages } from './refs';

/** The supply-chain rules (`packages/*`): registry look-ups and name checks; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = applyingTo([noNonexistentPackage, noNewPackage, noTyposquat, noDeprecatedPackage, noYoungInstallScript] as Rule[], mayHoldPackages);
