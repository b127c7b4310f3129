import type { PythonHelpers, SyntaxNode } from '../../languages/python';
import { calleeLastName, constantString, pyString, referenceName, type PyQuote } from './call-helpers';

/**
 * Helpers of the Python rules about line breaks in untrusted text (response headers, log lines): which
 * calls remove CR and LF, and the edit that does. Not a rule.
 */

/**
 * Whether a call returns its text without CR and LF: a chain of `.replace()` calls that removes both
 * (`v.replace("\r", "").replace("\n", " ")`), `re.sub()` with a pattern naming both, `" ".join(v.splitlines())`,
 * or URL quoting (which encodes them).
 */
export function stripsLineBreaks(lang: PythonHelpers, call: SyntaxNode): boolean {
  const last = calleeLastName(call);
  if (last === 'replace') {
    const removed = new Set<string>();
    for (let c: SyntaxNode | null | undefined = call; c?.type === 'call' && calleeLastName(c) === 'replace'; c = c.childForFieldName('function')?.childForFieldName('object')) {
      const old = constantString(lang, lang.argument(c, 0));
      if (old === '\r' || old === '\n') removed.add(old);
    }
    return removed.has('\r') && removed.has('\n');
  }
  const name = referenceName(lang, call.childForFieldName('function'));
  if (name === 're.sub' || name === 'regex.sub') {
    const pattern = constantString(lang, lang.argument(call, 0, 'pattern'));
    return pattern !== null && /\r|\\r|\\s/.test(pattern) && /\n|\\n|\\s/.test(pattern);
  }
  if (last === 'join') {
    const arg = lang.argument(call, 0);
    return arg?.type === 'call' && calleeLastName(arg) === 'splitlines';
  }
  return name === 'urllib.parse.quote' || name === 'urllib.parse.quote_plus' || name === 'urllib.parse.urlencode';
}

/**
 * `value.replace("\r", "").replace("\n", "")` in the file's quotes (see {@link pyQuote}), with `str(…)`
 * around a value that may not be a string.
 */
export function stripLineBreaksText(value: SyntaxNode, quote: PyQuote = '"'): string {
  const isText = value.type === 'string' || value.type === 'concatenated_string';
  const base = isText ? value.text : value.type === 'binary_operator' ? `(${value.text})` : `str(${value.text})`;
  const empty = `${quote}${quote}`;
  return `${base}.replace(${pyString('\r', quote)}, ${empty}).replace(${pyString('\n', quote)}, ${empty})`;
}

/**
 * A name bound only to values that `sanitizes` accepts (`name = request.args["n"].replace("\r", "")…`). The
 * shared flow resolves such a name to the request object through the method chain and reports it as request
 * data before it looks at the calls, so rules mark it trusted themselves.
 */
export function boundToSanitized(lang: PythonHelpers, n: SyntaxNode, sanitizes: (call: SyntaxNode) => boolean): boolean {
  if (n.type !== 'identifier') return false;
  const sites = lang.scopes.lookupNode(n)?.sites ?? [];
  return sites.length > 0 && sites.every((s) => s.kind === 'assign' && s.unpack.length === 0 && s.value?.type === 'call' && sanitizes(s.value));
}
