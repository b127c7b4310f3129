import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Service } from '../../../src/engine/analyzer';
import type { Finding } from '../../../src/engine/types';
import rule from '../../../src/rules/packages/no-nonexistent-package';
import { closedPortUrl, createTestServices, startRegistryFixture, type RegistryFixture } from '../../lib/registry-fixture';
import { lintAsync } from '../../lib/rule-tester';

// A package that does not exist is reported where it is written in every file: at the manifest entry
// and at each import, which names the manifest entry. A project of its own, with a scoped made-up
// dependency, non-registry specs, a nested manifest and Python requirements; the real fixture registry.

const lines = (...l: string[]): string => l.join('\n');

const PACKAGE_JSON = lines(
  '{',
  '  "name": "agent-app",',
  '  "private": true,',
  '  "workspaces": ["packages/*"],',
  '  "dependencies": {',
  '    "@acme-ai/agent-tools": "^1.2.0",',
  '    "local-lib": "file:../local-lib",',
  '    "my-lodash": "npm:lodash@^4.17.21",',
  '    "agent-fork": "github:acme/agent-fork",',
  '    "express": "^4.21.2"',
  '  }',
  '}',
  '',
);

const REQUIREMENTS = lines('requests>=2.31', 'langchain-memory-ai==0.1.0', 'acme-weather @ git+https://github.com/acme/weather.git', '');

const AGENT_TS = lines(
  "import { Agent } from '@acme-ai/agent-tools/runtime';",
  "import type { Tool } from '@acme-ai/agent-tools';",
  "import local from 'local-lib';",
  "import _ from 'my-lodash';",
  "import fork from 'agent-fork/dist/index.js';",
  "import { Button } from '@acme-ai/ui';",
  "import fs from 'node:fs';",
  "import express from 'express';",
  "import { helper } from './helper';",
);

const AGENT_PY = lines('import os', 'import requests', 'import langchain_memory_ai', 'import acme_weather', 'from . import tools', '');

/** The related locations of a finding that are in other files: [file, line, column, endLine, endColumn, message]. */
const links = (f: Finding) => f.related.filter((r) => r.file !== undefined).map((r) => [r.file, r.start.line, r.start.column, r.end.line, r.end.column, r.message]);

/** [line, column, endColumn, messageId, declaredIn] of each finding. */
const summary = (findings: Finding[]) => findings.map((f) => [f.start.line, f.start.column, f.end.column, f.messageId, f.properties?.declaredIn]);

