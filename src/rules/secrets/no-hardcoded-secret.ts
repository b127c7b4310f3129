import { Scalar, type Pair } from 'yaml';
import type { Node as JsonNode } from 'jsonc-parser';
import { lastAnswer } from '../../engine/memo';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, LanguageId, Range, Severity } from '../../engine/types';
import { notebookParts, type NotebookPart } from '../../languages/json/notebook';
import { forEachJsonProperty, type JsonFile, type JsonHelpers } from '../../languages/json';
import { forEachYamlPair, type YamlFile } from '../../languages/yaml';
import { findAssignments, type AssignmentSyntax } from './assignments';
import { kubernetesSecretValues } from './kubernetes-secrets';
import { envVarName, genericSecretCandidate, isPlaceholderValue, mayHoldSecretName, redact, SECRET_NAME_HINT, secretNameKind } from './patterns';
import { findPrivateKeys, scanProviderSecrets } from './scan';
import { envReference, type EnvReference } from './references';

/** Every language: a key can be pasted into any file. */
const ALL_LANGUAGES: LanguageId[] = ['js', 'python', 'terraform', 'yaml', 'dockerfile', 'json', 'toml', 'text'];
/** Characters of a provider secret a message shows (the prefixes are public); of a generic one. */
const PROVIDER_PREVIEW = 6;
const GENERIC_PREVIEW = 3;
/** Words that make a file name a template of example values (`.env.example`, `config.sample.yaml`, `settings.dist`). */
const TEMPLATE_WORDS: ReadonlySet<string> = new Set(['example', 'examples', 'sample', 'samples', 'template', 'tmpl', 'dist']);
/** Test code and fixtures: their keys are reported one severity lower, never silenced. */
const TEST_PATH = /(?:^|[/\\])(?:tests?|__tests__|spec|specs|fixtures?|testdata|__fixtures__|mocks?|e2e)[/\\]|(?:^|[/\\])(?:test_[^/\\]*|[^/\\]*_test\.[a-z]+|[^/\\]*\.(?:test|spec)\.[a-z]+|conftest\.py)$/i;
/** Credential files: every non-placeholder value under a secret name in them is a credential, random-looking or not. */
const CREDENTIAL_FILE = /(?:^|[/\\])(?:\.npmrc|\.yarnrc|\.pypirc|\.netrc|_netrc|\.git-credentials|pip\.conf|\.env(?:\.[^/\\]*)?|\.envrc)$/i;
/** `.npmrc` credentials (`//host/:_authToken`, `_auth`, `_password`), conventionally read from `NPM_TOKEN`. */
const NPMRC_AUTH = /(?:^|:)_(?:authToken|auth|password)$/;
/** How each text dialect writes `name = value`. */
const TEXT_SYNTAX: Readonly<Record<string, AssignmentSyntax>> = {
  env: 'env',
  shell: 'env',
  ini: 'ini',
  xml: 'xml',
  netrc: 'netrc',
  markdown: 'markdown',
  rules: 'markdown',
  plain: 'markdown',
  'c-like': 'source',
  'hash-comment': 'source',
  powershell: 'source',
};

/** A secret the rule will report. */
interface Hit {
  range: Range;
  /** The secret as it is written (never shown; only its masked preview). */
  value: string;
  messageId: 'providerSecret' | 'privateKey' | 'namedSecret' | 'namedPassword' | 'kubernetesSecret';
  data: Record<string, string>;
  /** Environment variable a fix reads instead. */
  envVar: string;
  /** The quoted literal around the value, when a fix can replace it: its range and quote. */
  literal?: { range: Range; quote: string };
  properties: Record<string, string>;
}

