import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { unguessableNames } from '../secrets/unguessable-names';
import { enclosingFunctionName, nameOf } from './crypto-helpers';

const { isSecretName, isBenign } = unguessableNames();
/** Names too generic to say anything; the enclosing function's name is used instead. */
const GENERIC_NAMES = /^(?:result|res|ret|out|output|str|s|text|value|val|v|i|j|n|r|rand|random|rnd|char|chars|c|idx|index|buf|acc|part|parts|x|tmp|id)$/i;
/** Operators through which a random number keeps flowing into a value. */
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '|', '&', '^', '<<', '>>', '>>>']);
const SLICE_METHODS = new Set(['slice', 'substring', 'substr']);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-insecure-random',
  languages: ['js'],
  meta: {
    description: 'Tokens, passwords, session ids, salts and other secrets must not be generated with Math.random()',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-338'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      insecureRandom:
        'Math.random() generates `{{name}}`, but its output is predictable: an attacker who sees a few values can compute the next ones. Use crypto.randomUUID(), crypto.randomInt() or crypto.getRandomValues().',
      useRandomUuid: 'Use crypto.randomUUID()',
      useRandomInt: 'Use {{crypto}}.randomInt({{max}})',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('Math.random')) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        if (call.arguments.length > 0 || propertyName(call.callee) !== 'random') return;
        const ref = lang.resolve(call.callee as JsNode);
        if (!ref || ref.module !== null || ref.path.join('.') !== 'Math.random') return;
        const name = secretName(call);
        if (!name) return;
        context.report({
          range: [call.start!, call.end!],
          messageId: 'insecureRandom',
          data: { name },
          suggest: suggestions(lang, text, call),
        });
      },
    };
  },
});

/**
 * The security-relevant name the random value flows to, or null. Follows the value up through arithmetic,
 * string building and calls (`chars[Math.floor(Math.random() * n)]`, `.toString(36).slice(2)`) to the
 * variable, property, cookie or header it lands in; falls back to the enclosing function's name when that
 * target is missing or generic (`result += ...` inside `generateToken`).
 */
function secretName(call: JsNode): string | null {
  const names: string[] = [];
  let node: JsNode = call;
  for (let i = 0; i < 100 && node.parent; i++) {
    const p: JsNode = node.parent;
    let stop = false;
    switch (p.type) {
      case 'MemberExpression':
      case 'OptionalMemberExpression':
      case 'TemplateLiteral':
      case 'ConditionalExpression':
      case 'LogicalExpression':
      case 'UnaryExpression':
      case 'ArrayExpression':
      case 'SpreadElement':
      case 'AwaitExpression':
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
        break;
      case 'BinaryExpression':
        stop = !ARITHMETIC.has(p.operator);
        break;
      case 'CallExpression':
      case 'NewExpression':
        if (p.callee !== node) {
          const callee = nameOf(p.callee);
          if (callee) names.push(callee);
          // res.cookie('sessionId', value), res.setHeader('X-CSRF-Token', value)
          const first = staticValue(p.arguments[0] as JsNode);
          if (p.arguments[1] === node && first.known && typeof first.value === 'string') names.push(first.value);
        }
        break;
      case 'VariableDeclarator':
        if (p.id.type === 'Identifier') names.push(p.id.name);
        stop = true;
        break;
      case 'AssignmentExpression': {
        const target = nameOf(p.left);
        if (target) names.push(target);
        stop = true;
        break;
      }
      case 'ObjectProperty':
      case 'ClassProperty': {
        const key = propertyName(p);
        if (key) names.push(key);
        stop = true;
        break;
      }
      default:
        stop = true;
    }
    if (stop) break;
    node = p;
  }
  const target = names.find(isSecretName);
  if (target) return target;
  if (names.some((n) => isBenign(n) || !GENERIC_NAMES.test(n) && !isCalleeLike(n))) return null;
  const fn = enclosingFunctionName(call);
  return fn && isSecretName(fn) ? fn : null;
}

/** Callee names passed on the way up (Math.floor, charAt, toString...) are not targets. */
function isCalleeLike(name: string): boolean {
  return /^(?:floor|round|ceil|trunc|abs|min|max|toString|slice|substring|substr|padStart|padEnd|charAt|at|String|Number|parseInt|toFixed|push|join|from|fill|map|concat|repeat|replace|toUpperCase|toLowerCase)$/.test(name);
}


