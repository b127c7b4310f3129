import { From, type Dockerfile, type Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+](?:[^}$]|\$(?!\{))*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-latest-base-image',
  languages: ['dockerfile'],
  meta: {
    description: 'Base images must be pinned to a version tag or digest, not untagged or latest',
    severity: 'warning',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-1357', 'CWE-494'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      untagged:
        "Base image '{{image}}' has no tag, so it means ':latest': every build can pull a different image, with different packages and vulnerabilities, and a compromised tag is picked up silently. Pin a version tag, ideally with its digest (image:1.2.3@sha256:…).",
      latest:
        "Base image '{{image}}' uses the ':latest' tag: every build can pull a different image, with different packages and vulnerabilities, and a compromised tag is picked up silently. Pin a version tag, ideally with its digest (image:1.2.3@sha256:…).",
    },
  },
  create(context) {
    const stages = new Set<string>();
    return {
      Instruction(node: Instruction) {
        if (!(node instanceof From)) return;
        const dockerfile = context.lang.dockerfile;
        const written = node.getImage();
        const range = node.getImageRange();
        const stage = node.getBuildStage();
        if (written && range) {
          const image = resolveImage(dockerfile, written, range.start.line);
          const problem = image === null || stages.has(image.toLowerCase()) ? null : problemOf(image);
          if (problem) context.report({ range: context.lang.rangeOf(range), messageId: problem, data: { image: image ?? written } });
        }
        if (stage) stages.add(stage.toLowerCase());
      },
    };
  },
});

/**
 * The image a FROM names, with `$VAR`/`${VAR}` replaced by the defaults of the ARGs declared before
 * the first FROM; null when a variable has no literal default (the image is chosen at build time).
 */
function resolveImage(dockerfile: Dockerfile, written: string, line: number): string | null {
  let unresolved = false;
  const image = written.replace(VARIABLE, (_m, braced: string | undefined, bare: string | undefined) => {
    const value = dockerfile.resolveVariable(braced ?? bare ?? '', line);
    if (typeof value !== 'string' || value === '' || value.includes('$')) unresolved = true;
    return value ?? '';
  });
  return unresolved ? null : image;
}

function problemOf(image: string): 'untagged' | 'latest' | null {
  if (image.includes('@')) return null; // a digest pins the image whatever the tag says
  if (image.toLowerCase() === 'scratch') return null;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon === -1) return 'untagged';
  return lastSegment.slice(colon + 1) === 'latest' ? 'latest' : null;
}
