import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { builtinAdapters } from '../../../src/languages';
import { builtinRules } from '../../../src/rules';
import rule from '../../../src/rules/packages/no-typosquat';
import { startPackageEnvironment, type PackageEnvironment } from '../../lib/registry-fixture';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

// The fixture registry does not have `expresss`, `reqeusts`, `lodahs` or `@openai/sdk` (404: reported by
// packages/no-nonexistent-package) and does have the old, quiet squats `expres`, `lodsah`, `crossenv`,
// `djnago`, `flaks`, `numpyy` and `pandsa` (reported here).
const MANIFEST = '{\n  "dependencies": {\n    "expresss": "^4.21.2",\n    "lodash": "^4.17.21"\n  }\n}\n';
const SQUAT_MANIFEST = '{\n  "dependencies": {\n    "expres": "^0.0.2",\n    "lodash": "^4.17.21"\n  }\n}\n';
const WORKFLOW = 'on: release\njobs:\n  notes:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx @openai/sdk generate-notes\n';

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
    {
      name: 'registry 404, package.json: a missing near-miss is packages/no-nonexistent-package\'s finding',
      filename: 'package.json',
      code: MANIFEST,
    },
    {
      name: 'registry 404, requirements.txt: swapped letters in a name nobody registered',
      filename: 'requirements.txt',
      code: 'flask>=3\nreqeusts[socks]==2.31.0\n',
    },
    {
      name: 'registry 404, GitHub workflow: the unscoped name put in a scope',
      filename: '.github/workflows/release.yml',
      code: WORKFLOW,
    },
    {
      name: 'registry 404, JS: an undeclared import of a missing near-miss',
      filename: 'src/util.js',
      code: "import _ from 'lodahs';\nconst fp = require('lodahs/fp');",
    },
    {
      name: 'registry 404, Python: from-import of a missing near-miss',
      filename: 'client.py',
      code: 'from reqeusts import Session\n',
    },
  ],
  invalid: [
    {
      name: 'package.json: a registered squat with a doubled letter dropped',
      filename: 'package.json',
      code: SQUAT_MANIFEST,
      errors: [
        {
          messageId: 'typosquat', line: 3, column: 6, endLine: 3, endColumn: 12,
          suggestions: [{ messageId: 'replaceName', output: SQUAT_MANIFEST.replace('"expres"', '"express"') }],
        },
      ],
    },
    {
      name: 'package.json: registry unreachable, the name check still warns',
      filename: 'package.json',
      network: 'down',
      code: MANIFEST,
      errors: [
        {
          messageId: 'typosquat', line: 3, column: 6, endLine: 3, endColumn: 14,
          suggestions: [{ messageId: 'replaceName', output: MANIFEST.replace('expresss', 'express') }],
        },
      ],
    },
    {
      name: 'requirements.txt: a registered squat with swapped letters and extras',
      filename: 'requirements.txt',
      code: 'flask>=3\npandsa[excel]==0.1.0\n',
      errors: [
        {
          messageId: 'typosquat', line: 2, column: 1, endLine: 2, endColumn: 7,
          suggestions: [{ messageId: 'replaceName', output: 'flask>=3\npandas[excel]==0.1.0\n' }],
        },
      ],
    },
    {
      name: 'requirements.txt: registry unreachable, swapped letters',
      filename: 'requirements.txt',
      network: 'down',
      code: 'flask>=3\nreqeusts[socks]==2.31.0\n',
      errors: [
        {
          messageId: 'typosquat', line: 2, column: 1, endLine: 2, endColumn: 9,
          suggestions: [{ messageId: 'replaceName', output: 'flask>=3\nrequests[socks]==2.31.0\n' }],
        },
      ],
    },
    {
      name: 'pyproject.toml: a registered squat as a Poetry dependency',
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
      name: 'Pipfile: a registered squat with swapped letters',
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
      name: 'GitHub workflow: registry unreachable, the unscoped name put in a scope',
      filename: '.github/workflows/release.yml',
      network: 'down',
      code: WORKFLOW,
      errors: [
        {
          messageId: 'typosquat', line: 6, column: 18, endLine: 6, endColumn: 29,
          suggestions: [{ messageId: 'replaceName', output: WORKFLOW.replace('@openai/sdk', 'openai') }],
        },
      ],
    },
    {
      name: 'Dockerfile: a separator dropped in a global install (npm holds the name as a security placeholder)',
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
      name: 'JS: an undeclared import of a registered squat, on every import of it',
      filename: 'src/util.js',
      code: "import _ from 'lodsah';\nconst fp = require('lodsah/fp');",
      errors: [
        {
          messageId: 'typosquat', line: 1, column: 16, endLine: 1, endColumn: 22,
          suggestions: [{ messageId: 'replaceName', output: "import _ from 'lodash';\nconst fp = require('lodsah/fp');" }],
        },
        {
          messageId: 'typosquat', line: 2, column: 21, endLine: 2, endColumn: 27,
          suggestions: [{ messageId: 'replaceName', output: "import _ from 'lodsah';\nconst fp = require('lodash/fp');" }],
        },
      ],
    },
    {
      name: 'Python: from-import of an undeclared registered squat',
      filename: 'app.py',
      code: 'from flaks import Flask\n',
      errors: [
        {
          messageId: 'typosquat', line: 1, column: 6, endLine: 1, endColumn: 11,
          suggestions: [{ messageId: 'replaceName', output: 'from flask import Flask\n' }],
        },
      ],
    },
    {
      name: 'Python: registry unreachable, from-import of an undeclared near-miss',
      filename: 'client.py',
      network: 'down',
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

describe('packages/no-typosquat: what the registry said', () => {
  let env: PackageEnvironment;
  before(async function () {
    this.timeout(20_000);
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  it('a registered squat carries the registry facts in its properties', async () => {
    const findings = await lintAsync(rule, SQUAT_MANIFEST, 'package.json', {}, env.services);
    assert.deepEqual(
      findings.map((f) => ({ range: f.range, properties: f.properties })),
      [
        {
          range: [27, 33],
          properties: {
            ecosystem: 'npm',
            package: 'expres',
            intended: 'express',
            registryStatus: 'found',
            firstPublished: '2014-03-18T09:12:00.000Z',
            latest: '0.0.2',
            versionCount: 2,
            hasInstallScripts: false,
          },
        },
      ],
    );
    assert.match(findings[0].message, /^'expres' looks like the popular package 'express' \(a doubled letter dropped/);
  });

  it('a PyPI squat: first upload and number of releases', async () => {
    const findings = await lintAsync(rule, '[packages]\nflaks = "*"\n', 'Pipfile', {}, env.services);
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, [11, 16]);
    assert.equal(findings[0].properties?.registryStatus, 'found');
    assert.equal(findings[0].properties?.firstPublished, '2020-02-17T16:45:00.000Z');
    assert.equal(findings[0].properties?.versionCount, 2);
  });

  it('registry unreachable: the warning has only the name facts, no registry status', async () => {
    const findings = await lintAsync(rule, MANIFEST, 'package.json', {}, env.unreachable);
    assert.deepEqual(
      findings.map((f) => ({ range: f.range, properties: f.properties })),
      [{ range: [27, 35], properties: { ecosystem: 'npm', package: 'expresss', intended: 'express' } }],
    );
  });

  describe('together with packages/no-nonexistent-package: one diagnostic per name', () => {
    const pair = new Set(['packages/no-typosquat', 'packages/no-nonexistent-package']);
    const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>(builtinRules.filter((r) => pair.has(r.id)).map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
    const code = '{\n  "dependencies": {\n    "expresss": "^4.21.2",\n    "expres": "^0.0.2"\n  }\n}\n';
    const scan = async (online: boolean): Promise<string[]> => {
      const result = await analyzer.analyzeAsync({ file: 'package.json', text: code, settings }, { services: online ? env.services : env.unreachable, timeoutMs: 15_000 });
      assert.deepEqual(result.errors, []);
      return result.findings.filter((f) => pair.has(f.ruleId)).map((f) => `${code.slice(f.range[0], f.range[1])} ${f.ruleId}:${f.messageId}`);
    };

    it('registry answers: the missing near-miss is an error, the registered one a warning', async () => {
      assert.deepEqual(await scan(true), ['expresss packages/no-nonexistent-package:notFoundNearMiss', 'expres packages/no-typosquat:typosquat']);
    });

    it('registry unreachable: both names get the typosquat warning and nothing claims they are missing', async () => {
      assert.deepEqual(await scan(false), ['expresss packages/no-typosquat:typosquat', 'expres packages/no-typosquat:typosquat']);
    });
  });
});
