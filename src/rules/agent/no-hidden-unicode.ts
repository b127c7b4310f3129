import { defineRule, type RuleContext } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { agentFileKind } from './files';
import {
  codePointList,
  commandLineRanges,
  decodeTags,
  decodeVariationSelectors,
  decodeZeroWidthBinary,
  escapeForMessage,
  findHiddenRuns,
  findHomoglyphs,
  markdownCodeRanges,
  mergeRanges,
  type HiddenRun,
  type HomoglyphRun,
} from './unicode';

export default defineRule({
  id: 'agent/no-hidden-unicode',
  languages: ['text', 'json', 'toml', 'yaml'],
  meta: {
    description: 'Agent instruction files and configs must not contain invisible or look-alike characters that hide text',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'misuse',
    cwe: ['CWE-1427', 'CWE-451', 'CWE-1007'],
    owaspLlm: ['LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      tagText:
        'Invisible Unicode tag characters spell out hidden text: "{{decoded}}". An AI agent reads it as part of its instructions; a person reviewing the file sees nothing.',
      selectorText:
        '{{count}} variation selectors in a row hide {{bytes}} bytes (one selector per byte, the known smuggling encoding) that decode to "{{decoded}}". An agent may decode and follow them; a reviewer sees nothing.',
      selectorRun:
        'Variation selectors ({{count}} in a row: {{codes}}) that no character takes: a known way to smuggle invisible data past a reviewer to an AI agent.',
      zeroWidthText:
        'Invisible zero-width characters encode hidden text as bits: "{{decoded}}". An agent may decode and follow it; a reviewer sees nothing.',
      invisible:
        'Invisible character(s) {{codes}} where no script or emoji needs them. They can split a word so that reviews and filters miss it, or carry hidden data to an AI agent.',
      bidi:
        'Bidirectional control character(s) {{codes}} change the order in which this text is displayed (Trojan Source): what a reviewer sees is not what the agent reads.',
      homoglyph:
        '"{{word}}" hides {{scripts}} look-alike letters in a Latin word (it reads as "{{latin}}"): a command or name that looks familiar runs or fetches something else.',
      stripHidden: 'Remove the hidden characters',
      replaceLookAlikes: 'Replace the look-alike letters with "{{replacement}}"',
    },
  },
  create(context) {
    return {
      File() {
        const kind = agentFileKind(context.file);
        if (kind === null || (context.classification.language === 'text') !== (kind === 'rules-file')) return;
        const code = codeRanges(context);
        for (const run of findHiddenRuns(context.text, { code })) reportHidden(context, run);
        for (const run of findHomoglyphs(context.text, code)) reportHomoglyph(context, run);
      },
    };
  },
});

/**
 * Where commands and code are: Markdown fences, code spans and command lines in instruction files; the
 * whole text in JSON, TOML and YAML configs, whose strings are commands, arguments and names.
 */
function codeRanges(context: RuleContext): Range[] {
  if (context.classification.language !== 'text') return [[0, context.text.length]];
  return mergeRanges([...markdownCodeRanges(context.text), ...commandLineRanges(context.text)]);
}

function reportHidden(context: RuleContext, run: HiddenRun): void {
  const fix = { messageId: 'stripHidden', edits: [{ range: run.range, text: '' }] };
  const { messageId, data } = describeRun(run);
  context.report({ range: run.range, messageId, data, fix, properties: { codePoints: codePointList(run.text, 16), length: [...run.text].length } });
}

/** The message for a run: the decoded payload when there is one, otherwise what the characters are. */
function describeRun(run: HiddenRun): { messageId: string; data: Record<string, string | number> } {
  const codes = codePointList(run.text);
  const count = [...run.text].length;
  if (run.kinds.has('tag')) {
    const decoded = decodeTags(run.text);
    if (decoded.trim() !== '') return { messageId: 'tagText', data: { decoded: escapeForMessage(decoded) } };
  }
  if (run.kinds.has('variation-selector')) {
    const decoded = decodeVariationSelectors(run.text);
    if (decoded !== undefined && count > 1) return { messageId: 'selectorText', data: { count, bytes: count, decoded: escapeForMessage(decoded) } };
    if (run.kinds.size === 1) return { messageId: 'selectorRun', data: { count, codes } };
  }
  if (run.kinds.has('bidi') || run.kinds.has('bidi-mark')) return { messageId: 'bidi', data: { codes } };
  const binary = decodeZeroWidthBinary(run.text);
  if (binary !== undefined) return { messageId: 'zeroWidthText', data: { decoded: escapeForMessage(binary) } };
  return { messageId: 'invisible', data: { codes } };
}

function reportHomoglyph(context: RuleContext, run: HomoglyphRun): void {
  context.report({
    range: run.range,
    messageId: 'homoglyph',
    data: { word: escapeForMessage(run.word, 60), scripts: run.scripts, latin: escapeForMessage(run.latinWord, 60) },
    fix: { messageId: 'replaceLookAlikes', data: { replacement: run.replacement }, edits: [{ range: run.range, text: run.replacement }] },
  });
}
