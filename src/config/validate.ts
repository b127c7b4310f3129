import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Rule } from '../engine/rule';
import { buildConfigSchema, OVERRIDE_KEYS, PRESETS, SUPPRESSION_KEYS, TOP_LEVEL_KEYS } from './schema';
import { checkSuppressions } from './suppressions';

/** One schema violation, located by its JSON path and described in words. */
export interface SchemaViolation {
  /** Path of the offending value; numbers are array indices. */
  path: Array<string | number>;
  /** When set, the offending thing is this key of the object at `path` (an unknown key). */
  key?: string;
  message: string;
  /** What the message proposes instead of the offending string ("Did you mean …?"): data for a quick fix. */
  suggestion?: string;
}

const validators = new WeakMap<readonly Rule[], ValidateFunction>();

/**
 * Validates a parsed configuration against the schema generated from `rules`, plus what a schema
 * cannot say about suppressions (real dates, paths that can match). Describes at most `limit`
 * violations (describing can be costly); `total` counts them all.
 */
export function validateConfig(value: unknown, rules: readonly Rule[], limit: number): { violations: SchemaViolation[]; total: number } {
  const schema = validateSchema(value, rules, limit);
  const extra = checkSuppressions(value);
  return {
    violations: [...schema.violations, ...extra.slice(0, Math.max(0, limit - schema.violations.length))],
    total: schema.total + extra.length,
  };
}

function validateSchema(value: unknown, rules: readonly Rule[], limit: number): { violations: SchemaViolation[]; total: number } {
  const validate = validatorFor(rules);
  if (validate(value)) return { violations: [], total: 0 };
  const errors = relevantErrors(validate.errors ?? []);
  const seen = new Set<string>();
  const violations: SchemaViolation[] = [];
  for (const error of errors.slice(0, limit)) {
    const violation = describe(error, value, rules);
    const id = JSON.stringify(violation);
    if (seen.has(id)) continue;
    seen.add(id);
    violations.push(violation);
  }
  return { violations, total: errors.length - (Math.min(limit, errors.length) - violations.length) };
}

function validatorFor(rules: readonly Rule[]): ValidateFunction {
  let validate = validators.get(rules);
  if (!validate) {
    // verbose: errors carry the failing schema and data, needed to pick the anyOf branch that was meant.
    const ajv = new Ajv({ allErrors: true, verbose: true, strictTypes: false, strictTuples: false, validateFormats: false, logger: false });
    ajv.addVocabulary(['enumDescriptions', 'markdownDescription']);
    validate = ajv.compile(buildConfigSchema(rules));
    validators.set(rules, validate);
  }
  return validate;
}

/**
 * Ajv reports every branch of a failed `anyOf`/`oneOf`. When exactly one branch has the type of the
 * value (a string vs an object), that branch is what the user meant: keep its errors and drop the
 * others. Otherwise keep only the `anyOf` error, described as "must be X or Y".
 */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped: string[] = [];
  const dropSelf = new Set<ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'if') dropSelf.add(e);
    if ((e.keyword !== 'anyOf' && e.keyword !== 'oneOf') || !Array.isArray(e.schema)) continue;
    if (e.keyword === 'oneOf' && (e.params as { passingSchemas: unknown }).passingSchemas) continue;
    const branches = e.schema as unknown[];
    const matching = branches.flatMap((b, i) => (typeMatches(b, e.data) ? [i] : []));
    if (matching.length === 1) {
      dropSelf.add(e);
      branches.forEach((_, i) => i !== matching[0] && dropped.push(`${e.schemaPath}/${i}/`));
    } else {
      branches.forEach((_, i) => dropped.push(`${e.schemaPath}/${i}/`));
    }
  }
  // `{ type: 'string', enum: [...] }` fails twice for a number; the list of allowed values says more.
  const enumAt = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => parentOf(e.schemaPath)));
  for (const e of errors) if (e.keyword === 'type' && enumAt.has(parentOf(e.schemaPath))) dropSelf.add(e);
  // A bad property name fails its pattern and then `propertyNames` again; the pattern error says which.
  for (const e of errors) if (e.keyword === 'propertyNames') dropSelf.add(e);
  return errors.filter((e) => !dropSelf.has(e) && !dropped.some((p) => e.schemaPath.startsWith(p)));
}

function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

function typeMatches(schema: unknown, data: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const type = (schema as { type?: string | string[] }).type;
  if (type === undefined) return true;
  return ([] as string[]).concat(type).some((t) => t === jsonType(data) || (t === 'number' && jsonType(data) === 'integer'));
}

