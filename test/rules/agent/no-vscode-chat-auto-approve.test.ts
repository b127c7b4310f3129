import assert from 'node:assert/strict';
import rule, { boundedBacktracking, commandMatcher, globMatcher } from '../../../src/rules/agent/no-vscode-chat-auto-approve';
import { lint, ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const SETTINGS = '.vscode/settings.json';

ruleTester(rule, {
  valid: [
    {
      name: 'an explicit allow-list of safe commands, with risky ones denied (JSONC)',
      filename: SETTINGS,
      code: `{
  // Commands the agent may run without asking
  "chat.tools.terminal.autoApprove": {
    "npm test": true,
    "git status": true,
    "/^git (diff|log)\\\\b/": true,
    "rm": false,
    "curl": false,
    "/.*/": false,
  },
}`,
    },
    {
      name: 'global auto-approve off, sandbox on',
      filename: SETTINGS,
      code: `{ "chat.tools.global.autoApprove": false, "chat.tools.autoApprove": false, "chat.tools.terminal.sandbox.enabled": true, "chat.agent.sandbox": true }`,
    },
    {
      name: 'edits auto-approved for source files, sensitive files denied',
      filename: SETTINGS,
      code: `{ "chat.tools.edits.autoApprove": { "src/**/*.ts": true, "docs/**": true, "**/.vscode/*.json": false, "**/.env*": false } }`,
    },
    {
      name: 'the old Copilot allow-list with read-only commands',
      filename: SETTINGS,
      code: `{ "github.copilot.chat.agent.terminal.allowList": { "ls": true, "pwd": true, "npm run lint": true } }`,
    },
    {
      name: 'object rules that do not approve',
      filename: SETTINGS,
      code: `{ "chat.tools.terminal.autoApprove": { "/.*/": { "approve": false, "matchCommandLine": true }, "rm": { "approve": false } } }`,
    },
    {
      name: 'user settings outside .vscode/ are not shared workspace settings',
      filename: 'settings.json',
      code: `{ "chat.tools.global.autoApprove": true }`,
    },
    {
      name: 'an invalid regex rule and a language block',
      filename: SETTINGS,
      code: `{ "chat.tools.terminal.autoApprove": { "/(unclosed/": true }, "[python]": { "chat.tools.global.autoApprove": true } }`,
    },
    {
      name: 'deeply nested values do not crash or hang',
      filename: SETTINGS,
      code: `{"chat.tools.terminal.autoApprove":${'['.repeat(20000)}${']'.repeat(20000)}}`,
    },
    {
      name: 'unrelated settings',
      filename: SETTINGS,
      code: `{ "editor.formatOnSave": true, "chat.agent.enabled": true, "chat.mcp.discovery.enabled": false }`,
    },
  ],
  invalid: [
    {
      name: 'global auto-approve, with a comment kept by the suggestion',
      filename: SETTINGS,
      code: `{
  // shared
  "editor.tabSize": 2,
  "chat.tools.global.autoApprove": true
}`,
      errors: [
        {
          messageId: 'globalAutoApprove',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 40,
          suggestions: [{ messageId: 'removeSetting', output: `{
  // shared
  "editor.tabSize": 2
}` }],
        },
      ],
    },
    {
      name: 'the pre-1.104 name of the global setting',
      filename: SETTINGS,
      code: `{ "chat.tools.autoApprove": true }`,
      errors: [{ messageId: 'globalAutoApprove', line: 1, column: 3, endLine: 1, endColumn: 33, suggestions: [{ messageId: 'removeSetting', output: `{  }` }] }],
    },
    {
      name: 'a terminal rule that matches every command',
      filename: SETTINGS,
      code: `{
  "chat.tools.terminal.autoApprove": {
    "npm test": true,
    "/.*/": true
  }
}`,
      errors: [
        {
          messageId: 'terminalApproveAll',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 17,
          suggestions: [
            { messageId: 'requireApproval', output: `{
  "chat.tools.terminal.autoApprove": {
    "npm test": true,
    "/.*/": false
  }
}` },
            { messageId: 'removeRule', output: `{
  "chat.tools.terminal.autoApprove": {
    "npm test": true
  }
}` },
          ],
        },
      ],
    },
    {
      name: 'dangerous commands approved by prefix and by regex object',
      filename: SETTINGS,
      code: `{"chat.agent.terminal.autoApprove":{"curl":true,"/^(rm|del)\\\\b/":{"approve":true}}}`,
      errors: [
        {
          messageId: 'terminalApproveDangerous',
          line: 1,
          column: 37,
          endLine: 1,
          endColumn: 48,
          suggestions: [
            { messageId: 'requireApproval', output: `{"chat.agent.terminal.autoApprove":{"curl":false,"/^(rm|del)\\\\b/":{"approve":true}}}` },
            { messageId: 'removeRule', output: `{"chat.agent.terminal.autoApprove":{"/^(rm|del)\\\\b/":{"approve":true}}}` },
          ],
        },
        {
          messageId: 'terminalApproveDangerous',
          line: 1,
          column: 49,
          endLine: 1,
          endColumn: 82,
          suggestions: [
            { messageId: 'requireApproval', output: `{"chat.agent.terminal.autoApprove":{"curl":true,"/^(rm|del)\\\\b/":false}}` },
            { messageId: 'removeRule', output: `{"chat.agent.terminal.autoApprove":{"curl":true}}` },
          ],
        },
      ],
    },
    {
      name: 'a star in the old Copilot allow-list',
      filename: SETTINGS,
      code: `{"github.copilot.chat.agent.terminal.allowList":{"*":true}}`,
      errors: [
        {
          messageId: 'terminalApproveAll',
          line: 1,
          column: 50,
          endLine: 1,
          endColumn: 58,
          suggestions: [
            { messageId: 'requireApproval', output: `{"github.copilot.chat.agent.terminal.allowList":{"*":false}}` },
            { messageId: 'removeRule', output: `{"github.copilot.chat.agent.terminal.allowList":{}}` },
          ],
        },
      ],
    },
    {
      name: 'edits to workspace settings and .env files auto-approved',
      filename: SETTINGS,
      code: `{"chat.tools.edits.autoApprove":{"src/**":true,".vscode/**":true,"**/.env*":true}}`,
      errors: [
        {
          messageId: 'editsSensitive',
          line: 1,
          column: 48,
          endLine: 1,
          endColumn: 65,
          suggestions: [
            { messageId: 'requireApproval', output: `{"chat.tools.edits.autoApprove":{"src/**":true,".vscode/**":false,"**/.env*":true}}` },
            { messageId: 'removeRule', output: `{"chat.tools.edits.autoApprove":{"src/**":true,"**/.env*":true}}` },
          ],
        },
        {
          messageId: 'editsSensitive',
          line: 1,
          column: 66,
          endLine: 1,
          endColumn: 81,
          suggestions: [
            { messageId: 'requireApproval', output: `{"chat.tools.edits.autoApprove":{"src/**":true,".vscode/**":true,"**/.env*":false}}` },
            { messageId: 'removeRule', output: `{"chat.tools.edits.autoApprove":{"src/**":true,".vscode/**":true}}` },
          ],
        },
      ],
    },
    {
      name: 'the terminal sandbox turned off',
      filename: SETTINGS,
      code: `{"chat.tools.terminal.sandbox.enabled":false}`,
      errors: [{ messageId: 'sandboxDisabled', line: 1, column: 2, endLine: 1, endColumn: 45, suggestions: [{ messageId: 'removeSetting', output: `{}` }] }],
    },
  ],
});

describe('agent/no-vscode-chat-auto-approve matchers', () => {
  it('matches terminal rules as VS Code does: prefixes end at a word boundary', () => {
    assert.equal(commandMatcher('rm')('rm -rf x'), true);
    assert.equal(commandMatcher('rm')('rmdir x'), false);
    assert.equal(commandMatcher('/^git\\b/i')('GIT push'), true);
    assert.equal(commandMatcher('/(/')('anything'), false);
  });
  it('converts globs', () => {
    assert.equal(globMatcher('**/.env*')!.test('.env.local'), true);
    assert.equal(globMatcher('**/{package.json,tsconfig.json}')!.test('package.json'), true);
    assert.equal(globMatcher('src/**/*.ts')!.test('.vscode/settings.json'), false);
    assert.equal(globMatcher('./.github/**')!.test('.github/workflows/ci.yml'), true);
    assert.equal(globMatcher('{unbalanced'), undefined);
  });
});

describe('agent/no-vscode-chat-auto-approve: workspace regexes', () => {
  const settings = (pattern: string): string => JSON.stringify({ 'chat.tools.terminal.autoApprove': { [pattern]: true } });

  it('runs regexes whose backtracking is bounded, refuses the others', () => {
    for (const ok of ['^git\\b', '^npm (run )?test$', '^(ci|test)$', '^(git|npm) .*$', '^ls( -[a-z]+)?$', '(?<=x)y', '^[(*+]{2}$']) {
      assert.equal(boundedBacktracking(ok), true, ok);
    }
    for (const bad of ['^(a+)+$', '(a|ab)*c', '(\\w)\\1', '.*.*.*x', '((a)*)+b', '(?:x|y){2,}']) {
      assert.equal(boundedBacktracking(bad), false, bad);
    }
  });

  it('the probes are at most 64 characters (the bound the exemption of commandMatcher names)', () => {
    assert.equal(lint(rule, settings('/^[\\s\\S]{65}/'), SETTINGS).length, 0);
    assert.deepEqual(lint(rule, settings('/^[\\s\\S]{43}/'), SETTINGS).map((f) => f.messageId), ['terminalApproveDangerous']);
  });

  // Before, the workspace's pattern ran as written: this one backtracks 2^43 times on the longest probe.
  it('an exponential pattern does not stall the scan, and hundreds of costly ones are capped', async function () {
    this.timeout(30_000);
    const patterns = Object.fromEntries([['/([\\s\\S]*)*#$/', true], ...Array.from({ length: 5_000 }, (_, i) => [`/.*.*${i}#/`, true])]);
    const code = JSON.stringify({ 'chat.tools.terminal.autoApprove': patterns });
    const { findings, ms } = await lintWithDeadline(rule.id, code, SETTINGS, 10_000);
    assert.deepEqual(findings, []);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });
});
