/**
 * docs/config-reference.md: every key of `.rampart.jsonc`, rendered from the JSON Schema that validates it (so the
 * reference and the validation cannot disagree). Part of `npm run gen`.
 */
import { PRESETS } from '../src/config/schema';

type Schema = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
};

/** One row per key, depth first; `rules` is summarised (one setting per rule id, listed in the rule index). */
export function renderConfigReference(schema: Schema, header: string): string {
  const rows: string[] = [];
  const walk = (node: Schema, path: string, required: boolean) => {
    const target = node.$ref ? undefined : node;
    if (node.$ref === '#/definitions/rules' || path.endsWith('.rules') || path === 'rules') {
      rows.push(row(path, 'object', required, 'Rule id → `"off"`, `"info"`, `"warning"`, `"error"` or `{ "severity", "options" }`; options are checked against the rule\'s own schema. See [the rule index](rules/README.md).'));
      return;
    }
    if (!target) return;
    rows.push(row(path, typeOf(target), required, describe(target)));
    const object = target.items?.properties ? target.items : target;
    const prefix = target.items?.properties ? `${path}[]` : path;
    for (const [key, child] of Object.entries(object.properties ?? {})) walk(child, `${prefix}.${key}`, (object.required ?? []).includes(key));
    if (typeof object.additionalProperties === 'object' && object.additionalProperties.type) {
      rows.push(row(`${prefix}.<name>`, typeOf(object.additionalProperties), false, describe(object.additionalProperties)));
    }
  };
  for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, key, false);
  return [
    `<!-- ${header} -->`,
    '# `.rampart.jsonc` reference',
    '',
    'Every key the configuration accepts, generated from [the schema](../schemas/rampart.schema.json) that validates it.',
    'What the keys mean together — where Rampart looks, precedence, nested files and a worked example — is in',
    '[docs/config.md](config.md). Unknown keys are errors at every level.',
    '',
    `Presets: ${PRESETS.map((p) => `\`${p}\``).join(', ')}.`,
    '',
    '| Key | Type | Required | Meaning and allowed values |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

function row(path: string, type: string, required: boolean, text: string): string {
  return `| \`${path}\` | ${type} | ${required ? 'yes' : ''} | ${text.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`;
}

function typeOf(node: Schema): string {
  if (node.anyOf) return [...new Set(node.anyOf.map(typeOf))].join(' or ');
  const type = ([] as string[]).concat(node.type ?? 'any').join(' or ');
  return node.items ? `${type} of ${typeOf(node.items)}` : type;
}

function describe(node: Schema): string {
  const parts = [node.description ?? ''];
  const values = node.enum ?? node.anyOf?.flatMap((b) => b.enum ?? []);
  if (values && values.length > 0 && values.length <= 12) parts.push(`One of ${values.map((v) => `\`${JSON.stringify(v)}\``).join(', ')}.`);
  else if (values && values.length > 12) parts.push(`One of ${values.length} values (rule ids: see the rule index).`);
  const patterns = [node.pattern, ...(node.anyOf ?? []).map((b) => b.pattern), node.items?.pattern].filter((p): p is string => !!p);
  if (patterns.length > 0) parts.push(`Pattern: ${patterns.map((p) => `\`${p}\``).join(', ')}.`);
  if (node.minimum !== undefined || node.maximum !== undefined) parts.push(`Range: ${node.minimum ?? '…'} to ${node.maximum ?? '…'}.`);
  return parts.filter(Boolean).join(' ');
}
