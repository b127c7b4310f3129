import { defineRule, type Rule, type RuleContext } from '../../engine/rule';
import type { LanguageId, RiskArea, Severity } from '../../engine/types';
import { isObject, UNKNOWN, type LocatedValue, type TerraformModel, type TfAttribute, type TfBlock, type TfValue } from '../../languages/terraform';
import { CFN_LANGUAGES, cfnResources, entry, templatesWith, type CfnEntry, type CfnFormat, type CfnMap, type CfnValue } from '../cloudformation/model';
import { address, insertLines, terraformModel } from '../terraform/model';
import { cfnLiteral, insertCfnEntry, type Scalar } from './cfn-edits';

export type { Scalar };

/**
 * What a secure value is. Values compare as text, case-insensitively (`"true"` is `true`, `"Enabled"` is
 * `"enabled"`); a value the engine cannot know statically is never reported.
 */
export type Expect =
  /** Secure only when one of these. */
  | { readonly oneOf: readonly Scalar[] }
  /** Insecure when one of these. */
  | { readonly noneOf: readonly Scalar[] }
  /** A number at least this. */
  | { readonly atLeast: number }
  /** Set to anything but null or `""` (an attribute, or a block when the path ends at one). */
  | { readonly present: true };

/** How one platform (Terraform or CloudFormation) says the setting. */
export interface PlatformCheck {
  /** Resource types: `aws_s3_bucket`, `AWS::S3::Bucket`. */
  readonly types: readonly string[];
  /** Terraform: nested block names, then the attribute. CloudFormation: property keys below `Properties`. */
  readonly path: readonly string[];
  readonly expect: Expect;
  /**
   * The provider's value when the setting is absent (the doc cites where it says so). When it does not
   * meet `expect` a missing setting is reported; leave it out when absence is not a finding. `null`
   * stands for "nothing" (`present` checks).
   */
  readonly default?: Scalar | null;
  /** What the suggestion writes; no suggestion without it (a key ARN the user has to choose, say). */
  readonly fix?: Scalar;
  /** Not reported when one of these top-level settings is there (`snapshot_identifier`: inherits it). */
  readonly unlessSet?: readonly string[];
  /** Not reported when the setting at `path` has one of the values (`engine_mode = "serverless"`). */
  readonly unless?: ReadonlyArray<{ readonly path: readonly string[]; readonly oneOf: readonly Scalar[] }>;
  /**
   * Judged only when each of these settings is known to have one of the values (`protocol = "HTTPS"` for a
   * listener's TLS policy, `name = "require_secure_transport"` for a database configuration resource).
   */
  readonly when?: ReadonlyArray<{ readonly path: readonly string[]; readonly oneOf: readonly Scalar[] }>;
  /** Realistic doc examples; generated tests run both. */
  readonly example: { readonly incorrect: string; readonly correct: string };
}

/** One row of the table: a concept, checked on every platform that says it. */
export interface AttributeCheck {
  /** `aws/require-s3-versioning`: the provider is the target, across Terraform and CloudFormation. */
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly cwe: readonly string[];
  readonly riskArea: RiskArea;
  readonly recommended?: boolean;
  /** Ends every message: what an attacker or an accident can do because of it. */
  readonly risk: string;
  /** The doc's "Why it matters" (Markdown). */
  readonly why: string;
  /** The doc's "How to fix" (Markdown). */
  readonly howToFix: string;
  /** Provider documentation, including where the default is stated. */
  readonly references: ReadonlyArray<{ readonly title: string; readonly url: string }>;
  /** One or more ways the platform says it (the AWS provider's inline `versioning {}` and `aws_s3_bucket_versioning`). */
  readonly terraform?: readonly PlatformCheck[];
  readonly cloudformation?: readonly PlatformCheck[];
}

const MESSAGES = {
  missing: "'{{resource}}' does not set {{setting}}{{defaultNote}}: {{risk}}.",
  insecure: "'{{resource}}' sets {{setting}} to {{value}}: {{risk}}.",
  set: 'Set {{setting}} to {{fixValue}}',
};

