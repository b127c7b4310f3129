/**
 * The one IAM policy model of every IaC pack: statements read from a located document (Terraform's
 * `jsonencode({…})`, a JSON string or heredoc, CloudFormation YAML or JSON) or from an
 * `aws_iam_policy_document` data source, each part with where it is written, so a finding lands on the
 * `"*"` at fault rather than on the whole policy.
 */
import type { Range } from '../../engine/types';

/** A document value with source ranges: Terraform's `LocatedValue` and CloudFormation's `CfnValue` both fit. */
export type DocValue =
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly range: Range }
  | { readonly kind: 'list'; readonly items: readonly DocValue[]; readonly range: Range }
  | { readonly kind: 'map'; readonly entries: ReadonlyArray<{ readonly key: string; readonly keyRange: Range; readonly value: DocValue }>; readonly range: Range }
  | { readonly kind: 'unknown'; readonly range: Range };

/** A literal string of a policy and where it is written. */
export interface PolicyString {
  readonly text: string;
  readonly range: Range;
}

/** A list field (`Action`, `Resource`, principal identifiers): its literal strings, and whether others are unknown. */
export interface PolicyField {
  readonly values: readonly PolicyString[];
  /** Some element is not a literal (a variable, an intrinsic function): conclusions about "only" do not hold. */
  readonly partial: boolean;
  readonly range: Range;
}

/** One statement. Absent fields are undefined. */
export interface PolicyStatement {
  readonly range: Range;
  /** `Allow` or `Deny`; null when not literal. Defaults to `Allow` only for `aws_iam_policy_document`. */
  readonly effect: 'Allow' | 'Deny' | null;
  readonly action?: PolicyField;
  readonly notAction?: PolicyField;
  readonly resource?: PolicyField;
  readonly notResource?: PolicyField;
  /** Principals by type (`AWS`, `Service`, `Federated`, `*` for `Principal: "*"`). */
  readonly principal?: ReadonlyMap<string, PolicyField>;
  readonly notPrincipal?: ReadonlyMap<string, PolicyField>;
  /** Condition keys as written (`aws:SourceArn`, `token.actions.githubusercontent.com:sub`), with their values. */
  readonly conditions?: ReadonlyArray<{ readonly operator: string; readonly key: string; readonly values: PolicyField }>;
  /** A `Condition` is present but not literal: it may narrow anything. */
  readonly opaqueCondition?: boolean;
}

/** The statements of a policy document; empty when it is not a literal document. */
export function policyStatements(document: DocValue | undefined): PolicyStatement[] {
  if (document?.kind !== 'map') return [];
  const statement = get(document, 'Statement');
  if (!statement) return [];
  const items = statement.kind === 'list' ? statement.items : [statement];
  return items.filter((s): s is Extract<DocValue, { kind: 'map' }> => s.kind === 'map').map(readStatement);
}

function readStatement(map: Extract<DocValue, { kind: 'map' }>): PolicyStatement {
  const effect = get(map, 'Effect');
  const text = effect?.kind === 'scalar' && typeof effect.value === 'string' ? effect.value.toLowerCase() : null;
  const condition = get(map, 'Condition');
  return {
    range: map.range,
    effect: text === 'allow' ? 'Allow' : text === 'deny' ? 'Deny' : null,
    action: field(get(map, 'Action')),
    notAction: field(get(map, 'NotAction')),
    resource: field(get(map, 'Resource')),
    notResource: field(get(map, 'NotResource')),
    principal: principals(get(map, 'Principal')),
    notPrincipal: principals(get(map, 'NotPrincipal')),
    ...conditionsOf(condition),
  };
}

function conditionsOf(condition: DocValue | undefined): Pick<PolicyStatement, 'conditions' | 'opaqueCondition'> {
  if (!condition) return {};
  if (condition.kind !== 'map') return { opaqueCondition: true };
  const conditions: Array<{ operator: string; key: string; values: PolicyField }> = [];
  let opaque = false;
  for (const { key: operator, value } of condition.entries) {
    if (value.kind !== 'map') {
      opaque = true;
      continue;
    }
    for (const { key, value: values } of value.entries) conditions.push({ operator, key, values: field(values)! });
  }
  return { conditions, ...(opaque ? { opaqueCondition: true } : {}) };
}

