import rule from '../../../src/rules/agent/no-unsandboxed-auto-approval';
import { ruleTester } from '../../lib/rule-tester';

const CODEX = '.codex/config.toml';
const GEMINI = '.gemini/settings.json';
const AIDER = '.aider.conf.yml';

ruleTester(rule, {
  valid: [
    {
      name: 'Codex: no approval inside the workspace sandbox without network',
      filename: CODEX,
      code: `approval_policy = "never"
sandbox_mode = "workspace-write"

[sandbox_workspace_write]
network_access = false
`,
    },
    {
      name: 'Codex: full access, but every command asks first',
      filename: CODEX,
      code: `approval_policy = "untrusted"  # ask before anything not known to be safe
sandbox_mode = "danger-full-access"
`,
    },
    {
      name: 'Codex: network in the sandbox with approvals on request',
      filename: CODEX,
      code: `approval_policy = "on-request"
sandbox_mode = "workspace-write"
[sandbox_workspace_write]
network_access = true
`,
    },
    {
      name: 'Codex: a read-only profile next to MCP servers',
      filename: CODEX,
      code: `[profiles.review]
approval_policy = "never"
sandbox_mode = "read-only"

[mcp_servers.docs]
command = "npx"
args = ["-y", "@acme/docs-mcp@1.2.3"]
`,
    },
    {
      name: 'Gemini: default approval mode and a shell allow-list of exact commands (JSONC)',
      filename: GEMINI,
      code: `{
  // reviewed by the platform team
  "general": { "defaultApprovalMode": "default" },
  "tools": { "autoAccept": false, "allowed": ["run_shell_command(git status)", "run_shell_command(npm test)", "read_file"] },
  "security": { "disableYoloMode": true }
}`,
    },
    {
      name: 'Gemini: MCP servers only',
      filename: GEMINI,
      code: `{ "mcpServers": { "github": { "httpUrl": "https://api.githubcopilot.com/mcp/" } } }`,
    },
    {
      name: 'Aider: confirmations left on',
      filename: AIDER,
      code: `# shared aider settings
model: sonnet
yes-always: false
auto-commits: true
`,
    },
    {
      name: 'a .toml elsewhere is not a Codex config',
      filename: 'config.toml',
      code: `approval_policy = "never"\nsandbox_mode = "danger-full-access"\n`,
    },
    {
      name: 'an ordinary YAML file with yes-always',
      filename: 'ci/aider.yml',
      code: `yes-always: true\n`,
    },
  ],
  invalid: [
    {
      name: 'Codex: never asking with full access, comment kept by the suggestion',
      filename: CODEX,
      code: `# Codex for this repo
approval_policy = "never"
sandbox_mode = "danger-full-access" # fast
`,
      errors: [
        {
          messageId: 'codexNoApprovalNoSandbox',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 36,
          suggestions: [{ messageId: 'setSandboxWorkspaceWrite', output: `# Codex for this repo
approval_policy = "never"
sandbox_mode = "workspace-write" # fast
` }],
        },
      ],
    },
    {
      name: 'Codex: a profile that turns approvals off on top of full access',
      filename: CODEX,
      code: `sandbox_mode = "danger-full-access"
approval_policy = "on-request"

[profiles.yolo]
approval_policy = 'never'
`,
      errors: [
        {
          messageId: 'codexNoApprovalNoSandbox',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 26,
          suggestions: [{ messageId: 'setApprovalOnRequest', output: `sandbox_mode = "danger-full-access"
approval_policy = "on-request"

[profiles.yolo]
approval_policy = "on-request"
` }],
        },
      ],
    },
    {
      name: 'Codex: network in the sandbox with no approvals',
      filename: CODEX,
      code: `approval_policy = "never"
sandbox_mode = "workspace-write"

[sandbox_workspace_write]
network_access = true
`,
      errors: [
        {
          messageId: 'codexNetworkNoApproval',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 22,
          suggestions: [{ messageId: 'setFalse', output: `approval_policy = "never"
sandbox_mode = "workspace-write"

[sandbox_workspace_write]
network_access = false
` }],
        },
      ],
    },
    {
      name: 'Gemini: yolo, auto-accept and every shell command (JSONC)',
      filename: GEMINI,
      code: `{
  // team settings
  "general": { "defaultApprovalMode": "yolo" },
  "tools": {
    "autoAccept": true,
    "allowed": ["run_shell_command(git status)", "run_shell_command"]
  }
}`,
      errors: [
        {
          messageId: 'geminiYolo',
          line: 3,
          column: 39,
          endLine: 3,
          endColumn: 45,
          suggestions: [{ messageId: 'setDefaultMode', output: `{
  // team settings
  "general": { "defaultApprovalMode": "default" },
  "tools": {
    "autoAccept": true,
    "allowed": ["run_shell_command(git status)", "run_shell_command"]
  }
}` }],
        },
        {
          messageId: 'geminiAutoAccept',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 23,
          suggestions: [{ messageId: 'setFalse', output: `{
  // team settings
  "general": { "defaultApprovalMode": "yolo" },
  "tools": {
    "autoAccept": false,
    "allowed": ["run_shell_command(git status)", "run_shell_command"]
  }
}` }],
        },
        {
          messageId: 'geminiShellAllowed',
          line: 6,
          column: 50,
          endLine: 6,
          endColumn: 69,
          suggestions: [{ messageId: 'removeEntry', output: `{
  // team settings
  "general": { "defaultApprovalMode": "yolo" },
  "tools": {
    "autoAccept": true,
    "allowed": ["run_shell_command(git status)"]
  }
}` }],
        },
      ],
    },
    {
      name: 'Gemini: the v1 top-level autoAccept',
      filename: GEMINI,
      code: `{"autoAccept":true}`,
      errors: [{ messageId: 'geminiAutoAccept', line: 1, column: 15, endLine: 1, endColumn: 19, suggestions: [{ messageId: 'setFalse', output: `{"autoAccept":false}` }] }],
    },
    {
      name: 'Aider: yes-always, also in its YAML 1.1 spelling',
      filename: AIDER,
      code: `model: sonnet
yes-always: true
---
yes: yes
`,
      errors: [
        { messageId: 'aiderYesAlways', line: 2, column: 13, endLine: 2, endColumn: 17, suggestions: [{ messageId: 'setFalse', output: `model: sonnet\nyes-always: false\n---\nyes: yes\n` }] },
        { messageId: 'aiderYesAlways', line: 4, column: 6, endLine: 4, endColumn: 9, suggestions: [{ messageId: 'setFalse', output: `model: sonnet\nyes-always: true\n---\nyes: false\n` }] },
      ],
    },
  ],
});
