import assert from 'node:assert/strict';
import rule from '../../../src/rules/packages/no-new-package';
import { startPackageEnvironment, type PackageEnvironment } from '../../lib/registry-fixture';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'package.json: long-established packages',
      filename: 'package.json',
      code: '{ "dependencies": { "express": "^4.21.2", "lodash": "^4.17.21", "@babel/core": "^7.26.0" } }',
    },
    {
      name: 'package.json: an allow-listed private package and names the registry does not know',
      filename: 'package.json',
      code: '{ "dependencies": { "acme-internal-sdk": "^1.0.0", "express-ai-guardrails": "^1.0.0" } }',
    },
    {
      name: 'package.json: failed look-ups report nothing',
      filename: 'package.json',
      code: '{ "dependencies": { "flaky-package": "1.0.0", "garbled-package": "1.0.0", "forbidden-package": "1.0.0" } }',
    },
    {
      name: 'network down: a new package is not reported',
      filename: 'package.json',
      network: 'down',
      code: '{ "dependencies": { "vite-plugin-agent-kit": "^0.1.1" } }',
    },
    {
      name: 'minAgeDays lowered below the package\'s age',
      filename: 'package.json',
      options: { minAgeDays: 3 },
      code: '{ "dependencies": { "vite-plugin-agent-kit": "^0.1.1" } }',
    },
    {
      name: 'requirements.txt: long-established projects',
      filename: 'requirements.txt',
      code: 'requests==2.32.3\nDjango>=5.1\n',
    },
    {
      name: 'Pipfile: long-established projects',
      filename: 'Pipfile',
      code: '[packages]\nflask = "*"\n\n[dev-packages]\nhttpx = ">=0.28"\n',
    },
    {
      name: 'Dockerfile: long-established packages',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install -g esbuild && pip install numpy\n',
    },
    {
      name: 'JS: a new package declared in package.json is reported there, not at the import',
      filename: 'src/vite.config.ts',
      code: "import agentKit from 'vite-plugin-agent-kit';\nexport default { plugins: [agentKit()] };",
    },
    {
      name: 'Python: a new project declared in requirements.txt is reported there, not at the import',
      filename: 'app.py',
      code: 'from fastapi_mcp_toolkit import mount\n',
    },
  ],
  invalid: [
    {
      name: 'package.json: first published days ago, with an install script',
      filename: 'package.json',
      code: '{\n  "devDependencies": {\n    "vite-plugin-agent-kit": "^0.1.1"\n  }\n}\n',
      errors: [{ messageId: 'newPackage', line: 3, column: 6, endLine: 3, endColumn: 27 }],
    },
    {
      name: 'requirements.txt: a new sdist-only project',
      filename: 'requirements.txt',
      code: 'requests==2.32.3\nfastapi-mcp-toolkit==0.0.1\n',
      errors: [{ messageId: 'newPackage', line: 2, column: 1, endLine: 2, endColumn: 20 }],
    },
    {
      name: 'pyproject.toml: a PEP 621 dependency',
      filename: 'pyproject.toml',
      code: '[project]\nname = "agent"\ndependencies = ["langchain-agent-helpers>=0.2"]\n',
      errors: [{ messageId: 'newPackage', line: 3, column: 18, endLine: 3, endColumn: 41 }],
    },
    {
      name: 'Pipfile: a dev package',
      filename: 'Pipfile',
      code: '[packages]\nflask = "*"\n\n[dev-packages]\nlangchain-agent-helpers = "*"\n',
      errors: [{ messageId: 'newPackage', line: 5, column: 1, endLine: 5, endColumn: 24 }],
    },
    {
      name: 'Dockerfile: a global install in RUN',
      filename: 'docker/Dockerfile',
      code: 'FROM node:22-alpine\nRUN npm install --global vite-plugin-agent-kit@0.1.1 && npm cache clean --force\n',
      errors: [{ messageId: 'newPackage', line: 2, column: 26, endLine: 2, endColumn: 47 }],
    },
    {
      name: 'README.md: npx of a package published twelve days ago',
      filename: 'README.md',
      code: '# Weather tool\n\n```sh\nnpx mcp-weather-server-kit --port 3000\n```\n',
      errors: [{ messageId: 'newPackage', line: 4, column: 5, endLine: 4, endColumn: 27 }],
    },
    {
      name: 'GitHub workflow: pip install in a run block',
      filename: '.github/workflows/test.yml',
      code: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install fastapi-mcp-toolkit\n          pytest\n',
      errors: [{ messageId: 'newPackage', line: 7, column: 23, endLine: 7, endColumn: 42 }],
    },
    {
      name: 'JS: an undeclared import of a new package',
      filename: 'src/weather.js',
      code: "const { serve } = require('mcp-weather-server-kit');\nserve();",
      errors: [{ messageId: 'newPackage', line: 1, column: 28, endLine: 1, endColumn: 50 }],
    },
    {
      name: 'Python: an undeclared import of a new project',
      filename: 'agent.py',
      code: 'import langchain_agent_helpers as lah\n',
      errors: [{ messageId: 'newPackage', line: 1, column: 8, endLine: 1, endColumn: 31 }],
    },
    {
      name: 'minAgeDays raised: a 90-day-old package counts as new',
      filename: 'package.json',
      options: { minAgeDays: 100 },
      code: '{ "dependencies": { "tiny-date-utils": "^0.2.0", "express": "^4.21.2" } }',
      errors: [{ messageId: 'newPackage', line: 1, column: 22, endLine: 1, endColumn: 37 }],
    },
  ],
});

describe('packages/no-new-package messages', () => {
  let env: PackageEnvironment;
  before(async () => {
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  it('gives the age, the number of versions and whether install scripts run (npm)', async () => {
    const [finding] = await lintAsync(rule, '{ "dependencies": { "vite-plugin-agent-kit": "^0.1.1" } }', 'package.json', {}, env.services);
    assert.match(finding.message, /^'vite-plugin-agent-kit' was first published to the npm registry 4 days ago and has 2 versions; its latest version runs install scripts\./);
  });

  it('says when no install scripts run, and one version in the singular', async () => {
    const [finding] = await lintAsync(rule, 'npx mcp-weather-server-kit\n', 'setup.sh', {}, env.services);
    assert.match(finding.message, /12 days ago and has 1 version; its latest version declares no install scripts\./);
  });

  it('says when a PyPI project ships no wheel (its build code runs at install)', async () => {
    const [finding] = await lintAsync(rule, 'fastapi-mcp-toolkit==0.0.1\n', 'requirements.txt', {}, env.services);
    assert.match(finding.message, /to the Python package index 5 days ago and has 1 version; its latest version ships no wheel, so installing it runs its build code\./);
  });
});
