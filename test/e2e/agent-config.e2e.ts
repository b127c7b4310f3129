import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { useSession, type Problem } from './harness';

/** A workspace MCP config as an assistant writes it: the token pasted into `env`. */
const MCP_CONFIG = `// MCP servers for this workspace
{
  "servers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "4fT9qLm2Xz8RkW1vB7nC3yD6hJ0sP5aE" }
    }
  }
}
`;
const USE_INPUT = "Prompt for 'GITHUB_PERSONAL_ACCESS_TOKEN' with ${input:github-personal-access-token}";
const isSecret = (p: Problem) => p.file === 'mcp.json' && p.code === 'agent/no-mcp-literal-secret';

describe('Rampart in VS Code: agent configuration (.vscode/mcp.json)', () => {
  const session = useSession({ label: 'agent-config', files: { '.vscode/mcp.json': MCP_CONFIG } });

  it('reports the literal token and replaces it with an ${input:…} prompt, keeping the comment', async () => {
    const s = session();
    await s.openFile('.vscode/mcp.json');
    const problem = await s.waitForProblem('agent/no-mcp-literal-secret in .vscode/mcp.json', isSecret);
    assert.deepEqual([problem.line, problem.column], [7, 49]);
    await s.openQuickFixMenu(problem, USE_INPUT);
    await s.chooseQuickFix(USE_INPUT);
    const text = await s.waitForEditorText('the input reference', (t) => t.includes('${input:github-personal-access-token}'));
    assert.ok(!text.includes('4fT9qLm2'), 'the token is gone from the file');
    assert.match(text, /^\/\/ MCP servers for this workspace/, 'the comment is kept');
    const config = parse(text) as { inputs: unknown[] };
    assert.deepEqual(config.inputs, [
      { type: 'promptString', id: 'github-personal-access-token', description: 'GITHUB_PERSONAL_ACCESS_TOKEN for the github MCP server', password: true },
    ]);
    await s.waitForNoProblem('the secret finding to go away', isSecret);
  });
});
