/**
 * The shape of one row of the provider table (`./providers/*.ts`): a secret format a provider issues,
 * how to find it cheaply and how a fix names it. The table is data; the scanner (`./scan.ts`) runs it.
 */

/** How sure a match is a real secret of this provider. */
export type PatternConfidence =
  /** A prefix or structure no other string has (`sk-ant-api03-…`, `ghp_…`, `AKIA…`). */
  | 'high'
  /** A loose shape that needs the context the regex requires (a provider keyword and an assignment nearby). */
  | 'medium';

/** A provider-specific secret format. */
export interface ProviderPattern {
  /** Stable id, kebab-case, e.g. `openai-project-key`. Shown in finding properties; never renamed. */
  readonly id: string;
  /** Who issued the secret, as messages name it: `OpenAI`, `GitHub`, `PostgreSQL`. */
  readonly provider: string;
  /** What it is: `API key`, `personal access token`, `connection string with a password`. */
  readonly kind: string;
  /** Conventional environment variable a fix reads instead, e.g. `OPENAI_API_KEY`. */
  readonly envVar: string;
  /**
   * Lower-case literals of which at least one occurs in every match (the prefix, or the context keyword).
   * The scanner runs the regex only on text that contains one: most files contain none.
   */
  readonly keywords: readonly string[];
  /**
   * The format, with the `g` flag. Bounded quantifiers only, and explicit boundaries (`(?<![A-Za-z0-9_-])`…)
   * so a match is never the middle of a longer token; every regex is checked for ReDoS by a test. When the
   * match includes context (a keyword, `=`), the named group `secret` is the secret itself and the regex
   * also has the `d` flag (so the scanner knows where the group is).
   */
  readonly regex: RegExp;
  /** Extra check on the secret (beyond the shared placeholder check), e.g. that a loose format looks random. */
  readonly accept?: (secret: string) => boolean;
  /** Public by design (Stripe publishable keys) in client code or everywhere: reported not at all or only outside client config. */
  readonly public?: 'client-config';
  readonly confidence: PatternConfidence;
  /** Where the format is documented (provider docs), for the rule doc's table. */
  readonly source?: string;
}
