import rule from '../../../src/rules/packages/no-typosquat';
import { ruleTester } from '../../lib/rule-tester';

const MANIFEST = '{\n  "dependencies": {\n    "expresss": "^4.21.2",\n    "lodash": "^4.17.21"\n  }\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'package.json: popular names, scoped type packages and known legitimate neighbours',
      filename: 'package.json',
      code: '{ "dependencies": { "express": "^4", "react": "^19", "@types/lodash": "^4", "preact": "^10", "colors": "^1" } }',
    },
    {
      name: 'package.json: an allow-listed private name that looks like a typo',
      filename: 'package.json',
      code: '{ "dependencies": { "chalkk": "^1.0.0" } }',
    },
    {
      name: 'package.json: specs that do not come from the registry are not names to judge',
      filename: 'package.json',
      code: '{ "dependencies": { "expresss": "file:../expresss", "lodahs": "github:me/lodahs" } }',
    },
    {
      name: 'requirements.txt: popular projects in any spelling, short names',
      filename: 'requirements.txt',
      code: 'requests>=2.31\nNumPy==2.2.1\nscikit_learn\nsix\n',
    },
    {
      name: 'pyproject.toml: popular names only',
      filename: 'pyproject.toml',
      code: '[project]\nname = "demo"\ndependencies = ["django>=5", "httpx"]\n',
    },
    {
      name: 'README.md: prose around install commands is not a package list',
      filename: 'README.md',
      code: '# Demo\n\nnpm install is the first step; then `npm install express`.\n',
    },
    {
      name: 'JS: a near-miss declared in package.json is reported there, not at the import',
      filename: 'src/http.ts',
      code: "import axios from 'axois';\nexport const http = axios.create();",
    },
    {
      name: 'JS: relative, built-in, workspace and alias imports are never judged',
      filename: 'src/index.ts',
      code: "import './expresss';\nimport fs from 'node:fs';\nimport { Button } from '@acme/ui';\nimport { x } from '@/lodahs';",
    },
    {
      name: 'Python: mapped imports and an installed distribution',
      filename: 'analysis.py',
      code: 'import yaml\nimport cv2\nfrom sklearn import svm\nimport pandsa\n',
    },
  ],
  invalid: [
    {
      name: 'package.json: a doubled letter',
      filename: 'package.json',
      code: MANIFEST,
      errors: [
        {
          messageId: 'typosquat', line: 3, column: 6, endLine: 3, endColumn: 14,
          suggestions: [{ messageId: 'replaceName', output: MANIFEST.replace('expresss', 'express') }],
        },
      ],
    },
    {
      name: 'requirements.txt: swapped letters',
      filename: 'requirements.txt',
      code: 'flask>=3\nreqeusts[socks]==2.31.0\n',
      errors: [
        {
          messageId: 'typosquat', line: 2, column: 1, endLine: 2, endColumn: 9,
          suggestions: [{ messageId: 'replaceName', output: 'flask>=3\nrequests[socks]==2.31.0\n' }],
        },
      ],
    },
    {
      name: 'pyproject.toml: a Poetry dependency',
      filename: 'pyproject.toml',
      code: '[tool.poetry.dependencies]\npython = "^3.12"\ndjnago = "^5.1"\n',
      errors: [
        {
          messageId: 'typosquat', line: 3, column: 1, endLine: 3, endColumn: 7,
          suggestions: [{ messageId: 'replaceName', output: '[tool.poetry.dependencies]\npython = "^3.12"\ndjango = "^5.1"\n' }],
        },
      ],
    },
    {
      name: 'Pipfile: swapped letters',
      filename: 'Pipfile',
      code: '[packages]\nflaks = "*"\n',
      errors: [
        {
          messageId: 'typosquat', line: 2, column: 1, endLine: 2, endColumn: 6,
          suggestions: [{ messageId: 'replaceName', output: '[packages]\nflask = "*"\n' }],
        },
      ],
    },
    {
      name: 'GitHub workflow: the unscoped name put in a scope',
      filename: '.github/workflows/release.yml',
      code: 'on: release\njobs:\n  notes:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx @openai/sdk generate-notes\n',
      errors: [
        {
          messageId: 'typosquat', line: 6, column: 18, endLine: 6, endColumn: 29,
          suggestions: [{ messageId: 'replaceName', output: 'on: release\njobs:\n  notes:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx openai generate-notes\n' }],
        },
      ],
    },
    {
      name: 'Dockerfile: a separator dropped in a global install',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install -g crossenv\n',
      errors: [
        {
          messageId: 'typosquat', line: 2, column: 20, endLine: 2, endColumn: 28,
          suggestions: [{ messageId: 'replaceName', output: 'FROM node:22\nRUN npm install -g cross-env\n' }],
        },
      ],
    },
    {
      name: 'AGENTS.md: a pip command with a doubled letter',
      filename: 'AGENTS.md',
      code: '## Setup\n\nRun `pip install numpyy pandas` before the tests.\n',
      errors: [
        {
          messageId: 'typosquat', line: 3, column: 18, endLine: 3, endColumn: 24,
          suggestions: [{ messageId: 'replaceName', output: '## Setup\n\nRun `pip install numpy pandas` before the tests.\n' }],
        },
      ],
    },
    {
      name: 'JS: an undeclared import of a near-miss, on every import of it',
      filename: 'src/util.js',
      code: "import _ from 'lodahs';\nconst fp = require('lodahs/fp');",
      errors: [
        {
          messageId: 'typosquat', line: 1, column: 16, endLine: 1, endColumn: 22,
          suggestions: [{ messageId: 'replaceName', output: "import _ from 'lodash';\nconst fp = require('lodahs/fp');" }],
        },
        {
          messageId: 'typosquat', line: 2, column: 21, endLine: 2, endColumn: 27,
          suggestions: [{ messageId: 'replaceName', output: "import _ from 'lodahs';\nconst fp = require('lodash/fp');" }],
        },
      ],
    },
    {
      name: 'Python: from-import of an undeclared near-miss',
      filename: 'client.py',
      code: 'from reqeusts import Session\n',
      errors: [
        {
          messageId: 'typosquat', line: 1, column: 6, endLine: 1, endColumn: 14,
          suggestions: [{ messageId: 'replaceName', output: 'from requests import Session\n' }],
        },
      ],
    },
  ],
});
