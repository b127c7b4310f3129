import assert from 'node:assert/strict';
import rule from '../../../src/rules/packages/no-deprecated-package';
import { startPackageEnvironment, type PackageEnvironment } from '../../lib/registry-fixture';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'package.json: ranges and pins that install a version that is not deprecated',
      filename: 'package.json',
      code: '{ "dependencies": { "uuid": "^11.0.0" }, "devDependencies": { "left": "npm:uuid@8.3.2" }, "optionalDependencies": { "u3": "npm:uuid@latest" } }',
    },
    {
      name: 'package.json: a range whose highest version is fine, even though older ones are deprecated',
      filename: 'package.json',
      code: '{ "dependencies": { "uuid": ">=3 <12" } }',
    },
    {
      name: 'package.json: maintained packages',
      filename: 'package.json',
      code: '{ "dependencies": { "express": "^4.21.2", "axios": "^1.7.9" } }',
    },
    {
      name: 'package.json: failed look-ups and unknown names report nothing',
      filename: 'package.json',
      code: '{ "dependencies": { "flaky-package": "1", "garbled-package": "1", "express-ai-guardrails": "1" } }',
    },
    {
      name: 'network down: a deprecated package is not reported',
      filename: 'package.json',
      network: 'down',
      code: '{ "dependencies": { "request": "^2.88.2" } }',
    },
    {
      name: 'requirements.txt: maintained projects',
      filename: 'requirements.txt',
      code: 'requests>=2.31\nflask==3.1.0\n',
    },
    {
      name: 'JS: a deprecated package declared in package.json is reported there, not at the import',
      filename: 'src/legacy.js',
      code: "const request = require('request');\nrequest('https://example.com');",
    },
    {
      name: 'pyproject.toml: maintained projects',
      filename: 'pyproject.toml',
      code: '[project]\nname = "svc"\ndependencies = ["fastapi>=0.115", "pandas"]\n',
    },
    {
      name: 'GitHub workflow: maintained packages',
      filename: '.github/workflows/ci.yml',
      code: 'on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm install -g zod && pip install requests\n',
    },
    {
      name: 'package.json: an allow-listed deprecated-looking private name',
      filename: 'package.json',
      code: '{ "dependencies": { "acme-internal-sdk": "^1.0.0" } }',
    },
    {
      name: 'Dockerfile: maintained packages',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install -g lodash\n',
    },
  ],
  invalid: [
    {
      name: 'package.json: an exact pin of a deprecated version while the latest is fine',
      filename: 'package.json',
      code: '{ "dependencies": { "uuid": "3.4.0" } }',
      errors: [{ messageId: 'versionDeprecated', line: 1, column: 22, endLine: 1, endColumn: 26 }],
    },
    {
      name: 'README: an install command whose range tops out at a deprecated version',
      filename: 'README.md',
      code: '# Setup\n\n```sh\nnpm install uuid@^3.0.0\n```\n',
      errors: [{ messageId: 'versionDeprecated', line: 4, column: 13, endLine: 4, endColumn: 17 }],
    },
    {
      name: 'package.json: every version deprecated',
      filename: 'package.json',
      code: '{\n  "dependencies": {\n    "request": "^2.88.2"\n  }\n}\n',
      errors: [{ messageId: 'deprecated', line: 3, column: 6, endLine: 3, endColumn: 13 }],
    },
    {
      name: 'package.json: only the latest version deprecated',
      filename: 'package.json',
      code: '{ "devDependencies": { "har-validator": "^5.1.3" } }',
      errors: [{ messageId: 'latestDeprecated', line: 1, column: 25, endLine: 1, endColumn: 38 }],
    },
    {
      name: 'requirements.txt: every release yanked',
      filename: 'requirements.txt',
      code: 'requests>=2.31\ndataclass-tools==0.1.1\n',
      errors: [{ messageId: 'yanked', line: 2, column: 1, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'pyproject.toml: a yanked project in an optional group',
      filename: 'pyproject.toml',
      code: '[project]\nname = "svc"\n\n[project.optional-dependencies]\nmodels = ["dataclass-tools>=0.1"]\n',
      errors: [{ messageId: 'yanked', line: 5, column: 12, endLine: 5, endColumn: 27 }],
    },
    {
      name: 'Dockerfile: RUN installs a deprecated package',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install request@2.88.2\n',
      errors: [{ messageId: 'deprecated', line: 2, column: 17, endLine: 2, endColumn: 24 }],
    },
    {
      name: 'GitHub workflow: run: installs a package whose latest version is deprecated',
      filename: '.github/workflows/ci.yml',
      code: 'on: push\njobs:\n  ci:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pnpm add har-validator\n',
      errors: [{ messageId: 'latestDeprecated', line: 6, column: 23, endLine: 6, endColumn: 36 }],
    },
    {
      name: 'README.md: an install command for a deprecated package',
      filename: 'README.md',
      code: '```sh\nyarn add request\n```\n',
      errors: [{ messageId: 'deprecated', line: 2, column: 10, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'JS: an undeclared import of a deprecated package',
      filename: 'src/validate.ts',
      code: "import { validate } from 'har-validator';",
      errors: [{ messageId: 'latestDeprecated', line: 1, column: 27, endLine: 1, endColumn: 40 }],
    },
    {
      name: 'Python: an undeclared import of a yanked project',
      filename: 'models.py',
      code: 'from dataclass_tools import frozen\n',
      errors: [{ messageId: 'yanked', line: 1, column: 6, endLine: 1, endColumn: 21 }],
    },
  ],
});

describe('packages/no-deprecated-package messages', () => {
  let env: PackageEnvironment;
  before(async () => {
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  it('quotes the deprecation text', async () => {
    const [finding] = await lintAsync(rule, '{ "dependencies": { "request": "2.88.2" } }', 'package.json', {}, env.services);
    assert.match(finding.message, /^Every version of 'request' is deprecated: "request has been deprecated, see https:\/\/github\.com\/request\/request\/issues\/3142"\./);
  });

  it('names the deprecated latest version', async () => {
    const [finding] = await lintAsync(rule, '{ "dependencies": { "har-validator": "5.1.5" } }', 'package.json', {}, env.services);
    assert.match(finding.message, /^The latest version of 'har-validator' \(5\.1\.5\) is deprecated: "this library is no longer supported"\./);
  });

  it('gives the yank reason', async () => {
    const [finding] = await lintAsync(rule, 'dataclass-tools\n', 'requirements.txt', {}, env.services);
    assert.match(finding.message, /^Every release of 'dataclass-tools' on the Python package index is yanked: "Broken release, use dataclasses-json"\./);
  });
});

describe('packages/no-deprecated-package: a deprecated version', () => {
  let env: PackageEnvironment;
  before(async () => {
    env = await startPackageEnvironment();
  });
  after(async () => {
    await env.close();
  });

  it('names the version the spec installs, the deprecation text and the latest version', async () => {
    const [finding] = await lintAsync(rule, '{ "dependencies": { "uuid": "~3.4.0" } }', 'package.json', {}, env.services);
    assert.equal(
      finding.message,
      "'uuid' 3.4.0, which '~3.4.0' installs, is deprecated: \"Please upgrade to version 7 or higher. Older versions may use Math.random() in certain circumstances, which is known to be problematic.\". The latest version (11.0.3) is not; widen or raise the requested version.",
    );
  });
});
