// C0/C1 controls (terminal escapes, line breaks) and bidi overrides ("Trojan Source") must not reach a
// terminal, whether in a report, a note on standard error or a JSON file someone `cat`s.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** The same, less the C0 controls that `JSON.stringify` already escapes (and its own line breaks). */
const UNPRINTABLE_IN_JSON = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text made safe for one terminal line: every control or bidi-override character becomes a visible
 * `\uXXXX`, so a file name, configuration key or registry answer cannot move the cursor, recolour the
 * terminal, or start a line of its own (a fake note, or a CI workflow command such as `::error::`).
 */
export function escapeControls(text: string): string {
  return text.replace(UNPRINTABLE, visible);
}

/**
 * JSON text (from `JSON.stringify`) with the characters it leaves raw — DEL, C1 controls, bidi overrides —
 * written as `\uXXXX` escapes: still the same JSON value, and safe to print on a terminal.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(UNPRINTABLE_IN_JSON, visible);
}
