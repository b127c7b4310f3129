import type { Rule } from '../../../engine/rule';
import noPathTraversal from '../no-path-traversal';
import noRequestDataInSession from '../no-request-data-in-session';
import noSsrf from '../no-ssrf';
import noXxe from '../no-xxe';

/** Rules of the "files-network" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noPathTraversal as Rule, noSsrf as Rule, noXxe as Rule, noRequestDataInSession as Rule];
