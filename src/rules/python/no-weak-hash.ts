import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeLastName, calleeName, constantString, isFalse, keywordArgument, lastSegment, replaceEdit } from './call-helpers';
import { enclosingFunction, enclosingFunctionName, hasWord, nameOf, namesIn, nameTokens } from './name-helpers';

/** hashlib constructors; `new` takes the algorithm's name. */
const HASHLIB_DIGESTS = new Set([
  'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s', 'new',
]);
/** Digests broken for signatures and integrity (collisions are practical or close to it). */
const WEAK = new Set(['md4', 'md5', 'sha1', 'sha', 'md5-sha1', 'md5_sha1']);
/** PyCryptodome (`Crypto` / `Cryptodome`) and `cryptography` spellings of the weak digests. */
const LIBRARY_WEAK = /^(?:Crypto|Cryptodome)\.Hash\.(MD4|MD5|SHA1|SHA)\.new$|^cryptography\.hazmat\.primitives\.hashes\.(MD5|SHA1)$/;
/** Last names of the library digests (`MD5.new` ends in `new`, already among the hashlib names). */
const LIBRARY_DIGESTS = new Set(['MD5', 'SHA1']);
const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pw', 'passphrase', 'passcode', 'pass']);
const SIGNATURE_WORDS = new Set(['signature', 'signatures', 'sig', 'signed', 'signing', 'integrity', 'tamper', 'hmac']);
/** `sign` is a signature word except in sign_in / sign_up / sign_out. */
const NOT_AFTER_SIGN = new Set(['in', 'up', 'out', 'on', 'off']);
/** Words in the hashed data that make a plain digest a home-made MAC: `md5(body + secret)`. */
const SECRET_WORDS = new Set(['secret', 'secrets']);
/** A name with these is about a random token (reset links hash those with SHA-256, correctly), not a password. */
const TOKEN_WORDS = new Set(['token', 'reset', 'otp', 'code', 'link']);
/** Methods of a hash object that pass the digest on (the value keeps flowing through them). */
const DIGEST_METHODS = new Set(['hexdigest', 'digest', 'hex', 'copy', 'upper', 'lower', 'encode', 'decode']);
/** Calls that encode raw digest bytes as text, the way they are stored. */
const ENCODINGS = /^(?:b64encode|urlsafe_b64encode|standard_b64encode|b32encode|b85encode|encodebytes|hexlify|b2a_hex|b2a_base64)$/;

