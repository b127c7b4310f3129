/**
 * What each risk area's findings give evidence for in the frameworks security leads report against: the NIST AI
 * Risk Management Framework (AI RMF 1.0) subcategories and the ISO/IEC 42001:2023 Annex A control groups. The one
 * source of this mapping: the HTML report shows it, and docs/frameworks.md shows the same rows with their sources
 * (a test checks that the two agree). Every row names the public text it rests on; a mapping we could not ground in
 * a text is left out (docs/frameworks.md lists what was left out and why).
 *
 * Evidence, not compliance: a finding (or its absence) shows that a control was exercised on the code and
 * configuration Rampart read, never that an organization meets a subcategory or a control.
 */
import type { RiskArea } from '../engine/types';

/** The frameworks a row can belong to. */
export type FrameworkId = 'nist-ai-rmf' | 'iso-42001';

/** A framework: its name and the public document a row's `source` refers to. */
export interface Framework {
  id: FrameworkId;
  name: string;
  /** The document, as cited. */
  document: string;
  /** Where the document (or, for a standard sold by ISO, its public page) is. */
  url: string;
}

/** The two frameworks, in the order the report shows them. */
export const FRAMEWORKS: Readonly<Record<FrameworkId, Framework>> = {
  'nist-ai-rmf': {
    id: 'nist-ai-rmf',
    name: 'NIST AI RMF 1.0',
    document: 'NIST AI 100-1, Artificial Intelligence Risk Management Framework (AI RMF 1.0), January 2023',
    url: 'https://doi.org/10.6028/NIST.AI.100-1',
  },
  'iso-42001': {
    id: 'iso-42001',
    name: 'ISO/IEC 42001:2023',
    document: 'ISO/IEC 42001:2023, Information technology — Artificial intelligence — Management system, Annex A (Table A.1)',
    url: 'https://www.iso.org/standard/81230.html',
  },
};

/** One row: a subcategory or control group that a risk area's findings give evidence for. */
export interface FrameworkMapping {
  framework: FrameworkId;
  /** `MEASURE 2.7`, `A.6`. */
  id: string;
  /** The subcategory's text as NIST publishes it, or the control group's (and control's) title in Annex A. */
  text: string;
  /** Where in the framework's document the text is. */
  source: string;
  /** What in Rampart's findings bears on it. */
  evidence: string;
}

const nist = (id: string, table: string, text: string, evidence: string): FrameworkMapping => ({
  framework: 'nist-ai-rmf',
  id,
  text,
  source: `NIST AI 100-1, section 5, ${table}: ${id}`,
  evidence,
});

const iso = (id: string, text: string, evidence: string): FrameworkMapping => ({
  framework: 'iso-42001',
  id,
  text,
  source: `ISO/IEC 42001:2023, Annex A, Table A.1: ${id}`,
  evidence,
});

const MEASURE_2_7 = (what: string) =>
  nist('MEASURE 2.7', 'Table 3 (MEASURE)', 'AI system security and resilience – as identified in the MAP function – are evaluated and documented.', what);

const LIFE_CYCLE = (what: string) => iso('A.6', 'AI system life cycle (control A.6.2.4: AI system verification and validation)', what);

