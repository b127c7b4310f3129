import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { constantDefinition, constantString, nodeCryptoFunction } from './crypto-helpers';

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-static-iv',
  languages: ['js'],
  meta: {
    description: 'createCipheriv must get a fresh random IV for every message, not a constant or configured one',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-329', 'CWE-1204'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      staticIv:
        'The IV passed to createCipheriv is {{what}}, so every message is encrypted with the same key and IV: equal plaintexts give equal ciphertexts, and in GCM/CTR mode the keystream repeats, exposing the data and (GCM) the authentication key. Generate it with crypto.randomBytes() per message and store it with the ciphertext.',
      useRandomIv: 'Generate a random IV with {{call}} (store it with the ciphertext so decryption can use it)',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('createCipheriv')) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        if (nodeCryptoFunction(lang, call) !== 'createCipheriv') return;
        const ivArg = call.arguments[2] as JsNode | undefined;
        if (!ivArg) return;
        // ECB takes no IV (js/no-ecb-mode reports it); an empty IV is how such calls are written.
        if (/ecb/i.test(constantString(lang, call.arguments[0] as JsNode) ?? '')) return;
        const def = constantDefinition(lang, ivArg);
        const what = def ? staticIv(lang, def) : null;
        if (!what || !def) return;
        const inline = def === unwrap(ivArg);
        const suggest = inline ? randomIvSuggestion(lang, call, ivArg) : [];
        context.report({
          range: [ivArg.start!, ivArg.end!],
          messageId: 'staticIv',
          data: { what },
          related: inline ? [] : [{ message: 'The IV is defined here', range: [def.start!, def.end!] }],
          suggest,
        });
      },
    };
  },
});

/** Describes why an IV expression is the same on every call, or null when it may not be. */
function staticIv(lang: JsHelpers, node: JsNode): string | null {
  const n = unwrap(node);
  const v = staticValue(n);
  if (v.known && v.value !== '' && n.type !== 'NullLiteral' && n.type !== 'Identifier') return 'a constant';
  if (isProcessEnv(n)) return 'read from the environment';
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return null;
  const callee = memberPath(n.callee);
  const name = callee?.join('.');
  const first = n.arguments[0] as JsNode | undefined;
  if (name === 'Buffer.alloc' || (name && /^(?:Uint8Array|Buffer)$/.test(name) && n.type === 'NewExpression' && first && isNumber(lang, first))) {
    return 'a constant (a zero-filled buffer)';
  }
  if ((name === 'Buffer.from' || name === 'Uint8Array.from' || (name === 'Uint8Array' && n.type === 'NewExpression')) && first) {
    if (constantString(lang, first) !== null || isConstantArray(lang, first)) return 'a constant';
    const inner = constantDefinition(lang, first);
    if (inner && isProcessEnv(withoutDefault(inner))) return 'read from the environment (the same for every message)';
  }
  return null;
}

/** `process.env.IV ?? ''` -> `process.env.IV`. */
function withoutDefault(node: JsNode): JsNode {
  const n = unwrap(node);
  return n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||') ? unwrap(n.left as JsNode) : n;
}

function isNumber(lang: JsHelpers, node: JsNode): boolean {
  const def = constantDefinition(lang, node);
  return !!def && typeof (staticValue(def) as { value?: unknown }).value === 'number';
}

function isConstantArray(lang: JsHelpers, node: JsNode): boolean {
  const def = constantDefinition(lang, node);
  return def?.type === 'ArrayExpression' && def.elements.every((e) => e && staticValue(e as JsNode).known);
}

/** `process.env.X` or `process.env['X']`. */
function isProcessEnv(node: JsNode): boolean {
  if (node.type !== 'MemberExpression') return false;
  const path = memberPath(node.object);
  return path?.join('.') === 'process.env' && propertyName(node) !== null;
}

/**
 * `crypto.randomBytes(n)` in place of an inline IV, with n from the algorithm (12 for GCM/CCM/OCB and
 * ChaCha20-Poly1305, 16 for AES/ARIA/Camellia/SM4, 8 for 64-bit-block ciphers), spelled the way this file
 * reaches node:crypto. None when the algorithm is unknown or randomBytes is not reachable.
 */
function randomIvSuggestion(lang: JsHelpers, call: t.CallExpression & JsNode, ivArg: JsNode): FixDescriptor[] {
  const algorithm = constantString(lang, call.arguments[0] as JsNode)?.toLowerCase();
  if (!algorithm) return [];
  const size = /gcm|ccm|ocb|poly1305/.test(algorithm)
    ? 12
    : /^(?:id-)?(?:aes|aria|camellia|sm4)/.test(algorithm) && !/ecb/.test(algorithm)
      ? 16
      : /^(?:des|bf|blowfish|cast|idea|rc2)/.test(algorithm) && !/ecb/.test(algorithm)
        ? 8
        : null;
  if (size === null) return [];
  const callee = unwrap(call.callee as JsNode);
  let fn: string | null = null;
  if (callee.type === 'MemberExpression') {
    const object = memberPath(callee.object);
    if (object) fn = `${object.join('.')}.randomBytes`;
  } else {
    const found = lang.scopes.lookup('randomBytes', lang.scopes.chainOf(call));
    const ref = found ? lang.resolve(found.binding.id) : null;
    if (ref?.module === 'crypto' && ref.path.join('.') === 'randomBytes') fn = 'randomBytes';
  }
  if (!fn) return [];
  const replacement = `${fn}(${size})`;
  return [{ messageId: 'useRandomIv', data: { call: replacement }, edits: [{ range: [ivArg.start!, ivArg.end!], text: replacement }] }];
}
