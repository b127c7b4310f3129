import { execFile, execSync } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';

// The agent gets its own client: a tool loop needs a long timeout and no automatic retries,
// because a retried request can make the model run the same tool twice.
const openai = new OpenAI({ timeout: 120_000, maxRetries: 0 });
const execFileAsync = promisify(execFile);

const MOUNTS = ['/', '/var', '/srv'];

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'run_shell',
      description: 'Run a shell command on the ops box and return its output',
      parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'disk_usage',
      description: 'Report disk usage of a mount point',
      parameters: { type: 'object', properties: { mount: { type: 'string', enum: MOUNTS } }, required: ['mount'] },
    },
  },
];

/** Lets the model investigate a task with the tools above; returns its final answer. */
export async function runAgent(task: string, maxTurns = 5): Promise<string> {
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are an SRE assistant. Use the tools to inspect the server before answering.' },
    { role: 'user', content: task },
  ];
  for (let turn = 0; turn < maxTurns; turn++) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: TOOLS });
    const reply = completion.choices[0].message;
    messages.push(reply);
    if (!reply.tool_calls?.length) return reply.content ?? '';
    for (const call of reply.tool_calls) {
      const args = JSON.parse(call.function.arguments);
      let output: string;
      if (call.function.name === 'run_shell') {
        // Whatever command the model chose (or a prompt injection in the task told it to choose) runs here.
        output = execSync(args.command, { encoding: 'utf8', timeout: 30_000 });
      } else {
        output = await diskUsage(args.mount);
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content: output.slice(0, 4_000) });
    }
  }
  return 'Stopped: too many tool calls.';
}

/** The safe shape of a tool: a fixed program, an allow-listed argument, no shell. */
async function diskUsage(mount: unknown): Promise<string> {
  if (typeof mount !== 'string' || !MOUNTS.includes(mount)) return `unknown mount point: ${String(mount)}`;
  const { stdout } = await execFileAsync('df', ['-h', '--', mount]);
  return stdout;
}
