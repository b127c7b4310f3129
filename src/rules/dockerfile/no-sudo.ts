import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { COMMAND_START, runShellText } from './shell';

/** `sudo` in command position, with its options if it has any. */
const SUDO = new RegExp(String.raw`${COMMAND_START}(sudo\b(?![.\w-])((?:[ \t]+-[A-Za-z-]+)*)[ \t]*)`, 'g');
/** Options that change what sudo does beyond "as root"; removing sudo would change the command. */
const OPTIONS_WITH_MEANING = /(?:^|\s)(?:-[A-Za-fhj-rtv-z]*[ugis][A-Za-z]*|--(?:user|group|login|shell))(?=\s|$)/;

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-sudo',
  languages: ['dockerfile'],
  meta: {
    description: 'RUN must not use sudo; switch USER for the steps that need root',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      sudo:
        'sudo in a Dockerfile means sudo is installed and configured in the image, so anyone who gets a shell in the container as the application user can become root. Run the steps that need root under USER root and switch back to the non-root USER afterwards.',
      removeSudo: 'Remove sudo (run this step under USER root)',
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        const shell = runShellText(node, context.lang, context.text);
        // Every match names `sudo`: a RUN without the word is not scanned from each command start.
        if (!shell || !shell.text.includes('sudo')) return;
        for (const m of shell.text.matchAll(SUDO)) {
          const whole = m[1];
          const start = shell.offset + m.index + m[0].length - whole.length;
          const options = m[2] ?? '';
          const removable = !OPTIONS_WITH_MEANING.test(options);
          context.report({
            range: [start, start + 4],
            messageId: 'sudo',
            suggest: removable ? [{ messageId: 'removeSudo', edits: [{ range: [start, start + whole.length], text: '' }] }] : [],
          });
        }
      },
    };
  },
});
