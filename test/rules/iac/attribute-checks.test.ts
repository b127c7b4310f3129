import assert from 'node:assert/strict';
import { terraformAdapter } from '../../../src/languages/terraform';
import { builtinRules } from '../../../src/rules';
import { ATTRIBUTE_CHECKS } from '../../../src/rules/iac';
import { meets, platformChecks, type AttributeCheck, type PlatformCheck, type Scalar } from '../../../src/rules/iac/attribute-check';
import { ruleTester, type InvalidCase, type ValidCase } from '../../lib/rule-tester';

/**
 * Cases generated from each row of the IaC checks table: a minimal resource per type with the setting
 * missing, insecure, secure and unknown, in Terraform and in CloudFormation YAML and JSON. Expected ranges
 * and suggestion outputs are worked out here from the row and the skeleton's layout, independently of
 * the interpreter. Edge cases that a row cannot generate are written by hand in interpreter.test.ts.
 */

/** A value the row calls insecure. */
function insecureValue(p: PlatformCheck): Scalar {
  const e = p.expect;
  if ('noneOf' in e) return e.noneOf[0];
  if ('atLeast' in e) return e.atLeast - 1;
  if ('present' in e) return '';
  if (e.oneOf.every((v) => typeof v === 'boolean')) return !e.oneOf[0];
  if (p.default !== undefined && p.default !== null && !meets(p.default, e)) return p.default;
  return 'INSECURE_FOR_TEST';
}

/** A value the row calls secure. */
function secureValue(p: PlatformCheck): Scalar {
  if (p.fix !== undefined) return p.fix;
  const e = p.expect;
  if ('oneOf' in e) return e.oneOf[0];
  if ('atLeast' in e) return e.atLeast;
  return 'configured-for-test';
}

const hcl = (v: Scalar) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
const yaml = (v: Scalar) => (v === '' ? '""' : String(v));
const json = (v: Scalar) => JSON.stringify(v);
const shown = (v: Scalar) => (typeof v === 'string' ? `"${v}"` : String(v));
/** Whether absence is reported. */
const reportsMissing = (p: PlatformCheck) => p.default !== undefined && (p.default === null || !meets(p.default, p.expect));

/** `a { b = v }` lines (relative indentation) for a path of nested blocks ending in an attribute. */
function blocks(path: readonly string[], value: string): string[] {
  if (path.length === 1) return [`${path[0]} = ${value}`];
  return [`${path[0]} {`, ...blocks(path.slice(1), value).map((l) => `  ${l}`), '}'];
}

/** YAML lines for several key paths with values, sharing the maps they have in common. */
function yamlTree(entries: ReadonlyArray<readonly [readonly string[], string]>): string[] {
  type Tree = Map<string, Tree | string>;
  const root: Tree = new Map();
  for (const [path, value] of entries) {
    let node = root;
    path.forEach((key, i) => {
      if (i === path.length - 1) return void node.set(key, value);
      if (!(node.get(key) instanceof Map)) node.set(key, new Map());
      node = node.get(key) as Tree;
    });
  }
  const render = (tree: Tree): string[] => [...tree].flatMap(([k, v]) => (typeof v === 'string' ? [`${k}: ${v}`] : [`${k}:`, ...render(v).map((l) => `  ${l}`)]));
  return render(root);
}

