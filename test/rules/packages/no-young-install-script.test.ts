import assert from 'node:assert/strict';
import rule from '../../../src/rules/packages/no-young-install-script';
import { startPackageEnvironment, type PackageEnvironment } from '../../lib/registry-fixture';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'package.json: long-established packages with install scripts (esbuild, bcrypt)',
      filename: 'package.json',
      code: '{ "dependencies": { "esbuild": "^0.24.2", "bcrypt": "^5.1.1" } }',
    },
    {
      name: 'package.json: a package younger than minAgeDays is left to packages/no-new-package',
      filename: 'package.json',
      code: '{ "dependencies": { "vite-plugin-agent-kit": "^0.1.1" } }',
    },
    {
      name: 'package.json: a young package without install scripts',
      filename: 'package.json',
      code: '{ "dependencies": { "tiny-date-utils": "^0.2.0" } }',
    },
    {
      name: 'maxAgeDays lowered below the package\'s age',
      filename: 'package.json',
      options: { maxAgeDays: 90 },
      code: '{ "dependencies": { "native-speedup": "^0.4.0" } }',
    },
    {
      name: 'network down and failed look-ups report nothing',
      filename: 'package.json',
      network: 'down',
      code: '{ "dependencies": { "native-speedup": "^0.4.0", "flaky-package": "1" } }',
    },
    {
      name: 'requirements.txt: projects that ship wheels',
      filename: 'requirements.txt',
      code: 'numpy==2.2.1\nlangchain-agent-helpers==0.2.0\n',
    },
    {
      name: 'Dockerfile: long-established packages with install scripts',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install -g esbuild bcrypt\n',
    },
    {
      name: 'pyproject.toml: projects that ship wheels',
      filename: 'pyproject.toml',
      code: '[project]\nname = "svc"\ndependencies = ["numpy>=2", "langchain-agent-helpers"]\n',
    },
    {
      name: 'JS: a young package with install scripts declared in package.json is reported there, not here',
      filename: 'src/build.js',
      code: "import { plugin } from 'vite-plugin-agent-kit';",
      options: { minAgeDays: 0 },
    },
    {
      name: 'JS: an import of an installed package',
      filename: 'src/fast.js',
      code: "import speed from 'installed-only';",
    },
  ],
  invalid: [
    {
      name: 'package.json: a two-month-old package whose latest version runs node-gyp at install',
      filename: 'package.json',
      code: '{\n  "optionalDependencies": {\n    "native-speedup": "^0.4.0"\n  }\n}\n',
      errors: [{ messageId: 'installScript', line: 3, column: 6, endLine: 3, endColumn: 20 }],
    },
    {
      name: 'requirements.txt: a young sdist-only project',
      filename: 'requirements.txt',
      code: 'pyturbo-json>=1.0\n',
      errors: [{ messageId: 'buildFromSource', line: 1, column: 1, endLine: 1, endColumn: 13 }],
    },
    {
      name: 'shell script: npm install of the young package',
      filename: 'scripts/setup.sh',
      code: '#!/bin/sh\nset -e\nnpm install --save native-speedup@0.4.0\n',
      errors: [{ messageId: 'installScript', line: 3, column: 20, endLine: 3, endColumn: 34 }],
    },
    {
      name: 'Pipfile: the young sdist-only project',
      filename: 'Pipfile',
      code: '[packages]\npyturbo-json = ">=1.0"\n',
      errors: [{ messageId: 'buildFromSource', line: 2, column: 1, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'Dockerfile: RUN installs the young package',
      filename: 'Dockerfile',
      code: 'FROM node:22\nRUN npm install native-speedup\n',
      errors: [{ messageId: 'installScript', line: 2, column: 17, endLine: 2, endColumn: 31 }],
    },
    {
      name: 'JS: an undeclared import of the young package',
      filename: 'src/hash.ts',
      code: "import { fastHash } from 'native-speedup';",
      errors: [{ messageId: 'installScript', line: 1, column: 27, endLine: 1, endColumn: 41 }],
    },
    {
      name: 'Python: an undeclared import of the young sdist-only project',
      filename: 'fast_json.py',
      code: 'import pyturbo_json as json\n',
      errors: [{ messageId: 'buildFromSource', line: 1, column: 8, endLine: 1, endColumn: 20 }],
    },
    {
      name: 'minAgeDays 0: even a days-old package with install scripts',
      filename: 'package.json',
      options: { minAgeDays: 0 },
      code: '{ "dependencies": { "vite-plugin-agent-kit": "^0.1.1" } }',
      errors: [{ messageId: 'installScript', line: 1, column: 22, endLine: 1, endColumn: 43 }],
    },
  ],
});

describe('packages/no-young-install-script messages', () => {
  let env: PackageEnvironment;
  before(async () => {
    env = await startPackageEnvironment();
  });
  after(() => env.close());

  it('gives the age and the latest version', async () => {
    const [finding] = await lintAsync(rule, '{ "dependencies": { "native-speedup": "0.4.0" } }', 'package.json', {}, env.services);
    assert.match(finding.message, /^'native-speedup' is only 95 days old and its latest version \(0\.4\.0\) runs install scripts/);
  });
});
