import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';
import {
  constantString,
  enclosingFunctionName,
  enclosingScope,
  nameOf,
  nameTokens,
  nodeCryptoFunction,
  quoteOf,
} from './crypto-helpers';

/** Digests broken for signatures and integrity (collisions are practical or close to it). */
const WEAK_DIGEST = /^(?:rsa-)?(?:md4|md5|sha1|sha-1|md5-sha1)$|^(?:md5|sha1)withrsaencryption$/;
const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'pass']);
const SIGNATURE_WORDS = new Set(['signature', 'signatures', 'sig', 'signed', 'signing', 'integrity', 'tamper', 'hmac']);
/** `sign` is a signature word except in signIn / signUp / signOut. */
const NOT_AFTER_SIGN = new Set(['in', 'up', 'out', 'on', 'off']);
/** Words in the hashed data that make a plain digest a home-made MAC: `md5(body + secret)`. */
const SECRET_WORDS = new Set(['secret', 'secrets']);
/** A name with these is about a random token (reset links hash those with SHA-256, correctly), not a password. */
const TOKEN_WORDS = new Set(['token', 'reset', 'otp', 'code', 'link']);
/** Request values a digest is legitimately compared with: ETags and cache validators. */
const CACHE_WORDS = new Set(['etag', 'match', 'cache', 'modified']);

type Context = 'password' | 'signature' | null;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-weak-hash',
  languages: ['js'],
  meta: {
    description: 'Passwords need a slow hash, and signatures and integrity checks must not use MD5 or SHA-1',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-328', 'CWE-916'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      passwordHash:
        'A password is hashed with a single fast {{algorithm}} digest. Stolen hashes can be cracked at billions of guesses per second; use bcrypt, argon2 or crypto.scrypt with a per-user salt.',
      weakSignature:
        '{{algorithm}} is used for a signature or integrity check, but collisions for it can be computed, so an attacker can forge data that passes the check. Use SHA-256 (with HMAC when a secret key is involved).',
      useSha256: "Use 'sha256' (existing signatures and stored digests will no longer match)",
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('crypto')) return {};
    // Have I Been Pwned's range API takes the SHA-1 of a password by design; that is a lookup, not storage.
    const pwnedCheck = text.includes('pwnedpasswords');
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const fn = nodeCryptoFunction(lang, call);
        if (!fn) return;
        const algoArg = call.arguments[0] as JsNode | undefined;
        const algorithm = constantString(lang, algoArg);
        if (!algoArg || algorithm === null) return;
        const weak = WEAK_DIGEST.test(algorithm.toLowerCase());
        const suggest: FixDescriptor[] =
          algoArg.type === 'StringLiteral'
            ? [{ messageId: 'useSha256', edits: [{ range: [algoArg.start!, algoArg.end!], text: `${quoteOf(text, algoArg)}sha256${quoteOf(text, algoArg)}` }] }]
            : [];
        const range = [algoArg.start!, algoArg.end!] as const;
        if (fn === 'createSign' || fn === 'createVerify' || fn === 'sign' || fn === 'verify') {
          if (weak) context.report({ range, messageId: 'weakSignature', data: { algorithm }, suggest });
          return;
        }
        if (fn !== 'createHash' && fn !== 'createHmac' && fn !== 'hash') return;
        const use = usageContext(lang, call, fn);
        if (use === 'password' && !pwnedCheck) {
          context.report({ range, messageId: 'passwordHash', data: { algorithm } });
        } else if (use === 'signature' && weak && fn !== 'createHmac') {
          context.report({ range, messageId: 'weakSignature', data: { algorithm }, suggest });
        }
      },
    };
  },
});

/**
 * What a digest is for, judged by names: the data hashed (`.update(password)`), where the digest goes
 * (`user.passwordHash = ...`, `const signature = ...`, `=== req.headers['x-signature']`) and the enclosing
 * function (`hashPassword`). Passwords win over signatures; no security name means no finding.
 */
