import { enclosingFunction } from '../../languages/js/scope';
import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';
import { jwtCall, mentionsJwtLibrary } from './jwt-calls';

/** Claims whose value decides who the caller is or what they may do. */
const AUTH_CLAIMS = new Set([
  'role', 'roles', 'isAdmin', 'admin', 'is_admin', 'sub', 'userId', 'user_id', 'uid', 'permissions',
  'scope', 'scopes', 'groups', 'tenantId', 'tenant_id', 'orgId', 'email', 'username', 'user',
]);
/** Where middleware stores the authenticated user. */
const USER_SLOTS = [['req', 'user'], ['request', 'user'], ['res', 'locals', 'user'], ['ctx', 'state', 'user'], ['req', 'auth']];
/** Decode functions that do not check the signature. */
const DECODERS: Record<string, string> = { jsonwebtoken: 'decode', jose: 'decodeJwt' };
/** Verify functions: a call of one on the same token makes a decode next to it harmless. */
const VERIFIERS: Record<string, string[]> = { jsonwebtoken: ['verify'], jose: ['jwtVerify', 'compactVerify'] };
const SECRET_NAME = /secret|^jwt_?key$|signing_?key|public_?key/i;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-jwt-decode-as-verify',
  languages: ['js'],
  meta: {
    description: 'Claims of a JWT must not be trusted after decoding it without verifying its signature',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-345'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      decodeAsVerify:
        '{{fn}}() does not check the signature, yet `{{claim}}` of its result decides who the caller is. Anyone can write a token with any claims; verify it first.',
      useVerify: 'Verify the token with jwt.verify(token, {{secret}})',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!mentionsJwtLibrary(text) || !(text.includes('decode') || text.includes('decodeJwt'))) return {};
    const walks: FunctionWalks = { claims: new Map(), verified: new Map() };
    return {
      CallExpression(node) {
        const jwt = jwtCall(node, lang);
        if (!jwt || DECODERS[jwt.module] !== jwt.fn) return;
        const token = jwt.call.arguments[0] as JsNode | undefined;
        if (!token || token.type === 'SpreadElement') return;
        const fn = enclosingFunction(jwt.call);
        const claim = authUse(jwt.call, fn, walks);
        if (!claim || verifiesToken(fn, token, lang, text, walks)) return;
        const suggestion = jwt.module === 'jsonwebtoken' ? useVerify(jwt.call, lang, text) : null;
        context.report({
          range: [jwt.call.start!, jwt.call.end!],
          messageId: 'decodeAsVerify',
          data: { fn: jwt.module === 'jose' ? 'decodeJwt' : 'jwt.decode', claim },
          suggest: suggestion ? [suggestion] : [],
        });
      },
    };
  },
});

/** The climb from the decode call through casts, `await` and `||` to where its value lands. */
function landing(call: JsNode): { node: JsNode; parent: JsNode | null | undefined } {
  let node = call;
  let parent = call.parent;
  while (
    parent &&
    (/^TS|ParenthesizedExpression|AwaitExpression/.test(parent.type) || (parent.type === 'LogicalExpression' && parent.left === node))
  ) {
    node = parent;
    parent = parent.parent;
  }
  return { node, parent };
}

/**
 * The authorisation claim read from the decoded payload (or `req.user` when the payload is stored
 * there), or null when the result is only used for something else (header, kid, expiry display).
 */
function authUse(call: JsNode, fn: JsNode, walks: FunctionWalks): string | null {
  const { node, parent } = landing(call);
  if (!parent) return null;
  if (parent.type === 'MemberExpression' && parent.object === node) return claimOfChain(parent);
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    const path = memberPath(parent.left);
    if (path && USER_SLOTS.some((s) => s.join('.') === path.join('.'))) return path.join('.');
    return parent.left.type === 'Identifier' ? claimRead(fn, parent.left.name, walks) : null;
  }
  if (parent.type !== 'VariableDeclarator' || parent.init !== node) return null;
  if (parent.id.type === 'ObjectPattern') return patternClaim(parent.id);
  return parent.id.type === 'Identifier' ? claimRead(fn, parent.id.name, walks) : null;
}

/** `decoded.payload.role` -> 'role': the first auth claim along a member chain. */
function claimOfChain(member: JsNode): string | null {
  let n: JsNode | null | undefined = member;
  while (n && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression')) {
    const name = propertyName(n);
    if (name !== null && AUTH_CLAIMS.has(name)) return name;
    if (name !== 'payload') return null;
    n = n.parent;
  }
  return null;
}

function patternClaim(pattern: t.ObjectPattern): string | null {
  for (const p of pattern.properties) {
    const name = p.type === 'ObjectProperty' ? propertyName(p) : null;
    if (name !== null && AUTH_CLAIMS.has(name)) return name;
    if (name === 'payload' && p.type === 'ObjectProperty' && p.value.type === 'ObjectPattern') return patternClaim(p.value);
  }
  return null;
}

