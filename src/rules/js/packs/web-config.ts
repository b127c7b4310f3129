import type { Rule } from '../../../engine/rule';
import noDisabledHelmet from '../no-disabled-helmet';
import noHardcodedSessionSecret from '../no-hardcoded-session-secret';
import noInsecureCookie from '../no-insecure-cookie';
import noPermissiveCors from '../no-permissive-cors';
import noRedos from '../no-redos';
import noRegexInjection from '../no-regex-injection';

/** Rules of the "web-config" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noPermissiveCors, noInsecureCookie, noHardcodedSessionSecret, noDisabledHelmet, noRegexInjection, noRedos] as Rule[];
