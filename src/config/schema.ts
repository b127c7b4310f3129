import type { Rule } from '../engine/rule';
import { FINGERPRINT_PATTERN } from './stable-key';

/** Name of the configuration file Rampart looks for. */
export const CONFIG_FILE_NAME = '.rampart.jsonc';

/** Presets accepted by `extends`. */
export const PRESETS = ['rampart:recommended', 'rampart:strict', 'rampart:ai-agents', 'rampart:all'] as const;

/** A preset name. */
export type PresetName = (typeof PRESETS)[number];

/** The preset used when a configuration has no `extends`. */
export const DEFAULT_PRESET: PresetName = 'rampart:recommended';

/** Severities accepted in configuration, `off` first. */
export const CONFIGURED_SEVERITIES = ['off', 'info', 'warning', 'error'] as const;

/** Top-level keys of `.rampart.jsonc`. */
export const TOP_LEVEL_KEYS = ['$schema', 'root', 'extends', 'rules', 'overrides', 'ignore', 'suppressions', 'packages'] as const;

/** Keys of one entry of `overrides`. */
export const OVERRIDE_KEYS = ['files', 'rules'] as const;

/** Keys of one entry of `suppressions`, in the order the schema lists them. */
export const SUPPRESSION_KEYS = ['rule', 'path', 'reason', 'expires', 'owner', 'line', 'jsonPath', 'fingerprint'] as const;

/**
 * Pattern of an `extends` entry that names another configuration file: a path relative to the folder of the
 * file that extends it, starting with `./` or `../`, ending in `.json` or `.jsonc`. Never a package or a URL;
 * where it may point (inside the repository) is checked when it is loaded.
 */
export const EXTENDS_PATH_PATTERN = '^\\.\\.?/[^\\\\:*?"<>|]*[^/]\\.jsonc?$';

/** Pattern of `expires`: a `YYYY-MM-DD` date (whether the day exists is checked separately). */
export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** Pattern of `reason`: at least one character that is not white space. */
export const NOT_BLANK_PATTERN = '\\S';

const PRESET_DESCRIPTIONS: Record<PresetName, string> = {
  'rampart:recommended': 'Every recommended rule at its default severity.',
  'rampart:strict': 'Every rule except low-confidence ones; high-confidence warnings become errors.',
  'rampart:ai-agents': 'Only AI risk: agent and MCP configuration, model output and tool arguments, the AI supply chain (packages, models, MCP servers) and suppression hygiene.',
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
  const extendsEntry = {
    type: 'string',
    anyOf: [
      preset,
      {
        type: 'string',
        pattern: EXTENDS_PATH_PATTERN,
        description: 'Another configuration file of the repository, relative to this file: "./base.jsonc", "../../rampart.shared.jsonc".',
      },
    ],
  };
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of sorted) {
    ruleProperties[rule.id] = ruleSettingSchema(rule);
  }
  const rulesSchema = {
    type: 'object',
    description: 'Severity ("off", "info", "warning", "error") or { severity, options } per rule id.',
    additionalProperties: false,
    properties: ruleProperties,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Rampart configuration (.rampart.jsonc)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'URL or path of this schema, for editors. Ignored by Rampart.' },
      root: {
        type: 'boolean',
        description: 'Stop here: configuration files in the folders above this one do not apply. Default: false (they apply beneath this one).',
      },
      extends: {
        description: `Presets and other configuration files of the repository to start from, in order; later ones win. Default, when no file in the chain names a preset: "${DEFAULT_PRESET}".`,
        anyOf: [extendsEntry, { type: 'array', items: extendsEntry }],
      },
      rules: { $ref: '#/definitions/rules' },
      overrides: {
        type: 'array',
        description: 'Rule settings for some files only, e.g. relax tests, tighten infra/**. Later entries win over earlier ones and over "rules".',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: {
            files: {
              description: 'gitignore-style patterns of the files it applies to, relative to the folder of this file, e.g. "test/**" or ["**/*.spec.ts", "fixtures/"].',
              anyOf: [
                { type: 'string', minLength: 1 },
                { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              ],
            },
            rules: { $ref: '#/definitions/rules' },
          },
        },
      },
      ignore: {
        type: 'array',
        description: 'gitignore-style patterns of files not to scan, relative to the folder of this file.',
        items: { type: 'string', minLength: 1 },
      },
      suppressions: suppressionsSchema(sorted),
      packages: PACKAGES_SCHEMA,
    },
    // Written once, used by "rules" and by each override's "rules".
    definitions: { rules: rulesSchema },
  };
}