/** Turns a row into a rule that runs on Terraform and CloudFormation (YAML and JSON) files. */
export function attributeCheckRule(check: AttributeCheck): Rule {
  const languages: LanguageId[] = [...(check.terraform ? (['terraform'] as const) : []), ...(check.cloudformation ? CFN_LANGUAGES : [])];
  const fixable = platformChecks(check).some(({ platform }) => platform.fix !== undefined);
  return defineRule({
    id: check.id,
    languages,
    // A template without a resource of the row's types gives the row nothing to judge: the engine skips it there.
    applies: templatesWith(resourceTypes(check.cloudformation), resourceTypes(check.terraform)),
    meta: {
      description: check.description,
      severity: check.severity,
      category: 'iac',
      riskArea: check.riskArea,
      cwe: [...check.cwe],
      confidence: 'high',
      recommended: check.recommended ?? true,
      fix: fixable ? 'suggestion' : 'none',
      messages: fixable ? MESSAGES : { missing: MESSAGES.missing, insecure: MESSAGES.insecure },
    },
    create(context) {
      return {
        File() {
          for (const platform of check.terraform ?? []) checkTerraform(context, check, platform);
          for (const platform of check.cloudformation ?? []) checkCloudFormation(context, check, platform);
        },
      };
    },
  }) as Rule;
}

/** The resource types a platform's checks read; undefined when one reads every resource (gives no types). */
function resourceTypes(platforms: readonly PlatformCheck[] | undefined): string[] | undefined {
  return platforms?.some((p) => p.types.length === 0) ? undefined : (platforms ?? []).flatMap((p) => p.types);
}

/** Every platform check of a row, with its platform. */
export function platformChecks(check: AttributeCheck): Array<{ kind: 'terraform' | 'cloudformation'; platform: PlatformCheck }> {
  return [...(check.terraform ?? []).map((platform) => ({ kind: 'terraform' as const, platform })), ...(check.cloudformation ?? []).map((platform) => ({ kind: 'cloudformation' as const, platform }))];
}

/** Whether a known scalar meets the expectation. */
export function meets(value: Scalar, expect: Expect): boolean {
  const text = String(value).toLowerCase();
  if ('oneOf' in expect) return expect.oneOf.some((v) => String(v).toLowerCase() === text);
  if ('noneOf' in expect) return !expect.noneOf.some((v) => String(v).toLowerCase() === text);
  if ('atLeast' in expect) return Number.isFinite(Number(value)) && text.trim() !== '' && Number(value) >= expect.atLeast;
  return text !== '';
}

/** A value as Terraform writes it. */
function hcl(value: Scalar): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function defaultNote(platform: PlatformCheck, show: (v: Scalar) => string): string {
  return platform.default === undefined || platform.default === null ? '' : `, which defaults to ${show(platform.default)}`;
}

// Terraform

function checkTerraform(context: RuleContext<unknown>, check: AttributeCheck, platform: PlatformCheck): void {
  const model = terraformModel(context);
  if (!model) return;
  for (const resource of model.resources(...platform.types)) {
    if (platform.unlessSet?.some((name) => resource.attributes.has(name) || resource.blocks.some((b) => b.kind === name))) continue;
    if (platform.unless?.some((u) => tfValues(model, resource, u.path).some((v) => isScalar(v) && meets(v, { oneOf: u.oneOf })))) continue;
    if (platform.when?.some((w) => !tfValues(model, resource, w.path).some((v) => isScalar(v) && meets(v, { oneOf: w.oneOf })))) continue;
    visitTerraform(context, check, platform, model, resource, resource, 0);
  }
}

/** Values at a path (several when a nested block repeats). */
function tfValues(model: TerraformModel, block: TfBlock, path: readonly string[]): TfValue[] {
  const [head, ...rest] = path;
  if (rest.length === 0) return [model.value(block.attributes.get(head))];
  return block.blocks.filter((b) => b.kind === head).flatMap((b) => tfValues(model, b, rest));
}

