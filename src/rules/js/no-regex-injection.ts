import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { TaintKind } from '../../languages/js/flow';
import { quoteStyle, stringLiteral, type QuoteStyle } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { constInit } from './web-config-helpers';

/** Request data and model output; command-line input is the operator's own. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/** Packages whose export escapes regex metacharacters. */
const ESCAPE_MODULES: Record<string, string[]> = {
  'escape-string-regexp': [],
  'lodash.escaperegexp': [],
  lodash: ['escapeRegExp'],
  'lodash-es': ['escapeRegExp'],
  'es-toolkit': ['escapeRegExp'],
  'es-toolkit/compat': ['escapeRegExp'],
};
/** `.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`, its string in the file's quotes. */
const inlineEscape = (quote: QuoteStyle): string => `.replace(/[.*+?^\${}()|[\\]\\\\]/g, ${stringLiteral('\\$&', quote)})`;

type JsCall = (t.CallExpression | t.NewExpression) & JsNode;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-regex-injection',
  languages: ['js'],
  meta: {
    description: 'Regular expressions must not be built from request data or model output without escaping',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1333', 'CWE-730'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      regexFromInput:
        'This regular expression is built from {{source}}. A pattern such as `(a+)+$` can block the event loop for minutes (ReDoS), and metacharacters change what it matches; escape the value first.',
      escapeWithHelper: 'Escape the value with {{helper}}()',
      escapeInline: 'Escape regex metacharacters in the value',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('RegExp')) return {};
    const check = (node: JsNode) => {
      const call = node as JsCall;
      const callee = unwrap(call.callee as JsNode);
      if (callee.type !== 'Identifier' && propertyName(callee) !== 'RegExp') return;
      if (callee.type === 'Identifier' && callee.name !== 'RegExp') return;
      const ref = lang.resolve(callee);
      if (!ref || ref.module !== null || ref.path.join('.') !== 'RegExp') return;
      const pattern = call.arguments[0] as JsNode | undefined;
      if (!pattern || pattern.type === 'SpreadElement') return;
      const found = unescapedPiece(lang, pattern, 0);
      if (!found) return;
      const { piece, source } = found;
      const helper = escapeHelper(lang);
      const value = text.slice(piece.start!, piece.end!);
      const replacement = helper ? `${helper}(${value})` : `String(${value})${inlineEscape(quoteStyle(lang.parsed))}`;
      context.report({
        range: [piece.start!, piece.end!],
        messageId: 'regexFromInput',
        data: { source: source.description },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
        suggest: [
          {
            messageId: helper ? 'escapeWithHelper' : 'escapeInline',
            data: { helper: helper ?? '' },
            edits: [{ range: [piece.start!, piece.end!], text: replacement }],
          },
        ],
      });
    };
    return { NewExpression: check, CallExpression: check };
  },
});

/**
 * The part of a pattern that carries unescaped untrusted data: the pattern itself, or one operand of
 * a concatenation or template. Escaped values (`escapeRegExp(x)`, `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`)
 * and `const`s holding them are safe.
 */
function unescapedPiece(lang: JsHelpers, node: JsNode, depth: number): { piece: JsNode; source: NonNullable<ReturnType<JsHelpers['taint']>> } | null {
  if (depth > 10) return null;
  const n = unwrap(node);
  if (isEscaped(lang, n, depth)) return null;
  const parts: JsNode[] =
    n.type === 'TemplateLiteral' ? (n.expressions as JsNode[])
    : n.type === 'BinaryExpression' && n.operator === '+' ? [n.left as JsNode, n.right as JsNode]
    : n.type === 'ConditionalExpression' ? [n.consequent as JsNode, n.alternate as JsNode]
    : n.type === 'LogicalExpression' ? [n.left as JsNode, n.right as JsNode]
    : [];
  if (parts.length > 0) {
    for (const part of parts) {
      const found = unescapedPiece(lang, part, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const init = n.type === 'Identifier' ? constInit(lang, n) : null;
  if (init && !unescapedPiece(lang, init, depth + 1)) return null;
  const source = lang.taint(n, KINDS);
  return source ? { piece: n, source } : null;
}

/** An escape helper call, the standard inline replace, or a `const` bound to one of them. */
function isEscaped(lang: JsHelpers, n: JsNode, depth: number): boolean {
  if (n.type === 'Identifier') {
    const init = constInit(lang, n);
    return !!init && depth < 10 && isEscaped(lang, init, depth + 1);
  }
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee as JsNode);
  const ref = lang.resolve(callee);
  if (ref?.module && ESCAPE_MODULES[ref.module]?.join('.') === ref.path.join('.')) return true;
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method !== 'replace' && method !== 'replaceAll') return false;
  const [re, replacement] = n.arguments;
  const r = staticValue(replacement as JsNode);
  // A character class with the metacharacters, replaced by a backslash plus the match.
  return re?.type === 'RegExpLiteral' && /\\\\/.test(re.pattern) && /[*+?]/.test(re.pattern) && r.known && r.value === '\\$&';
}

/** The local name of an imported escape helper, if the file has one. */
function escapeHelper(lang: JsHelpers): string | null {
  for (const [name, b] of lang.scopes.info(lang.parsed.root.program as JsNode).bindings) {
    if (b.kind === 'import' && b.module && b.module in ESCAPE_MODULES) {
      const path = b.imported === '*' || b.imported === 'default' ? [] : [b.imported!];
      if (ESCAPE_MODULES[b.module].join('.') === path.join('.')) return name;
    }
    if (b.kind === 'function' && /^escapeReg[Ee]xp?$/.test(name)) return name;
  }
  return null;
}
