import type { RuleContext } from '../../engine/rule';
import { isObject, type TerraformHelpers, type TerraformModel, type TfBlock, type TfValue } from '../../languages/terraform';

/** The Terraform model of the file, or null when the rule runs on something else. */
export function terraformModel(context: RuleContext<unknown>): TerraformModel | null {
  if (context.classification.language !== 'terraform') return null;
  return (context.lang as TerraformHelpers).model();
}

/** `type.name` of a resource block, for messages. */
export function address(block: TfBlock): string {
  return block.labels.slice(0, 2).join('.');
}

/** An edit that inserts `attribute = value` as the first line of a block's body, indented one level deeper. */
export function insertAttribute(block: TfBlock, text: string, line: string): { range: [number, number]; text: string } {
  return insertLines(block, text, [line]);
}

/**
 * An edit that inserts lines (an attribute, or a nested block given with its own relative indentation) at
 * the start of a block's body, indented one level deeper than the block, with the file's line breaks.
 */
export function insertLines(block: TfBlock, text: string, lines: readonly string[]): { range: [number, number]; text: string } {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = lines.map((l) => `${newline}${block.indent}  ${l}`).join('');
  const oneLine = !text.slice(block.bodyStart, block.bodyEnd).includes('\n');
  return { range: [block.bodyStart, block.bodyStart], text: oneLine ? `${body}${newline}${block.indent}` : body };
}

/** A value as a list: lists stay, anything else becomes a one-element list. */
export function asList(value: TfValue): TfValue[] {
  return Array.isArray(value) ? value : [value];
}

/** The statements of a policy document (`Statement` may be one object or a list); non-objects are dropped. */
export function statementsOf(policy: Record<string, TfValue> | null): Array<Record<string, TfValue>> {
  if (!policy) return [];
  return asList(policy.Statement ?? null).filter(isObject);
}

/** Whether a statement's `Principal` lets anyone in: `"*"`, `{ AWS = "*" }` or `{ "*" = ["*"] }` (policy documents). */
export function isWildcardPrincipal(principal: TfValue | undefined): boolean {
  if (principal === '*') return true;
  if (!principal || !isObject(principal)) return false;
  return Object.entries(principal).some(([type, ids]) => (type === 'AWS' || type === '*') && asList(ids).includes('*'));
}

/** Whether a statement grants (`Effect` Allow, the default of policy documents) without any `Condition`. */
export function isUnconditionalAllow(statement: Record<string, TfValue>): boolean {
  const effect = statement.Effect ?? 'Allow';
  return typeof effect === 'string' && effect.toLowerCase() === 'allow' && statement.Condition === undefined;
}
