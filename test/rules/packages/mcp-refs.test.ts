import newPackage from '../../../src/rules/packages/no-new-package';
import nonexistent from '../../../src/rules/packages/no-nonexistent-package';
import { ruleTester } from '../../lib/rule-tester';

// The supply-chain rules read the package each MCP server runs through npx/uvx/pipx.
const lines = (...l: string[]): string => l.join('\n');
const servers = (key: string, server: string): string => lines('{', `  "${key}": {`, `    ${server}`, '  }', '}');

ruleTester(nonexistent, {
  valid: [
    { name: 'an npm package that exists, pinned', filename: '.vscode/mcp.json', code: servers('servers', '"web": { "command": "npx", "args": ["-y", "express@5.1.0"] }') },
    { name: 'a PyPI package that exists', filename: '.mcp.json', code: servers('mcpServers', '"http": { "command": "uvx", "args": ["httpx"] }') },
    { name: 'a docker image is not a registry package', filename: '.cursor/mcp.json', code: servers('mcpServers', '"gh": { "command": "docker", "args": ["run", "-i", "ghcr.io/github/github-mcp-server"] }') },
    { name: 'an allow-listed private package', filename: '.cursor/mcp.json', code: servers('mcpServers', '"acme": { "command": "npx", "args": ["-y", "acme-internal-sdk"] }') },
  ],
  invalid: [
    {
      name: 'npx runs a package that does not exist',
      filename: '.cursor/mcp.json',
      code: servers('mcpServers', '"weather": { "command": "npx", "args": ["-y", "mcp-weathr-server-kit"] }'),
      errors: [{ messageId: 'notFound', line: 3, column: 52, endLine: 3, endColumn: 73 }],
    },
    {
      name: 'uvx --from in Codex TOML runs a PyPI project that does not exist',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.fetch]', 'command = "uvx"', 'args = ["--from", "mcp-server-fetchh==1.0.0", "mcp-server-fetch"]'),
      errors: [{ messageId: 'notFound', line: 3, column: 20, endLine: 3, endColumn: 37 }],
    },
  ],
});

ruleTester(newPackage, {
  valid: [
    { name: 'an established npm package', filename: '.vscode/mcp.json', code: servers('servers', '"web": { "command": "npx", "args": ["-y", "express@5.1.0"] }') },
    { name: 'an established PyPI package through pipx', filename: '.gemini/settings.json', code: servers('mcpServers', '"api": { "command": "pipx", "args": ["run", "--spec", "fastapi==0.115.6", "fastapi"] }') },
  ],
  invalid: [
    {
      name: 'npx runs a package published days ago',
      filename: '.vscode/mcp.json',
      code: servers('servers', '"weather": { "command": "npx", "args": ["-y", "mcp-weather-server-kit@1.0.0"] }'),
      errors: [{ messageId: 'newPackage', line: 3, column: 52, endLine: 3, endColumn: 74 }],
    },
    {
      name: 'uvx runs a PyPI project published days ago',
      filename: '.mcp.json',
      code: servers('mcpServers', '"fastapi": { "command": "uvx", "args": ["fastapi-mcp-toolkit"] }'),
      errors: [{ messageId: 'newPackage', line: 3, column: 46, endLine: 3, endColumn: 65 }],
    },
  ],
});