export default defineRule({
  id: 'secrets/no-hardcoded-secret',
  languages: ALL_LANGUAGES,
  meta: {
    description: 'API keys, tokens, passwords and private keys must not be committed in any file',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-312'],
    owaspLlm: ['LLM02:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    defersToSpecificRules: true,
    readsEmbeddedDocuments: true,
    messages: {
      providerSecret:
        'Hardcoded {{provider}} {{kind}} ({{preview}}). Anyone who can read this file or the repository history can use it: revoke it now (deleting it does not remove it from history) and {{instead}}.',
      privateKey:
        'A private key ({{preview}}) is committed in this file. Anyone who can read the repository or its history holds it: replace the key pair (deleting the file does not remove it from history) and {{instead}}.',
      namedSecret:
        '`{{name}}` holds a hardcoded secret ({{preview}}). Anyone who can read this file or the repository history can use it: revoke it now (deleting it does not remove it from history) and {{instead}}.',
      namedPassword:
        '`{{name}}` holds a hardcoded password ({{preview}}). Anyone who can read this file or the repository history can log in with it: change it now (deleting it does not remove it from history) and {{instead}}.',
      kubernetesSecret:
        "Secret '{{secret}}' holds {{what}} under '{{name}}' ({{preview}}) in the manifest: base64 is an encoding, not encryption, and the manifest is committed. Revoke it (deleting it does not remove it from history) and create the Secret outside the repository (sealed-secrets, External Secrets, SOPS).",
      useEnv: 'Read it from {{reference}}',
      ignoreFile: 'Add {{entry}} to .gitignore (then remove the file from the repository: git rm --cached {{name}})',
    },
  },
  create(context) {
    const hits: Hit[] = [];
    return {
      File(root) {
        collectProviderSecrets(context, hits);
        collectAssignments(context, hits);
        collectKeyedValues(context, root, hits);
      },
      'File:exit'() {
        if (context.classification.language === 'yaml') {
          for (const v of kubernetesSecretValues(context)) {
            hits.unshift({
              range: v.range,
              value: v.value,
              messageId: 'kubernetesSecret',
              data: { secret: v.secret, what: v.what, name: v.key },
              envVar: v.envVar,
              properties: { secretType: v.secretType },
            });
          }
        }
        report(context, hits);
      },
    };
  },
});

/** Provider-format secrets and private keys anywhere in the text: code, comments, docs, outputs. */
function collectProviderSecrets(context: RuleContext, hits: Hit[]): void {
  for (const m of scanProviderSecrets(context.text)) {
    const value = context.text.slice(m.start, m.end);
    hits.push({
      range: [m.start, m.end],
      value,
      messageId: 'providerSecret',
      data: { provider: m.pattern.provider, kind: m.pattern.kind },
      envVar: m.pattern.envVar,
      literal: literalAround(context.text, m.start, m.end),
      properties: { secretType: m.pattern.id, provider: m.pattern.provider },
    });
  }
  for (const key of findPrivateKeys(context.text)) {
    hits.push({
      range: [key.start, key.end],
      value: context.text.slice(key.start, key.end),
      messageId: 'privateKey',
      data: {},
      envVar: 'PRIVATE_KEY',
      properties: { secretType: 'private-key' },
    });
  }
}

/** Name-based secrets in the formats read line by line, and in notebook cells. */
function collectAssignments(context: RuleContext, hits: Hit[]): void {
  const { language, dialect } = context.classification;
  if (language === 'json' && dialect === 'notebook') {
    for (const part of notebookParts((context.lang as JsonHelpers).tree, context.text)) notebookPart(context, part, hits);
    return;
  }
  const syntax: AssignmentSyntax | undefined =
    language === 'text' ? TEXT_SYNTAX[dialect] : language === 'python' ? 'source' : language === 'toml' || language === 'terraform' ? 'ini' : language === 'dockerfile' ? 'env' : undefined;
  if (!syntax) return;
  // `judge` takes only secret names, so lines without a hint of one are not read.
  for (const a of findAssignments(context.text, syntax, SECRET_NAME_HINT)) {
    const hit = judge(context, a.name, a.value, a.range);
    if (hit) hits.push({ ...hit, literal: { range: a.quote ? [a.range[0] - 1, a.range[1] + 1] : a.range, quote: a.quote } });
  }
}

/**
 * Values under secret names in YAML and JSON, pair by pair in source order. Read here rather than by node
 * visitors, so that a file needs no walk of every node for this rule. A text without a secret word holds no
 * secret name, unless an escape spells one (`"p\u0061ss"`): a text with a backslash is always read.
 */
function collectKeyedValues(context: RuleContext, root: unknown, hits: Hit[]): void {
  const { language, dialect } = context.classification;
  if (language !== 'yaml' && !(language === 'json' && dialect !== 'notebook')) return;
  if (!context.text.includes('\\') && !mayHoldSecretName(context.text)) return;
  if (language === 'yaml') forEachYamlPair((root as YamlFile).documents, (pair) => yamlPair(context, pair, hits));
  else forEachJsonProperty((root as JsonFile).tree, (property) => jsonProperty(context, property, hits));
}

/** Code and text cells of a notebook: their assignments, mapped back to the `.ipynb` file. */
function notebookPart(context: RuleContext, part: NotebookPart, hits: Hit[]): void {
  if (part.kind === 'output' || part.kind === 'raw') return; // outputs: the provider scan of the file covers them
  for (const a of findAssignments(part.text, part.kind === 'code' ? 'source' : 'markdown', SECRET_NAME_HINT)) {
    const range: Range = [part.toFile(a.range[0]), part.toFile(a.range[1] - 1) + 1];
    const hit = judge(context, a.name, a.value, range);
    if (hit) hits.push(hit);
  }
}

/** `key: value` in YAML: a scalar string under a secret name. */
function yamlPair(context: RuleContext, pair: Pair, hits: Hit[]): void {
  const key = pair.key;
  // Most keys name no secret (`name`, `Type`, `image`): `judge` would reject them, so they are let go first.
  // Runs for every pair of the file: `instanceof` (the composer's own class) is the cheap test of a scalar.
  if (!(key instanceof Scalar) || typeof key.value !== 'string' || secretNameKind(key.value, 'env') === null) return;
  if (!(pair.value instanceof Scalar) || typeof pair.value.value !== 'string') return;
  const value = pair.value as Scalar<string>;
  const [start, end] = value.range ?? [0, 0];
  const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE';
  const inner: Range = quoted ? [start + 1, end - 1] : [start, end];
  if (context.text.slice(inner[0], inner[1]) !== value.value) return; // escapes or folding: offsets would not line up
  const hit = judge(context, key.value, value.value, inner);
  if (hit) hits.push({ ...hit, literal: quoted ? { range: [start, end], quote: context.text[start] } : undefined });
}

/** `"key": "value"` in JSON: a string under a secret name. */
function jsonProperty(context: RuleContext, property: JsonNode, hits: Hit[]): void {
  const [key, value] = property.children ?? [];
  if (key?.type !== 'string' || value?.type !== 'string' || typeof value.value !== 'string') return;
  if (secretNameKind(String(key.value), 'env') === null) return; // as in `yamlPair`
  const inner: Range = [value.offset + 1, value.offset + value.length - 1];
  if (context.text.slice(inner[0], inner[1]) !== value.value) return;
  const hit = judge(context, String(key.value), value.value, inner);
  if (hit) hits.push(hit);
}

/**
 * The generic check: a value under a secret-looking name is a secret when it is random enough and not a
 * placeholder, reference or example; in a credentials file (`.npmrc`, `.netrc`, `.env`) any real value is.
 */
function judge(context: RuleContext, name: string, value: string, range: Range): Omit<Hit, 'literal'> | null {
  const kind = secretNameKind(name, 'env');
  if (kind === null) return null;
  const { template, credentialFile } = fileFacts(context.file);
  if (template) return null;
  const candidate = genericSecretCandidate(value);
  if (!candidate && !(credentialFile && value.length >= 6 && !isPlaceholderValue(value) && !/^\d+$/.test(value))) return null;
  const start = candidate ? candidate.start : 0;
  return {
    range: [range[0] + start, range[1]],
    value: value.slice(start),
    messageId: kind === 'password' ? 'namedPassword' : 'namedSecret',
    data: { name },
    envVar: NPMRC_AUTH.test(name) ? 'NPM_TOKEN' : envVarName(name.slice(name.lastIndexOf(':') + 1)),
    properties: { secretType: kind === 'password' ? 'password' : 'generic' },
  };
}

/** What the file's name says, read once per file: `judge` runs for every value under a secret name. */
const fileFacts = lastAnswer((file: string) => ({ template: isTemplateFile(file), credentialFile: CREDENTIAL_FILE.test(file) }));

/** Whether the file name marks a template: a name-based value in it is an example, not a secret. */
function isTemplateFile(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
  return base.split(/[._-]/).some((word) => TEMPLATE_WORDS.has(word));
}

/** The quoted string literal exactly around `[start, end)`, if there is one. */
function literalAround(text: string, start: number, end: number): Hit['literal'] {
  const q = text[start - 1];
  if ((q === '"' || q === "'" || q === '`') && text[end] === q) return { range: [start - 1, end + 1], quote: q };
  return undefined;
}

/** Reports the hits, one per range (a provider match wins over a name-based one at the same place). */
function report(context: RuleContext, hits: Hit[]): void {
  if (hits.length === 0) return;
  const testCode = TEST_PATH.test(context.file);
  const severity: Severity | undefined = testCode ? (context.severity === 'error' ? 'warning' : 'info') : undefined;
  const reference = envReference(context.classification, context.file, context.text);
  const kept: Hit[] = [];
  for (const hit of hits) {
    if (kept.some((k) => k.range[0] < hit.range[1] && hit.range[0] < k.range[1])) continue;
    kept.push(hit);
  }
  const ignoreFile = gitignoreSuggestion(context);
  for (const hit of kept) {
    const suggest: FixDescriptor[] = [];
    const fix = hit.literal && reference ? reference(hit.envVar, hit.literal.range, hit.literal.quote) : undefined;
    if (fix) suggest.push({ messageId: 'useEnv', data: { reference: fix.label }, edits: fix.edits });
    if (ignoreFile) suggest.push(ignoreFile);
    const preview = redact(hit.value, hit.messageId === 'providerSecret' ? PROVIDER_PREVIEW : GENERIC_PREVIEW);
    context.report({
      range: hit.range,
      messageId: hit.messageId,
      data: { ...hit.data, preview, instead: insteadFor(context, reference) },
      suggest,
      properties: { ...hit.properties, ...(testCode ? { inTestCode: 'true' } : {}) },
      ...(severity ? { severity } : {}),
    });
  }
}

/**
 * For a committed `.env` or credentials file (`.npmrc`, `.netrc`…), not a template: list it in the
 * `.gitignore` next to it, anchored to that folder (`/.env`). The scan reads only files git does not ignore
 * and the editor skips ignored ones, so the file is not listed yet.
 */
function gitignoreSuggestion(context: RuleContext): FixDescriptor | null {
  if ((context.classification.dialect !== 'env' && !CREDENTIAL_FILE.test(context.file)) || isTemplateFile(context.file)) return null;
  const name = context.file.slice(Math.max(context.file.lastIndexOf('/'), context.file.lastIndexOf('\\')) + 1);
  if (name === '' || /[\s*?[\]!#\\]/.test(name)) return null; // a name a pattern would have to escape
  const entry = `/${name}`;
  return { messageId: 'ignoreFile', data: { entry, name }, edits: [{ file: '.gitignore', range: [0, 0], text: `${entry}\n` }] };
}

/** What to do instead, for the message: depends on what kind of file holds the secret. */
function insteadFor(context: RuleContext, reference: EnvReference | undefined): string {
  const { dialect } = context.classification;
  if (dialect === 'env' || CREDENTIAL_FILE.test(context.file)) return 'take this file out of the repository and list it in .gitignore (commit a copy with empty values, such as .env.example, instead)';
  if (reference) return 'read it from the environment or a secret manager';
  return 'keep it in a secret manager or the environment, out of the repository';
}

