import rule from '../../../src/rules/agent/no-broad-mcp-filesystem';
import { ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
const fs = (key: string, dirs: string): string =>
  lines('{', `  "${key}": {`, '    "filesystem": {', '      "command": "npx",', `      "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.7.1", ${dirs}]`, '    }', '  }', '}');

ruleTester(rule, {
  valid: [
    { name: 'the workspace folder', filename: '.vscode/mcp.json', code: fs('servers', '"${workspaceFolder}"') },
    { name: 'project subfolders', filename: '.mcp.json', code: fs('mcpServers', '"./docs", "src"') },
    { name: 'an absolute project path', filename: '.cursor/mcp.json', code: fs('mcpServers', '"/Users/alice/projects/app"') },
    { name: '.. that stays inside', filename: '.mcp.json', code: fs('mcpServers', '"./src/../docs"') },
    { name: 'another server taking a path', filename: '.vscode/mcp.json', code: lines('{', '  "servers": { "git": { "command": "uvx", "args": ["mcp-server-git==2025.1.14", "--repository", "/"] } }', '}') },
    { name: 'Codex: the current folder', filename: '.codex/config.toml', code: lines('[mcp_servers.fs]', 'command = "npx"', 'args = ["-y", "@modelcontextprotocol/server-filesystem", "."]') },
  ],
  invalid: [
    {
      name: 'VS Code: the home directory',
      filename: '.vscode/mcp.json',
      code: fs('servers', '"${userHome}"'),
      errors: [{ messageId: 'broadRoot', line: 5, column: 75, endLine: 5, endColumn: 86, suggestions: [{ messageId: 'useProject', output: fs('servers', '"${workspaceFolder}"') }] }],
    },
    {
      name: 'Claude Code: root and a project folder',
      filename: '.mcp.json',
      code: fs('mcpServers', '"/", "./docs"'),
      errors: [{ messageId: 'broadRoot', line: 5, column: 75, endLine: 5, endColumn: 76, suggestions: [{ messageId: 'useProject', output: fs('mcpServers', '".", "./docs"') }] }],
    },
    {
      name: 'Cursor: ~ and a parent folder',
      filename: '.cursor/mcp.json',
      code: fs('mcpServers', '"~", "../shared"'),
      errors: [
        { messageId: 'broadRoot', line: 5, column: 75, endLine: 5, endColumn: 76, suggestions: [{ messageId: 'useProject', output: fs('mcpServers', '"${workspaceFolder}", "../shared"') }] },
        { messageId: 'broadRoot', line: 5, column: 80, endLine: 5, endColumn: 89, suggestions: [{ messageId: 'useProject', output: fs('mcpServers', '"~", "${workspaceFolder}"') }] },
      ],
    },
    {
      name: 'Codex: a whole drive',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.fs]', 'command = "npx"', 'args = ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\"]'),
      errors: [{ messageId: 'broadRoot', line: 3, column: 58, endLine: 3, endColumn: 64 }],
    },
  ],
});
