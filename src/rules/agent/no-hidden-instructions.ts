import { defineRule, type RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { htmlComments } from '../../languages/text';
import { agentFileKind } from './files';
import { escapeForMessage, markdownCodeRanges } from './unicode';

const WHERE: Record<HiddenBlockKind, string> = {
  comment: 'An HTML comment',
  details: 'A collapsed <details> block',
  'hidden-element': 'A hidden HTML element',
  'reference-comment': 'A Markdown reference-link comment',
};

const WHAT: Record<IntentKind, string> = {
  override: 'override its instructions',
  exfiltrate: 'send secrets out',
  'download-run': 'download and run code',
  run: 'run a dangerous command',
  'disable-checks': 'turn off safety checks',
  conceal: 'keep what it does from the user',
};

export default defineRule({
  id: 'agent/no-hidden-instructions',
  languages: ['text'],
  meta: {
    description: 'Agent instruction files must not hide instructions from human readers in comments or collapsed blocks',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'misuse',
    cwe: ['CWE-1427', 'CWE-451'],
    owaspLlm: ['LLM01:2025', 'LLM06:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hiddenInstruction:
        '{{where}}, which readers of the rendered file never see, tells the agent to {{what}}: "{{phrase}}". Agents read the raw text and may obey it.',
      removeBlock: 'Remove the hidden text',
    },
  },
  create(context) {
    return {
      File() {
        if (agentFileKind(context.file) !== 'rules-file') return;
        let reportedUntil = -1;
        for (const block of hiddenBlocks(context.text, markdownCodeRanges(context.text))) {
          if (block.range[0] < reportedUntil) continue;
          const intent = hiddenIntent(block.body);
          if (!intent) continue;
          report(context, block, intent);
          reportedUntil = block.range[1];
        }
      },
    };
  },
});

function report(context: RuleContext, block: HiddenBlock, intent: Intent): void {
  context.report({
    range: block.range,
    messageId: 'hiddenInstruction',
    data: { where: WHERE[block.kind], what: WHAT[intent.kind], phrase: escapeForMessage(hiddenText(block.body)) },
    suggest: [{ messageId: 'removeBlock', edits: [{ range: wholeLines(context.text, block.range), text: '' }] }],
    properties: { hiddenIn: block.kind, asks: intent.kind },
  });
}

/** What the hidden block says, on one line and cut at 160 characters: the reader sees it only here. */
function hiddenText(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** The block's range, widened to its whole lines (and their line break) when nothing else is on them. */
function wholeLines(text: string, [start, end]: Range): Range {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  if (text.slice(lineStart, start).trim() !== '' || text.slice(end, lineEnd).trim() !== '') return [start, end];
  return [lineStart, nl < 0 ? lineEnd : nl + 1];
}

/** How a block is hidden from the reader. */
type HiddenBlockKind = 'comment' | 'details' | 'hidden-element' | 'reference-comment';

/** A block of the file that renders invisibly (or collapsed), with the text an agent reads in it. */
interface HiddenBlock {
  kind: HiddenBlockKind;
  range: Range;
  /** The hidden text, markers removed. */
  body: string;
}

/** What a hidden instruction asks the agent to do. */
type IntentKind = 'override' | 'exfiltrate' | 'download-run' | 'run' | 'disable-checks' | 'conceal';

/** A hidden instruction: what it asks and the phrase that says so. */
interface Intent {
  kind: IntentKind;
  phrase: string;
}

/** Markdown link reference definitions used as comments: `[//]: # (text)`, `[comment]: <> "text"`. */
const REFERENCE_COMMENT = /^ {0,3}\[[^\]\n\r\u2028\u2029]*\]:[ \t]*(?:#|<>)[ \t]+(?:\((.*)\)|"(.*)"|'(.*)')[ \t]*$/gm;
const DETAILS_OPEN = /<details\b([^<>]*)>/gi;
const DETAILS_CLOSE = /<\/details\s*>/gi;
const SUMMARY = /<summary\b[^<>]*>(?:(?!<summary\b)[\s\S])*?<\/summary\s*>/i;
// Tags and attributes stop at `<` and the attribute test is a lookahead (atomic), so each opener scans only its own tag.
const HIDDEN_ELEMENT = /<(div|span|p|section|aside)\b(?=[^<>]*?\bhidden\b|[^<>]*?\bstyle\s*=\s*["'][^"'<>]*?(?:display\s*:\s*none|visibility\s*:\s*hidden))[^<>]*>/gi;
const HIDDEN_CLOSE = /<\/(div|span|p|section|aside)\s*>/gi;

/** Every hidden block outside code, in order. Blocks nested in another (a comment inside `<details>`) are kept. */
function hiddenBlocks(text: string, code: readonly Range[]): HiddenBlock[] {
  const blocks: HiddenBlock[] = [];
  for (const c of htmlComments(text)) blocks.push({ kind: 'comment', range: c.range, body: c.value });
  for (const m of text.matchAll(REFERENCE_COMMENT)) {
    const start = m.index ?? 0;
    if (!insideAny(code, start)) blocks.push({ kind: 'reference-comment', range: [start, start + m[0].length], body: m[1] ?? m[2] ?? m[3] ?? '' });
  }
  blocks.push(...detailsBlocks(text, code), ...hiddenElements(text, code));
  return blocks.sort((a, b) => a.range[0] - b.range[0]);
}

/** Collapsed `<details>` blocks (no `open` attribute); the body leaves out the visible `<summary>`. */
function detailsBlocks(text: string, code: readonly Range[]): HiddenBlock[] {
  const closes = [...text.matchAll(DETAILS_CLOSE)].map((m) => ({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const blocks: HiddenBlock[] = [];
  let coveredUntil = 0;
  for (const m of text.matchAll(DETAILS_OPEN)) {
    const start = m.index ?? 0;
    // A block nested in a collapsed one is part of it; an unclosed one is judged up to the next opener.
    if (start < coveredUntil || /\bopen\b/i.test(m[1]) || insideAny(code, start)) continue;
    const close = firstAfter(closes, start + m[0].length);
    const end = close ? close.end : nextOpener(text, DETAILS_OPEN, start + m[0].length);
    const inner = text.slice(start + m[0].length, close ? close.at : end);
    blocks.push({ kind: 'details', range: [start, end], body: inner.replace(SUMMARY, ' ') });
    coveredUntil = end;
  }
  return blocks;
}

/** Elements with the `hidden` attribute or an inline `display:none` / `visibility:hidden` style. */
function hiddenElements(text: string, code: readonly Range[]): HiddenBlock[] {
  const closesByTag = new Map<string, Array<{ at: number; end: number }>>();
  const blocks: HiddenBlock[] = [];
  let coveredUntil = 0;
  for (const m of text.matchAll(HIDDEN_ELEMENT)) {
    const start = m.index ?? 0;
    if (start < coveredUntil || insideAny(code, start)) continue;
    const tag = m[1].toLowerCase();
    let closes = closesByTag.get(tag);
    if (!closes) {
      closes = [...text.matchAll(HIDDEN_CLOSE)].filter((c) => c[1].toLowerCase() === tag).map((c) => ({ at: c.index ?? 0, end: (c.index ?? 0) + c[0].length }));
      closesByTag.set(tag, closes);
    }
    const close = firstAfter(closes, start + m[0].length);
    const end = close ? close.end : nextOpener(text, HIDDEN_ELEMENT, start + m[0].length);
    blocks.push({ kind: 'hidden-element', range: [start, end], body: text.slice(start + m[0].length, close ? close.at : end) });
    coveredUntil = end;
  }
  return blocks;
}

/** Offset of the next match of the global `opener` at or after `from`, or the end of the text. */
function nextOpener(text: string, opener: RegExp, from: number): number {
  const re = new RegExp(opener.source, opener.flags);
  re.lastIndex = from;
  return re.exec(text)?.index ?? text.length;
}

/** The first closing tag at or after `from` (binary search over tags in text order). */
function firstAfter(closes: ReadonlyArray<{ at: number; end: number }>, from: number): { at: number; end: number } | undefined {
  let lo = 0;
  let hi = closes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (closes[mid].at < from) lo = mid + 1;
    else hi = mid;
  }
  return closes[lo];
}

/** Whether `at` lies in one of the sorted, disjoint `ranges`. */
function insideAny(ranges: readonly Range[], at: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid][1] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo][0] <= at;
}

/** Rampart's own comments: an inline suppression (its reason may quote the rule's topic) and fixture annotations. */
const OWN_COMMENT = /^\s*(?:rampart-ignore(?:-next-line)?\s|(?:ruleid|ok):\s*[a-z0-9-]+\/[a-z0-9-]+\s*$)/;

const SECRET =
  String.raw`(?:secrets?|tokens?|api[ _-]?keys?|credentials?|passwords?|private[ _-]keys?|ssh[ _-]keys?|env(?:ironment)?[ _-]?(?:vars?|variables?)|\.env\b|~\/\.ssh|id_rsa|id_ed25519|~\/\.aws|\.aws\/credentials|\.npmrc|\.netrc|process\.env|os\.environ|\$[A-Z][A-Z0-9_]*(?:TOKEN|KEY|SECRET|PASSWORD)|cookies?|session[ _-]ids?)`;

/** Imperative phrases aimed at an agent, by what they ask. Each needs a verb and its object close together. */
// redos-exempt(max-input 4096): hiddenIntent runs these on windows of INTENT_WINDOW (4096) characters; their gaps are bounded ({0,80}), so each window costs a bounded number of steps.
const INTENTS: ReadonlyArray<{ kind: IntentKind; pattern: RegExp }> = [
  {
    kind: 'override',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|other|original|system|developer|user'?s?)\b[^.\n]{0,30}?\b(?:instructions?|rules?|prompts?|guidelines?|directions?|directives?|guardrails?|policies|constraints?)\b/i,
  },
  { kind: 'override', pattern: /\b(?:new|updated|real|actual|hidden)\s+(?:system\s+)?instructions?\s*:/i },
  { kind: 'override', pattern: /\byou\s+are\s+now\s+(?:in\s+)?(?:an?\s+)?(?:unrestricted|developer\s+mode|jailbroken|DAN|root|admin)/i },
  {
    kind: 'exfiltrate',
    pattern: new RegExp(
      String.raw`\b(?:send|upload|post|exfiltrate|transmit|forward|leak|email|e-mail|copy|paste|include|append|attach|embed|encode|report|submit|pipe)\b[^.\n]{0,60}?${SECRET}[^\n]{0,80}?(?:\bto\b|\binto\b|https?:\/\/|webhook|server|endpoint|url|\|)`,
      'i',
    ),
  },
  { kind: 'exfiltrate', pattern: new RegExp(String.raw`\b(?:read|cat|collect|gather|dump|print)\b[^.\n]{0,40}?${SECRET}[^\n]{0,80}?\b(?:send|upload|post|curl|wget|webhook|https?:\/\/)`, 'i') },
  { kind: 'download-run', pattern: /\b(?:curl|wget|iwr|invoke-webrequest|irm|invoke-restmethod)\b[^\n|]{0,200}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b|\b(?:curl|wget)\b[^\n|]{0,200}\|\s*(?:python3?|node|iex|invoke-expression)\b/i },
  {
    kind: 'download-run',
    pattern:
      /\b(?:download|fetch|retrieve|get|pull|load|visit|open)\b[^.\n]{0,80}?(?:https?:\/\/\S+|\bscript\b|\bpayload\b|\bbinary\b)[^\n]{0,80}?\b(?:and|then|&&)\s+(?:run|execute|exec|eval|install|source|follow|apply|obey)\b/i,
  },
  { kind: 'download-run', pattern: /\b(?:fetch|read|load|open|visit)\b[^.\n]{0,40}?https?:\/\/\S+[^\n]{0,60}?\bfollow\b[^.\n]{0,30}?\binstructions?\b/i },
  {
    kind: 'run',
    pattern:
      /\b(?:run|execute|exec|eval|invoke)\b[^.\n]{0,40}?(?:\brm\s+-[a-z]*[rf]|\bchmod\s+(?:\+x|777)|\bbase64\s+(?:-d|--decode)|\bsh\s+-c\b|\bbash\s+-c\b|\bpowershell\b|\biex\b|\bnc\s+-|\bpython3?\s+-c\b|\bnode\s+-e\b|\beval\s*\(|\bcurl\b|\bwget\b)/i,
  },
  {
    kind: 'disable-checks',
    pattern:
      /\b(?:disable|turn\s+off|switch\s+off|skip|bypass|circumvent|deactivate|remove)\b[^.\n]{0,30}?\b(?:security|safety|sandbox(?:ing)?|guardrails?|approvals?|confirmations?|permission\s+(?:prompts?|checks?)|verification|signature\s+checks?|certificate\s+(?:checks?|validation|verification)|ssl|tls|2fa|mfa|audit|pre-commit\s+hooks?|code\s+review)\b/i,
  },
  { kind: 'disable-checks', pattern: /--no-verify\b|--dangerously-skip-permissions\b|--dangerously-bypass|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['"]?0|\bverify\s*=\s*False\b|--yolo\b/i },
  {
    kind: 'conceal',
    pattern:
      /\b(?:do\s+not|don'?t|never)\s+(?:tell|inform|mention|reveal|show|disclose|notify|alert|ask)\b[^.\n]{0,30}?\b(?:the\s+)?(?:user|human|developer|reviewer|anyone)\b|\bwithout\s+(?:telling|informing|asking|notifying|alerting)\s+(?:the\s+)?(?:user|human|developer|reviewer|anyone)\b/i,
  },
];

/**
 * {@link INTENTS} read windows of this many characters, each overlapping the previous by {@link INTENT_OVERLAP}
 * (longer than any phrase they match): their bounded gaps and URL words then cost a bounded amount per window.
 */
const INTENT_WINDOW = 4096;
const INTENT_OVERLAP = 1024;

/** The first imperative aimed at an agent in a hidden block's text, or undefined for an ordinary comment. */
function hiddenIntent(body: string): Intent | undefined {
  if (OWN_COMMENT.test(body)) return undefined;
  const flat = body.replace(/\s+/g, ' ');
  for (let from = 0; ; from += INTENT_WINDOW - INTENT_OVERLAP) {
    const window = flat.slice(from, from + INTENT_WINDOW);
    let best: { kind: IntentKind; phrase: string; at: number } | undefined;
    for (const { kind, pattern } of INTENTS) {
      const m = pattern.exec(window);
      if (m && (best === undefined || m.index < best.at)) best = { kind, phrase: m[0], at: m.index };
    }
    if (best) return { kind: best.kind, phrase: best.phrase };
    if (from + INTENT_WINDOW >= flat.length) return undefined;
  }
}
