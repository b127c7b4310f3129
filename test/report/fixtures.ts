/**
 * Realistic engine results for the formatter tests: hand-built findings over real source text (so
 * offsets, positions and fixes agree), plus results produced by the real analyzer.
 */
import * as path from 'node:path';
import { LineIndex } from '../../src/engine/line-index';
import { defineRule, type Rule } from '../../src/engine/rule';
import type { FileResult, Finding, Range, Severity, Suggestion } from '../../src/engine/types';
import { builtinRules, createAnalyzer } from '../../src/index';

/** The directory results are relative to. */
export const CWD = path.resolve('/tmp/rampart-report-project');

/** A test rule with suggestions, related locations and OWASP ids (default warning, medium confidence). */
export const llmHtmlRule = defineRule({
  id: 'js/no-llm-html',
  languages: ['js'],
  meta: {
    description: 'Model output must not be written to the page as HTML',
    severity: 'warning',
    category: 'llm-output',
    riskArea: 'misuse',
    cwe: ['CWE-79', 'CWE-94'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      innerHtml: 'Model output is assigned to innerHTML, so a prompt injection becomes script injection.',
      useTextContent: 'Use textContent',
      sanitize: 'Sanitize with DOMPurify',
    },
  },
  create: () => ({}),
});

/** A test rule with default severity info and low confidence. */
export const timeoutRule = defineRule({
  id: 'js/require-fetch-timeout',
  languages: ['js'],
  meta: {
    description: 'Outgoing requests need a timeout',
    severity: 'info',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-400'],
    confidence: 'low',
    recommended: false,
    fix: 'none',
    messages: { missing: 'This fetch has no timeout, so a slow server can hang the agent.' },
  },
  create: () => ({}),
});

/** Every rule the fixtures use: the built-in ones plus the two test rules. */
export const RULES: readonly Rule[] = [...builtinRules, llmHtmlRule, timeoutRule];

/** Source of the hand-built `src/routes/chat handler.ts`. */
export const CHAT_SOURCE = [
  `const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });`,
  `const reply = await llm.complete(prompt);`,
  `el.innerHTML = reply;`,
  `const res = await fetch(url);`,
  `// rampart-ignore-next-line js/no-disabled-tls -- internal test server with a self-signed certificate`,
  `const legacy = { rejectUnauthorized: false };`,
  `const other = { rejectUnauthorized: false };`,
  ``,
].join('\n');

/** A finding over `text` whose positions come from a real {@link LineIndex}. */
export function findingAt(
  text: string,
  file: string,
  fields: { ruleId: string; messageId: string; message: string; severity: Severity; needle: string; occurrence?: number },
  extra: Partial<Pick<Finding, 'fix' | 'suggestions' | 'related' | 'suppressed'>> = {},
): Finding {
  const range = rangeOf(text, fields.needle, fields.occurrence);
  const lines = new LineIndex(text);
  return {
    ruleId: fields.ruleId,
    messageId: fields.messageId,
    message: fields.message,
    severity: fields.severity,
    file,
    range,
    start: lines.positionAt(range[0]),
    end: lines.positionAt(range[1]),
    suggestions: [],
    related: [],
    ...extra,
  };
}

