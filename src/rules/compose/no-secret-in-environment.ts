import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import type { YamlHelpers } from '../../languages/yaml';
import { secretInValue } from '../secrets/values';
import { composeServices, nodeRange, pairOf, valueOffset } from './compose-model';

/** A variable of `environment:`: its name, its value and where the value is written. */
interface EnvEntry {
  name: string;
  value: string;
  /** Offset of the value's first character in the file, when it maps one-to-one; else null. */
  offset: number | null;
  /** The whole scalar holding the value, for the fallback range. */
  node: Scalar;
}

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-secret-in-environment',
  languages: ['yaml'],
  meta: {
    description: 'Compose environment variables must not hold literal secrets',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-312'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      literalSecret:
        "Service '{{service}}' sets {{name}} to a literal {{what}} in the compose file, which is committed and shared: everyone with the repository has the credential. Reference it with ${{{name}}} from the environment or an untracked .env file (or use compose secrets), and rotate it.",
      useVariable: 'Read {{name}} from the environment with ${{{name}}}',
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServices(context)) {
          for (const entry of environmentOf(context.text, service.map.items.length > 0 ? pairOf(service.map, 'environment')?.value : undefined)) {
            const found = secretInValue(entry.name, entry.value);
            if (!found) continue;
            const range: Range = entry.offset === null ? nodeRange(entry.node) : [entry.offset + found.start, entry.offset + found.end];
            const whole: Range | null = entry.offset === null ? null : [entry.offset, entry.offset + entry.value.length];
            const suggest: FixDescriptor[] = whole && /^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.name)
              ? [{ messageId: 'useVariable', data: { name: entry.name }, edits: [{ range: whole, text: `\${${entry.name}}` }] }]
              : [];
            context.report({ range, messageId: 'literalSecret', data: { service: service.name, name: entry.name, what: found.what }, suggest });
          }
        }
      },
    };
  },
});

/** The entries of `environment:` in its map form (`KEY: value`) and list form (`- KEY=value`). */
function environmentOf(text: string, node: unknown): EnvEntry[] {
  const entries: EnvEntry[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.value === null) continue;
      if (typeof pair.value.value === 'boolean') continue;
      entries.push({ name: String(pair.key.value), value: String(pair.value.value), offset: valueOffset(text, pair.value), node: pair.value });
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const eq = item.value.indexOf('=');
      if (eq <= 0) continue;
      const base = valueOffset(text, item);
      entries.push({ name: item.value.slice(0, eq), value: item.value.slice(eq + 1), offset: base === null ? null : base + eq + 1, node: item });
    }
  }
  return entries;
}
