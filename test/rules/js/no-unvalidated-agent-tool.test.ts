import rule from '../../../src/rules/js/no-unvalidated-agent-tool';
import { ruleTester } from '../../lib/rule-tester';

const aiHead = `import { tool } from 'ai';\nimport { z } from 'zod';\nimport { exec, execFile } from 'node:child_process';\n`;
const mcpHead = `import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { z } from 'zod';\nimport fs from 'node:fs/promises';\nconst server = new McpServer({ name: 'files', version: '1.0.0' });\n`;
const lowHead = `import { Server } from '@modelcontextprotocol/sdk/server/index.js';\nimport { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';\nimport { exec } from 'node:child_process';\nconst server = new Server({ name: 'ops', version: '1.0.0' }, { capabilities: { tools: {} } });\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'zod enum restricts the command',
      code: `${aiHead}export const run = tool({\n  parameters: z.object({ cmd: z.enum(['uptime', 'df -h']) }),\n  execute: async ({ cmd }) => exec(cmd),\n});`,
    },
    {
      name: 'allow-list check before the sink',
      code: `${aiHead}const ALLOWED = ['uptime', 'whoami'];\nexport const run = tool({\n  inputSchema: z.object({ cmd: z.string() }),\n  execute: async ({ cmd }) => {\n    if (!ALLOWED.includes(cmd)) throw new Error('not allowed');\n    return exec(cmd);\n  },\n});`,
    },
    {
      name: 'regex test guards the argument',
      code: `${aiHead}export const log = tool({\n  parameters: z.object({ unit: z.string() }),\n  execute: async (args) => {\n    if (!/^[a-z0-9-]+\\.service$/.test(args.unit)) return 'bad unit';\n    return exec(\`journalctl -u \${args.unit}\`);\n  },\n});`,
    },
    {
      name: 'constant command, argument only in an execFile argument array',
      code: `${aiHead}export const ping = tool({\n  parameters: z.object({ host: z.string() }),\n  execute: async ({ host }) => execFile('ping', ['-c', '1', host]),\n});`,
    },
    {
      name: 'lookup in a fixed table of commands',
      code: `${aiHead}const COMMANDS = { disk: 'df -h', load: 'uptime' };\nexport const run = tool({\n  parameters: z.object({ name: z.string() }),\n  execute: async ({ name }) => exec(COMMANDS[name]),\n});`,
    },
    {
      name: 'tool from another library',
      code: `import { tool } from './my-tools';\nimport { exec } from 'node:child_process';\nexport const run = tool({ execute: async ({ cmd }) => exec(cmd) });`,
    },
    {
      name: 'MCP handler writes under a basename',
      code: `${mcpHead}import path from 'node:path';\nserver.tool('save', { name: z.string(), text: z.string() }, async ({ name, text }) => {\n  await fs.writeFile(path.join('/srv/notes', path.basename(name)), text);\n  return { content: [] };\n});`,
    },
    {
      name: 'MCP handler with a containment check',
      code: `${mcpHead}import path from 'node:path';\nconst ROOT = '/srv/notes';\nserver.registerTool('remove', { inputSchema: { file: z.string() } }, async ({ file }) => {\n  const target = path.resolve(ROOT, file);\n  if (!target.startsWith(ROOT + path.sep)) throw new Error('outside');\n  await fs.rm(target);\n  return { content: [] };\n});`,
    },
    {
      name: 'parameterised SQL query',
      code: `import { tool } from '@openai/agents';\nimport { z } from 'zod';\nexport const lookup = tool({\n  name: 'lookup_order',\n  parameters: z.object({ id: z.string() }),\n  execute: async ({ id }) => db.query('SELECT * FROM orders WHERE id = $1', [id]),\n});`,
    },
    {
      name: 'numeric argument',
      code: `${aiHead}export const kill = tool({\n  parameters: z.object({ pid: z.number().int() }),\n  execute: async ({ pid }) => exec(\`kill \${pid}\`),\n});`,
    },
    {
      name: 'function-calling dispatch with a JSON Schema enum checked by includes',
      code: `import OpenAI from 'openai';\nimport { execSync } from 'node:child_process';\nconst MOUNTS = ['/', '/var'];\nfor (const call of reply.tool_calls) {\n  const args = JSON.parse(call.function.arguments);\n  if (!MOUNTS.includes(args.mount)) continue;\n  execSync(\`df -h \${args.mount}\`);\n}`,
    },
    {
      name: 'MCP: tool() of an object that is not an McpServer',
      code: `import '@modelcontextprotocol/sdk/server/mcp.js';\nimport { exec } from 'node:child_process';\nconst registry = { tool: (name, shape, fn) => fn };\nregistry.tool('run', {}, async ({ cmd }) => exec(cmd));`,
    },
    {
      name: 'MCP: a tool without an input schema gets only the request context',
      code: `${mcpHead}import { exec } from 'node:child_process';\nserver.tool('whoami', 'Print the session', async (extra) => { exec(extra.sessionId); return { content: [] }; });\nserver.registerTool('ping', { description: 'Ping' }, async (extra) => { exec(extra.requestId); return { content: [] }; });`,
    },
    {
      name: 'MCP: enum in the registerTool input schema',
      code: `${mcpHead}import { exec } from 'node:child_process';\nserver.registerTool('service', { inputSchema: { action: z.enum(['status', 'restart']) } }, async ({ action }) => {\n  exec(\`systemctl \${action} app\`);\n  return { content: [] };\n});`,
    },
    {
      name: 'MCP low-level: the tool name selects a fixed command',
      code: `${lowHead}const COMMANDS = { uptime: 'uptime', disk: 'df -h' };\nserver.setRequestHandler(CallToolRequestSchema, async (request) => {\n  exec(COMMANDS[request.params.name]);\n  return { content: [] };\n});`,
    },
    {
      name: 'MCP low-level: argument checked against an allow-list',
      code: `${lowHead}const UNITS = ['nginx', 'app'];\nserver.setRequestHandler(CallToolRequestSchema, async (request) => {\n  const unit = String(request.params.arguments?.unit);\n  if (!UNITS.includes(unit)) throw new Error('unknown unit');\n  exec(\`systemctl status \${unit}\`);\n  return { content: [] };\n});`,
    },
    {
      name: 'MCP low-level: another request schema',
      code: `${lowHead}import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';\nserver.setRequestHandler(ListToolsRequestSchema, async (request) => {\n  exec(request.params.cursor);\n  return { tools: [] };\n});`,
    },
    {
      name: 'sink outside any tool handler',
      code: `${aiHead}export function run(cmd) { return exec(cmd); }\nexport const t = tool({ parameters: z.object({}), execute: async () => 'ok' });`,
    },
  ],
  invalid: [
    {
      name: 'Vercel AI SDK tool runs the command',
      code: `${aiHead}export const tools = {\n  runShell: tool({\n    description: 'Run a shell command',\n    parameters: z.object({ cmd: z.string() }),\n    execute: async ({ cmd }) => exec(cmd),\n  }),\n};`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 8, column: 38, endLine: 8, endColumn: 41 }],
    },
    {
      name: 'OpenAI Agents SDK tool builds SQL',
      code: `import { tool } from '@openai/agents';\nimport { z } from 'zod';\nexport const search = tool({\n  name: 'search_orders',\n  parameters: z.object({ customer: z.string() }),\n  async execute(input) {\n    const sql = \`SELECT * FROM orders WHERE customer = '\${input.customer}'\`;\n    return db.query(sql);\n  },\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 8, column: 21, endLine: 8, endColumn: 24 }],
    },
    {
      name: 'LangChain DynamicTool evaluates the input',
      code: `import { DynamicTool } from '@langchain/core/tools';\nexport const calc = new DynamicTool({\n  name: 'calculator',\n  description: 'Evaluate a math expression',\n  func: async (input) => String(eval(input)),\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 5, column: 38, endLine: 5, endColumn: 43 }],
    },
    {
      name: 'LangChain tool() writes a file',
      code: `import { tool } from '@langchain/core/tools';\nimport { writeFileSync } from 'fs';\nimport { z } from 'zod';\nconst save = tool(({ path, content }) => { writeFileSync(path, content); return 'saved'; }, { name: 'save_file', schema: z.object({ path: z.string(), content: z.string() }) });`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 4, column: 58, endLine: 4, endColumn: 62 }],
    },
    {
      name: 'MCP tool deletes a path',
      code: `${mcpHead}server.tool('delete_file', 'Delete a file', { file: z.string() }, async ({ file }) => {\n  await fs.rm(file, { recursive: true });\n  return { content: [{ type: 'text', text: 'deleted' }] };\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 6, column: 15, endLine: 6, endColumn: 19 }],
    },
    {
      name: 'OpenAI function-calling dispatch',
      code: `import OpenAI from 'openai';\nimport { execSync } from 'node:child_process';\nfor (const call of reply.tool_calls) {\n  const args = JSON.parse(call.function.arguments);\n  if (call.function.name === 'run_shell') {\n    execSync(args.command);\n  }\n}`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 6, column: 14, endLine: 6, endColumn: 26 }],
    },
    {
      name: 'handler defined separately from the tool',
      code: `${aiHead}async function runCommand({ command }: { command: string }) {\n  return new Promise((resolve) => exec(command, (e, out) => resolve(out)));\n}\nexport const shell = tool({ parameters: z.object({ command: z.string() }), execute: runCommand });`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 5, column: 40, endLine: 5, endColumn: 47 }],
    },
    {
      name: 'MCP tool with a shape and annotations',
      code: `${mcpHead}import { exec } from 'node:child_process';\nserver.tool('run', 'Run a command', { cmd: z.string() }, { destructiveHint: true }, async ({ cmd }) => {\n  exec(cmd);\n  return { content: [] };\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 7, column: 8, endLine: 7, endColumn: 11 }],
    },
    {
      name: 'MCP registerTool on a parameter typed McpServer',
      code: `import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\nimport { z } from 'zod';\nexport function registerCalc(server: McpServer) {\n  server.registerTool('calc', { inputSchema: { expr: z.string() } }, async ({ expr }) => ({ content: [{ type: 'text', text: String(eval(expr)) }] }));\n}`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 4, column: 137, endLine: 4, endColumn: 141 }],
    },
    {
      name: 'MCP low-level CallTool handler with a switch on the tool name',
      code: `${lowHead}server.setRequestHandler(CallToolRequestSchema, async (request) => {\n  switch (request.params.name) {\n    case 'run_command': {\n      const { command } = request.params.arguments as { command: string };\n      exec(command);\n      return { content: [] };\n    }\n  }\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 9, column: 12, endLine: 9, endColumn: 19 }],
    },
    {
      name: 'MCP low-level handler destructuring the arguments in its signature',
      code: `${lowHead}server.setRequestHandler(CallToolRequestSchema, async ({ params: { arguments: args } }) => {\n  exec(\`git log \${args.branch}\`);\n  return { content: [] };\n});`,
      errors: [{ messageId: 'unvalidatedToolArgument', line: 6, column: 8, endLine: 6, endColumn: 32 }],
    },
  ],
});
