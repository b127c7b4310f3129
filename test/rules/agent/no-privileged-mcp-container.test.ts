import rule from '../../../src/rules/agent/no-privileged-mcp-container';
import { ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
const docker = (args: string, key = 'servers'): string =>
  lines('{', `  "${key}": {`, '    "github": {', '      "command": "docker",', `      "args": [${args}]`, '    }', '  }', '}');
const IMAGE = '"ghcr.io/github/github-mcp-server"';

ruleTester(rule, {
  valid: [
    { name: 'the GitHub MCP server README launch', filename: '.vscode/mcp.json', code: docker(`"run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", ${IMAGE}`) },
    { name: 'a project bind mount, read-only', filename: '.mcp.json', code: docker(`"run", "-i", "--rm", "--mount", "type=bind,src=\${PWD},dst=/projects/app,ro", "mcp/filesystem", "/projects"`, 'mcpServers') },
    { name: 'a bridge network and dropped capabilities', filename: '.cursor/mcp.json', code: docker(`"run", "-i", "--rm", "--network", "bridge", "--cap-drop", "ALL", ${IMAGE}`, 'mcpServers') },
    { name: 'options after the image belong to the server', filename: '.vscode/mcp.json', code: docker(`"run", "-i", "--rm", ${IMAGE}, "--privileged"`) },
    { name: 'docker exec is not a run', filename: '.vscode/mcp.json', code: docker('"exec", "-i", "mcp", "server"') },
    { name: 'Codex: plain run', filename: '.codex/config.toml', code: lines('[mcp_servers.github]', 'command = "docker"', `args = ["run", "-i", "--rm", ${IMAGE}]`) },
  ],
  invalid: [
    {
      name: '--privileged',
      filename: '.vscode/mcp.json',
      code: docker(`"run", "-i", "--privileged", ${IMAGE}`),
      errors: [{ messageId: 'privileged', line: 5, column: 30, endLine: 5, endColumn: 42 }],
    },
    {
      name: 'host network and pid namespace, inline and separate values',
      filename: '.mcp.json',
      code: docker(`"run", "-i", "--network=host", "--pid", "host", ${IMAGE}`, 'mcpServers'),
      errors: [
        { messageId: 'privileged', line: 5, column: 30, endLine: 5, endColumn: 44 },
        { messageId: 'privileged', line: 5, column: 48, endLine: 5, endColumn: 61 },
      ],
    },
    {
      name: 'the docker socket and the host root mounted',
      filename: '.cursor/mcp.json',
      code: docker(`"run", "-i", "-v", "/var/run/docker.sock:/var/run/docker.sock", "--volume=/:/host", ${IMAGE}`, 'mcpServers'),
      errors: [
        { messageId: 'privileged', line: 5, column: 30, endLine: 5, endColumn: 77 },
        { messageId: 'privileged', line: 5, column: 81, endLine: 5, endColumn: 97 },
      ],
    },
    {
      name: 'Codex: --cap-add SYS_ADMIN with podman',
      filename: '.codex/config.toml',
      code: lines('[mcp_servers.github]', 'command = "podman"', `args = ["run", "-i", "--cap-add", "SYS_ADMIN", ${IMAGE}]`),
      errors: [{ messageId: 'privileged', line: 3, column: 23, endLine: 3, endColumn: 45 }],
    },
  ],
});
