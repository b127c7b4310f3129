import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import rule from '../../../src/rules/packages/no-nonexistent-package';
import { startPackageEnvironment, type PackageEnvironment } from '../../lib/registry-fixture';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

const lines = (...l: string[]): string => l.join('\n');
/** A notebook whose first code cell installs two made-up packages with `!pip` and `%pip`. */
const NOTEBOOK = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['Run pip install fastapi-mcp-server-tools first.\n'] },
      { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['!pip install -q fastapi-mcp-server-tools\n', '%pip install pytest-llm-fixtures-pro\n', 'import json\n'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

/** A `uv run` script whose inline metadata (PEP 723) declares a made-up package, imported below. */
const SCRIPT = lines(
  '# /// script',
  '# requires-python = ">=3.11"',
  '# dependencies = [',
  '#   "requests<3",',
  '#   "weather-mcp-tools-ai>=0.2",',
  '# ]',
  '# ///',
  'import requests',
  'from weather_mcp_tools_ai import forecast',
  '',
);

/** Imports of 'axois', which the project fixture's package.json declares (line 15) and the registry does not have. */
const DECLARED_IMPORTS = lines(
  "import axios from 'axois';",
  "import type { AxiosStatic } from 'axois';",
  "import { mergeConfig } from 'axois/lib/core/mergeConfig';",
  "const lazy = () => import('axois');",
);

const MANIFEST = lines(
  '{',
  '  "name": "demo",',
  '  "dependencies": {',
  '    "express": "^4.21.2",',
  '    "expresss": "^4.0.0",',
  '    "lodash": "^4.17.21"',
  '  }',
  '}',
  '',
);

ruleTester(rule, {
  valid: [
    {
      name: 'package.json: packages that exist, with satisfiable ranges',
      filename: 'package.json',
      code: lines('{', '  "dependencies": {', '    "express": "^4.21.2",', '    "@babel/core": "~7.26.0",', '    "react": ">=18 <20"', '  },', '  "devDependencies": { "@types/node": "22.10.2" }', '}'),
    },
    {
      name: 'package.json: dist-tags, pre-release pins and specs that do not come from the registry',
      filename: 'package.json',
      code: lines(
        '{',
        '  "dependencies": {',
        '    "express": "next",',
        '    "lodash": "5.0.0-beta.1 || 4.x",',
        '    "@acme/ui": "workspace:*",',
        '    "my-fork": "github:someone/my-fork#main",',
        '    "local-lib": "file:../local-lib"',
        '  }',
        '}',
      ),
    },
    {
      name: 'package.json: a pre-release that exists satisfies its exact pin',
      filename: 'package.json',
      code: '{ "dependencies": { "express": "5.0.0-beta.1" } }',
    },
    {
      name: 'package.json: a workspace member declared with a plain range is not looked up',
      filename: 'package.json',
      code: '{ "dependencies": { "@acme/ui": "^1.0.0" } }',
    },
    {
      name: 'package.json: an allow-listed private package',
      filename: 'package.json',
      code: '{ "dependencies": { "acme-internal-sdk": "^1.0.0" } }',
    },
    {
      name: 'package.json: look-ups that fail (500, garbage, 403) are unknown, never "does not exist"',
      filename: 'package.json',
      code: '{ "dependencies": { "flaky-package": "1.0.0", "garbled-package": "1.0.0", "forbidden-package": "1.0.0" } }',
    },
    {
      name: 'package.json: a registered near-miss exists; packages/no-typosquat warns about it',
      filename: 'package.json',
      code: '{ "dependencies": { "expres": "^0.0.2", "lodsah": "1.0.0" } }',
    },
    {
      name: 'Dockerfile: installs of registered near-misses (they exist)',
      filename: 'Dockerfile',
      code: lines('FROM node:22', 'RUN npm install -g crossenv && pip install numpyy djnago'),
    },
    {
      name: 'network down: nothing is reported',
      filename: 'package.json',
      network: 'down',
      code: MANIFEST,
    },
    {
      name: 'requirements.txt: packages that exist, includes, editable installs and URLs',
      filename: 'requirements.txt',
      code: lines('-r base.txt', '-e .', 'requests>=2.31,<3', 'numpy==2.2.1', 'Flask[async]>=3.0 ; python_version >= "3.9"', 'mylib @ git+https://github.com/acme/mylib.git', ''),
    },
    {
      name: 'requirements.txt: an allow-listed private project in any spelling',
      filename: 'requirements.txt',
      code: 'Acme_ML.Utils==1.0.0\n',
    },
    {
      name: 'pyproject.toml: Poetry ranges are not version-checked, PEP 621 ranges are satisfiable',
      filename: 'pyproject.toml',
      code: lines('[project]', 'name = "demo"', 'dependencies = ["requests>=2.31", "PyYAML~=6.0"]', '', '[tool.poetry.dependencies]', 'python = "^3.11"', 'django = "^5.1"'),
    },
    {
      name: 'Pipfile: packages that exist',
      filename: 'Pipfile',
      code: lines('[packages]', 'flask = "*"', 'requests = {version = ">=2.31", extras = ["socks"]}', ''),
    },
    {
      name: 'README.md: prose mentions and real commands for packages that exist',
      filename: 'README.md',
      code: lines('# Demo', '', 'Running npm install is slow on CI.', '', '```sh', 'npm install express lodash', 'pip install "requests>=2.31" numpy', '```'),
    },
    {
      name: 'Dockerfile: installs of packages that exist',
      filename: 'Dockerfile',
      code: lines('FROM python:3.12-slim', 'RUN pip install --no-cache-dir flask==3.1.0 && npm ci'),
    },
    {
      name: 'JS: relative, built-in, declared, installed, workspace, alias and type-only imports',
      filename: 'src/app.ts',
      code: lines(
        "import express from 'express';",
        "import fs from 'node:fs';",
        "import path from 'path';",
        "import { helper } from './helper';",
        "import only from 'installed-only';",
        "import { Button } from '@acme/ui';",
        "import { Card } from '@/components/card';",
        "import type { Config } from 'nonexistent-config-types';",
      ),
    },
    {
      name: 'JS: an undeclared import of a package that exists is not this rule\'s business',
      filename: 'src/client.js',
      code: "const axios = require('axios');\nexport const client = axios.create();",
    },
    {
      name: 'Python: stdlib, relative, local, declared, mapped and guarded imports',
      filename: 'main.py',
      code: lines(
        'import os, json',
        'from . import sibling',
        'import myapp.models',
        'from helpers import helper',
        'import requests',
        'import yaml',
        'import cv2',
        'try:',
        '    import ujson_speedups',
        'except ImportError:',
        '    ujson_speedups = None',
      ),
    },
    {
      name: 'JS: type-only imports and re-exports of a declared package the registry does not have are erased',
      filename: 'src/types.ts',
      code: lines("import type { AxiosStatic } from 'axois';", "export type { AxiosInstance } from 'axois/index';", "import { type AxiosError } from 'express';"),
    },
    {
      name: 'JS: relative paths, node: and bare built-ins, workspace subpaths and aliases that spell a missing name',
      filename: 'src/client.ts',
      code: lines("import a from '../axois';", "import b from './axois/index.js';", "import test from 'node:test';", "import { readFile } from 'fs/promises';", "import { Button } from '@acme/ui/button';", "import c from '@/axois';"),
    },
    {
      name: 'JS: declared packages that exist, with subpaths and scoped names',
      filename: 'src/app.js',
      code: lines("import express from 'express';", "import fp from 'lodash/fp';", "const { types } = require('@types/node/util');"),
    },
    {
      name: 'network down: an import of a declared package is unknown, never "does not exist"',
      filename: 'src/http.ts',
      network: 'down',
      code: DECLARED_IMPORTS,
    },
    {
      name: 'Python: standard library, relative and dotted imports that spell missing names',
      filename: 'tools/run.py',
      code: lines('import importlib.metadata', 'from concurrent.futures import ThreadPoolExecutor', 'from .reqeusts import get', 'from .. import axois'),
    },
    {
      name: 'Python script: inline metadata (PEP 723) of packages that exist, and a git source imported under its name',
      filename: 'scripts/report.py',
      code: lines('# /// script', '# dependencies = [', '#   "requests<3",', '#   "acme-weather @ git+https://github.com/acme/weather.git",', '# ]', '# ///', 'import requests', 'import acme_weather', ''),
    },
    {
      name: 'pyproject.toml: a dependency uv takes from a path is not looked up',
      filename: 'pyproject.toml',
      code: lines('[project]', 'name = "demo"', 'dependencies = ["acme-weather-core", "httpx>=0.28"]', '', '[tool.uv.sources]', 'acme-weather-core = { path = "../core" }'),
    },
    {
      name: 'GitLab CI: installs of packages that exist',
      filename: '.gitlab-ci.yml',
      code: lines('test:', '  image: python:3.12', '  script:', '    - pip install -r requirements.txt', '    - pip install requests numpy', '    - npm ci && npx -y express'),
    },
    {
      name: 'dev container: an exec-form command (no shell) and commands of packages that exist',
      filename: '.devcontainer/devcontainer.json',
      code: lines('{', '  "postCreateCommand": ["pip", "install", "weather-mcp-tools-ai"],', '  "postStartCommand": "pip install requests && npm install -g express"', '}'),
    },
  ],
  invalid: [
    {
      name: 'package.json: a hallucinated near-miss of a popular package',
      filename: 'package.json',
      code: MANIFEST,
      errors: [
        {
          messageId: 'notFoundNearMiss', line: 5, column: 6, endLine: 5, endColumn: 14,
          suggestions: [
            { messageId: 'replaceName', output: MANIFEST.replace('"expresss"', '"express"') },
            { messageId: 'removeDependency', output: MANIFEST.replace('    "expresss": "^4.0.0",\n', '') },
          ],
        },
      ],
    },
    {
      name: 'package.json: an unpublished package, the last entry of its object',
      filename: 'package.json',
      code: '{\n  "dependencies": {\n    "lodash": "^4.17.21",\n    "electron-native-notify": "^1.0.0"\n  }\n}\n',
      errors: [
        {
          messageId: 'unpublished', line: 4, column: 6, endLine: 4, endColumn: 28,
          suggestions: [{ messageId: 'removeDependency', output: '{\n  "dependencies": {\n    "lodash": "^4.17.21"\n  }\n}\n' }],
        },
      ],
    },
    {
      name: 'package.json: a range no published version satisfies',
      filename: 'package.json',
      code: '{ "dependencies": { "express": "^6.0.0", "lodash": "4.17.22" } }',
      errors: [
        { messageId: 'noMatchingVersion', line: 1, column: 22, endLine: 1, endColumn: 29 },
        { messageId: 'noMatchingVersion', line: 1, column: 43, endLine: 1, endColumn: 49 },
      ],
    },
    {
      name: 'requirements.txt: a typo of requests and a version that does not exist',
      filename: 'requirements.txt',
      code: 'flask==3.1.0\nreqeusts==2.31.0\nnumpy>=3\n',
      errors: [
        {
          messageId: 'notFoundNearMiss', line: 2, column: 1, endLine: 2, endColumn: 9,
          suggestions: [
            { messageId: 'replaceName', output: 'flask==3.1.0\nrequests==2.31.0\nnumpy>=3\n' },
            { messageId: 'removeDependency', output: 'flask==3.1.0\nnumpy>=3\n' },
          ],
        },
        { messageId: 'noMatchingVersion', line: 3, column: 1, endLine: 3, endColumn: 6 },
      ],
    },
    {
      name: 'requirements.txt: a near-miss held with no files (a removed squat)',
      filename: 'requirements.txt',
      code: 'colourama==0.4.6\nrequests>=2.31\n',
      errors: [
        {
          messageId: 'notFoundNearMiss', line: 1, column: 1, endLine: 1, endColumn: 10,
          suggestions: [
            { messageId: 'replaceName', output: 'colorama==0.4.6\nrequests>=2.31\n' },
            { messageId: 'removeDependency', output: 'requests>=2.31\n' },
          ],
        },
      ],
    },
    {
      name: 'requirements.txt: the last line without a newline is removed with the newline before it',
      filename: 'requirements-dev.txt',
      code: 'pytest-mock-server-ai>=0.1',
      errors: [
        {
          messageId: 'notFound', line: 1, column: 1, endLine: 1, endColumn: 22,
          suggestions: [{ messageId: 'removeDependency', output: '' }],
        },
      ],
    },
    {
      name: 'pyproject.toml: an empty placeholder project (no files)',
      filename: 'pyproject.toml',
      code: '[project]\nname = "demo"\ndependencies = ["requests>=2.31", "huggingface-cli>=0.1"]\n',
      errors: [{ messageId: 'unpublished', line: 3, column: 36, endLine: 3, endColumn: 51 }],
    },
    {
      name: 'Pipfile: a package that does not exist',
      filename: 'Pipfile',
      code: '[packages]\nflask = "*"\nflask-restful-swagger-ai = "*"\n',
      errors: [{ messageId: 'notFound', line: 3, column: 1, endLine: 3, endColumn: 25 }],
    },
    {
      name: 'README.md: an install command for a made-up package',
      filename: 'README.md',
      code: '# Setup\n\n```bash\nnpm install express react-codeshift-utils\n```\n',
      errors: [{ messageId: 'notFound', line: 4, column: 21, endLine: 4, endColumn: 42 }],
    },
    {
      name: 'Dockerfile: RUN pip install of a made-up package',
      filename: 'Dockerfile',
      code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir fastapi-mcp-server-tools==1.2.0\n',
      errors: [{ messageId: 'notFound', line: 2, column: 32, endLine: 2, endColumn: 56 }],
    },
    {
      name: 'notebook: !pip and %pip in code cells install made-up packages (reported at the line of the .ipynb)',
      filename: 'notebooks/setup.ipynb',
      code: NOTEBOOK,
      errors: [
        { messageId: 'notFound', line: 16, column: 22, endLine: 16, endColumn: 46 },
        { messageId: 'notFound', line: 17, column: 19, endLine: 17, endColumn: 42 },
      ],
    },
    {
      name: 'GitHub workflow: run: installs a scope-confused name',
      filename: '.github/workflows/ci.yml',
      code: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g @openai/sdk\n',
      errors: [
        {
          messageId: 'notFoundNearMiss', line: 6, column: 29, endLine: 6, endColumn: 40,
          suggestions: [{ messageId: 'replaceName', output: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g openai\n' }],
        },
      ],
    },
    {
      name: 'action.yml: a composite action step installs a made-up package',
      filename: 'action.yml',
      code: 'name: setup\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: pip install requests pytest-llm-fixtures-pro\n',
      errors: [{ messageId: 'notFound', line: 6, column: 33, endLine: 6, endColumn: 56 }],
    },
    {
      name: '.cursorrules: an instruction to the assistant names a made-up package',
      filename: '.cursorrules',
      code: 'Use TypeScript.\nFor request validation, run `npm install express-ai-guardrails` and use its middleware.\n',
      errors: [{ messageId: 'notFound', line: 2, column: 42, endLine: 2, endColumn: 63 }],
    },
    {
      name: 'JS: imports of a near-miss declared in package.json are reported at each import too (type-only ones left out), each linked to the entry and the other imports',
      filename: 'src/http.ts',
      code: DECLARED_IMPORTS,
      errors: [
        {
          messageId: 'declaredImportNotFoundNearMiss', line: 1, column: 20, endLine: 1, endColumn: 25, related: 3,
          suggestions: [{ messageId: 'replaceName', output: DECLARED_IMPORTS.replace("from 'axois';", "from 'axios';") }],
        },
        {
          messageId: 'declaredImportNotFoundNearMiss', line: 3, column: 30, endLine: 3, endColumn: 35, related: 3,
          suggestions: [{ messageId: 'replaceName', output: DECLARED_IMPORTS.replace("'axois/lib", "'axios/lib") }],
        },
        {
          messageId: 'declaredImportNotFoundNearMiss', line: 4, column: 28, endLine: 4, endColumn: 33, related: 3,
          suggestions: [{ messageId: 'replaceName', output: DECLARED_IMPORTS.replace("import('axois')", "import('axios')") }],
        },
      ],
    },
    {
      name: 'Python script: the inline metadata entry (PEP 723) and the import of a made-up package, linked to each other',
      filename: 'scripts/weather.py',
      code: SCRIPT,
      errors: [
        { messageId: 'notFound', line: 5, column: 6, endLine: 5, endColumn: 26, related: 1 },
        { messageId: 'declaredImportNotFound', line: 9, column: 6, endLine: 9, endColumn: 26, related: 1 },
      ],
    },
    {
      name: 'GitLab CI: a script line installs a made-up package',
      filename: '.gitlab-ci.yml',
      code: lines('test:', '  image: python:3.12', '  script:', '    - pip install -r requirements.txt', '    - pip install pytest-llm-fixtures-pro'),
      errors: [{ messageId: 'notFound', line: 5, column: 19, endLine: 5, endColumn: 42 }],
    },
    {
      name: 'CircleCI: a run step installs a made-up package',
      filename: '.circleci/config.yml',
      code: lines('version: 2.1', 'jobs:', '  test:', '    docker: [{ image: cimg/python:3.12 }]', '    steps:', '      - run: pip install pytest-llm-fixtures-pro'),
      errors: [{ messageId: 'notFound', line: 6, column: 26, endLine: 6, endColumn: 49 }],
    },
    {
      name: 'PowerShell: a setup script installs a made-up package',
      filename: 'scripts/setup.ps1',
      code: 'pip install requests; npm install -g react-codeshift-utils\n',
      errors: [{ messageId: 'notFound', line: 1, column: 38, endLine: 1, endColumn: 59 }],
    },
    {
      name: 'dev container: lifecycle commands (a string, and an object of named commands) install made-up packages',
      filename: '.devcontainer/devcontainer.json',
      code: lines(
        '{',
        '  "image": "mcr.microsoft.com/devcontainers/python:3.12",',
        '  "postCreateCommand": "pip install -r requirements.txt && pip install fastapi-mcp-server-tools",',
        '  "postStartCommand": { "web": "npx -y react-codeshift-utils" }',
        '}',
      ),
      errors: [
        { messageId: 'notFound', line: 3, column: 72, endLine: 3, endColumn: 96 },
        { messageId: 'notFound', line: 4, column: 40, endLine: 4, endColumn: 61 },
      ],
    },
    {
      name: 'JS: imports of undeclared packages the registry does not know',
      filename: 'src/server.ts',
      code: "import express from 'express';\nimport guard from 'express-ai-guardrails';\nconst _ = require('lodahs');",
      errors: [
        { messageId: 'importNotFound', line: 2, column: 20, endLine: 2, endColumn: 41 },
        {
          messageId: 'importNotFoundNearMiss', line: 3, column: 20, endLine: 3, endColumn: 26,
          suggestions: [{ messageId: 'replaceName', output: "import express from 'express';\nimport guard from 'express-ai-guardrails';\nconst _ = require('lodash');" }],
        },
      ],
    },
    {
      name: 'JS: a subpath import of an unpublished package is reported on the package name',
      filename: 'src/notify.js',
      code: "import notify from 'electron-native-notify/lib/toast.js';",
      errors: [{ messageId: 'importNotFound', line: 1, column: 21, endLine: 1, endColumn: 43 }],
    },
    {
      name: 'Python: `from` a typo of requests, neither declared nor installed',
      filename: 'tools/fetch.py',
      code: 'import os\nfrom reqeusts import get\n\nget("https://example.com")\n',
      errors: [
        {
          messageId: 'importNotFoundNearMiss', line: 2, column: 6, endLine: 2, endColumn: 14,
          suggestions: [{ messageId: 'replaceName', output: 'import os\nfrom requests import get\n\nget("https://example.com")\n' }],
        },
      ],
    },
    {
      name: 'Python: a plain import is not renamed (the binding would change), a guarded one is skipped',
      filename: 'tools/scrape.py',
      code: 'import reqeusts\ntry:\n    import lxml_speedups_ai\nexcept ImportError:\n    lxml_speedups_ai = None\n',
      errors: [{ messageId: 'importNotFoundNearMiss', line: 1, column: 8, endLine: 1, endColumn: 16 }],
    },
  ],
});

describe('packages/no-nonexistent-package: messages of missing near-misses', () => {
  let env: PackageEnvironment;
  before(async function () {
    this.timeout(20_000);
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  const messageOf = async (code: string, filename: string): Promise<string[]> => (await lintAsync(rule, code, filename, {}, env.services)).map((f) => f.message);

  it('a manifest entry names the popular package and why the name looks like it', async () => {
    assert.deepEqual(await messageOf(MANIFEST, 'package.json'), [
      '\'expresss\' does not exist in the npm registry; it looks like a typo of the popular \'express\' (a letter doubled ("expresss" vs "express")). ' +
        'Attackers register such near-misses ("slopsquatting"): use \'express\' if that is what you meant.',
    ]);
  });

  it('a near-miss without published files says so', async () => {
    const [message] = await messageOf('colourama==0.4.6\n', 'requirements.txt');
    assert.match(message, /^'colourama' has no published versions in the Python package index; it looks like a typo of the popular 'colorama' \(an extra character/);
  });

  it('an import names the popular package, and carries it in the properties', async () => {
    const findings = await lintAsync(rule, 'from reqeusts import get\n', 'tools/fetch.py', {}, env.services);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /^'reqeusts' is imported but neither declared nor installed, and the Python package index has no such package; it looks like a typo of the popular 'requests' \(two adjacent letters swapped/);
    assert.deepEqual(findings[0].properties, { ecosystem: 'pypi', package: 'reqeusts', intended: 'requests', registryStatus: 'not-found' });
  });
});

describe('packages/no-nonexistent-package: where a declared import is declared', () => {
  let env: PackageEnvironment;
  before(async function () {
    this.timeout(20_000);
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  it('an import names the manifest entry in its message and properties, and links to it and to the other imports of the file', async () => {
    const [first] = await lintAsync(rule, DECLARED_IMPORTS, 'src/http.ts', {}, env.services);
    assert.equal(
      first.message,
      "'axois' is imported here and declared in package.json (line 15), but the npm registry has no such package; it looks like a typo of the popular 'axios' " +
        '(two adjacent letters swapped ("axois" vs "axios")). Attackers register such near-misses ("slopsquatting"): use \'axios\' in both places if that is what you meant.',
    );
    assert.deepEqual(first.properties, { ecosystem: 'npm', package: 'axois', intended: 'axios', registryStatus: 'not-found', declaredIn: 'package.json:15:6' });
    assert.deepEqual(
      first.related.map((r) => [r.message, r.start.line, r.start.column]),
      [
        ['Declared here (package.json)', 15, 6],
        ['Imported here', 3, 30],
        ['Imported here', 4, 28],
      ],
    );
    // The entry in the project's package.json (devDependencies), named from the file's folder, with its offsets there.
    const [declared] = first.related;
    assert.deepEqual(declared, { message: 'Declared here (package.json)', file: '../package.json', range: declared.range, start: { line: 15, column: 6 }, end: { line: 15, column: 11 } });
    const manifest = fs.readFileSync(path.join(env.root, 'package.json'), 'utf8');
    assert.equal(manifest.slice(declared.range[0], declared.range[1]), 'axois');
    assert.deepEqual(first.related.slice(1).map((r) => r.file), [undefined, undefined], 'the other imports are in the file itself');
  });

  it('a script’s inline metadata entry and its import point at each other', async () => {
    const findings = await lintAsync(rule, SCRIPT, 'scripts/weather.py', {}, env.services);
    assert.deepEqual(
      findings.map((f) => [f.start.line, f.related.map((r) => `${r.message} @${r.start.line}:${r.start.column}`)]),
      [
        [5, ['Imported here @9:6']],
        [9, ['Declared here @5:6']],
      ],
    );
    assert.match(findings[1].message, /^'weather-mcp-tools-ai' is imported here and declared in this script's inline metadata, but the Python package index has no such package\. /);
    assert.equal(findings[1].properties?.declaredIn, undefined, 'the declaration is a related location of the same file');
  });
});