function terraformCases(p: PlatformCheck, type: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const f = 'main.tf';
  const header = `resource "${type}" "this" {`;
  /** The resource with `inner` lines (relative indentation) after `name`. */
  // Settings every case has: a name, and what `when` requires.
  const prefix = ['name = "example"', ...(p.when ?? []).flatMap((w) => blocks(w.path, hcl(w.oneOf[0])))];
  const resource = (inner: string[], head = prefix) => [header, ...head.map((l) => `  ${l}`), ...inner.map((l) => `  ${l}`), '}', ''].join('\n');
  const nested = (value: string): string[] => {
    const lines = [`${p.path[p.path.length - 1]} = ${value}`];
    return p.path.slice(0, -1).reduceRight((inner, block) => [`${block} {`, ...inner.map((l) => `  ${l}`), '}'], lines);
  };
  const depth = p.path.length - 1;
  const attributeLine = 1 + prefix.length + p.path.length; // header, the prefix, one line per enclosing block
  const set = (value: Scalar) => `Set ${p.path.join('.')} to ${hcl(value)}`;
  const valid: ValidCase[] = [
    { filename: f, code: resource(nested(hcl(secureValue(p)))), name: `${type}: secure value` },
    { filename: f, code: resource(nested('var.setting')), name: `${type}: value from a variable without default (unknown)` },
    { filename: f, code: resource(nested(hcl(insecureValue(p)))).replace(`"${type}"`, '"other_type"'), name: 'another resource type' },
  ];
  const invalid: InvalidCase[] = [];
  const bad = insecureValue(p);
  const badCode = resource(nested(hcl(bad)));
  const column = 3 + 2 * depth;
  invalid.push({
    filename: f,
    name: `${type}: insecure value`,
    code: badCode,
    errors: [
      {
        messageId: 'insecure',
        line: attributeLine,
        column,
        endLine: attributeLine,
        endColumn: column + `${p.path[depth]} = ${hcl(bad)}`.length,
        suggestions: p.fix === undefined ? [] : [{ messageId: 'set', output: resource(nested(hcl(p.fix))) }],
      },
    ],
  });
  if (reportsMissing(p)) {
    const output = p.fix === undefined ? undefined : [header, ...nested(hcl(p.fix)).map((l) => `  ${l}`), ...prefix.map((l) => `  ${l}`), '}', ''].join('\n');
    invalid.push({
      filename: f,
      name: `${type}: missing`,
      code: resource([]),
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: header.length + 1, suggestions: output === undefined ? [] : [{ messageId: 'set', output }] }],
    });
    if (depth > 0) {
      valid.push({ filename: f, code: resource([`dynamic "${p.path[0]}" {`, '  for_each = var.settings', '  content {}', '}']), name: `${type}: a dynamic block with an unknown for_each may set it` });
    }
  } else {
    valid.push({ filename: f, code: resource([]), name: `${type}: missing, and absence is not reported` });
  }
  if (p.when) valid.push({ filename: f, code: resource(nested(hcl(bad)), ['name = "example"', ...p.when.flatMap((w) => blocks(w.path, hcl('other-value-for-test')))]), name: `${type}: the \`when\` settings have other values` });
  for (const name of p.unlessSet ?? []) valid.push({ filename: f, code: resource([`${name} = "x"`, ...nested(hcl(bad))]), name: `${type}: ${name} set` });
  for (const u of p.unless ?? []) valid.push({ filename: f, code: resource([...blocks(u.path, hcl(u.oneOf[0])), ...nested(hcl(bad))]), name: `${type}: ${u.path.join('.')} = ${u.oneOf[0]}` });
  assert.ok(set(bad));
  return { valid, invalid };
}