type Use = 'password' | 'signature' | null;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-weak-hash',
  languages: ['python'],
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
        'A password is hashed with a single fast {{algorithm}} digest. Stolen hashes can be cracked at billions of guesses per second; use hashlib.scrypt, argon2 or bcrypt with a per-user salt.',
      weakSignature:
        '{{algorithm}} is used for a signature or integrity check, but collisions for it can be computed, so an attacker can forge data that passes the check. Use SHA-256 (with hmac when a secret key is involved).',
      useSha256: 'Use SHA-256 (existing signatures and stored digests will no longer match)',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/hashlib|Crypto|cryptography/.test(text)) return {};
    // Have I Been Pwned's range API takes the SHA-1 of a password by design; that is a lookup, not storage.
    const pwnedCheck = text.includes('pwnedpasswords');
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !(HASHLIB_DIGESTS.has(last) || LIBRARY_DIGESTS.has(last))) return;
        const name = calleeName(lang, call);
        if (!name || !lang.liveBranch(call)) return;
        if (name.startsWith('hashlib.') && HASHLIB_DIGESTS.has(lastSegment(name)) && name.split('.').length === 2) return checkHashlib(call, lastSegment(name));
        const library = LIBRARY_WEAK.exec(name);
        if (library) checkLibrary(call, (library[1] ?? library[2]).toUpperCase());
      },
    };

    function checkHashlib(call: SyntaxNode, fn: string): void {
      const usedForSecurity = keywordArgument(call, 'usedforsecurity')?.childForFieldName('value');
      if (usedForSecurity && isFalse(lang, usedForSecurity)) return;
      const algoArg = fn === 'new' ? lang.argument(call, 0, 'name') : null;
      const algorithm = fn === 'new' ? constantString(lang, algoArg)?.toLowerCase() : fn;
      if (!algorithm) return;
      const weak = WEAK.has(algorithm);
      const callee = call.childForFieldName('function')!;
      const range = lang.range(algoArg ?? callee);
      const use = usage(call, fn === 'new' ? argumentsOf(call).slice(1) : argumentsOf(call));
      if (use === 'password' && !pwnedCheck) {
        context.report({ range, messageId: 'passwordHash', data: { algorithm: display(algorithm) } });
      } else if (use === 'signature' && weak) {
        context.report({ range, messageId: 'weakSignature', data: { algorithm: display(algorithm) }, suggest: sha256Suggestion(callee, algoArg) });
      }
    }

    /** PyCryptodome `MD5.new(data)` and `cryptography` `hashes.SHA1()` passed to `.sign(...)`/`.verify(...)`. */
    function checkLibrary(call: SyntaxNode, algorithm: string): void {
      const signing = signingCall(call);
      const use = signing ? 'signature' : usage(call, argumentsOf(call));
      if (use === 'password' && !pwnedCheck) {
        context.report({ range: lang.range(call), messageId: 'passwordHash', data: { algorithm: display(algorithm) } });
      } else if (use === 'signature') {
        context.report({ range: lang.range(call), messageId: 'weakSignature', data: { algorithm: display(algorithm) } });
      }
    }

    /** `hashlib.md5` → `hashlib.sha256` where the call spells the module; `hashlib.new('md5')` → `'sha256'`. */
    function sha256Suggestion(callee: SyntaxNode, algoArg: SyntaxNode | null): FixDescriptor[] {
      if (algoArg) {
        const literal = lang.stringLiteral(algoArg);
        if (!literal || literal.escaped) return [];
        return [{ messageId: 'useSha256', edits: [{ range: literal.contentRange, text: 'sha256' }] }];
      }
      const attribute = callee.type === 'attribute' ? callee.childForFieldName('attribute') : null;
      const object = callee.childForFieldName('object');
      const module = object ? lang.resolve(object) : null;
      if (!attribute || module?.module !== 'hashlib' || module.path.length > 0) return [];
      return [{ messageId: 'useSha256', edits: [replaceEdit(attribute, 'sha256')] }];
    }

    /**
     * What a digest is for, judged by names: the data hashed (`md5(password)`, `h.update(password)`), where
     * the digest goes (`password_hash = …`, `signature = …`, `== request.headers['X-Signature']`) and the
     * enclosing function (`def hash_password`). Passwords win over signatures; no security name, no finding.
     */
    function usage(call: SyntaxNode, data: readonly SyntaxNode[]): Use {
      const dataNames = data.flatMap((a) => namesIn(a.type === 'keyword_argument' ? a.childForFieldName('value') : a));
      const targetNames: string[] = [];
      let node = call;
      let returned = false;
      // Raw `.digest()` bytes, not encoded for storage: what challenge-response protocols (MySQL, NTLM) compute.
      let raw = false;
      for (let i = 0; i < 30 && node.parent; i++) {
        const p: SyntaxNode = node.parent;
        if (p.type === 'attribute' && p.childForFieldName('object')?.equals(node)) {
          const method = p.childForFieldName('attribute')?.text ?? '';
          const outer = p.parent;
          if (outer?.type !== 'call' || !DIGEST_METHODS.has(method) && method !== 'update') break;
          if (method === 'update') dataNames.push(...argumentsOf(outer).flatMap((a) => namesIn(a)));
          if (method === 'digest') raw = true;
          else if (method === 'hex') raw = false;
          node = outer;
          continue;
        }
        if (p.type === 'parenthesized_expression' || p.type === 'interpolation' || p.type === 'string' || p.type === 'binary_operator' || p.type === 'subscript') {
          node = p;
          continue;
        }
        if (p.type === 'argument_list' && p.parent?.type === 'call') {
          const outer = p.parent;
          if (isCompareDigest(outer)) {
            targetNames.push(...argumentsOf(outer).filter((a) => !a.equals(node)).flatMap((a) => (nameOf(a) ? [nameOf(a)!] : [])));
            break;
          }
          // Conversions (`base64.b64encode(...)`, `str(...)`) pass the digest on.
          if (ENCODINGS.test(lastSegment(calleeName(lang, outer) ?? nameOf(outer) ?? ''))) raw = false;
          node = outer;
          continue;
        }
        if (p.type === 'comparison_operator') {
          for (const side of p.namedChildren) if (side && !side.equals(node) && nameOf(side)) targetNames.push(nameOf(side)!);
          break;
        }
        if (p.type === 'assignment' && p.childForFieldName('right')?.equals(node)) {
          const left = p.childForFieldName('left');
          const target = nameOf(left);
          if (target) targetNames.push(target);
          if (left?.type === 'identifier') {
            dataNames.push(...updatesOf(left.text, call));
            targetNames.push(...comparedWith(left.text, call));
            if (writtenToPasswordFile(left.text, call)) targetNames.push('password');
          }
          break;
        }
        if (p.type === 'keyword_argument' && p.childForFieldName('value')?.equals(node)) {
          targetNames.push(p.childForFieldName('name')?.text ?? '');
          break;
        }
        if (p.type === 'pair' && p.childForFieldName('value')?.equals(node)) {
          const key = constantString(lang, p.childForFieldName('key'));
          if (key) targetNames.push(key);
          break;
        }
        returned = p.type === 'return_statement';
        break;
      }
      const fnName = enclosingFunctionName(call);
      const all = [...dataNames, ...targetNames, ...(fnName ? [fnName] : [])];
      const namedPassword = targetNames.some(isPasswordName) || (fnName !== null && isPasswordName(fnName));
      if (namedPassword || (!raw && all.some(isPasswordName))) return 'password';
      if (targetNames.some(isSignatureName)) return 'signature';
      // "signature" also names non-crypto things (function signatures): a function's name only counts when it returns the digest.
      if (returned && fnName && isSignatureName(fnName)) return 'signature';
      if (dataNames.some((n) => hasWord(n, SECRET_WORDS))) return 'signature';
      return null;
    }

    /**
     * Whether the function writes a variable holding the digest to a file whose path names passwords
     * (`with open(".../passwordFile.txt", "a") as f: f.write(f"hash={b64encode(result)}")`): stored password hashes.
     */
    function writtenToPasswordFile(name: string, call: SyntaxNode): boolean {
      const scope = enclosingFunction(call);
      if (!scope) return false;
      const calls = scope.descendantsOfType('call');
      const passwordFile = calls.some((c) => calleeLastName(c) === 'open' && /passw(?:or)?d/i.test(argumentsOf(c)[0]?.text ?? ''));
      if (!passwordFile) return false;
      // The variable, and those given its digest (`h = hashlib.new("md5")`; `result = h.digest()`).
      const names = new Set([name]);
      for (const c of calls) {
        const fn = c.childForFieldName('function');
        const p = c.parent;
        if (fn?.type === 'attribute' && fn.childForFieldName('object')?.text === name && /^(?:hex)?digest$/.test(fn.childForFieldName('attribute')?.text ?? '') && p?.type === 'assignment') {
          const target = p.childForFieldName('left');
          if (target?.type === 'identifier') names.add(target.text);
        }
      }
      return calls.some((c) => /^write(?:lines)?$/.test(calleeLastName(c) ?? '') && argumentsOf(c).some((a) => namesIn(a).some((n) => names.has(n))));
    }

    /** Names of what a variable holding the digest is compared with: `expected != signature`, `compare_digest(expected, sig)`. */
    function comparedWith(name: string, call: SyntaxNode): string[] {
      const scope = enclosingFunction(call) ?? lang.parsed.root.module;
      const names: string[] = [];
      for (const id of scope.descendantsOfType('identifier')) {
        if (id?.text !== name || id.startIndex < call.endIndex) continue;
        const parent = id.parent;
        if (parent?.type === 'comparison_operator') {
          for (const side of parent.namedChildren) if (side && !side.equals(id) && nameOf(side)) names.push(nameOf(side)!);
        } else if (parent?.type === 'argument_list' && parent.parent?.type === 'call' && isCompareDigest(parent.parent)) {
          for (const arg of argumentsOf(parent.parent)) if (!arg.equals(id) && nameOf(arg)) names.push(nameOf(arg)!);
        }
        if (names.length > 20) break;
      }
      return names;
    }

    function isCompareDigest(call: SyntaxNode): boolean {
      return lastSegment(calleeName(lang, call) ?? nameOf(call) ?? '') === 'compare_digest';
    }

    /** Names in the data of `<name>.update(...)` calls in the function (or module) where `<name> = hashlib...(...)`. */
    function updatesOf(name: string, call: SyntaxNode): string[] {
      const scope = enclosingFunction(call) ?? lang.parsed.root.module;
      const names: string[] = [];
      for (const other of scope.descendantsOfType('call')) {
        const callee = other?.childForFieldName('function');
        if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'update') continue;
        const object = callee.childForFieldName('object');
        if (object?.type !== 'identifier' || object.text !== name) continue;
        names.push(...argumentsOf(other!).flatMap((a) => namesIn(a)));
        if (names.length > 100) break;
      }
      return names;
    }
  },
});

/** `private_key.sign(data, padding, hashes.SHA1())`, `public_key.verify(sig, data, padding, hashes.SHA1())`. */
function signingCall(call: SyntaxNode): boolean {
  const list = call.parent;
  const outer = list?.type === 'argument_list' ? list.parent : null;
  const callee = outer?.type === 'call' ? outer.childForFieldName('function') : null;
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : null;
  return method === 'sign' || method === 'verify';
}

/** `md5` → MD5, `sha1` → SHA-1, `sha3_256` → SHA3-256. */
function display(algorithm: string): string {
  const upper = algorithm.toUpperCase().replace(/_/g, '-');
  return /^SHA\d+$/.test(upper) ? `SHA-${upper.slice(3)}` : upper;
}

function isPasswordName(name: string): boolean {
  return hasWord(name, PASSWORD_WORDS) && !hasWord(name, TOKEN_WORDS);
}

function isSignatureName(name: string): boolean {
  const tokens = nameTokens(name);
  return tokens.some((w, i) => SIGNATURE_WORDS.has(w) || (w === 'sign' && !NOT_AFTER_SIGN.has(tokens[i + 1] ?? '')));
}
