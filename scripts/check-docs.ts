/**
 * Doc pages of the IaC checks table (docs/rules/<provider>/<check>.md), rendered from the rows: the same
 * sections as a hand-written rule page, so the rule-docs tests run their examples.
 */
import { RISK_AREA_LABELS } from '../src/engine/rule';
import { platformChecks, type AttributeCheck, type PlatformCheck } from '../src/rules/iac/attribute-check';

const CWE_NAMES: Readonly<Record<string, string>> = {
  'CWE-284': 'Improper Access Control',
  'CWE-306': 'Missing Authentication for Critical Function',
  'CWE-311': 'Missing Encryption of Sensitive Data',
  'CWE-319': 'Cleartext Transmission of Sensitive Information',
  'CWE-320': 'Key Management Errors',
  'CWE-326': 'Inadequate Encryption Strength',
  'CWE-345': 'Insufficient Verification of Data Authenticity',
  'CWE-354': 'Improper Validation of Integrity Check Value',
  'CWE-358': 'Improperly Implemented Security Check for Standard',
  'CWE-200': 'Exposure of Sensitive Information to an Unauthorized Actor',
  'CWE-250': 'Execution with Unnecessary Privileges',
  'CWE-269': 'Improper Privilege Management',
  'CWE-285': 'Improper Authorization',
  'CWE-287': 'Improper Authentication',
  'CWE-693': 'Protection Mechanism Failure',
  'CWE-732': 'Incorrect Permission Assignment for Critical Resource',
  'CWE-778': 'Insufficient Logging',
  'CWE-1104': 'Use of Unmaintained Third Party Components',
  'CWE-1188': 'Initialization of a Resource with an Insecure Default',
  'CWE-1390': 'Weak Authentication',
  'CWE-444': "Inconsistent Interpretation of HTTP Requests ('HTTP Request/Response Smuggling')",
  'CWE-522': 'Insufficiently Protected Credentials',
  'CWE-532': 'Insertion of Sensitive Information into Log File',
  'CWE-653': 'Improper Isolation or Compartmentalization',
  'CWE-668': 'Exposure of Resource to Wrong Sphere',
};

const shown = (v: string | number | boolean | null) => (v === null ? 'nothing' : typeof v === 'string' ? `"${v}"` : String(v));

function expectation(p: PlatformCheck): string {
  const e = p.expect;
  if ('oneOf' in e) return `must be ${e.oneOf.map(shown).join(' or ')}`;
  if ('noneOf' in e) return `must not be ${e.noneOf.map(shown).join(' or ')}`;
  if ('atLeast' in e) return `must be at least ${e.atLeast}`;
  return 'must be set';
}

function platformLine(kind: 'terraform' | 'cloudformation', p: PlatformCheck): string {
  const where = kind === 'terraform' ? `Terraform \`${p.types.join('`, `')}\`` : `CloudFormation \`${p.types.join('`, `')}\``;
  const absent = p.default === undefined ? 'absence is not reported' : p.default === null ? 'absence is reported' : `when absent the provider uses ${shown(p.default)}, which is reported`;
  const except = [...(p.unlessSet ?? []).map((n) => `\`${n}\` is set`), ...(p.unless ?? []).map((u) => `\`${u.path.join('.')}\` is ${u.oneOf.map(shown).join(', ')}`)];
  const when = (p.when ?? []).map((w) => `\`${w.path.join('.')}\` is ${w.oneOf.map(shown).join(' or ')}`);
  return `- ${where}: \`${p.path.join('.')}\` ${expectation(p)}; ${absent}${except.length ? `; not reported when ${except.join(' or ')}` : ''}${when.length ? `; judged only when ${when.join(' and ')}` : ''}.`;
}

/** The doc page of one row. */
export function renderCheckDoc(check: AttributeCheck, header: string): string {
  const all = platformChecks(check);
  const cwe = check.cwe.map((c) => `[${c}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`).join(', ');
  const fixable = all.some(({ platform }) => platform.fix !== undefined);
  const examples = (which: 'incorrect' | 'correct') =>
    all.flatMap(({ kind, platform }) => [kind === 'terraform' ? '```hcl main.tf' : '```yaml template.yaml', platform.example[which].trimEnd(), '```', '']);
  const fixLines = all.map(({ kind, platform }) => {
    const name = kind === 'terraform' ? 'Terraform' : 'CloudFormation (YAML and JSON)';
    if (platform.fix === undefined) return `- **No suggestion** for ${name} \`${platform.path.join('.')}\`: the value is yours to choose.`;
    const missing = platform.default !== undefined ? `, or adds it (with the blocks or keys around it) where it is missing` : '';
    return `- **Suggestion** for ${name}: sets \`${platform.path.join('.')}\` to ${shown(platform.fix)} where it has another value${missing}.`;
  });
  return [
    `# ${check.id}`,
    `<!-- ${header} -->`,
    '',
    `> ${check.description}`,
    '',
    '| Severity | Category | CWE | OWASP LLM | Fix | Area |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${check.severity} | iac | ${cwe} | — | ${fixable ? 'suggestion' : 'none'} | ${RISK_AREA_LABELS[check.riskArea]} |`,
    '',
    '## Why it matters',
    check.why,
    '',
    `Reported because ${check.risk}. What is checked (values compare case-insensitively; a value that is only known`,
    'at deploy time, such as a variable without a default or an intrinsic function, is never reported):',
    ...all.map(({ kind, platform }) => platformLine(kind, platform)),
    '',
    '## Incorrect',
    ...examples('incorrect'),
    '## Correct',
    ...examples('correct'),
    '## How to fix',
    check.howToFix,
    '',
    ...(fixable ? ['## When a fix is offered', ...fixLines, ''] : []),
    '## References',
    ...check.cwe.map((c) => `- [${c}${CWE_NAMES[c] ? `: ${CWE_NAMES[c]}` : ''}](https://cwe.mitre.org/data/definitions/${c.slice(4)}.html)`),
    ...check.references.map((r) => `- [${r.title}](${r.url})`),
    '',
  ].join('\n');
}
