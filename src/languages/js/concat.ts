import { staticValue, unwrap } from './ast';
import type { JsNode } from './parse';

/** The operands of a string concatenation or template literal, in source order (strings included). */
export function concatParts(node: JsNode): JsNode[] {
  const n = unwrap(node);
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return [...concatParts(n.left as JsNode), ...concatParts(n.right as JsNode)];
  }
  if (n.type === 'TemplateLiteral') {
    const parts: JsNode[] = [];
    n.quasis.forEach((q, i) => {
      parts.push(q as JsNode);
      if (i < n.expressions.length) parts.push(n.expressions[i] as JsNode);
    });
    return parts;
  }
  return [n];
}

/** The constant text of a concatenation part, or null when it is computed at run time. */
export function partText(part: JsNode): string | null {
  if (part.type === 'TemplateElement') return part.value.cooked ?? part.value.raw;
  const v = staticValue(part);
  return v.known ? String(v.value) : null;
}

/** `https://host/`, `//host/`, a path `/x`, a query `?x` or a fragment `#x`: the host is already fixed. */
export const FIXED_DESTINATION = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+[/?#]|\/(?![/\\])|[?#])/i;
/** A scheme, optionally with `//`, whose host is still to come. */
export const OPEN_AUTHORITY = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?$/i;

/**
 * Of the parts of a URL concatenation, those that can decide its destination: nothing when a constant
 * prefix already fixes scheme and host (or makes it a same-site path), otherwise the first computed part.
 * A computed part after `https://` is the host itself; one after other text (`base + path`) is assumed to
 * be a configured base URL, so the parts after it do not count either.
 */
export function destinationPart(parts: readonly JsNode[]): JsNode[] {
  let prefix = '';
  for (const part of parts) {
    const text = partText(part);
    if (text === null) return FIXED_DESTINATION.test(prefix) ? [] : prefix === '' || OPEN_AUTHORITY.test(prefix) ? [part] : [];
    prefix += text;
  }
  return [];
}