/**
 * `Math.random().toString(36)[.slice(2)]` -> `crypto.randomUUID()` (a string, as before) when the global
 * Web Crypto `crypto` (Node 19+, browsers) or Node's module is what `crypto` means here;
 * `Math.floor(Math.random() * n)` -> `<crypto>.randomInt(n)` (an integer in [0, n), as before) only when the
 * file already binds Node's crypto module, because Web Crypto has no randomInt.
 */
function suggestions(lang: JsHelpers, text: string, call: JsNode): FixDescriptor[] {
  const idiom = tokenIdiom(call);
  if (idiom) {
    const found = lang.scopes.lookup('crypto', lang.scopes.chainOf(call));
    // A local `crypto` must be Node's module; another library's `crypto` has no randomUUID.
    const ref = found ? lang.resolve(found.binding.id) : null;
    if (found && !(ref?.module === 'crypto' && ref.path.length === 0)) return [];
    return [{ messageId: 'useRandomUuid', edits: [{ range: [idiom.start!, idiom.end!], text: 'crypto.randomUUID()' }] }];
  }
  const floor = floorIdiom(lang, call);
  if (!floor) return [];
  const ns = nodeCryptoNamespace(lang);
  if (!ns) return [];
  const max = text.slice(floor.max.start!, floor.max.end!);
  return [{ messageId: 'useRandomInt', data: { crypto: ns, max }, edits: [{ range: [floor.whole.start!, floor.whole.end!], text: `${ns}.randomInt(${max})` }] }];
}

/** `Math.random().toString(36)` optionally followed by `.slice(2)` / `.substring(2, 10)` / `.substr(2, 9)`. */
function tokenIdiom(call: JsNode): JsNode | null {
  const member = call.parent;
  if (member?.type !== 'MemberExpression' || member.object !== call || propertyName(member) !== 'toString') return null;
  const toString = member.parent;
  if (toString?.type !== 'CallExpression' || toString.callee !== member) return null;
  const radix = staticValue(toString.arguments[0] as JsNode);
  if (!radix.known || (radix.value !== 36 && radix.value !== 16)) return null;
  const slice = toString.parent;
  if (slice?.type === 'MemberExpression' && slice.object === toString && SLICE_METHODS.has(propertyName(slice) ?? '')) {
    const sliceCall = slice.parent;
    return sliceCall?.type === 'CallExpression' && sliceCall.callee === slice ? sliceCall : null;
  }
  return toString;
}

/** `Math.floor(Math.random() * n)` / `Math.floor(n * Math.random())`. */
function floorIdiom(lang: JsHelpers, call: JsNode): { whole: JsNode; max: JsNode } | null {
  const mul = call.parent;
  if (mul?.type !== 'BinaryExpression' || mul.operator !== '*') return null;
  const max = (mul.left === call ? mul.right : mul.left) as JsNode;
  const floor = mul.parent;
  if (floor?.type !== 'CallExpression' || floor.arguments.length !== 1 || floor.arguments[0] !== mul) return null;
  const ref = lang.resolve(floor.callee as JsNode);
  if (!ref || ref.module !== null || ref.path.join('.') !== 'Math.floor') return null;
  // randomInt throws unless max is a safe integer below 2^48.
  const n = staticValue(max);
  if (n.known && !(typeof n.value === 'number' && Number.isInteger(n.value) && n.value > 0 && n.value <= 2 ** 48)) return null;
  return { whole: floor, max: unwrap(max) };
}

/** The local name of Node's crypto module at the top of the file (`import crypto from 'node:crypto'`), if any. */
function nodeCryptoNamespace(lang: JsHelpers): string | null {
  for (const b of lang.scopes.info(lang.parsed.root.program as JsNode).bindings.values()) {
    if (b.kind === 'import' && (b.module === 'crypto' || b.module === 'node:crypto') && (b.imported === 'default' || b.imported === '*')) return b.name;
    if (b.kind === 'var' && b.path.length === 0 && isNodeCryptoBinding(lang, b.init)) return b.name;
  }
  return null;
}

function isNodeCryptoBinding(lang: JsHelpers, init: JsNode | null): boolean {
  if (!init) return false;
  const ref = lang.resolve(init);
  return ref?.module === 'crypto' && ref.path.length === 0;
}
