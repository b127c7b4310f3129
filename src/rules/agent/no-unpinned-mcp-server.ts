import { defineRule } from '../../engine/rule';
import type { PackageInfo } from '../../services/registry-common';
import { REGISTRY_SERVICE } from '../../services/registry-service';
import { launchedPackage, mcpConfig, packageNameRange, pinEdit, type LaunchedPackage } from './mcp-model';

export default defineRule({
  id: 'agent/no-unpinned-mcp-server',
  languages: ['json', 'toml'],
  meta: {
    description: 'MCP servers started through npx, uvx or pipx must pin an exact package version',
    severity: 'warning',
    category: 'agent-guardrails',
    riskArea: 'supply-chain',
    cwe: ['CWE-1357', 'CWE-494'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: ['package-registry'],
    messages: {
      unpinned:
        "MCP server '{{server}}' runs '{{name}}' through {{runner}} without a pinned version{{spec}}: every start installs whatever the registry serves at that moment, so a hijacked or malicious release runs at once with the agent's access to your files and credentials. Pin an exact version.",
      pinVersion: 'Pin {{name}} to {{version}}',
    },
  },
  create(context) {
    const ask = (server: string, pkg: LaunchedPackage): void => {
      context.ask<PackageInfo>(REGISTRY_SERVICE, { ecosystem: pkg.ecosystem, name: pkg.name }, (info) => {
        const spec = pkg.spec === undefined ? '' : ` ('${pkg.spec}' is not a pin)`;
        const latest = typeof info === 'object' && info !== null && info.status === 'found' ? info.latest : null;
        const edit = latest ? pinEdit(pkg, latest) : undefined;
        context.report({
          range: packageNameRange(pkg),
          messageId: 'unpinned',
          data: { server, name: pkg.name, runner: pkg.runner, spec },
          suggest: edit ? [{ messageId: 'pinVersion', data: { name: pkg.name, version: latest! }, edits: [edit] }] : [],
          properties: { ecosystem: pkg.ecosystem, package: pkg.name, ...(latest ? { latest } : {}) },
        });
      });
    };
    return {
      File() {
        for (const server of mcpConfig(context)?.servers ?? []) {
          const pkg = launchedPackage(server);
          if (pkg && !pkg.pinned) ask(server.name, pkg);
        }
      },
    };
  },
});