/** Offsets of the n-th (0-based) occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(needle, start + 1);
  if (start < 0) throw new Error(`"${needle}" not in fixture text`);
  return [start, start + needle.length];
}

const TLS_MESSAGE =
  '`rejectUnauthorized: false` turns off TLS certificate verification, so anyone on the network path can impersonate the server and read or change the traffic.';

/** The hand-built results of `src/routes/chat handler.ts`: every kind of finding. */
export function chatResult(): FileResult {
  const file = 'src/routes/chat handler.ts';
  const text = CHAT_SOURCE;
  const lines = new LineIndex(text);
  const tls = (needle: string, occurrence: number, extra: Partial<Finding> = {}) =>
    findingAt(text, file, { ruleId: 'js/no-disabled-tls', messageId: 'rejectUnauthorized', message: TLS_MESSAGE, severity: 'error', needle, occurrence }, extra);
  const innerHtml = rangeOf(text, 'el.innerHTML = reply');
  const suggestions: Suggestion[] = [
    { messageId: 'useTextContent', title: 'Use textContent', edits: [{ range: rangeOf(text, 'innerHTML'), text: 'textContent' }] },
    {
      messageId: 'sanitize',
      title: 'Sanitize with DOMPurify',
      edits: [{ range: [innerHtml[1] - 'reply'.length, innerHtml[1]], text: 'DOMPurify.sanitize(reply)' }],
    },
  ];
  const source = rangeOf(text, 'await llm.complete(prompt)');
  const fixOf = (needle: string, occurrence: number) => {
    const [start, end] = rangeOf(text, needle, occurrence);
    return { title: 'Remove `rejectUnauthorized` to keep certificate verification on', edits: [{ range: [start - 2, end] as Range, text: '' }] };
  };
  return {
    file,
    language: 'js',
    findings: [
      tls('rejectUnauthorized: false', 0, { fix: fixOf('rejectUnauthorized: false', 0) }),
      findingAt(
        text,
        file,
        { ruleId: 'js/no-llm-html', messageId: 'innerHtml', message: llmHtmlRule.meta.messages.innerHtml, severity: 'warning', needle: 'el.innerHTML = reply' },
        {
          suggestions,
          related: [{ message: 'Model output comes from here.', range: source, start: lines.positionAt(source[0]), end: lines.positionAt(source[1]) }],
        },
      ),
      findingAt(text, file, {
        ruleId: 'js/require-fetch-timeout',
        messageId: 'missing',
        message: timeoutRule.meta.messages.missing,
        severity: 'info',
        needle: 'fetch(url)',
      }),
      tls('rejectUnauthorized: false', 1, {
        suppressed: { kind: 'inline', reason: 'internal test server with a self-signed certificate', range: rangeOf(text, '// rampart-ignore') },
      }),
      tls('rejectUnauthorized: false', 2, { suppressed: { kind: 'config', reason: 'legacy client, tracked in SEC-42' } }),
    ],
    errors: [],
  };
}

/** A file the engine skipped. */
export function skippedResult(): FileResult {
  return { file: 'dist/bundle.min.js', language: 'js', findings: [], errors: [], skipped: { file: 'dist/bundle.min.js', reason: 'larger than 1048576 characters' } };
}

/** A file where the parser and a rule failed. */
export function brokenResult(): FileResult {
  const file = 'src/broken.ts';
  return {
    file,
    language: 'js',
    findings: [],
    errors: [
      { file, source: 'parser', message: 'could not parse the file: SyntaxError: Unexpected token (3:7)' },
      { file, source: 'js/no-disabled-tls', message: 'rule js/no-disabled-tls failed: TypeError: boom' },
    ],
  };
}

/** A file without findings. */
export function cleanResult(file = 'src/clean.ts'): FileResult {
  return { file, language: 'js', findings: [], errors: [] };
}

/** Source scanned by the real analyzer in {@link analyzedResult}. */
export const ANALYZED_SOURCE = [
  `import https from 'node:https';`,
  `export const client = axios.create({`,
  `  httpsAgent: new https.Agent({`,
  `    rejectUnauthorized: false, // self-signed in dev`,
  `    keepAlive: true,`,
  `  }),`,
  `});`,
  `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`,
  ``,
].join('\n');

/** Real findings with real safe fixes, from `createAnalyzer()`. */
export function analyzedResult(file = 'src/client.ts'): FileResult {
  const settings = new Map([['js/no-disabled-tls', { severity: 'error' as const, options: {} }]]);
  return createAnalyzer().analyze({ file, text: ANALYZED_SOURCE, settings });
}

/** Everything at once, in the order a scan would return it. */
export function allResults(): FileResult[] {
  return [chatResult(), analyzedResult(), skippedResult(), brokenResult(), cleanResult()];
}
