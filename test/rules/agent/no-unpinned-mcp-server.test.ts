import rule from '../../../src/rules/agent/no-unpinned-mcp-server';
import { ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
const vscode = (server: string): string => lines('{', '  // Playwright and weather servers', '  "servers": {', `    ${server}`, '  }', '}');
const cursor = (server: string): string => lines('{', '  "mcpServers": {', `    ${server}`, '  }', '}');

ruleTester(rule, {
  valid: [
    { name: 'npm package pinned to an exact version', filename: '.vscode/mcp.json', code: vscode('"playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.29"] }') },
    { name: 'npx -p with a pinned package', filename: '.cursor/mcp.json', code: cursor('"ctx": { "command": "npx", "args": ["-y", "-p", "@upstash/context7-mcp@1.0.14", "context7-mcp"] }') },
    { name: 'uvx pinned with ==', filename: '.mcp.json', code: cursor('"fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] }') },
    { name: 'uvx --from pinned', filename: '.mcp.json', code: cursor('"git": { "command": "uvx", "args": ["--from", "mcp-server-git==2025.1.14", "mcp-server-git"] }') },
    { name: 'uvx tool@version', filename: '.gemini/settings.json', code: cursor('"time": { "command": "uvx", "args": ["mcp-server-time@2025.1.14"] }') },
    { name: 'a local server run with node, and a docker image', filename: '.vscode/mcp.json', code: vscode('"local": { "command": "node", "args": ["./build/index.js"] }, "gh": { "command": "docker", "args": ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server"] }') },
    { name: 'a remote server', filename: '.vscode/mcp.json', code: vscode('"github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" }') },
    { name: 'not an MCP configuration', filename: 'config/servers.json', code: cursor('"x": { "command": "npx", "args": ["-y", "express"] }') },
    { name: 'Codex: pinned', filename: '.codex/config.toml', code: lines('[mcp_servers.context7]', 'command = "npx"', 'args = ["-y", "@upstash/context7-mcp@1.0.14"]') },
  ],
  invalid: [
    {
      name: 'npx -y without a version: pinned to the latest version the registry serves',
      filename: '.vscode/mcp.json',
      code: vscode('"weather": { "command": "npx", "args": ["-y", "mcp-weather-server-kit"] }'),
      errors: [
        {
          messageId: 'unpinned',
          line: 4,
          column: 52,
          endLine: 4,
          endColumn: 74,
          suggestions: [{ messageId: 'pinVersion', output: vscode('"weather": { "command": "npx", "args": ["-y", "mcp-weather-server-kit@1.0.0"] }') }],
        },
      ],
    },
    {
      name: '@latest is not a pin',
      filename: '.cursor/mcp.json',
      code: cursor('"web": { "command": "npx", "args": ["express@latest"] }'),
      errors: [{ messageId: 'unpinned', line: 3, column: 42, endLine: 3, endColumn: 49, suggestions: [{ messageId: 'pinVersion', output: cursor('"web": { "command": "npx", "args": ["express@5.1.0"] }') }] }],
    },
    {
      name: 'a range is not a pin (one command string)',
      filename: '.mcp.json',
      code: cursor('"web": { "command": "npx -y express@^4" }'),
      errors: [{ messageId: 'unpinned', line: 3, column: 33, endLine: 3, endColumn: 40, suggestions: [{ messageId: 'pinVersion', output: cursor('"web": { "command": "npx -y express@5.1.0" }') }] }],
    },
    {
      name: 'uvx without a version',
      filename: '.gemini/settings.json',
      code: cursor('"http": { "command": "uvx", "args": ["httpx"] }'),
      errors: [{ messageId: 'unpinned', line: 3, column: 43, endLine: 3, endColumn: 48, suggestions: [{ messageId: 'pinVersion', output: cursor('"http": { "command": "uvx", "args": ["httpx@0.28.1"] }') }] }],
    },
    {
      name: 'pipx run --spec without a version: pinned as a requirement',
      filename: '.cursor/mcp.json',
      code: cursor('"api": { "command": "pipx", "args": ["run", "--spec", "fastapi", "fastapi-mcp"] }'),
      errors: [{ messageId: 'unpinned', line: 3, column: 60, endLine: 3, endColumn: 67, suggestions: [{ messageId: 'pinVersion', output: cursor('"api": { "command": "pipx", "args": ["run", "--spec", "fastapi==0.115.6", "fastapi-mcp"] }') }] }],
    },
    {
      name: 'a package the registry does not know: reported without a suggestion',
      filename: '.vscode/mcp.json',
      code: vscode('"fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."] }'),
      errors: [{ messageId: 'unpinned', line: 4, column: 47, endLine: 4, endColumn: 86 }],
    },
    {
      name: 'network down: reported without a suggestion',
      filename: '.vscode/mcp.json',
      network: 'down',
      code: vscode('"weather": { "command": "npx", "args": ["-y", "mcp-weather-server-kit"] }'),
      errors: [{ messageId: 'unpinned', line: 4, column: 52, endLine: 4, endColumn: 74 }],
    },
    {
      name: 'Codex TOML, behind the Windows cmd /c wrapper',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.web]', 'command = "cmd"', 'args = ["/c", "npx", "-y", "express"]'),
      errors: [{ messageId: 'unpinned', line: 3, column: 29, endLine: 3, endColumn: 36, suggestions: [{ messageId: 'pinVersion', output: lines('[mcp_servers.web]', 'command = "cmd"', 'args = ["/c", "npx", "-y", "express@5.1.0"]') }] }],
    },
  ],
});
