import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, pyQuote, pyString } from './call-helpers';
import { boundToSanitized, stripsLineBreaks } from './crlf-helpers';
import { flowRelated, plausibleSource } from './model-calls';

/** Logger methods, with the position of their message (`log(level, msg)`: second). */
const LOG_METHODS: Readonly<Record<string, number>> = {
  debug: 0, info: 0, warning: 0, warn: 0, error: 0, exception: 0, critical: 0, fatal: 0, log: 1,
};
/** Logging packages whose functions and loggers these are. */
const LOG_PACKAGES = new Set(['logging', 'loguru', 'structlog']);
/** Receivers that are loggers when their construction is not visible (`self.logger`, `log`, `audit_log`, `AppLogger`). */
const LOGGER_NAMES = new Set(['log', 'logger', 'LOG', 'LOGGER']);
const LOGGER_SUFFIXES = ['_log', '_logger', '_LOG', '_LOGGER', 'Logger'];

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-log-injection',
  languages: ['python'],
  meta: {
    description: 'Log messages must not be built from request data with f-strings or concatenation (log forging)',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-117'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      logInjection:
        'This log message is built from {{source}}. A line break in it starts a new, forged log entry (`ok\\nINFO admin logged in`), and the text can hide or fake events in the audit trail. Remove CR/LF from the value (or add a logging filter that does), and pass values as arguments instead of formatting them into the message.',
      useArguments: 'Pass the values as logging arguments',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/log/i.test(text)) return {};
    const sanitizes = (call: SyntaxNode) => stripsLineBreaks(lang, call);
    const options: PythonFlowOptions = { kinds: new Set(['request']), sanitizes, trusted: (n) => boundToSanitized(lang, n, sanitizes) };
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !Object.hasOwn(LOG_METHODS, last) || !isLogger(lang, call)) return;
        const message = lang.argument(call, LOG_METHODS[last], 'msg');
        if (!message || !isBuilt(lang, message) || !lang.liveBranch(call)) return;
        const source = lang.taint(message, options);
        if (!source || !plausibleSource(lang, source)) return;
        context.report({
          range: lang.range(message),
          messageId: 'logInjection',
          data: { source: source.description },
          flow: flowRelated(lang, source),
          suggest: argumentsSuggestion(lang, call, message),
        });
      },
    };
  },
});

/** A call of the logging module, a logger from it, loguru/structlog, or a receiver named like a logger. */
function isLogger(lang: PythonHelpers, call: SyntaxNode): boolean {
  const ref = lang.callee(call);
  if (ref?.module) return LOG_PACKAGES.has(ref.module.split('.')[0]) || ref.path.includes('logger');
  if (ref && ref.module === null) return false;
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const name = receiver?.type === 'identifier' ? receiver.text : receiver?.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : null;
  if (!name) return false;
  const bare = name.replace(/^_+/, '');
  return LOGGER_NAMES.has(bare) || LOGGER_SUFFIXES.some((suffix) => bare.endsWith(suffix));
}

/**
 * A message formatted before logging: an f-string with values, `+`, `%`, `.format()`, or a value that is not
 * a literal at all (the whole message comes from outside). Constant messages with arguments are not.
 */
function isBuilt(lang: PythonHelpers, message: SyntaxNode): boolean {
  if (message.type === 'string') return message.namedChildren.some((c) => c?.type === 'interpolation');
  if (message.type === 'concatenated_string') return message.namedChildren.some((s) => s?.namedChildren.some((c) => c?.type === 'interpolation'));
  return !lang.isConstant(message);
}

/**
 * `logger.info(f"user {name} from {ip}")` → `logger.info("user %s from %s", name, ip)`; likewise for `+`
 * chains of literals and values, `"…%s…" % value`, and a whole untrusted message (`"%s", value`).
 */
function argumentsSuggestion(lang: PythonHelpers, call: SyntaxNode, message: SyntaxNode): FixDescriptor[] {
  const converted = convert(lang, message);
  if (!converted) return [];
  // Arguments after the message would mix with the new ones: only convert a message that is the last positional argument.
  const after = call.childForFieldName('arguments')?.namedChildren.filter((a) => a && a.type !== 'comment' && a.type !== 'keyword_argument' && a.startIndex > message.startIndex) ?? [];
  if (after.length > 0) return [];
  return [{ messageId: 'useArguments', edits: [{ range: lang.range(message), text: converted }] }];
}

