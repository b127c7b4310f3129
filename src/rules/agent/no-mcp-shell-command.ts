import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { argv, mcpConfig, programName, type McpString } from './mcp-model';

const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'ash']);
const POWERSHELLS = new Set(['powershell', 'pwsh']);
/** Shell operators as whole words, or command substitution anywhere in a word. */
const OPERATOR_WORD = /^(?:\||\|\||&&|;|&|>|>>|<|2>|2>&1|&>)$/;
const SUBSTITUTION = /\$\(|`/;
/** Operators inside a longer string: surrounded by spaces (`curl x | sh`), or a trailing `;`. */
const OPERATOR_IN_TEXT = /\s(?:\|\|?|&&|;|>>?)\s|\$\(|`|;\s*$/;
const PIPE_TO_SHELL = /\|\s*(?:sudo\s+)?(?:\/[^\s|]*\/)?(?:ba|z|da|k)?sh\b|\|\s*(?:iex|Invoke-Expression)\b/i;

export default defineRule({
  id: 'agent/no-mcp-shell-command',
  languages: ['json', 'toml'],
  meta: {
    description: 'MCP servers must be started as a program with arguments, not through a shell or with shell operators',
    severity: 'warning',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-78'],
    owaspLlm: ['LLM06:2025', 'LLM03:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      shellLaunch:
        "MCP server '{{server}}' is started through '{{shell}}', so a whole script runs each time the agent starts it: the command is hard to review, expands variables and globs, and anyone who can change the file or the environment can make it run anything. Start the server program directly with an args array.",
      pipeToShell:
        "MCP server '{{server}}' downloads a script and pipes it to a shell on every start. Whoever controls that URL (or the network path) runs code with the agent's access; install a pinned release and start it directly.",
      shellOperator:
        "MCP server '{{server}}' has the shell operator '{{operator}}' in its command line. The server is started without a shell, so the operator is either passed on literally or, in a client that does use a shell, runs a second command; start the server program directly with plain arguments.",
    },
  },
  create(context) {
    return {
      File() {
        for (const server of mcpConfig(context)?.servers ?? []) {
          const found = shellProblem(argv(server));
          if (found) context.report({ range: found.range, messageId: found.messageId, data: { server: server.name, ...found.data } });
        }
      },
    };
  },
});

interface ShellProblem {
  range: Range;
  messageId: 'shellLaunch' | 'pipeToShell' | 'shellOperator';
  data: Record<string, string>;
}

/** The first shell problem of a command line: a shell with a script, a pipe into a shell, or an operator. */
export function shellProblem(words: McpString[]): ShellProblem | null {
  if (words.length === 0) return null;
  const text = words.map((w) => w.value).join(' ');
  if (PIPE_TO_SHELL.test(text)) {
    const word = words.find((w) => PIPE_TO_SHELL.test(w.value));
    return { range: word ? word.range : [words[0].range[0], words[words.length - 1].range[1]], messageId: 'pipeToShell', data: {} };
  }
  const launch = shellLaunch(words);
  if (launch) return launch;
  for (const word of words) {
    if (OPERATOR_WORD.test(word.value) || SUBSTITUTION.test(word.value) || OPERATOR_IN_TEXT.test(word.value)) {
      const operator = OPERATOR_WORD.test(word.value) ? word.value : (/\$\(|`|\|\|?|&&|;|>>?/.exec(word.value)?.[0] ?? word.value);
      return { range: word.range, messageId: 'shellOperator', data: { operator } };
    }
  }
  return null;
}

/** `sh -c …`, `bash -lc …`, `powershell -Command …`, and `cmd /c` with a script rather than one program. */
function shellLaunch(words: McpString[]): ShellProblem | null {
  const program = programName(words[0].value);
  const flag = words[1]?.value ?? '';
  const report = (end: number): ShellProblem => ({ range: [words[0].range[0], words[end].range[1]], messageId: 'shellLaunch', data: { shell: `${words[0].value} ${flag}` } });
  if (POSIX_SHELLS.has(program) && /^-[abd-z]*c[a-z]*$/.test(flag)) return report(1);
  if (POWERSHELLS.has(program)) {
    const at = words.findIndex((w, i) => i > 0 && /^-(?:c|command|e|ec|encodedcommand)$/i.test(w.value));
    if (at > 0) return { range: [words[0].range[0], words[at].range[1]], messageId: 'shellLaunch', data: { shell: `${words[0].value} ${words[at].value}` } };
  }
  // `cmd /c npx -y pkg` (separate words, no operators) is the documented way to start npx on Windows.
  if (program === 'cmd' && /^\/[ck]$/i.test(flag)) {
    const script = words.slice(2);
    const plain = script.length > 0 && !/\s/.test(script[0].value) && script.every((w) => !/[&|<>^]/.test(w.value));
    if (!plain) return report(1);
  }
  return null;
}