function principals(value: DocValue | undefined): ReadonlyMap<string, PolicyField> | undefined {
  if (!value) return undefined;
  if (value.kind === 'scalar') return new Map([['*', field(value)!]]);
  if (value.kind !== 'map') return new Map([['?', { values: [], partial: true, range: value.range }]]);
  return new Map(value.entries.map(({ key, value: ids }) => [key, field(ids)!]));
}

/** A field's literal strings; a single value counts as a one-element list. */
export function field(value: DocValue | undefined): PolicyField | undefined {
  if (!value) return undefined;
  const items = value.kind === 'list' ? value.items : [value];
  const values: PolicyString[] = [];
  let partial = false;
  for (const item of items) {
    if (item.kind === 'scalar' && typeof item.value === 'string') values.push({ text: item.value, range: item.range });
    else partial = true;
  }
  return { values, partial, range: value.range };
}

function get(map: Extract<DocValue, { kind: 'map' }>, key: string): DocValue | undefined {
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i].value;
  return undefined;
}

/** The `"*"` principal of a statement that names everyone (`"*"`, `{AWS: "*"}`, `{"*": "*"}`), if any. */
export function everyonePrincipal(statement: PolicyStatement): PolicyString | undefined {
  for (const [type, ids] of statement.principal ?? []) {
    if (type !== '*' && type !== 'AWS') continue;
    const star = ids.values.find((v) => v.text === '*');
    if (star) return star;
  }
  return undefined;
}

/** Whether the statement grants (a literal `Allow`; `aws_iam_policy_document` statements default to it). */
export function isAllow(statement: PolicyStatement): boolean {
  return statement.effect === 'Allow';
}

/** Whether a statement has any condition, literal or not. */
export function hasCondition(statement: PolicyStatement): boolean {
  return (statement.conditions?.length ?? 0) > 0 || statement.opaqueCondition === true;
}

/** Whether the statement applies to every resource (`Resource: "*"`), and where that `"*"` is. */
export function allResources(statement: PolicyStatement): PolicyString | undefined {
  return statement.resource?.values.find((v) => v.text === '*');
}

/** Actions that let the holder raise its own permissions when granted on every resource. */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:PassRole',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
  'sts:AssumeRole',
];

/** What an action pattern grants at worst: every action, a whole service, or a privilege escalation. */
export type ActionGrant = 'admin' | 'service' | 'escalation';

/** What granting `action` on every resource amounts to; null when it is a narrow action. */
export function actionGrant(action: string): ActionGrant | null {
  if (action === '*' || action === '*:*') return 'admin';
  if (/^[a-z0-9-]+:\*$/i.test(action)) return 'service';
  const lower = action.toLowerCase();
  // `iam:Put*`, `iam:*Policy`: a wildcard pattern that covers an escalation action.
  return PRIVILEGE_ESCALATION_ACTIONS.some((a) => globMatches(lower, a.toLowerCase())) ? 'escalation' : null;
}

/** Whether an IAM pattern (`*` any run, `?` one character) matches a name; linear in their product, no regex. */
export function globMatches(pattern: string, name: string): boolean {
  // Most actions are written out (`s3:GetObject`): without a wildcard a pattern matches only itself.
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === name;
  // reachable[j]: the pattern read so far can match name[0, j).
  let reachable = new Array<boolean>(name.length + 1).fill(false);
  reachable[0] = true;
  for (const c of pattern) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    for (let j = 0; j <= name.length; j++) {
      if (c === '*') next[j] = reachable[j] || (j > 0 && next[j - 1]);
      else if (j > 0 && reachable[j - 1] && (c === '?' || c === name[j - 1])) next[j] = true;
    }
    reachable = next;
  }
  return reachable[name.length];
}

/**
 * The `"*"` principal of an `Allow` statement open to everyone without any condition (a condition such as
 * `aws:SourceArn` or `aws:PrincipalOrgID` usually narrows it to the intended callers), if any.
 */
export function openToEveryone(statement: PolicyStatement): PolicyString | undefined {
  return isAllow(statement) && !hasCondition(statement) ? everyonePrincipal(statement) : undefined;
}

/** The actions a statement grants, for messages: `["sqs:SendMessage"]`, or what `NotAction` leaves. */
export function describeActions(statement: PolicyStatement): string {
  if (statement.action) return JSON.stringify(statement.action.values.map((v) => v.text));
  return 'every action except those listed in NotAction';
}
