import assert from 'node:assert/strict';
import { classifyFile, type Classification } from '../../src/engine/classify';

const json = (dialect: string): Classification => ({ language: 'json', dialect });
const toml = (dialect: string): Classification => ({ language: 'toml', dialect });
const text = (dialect: string): Classification => ({ language: 'text', dialect });
const yaml = (dialect: string): Classification => ({ language: 'yaml', dialect });

function check(cases: Array<[path: string, expected: Classification | null, head?: string]>): void {
  for (const [path, expected, head] of cases) {
    assert.deepEqual(classifyFile(path, head), expected, `${path}${head ? ` (${JSON.stringify(head)})` : ''}`);
  }
}

describe('classifyFile: manifests, configs, scripts and documents', () => {
  it('reads package.json and other .json as JSON, editor and compiler configs as JSONC', () => {
    check([
      ['package.json', json('json')],
      ['apps/web/package.json', json('json')],
      ['data/fixtures.JSON', json('json')],
      ['.mcp.json', json('json')],
      ['settings.jsonc', json('jsonc')],
      ['.vscode/settings.json', json('jsonc')],
      ['C:\\repo\\.vscode\\launch.json', json('jsonc')],
      ['tsconfig.json', json('jsonc')],
      ['packages/a/tsconfig.build.json', json('jsonc')],
      ['jsconfig.json', json('jsonc')],
      ['.devcontainer/devcontainer.json', json('jsonc')],
      ['.devcontainer.json', json('jsonc')],
    ]);
  });

  it("leaves Rampart's own configuration to the config loader", () => {
    check([
      ['.rampart.jsonc', null],
      ['packages/api/.rampart.jsonc', null],
      ['examples/rampart.jsonc', json('jsonc')],
    ]);
  });

  it('does not take JSON for JSONC by a folder name further up or a similar name', () => {
    check([
      ['.vscode/sub/data.json', json('json')],
      ['vscode/settings.json', json('json')],
      ['mytsconfig.json', json('json')],
      ['tsconfig.yaml', yaml('yaml')],
    ]);
  });

  it('reads requirements and constraints files as requirements text', () => {
    check([
      ['requirements.txt', text('requirements')],
      ['requirements-dev.txt', text('requirements')],
      ['requirements_test.txt', text('requirements')],
      ['dev-requirements.txt', text('requirements')],
      ['test_requirements.txt', text('requirements')],
      ['Requirements.TXT', text('requirements')],
      ['constraints.txt', text('requirements')],
      ['constraints-py312.txt', text('requirements')],
      ['requirements/base.txt', text('requirements')],
      ['backend\\requirements\\prod.txt', text('requirements')],
      ['deps/pinned.pip', text('requirements')],
    ]);
  });

  it('reads other .txt files as plain text (for secrets), not as requirements', () => {
    check([
      ['notes.txt', text('plain')],
      ['requirements/README.md', text('markdown')],
      ['requirements/sub/dev.txt', text('plain')],
      ['LICENSE.txt', text('plain')],
      ['requirements.txt.bak', null],
    ]);
  });

  it('reads every text file a key can be pasted into: dotenv, INI, XML, credentials, keys, other languages', () => {
    check([
      ['.env', text('env')],
      ['config/.env.production', text('env')],
      ['.env.example', text('env')],
      ['deploy/prod.env', text('env')],
      ['.envrc', text('env')],
      ['settings.ini', text('ini')],
      ['app/src/main/resources/application.properties', text('ini')],
      ['/etc/nginx/nginx.conf', text('ini')],
      ['.npmrc', text('ini')],
      ['.pypirc', text('ini')],
      ['.netrc', text('netrc')],
      ['web.config', text('xml')],
      ['pom.xml', text('xml')],
      ['certs/server.key', text('pem')],
      ['.ssh/id_ed25519', text('pem')],
      ['main.go', text('c-like')],
      ['src/Main.java', text('c-like')],
      ['Program.cs', text('c-like')],
      ['src/lib.rs', text('c-like')],
      ['app.rb', text('hash-comment')],
      ['Gemfile', text('hash-comment')],
      ['deploy.ps1', text('powershell')],
      ['analysis.ipynb', { language: 'json', dialect: 'notebook' }],
      ['.env.ts', { language: 'js', dialect: 'ts' }],
    ]);
  });

  it('leaves lock files out: generated, and full of hashes', () => {
    check([
      ['package-lock.json', null],
      ['yarn.lock', null],
      ['pnpm-lock.yaml', null],
      ['poetry.lock', null],
      ['Cargo.lock', null],
      ['go.sum', null],
      ['npm-shrinkwrap.json', null],
      ['clock.json', { language: 'json', dialect: 'json' }],
      ['deadlock.yaml', { language: 'yaml', dialect: 'yaml' }],
    ]);
  });

  it('reads Markdown and agent rules files as text', () => {
    check([
      ['README.md', text('markdown')],
      ['.cursor/rules/security.mdc', text('markdown')],
      ['CLAUDE.md', text('markdown')],
      ['.cursorrules', text('rules')],
      ['.windsurfrules', text('rules')],
      ['sub/.clinerules', text('rules')],
    ]);
  });

  it('reads shell scripts by extension and by shebang', () => {
    check([
      ['scripts/install.sh', text('shell')],
      ['x.bash', text('shell')],
      ['setup.zsh', text('shell')],
      ['bin/deploy', text('shell'), '#!/bin/sh\nset -e\n'],
      ['bin/deploy', text('shell'), '#!/usr/bin/env bash\n'],
      ['bin/deploy', text('shell'), '#!/bin/zsh -f'],
      ['bin/deploy', text('shell'), '#!/usr/bin/env -S bash -eu\n'],
      ['bin/deploy', null, '#!/usr/bin/fish\n'],
      ['bin/deploy', null, 'echo hi\n#!/bin/sh\n'],
      ['bin/deploy', null],
      ['bin/deploy.txt', text('plain'), '#!/bin/sh\n'],
    ]);
  });

  it('prefers a JavaScript or Python shebang over a shell word later on the line', () => {
    check([
      ['bin/tool', { language: 'js', dialect: 'js' }, '#!/usr/bin/env node --require=sh\n'],
      ['bin/tool', { language: 'python', dialect: 'python' }, '#!/usr/bin/env python3\n'],
    ]);
  });

  it('reads pyproject.toml, Pipfile (any case) and other .toml files as TOML', () => {
    check([
      ['pyproject.toml', toml('pyproject')],
      ['svc/PyProject.toml', toml('pyproject')],
      ['Pipfile', toml('pipfile')],
      ['api/pipfile', toml('pipfile')],
      ['PIPFILE', toml('pipfile')],
      ['Pipfile.lock', null],
      ['.codex/config.toml', toml('toml')],
      ['Cargo.toml', toml('toml')],
    ]);
  });

  it('reads YAML with dialects for workflows, actions and compose files', () => {
    check([
      ['k8s/deploy.yaml', yaml('yaml')],
      ['values.yml', yaml('yaml')],
      ['.github/workflows/ci.yml', yaml('github-workflow')],
      ['.github/workflows/release.yaml', yaml('github-workflow')],
      ['C:\\src\\app\\.github\\workflows\\ci.yml', yaml('github-workflow')],
      ['/home/me/app/.GitHub/Workflows/CI.YML', yaml('github-workflow')],
      ['.github/workflows/action.yml', yaml('github-workflow')],
      ['.github/workflows/compose.yml', yaml('github-workflow')],
      ['.github/dependabot.yml', yaml('yaml')],
      ['workflows/ci.yml', yaml('yaml')],
      ['action.yml', yaml('github-action')],
      ['.github/actions/setup/action.yaml', yaml('github-action')],
      ['docker-compose.yml', yaml('compose')],
      ['docker-compose.prod.yaml', yaml('compose')],
      ['compose.yaml', yaml('compose')],
      ['deploy/compose.override.yml', yaml('compose')],
      ['composer.yml', yaml('yaml')],
      ['my-action.yml', yaml('yaml')],
    ]);
  });

  it('keeps Dockerfiles, JavaScript, Python, Terraform and the .d.ts exclusion as before', () => {
    check([
      ['Dockerfile', { language: 'dockerfile', dialect: 'dockerfile' }],
      ['docker/Dockerfile.prod', { language: 'dockerfile', dialect: 'dockerfile' }],
      ['api.dockerfile', { language: 'dockerfile', dialect: 'dockerfile' }],
      ['Containerfile', { language: 'dockerfile', dialect: 'dockerfile' }],
      ['lib/dockerfile.js', { language: 'js', dialect: 'jsx' }],
      ['src/Dockerfile.ts', { language: 'js', dialect: 'ts' }],
      ['src/a.tsx', { language: 'js', dialect: 'tsx' }],
      ['types/a.d.ts', null],
      ['app.py', { language: 'python', dialect: 'python' }],
      ['main.tf', { language: 'terraform', dialect: 'terraform' }],
      ['README', null],
    ]);
  });
});
