import { defineRule } from '../../engine/rule';
import { ghaFiles } from './model';

/** A secret expanded by the runner: `${{ secrets.NAME }}`. */
const SECRET = /\$\{\{\s*secrets\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/;
/** Commands that print their arguments to the log. */
const PRINT = /^\s*(?:echo|printf|Write-Host|Write-Output)\b/i;
/** Commands that change the text, so the runner's masking no longer recognises it. */
const TRANSFORM = /^\s*(?:base64|xxd|od|hexdump|rev|tr|sed|awk|cut|openssl\s+(?:enc|base64)|jq|python3?|node)\b/;
/** A redirect into a file or a variable (stderr and stdout still reach the log). */
const FILE_REDIRECT = />>?\s*(?!&|\/dev\/std(?:out|err)\b)\S/;

export default defineRule({
  id: 'github-actions/no-secret-in-logs',
  languages: ['yaml'],
  meta: {
    description: 'run scripts must not print ${{ secrets.* }} values to the job log',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-532'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      printed:
        "This line prints the secret '{{name}}' to the job log. The runner masks exact secret values, but only as a best effort: a secret that is split, re-encoded or printed by a later step is not recognised, and logs of public repositories are public. Do not print secrets; write them to a file or pass them on stdin.",
      transformed:
        "This line prints the secret '{{name}}' through '{{tool}}'. The runner only masks the exact secret text, so the transformed value appears in clear in the job log. Do not print secrets, even encoded.",
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const step of file.steps) {
            if (!step.run) continue;
            const start = step.run.range[0];
            const source = context.text.slice(start, step.run.range[1]);
            let offset = 0;
            for (const line of source.split('\n')) {
              const finding = leak(line);
              if (finding) {
                const at = start + offset + finding.index;
                context.report({ range: [at, at + finding.length], messageId: finding.tool ? 'transformed' : 'printed', data: { name: finding.name, tool: finding.tool ?? '' } });
              }
              offset += line.length + 1;
            }
          }
        }
      },
    };
  },
});

interface Leak {
  index: number;
  length: number;
  name: string;
  tool?: string;
}

/** A secret that a print command sends to the log, directly or through a transforming pipe. */
function leak(line: string): Leak | undefined {
  const stages = line.split(/\|(?!\|)/);
  if (!PRINT.test(stages[0].replace(/^\s*-\s/, ''))) return undefined;
  const secret = SECRET.exec(stages[0]);
  if (!secret) return undefined;
  if (FILE_REDIRECT.test(line)) return undefined;
  const hit = { index: secret.index, length: secret[0].length, name: secret[1] };
  if (stages.length === 1) return hit;
  // Piped into a program that consumes it (docker login --password-stdin, gpg --import): not printed.
  const transform = stages.slice(1).map((s) => TRANSFORM.exec(s)?.[0].trim()).find((t) => t !== undefined);
  return stages.slice(1).every((s) => TRANSFORM.test(s)) && transform ? { ...hit, tool: transform } : undefined;
}
