import assert from 'node:assert/strict';
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
