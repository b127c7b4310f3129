import { Arg, Env, type Instruction, type Property } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { secretInValue } from '../secrets/values';

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-secret-in-env',
  languages: ['dockerfile'],
  meta: {
    description: 'ENV and ARG must not hold literal secrets',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-538'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      secretInEnv:
        "{{keyword}} '{{name}}' holds a literal {{what}}. It is committed with the Dockerfile and stored in the image's metadata and history (docker history, docker inspect), readable by anyone who pulls the image. Pass it at build time with RUN --mount=type=secret, or at run time from a secret store, and rotate it.",
      removeDefault: "Remove the default value of ARG '{{name}}' (pass it with --build-arg or, better, a build secret)",
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        const keyword = context.lang.keywordOf(node);
        const properties = node instanceof Env ? node.getProperties() : node instanceof Arg ? node.getProperties() : [];
        for (const property of properties) {
          const value = property.getValue();
          const valueRange = property.getValueRange();
          if (value === null || !valueRange) continue;
          const found = secretInValue(property.getName(), value);
          if (!found) continue;
          const [start, end] = context.lang.rangeOf(valueRange);
          // Offsets inside the value only hold when it is written as is (no escapes), quoted or not.
          const raw = context.text.slice(start, end);
          const inner = raw === value ? start : /^(["']).*\1$/s.test(raw) && raw.slice(1, -1) === value ? start + 1 : null;
          const range: Range = inner === null ? [start, end] : [inner + found.start, inner + found.end];
          context.report({
            range,
            messageId: 'secretInEnv',
            data: { keyword, name: property.getName(), what: found.what },
            suggest: keyword === 'ARG' ? [removeDefault(property, context.lang)] : [],
          });
        }
      },
    };
  },
});

function removeDefault(property: Property, lang: DockerfileHelpers): { messageId: string; data: Record<string, string>; edits: Array<{ range: Range; text: string }> } {
  const operator = property.getAssignmentOperatorRange()!;
  const value = property.getValueRange()!;
  return { messageId: 'removeDefault', data: { name: property.getName() }, edits: [{ range: [lang.rangeOf(operator)[0], lang.rangeOf(value)[1]], text: '' }] };
}
