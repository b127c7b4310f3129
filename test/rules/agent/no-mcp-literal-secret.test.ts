import rule from '../../../src/rules/agent/no-mcp-literal-secret';
import { ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
const TOKEN = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const servers = (key: string, server: string): string => lines('{', `  "${key}": {`, `    ${server}`, '  }', '}');
const github = (token: string): string => `"github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" } }`;

ruleTester(rule, {
  valid: [
    { name: 'VS Code input reference', filename: '.vscode/mcp.json', code: servers('servers', github('${input:github-token}')) },
    { name: 'Cursor env reference', filename: '.cursor/mcp.json', code: servers('mcpServers', github('${env:GITHUB_TOKEN}')) },
    { name: 'Claude Code env reference', filename: '.mcp.json', code: servers('mcpServers', github('${GITHUB_TOKEN}')) },
    { name: 'README placeholders', filename: '.cursor/mcp.json', code: servers('mcpServers', github('<YOUR_TOKEN>')) },
    { name: 'empty and xxx placeholders', filename: 'claude_desktop_config.json', code: servers('mcpServers', '"brave": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"], "env": { "BRAVE_API_KEY": "", "OTHER_API_KEY": "xxxxxxxx" } }') },
    { name: 'non-secret env values', filename: '.vscode/mcp.json', code: servers('servers', '"gh": { "command": "docker", "env": { "GITHUB_TOOLSETS": "repos,issues", "LOG_LEVEL": "debug", "GITHUB_HOST": "https://github.example.com", "PUBLIC_KEY_PATH": "./keys/id.pub" } }') },
    { name: 'header with a referenced bearer token', filename: '.vscode/mcp.json', code: servers('servers', '"remote": { "type": "http", "url": "https://mcp.example.com", "headers": { "Authorization": "Bearer ${input:api-token}" } }') },
    { name: 'Codex: env names only', filename: '.codex/config.toml', code: lines('[mcp_servers.github]', 'command = "npx"', 'env_vars = ["GITHUB_TOKEN"]', 'bearer_token_env_var = "GITHUB_TOKEN"') },
    { name: 'not an MCP file', filename: 'settings/servers.json', code: servers('mcpServers', github(TOKEN)) },
  ],
  invalid: [
    {
      name: 'VS Code: GitHub token, replaced by an input that is declared',
      filename: '.vscode/mcp.json',
      code: servers('servers', github(TOKEN)),
      errors: [
        {
          messageId: 'literalSecret',
          line: 3,
          column: 141,
          endLine: 3,
          endColumn: 181,
          suggestions: [
            {
              messageId: 'useInput',
              output: lines(
                '{',
                '  "servers": {',
                `    ${github('${input:github-personal-access-token}')}`,
                '  },',
                '  "inputs": [',
                '    {',
                '      "type": "promptString",',
                '      "id": "github-personal-access-token",',
                '      "description": "GITHUB_PERSONAL_ACCESS_TOKEN for the github MCP server",',
                '      "password": true',
                '    }',
                '  ]',
                '}',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'Cursor: Authorization header, the scheme kept',
      filename: '.cursor/mcp.json',
      code: servers('mcpServers', '"api": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer 9f3kQ7xZ2mP8vL4wR6tY1nB5" } }'),
      errors: [
        {
          messageId: 'literalSecret',
          line: 3,
          column: 90,
          endLine: 3,
          endColumn: 114,
          suggestions: [{ messageId: 'useEnv', output: servers('mcpServers', '"api": { "url": "https://mcp.example.com/mcp", "headers": { "Authorization": "Bearer ${env:AUTH_TOKEN}" } }') }],
        },
      ],
    },
    {
      name: 'Claude Code .mcp.json: ${NAME} expansion',
      filename: '.mcp.json',
      code: servers('mcpServers', '"brave": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"], "env": { "BRAVE_API_KEY": "BSAq8ZkT3mW9xY2vR7pL4nC6" } }'),
      errors: [
        {
          messageId: 'literalSecret',
          line: 3,
          column: 122,
          endLine: 3,
          endColumn: 146,
          suggestions: [{ messageId: 'useEnv', output: servers('mcpServers', '"brave": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-brave-search"], "env": { "BRAVE_API_KEY": "${BRAVE_API_KEY}" } }') }],
        },
      ],
    },
    {
      name: 'Claude Desktop: no reference syntax, no suggestion',
      filename: 'claude_desktop_config.json',
      code: servers('mcpServers', github(TOKEN)),
      errors: [{ messageId: 'literalSecret', line: 3, column: 141, endLine: 3, endColumn: 181 }],
    },
    {
      name: 'Codex TOML: env sub-table',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.github]', 'command = "npx"', 'args = ["-y", "@modelcontextprotocol/server-github"]', '', '[mcp_servers.github.env]', `GITHUB_PERSONAL_ACCESS_TOKEN = "${TOKEN}"`),
      errors: [{ messageId: 'literalSecret', line: 6, column: 33, endLine: 6, endColumn: 73 }],
    },
  ],
});