function jsonType(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

function describe(e: ErrorObject, root: unknown, rules: readonly Rule[]): SchemaViolation {
  const path = pointerToPath(e.instancePath, root);
  const where = describePath(path);
  const suppression = describeSuppressionError(e, path, rules) ?? describePackagesError(e, path) ?? describeExtendsError(e, path);
  if (suppression) return suppression;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return { path, key, ...unknownKeyMessage(path, key, rules) };
    }
    case 'enum':
      return { path, message: `${where} must be ${orList((e.params as { allowedValues: unknown[] }).allowedValues)}, not ${show(e.data)}.` };
    case 'type':
      return { path, message: `${where} must be ${withArticle((e.params as { type: string }).type)}, not ${show(e.data)}.` };
    case 'minLength':
    case 'minItems':
      if ((e.params as { limit: number }).limit === 1) return { path, message: `${where} must not be empty.` };
      break;
    case 'anyOf':
    case 'oneOf':
      return { path, message: `${where} must be ${describeBranches(e.schema as unknown[])}, not ${show(e.data)}.` };
  }
  return { path, message: `${where} ${e.message ?? 'is invalid'}.` };
}

const SUPPRESSION_LABELS: Record<string, string> = {
  rule: 'rule',
  path: 'path',
  reason: 'reason',
  expires: 'expiry date',
  owner: 'owner',
  line: 'line',
  jsonPath: 'JSON path',
  fingerprint: 'fingerprint',
};

/** Messages for schema errors inside `suppressions` that the generic wording would describe poorly. */
function describeSuppressionError(e: ErrorObject, path: Array<string | number>, rules: readonly Rule[]): SchemaViolation | null {
  const [top, index, key] = path;
  if (top !== 'suppressions' || typeof index !== 'number') return null;
  const where = describePath(path);
  const entry = `suppression ${index + 1}`;
  if (key === undefined && e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return { path, message: `Suppression ${index + 1} has no "${missing}". ${REQUIRED_HINTS[missing] ?? ''}`.trim() };
  }
  if (key === undefined && e.keyword === 'additionalProperties') {
    const unknown = (e.params as { additionalProperty: string }).additionalProperty;
    const guess = closest(unknown, SUPPRESSION_KEYS);
    const allowed = SUPPRESSION_KEYS.map((k) => `"${k}"`).join(', ');
    const hint = guess ? ` Did you mean "${guess}"?` : '';
    return { path, key: unknown, message: `Unknown key "${unknown}" in ${entry}.${hint} Allowed keys: ${allowed}.`, ...(guess ? { suggestion: guess } : {}) };
  }
  if (key === 'rule' && e.keyword === 'enum') {
    if (typeof e.data !== 'string') return { path, message: `${where} must be a rule id, not ${show(e.data)}.` };
    const guess = closest(e.data, rules.map((r) => r.id));
    return { path, message: `Unknown rule "${e.data}" in ${entry}.${guess ? ` Did you mean "${guess}"?` : ''}`, ...(guess ? { suggestion: guess } : {}) };
  }
  if (key === 'reason' && e.keyword === 'pattern') return { path, message: `${where} must not be blank: say why the findings are acceptable.` };
  if (key === 'expires' && e.keyword === 'pattern') {
    return { path, message: `${where} must be a date written YYYY-MM-DD, not ${show(e.data)}.` };
  }
  return null;
}

/** `extends` entries are presets or relative paths; say both, and which preset was probably meant. */
function describeExtendsError(e: ErrorObject, path: Array<string | number>): SchemaViolation | null {
  if (path[0] !== 'extends' || path.length > 2 || typeof e.data !== 'string' || (e.keyword !== 'anyOf' && e.keyword !== 'pattern' && e.keyword !== 'enum')) return null;
  const where = describePath(path);
  const guess = closest(e.data, PRESETS);
  const presets = orList(PRESETS);
  const hint = guess ? ` Did you mean "${guess}"?` : '';
  return {
    path,
    message: `${where} must be a preset (${presets}) or a path to a .json or .jsonc file of the repository starting with "./" or "../", not ${show(e.data)}.${hint}`,
    ...(guess ? { suggestion: guess } : {}),
  };
}

/** Messages for schema errors inside `packages`. */
function describePackagesError(e: ErrorObject, path: Array<string | number>): SchemaViolation | null {
  const [top, section, index, key] = path;
  if (top !== 'packages') return null;
  if (section === 'allow' && typeof index === 'number') {
    const entry = `allow-list entry ${index + 1}`;
    if (key === undefined && e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      const hint = missing === 'reason' ? 'Say why the team trusts this package.' : 'Give the package name, or "@scope/*".';
      return { path, message: `The ${entry} has no "${missing}". ${hint}` };
    }
    if (key === 'name' && e.keyword === 'pattern') return { path, message: `The name of ${entry}, ${show(e.data)}, is not a package name or "@scope/*".` };
    if (key === 'reason' && e.keyword === 'pattern') return { path, message: `The reason of ${entry} must not be blank: say why the team trusts it.` };
  }
  if (section === 'registries' && e.keyword === 'pattern') {
    if (e.schemaPath.includes('/propertyNames/')) return { path, key: String(e.data), message: `Scope ${show(e.data)} must be written like "@acme".` };
    return { path, message: `"${path.join('.')}" must be an http:// or https:// URL without credentials, not ${show(e.data)}.` };
  }
  return null;
}

