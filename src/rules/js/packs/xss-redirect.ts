import type { Rule } from '../../../engine/rule';
import noOpenRedirect from '../no-open-redirect';
import noTemplateInjection from '../no-template-injection';
import noUnescapedTemplateOutput from '../no-unescaped-template-output';
import noXss from '../no-xss';

/** Rules of the "xss-redirect" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noXss, noOpenRedirect, noTemplateInjection as Rule, noUnescapedTemplateOutput as Rule];
