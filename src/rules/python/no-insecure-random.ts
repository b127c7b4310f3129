import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeLastName, calleeName, constantString, importEdits, keywordArgument, positionalArguments } from './call-helpers';
import { unguessableNames } from '../secrets/unguessable-names';
import { enclosingFunctionName, nameOf } from './name-helpers';

/** Functions of the `random` module (its shared Mersenne Twister) that produce values. */
const RANDOM_FUNCTIONS = new Set([
  'random', 'randint', 'randrange', 'choice', 'choices', 'getrandbits', 'randbytes', 'sample', 'uniform', 'shuffle',
]);
/** Test data and simulations use `random` on purpose, whatever they are called. */
const { isSecretName, isBenign } = unguessableNames(['mock', 'fake', 'dummy', 'seed', 'test', 'simulate', 'simulation']);
/** Names too generic to say anything; the enclosing function's name is used instead. */
const GENERIC_NAMES = /^(?:result|res|ret|out|output|s|text|value|val|v|i|j|n|r|rand|random|rnd|char|chars|c|idx|index|buf|acc|part|parts|x|tmp|_|code|key|digits|number|num)$/i;
/** Calls a random value passes through on its way to where it is stored (`''.join(...)`, `str(...)`). */
const PASS_THROUGH_CALLS = /^(?:join|str|int|hex|format|zfill|upper|lower|encode|decode|b64encode|urlsafe_b64encode|b32encode|hexlify|to_bytes|append|extend|list|tuple|bytes|bytearray)$/;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-insecure-random',
  languages: ['python'],
  meta: {
    description: 'Tokens, passwords, session ids, salts and other secrets must not be generated with the random module',
    severity: 'error',
    category: 'crypto',
    riskArea: 'development',
    cwe: ['CWE-338'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      insecureRandom:
        '`{{name}}` is made with random.{{fn}}(), but the random module is predictable: an attacker who sees a few hundred outputs can compute the next ones. Use the secrets module (secrets.token_urlsafe(), secrets.choice(), secrets.randbelow()).',
      useSecrets: 'Use {{replacement}}',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!text.includes('random')) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!RANDOM_FUNCTIONS.has(calleeLastName(call) ?? '')) return;
        const name = calleeName(lang, call);
        if (!name?.startsWith('random.')) return;
        const fn = name.slice('random.'.length);
        if (!RANDOM_FUNCTIONS.has(fn) || !lang.liveBranch(call)) return;
        const target = secretName(call, fn);
        if (!target) return;
        context.report({
          range: lang.range(call),
          messageId: 'insecureRandom',
          data: { fn, name: target },
          suggest: suggestion(call, fn),
        });
      },
    };

    /**
     * The security-relevant name the random value flows to, or null. Follows the value up through
     * arithmetic, string building, comprehensions and conversions (`''.join(random.choice(abc) for _ in
     * range(32))`) to the variable, attribute, key, keyword or cookie it lands in; falls back to the
     * enclosing function's name when that target is missing or generic (`return ''.join(...)` inside
     * `generate_token`). `random.shuffle(x)` is judged by `x`.
     */
    function secretName(call: SyntaxNode, fn: string): string | null {
      const names: string[] = [];
      if (fn === 'shuffle') {
        const shuffled = nameOf(positionalArguments(call)[0]);
        if (shuffled) names.push(shuffled);
      }
      const found = landsIn(call, names, 0);
      if (found) return found;
      if (names.some((n) => isBenign(n) || !GENERIC_NAMES.test(n))) return null;
      const fnName = enclosingFunctionName(call);
      return fnName && isSecretName(fnName) ? fnName : null;
    }

    /**
     * Follows a value up to where it lands (see {@link secretName}), adding the names it passes to `names`; the
     * secret name found, or null. A value stored in a generic local name (`num = random.random()`) is followed to
     * the uses of that name in its function (`key = str(num)[2:]`, `set_cookie("rememberMe", key)`), twice at most.
     */
    function landsIn(start: SyntaxNode, names: string[], depth: number): string | null {
      let node = start;
      for (let i = 0; i < 50 && node.parent; i++) {
        const p: SyntaxNode = node.parent;
        let stop = false;
        switch (p.type) {
          case 'binary_operator':
          case 'unary_operator':
          case 'parenthesized_expression':
          case 'interpolation':
          case 'string':
          case 'concatenated_string':
          case 'list':
          case 'tuple':
          case 'set':
          case 'conditional_expression':
          case 'subscript':
          case 'await':
          case 'for_in_clause':
          case 'generator_expression':
          case 'list_comprehension':
          case 'set_comprehension':
          case 'expression_list':
            break;
          case 'attribute':
            // `random.getrandbits(64).to_bytes(...)`: a method of the value; the call around it carries on.
            break;
          case 'argument_list':
          case 'call': {
            const outer = p.type === 'argument_list' ? p.parent : p;
            if (outer?.type !== 'call') {
              stop = true;
              break;
            }
            if (p.type === 'argument_list') {
              const callee = nameOf(outer.childForFieldName('function'));
              // response.set_cookie('session_id', value), headers.setdefault('X-CSRF-Token', value)
              const args = positionalArguments(outer);
              const first = constantString(lang, args[0]);
              if (args[1]?.equals(node) && first) names.push(first);
              if (callee && !PASS_THROUGH_CALLS.test(callee)) {
                names.push(callee);
                stop = true;
              }
            }
            break;
          }
          case 'keyword_argument':
            names.push(p.childForFieldName('name')?.text ?? '');
            stop = true;
            break;
          case 'pair': {
            const key = constantString(lang, p.childForFieldName('key'));
            if (key) names.push(key);
            stop = true;
            break;
          }
          case 'assignment':
          case 'augmented_assignment': {
            const left = p.childForFieldName('left');
            const target = nameOf(left);
            if (target) names.push(target);
            stop = true;
            if (target && !isSecretName(target) && GENERIC_NAMES.test(target) && left?.type === 'identifier' && depth < 2) {
              for (const use of usesAfter(left, p)) {
                const found = landsIn(use, names, depth + 1);
                if (found) return found;
              }
            }
            break;
          }
          default:
            stop = true;
        }
        if (stop) break;
        node = p;
      }
      return names.find(isSecretName) ?? null;
    }

    /** The uses of a local name after the assignment that binds it, in the same function (at most 8). */
    function usesAfter(name: SyntaxNode, assignment: SyntaxNode): SyntaxNode[] {
      let scope: SyntaxNode | null = assignment.parent;
      while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
      if (!scope) return [];
      const uses: SyntaxNode[] = [];
      for (const id of scope.descendantsOfType('identifier')) {
        if (id.startIndex < assignment.endIndex || id.text !== name.text) continue;
        const sites = lang.scopes.lookupNode(id)?.sites ?? [];
        if (!sites.some((site) => site.stmt.id === assignment.id || site.stmt.id === assignment.parent?.id)) continue;
        uses.push(id);
        if (uses.length >= 8) break;
      }
      return uses;
    }

    /** The `secrets` call with the same result, where one exists, with `import secrets` when missing. */
    function suggestion(call: SyntaxNode, fn: string): FixDescriptor[] {
      const code = secretsCall(call, fn);
      if (!code) return [];
      const imports = importEdits(lang, text, 'secrets');
      if (!imports) return [];
      const replacement = /secrets\.\w+/.exec(code)![0];
      return [{ messageId: 'useSecrets', data: { replacement: `${replacement}()` }, edits: [...imports, { range: lang.range(call), text: code }] }];
    }

    /** The source of an equivalent `secrets` call (same arguments, same kind of result), or null. */
    function secretsCall(call: SyntaxNode, fn: string): string | null {
      const args = argumentsOf(call);
      const positional = positionalArguments(call);
      const only = args.length === positional.length;
      const src = (n: SyntaxNode) => lang.text(n);
      if (fn === 'choice' && only && positional.length === 1) return `secrets.choice(${src(positional[0])})`;
      if (fn === 'randrange' && only && positional.length === 1) return `secrets.randbelow(${src(positional[0])})`;
      if (fn === 'getrandbits' && only && positional.length === 1) return `secrets.randbits(${src(positional[0])})`;
      if (fn === 'randbytes' && only && positional.length === 1) return `secrets.token_bytes(${src(positional[0])})`;
      if (fn === 'randint' && only && positional.length === 2) {
        const low = lang.constant(positional[0])?.value;
        const high = lang.constant(positional[1])?.value;
        if (typeof low === 'number' && typeof high === 'number' && Number.isInteger(low) && Number.isInteger(high) && high >= low) {
          return low === 0 ? `secrets.randbelow(${high + 1})` : `secrets.randbelow(${high - low + 1}) + ${low}`;
        }
      }
      if (fn === 'choices' && positional.length === 1 && args.length === 2) {
        const k = keywordArgument(call, 'k')?.childForFieldName('value');
        if (k) return `[secrets.choice(${src(positional[0])}) for _ in range(${src(k)})]`;
      }
      return null;
    }
  },
});

