import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import { memberPath, propertyName, staticValue } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import {
  AWS_SECRET_KEY_PATTERN,
  classifySecretName,
  envVarName,
  findPrivateKey,
  genericSecretCandidate,
  hasPrivateKeyHeader,
  isAwsSecretName,
  isPlaceholderToken,
  MIN_SECRET_LENGTH,
  redact,
  shannonEntropy,
  MIN_ENTROPY,
  type SecretMatch,
} from '../secrets/patterns';
import { findProviderSecrets, isDocumentedExample, nounOf } from '../secrets/scan';

/** Characters of a provider secret a message shows; the prefixes are public, the rest is not. */
const PROVIDER_PREVIEW = 6;
/** Characters of a generic secret a message shows. */
const GENERIC_PREVIEW = 3;
/** Wrappers followed from a literal to its name; real code nests a few, generated code thousands. */
const MAX_PASS_THROUGH = 16;

/** A piece of literal text: a string literal's value or one quasi of a template literal. */
interface Piece {
  text: string;
  /** File offset where `text` starts when its source spells it character for character, else null. */
  sourceStart: number | null;
}

/** A secret inside a piece. */
interface Hit {
  piece: number;
  start: number;
  end: number;
  envVar: string;
}

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-hardcoded-secrets',
  languages: ['js'],
  meta: {
    description: 'API keys, tokens, passwords and private keys must not be hardcoded in source code',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-259'],
    owaspLlm: ['LLM02:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      providerSecret:
        'Hardcoded {{provider}} {{kind}} ({{preview}}). Anyone who can read this code, its history or the shipped bundle can use it; load it from the environment or a secret manager and revoke this one.',
      genericSecret:
        '`{{name}}` holds a hardcoded secret ({{preview}}). Anyone who can read this code, its history or the shipped bundle can use it; load it from the environment or a secret manager and rotate it.',
      hardcodedPassword:
        '`{{name}}` holds a hardcoded password ({{preview}}). Anyone who can read this code or its history can log in with it; load it from the environment or a secret manager and change it.',
      useEnvVar: 'Read the {{noun}} from process.env.{{envVar}}',
    },
  },
  create(context) {
    const reported = new Set<number>();
    const report = (range: Range, messageId: string, data: Record<string, string>, suggest: FixDescriptor[]): void => {
      if (reported.has(range[0])) return;
      reported.add(range[0]);
      context.report({ range, messageId, data, suggest });
    };
    return {
      StringLiteral(node) {
        const pieces = piecesOf(node);
        if (pieces) checkLiteral(node, pieces, report);
      },
      TemplateLiteral(node) {
        const pieces = piecesOf(node);
        if (pieces) checkLiteral(node, pieces, report);
      },
    };
  },
});

type Report = (range: Range, messageId: string, data: Record<string, string>, suggest: FixDescriptor[]) => void;

/** The literal text of a string or template literal, or null when no piece is long enough to be a secret. */
function piecesOf(node: JsNode): Piece[] | null {
  if (node.type === 'StringLiteral') return node.value.length < MIN_SECRET_LENGTH ? null : [{ text: node.value, sourceStart: null }];
  if (node.type !== 'TemplateLiteral') return null;
  const pieces = node.quasis.map((q) => {
    const text = q.value.cooked ?? q.value.raw;
    return { text, sourceStart: text === q.value.raw ? q.start! : null };
  });
  return pieces.every((p) => p.text.length < MIN_SECRET_LENGTH) ? null : pieces;
}

/**
 * Whether this rule reports a string or template literal. Rules about specific secret APIs (JWT,
 * sessions) use it to leave such literals to this rule instead of reporting them twice.
 */
export function reportsLiteral(literal: JsNode): boolean {
  const pieces = piecesOf(literal);
  let reported = false;
  if (pieces) checkLiteral(literal, pieces, () => (reported = true));
  return reported;
}

/** Looks for provider secrets, then (for a value assigned to a secret-looking name) a generic secret. */
function checkLiteral(node: JsNode, pieces: Piece[], report: Report): void {
  const hits: Hit[] = [];
  let first: SecretMatch | null = null;
  let publicOnly = false;
  for (let piece = 0; piece < pieces.length; piece++) {
    for (const m of findProviderSecrets(pieces[piece].text)) {
      // Test-mode keys move no money: the file-wide secrets rule reports them one severity lower.
      if (m.pattern.id === 'stripe-test-secret-key') continue;
      if (m.pattern.public === 'client-config' && isInClientConfig(node)) {
        publicOnly = true;
        continue;
      }
      if (first === null) first = m;
      hits.push({ piece, start: m.start, end: m.end, envVar: m.pattern.envVar });
    }
  }
  if (first !== null) {
    const secret = pieces[hits[0].piece].text.slice(first.start, first.end);
    const data = { provider: first.pattern.provider, kind: first.pattern.kind, preview: providerPreview(first, secret) };
    report([node.start!, node.end!], 'providerSecret', data, suggestions(node, pieces, hits, nounOf(first.pattern)));
    return;
  }
  if (publicOnly) return;
  if (pieces.some((p) => hasPrivateKeyHeader(p.text)) && checkConcatenatedKey(node, report)) return;
  if (pieces.length === 1) checkGeneric(node, pieces[0], report);
}