const REQUIRED_HINTS: Record<string, string> = {
  rule: 'Name the rule whose findings it accepts.',
  path: 'Give a gitignore-style pattern of the files it covers, relative to the folder of this file.',
  reason: 'Every suppression needs a reason: say why the findings are acceptable.',
};

/** JSON pointer -> path segments; indices into arrays become numbers, as jsonc-parser expects. */
function pointerToPath(pointer: string, root: unknown): Array<string | number> {
  if (pointer === '') return [];
  const path: Array<string | number> = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(value) ? Number(segment) : segment;
    path.push(key);
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}

/** A noun phrase for the value at `path`, starting with a capital letter. */
export function describePath(path: ReadonlyArray<string | number>): string {
  const [top, second, third, ...rest] = path.map(String);
  if (top === undefined) return 'The configuration';
  // Inside an override: the same words as at the top level, with the override named.
  if (top === 'overrides' && second !== undefined) {
    const override = `override ${Number(second) + 1}`;
    if (third === undefined) return `Override ${Number(second) + 1}`;
    if (third === 'files' && rest.length === 0) return `The "files" of ${override}`;
    const inner = describePath(path.slice(2));
    return `${inner.startsWith('"') ? inner : inner.charAt(0).toUpperCase() + inner.slice(1)} in ${override}`;
  }
  if (top === 'rules' && second !== undefined) {
    if (third === undefined) return `The setting of rule ${second}`;
    if (third === 'severity') return `The severity of rule ${second}`;
    if (third === 'options') return rest.length === 0 ? `The options of rule ${second}` : `Option "${rest.join('.')}" of rule ${second}`;
  }
  if ((top === 'extends' || top === 'ignore') && second !== undefined && third === undefined) {
    return `Entry ${Number(second) + 1} of "${top}"`;
  }
  if (top === 'suppressions' && second !== undefined) {
    if (third === undefined) return `Suppression ${Number(second) + 1}`;
    if (rest.length === 0 && Object.hasOwn(SUPPRESSION_LABELS, third)) {
      return `The ${SUPPRESSION_LABELS[third]} of suppression ${Number(second) + 1}`;
    }
  }
  return `"${path.join('.')}"`;
}

function unknownKeyMessage(path: ReadonlyArray<string | number>, key: string, rules: readonly Rule[]): { message: string; suggestion?: string } {
  if (path[0] === 'overrides' && typeof path[1] === 'number') {
    const override = `override ${path[1] + 1}`;
    if (path.length === 2) {
      const guess = closest(key, OVERRIDE_KEYS);
      const message = `Unknown key "${key}" in ${override}.${guess ? ` Did you mean "${guess}"?` : ''} Allowed keys: ${OVERRIDE_KEYS.map((k) => `"${k}"`).join(', ')}.`;
      return { message, ...(guess ? { suggestion: guess } : {}) };
    }
    const inner = unknownKeyMessage(path.slice(2), key, rules);
    return { ...inner, message: inner.message.replace(/\.(?= Did you mean|$)/, ` in ${override}.`) };
  }
  const [top, ruleId, third, ...rest] = path.map(String);
  if (top === undefined) {
    const guess = closest(key, TOP_LEVEL_KEYS);
    const message = `Unknown key "${key}".${guess ? ` Did you mean "${guess}"?` : ''} Allowed keys: ${TOP_LEVEL_KEYS.map((k) => `"${k}"`).join(', ')}.`;
    return { message, ...(guess ? { suggestion: guess } : {}) };
  }
  if (top === 'rules' && ruleId === undefined) {
    const guess = closest(key, rules.map((r) => r.id));
    return { message: `Unknown rule "${key}".${guess ? ` Did you mean "${guess}"?` : ''}`, ...(guess ? { suggestion: guess } : {}) };
  }
  if (top === 'rules' && third === undefined) return { message: `Unknown key "${key}" in the setting of rule ${ruleId}. Use "severity" and "options".` };
  if (top === 'rules' && third === 'options') {
    const prefix = rest.length > 0 ? `${rest.join('.')}.` : '';
    return { message: `Rule ${ruleId} has no option "${prefix}${key}".` };
  }
  return { message: `Unknown key "${key}" in ${describePath(path).replace(/^The /, 'the ')}.` };
}

function describeBranches(branches: unknown[]): string {
  const parts = branches.map((b) => {
    const s = b as { enum?: unknown[]; type?: string | string[]; const?: unknown };
    if (s.enum) return orList(s.enum);
    if (s.const !== undefined) return show(s.const);
    if (s.type) return ([] as string[]).concat(s.type).map(withArticle).join(' or ');
    return 'another allowed value';
  });
  return parts.join(', or ');
}

function orList(values: readonly unknown[]): string {
  const shown = values.map((v) => JSON.stringify(v));
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A short description of a value for messages: strings and numbers quoted, containers named. */
function show(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The candidate nearest to `name` by edit distance, when it is close enough to be a typo. */
function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