function visitTerraform(context: RuleContext<unknown>, check: AttributeCheck, platform: PlatformCheck, model: TerraformModel, resource: TfBlock, block: TfBlock, depth: number): void {
  const name = platform.path[depth];
  const last = depth === platform.path.length - 1;
  const setting = platform.path.join('.');
  const data = { resource: address(resource), setting, risk: check.risk };
  const attribute = block.attributes.get(name);
  if (last && attribute) {
    const value = model.value(attribute);
    // A list of forbidden values (`managed_policy_arns`): each element at fault is reported where it is written.
    if (Array.isArray(value) && 'noneOf' in platform.expect) return judgeList(context, platform, model.locate(attribute), data, hcl);
    return judgeTerraform(context, platform, attribute, data, value);
  }
  // A map attribute (`metadata = { serial-port-enable = "true" }`): its keys are judged, reported on the attribute.
  if (attribute) return judgeTerraformMember(context, platform, model, attribute, platform.path.slice(depth + 1), data);
  const nested = block.blocks.filter((b) => b.kind === name);
  if (nested.length > 0) {
    if (last) return; // a block is there: `present` is met, and no other expectation is made of a block
    for (const b of nested) visitTerraform(context, check, platform, model, resource, b, depth + 1);
    return;
  }
  // Missing: a dynamic block of that name, or the attribute given as an object (`versioning = {…}`), may set it.
  if (attribute || block.unexpanded.has(name) || platform.default === undefined) return;
  if (platform.default !== null && meets(platform.default, platform.expect)) return;
  const fixValue = platform.fix;
  const suggest =
    fixValue === undefined
      ? undefined
      : [{ messageId: 'set', data: { setting, fixValue: hcl(fixValue) }, edits: [insertLines(block, context.text, nestedHcl(platform.path.slice(depth), fixValue))] }];
  context.report({ range: block.headerRange, messageId: 'missing', data: { ...data, defaultNote: defaultNote(platform, hcl) }, suggest });
}

/** A key path inside a map attribute; a key that is absent takes the default (no suggestion: the map may be built elsewhere). */
function judgeTerraformMember(context: RuleContext<unknown>, platform: PlatformCheck, model: TerraformModel, attribute: TfAttribute, keys: readonly string[], data: Record<string, string>): void {
  let value = model.value(attribute);
  for (const key of keys) {
    if (!isObject(value)) return;
    if (!Object.hasOwn(value, key)) {
      if (platform.default === undefined || Object.values(value).includes(UNKNOWN) || (platform.default !== null && meets(platform.default, platform.expect))) return;
      context.report({ range: attribute.range, messageId: 'missing', data: { ...data, defaultNote: defaultNote(platform, hcl) } });
      return;
    }
    value = value[key];
  }
  judgeTerraform(context, { ...platform, fix: undefined }, attribute, data, value);
}

function judgeTerraform(context: RuleContext<unknown>, platform: PlatformCheck, attribute: TfAttribute, data: Record<string, string>, value: TfValue): void {
  if (value === UNKNOWN || Array.isArray(value) || isObject(value)) return;
  const known = value === null ? platform.default : value;
  if (known === undefined || (known !== null && meets(known, platform.expect))) return;
  const suggest = platform.fix === undefined ? undefined : [{ messageId: 'set', data: { setting: data.setting, fixValue: hcl(platform.fix) }, edits: [{ range: attribute.valueRange, text: hcl(platform.fix) }] }];
  context.report({ range: attribute.range, messageId: 'insecure', data: { ...data, value: value === null ? 'null' : hcl(value) }, suggest });
}

/** `a { b = v }` as lines, for the path below the deepest block that exists. */
function nestedHcl(path: readonly string[], value: Scalar): string[] {
  if (path.length === 1) return [`${path[0]} = ${hcl(value)}`];
  return [`${path[0]} {`, ...nestedHcl(path.slice(1), value).map((l) => `  ${l}`), '}'];
}

function isScalar(value: TfValue): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

// CloudFormation

