import { lastAnswer } from '../../engine/memo';
import type { RuleContext } from '../../engine/rule';
import type { TerraformHelpers, TerraformModel, TfAttribute, TfBlock, TfValue } from '../../languages/terraform';
import type { Range } from '../../engine/types';
import { field, policyStatements, type DocValue, type PolicyStatement } from '../shared/iam-policy';

/** The Terraform model of the file, or null when the rule runs on something else. */
export function terraformModel(context: RuleContext<unknown>): TerraformModel | null {
  if (context.classification.language !== 'terraform') return null;
  return (context.lang as TerraformHelpers).model();
}

/** The words written in the last text {@link mayHoldResourceOf} read (null: it escapes something). */
const wordsOf = lastAnswer((text: string): ReadonlySet<string> | null => (text.includes('\\') ? null : new Set(text.match(/[A-Za-z0-9_]+/g))));
const TYPE_NAME = /^[a-z0-9_]+$/;

/**
 * Whether a Terraform text may declare a resource of one of these types (`aws_s3_bucket`): false only when
 * none is written in it as a word. A block's type label is an identifier or a quoted string, so it is written
 * as it is, unless an escape (`\u0061`) spells it: a text with a backslash may hold any. The engine skips a
 * rule on a file without the types it checks.
 */
export function mayHoldResourceOf(text: string, types: readonly string[]): boolean {
  // The rules of one file ask in a row: the text is read once.
  const words = wordsOf(text);
  return words === null || types.some((type) => !TYPE_NAME.test(type) || words.has(type));
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

/**
 * The statements of the IAM policy an attribute holds (`jsonencode({…})`, a JSON string or heredoc, or
 * `data.aws_iam_policy_document.<name>.json`, read from that data source), located in the file.
 */
export function policyStatementsOf(model: TerraformModel, attribute: TfAttribute | undefined): PolicyStatement[] {
  if (!attribute) return [];
  const reference = /^\s*data\.aws_iam_policy_document\.([\w-]+)\.json\s*$/.exec(attribute.expression.text);
  if (reference) {
    const data = model.dataSources('aws_iam_policy_document', reference[1])[0];
    return data ? documentStatements(model, data) : [];
  }
  const located = model.locate(attribute, { json: true });
  // JSON the model could not locate inside (an escaped string): judged, and reported on the string.
  if (located.kind === 'scalar' && typeof located.value === 'string') return policyStatements(unlocated(parseJson(located.value), located.range));
  return policyStatements(located);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A parsed JSON value as a document value whose every part is written at `range`. */
function unlocated(value: unknown, range: Range, depth = 0): DocValue {
  if (depth > 64) return { kind: 'unknown', range };
  if (Array.isArray(value)) return { kind: 'list', items: value.map((v) => unlocated(v, range, depth + 1)), range };
  if (typeof value === 'object' && value !== null) return { kind: 'map', entries: Object.entries(value).map(([key, v]) => ({ key, keyRange: range, value: unlocated(v, range, depth + 1) })), range };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return { kind: 'scalar', value, range };
  return { kind: 'unknown', range };
}

/**
 * The statements of an `aws_iam_policy_document` data source (`effect` defaults to Allow there). Documents
 * merged from others (`source_policy_documents`, `override_policy_documents`) add statements the model
 * cannot see: only what is written here is returned.
 */
export function documentStatements(model: TerraformModel, data: TfBlock): PolicyStatement[] {
  const located = (block: TfBlock, name: string) => {
    const attribute = block.attributes.get(name);
    return attribute ? field(model.locate(attribute)) : undefined;
  };
  const principals = (statement: TfBlock, kind: string) => {
    const blocks = statement.blocks.filter((b) => b.kind === kind);
    if (blocks.length === 0) return undefined;
    return new Map(blocks.map((b) => [String(model.value(b.attributes.get('type'))), located(b, 'identifiers') ?? { values: [], partial: true, range: b.range }] as const));
  };
  return data.blocks
    .filter((b) => b.kind === 'statement')
    .map((statement) => {
      const effect = statement.attributes.has('effect') ? model.value(statement.attributes.get('effect')) : 'Allow';
      const text = typeof effect === 'string' ? effect.toLowerCase() : null;
      const conditions = statement.blocks
        .filter((b) => b.kind === 'condition')
        .map((c) => ({ operator: String(model.value(c.attributes.get('test'))), key: String(model.value(c.attributes.get('variable'))), values: located(c, 'values') ?? { values: [], partial: true, range: c.range } }));
      return {
        range: statement.range,
        effect: text === 'allow' ? 'Allow' : text === 'deny' ? 'Deny' : null,
        action: located(statement, 'actions'),
        notAction: located(statement, 'not_actions'),
        resource: located(statement, 'resources'),
        notResource: located(statement, 'not_resources'),
        principal: principals(statement, 'principals'),
        notPrincipal: principals(statement, 'not_principals'),
        ...(conditions.length > 0 ? { conditions } : {}),
      } satisfies PolicyStatement;
    });
}

/**
 * A policy value written elsewhere (a local, a variable default, an `aws_iam_policy_document`) is reported
 * where it is written; this relates the finding to the attribute that uses it.
 */
export function usedBy(attribute: TfAttribute | undefined, range: Range, resource: string): Array<{ range: Range; message: string }> | undefined {
  if (!attribute || (range[0] >= attribute.range[0] && range[1] <= attribute.range[1])) return undefined;
  return [{ range: attribute.range, message: `used in the ${attribute.name} of ${resource}` }];
}
