import type { Rule } from '../engine/rule';

/** Name of the configuration file Rampart looks for. */
export const CONFIG_FILE_NAME = '.rampart.jsonc';

/** Presets accepted by `extends`. */
export const PRESETS = ['rampart:recommended', 'rampart:all'] as const;

/** A preset name. */
export type PresetName = (typeof PRESETS)[number];

/** The preset used when a configuration has no `extends`. */
export const DEFAULT_PRESET: PresetName = 'rampart:recommended';

/** Severities accepted in configuration, `off` first. */
export const CONFIGURED_SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

/** Top-level keys of `.rampart.jsonc`. */
export const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules', 'ignore'] as const;

const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  'rampart:recommended': 'Every recommended rule at its default severity.',
  'rampart:all': 'Every rule at its default severity.',
};

/**
 * Builds the JSON Schema (draft-07) of `.rampart.jsonc` from the rule registry: one property per rule
 * id under `rules`, described from the rule's metadata so editors offer completion and hover text.
 * Unknown keys are rejected at every level. The same schema validates the CLI's configuration and is
 * contributed to VS Code through `jsonValidation`.
 */
export function buildConfigSchema(rules: readonly Rule[]): Record<string, unknown> {
  const preset = {
    type: 'string',
    enum: [...PRESETS],
    enumDescriptions: PRESETS.map((p) => PRESET_DESCRIPTIONS[p]),
  };
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    ruleProperties[rule.id] = ruleSettingSchema(rule);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Rampart configuration (.rampart.jsonc)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'URL or path of this schema, for editors. Ignored by Rampart.' },
      extends: {
        description: `Presets to start from, in order. Default: "${DEFAULT_PRESET}".`,
        anyOf: [preset, { type: 'array', items: preset }],
      },
      rules: {
        type: 'object',
        description: 'Severity ("off", "info", "warning", "error") or { severity, options } per rule id.',
        additionalProperties: false,
        properties: ruleProperties,
      },
      ignore: {
        type: 'array',
        description: 'gitignore-style patterns of files not to scan, relative to the folder of this file.',
        items: { type: 'string', minLength: 1 },
      },
    },
  };
}

function ruleSettingSchema(rule: Rule): Record<string, unknown> {
  const { meta } = rule;
  const severity = { type: 'string', enum: [...CONFIGURED_SEVERITIES] };
  const tags = [`default: ${meta.severity}`, meta.recommended ? 'recommended' : 'not recommended', ...meta.cwe];
  return {
    description: `${meta.description} (${tags.join(', ')})`,
    anyOf: [
      severity,
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          severity,
          options: optionsSchema(rule),
        },
      },
    ],
  };
}

/** The rule's own options schema, or one that accepts only `{}` for rules without options. */
function optionsSchema(rule: Rule): Record<string, unknown> {
  if (!rule.meta.optionsSchema) {
    return { type: 'object', additionalProperties: false, description: `${rule.id} takes no options.` };
  }
  // A nested schema must not redeclare the dialect or an id.
  const { $schema: _schema, $id: _id, ...rest } = rule.meta.optionsSchema;
  return rest;
}