function usageContext(lang: JsHelpers, call: t.CallExpression & JsNode, fn: string): Context {
  const dataNames: string[] = [];
  const targetNames: string[] = [];
  let tainted = false;
  if (fn === 'hash' && call.arguments[1]) dataNames.push(...namesIn(call.arguments[1] as JsNode));
  let node: JsNode = call;
  for (let i = 0; i < 50 && node.parent; i++) {
    const p: JsNode = node.parent;
    if ((p.type === 'MemberExpression' || p.type === 'OptionalMemberExpression') && p.object === node) {
      const method = propertyName(p);
      const outer = p.parent;
      if (method === 'update' && outer?.type === 'CallExpression' && outer.callee === p) {
        dataNames.push(...outer.arguments.flatMap((a) => namesIn(a as JsNode)));
      }
    } else if (p.type === 'CallExpression' && p.callee === node) {
      // the call of a method reached above
    } else if (p.type === 'AwaitExpression' || p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression' || p.type === 'ParenthesizedExpression') {
      // pass through
    } else if (p.type === 'BinaryExpression' && /^[!=]==?$/.test(p.operator)) {
      const other = (p.left === node ? p.right : p.left) as JsNode;
      const name = nameOf(other);
      if (name) targetNames.push(name);
      tainted = !(name && hasWord(name, CACHE_WORDS)) && lang.taint(other) !== null;
      break;
    } else if (p.type === 'VariableDeclarator' && p.init === node) {
      if (p.id.type === 'Identifier') {
        targetNames.push(p.id.name);
        if (node === call) dataNames.push(...updatesOf(p.id.name, call));
      }
      break;
    } else if (p.type === 'AssignmentExpression' && p.right === node) {
      const name = nameOf(p.left);
      if (name) targetNames.push(name);
      break;
    } else if (p.type === 'ObjectProperty' && p.value === node) {
      const name = propertyName(p);
      if (name) targetNames.push(name);
      break;
    } else {
      break;
    }
    node = p;
  }
  const fnName = enclosingFunctionName(call);
  const all = [...dataNames, ...targetNames, ...(fnName ? [fnName] : [])];
  if (all.some(isPasswordName)) return 'password';
  if (tainted) return 'signature';
  if (targetNames.some(isSignatureName)) return 'signature';
  // "signature" also names non-crypto things (function signatures); a function name only counts when the digest is returned.
  if (targetNames.length === 0 && fnName && isSignatureName(fnName)) return 'signature';
  if (dataNames.some((n) => hasWord(n, SECRET_WORDS))) return 'signature';
  return null;
}

/** Identifier and property names inside an expression (bounded: data expressions are small). */
function namesIn(node: JsNode): string[] {
  const names: string[] = [];
  const add = (n: t.Node) => {
    if (n.type === 'Identifier') names.push(n.name);
    else if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      const name = propertyName(n);
      if (name) names.push(name);
    }
  };
  add(unwrap(node));
  walkJs(node, (n) => {
    add(n);
    return names.length < 50 && n.type !== 'ArrowFunctionExpression' && n.type !== 'FunctionExpression';
  });
  return names;
}

/** Names in the data of `<name>.update(...)` calls in the scope where `const <name> = createHash(...)` is. */
function updatesOf(name: string, call: JsNode): string[] {
  const names: string[] = [];
  walkJs(enclosingScope(call), (n) => {
    if (
      n.type === 'CallExpression' &&
      n.callee.type === 'MemberExpression' &&
      n.callee.object.type === 'Identifier' &&
      n.callee.object.name === name &&
      propertyName(n.callee) === 'update'
    ) {
      names.push(...n.arguments.flatMap((a) => namesIn(a as JsNode)));
    }
    return names.length < 100;
  });
  return names;
}

function hasWord(name: string, words: ReadonlySet<string>): boolean {
  return nameTokens(name).some((w) => words.has(w));
}

function isPasswordName(name: string): boolean {
  return hasWord(name, PASSWORD_WORDS) && !hasWord(name, TOKEN_WORDS);
}

function isSignatureName(name: string): boolean {
  const tokens = nameTokens(name);
  return tokens.some((w, i) => SIGNATURE_WORDS.has(w) || (w === 'sign' && !NOT_AFTER_SIGN.has(tokens[i + 1] ?? '')));
}
