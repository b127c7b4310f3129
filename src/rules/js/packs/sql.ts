import type { Rule } from '../../../engine/rule';
import noNosqlInjection from '../no-nosql-injection';
import noSqlInjection from '../no-sql-injection';

/** Rules of the "sql" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noSqlInjection, noNosqlInjection] as Rule[];