function checkCloudFormation(context: RuleContext<unknown>, check: AttributeCheck, platform: PlatformCheck): void {
  for (const resource of cfnResources(context, ...platform.types)) {
    if (resource.opaque) continue;
    const properties = resource.properties;
    if (platform.unlessSet?.some((key) => entry(properties, key))) continue;
    const has = (c: { path: readonly string[]; oneOf: readonly Scalar[] }) => {
      const value = cfnScalar(cfnAt(properties, c.path));
      return value !== undefined && meets(value, { oneOf: c.oneOf });
    };
    if (platform.unless?.some(has) || (platform.when && !platform.when.every(has))) continue;
    const data = { resource: resource.logicalId, setting: platform.path.join('.'), risk: check.risk };
    const show = (v: Scalar) => (typeof v === 'string' ? `"${v}"` : String(v));
    // Walk down the path; `parent` is the deepest map that exists, `at` where a missing finding lands.
    let parent: CfnMap | undefined = properties;
    let at = resource.idRange;
    let found: CfnEntry | undefined;
    let depth = 0;
    for (; depth < platform.path.length && parent; depth++) {
      found = entry(parent, platform.path[depth]);
      if (!found) break;
      if (depth === platform.path.length - 1) break;
      if (found.value.kind !== 'map') {
        parent = undefined; // an intrinsic function or a list: not judged
        break;
      }
      at = found.keyRange;
      parent = found.value;
    }
    if (found && depth === platform.path.length - 1) {
      judgeCloudFormation(context, platform, found.value, resource.format, data, show);
      continue;
    }
    if (found || platform.default === undefined) continue;
    if (platform.default !== null && meets(platform.default, platform.expect)) continue;
    const rest = platform.path.slice(depth);
    const edit = parent === undefined || platform.fix === undefined ? undefined : insertCfnEntry(context.text, parent, resource.format, rest, platform.fix);
    const suggest = edit && platform.fix !== undefined ? [{ messageId: 'set', data: { setting: data.setting, fixValue: show(platform.fix) }, edits: [edit] }] : undefined;
    // Without a `Properties` map there is nowhere to write: still reported, no suggestion.
    context.report({ range: at, messageId: 'missing', data: { ...data, defaultNote: defaultNote(platform, show) }, suggest });
  }
}

function judgeCloudFormation(context: RuleContext<unknown>, platform: PlatformCheck, value: CfnValue, format: CfnFormat, data: Record<string, string>, show: (v: Scalar) => string): void {
  if (value.kind === 'unknown') return;
  if (value.kind === 'list' && 'noneOf' in platform.expect) return judgeList(context, platform, value, data, show);
  if (value.kind !== 'scalar') return; // a map or list is there: `present` is met, nothing else judged
  const known = value.value === null ? platform.default : value.value;
  if (known === undefined || (known !== null && meets(known, platform.expect))) return;
  const suggest =
    platform.fix === undefined
      ? undefined
      : [{ messageId: 'set', data: { setting: data.setting, fixValue: show(platform.fix) }, edits: [{ range: value.range, text: cfnLiteral(platform.fix, format) }] }];
  context.report({ range: value.range, messageId: 'insecure', data: { ...data, value: value.value === null ? 'null' : show(value.value) }, suggest });
}

/** The elements of a list that are among the forbidden values, each reported where it is written; no suggestion (which element to drop is the user's call). */
function judgeList(context: RuleContext<unknown>, platform: PlatformCheck, list: LocatedValue | CfnValue, data: Record<string, string>, show: (v: Scalar) => string): void {
  if (list.kind !== 'list') return;
  for (const item of list.items) {
    if (item.kind !== 'scalar' || item.value === null || meets(item.value, platform.expect)) continue;
    context.report({ range: item.range, messageId: 'insecure', data: { ...data, value: show(item.value) } });
  }
}

function cfnAt(map: CfnValue | undefined, path: readonly string[]): CfnValue | undefined {
  let v = map;
  for (const key of path) v = entry(v, key)?.value;
  return v;
}

function cfnScalar(value: CfnValue | undefined): Scalar | undefined {
  return value?.kind === 'scalar' && value.value !== null ? value.value : undefined;
}