describe('packages/no-nonexistent-package: declared imports in a project', () => {
  let root: string;
  let fixture: RegistryFixture;
  let services: Record<string, Service>;
  const lint = (code: string, file: string, through = services) => lintAsync(rule, code, file, {}, through);

  before(async function () {
    this.timeout(20_000);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-declared-'));
    const files: Record<string, string> = {
      'package.json': PACKAGE_JSON,
      'packages/ui/package.json': '{ "name": "@acme-ai/ui", "version": "1.0.0" }\n',
      'packages/api/package.json': '{\n  "name": "api",\n  "dependencies": {\n    "express-ai-guardrails": "^0.3.0"\n  }\n}\n',
      'requirements.txt': REQUIREMENTS,
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    fixture = await startRegistryFixture();
    services = createTestServices(fixture, { root });
  });
  after(async () => {
    await fixture?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the manifest entry of a scoped made-up package is reported', async () => {
    assert.deepEqual(summary(await lint(PACKAGE_JSON, 'package.json')), [[6, 6, 26, 'notFound', undefined]]);
  });

  it('a subpath import of it too, on the package name, naming the entry; type-only, file:, git, alias, workspace and built-in imports are not', async () => {
    const findings = await lint(AGENT_TS, 'src/agent.ts');
    assert.deepEqual(summary(findings), [[1, 24, 44, 'declaredImportNotFound', 'package.json:6:6']]);
    assert.match(findings[0].message, /^'@acme-ai\/agent-tools' is imported here and declared in package\.json \(line 6\), but the npm registry has no such package\. /);
  });

  it('the nearest manifest is named: a workspace member’s own package.json', async () => {
    const findings = await lint("const guard = require('express-ai-guardrails');\n", 'packages/api/src/server.js');
    assert.deepEqual(summary(findings), [[1, 24, 45, 'declaredImportNotFound', 'packages/api/package.json:4:6']]);
    assert.match(findings[0].message, /declared in packages\/api\/package\.json \(line 4\)/);
  });

  it('Python: the requirement and its import are both reported; stdlib, relative and git-sourced imports are not', async () => {
    assert.deepEqual(summary(await lint(REQUIREMENTS, 'requirements.txt')), [[2, 1, 20, 'notFound', undefined]]);
    assert.deepEqual(summary(await lint(AGENT_PY, 'agent.py')), [[3, 8, 27, 'declaredImportNotFound', 'requirements.txt:2:1']]);
  });

  it('an import links to the manifest entry that declares it, with the entry’s exact range', async () => {
    const [agent] = await lint(AGENT_TS, 'src/agent.ts');
    assert.deepEqual(links(agent), [['../package.json', 6, 6, 6, 26, 'Declared here (package.json)']]);
    const declared = agent.related[0];
    assert.equal(PACKAGE_JSON.slice(declared.range[0], declared.range[1]), '@acme-ai/agent-tools');
    // The manifest's own finding covers the same range: the two findings point at each other's places.
    const [entry] = await lint(PACKAGE_JSON, 'package.json');
    assert.deepEqual([entry.range, entry.start, entry.end], [declared.range, declared.start, declared.end]);
    assert.equal(agent.related.length, 1, 'nothing else of the package in the file');
  });

  it('the link names the nearest declaring manifest from the importing file’s folder', async () => {
    const [server] = await lint("const guard = require('express-ai-guardrails');\n", 'packages/api/src/server.js');
    assert.deepEqual(links(server), [['../package.json', 4, 6, 4, 27, 'Declared here (packages/api/package.json)']]);
    const [deep] = await lint("import guard from 'express-ai-guardrails';\n", 'packages/api/src/middleware/guard.ts');
    assert.deepEqual(links(deep), [['../../package.json', 4, 6, 4, 27, 'Declared here (packages/api/package.json)']]);
  });

  it('Python: the import links to the requirement, from any depth', async () => {
    const [top] = await lint(AGENT_PY, 'agent.py');
    assert.deepEqual(links(top), [['requirements.txt', 2, 1, 2, 20, 'Declared here (requirements.txt)']]);
    assert.equal(REQUIREMENTS.slice(top.related[0].range[0], top.related[0].range[1]), 'langchain-memory-ai');
    const [deep] = await lint('from langchain_memory_ai import Memory\n', 'app/tools/memory.py');
    assert.deepEqual(links(deep), [['../../requirements.txt', 2, 1, 2, 20, 'Declared here (requirements.txt)']]);
  });

  it('no link when no manifest of the file’s project declares the name, even if another project’s does', async () => {
    const code = "import guard from 'express-ai-guardrails';\nimport mem from 'agent-memory-kit-ai';\nimport express from 'express';\n";
    const findings = await lint(code, 'src/gateway.ts');
    assert.deepEqual(summary(findings), [
      [1, 20, 41, 'importNotFound', undefined],
      [2, 18, 37, 'importNotFound', undefined],
    ]);
    assert.deepEqual(findings.map(links), [[], []], 'packages/api/package.json declares express-ai-guardrails for its own files only');
  });

  it('a virtual document (not on disk) links to no manifest', async () => {
    const virtual = createTestServices(fixture, { root, resolvePath: () => null });
    const findings = await lint(AGENT_TS, 'src/agent.ts', virtual);
    assert.deepEqual(summary(findings)[0], [1, 24, 44, 'importNotFound', undefined], 'the project is not known: the import is not declared');
    assert.deepEqual(findings.flatMap(links), []);
  });

  it('one look-up per name, however many files and places write it', async () => {
    const fresh = createTestServices(fixture, { root });
    const before = fixture.requests().length;
    await lint(PACKAGE_JSON, 'package.json', fresh);
    await lint(AGENT_TS, 'src/agent.ts', fresh);
    await lint(`${AGENT_TS}\nexport { Agent as Other } from '@acme-ai/agent-tools';\n`, 'src/other.ts', fresh);
    const asked = fixture.requests().slice(before);
    assert.equal(asked.filter((name) => name === '@acme-ai/agent-tools').length, 1, asked.join(', '));
    assert.ok(!asked.some((name) => ['local-lib', 'my-lodash', 'agent-fork', '@acme-ai/ui'].includes(name)), asked.join(', '));
  });

  it('registry unreachable: a declared import is unknown, never "does not exist"', async () => {
    const down = createTestServices(fixture, { root, unreachable: await closedPortUrl() });
    assert.deepEqual(await lint(AGENT_TS, 'src/agent.ts', down), []);
    assert.deepEqual(await lint(AGENT_PY, 'agent.py', down), []);
  });
});
