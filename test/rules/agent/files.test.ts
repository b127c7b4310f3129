import assert from 'node:assert/strict';
import { agentFileKind } from '../../../src/rules/agent/files';

describe('agentFileKind', () => {
  it('recognises each agent configuration by its path, with either separator', () => {
    const cases: Array<[string, string | null]> = [
      ['.vscode/mcp.json', 'mcp-vscode'],
      ['C:\\repo\\.vscode\\mcp.json', 'mcp-vscode'],
      ['.cursor/mcp.json', 'mcp-servers'],
      ['.mcp.json', 'mcp-servers'],
      ['tools/mcp.json', 'mcp-servers'],
      ['.codeium/windsurf/mcp_config.json', 'mcp-servers'],
      ['claude_desktop_config.json', 'mcp-servers'],
      ['.gemini/settings.json', 'gemini-settings'],
      ['.codex/config.toml', 'codex-config'],
      ['.claude/settings.json', 'claude-settings'],
      ['.claude/settings.local.json', 'claude-settings'],
      ['.vscode/settings.json', 'vscode-settings'],
      ['.aider.conf.yml', 'aider-config'],
      ['.continue/config.yaml', 'continue-config'],
      ['.cursorrules', 'rules-file'],
      ['.cursor/rules/security.mdc', 'rules-file'],
      ['.github/copilot-instructions.md', 'rules-file'],
      ['.github/instructions/api.instructions.md', 'rules-file'],
      ['prompts/review.prompt.md', 'rules-file'],
      ['AGENTS.md', 'rules-file'],
      ['packages/web/CLAUDE.md', 'rules-file'],
      ['skills/pdf/SKILL.md', 'rules-file'],
    ];
    for (const [file, kind] of cases) assert.equal(agentFileKind(file), kind, file);
  });

  it('leaves ordinary files alone', () => {
    for (const file of ['package.json', 'settings.json', 'config.toml', '.claude/commands/review.md', 'docs/rules/mdc.md', 'README.md', 'src/mcp.ts', 'rules/x.mdc']) {
      assert.equal(agentFileKind(file), null, file);
    }
  });
});
