import assert from 'node:assert/strict';
import type { FileResult, Finding, RiskArea } from '../../src/engine/types';
import { builtinRules } from '../../src/rules';
import {
  describeFilter,
  ecosystemOf,
  filterFindings,
  findingDescription,
  groupFindings,
  iacPlatformOf,
  llmProvidersIn,
  NO_FILTER,
  summarizeWorkspace,
  summaryLine,
  summaryRows,
  suppressedDescription,
  suppressedItems,
  suppressedLabel,
  viewFindings,
  type ViewFile,
} from '../../src/vscode/view/findings-tree';

const AREAS = new Map<string, RiskArea>(builtinRules.map((r) => [r.id, r.meta.riskArea]));
const areaOf = (id: string) => AREAS.get(id);

function finding(ruleId: string, line: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId, messageId: 'm', message: `${ruleId} at ${line}`, severity: 'error', file: 'x',
    range: [0, 1], start: { line, column: 3 }, end: { line, column: 9 }, suggestions: [], related: [], ...over,
  };
}

function file(path: string, findings: Finding[] = [], language: string | null = 'js'): ViewFile {
  const result: FileResult = { file: path, language, findings, errors: [] };
  return { file: path, uri: `file:///ws/${path}`, result };
}

const FILES: ViewFile[] = [
  file('src/server.js', [
    finding('js/no-shell-injection', 12),
    finding('js/no-user-input-in-system-prompt', 30, { severity: 'warning', message: 'Request data goes into the system prompt' }),
    finding('js/no-sql-injection', 5, { suppressed: { kind: 'inline', reason: 'constant table name' } }),
  ]),
  file('.vscode/mcp.json', [finding('agent/no-unpinned-mcp-server', 4, { severity: 'warning' }), finding('agent/no-mcp-shell-command', 7, { severity: 'warning' })], 'json'),
  file('package.json', [finding('packages/no-typosquat', 9, { severity: 'info' })], 'json'),
  file('src/clean.js', []),
];

