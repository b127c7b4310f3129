import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { CFN_LANGUAGES, cfnResources, entry, get, replaceWith, str, templatesWith, type CfnMap, type CfnResource, type CfnValue } from './model';

/** Where each resource type keeps its metadata options, below `Properties`. */
const METADATA_PATHS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['AWS::EC2::LaunchTemplate', ['LaunchTemplateData', 'MetadataOptions']],
  ['AWS::EC2::Instance', ['MetadataOptions']],
  ['AWS::AutoScaling::LaunchConfiguration', ['MetadataOptions']],
];

export default defineRule({
  id: 'cloudformation/require-imdsv2',
  languages: CFN_LANGUAGES,
  applies: templatesWith(METADATA_PATHS.map(([type]) => type)),
  meta: {
    description: 'EC2 instances, launch templates and launch configurations must require IMDSv2 (HttpTokens: required)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-918', 'CWE-1188'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      optionalTokens:
        "'{{id}}' sets HttpTokens to '{{value}}', so the instance metadata service still answers IMDSv1 requests. A server-side request forgery in any application on the instance can then read the instance's metadata, and the credentials of any role it is given, with a plain GET. Set HttpTokens: required.",
      missingTokens:
        "'{{id}}' does not set MetadataOptions.HttpTokens, so IMDSv1 stays available unless the AMI or account default says otherwise. A server-side request forgery on the instance can read its metadata, and the credentials of any role it is given, with a plain GET. Set HttpTokens: required.",
      requireTokens: 'Set HttpTokens to required',
    },
  },
  create(context) {
    return {
      File() {
        for (const [type, path] of METADATA_PATHS) {
          for (const r of cfnResources(context, type)) {
            const finding = check(r, path);
            if (!finding) continue;
            if (finding.kind === 'missing') context.report({ range: finding.range, messageId: 'missingTokens', data: { id: r.logicalId } });
            else context.report({ range: finding.value.range, messageId: 'optionalTokens', data: { id: r.logicalId, value: finding.text }, suggest: [replaceWith(finding.value, 'required', r.format, 'requireTokens')] });
          }
        }
      },
    };
  },
});

type Finding = { kind: 'missing'; range: Range } | { kind: 'optional'; value: CfnValue; text: string };

/**
 * What is wrong with a resource's metadata options: HttpTokens set to something other than `required`,
 * or missing (reported on the innermost literal map on the way, or on the logical id). Silent when any
 * step is an intrinsic, and for an instance that takes its settings from a launch template.
 */
function check(r: CfnResource, path: readonly string[]): Finding | undefined {
  if (r.opaque) return undefined;
  if (r.type === 'AWS::EC2::Instance' && get(r.properties, 'LaunchTemplate') !== undefined) return undefined;
  let map: CfnMap | undefined = r.properties;
  let range: Range = r.idRange;
  for (const key of path) {
    const e = entry(map, key);
    if (!e) return { kind: 'missing', range };
    if (e.value.kind !== 'map') return undefined;
    map = e.value;
    range = e.keyRange;
  }
  const tokens = get(map, 'HttpTokens');
  if (!tokens) return { kind: 'missing', range };
  const text = str(tokens);
  if (text === undefined || text === 'required') return undefined;
  return { kind: 'optional', value: tokens, text };
}