function convert(lang: PythonHelpers, message: SyntaxNode): string | null {
  switch (message.type) {
    case 'string':
      return fString(message);
    case 'binary_operator': {
      const op = message.childForFieldName('operator')?.text;
      const left = message.childForFieldName('left')!;
      const right = message.childForFieldName('right')!;
      if (op === '%') {
        if (!lang.isConstant(left) || right.type === 'dictionary') return null;
        const values = right.type === 'tuple' ? right.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment').map((c) => c.text) : [right.text];
        return `${left.text}, ${values.join(', ')}`;
      }
      if (op === '+') return concatenation(lang, message);
      return null;
    }
    case 'call':
      return calleeLastName(message) === 'format' ? formatCall(lang, message) : `${pyString('%s', pyQuote(lang))}, ${message.text}`;
    case 'identifier':
    case 'attribute':
    case 'subscript':
      return `${pyString('%s', pyQuote(lang))}, ${message.text}`;
    default:
      return null;
  }
}

/** An f-string as a %-format and its arguments; null with format specs, conversions other than !r/!s, or nested quotes. */
function fString(str: SyntaxNode): string | null {
  const start = str.firstChild;
  const end = str.lastChild;
  if (start?.type !== 'string_start' || end?.type !== 'string_end' || !/f/i.test(start.text)) return null;
  let format = '';
  const values: string[] = [];
  for (const part of str.namedChildren) {
    if (!part || part.type === 'string_start' || part.type === 'string_end') continue;
    if (part.type === 'string_content') {
      format += part.text.replace(/%/g, '%%').replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      continue;
    }
    if (part.type !== 'interpolation') return null;
    const expr = part.childForFieldName('expression');
    if (!expr || part.namedChildren.some((c) => c?.type === 'format_specifier')) return null;
    const conversion = part.namedChildren.find((c) => c?.type === 'type_conversion')?.text;
    if (conversion && conversion !== '!r' && conversion !== '!s') return null;
    // An expression with quotes of its own may not survive outside the f-string unchanged.
    if (/["'\\]/.test(expr.text) && !/^[\w.]+\[["'][\w-]+["']\]$/.test(expr.text)) return null;
    format += conversion === '!r' ? '%r' : '%s';
    values.push(expr.text);
  }
  if (values.length === 0) return null;
  return `${start.text.replace(/f/i, '')}${format}${end.text}, ${values.join(', ')}`;
}

/** `"user " + name + " logged in"` → `"user %s logged in", name`; null unless every literal is a plain string. */
function concatenation(lang: PythonHelpers, node: SyntaxNode): string | null {
  const operands: SyntaxNode[] = [];
  const collect = (n: SyntaxNode, depth: number): boolean => {
    if (depth > 30) return false;
    if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
      return collect(n.childForFieldName('left')!, depth + 1) && collect(n.childForFieldName('right')!, depth + 1);
    }
    operands.push(n);
    return true;
  };
  if (!collect(node, 0)) return null;
  let format = '';
  const values: string[] = [];
  for (const operand of operands) {
    if (operand.type === 'string' || operand.type === 'concatenated_string') {
      const literal = lang.stringValue(operand);
      if (literal === null) return null;
      format += literal.replace(/%/g, '%%');
    } else {
      format += '%s';
      values.push(operand.text);
    }
  }
  if (values.length === 0) return null;
  return `${pyString(format, pyQuote(lang))}, ${values.join(', ')}`;
}

/** `"user {} from {}".format(name, ip)` → `"user %s from %s", name, ip`; null for numbered, named or formatted fields. */
function formatCall(lang: PythonHelpers, call: SyntaxNode): string | null {
  const receiver = call.childForFieldName('function')?.childForFieldName('object');
  const literal = receiver?.type === 'string' ? lang.stringLiteral(receiver) : null;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is SyntaxNode => !!a && a.type !== 'comment') ?? [];
  if (!literal || literal.escaped || args.some((a) => a.type !== 'identifier' && a.type !== 'attribute' && a.type !== 'subscript' && a.type !== 'call')) return null;
  const fields = literal.value.match(/\{[^{}]*\}/g) ?? [];
  if (fields.some((f) => f !== '{}') || fields.length !== args.length || /\{\{|\}\}/.test(literal.value)) return null;
  const format = literal.value.replace(/%/g, '%%').replace(/\{\}/g, '%s');
  return `${pyString(format, pyQuote(lang))}, ${args.map((a) => a.text).join(', ')}`;
}
