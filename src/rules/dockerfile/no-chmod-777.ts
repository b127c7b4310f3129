import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { COMMAND_START, runShellText } from './shell';

/**
 * `chmod` with a world-writable mode: octal with the write bit for others (777, 0666), or
 * symbolic `a+rwx`/`o+w`. `1777` (sticky, as on /tmp) is the convention for shared temp folders and is
 * not reported.
 */
const CHMOD = new RegExp(String.raw`${COMMAND_START}chmod\b((?:[ \t]+-[A-Za-z-]+)*)[ \t]+((?:[0246]?[0-7][0-7][2367])|(?:[ug]*[oa][ugoa]*[+=][rxXst]*w[rwxXst]*))(?=[ \t;&|)]|$)`, 'g');

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-chmod-777',
  languages: ['dockerfile'],
  meta: {
    description: 'RUN must not make files or folders world-writable (chmod 777)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      worldWritable:
        "chmod {{mode}} makes the path writable by every user in the container: any process, including a compromised one running as another user, can replace the files or scripts in it. Give ownership to the user that needs it (COPY --chown, chown) and use 755/644, or 775 with a shared group.",
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        const shell = runShellText(node, context.lang, context.text);
        // Every match names `chmod`: a RUN without the word is not scanned from each command start.
        if (!shell || !shell.text.includes('chmod')) return;
        for (const m of shell.text.matchAll(CHMOD)) {
          const mode = m[2];
          const start = shell.offset + m.index + m[0].length - mode.length;
          context.report({ range: [start, start + mode.length], messageId: 'worldWritable', data: { mode } });
        }
      },
    };
  },
});
