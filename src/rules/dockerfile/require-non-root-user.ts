import { From, type Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';

/** `root`, `0`, with or without a root group. */
const ROOT_USER = /^(?:root|0)(?::(?:root|0))?$/i;
/** Base images that already run as a non-root user (distroless `:nonroot`, `*-nonroot` tags). */
const NON_ROOT_IMAGE = /non-?root/i;

/** A build stage: its FROM and the USER instructions in it. */
interface Stage {
  from: From;
  users: Instruction[];
}

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/require-non-root-user',
  languages: ['dockerfile'],
  meta: {
    description: 'The final stage of a Dockerfile must switch to a non-root USER',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      missingUser:
        'The final stage never sets a USER, so the container runs as root: a vulnerability in the application becomes root in the container, one step from the host. Add a USER with a non-root user (e.g. USER 10001, or the image\'s own user such as node) before CMD/ENTRYPOINT.',
      rootUser:
        "The final stage runs as '{{user}}': a vulnerability in the application becomes root in the container, one step from the host. Switch to a non-root user (e.g. USER 10001) after the steps that need root.",
    },
  },
  create(context) {
    const stages: Stage[] = [];
    return {
      Instruction(node: Instruction) {
        if (node instanceof From) stages.push({ from: node, users: [] });
        else if (context.lang.keywordOf(node) === 'USER' && stages.length > 0) stages[stages.length - 1].users.push(node);
      },
      'File:exit'() {
        const final = stages[stages.length - 1];
        if (!final) return;
        const { user, instruction } = effectiveUser(final, stages);
        if (user !== undefined && ROOT_USER.test(user)) {
          context.report({ range: context.lang.rangeOf(instruction ?? final.from), messageId: 'rootUser', data: { user } });
        } else if (user === undefined && !NON_ROOT_IMAGE.test(final.from.getImage() ?? '')) {
          context.report({ range: context.lang.rangeOf(final.from), messageId: 'missingUser' });
        }
      },
    };
  },
});

/**
 * The last USER of a stage, or of the earlier stage it is built FROM (a stage inherits its parent's
 * user). Undefined when no stage in the chain sets one; a USER naming a variable counts as non-root.
 */
function effectiveUser(stage: Stage, stages: readonly Stage[]): { user?: string; instruction?: Instruction } {
  const seen = new Set<Stage>();
  for (let current: Stage | undefined = stage; current && !seen.has(current); current = parentOf(current, stages)) {
    seen.add(current);
    const last = current.users[current.users.length - 1];
    if (last) return { user: last.getArgumentsContent()?.trim() ?? '', instruction: current === stage ? last : undefined };
  }
  return {};
}

function parentOf(stage: Stage, stages: readonly Stage[]): Stage | undefined {
  const image = stage.from.getImage()?.toLowerCase();
  const index = stages.indexOf(stage);
  return stages.slice(0, index).reverse().find((s) => s.from.getBuildStage()?.toLowerCase() === image);
}
