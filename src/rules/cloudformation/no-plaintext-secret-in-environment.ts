import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { secretInValue } from '../secrets/values';
import { CFN_LANGUAGES, cfnResources, get, getPath, templatesWith, type CfnValue } from './model';

/** Functions whose environment is `Environment.Variables`. */
const FUNCTIONS = ['AWS::Lambda::Function', 'AWS::Serverless::Function'];
/** `{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`: references resolved at deploy time. */
const DYNAMIC_REFERENCE = /^\{\{resolve:[a-z-]+:/;
/** Functions that leave a literal user-data script as it is (`!Base64`) or only substitute `${…}` in it (`!Sub`). */
const PASS_THROUGH = new Set(['!Base64', 'Fn::Base64', '!Sub', 'Fn::Sub']);
/** `NAME=value` or `export NAME=value` in a script; the value quoted or up to the next blank. */
const ASSIGNMENT = /(?<![\w$])([A-Za-z_][A-Za-z0-9_]*)=("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)/g;
/** User data longer than this is not scanned. */
const MAX_USER_DATA = 64 * 1024;

export default defineRule({
  id: 'cloudformation/no-plaintext-secret-in-environment',
  languages: CFN_LANGUAGES,
  applies: templatesWith([...FUNCTIONS, 'AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate']),
  meta: {
    description: 'Lambda environment variables and EC2 user data must not hold literal secrets',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-312'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      secretInEnvironment:
        "Function '{{id}}' puts a literal {{what}} in environment variable {{name}}. It is stored in the template, the stack history and the function configuration, where anyone with lambda:GetFunctionConfiguration or cloudformation:GetTemplate reads it. Use a Secrets Manager dynamic reference (resolve:secretsmanager) or read the secret at runtime.",
      secretInUserData:
        "Instance '{{id}}' has a literal {{what}} in its user data ({{name}}). User data is readable from the instance metadata service by every process on the instance, and from the console and API by anyone with ec2:DescribeInstanceAttribute. Fetch the secret at boot from Secrets Manager or SSM Parameter Store.",
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, ...FUNCTIONS)) {
          const variables = getPath(r.properties, 'Environment', 'Variables');
          if (variables?.kind !== 'map') continue;
          for (const e of variables.entries) {
            const value = e.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : undefined;
            if (value === undefined || DYNAMIC_REFERENCE.test(value)) continue;
            const found = secretInValue(e.key, value);
            if (found) context.report({ range: e.value.range, messageId: 'secretInEnvironment', data: { id: r.logicalId, name: e.key, what: found.what } });
          }
        }
        const userData = [
          ...cfnResources(context, 'AWS::EC2::Instance').map((r) => ({ id: r.logicalId, value: get(r.properties, 'UserData') })),
          ...cfnResources(context, 'AWS::EC2::LaunchTemplate').map((r) => ({ id: r.logicalId, value: getPath(r.properties, 'LaunchTemplateData', 'UserData') })),
        ];
        for (const { id, value } of userData) {
          const script = literalScript(value);
          if (!script) continue;
          for (const finding of scriptSecrets(script.text)) {
            context.report({ range: sourceRange(context.text, script.range, finding.raw) ?? script.range, messageId: 'secretInUserData', data: { id, name: finding.name, what: finding.what } });
          }
        }
      },
    };
  },
});

/** The literal text of user data, through `!Base64` and `!Sub` (its string form, or the string of its list form). */
function literalScript(value: CfnValue | undefined, depth = 0): { text: string; range: Range } | undefined {
  if (!value || depth > 3) return undefined;
  if (value.kind === 'scalar') return typeof value.value === 'string' && value.value.length <= MAX_USER_DATA ? { text: value.value, range: value.range } : undefined;
  if (value.kind === 'unknown' && PASS_THROUGH.has(value.name)) {
    const arg = value.arg?.kind === 'list' && value.name.endsWith('Sub') ? value.arg.items[0] : value.arg;
    return literalScript(arg, depth + 1);
  }
  return undefined;
}

/** Secrets in a script: `NAME=literal` under a secret name, and provider tokens anywhere. */
function* scriptSecrets(script: string): Generator<{ name: string; what: string; raw: string }> {
  const seen = new Set<string>();
  for (const m of script.matchAll(ASSIGNMENT)) {
    const [raw, name, quoted] = m;
    const value = /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted;
    const found = secretInValue(name, value);
    if (!found) continue;
    seen.add(value.slice(found.start, found.end));
    yield { name, what: found.what, raw };
  }
  for (const line of script.split('\n')) {
    const found = secretInValue('', line);
    if (!found) continue;
    const token = line.slice(found.start, found.end);
    if (![...seen].some((s) => s.includes(token))) yield { name: 'a provider token', what: found.what, raw: token };
  }
}

/** Where `raw` is in the source inside `range` (absent when the scalar's source differs: escapes, folding). */
function sourceRange(text: string, range: Range, raw: string): Range | undefined {
  const at = text.slice(range[0], range[1]).indexOf(raw);
  return at < 0 ? undefined : [range[0] + at, range[0] + at + raw.length];
}
