import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { COMMAND_START, runShellText } from './shell';

const SHELL = String.raw`(?:/usr)?(?:/bin/)?(?:ba|z|da|k|a)?sh\b(?![.\w-])`;
const SUDO = String.raw`(?:sudo(?:[ \t]+-[A-Za-z]+)*[ \t]+)?`;
/** Arguments up to the pipe; they stop at the next possible command start (`(`, `{`, a backtick, `do`, …) to stay linear. */
const ARGS = String.raw`(?:[^\s|;&({\x60$]|[ \t](?!-?(?:then|do|else|exec|xargs)\b)|\$\{[^\s{}]*\}|\$\([^()\n]*\)|\$(?![({]))*`;
/** `curl … | sh`: the download's output piped straight into a shell, within one pipeline. */
const PIPE_TO_SHELL = new RegExp(String.raw`${COMMAND_START}((?:curl|wget)\b(?!=)${ARGS}\|[ \t]*${SUDO}${SHELL})`, 'g');
/** `bash <(curl …)` and `sh -c "$(curl …)"`: the download run as a script. */
const SHELL_OF_DOWNLOAD = new RegExp(String.raw`${COMMAND_START}(${SUDO}${SHELL}[ \t]+(?:-[A-Za-z]+[ \t]+)*(?:<\(|["']?\$\()[ \t]*(?:curl|wget)\b(?:[^()\n]|\$\([^()\n]*\))*\))`, 'g');

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-curl-pipe-shell',
  languages: ['dockerfile'],
  meta: {
    description: 'RUN must not pipe a download from curl or wget straight into a shell',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-494', 'CWE-829'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      pipeToShell:
        'A script downloaded with {{tool}} is run by a shell without any check: whoever controls that URL (or its CDN, DNS or TLS) runs code in your build and your image, and a truncated download runs half a script. Download to a file, verify its checksum or signature, then run it — or install a package.',
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        const shell = runShellText(node, context.lang, context.text);
        // Both patterns name `curl` or `wget`: a RUN without either is not scanned from each command start.
        if (!shell || (!shell.text.includes('curl') && !shell.text.includes('wget'))) return;
        for (const re of [PIPE_TO_SHELL, SHELL_OF_DOWNLOAD]) {
          for (const m of shell.text.matchAll(re)) {
            const found = m[1];
            const start = shell.offset + m.index + m[0].length - found.length;
            const tool = /wget/.test(found) && !/curl/.test(found) ? 'wget' : 'curl';
            context.report({ range: [start, start + found.trimEnd().length], messageId: 'pipeToShell', data: { tool } });
          }
        }
      },
    };
  },
});