/** The rows of each risk area, NIST first, then ISO. */
export const FRAMEWORK_MAPPING: Readonly<Record<RiskArea, readonly FrameworkMapping[]>> = {
  misuse: [
    MEASURE_2_7(
      'Findings document an evaluation of the code and agent files for prompt-injection exposure: request data in system prompts, instructions hidden from human readers, secrets sent to models, model guardrails switched off.',
    ),
    LIFE_CYCLE('Each scan is a verification step of the AI system in development; the findings and their fixes are its record.'),
  ],
  operation: [
    MEASURE_2_7(
      'Findings document an evaluation of what agents may do: committed permissions, auto-approval, tools that run model-chosen arguments, MCP servers started through a shell or reached over plain HTTP.',
    ),
    nist(
      'MAP 3.5',
      'Table 2 (MAP)',
      'Processes for human oversight are defined, assessed, and documented in accordance with organizational policies from the GOVERN function.',
      'Auto-approval and blanket-permission findings show where committed configuration removes the human confirmation step from agent actions.',
    ),
    iso(
      'A.9',
      'Use of AI systems (control A.9.2: Processes for responsible use of AI systems)',
      'Coding agents and MCP servers are AI systems the organization uses; the findings show where their committed configuration grants more than a responsible-use process would.',
    ),
    LIFE_CYCLE('Agent tools in the application code (model-chosen arguments reaching a shell, SQL or files) are checked as part of verification.'),
  ],
  development: [
    MEASURE_2_7(
      'Findings document an evaluation of the security of the code and infrastructure the AI system runs on: injection, secrets, crypto, transport, deserialization and cloud misconfiguration.',
    ),
    LIFE_CYCLE('Each scan is a verification step of the AI system in development; the findings and their fixes are its record.'),
  ],
  'supply-chain': [
    nist(
      'GOVERN 6.1',
      'Table 1 (GOVERN)',
      'Policies and procedures are in place that address AI risks associated with third-party entities, including risks of infringement of a third-party’s intellectual property or other rights.',
      'The team configuration (package allow-list with reasons, minimum package age, registries) is a procedure for third-party packages that every scan applies.',
    ),
    nist(
      'MAP 4.1',
      'Table 2 (MAP)',
      'Approaches for mapping AI technology and legal risks of its components – including the use of third-party data or software – are in place, followed, and documented, as are risks of infringement of a third party’s intellectual property or other rights.',
      'Findings document the technology risks of third-party components: packages that do not exist, were just registered or imitate a popular name, unpinned MCP servers, base images and CI actions. Legal and intellectual-property risks are not checked.',
    ),
    nist(
      'MANAGE 3.1',
      'Table 4 (MANAGE)',
      'AI risks and benefits from third-party resources are regularly monitored, and risk controls are applied and documented.',
      'Run in CI, every change is checked against the registries and the pinning rules; the report documents the result.',
    ),
    nist(
      'MANAGE 3.2',
      'Table 4 (MANAGE)',
      'Pre-trained models which are used for development are monitored as part of AI system regular monitoring and maintenance.',
      'Model-loading findings (unpinned Hub revisions, remote code, pickle-based loading) show where a pre-trained model is taken without a fixed, reviewed version.',
    ),
    iso(
      'A.10',
      'Third-party and customer relationships (control A.10.3: Suppliers)',
      'Package, model, image and action findings are evidence about suppliers of AI system components; customer relationships are not covered.',
    ),
  ],
  oversight: [
    nist(
      'GOVERN 1.4',
      'Table 1 (GOVERN)',
      'The risk management process and its outcomes are established through transparent policies, procedures, and other controls based on organizational risk priorities.',
      'The committed configuration says which checks apply where; suppressions carry a required reason, so every accepted finding is written down where reviewers see it.',
    ),
    nist(
      'MEASURE 1.1',
      'Table 3 (MEASURE)',
      'Approaches and metrics for measurement of AI risks enumerated during the MAP function are selected for implementation starting with the most significant AI risks. The risks or trustworthiness characteristics that will not – or cannot – be measured are properly documented.',
      'The report’s “What was not checked” section documents what this scan could not measure: skipped files, file types without rules, failed registry look-ups, rules turned off.',
    ),
    nist(
      'MEASURE 2.8',
      'Table 3 (MEASURE)',
      'Risks associated with transparency and accountability – as identified in the MAP function – are examined and documented.',
      'Findings on audit logging of AI infrastructure (CloudTrail log validation, API gateway, load balancer and EKS control-plane logs) examine whether actions can be traced.',
    ),
    nist(
      'MANAGE 1.3',
      'Table 4 (MANAGE)',
      'Responses to the AI risks deemed high priority, as identified by the MAP function, are developed, planned, and documented. Risk response options can include mitigating, transferring, avoiding, or accepting.',
      'A suppression is a documented decision to accept a finding, with its reason and, when the team sets one, an expiry after which the finding is reported again.',
    ),
    nist(
      'MANAGE 1.4',
      'Table 4 (MANAGE)',
      'Negative residual risks (defined as the sum of all unmitigated risks) to both downstream acquirers of AI systems and end users are documented.',
      'The baseline and the suppressed and baselined counts document the findings the team has not fixed.',
    ),
    iso(
      'A.6',
      'AI system life cycle (control A.6.2.8: AI system recording of event logs)',
      'Audit-logging findings on AI infrastructure are evidence about whether event logs are recorded.',
    ),
  ],
};

/** The rows of one risk area. */
export function frameworkMappingFor(area: RiskArea): readonly FrameworkMapping[] {
  return FRAMEWORK_MAPPING[area];
}
