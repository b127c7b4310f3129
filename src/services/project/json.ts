import { parse, type ParseError } from 'jsonc-parser';

/**
 * The value of a JSON or JSONC text (comments and trailing commas allowed; a leading byte-order mark is
 * skipped, as npm and tsc do), or undefined when the text has any syntax error (a malformed manifest
 * declares nothing) or nests so deeply that the parser runs out of stack.
 */
export function parseJsonc(text: string): unknown {
  const errors: ParseError[] = [];
  try {
    const value: unknown = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, errors, { allowTrailingComma: true, disallowComments: false });
    return errors.length === 0 ? value : undefined;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** `value` when it is a plain object, else undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The strings of an array (other items dropped); empty for anything else. */
export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An own property, never one inherited from `Object.prototype`. */
export function own(object: Record<string, unknown> | undefined, key: string): unknown {
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}