/**
 * What one walk per function found, however many decodes it holds; per analysed file (an edited file's tree is
 * re-used, so a function node may hold other code in the next analysis).
 */
interface FunctionWalks {
  /** Per function, the first auth claim read from each variable. */
  claims: Map<JsNode, Map<string, string>>;
  /** Per function, the tokens (as source text) it verifies. */
  verified: Map<JsNode, Set<string>>;
}

/** An auth claim read from variable `name` in the function, or the variable stored as the request's user. */
function claimRead(fn: JsNode, name: string, walks: FunctionWalks): string | null {
  let claims = walks.claims.get(fn);
  if (!claims) walks.claims.set(fn, (claims = claimReads(fn)));
  return claims.get(name) ?? null;
}

function claimReads(fn: JsNode): Map<string, string> {
  const found = new Map<string, string>();
  const note = (name: string, claim: string | null) => {
    if (claim !== null && !found.has(name)) found.set(name, claim);
  };
  walkJs(fn, (n) => {
    if ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && unwrap(n.object as JsNode).type === 'Identifier') {
      note((unwrap(n.object as JsNode) as t.Identifier).name, claimOfChain(n));
    } else if (n.type === 'VariableDeclarator' && n.id.type === 'ObjectPattern' && n.init?.type === 'Identifier') {
      note(n.init.name, patternClaim(n.id));
    } else if (n.type === 'AssignmentExpression' && n.right.type === 'Identifier') {
      const path = memberPath(n.left);
      if (path && USER_SLOTS.some((s) => s.join('.') === path.join('.'))) note(n.right.name, path.join('.'));
    }
    return true;
  });
  return found;
}

/** Whether the function also verifies the same token (same source text) with a verify function. */
function verifiesToken(fn: JsNode, token: JsNode, lang: JsHelpers, text: string, walks: FunctionWalks): boolean {
  let verified = walks.verified.get(fn);
  if (!verified) {
    const tokens = new Set<string>();
    walkJs(fn, (n) => {
      if (n.type !== 'CallExpression' || !n.arguments[0]) return true;
      const jwt = jwtCall(n, lang);
      if (jwt && (VERIFIERS[jwt.module] ?? []).includes(jwt.fn)) tokens.add(text.slice(n.arguments[0].start!, n.arguments[0].end!));
      return true;
    });
    walks.verified.set(fn, (verified = tokens));
  }
  return verified.has(text.slice(token.start!, token.end!));
}

/** `jwt.decode(token)` -> `jwt.verify(token, SECRET)` when the file names a secret to verify with. */
function useVerify(call: t.CallExpression & JsNode, lang: JsHelpers, text: string): FixDescriptor | null {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const token = call.arguments[0];
  const secret = findSecret(lang, text);
  if (!secret) return null;
  const options = call.arguments[1];
  const rest = options ? `, ${text.slice(options.start!, options.end!)}` : '';
  return {
    messageId: 'useVerify',
    data: { secret },
    edits: [
      { range: [callee.property.start!, callee.property.end!], text: 'verify' },
      { range: [token.end!, call.end! - 1], text: `, ${secret}${rest}` },
    ],
  };
}

/**
 * The secret this file signs or verifies with: the key argument of another jsonwebtoken sign/verify
 * call, else a module-level variable or `process.env` entry whose name says it is the JWT secret.
 */
function findSecret(lang: JsHelpers, text: string): string | null {
  // One walk of the file however many decodes it has: cached per file's helpers.
  if (secretOfFile.has(lang)) return secretOfFile.get(lang)!;
  const secret = searchSecret(lang, text);
  secretOfFile.set(lang, secret);
  return secret;
}

const secretOfFile = new WeakMap<JsHelpers, string | null>();

function searchSecret(lang: JsHelpers, text: string): string | null {
  const program = lang.parsed.root.program as JsNode;
  let fromCall: string | null = null;
  let fromEnv: string | null = null;
  walkJs(program, (n) => {
    if (fromCall) return false;
    if (n.type === 'CallExpression' && n.arguments.length >= 2) {
      const callee = unwrap(n.callee as JsNode);
      const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      const key = unwrap(n.arguments[1] as JsNode);
      if ((name === 'sign' || name === 'verify') && memberPath(key) && lang.resolve(callee)?.module === 'jsonwebtoken') {
        fromCall = text.slice(key.start!, key.end!);
      }
    } else if (!fromEnv && n.type === 'MemberExpression') {
      const path = memberPath(n);
      if (path?.length === 3 && path[0] === 'process' && path[1] === 'env' && SECRET_NAME.test(path[2])) fromEnv = path.join('.');
    }
    return true;
  });
  if (fromCall) return fromCall;
  for (const [name, b] of lang.scopes.info(program).bindings) {
    if (b.kind === 'var' && SECRET_NAME.test(name)) return name;
  }
  return fromEnv;
}