/** `sk-pro…(164 chars)`; a private key shows its armour header, which is not secret. */
function providerPreview(match: SecretMatch, secret: string): string {
  if (match.pattern.id !== 'private-key') return redact(secret, PROVIDER_PREVIEW);
  const header = secret.slice(0, secret.indexOf('-----', 5) + 5);
  return `${header}…(${secret.length} chars)`;
}

/** `'-----BEGIN RSA PRIVATE KEY-----\n' + 'MIIE…' + …`: the key is the whole concatenation. */
function checkConcatenatedKey(node: JsNode, report: Report): boolean {
  // Only from the chain's first operand, so each chain is climbed and evaluated once.
  let top = node;
  while (top.parent?.type === 'BinaryExpression' && top.parent.operator === '+' && top.parent.left === top) top = top.parent;
  if (top === node) return false;
  const value = concatenatedText(top);
  if (value === null) return false;
  const key = findPrivateKey(value);
  if (!key) return false;
  const preview = providerPreview(key, value.slice(key.start, key.end));
  const data = { provider: key.pattern.provider, kind: key.pattern.kind, preview };
  const envVar = key.pattern.envVar;
  const suggest = canHoldExpression(top) ? [envSuggestion(top, `process.env.${envVar}`, nounOf(key.pattern), envVar)] : [];
  report([top.start!, top.end!], 'providerSecret', data, suggest);
  return true;
}

/** The text of a `+` chain of string literals and plain templates, or null. Iterative: PEMs are long. */
function concatenatedText(top: JsNode): string | null {
  const parts: string[] = [];
  const stack: t.Node[] = [top];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'BinaryExpression' && n.operator === '+') {
      stack.push(n.right, n.left);
      continue;
    }
    const value = staticValue(n as JsNode);
    if (!value.known || typeof value.value !== 'string') return null;
    parts.push(value.value);
  }
  return parts.join('');
}

/** A high-entropy value assigned to a secret-looking name; AWS secret access keys by their name. */
function checkGeneric(node: JsNode, piece: Piece, report: Report): void {
  const name = assignedName(node);
  if (name === null) return;
  const range: Range = [node.start!, node.end!];
  const value = piece.text;
  if (isAwsSecretName(name) && AWS_SECRET_KEY_PATTERN.regex.test(value) && looksRandom(value) && !isDocumentedExample(value)) {
    const data = { provider: 'AWS', kind: AWS_SECRET_KEY_PATTERN.kind, preview: redact(value, GENERIC_PREVIEW) };
    const hits = [{ piece: 0, start: 0, end: value.length, envVar: AWS_SECRET_KEY_PATTERN.envVar }];
    report(range, 'providerSecret', data, suggestions(node, [piece], hits, 'key'));
    return;
  }
  const kind = classifySecretName(name);
  if (kind === null) return;
  const candidate = genericSecretCandidate(value);
  if (candidate === null) return;
  const secret = value.slice(candidate.start, candidate.end);
  const data = { name, preview: redact(secret, GENERIC_PREVIEW) };
  const hits = [{ piece: 0, start: candidate.start, end: candidate.end, envVar: envVarName(name) }];
  const noun = kind === 'password' ? 'password' : 'secret';
  report(range, kind === 'password' ? 'hardcodedPassword' : 'genericSecret', data, suggestions(node, [piece], hits, noun));
}

/** The 40-character format is specific enough that only token placeholders (`xxxx…`) are skipped. */
function looksRandom(value: string): boolean {
  return !isPlaceholderToken(value) && shannonEntropy(value) >= MIN_ENTROPY;
}

/**
 * The suggestion for a literal holding secrets, when the replacement is valid code: the literal
 * becomes `process.env.NAME`; a string with other text becomes a template that interpolates it;
 * inside a template the secret becomes `${process.env.NAME}`.
 */
function suggestions(node: JsNode, pieces: Piece[], hits: Hit[], noun: string): FixDescriptor[] {
  const envVar = hits[0].envVar;
  if (isEnvAssignment(node)) return [];
  const whole = pieces.length === 1 && hits.length === 1 && hits[0].start === 0 && hits[0].end === pieces[0].text.length;
  if (node.type === 'TemplateLiteral') {
    if (node.parent?.type === 'TaggedTemplateExpression' || !canHoldExpression(node)) return [];
    if (whole) return [envSuggestion(node, `process.env.${envVar}`, noun, envVar)];
    if (hits.some((h) => pieces[h.piece].sourceStart === null)) return [];
    const edits = hits.map((h) => {
      const at = pieces[h.piece].sourceStart!;
      return { range: [at + h.start, at + h.end] as Range, text: `\${process.env.${h.envVar}}` };
    });
    return [{ messageId: 'useEnvVar', data: { noun, envVar }, edits }];
  }
  if (!canHoldExpression(node)) return [];
  if (whole) return [envSuggestion(node, `process.env.${envVar}`, noun, envVar)];
  const text = pieces[0].text;
  let template = '`';
  let at = 0;
  for (const h of hits) {
    template += `${escapeTemplateText(text.slice(at, h.start))}\${process.env.${h.envVar}}`;
    at = h.end;
  }
  template += `${escapeTemplateText(text.slice(at))}\``;
  return [envSuggestion(node, template, noun, envVar)];
}

