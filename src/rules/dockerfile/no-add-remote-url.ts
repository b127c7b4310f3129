import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';

const REMOTE = /^https?:\/\//i;

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-add-remote-url',
  languages: ['dockerfile'],
  meta: {
    description: 'ADD must not fetch remote URLs without a --checksum',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-494', 'CWE-829'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      remoteAdd:
        "ADD downloads '{{url}}' into the image without verifying it: whoever controls that URL decides what ends up in your image, and each build may get something different. Add --checksum=sha256:<digest> to the ADD, or download with RUN curl and check the file's sha256 before using it.",
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        if (context.lang.keywordOf(node) !== 'ADD') return;
        const args = node.getArguments();
        const [start, end] = context.lang.rangeOf(node);
        if (/\s--checksum=/i.test(context.text.slice(start, end))) return;
        // The last argument is the destination; `--flag`s come first.
        for (const arg of args.slice(0, -1)) {
          const value = arg.getValue().replace(/^\[?"|",?\]?$/g, ''); // JSON form: ["https://…", "/dst"]
          if (!REMOTE.test(value)) continue;
          const at = context.lang.rangeOf(arg)[0] + arg.getValue().indexOf(value);
          context.report({ range: [at, at + value.length], messageId: 'remoteAdd', data: { url: value } });
        }
      },
    };
  },
});