describe('Rampart view (no VS Code needed)', () => {
  describe('groupFindings', () => {
    const items = viewFindings(FILES).filter((f) => !f.finding.suppressed);

    it('groups by the five risk areas in reporting order, with counts, keeping empty areas', () => {
      const groups = groupFindings(items, 'area', areaOf);
      assert.deepEqual(
        groups.map((g) => [g.label, g.description]),
        [
          ['Misuse and emergent behaviour', '1'],
          ['AI in operation', '1'],
          ['AI development and infrastructure', '1'],
          ['The AI supply chain', '2'],
          ['Readiness and oversight', '0'],
        ],
      );
      assert.deepEqual(groups[3].findings.map((f) => f.finding.ruleId), ['agent/no-unpinned-mcp-server', 'packages/no-typosquat']);
    });

    it('puts findings of unknown rules under "Other" rather than losing them', () => {
      const groups = groupFindings([...items, { finding: finding('x/no-thing', 1), file: 'a.js', uri: 'file:///ws/a.js' }], 'area', areaOf);
      assert.deepEqual(groups.at(-1)!.label, 'Other');
      assert.equal(groups.at(-1)!.findings.length, 1);
    });

    it('groups by severity (empty ones left out), by rule and by file, sorted', () => {
      assert.deepEqual(groupFindings(items, 'severity', areaOf).map((g) => [g.label, g.description]), [['Errors', '1'], ['Warnings', '3'], ['Info', '1']]);
      assert.deepEqual(groupFindings(items, 'file', areaOf).map((g) => [g.label, g.description]), [['.vscode/mcp.json', '2'], ['package.json', '1'], ['src/server.js', '2']]);
      const byRule = groupFindings(items, 'rule', areaOf);
      assert.deepEqual(byRule.map((g) => g.label), ['agent/no-mcp-shell-command', 'agent/no-unpinned-mcp-server', 'js/no-shell-injection', 'js/no-user-input-in-system-prompt', 'packages/no-typosquat']);
      // Within a group: by line.
      assert.deepEqual(groupFindings(items, 'file', areaOf)[2].findings.map((f) => f.finding.start.line), [12, 30]);
    });

    it('describes a finding by what its group does not already say', () => {
      const [item] = items;
      assert.equal(findingDescription(item, 'area'), 'js/no-shell-injection · src/server.js:12');
      assert.equal(findingDescription(item, 'rule'), 'src/server.js:12');
      assert.equal(findingDescription(item, 'file'), 'js/no-shell-injection · Ln 12');
    });
  });

  describe('filters', () => {
    const items = viewFindings(FILES);

    it('lets everything through without a filter', () => {
      assert.equal(filterFindings(items, NO_FILTER).length, items.length);
      assert.equal(describeFilter(NO_FILTER), undefined);
    });

    it('filters by severity and by text in the message, rule id or file, case-insensitively', () => {
      assert.deepEqual(filterFindings(items, { severities: ['info'], text: '' }).map((f) => f.finding.ruleId), ['packages/no-typosquat']);
      assert.deepEqual(filterFindings(items, { severities: null, text: 'SYSTEM PROMPT' }).map((f) => f.finding.ruleId), ['js/no-user-input-in-system-prompt']);
      assert.deepEqual(filterFindings(items, { severities: null, text: 'mcp.json' }).map((f) => f.file), ['.vscode/mcp.json', '.vscode/mcp.json']);
      assert.deepEqual(filterFindings(items, { severities: ['error'], text: 'mcp' }), []);
      assert.equal(filterFindings(items, { severities: null, text: '   ' }).length, items.length, 'blank text is no filter');
    });

    it('says what the filter is', () => {
      assert.equal(describeFilter({ severities: ['error', 'warning'], text: ' sql ' }), 'Filter: error, warning · "sql"');
      assert.equal(describeFilter({ severities: null, text: 'mcp' }), 'Filter: "mcp"');
    });
  });

  describe('suppressed findings', () => {
    it('lists suppressed findings with their reason, and the expiry of the config entry', () => {
      const files = [
        file('a.js', [
          finding('js/no-sql-injection', 5, { suppressed: { kind: 'inline', reason: 'constant table name' } }),
          finding('js/no-ssrf', 8, { suppressed: { kind: 'config', reason: 'internal proxy' } }),
          finding('js/no-shell-injection', 9),
        ]),
      ];
      const items = suppressedItems(viewFindings(files), () => [{ rule: 'js/no-ssrf', reason: 'internal proxy', expires: '2099-12-31', expired: false }]);
      assert.deepEqual(items.map((i) => [i.finding.ruleId, i.kind, i.reason, i.expires, i.expired]), [
        ['js/no-sql-injection', 'inline', 'constant table name', undefined, false],
        ['js/no-ssrf', 'config', 'internal proxy', '2099-12-31', false],
      ]);
      assert.equal(suppressedLabel(items), 'Suppressed (2)');
      assert.equal(suppressedDescription(items[1]), 'internal proxy · until 2099-12-31');
    });

    it('flags findings whose suppression expired (they count again), matching rule and line', () => {
      const files = [file('a.js', [finding('js/no-ssrf', 8), finding('js/no-ssrf', 20), finding('js/no-xss', 8)])];
      const items = suppressedItems(viewFindings(files), () => [{ rule: 'js/no-ssrf', reason: 'until the proxy ships', line: 8, expires: '2024-01-31', expired: true }]);
      assert.deepEqual(items.map((i) => [i.finding.ruleId, i.finding.start.line, i.expired]), [['js/no-ssrf', 8, true]]);
      assert.equal(suppressedLabel(items), 'Suppressed (0, 1 expired)');
      assert.equal(suppressedDescription(items[0]), 'until the proxy ships · EXPIRED on 2024-01-31, counts again');
    });
  });

  describe('workspace summary', () => {
    it('finds LLM SDK imports in JS/TS and Python', () => {
      assert.deepEqual(llmProvidersIn(`import OpenAI from 'openai';\nconst a = require("@anthropic-ai/sdk");\nimport { openai } from '@ai-sdk/openai';`, 'js'), ['Anthropic', 'OpenAI']);
      assert.deepEqual(llmProvidersIn(`import os, anthropic\nfrom openai.types import Chat\nimport google.generativeai as genai`, 'python'), ['Anthropic', 'Google Gemini', 'OpenAI']);
      assert.deepEqual(llmProvidersIn(`import express from 'express';\n// openai is mentioned in a comment\nconst openai = 1;`, 'js'), []);
      assert.deepEqual(llmProvidersIn(`import openai from 'openai'`, 'yaml'), []);
      assert.deepEqual(llmProvidersIn(`from myapp.openai import client`, 'python'), []);
    });

    it('names IaC platforms and package ecosystems', () => {
      assert.equal(iacPlatformOf('infra/main.tf'), 'Terraform');
      assert.equal(iacPlatformOf('Dockerfile'), 'Dockerfile');
      assert.equal(iacPlatformOf('docker-compose.yml'), 'Docker Compose');
      assert.equal(iacPlatformOf('.github/workflows/ci.yml'), 'GitHub Actions');
      assert.equal(iacPlatformOf('k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'Kubernetes');
      assert.equal(iacPlatformOf('stack.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n'), 'CloudFormation');
      assert.equal(iacPlatformOf('config.yaml', 'name: x\n'), null);
      assert.equal(iacPlatformOf('src/app.js'), null);
      assert.equal(ecosystemOf('web/package.json'), 'npm');
      assert.equal(ecosystemOf('requirements.txt'), 'PyPI');
      assert.equal(ecosystemOf('pyproject.toml'), 'PyPI');
      assert.equal(ecosystemOf('tsconfig.json'), null);
    });

    it('sums up what the analysed files hold', () => {
      const files = [
        ...FILES,
        file('.claude/settings.json', [], 'json'),
        file('AGENTS.md', [], 'text'),
        file('.vscode/settings.json', [], 'json'),
        file('infra/main.tf', [], 'terraform'),
        file('k8s/app.yaml', [finding('kubernetes/no-privileged-container', 3)], 'yaml'),
        file('stacks/queues.yaml', [finding('aws/no-public-resource-policy', 9)], 'yaml'),
        file('app/chat.py', [], 'python'),
        file('requirements.txt', [], 'text'),
      ];
      const texts: Record<string, string> = { 'src/server.js': `import OpenAI from 'openai';`, 'app/chat.py': 'import anthropic\nimport openai\n' };
      const summary = summarizeWorkspace(files, (f) => texts[f.file]);
      assert.deepEqual(summary, {
        files: 12,
        mcpConfigs: 1,
        agentConfigs: 2,
        llmProviders: { OpenAI: 2, Anthropic: 1 },
        iacPlatforms: { Terraform: 1, Kubernetes: 1, CloudFormation: 1 },
        ecosystems: { npm: 1, PyPI: 1 },
      });
      assert.deepEqual(summaryRows(summary), [
        ['MCP server configs', '1'],
        ['Agent configurations', '2'],
        ['LLM providers in code', 'OpenAI (2), Anthropic (1)'],
        ['IaC platforms', 'CloudFormation (1), Kubernetes (1), Terraform (1)'],
        ['Package ecosystems', 'npm (1), PyPI (1)'],
      ]);
      assert.equal(summaryLine(summary), '12 files analysed · 1 MCP config · 2 agent configs · Anthropic, OpenAI · CloudFormation, Kubernetes, Terraform · npm, PyPI');
      assert.equal(summaryLine(summarizeWorkspace([])), '0 files analysed');
      assert.deepEqual(summaryRows(summarizeWorkspace([]))[2], ['LLM providers in code', 'none found']);
    });
  });
});
