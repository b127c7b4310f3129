import type { Range, ReportDescriptor } from '../../engine/types';
import type { Taint } from '../../languages/js/flow';
import { describeAttack, describeComplexity, describePattern, type RedosAnswer } from '../../services/redos';
import type { FlowLocation } from './flow-report';

/** The message of the ReDoS rules of both languages. */
export const REDOS_MESSAGES = {
  redos:
    'The regex `{{pattern}}` backtracks {{complexity}} on input such as {{attack}}, and it is applied to {{source}}: {{consequence}} (ReDoS). Rewrite it without nested or overlapping repetition, or bound the length of the input.',
} as const;

/**
 * The finding of a ReDoS rule for a vulnerable verdict: at the place the regex is applied (`range`), with
 * where it is defined when that is elsewhere, the checker's attack string and complexity, and the value flow.
 */
export function redosReport(options: {
  range: Range;
  defined: Range;
  source: string;
  taint: Taint<unknown>;
  answer: Extract<RedosAnswer, { status: 'vulnerable' }>;
  consequence: string;
  flow: FlowLocation[];
}): ReportDescriptor {
  const { range, defined, answer } = options;
  const elsewhere = defined[0] !== range[0] || defined[1] !== range[1];
  return {
    range,
    messageId: 'redos',
    data: {
      pattern: describePattern(options.source),
      complexity: describeComplexity(answer.complexity),
      attack: describeAttack(answer.attack),
      source: options.taint.description,
      consequence: options.consequence,
    },
    flow: options.flow,
    related: elsewhere ? [{ message: 'The regex is defined here', range: defined }] : [],
    properties: {
      complexity: answer.complexity.type === 'exponential' ? 'exponential' : `polynomial, degree ${answer.complexity.degree}`,
      attack: describeAttack(answer.attack),
      checker: answer.checker,
    },
  };
}
