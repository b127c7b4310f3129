import rule from '../../../src/rules/agent/no-insecure-mcp-transport';
import { ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
const servers = (key: string, server: string): string => lines('{', '  // remote servers', `  "${key}": {`, `    ${server}`, '  }', '}');

ruleTester(rule, {
  valid: [
    { name: 'https', filename: '.vscode/mcp.json', code: servers('servers', '"github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" }') },
    { name: 'localhost over http', filename: '.vscode/mcp.json', code: servers('servers', '"dev": { "type": "sse", "url": "http://localhost:3001/sse" }') },
    { name: '127.0.0.1 and [::1]', filename: '.cursor/mcp.json', code: servers('mcpServers', '"a": { "url": "http://127.0.0.1:8080/mcp" }, "b": { "url": "http://[::1]:8080/mcp" }') },
    { name: 'Windsurf serverUrl over https', filename: 'mcp_config.json', code: servers('mcpServers', '"figma": { "serverUrl": "https://mcp.figma.com/mcp" }') },
    { name: 'templated host', filename: '.mcp.json', code: servers('mcpServers', '"api": { "type": "http", "url": "http://${MCP_HOST}/mcp" }') },
    { name: 'mcp-remote to a local port', filename: 'claude_desktop_config.json', code: servers('mcpServers', '"bridge": { "command": "npx", "args": ["-y", "mcp-remote@0.1.16", "http://localhost:8787/sse"] }') },
    { name: 'Codex: https url', filename: '.codex/config.toml', code: lines('[mcp_servers.figma]', 'url = "https://mcp.figma.com/mcp"') },
  ],
  invalid: [
    {
      name: 'VS Code http server on another host',
      filename: '.vscode/mcp.json',
      code: servers('servers', '"docs": { "type": "http", "url": "http://mcp.internal.example.com/mcp" }'),
      errors: [{ messageId: 'plainHttp', line: 4, column: 39, endLine: 4, endColumn: 74, suggestions: [{ messageId: 'useHttps', output: servers('servers', '"docs": { "type": "http", "url": "https://mcp.internal.example.com/mcp" }') }] }],
    },
    {
      name: 'Gemini httpUrl to a LAN address',
      filename: '.gemini/settings.json',
      code: servers('mcpServers', '"lan": { "httpUrl": "http://192.168.1.20:8000/mcp" }'),
      errors: [{ messageId: 'plainHttp', line: 4, column: 26, endLine: 4, endColumn: 54, suggestions: [{ messageId: 'useHttps', output: servers('mcpServers', '"lan": { "httpUrl": "https://192.168.1.20:8000/mcp" }') }] }],
    },
    {
      name: 'mcp-remote bridge over http',
      filename: '.cursor/mcp.json',
      code: servers('mcpServers', '"bridge": { "command": "npx", "args": ["-y", "mcp-remote", "http://mcp.example.com/sse"] }'),
      errors: [{ messageId: 'plainHttp', line: 4, column: 65, endLine: 4, endColumn: 91, suggestions: [{ messageId: 'useHttps', output: servers('mcpServers', '"bridge": { "command": "npx", "args": ["-y", "mcp-remote", "https://mcp.example.com/sse"] }') }] }],
    },
    {
      name: 'Codex url',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.docs]', 'url = "http://docs.example.com/mcp"'),
      errors: [{ messageId: 'plainHttp', line: 2, column: 8, endLine: 2, endColumn: 35, suggestions: [{ messageId: 'useHttps', output: lines('[mcp_servers.docs]', 'url = "https://docs.example.com/mcp"') }] }],
    },
  ],
});