function cloudFormationCases(p: PlatformCheck, type: string): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const depth = p.path.length - 1;
  const valid: ValidCase[] = [];
  const invalid: InvalidCase[] = [];
  const bad = insecureValue(p);

  // YAML: properties at 6 spaces.
  const yamlDoc = (inner: string[]) => ['Resources:', '  Thing:', `    Type: ${type}`, '    Properties:', ...inner.map((l) => `      ${l}`), ''].join('\n');
  const yamlNested = (value: string): string[] => p.path.reduceRight<string[]>((inner, key, i) => (i === depth ? [`${key}: ${value}`] : [`${key}:`, ...inner.map((l) => `  ${l}`)]), []);
  for (const w of p.when ?? []) assert.notEqual(w.path[0], p.path[0], 'generated cases need `when` paths apart from the checked path');
  const names = ['Name: example', ...(p.when ? yamlTree(p.when.map((w) => [w.path, yaml(w.oneOf[0])] as const)) : [])];
  const name = names.join('\n      ');
  valid.push({ filename: 'template.yaml', code: yamlDoc([name, ...yamlNested(yaml(secureValue(p)))]), name: `${type} (YAML): secure value` });
  valid.push({ filename: 'template.yaml', code: yamlDoc([name, ...yamlNested('!Ref Setting')]), name: `${type} (YAML): a parameter (unknown)` });
  const yamlBadLine = 4 + names.length + p.path.length;
  const yamlColumn = 7 + 2 * depth + p.path[depth].length + 2;
  invalid.push({
    filename: 'template.yaml',
    name: `${type} (YAML): insecure value`,
    code: yamlDoc([name, ...yamlNested(yaml(bad))]),
    errors: [
      {
        messageId: 'insecure',
        line: yamlBadLine,
        column: yamlColumn,
        endLine: yamlBadLine,
        endColumn: yamlColumn + yaml(bad).length,
        suggestions: p.fix === undefined ? [] : [{ messageId: 'set', output: yamlDoc([name, ...yamlNested(yaml(p.fix))]) }],
      },
    ],
  });

  // JSON: properties at 8 spaces.
  const jsonDoc = (properties: string[]) =>
    ['{', '  "Resources": {', '    "Thing": {', `      "Type": ${JSON.stringify(type)},`, '      "Properties": {', ...properties.map((l, i, all) => `        ${l}${i < all.length - 1 ? ',' : ''}`), '      }', '    }', '  }', '}', ''].join('\n');
  const jsonNested = (value: string) => p.path.reduceRight<string>((inner, key, i) => (i === depth ? `${JSON.stringify(key)}: ${value}` : `${JSON.stringify(key)}: { ${inner} }`), '');
  const jsonName = ['"Name": "example"', ...(p.when ?? []).map((w) => w.path.reduceRight<string>((inner, key, i) => (i === w.path.length - 1 ? `${JSON.stringify(key)}: ${json(w.oneOf[0])}` : `${JSON.stringify(key)}: { ${inner} }`), ''))].join(',\n        ');
  const jsonLines = 1 + (p.when?.length ?? 0);
  valid.push({ filename: 'template.json', code: jsonDoc([jsonName, jsonNested(json(secureValue(p)))]), name: `${type} (JSON): secure value` });
  const jsonBad = jsonNested(json(bad));
  const jsonColumn = 9 + jsonBad.lastIndexOf(json(bad));
  invalid.push({
    filename: 'template.json',
    name: `${type} (JSON): insecure value`,
    code: jsonDoc([jsonName, jsonBad]),
    errors: [
      {
        messageId: 'insecure',
        line: 6 + jsonLines,
        column: jsonColumn,
        endLine: 6 + jsonLines,
        endColumn: jsonColumn + json(bad).length,
        suggestions: p.fix === undefined ? [] : [{ messageId: 'set', output: jsonDoc([jsonName, jsonNested(json(p.fix))]) }],
      },
    ],
  });

  if (reportsMissing(p)) {
    const suggest = (output: string) => (p.fix === undefined ? [] : [{ messageId: 'set', output }]);
    invalid.push({
      filename: 'template.yaml',
      name: `${type} (YAML): missing`,
      code: yamlDoc([name]),
      errors: [{ messageId: 'missing', line: 2, column: 3, endLine: 2, endColumn: 8, suggestions: suggest(yamlDoc([...yamlNested(yaml(p.fix ?? '')), name])) }],
    });
    invalid.push({
      filename: 'template.json',
      name: `${type} (JSON): missing`,
      code: jsonDoc([jsonName]),
      errors: [{ messageId: 'missing', line: 3, column: 5, endLine: 3, endColumn: 12, suggestions: suggest(jsonDoc([jsonNested(json(p.fix ?? '')), jsonName])) }],
    });
  } else {
    valid.push({ filename: 'template.yaml', code: yamlDoc([name]), name: `${type} (YAML): missing, and absence is not reported` });
  }
  valid.push({ filename: 'template.yaml', code: yamlDoc([name, ...yamlNested(yaml(bad))]).replace(`Type: ${type}`, 'Type: AWS::Other::Thing'), name: 'another resource type' });
  for (const key of p.unlessSet ?? []) valid.push({ filename: 'template.yaml', code: yamlDoc([`${key}: x`, ...yamlNested(yaml(bad))]), name: `${type}: ${key} set` });
  for (const u of p.unless ?? []) valid.push({ filename: 'template.yaml', code: yamlDoc(yamlTree([[u.path, yaml(u.oneOf[0])], [p.path, yaml(bad)]])), name: `${type}: ${u.path.join('.')} = ${u.oneOf[0]}` });
  return { valid, invalid };
}

function casesOf(check: AttributeCheck): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const valid: ValidCase[] = [];
  const invalid: InvalidCase[] = [];
  for (const { kind, platform } of platformChecks(check)) {
    for (const type of platform.types) {
      const cases = kind === 'terraform' ? terraformCases(platform, type) : cloudFormationCases(platform, type);
      valid.push(...cases.valid);
      invalid.push(...cases.invalid);
    }
    const example = platform.example;
    const filename = kind === 'terraform' ? 'main.tf' : 'template.yaml';
    valid.push({ filename, code: example.correct, name: `the row's correct ${kind} example` });
  }
  return { valid, invalid };
}

describe('IaC checks table: generated cases', () => {
  before(() => terraformAdapter.prepare!());

  it('every row is a registered rule, with a unique id', () => {
    const ids = ATTRIBUTE_CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(builtinRules.some((r) => r.id === id), id);
  });

  it('every row says a platform default only where absence is judged, and cites its sources', () => {
    for (const check of ATTRIBUTE_CHECKS) {
      assert.ok(check.references.length > 0, check.id);
      for (const { platform } of platformChecks(check)) {
        if ('present' in platform.expect) assert.ok(platform.default === undefined || platform.default === null, `${check.id}: a present check's default is "nothing"`);
        if (platform.fix !== undefined) assert.ok(meets(platform.fix, platform.expect), `${check.id}: the fix ${shown(platform.fix)} meets the expectation`);
      }
    }
  });

  for (const check of ATTRIBUTE_CHECKS) {
    const rule = builtinRules.find((r) => r.id === check.id);
    if (rule) ruleTester(rule, casesOf(check));
  }
});