/** An http(s) URL without credentials: the team file names registries, it never carries credentials. */
const HTTP_URL = { type: 'string', pattern: '^https?://[^\\s/@]+(?:/\\S*)?$' };

/** Supply-chain settings: the team allow-list, the minimum package age and the registries to ask. */
const PACKAGES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'Supply-chain checks: package names the team vouches for, the minimum age of a package, and which registries to ask.',
  properties: {
    allow: {
      type: 'array',
      description:
        'Package names never looked up and never reported by the packages/* rules (private or internal packages). "@scope/*" covers a scope.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'reason'],
        properties: {
          name: { type: 'string', pattern: '^(?:@[a-z0-9][a-z0-9._~-]*/(?:\\*|[a-z0-9._~-]+)|[A-Za-z0-9][A-Za-z0-9._~-]*)$', description: 'Package name, or "@scope/*".' },
          reason: { type: 'string', pattern: NOT_BLANK_PATTERN, description: 'Why the team trusts it, e.g. "internal package on our private registry".' },
          ecosystem: { type: 'string', enum: ['npm', 'pypi'], description: 'Only for this registry. Default: both.' },
        },
      },
    },
    minAgeDays: {
      type: 'integer',
      minimum: 0,
      maximum: 3650,
      description: 'A package first published fewer days ago than this is reported as just registered (packages/no-new-package). Default 30.',
    },
    registries: {
      type: 'object',
      additionalProperties: false,
      description: 'Registries to ask instead of the ones in your npm and pip configuration, as http(s) URLs without credentials. Credentials still come only from your own configuration, and go only to the registries it names.',
      properties: {
        npm: { ...HTTP_URL, description: 'npm registry URL. Default: the "registry" of your .npmrc, else https://registry.npmjs.org/.' },
        pypi: { ...HTTP_URL, description: 'PyPI Simple API index URL. Default: your pip index-url, else https://pypi.org/simple/.' },
        scopes: {
          type: 'object',
          description: 'npm scopes served by another registry, e.g. { "@acme": "https://npm.acme.internal/" }: their names go only there.',
          propertyNames: { pattern: '^@[a-z0-9][a-z0-9._~-]*$' },
          additionalProperties: HTTP_URL,
        },
      },
    },
  },
};

/** Team-wide waivers: each names a rule, the files it covers and why; optionally one line and an expiry date. */
function suppressionsSchema(sorted: readonly Rule[]): Record<string, unknown> {
  return {
    type: 'array',
    description:
      'Findings the team has accepted, with the reason. Suppressed findings do not fail the scan and stay in SARIF, marked suppressed.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['rule', 'path', 'reason'],
      properties: {
        rule: {
          type: 'string',
          description: 'Id of the rule whose findings are accepted.',
          enum: sorted.map((r) => r.id),
          enumDescriptions: sorted.map((r) => r.meta.description),
        },
        path: {
          type: 'string',
          minLength: 1,
          description:
            'gitignore-style pattern of the files it covers, relative to the folder of this file (matched like "ignore"), e.g. "test/fixtures/**" or "src/legacy/calc.js".',
        },
        reason: {
          type: 'string',
          pattern: NOT_BLANK_PATTERN,
          description: 'Why the findings are acceptable. Required; shown in reports and SARIF as the justification.',
        },
        expires: {
          type: 'string',
          pattern: DATE_PATTERN,
          description: 'Last day (YYYY-MM-DD, UTC) the suppression applies. After it, findings count again and the expired entry is reported itself (rampart/expired-suppression).',
        },
        owner: {
          type: 'string',
          pattern: NOT_BLANK_PATTERN,
          description: 'Who answers for the accepted risk (a person or team, e.g. "@acme/payments"). Shown in reports.',
        },
        line: {
          type: 'integer',
          minimum: 1,
          description:
            'Only findings that start on this line (1-based) of the matched files. Default: the whole file. With "jsonPath" or "fingerprint" it is only a hint for readers: the key decides.',
        },
        jsonPath: {
          type: 'string',
          pattern: '^\\$',
          description:
            'Only the finding at this JSON path of the matched JSON files, e.g. "$.mcpServers.fs.args[1]" or "$.dependencies["@scope/name"]". Keeps applying when lines move.',
        },
        fingerprint: {
          type: 'string',
          pattern: FINGERPRINT_PATTERN,
          description: 'Only findings whose fingerprint (16 hex digits over the rule id and the normalized text of the line) is this. Keeps applying when lines move.',
        },
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