/**
 * Replaces `node` by `expression`, in braces for a JSX attribute value. A literal that is the
 * fallback of `process.env.X || '…'` is removed instead, leaving the environment read.
 */
function envSuggestion(node: JsNode, expression: string, noun: string, envVar: string): FixDescriptor {
  const parent = node.parent;
  if (
    parent?.type === 'LogicalExpression' &&
    parent.operator !== '&&' &&
    parent.right === node &&
    expression.startsWith('process.env.')
  ) {
    const path = memberPath(parent.left);
    if (path?.length === 3 && path[0] === 'process' && path[1] === 'env') {
      return { messageId: 'useEnvVar', data: { noun, envVar: path[2] }, edits: [{ range: [parent.left.end!, node.end!], text: '' }] };
    }
  }
  const text = parent?.type === 'JSXAttribute' ? `{${expression}}` : expression;
  return { messageId: 'useEnvVar', data: { noun, envVar }, edits: [{ range: [node.start!, node.end!], text }] };
}

/** `process.env.X = '…'`: reading the variable instead would assign it to itself. */
function isEnvAssignment(node: JsNode): boolean {
  const parent = node.parent;
  if (parent?.type !== 'AssignmentExpression' || parent.right !== node) return false;
  const path = memberPath(parent.left);
  return path !== null && path[0] === 'process' && path[1] === 'env';
}

function escapeTemplateText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/`/g, '\\`')
    .replace(/\$\{/g, '\\${')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Whether an expression may stand where this literal is: not in a type, a key, an import or an enum. */
function canHoldExpression(node: JsNode): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'TSLiteralType':
    case 'TSEnumMember':
    case 'TSExternalModuleReference':
    case 'TSImportType':
    case 'TSModuleDeclaration':
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportSpecifier':
    case 'ExportSpecifier':
    case 'ImportAttribute':
    case 'TSPropertySignature':
      return false;
    case 'ObjectProperty':
    case 'ObjectMethod':
    case 'ClassProperty':
    case 'ClassMethod':
    case 'ClassAccessorProperty':
      return !(parent.key === node && !parent.computed);
    default:
      return true;
  }
}

/** Wrappers a value passes through on its way to a name: `(x as string)`, `a ?? x`, `c ? x : y`. */
function isPassThrough(parent: JsNode, child: JsNode): boolean {
  switch (parent.type) {
    case 'LogicalExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TypeCastExpression':
    case 'ParenthesizedExpression':
      return true;
    case 'ConditionalExpression':
      return parent.test !== child;
    default:
      return false;
  }
}

/** The variable, property, parameter or JSX attribute a literal is assigned to, if it has a static name. */
function assignedName(node: JsNode): string | null {
  let child = node;
  let parent = node.parent;
  for (let depth = 0; parent && isPassThrough(parent, child); depth++) {
    if (depth === MAX_PASS_THROUGH) return null;
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return null;
  switch (parent.type) {
    case 'VariableDeclarator':
      return parent.init === child && parent.id.type === 'Identifier' ? parent.id.name : null;
    case 'AssignmentExpression':
      if (parent.right !== child) return null;
      if (parent.left.type === 'Identifier') return parent.left.name;
      return parent.left.type === 'MemberExpression' ? propertyName(parent.left) : null;
    case 'AssignmentPattern':
      return parent.right === child && parent.left.type === 'Identifier' ? parent.left.name : null;
    case 'ObjectProperty':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
      return parent.value === child ? propertyName(parent) : null;
    case 'ClassPrivateProperty':
      return parent.value === child ? parent.key.id.name : null;
    case 'JSXAttribute':
      return parent.name.type === 'JSXIdentifier' ? parent.name.name : parent.name.name.name;
    default:
      return null;
  }
}

/**
 * Per object literal, whether it is a client config; keyed by node, so nothing outlives the tree. The answer reads
 * only the literal's own property names, which a re-parse of an edited file (that re-uses unchanged nodes) never
 * changes: a changed literal is a new node.
 */
const clientConfigs = new WeakMap<JsNode, boolean>();

/** Firebase web config (`{ apiKey: 'AIza…', authDomain, … }`): its API key is public by design. */
function isInClientConfig(node: JsNode): boolean {
  const property = node.parent;
  const object = property?.parent;
  if (property?.type !== 'ObjectProperty' || object?.type !== 'ObjectExpression') return false;
  let result = clientConfigs.get(object);
  if (result === undefined) {
    result = object.properties.some((p) => {
      const name = p.type === 'ObjectProperty' ? propertyName(p) : null;
      return name === 'authDomain' || name === 'messagingSenderId';
    });
    clientConfigs.set(object, result);
  }
  return result;
}
