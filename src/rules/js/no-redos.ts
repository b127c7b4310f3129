import type * as t from '@babel/types';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { Taint, TaintKind } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { mayBacktrack, REDOS_SERVICE, type RedosAnswer, type RedosQuery } from '../../services/redos';
import { REDOS_MESSAGES, redosReport } from '../shared/redos-report';
import { flowLocations } from '../shared/flow-report';

/** Request data and model output; command-line input belongs to whoever runs the command. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/** RegExp methods whose argument is the input. */
const REGEX_METHODS = new Set(['test', 'exec']);
/** String methods whose argument is a regex and whose receiver is the input. */
const STRING_METHODS = new Set(['match', 'matchAll', 'replace', 'replaceAll', 'split', 'search']);
/** String methods that compile a string argument into a regex (`replace` and `split` take it literally). */
const COMPILING_METHODS = new Set(['match', 'matchAll', 'search']);
/** Distinct patterns of one file sent to the checker at most. */
export const MAX_PATTERNS_PER_FILE = 10;

type JsCall = (t.CallExpression | t.OptionalCallExpression) & JsNode;

/** A regex with a known pattern, and where it is written. */
interface KnownRegex {
  source: string;
  flags: string;
  /** The literal or `new RegExp(…)` that creates it. */
  definition: JsNode;
}

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-redos',
  languages: ['js'],
  meta: {
    description: 'Regular expressions that can backtrack catastrophically must not be applied to request data or model output',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1333'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    requires: [REDOS_SERVICE],
    messages: REDOS_MESSAGES,
  },
  create(context): Visitors<JsNode> {
    const { lang } = context;
    const asked = new Set<string>();
    const check = (node: JsNode) => {
      const call = node as JsCall;
      const callee = unwrap(call.callee as JsNode);
      if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
      const method = propertyName(callee);
      if (!method) return;
      let regexNode: JsNode;
      let input: JsNode | undefined;
      let regex: KnownRegex | null;
      if (REGEX_METHODS.has(method)) {
        regexNode = unwrap(callee.object as JsNode);
        input = call.arguments[0] as JsNode | undefined;
        regex = knownRegex(lang, regexNode, false);
      } else if (STRING_METHODS.has(method)) {
        const arg = call.arguments[0] as JsNode | undefined;
        if (!arg || arg.type === 'SpreadElement') return;
        regexNode = unwrap(arg);
        input = callee.object as JsNode;
        regex = knownRegex(lang, regexNode, COMPILING_METHODS.has(method));
      } else {
        return;
      }
      if (!regex || !input || input.type === 'SpreadElement' || !mayBacktrack(regex.source)) return;
      const key = `${regex.flags}/${regex.source}`;
      if (!asked.has(key) && asked.size >= MAX_PATTERNS_PER_FILE) return;
      const taint = lang.taint(input, KINDS);
      if (!taint) return;
      asked.add(key);
      const query: RedosQuery = { source: regex.source, flags: regex.flags };
      context.ask<RedosAnswer>(REDOS_SERVICE, query, (answer) => report(context, regexNode, regex, taint, answer));
    };
    return { CallExpression: check, OptionalCallExpression: check };
  },
});

function report(context: RuleContext<JsHelpers>, at: JsNode, regex: KnownRegex, taint: Taint, answer: RedosAnswer): void {
  if (answer.status !== 'vulnerable') return;
  const { lang } = context;
  const consequence = taint.kind === 'model' ? 'a model steered by prompt injection can block the event loop, and every request waits' : 'one request can block the event loop, and every other request waits';
  context.report(redosReport({ range: lang.range(at), defined: lang.range(regex.definition), source: regex.source, taint, answer, consequence, flow: flowLocations(taint, lang) }));
}

/**
 * The pattern and flags of a regex known at analysis time: a literal, `new RegExp('…', '…')` / `RegExp(…)`
 * of the global with constant arguments, or a name bound once to one of them. With `strings`, a constant
 * string too (`s.match('(a+)+$')` compiles it).
 */
function knownRegex(lang: JsHelpers, node: JsNode, strings: boolean): KnownRegex | null {
  const n = node.type === 'Identifier' ? lang.definition(node) : unwrap(node);
  if (!n) return null;
  if (n.type === 'RegExpLiteral') return { source: n.pattern, flags: n.flags, definition: n };
  if (n.type === 'NewExpression' || n.type === 'CallExpression') {
    const callee = unwrap(n.callee as JsNode);
    const ref = callee.type === 'Identifier' || callee.type === 'MemberExpression' ? lang.resolve(callee) : null;
    if (!ref || ref.module !== null || ref.path.join('.') !== 'RegExp') return null;
    const [first, second] = n.arguments as JsNode[];
    if (!first || first.type === 'SpreadElement' || second?.type === 'SpreadElement') return null;
    const flags = second ? lang.constantString(second) : '';
    if (flags === null) return null;
    const literal = unwrap(first);
    if (literal.type === 'RegExpLiteral') return { source: literal.pattern, flags: second ? flags : literal.flags, definition: n };
    const source = lang.constantString(first);
    return source === null ? null : { source, flags, definition: n };
  }
  if (strings) {
    const source = lang.constantString(n);
    return source === null ? null : { source, flags: '', definition: n };
  }
  return null;
}
