import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-cache-in-release';
import { lint, ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/release.yml';
const lines = (...l: string[]): string => l.join('\n');
const TAGS = ['on:', '  push:', "    tags: ['v*']"];
const RELEASE = ['on:', '  release:', '    types: [published]'];
const job = (on: string[], ...steps: string[]): string => lines(...on, 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const NODE_NPM = ['      - uses: actions/setup-node@v4', '        with:', '          node-version: 22', '          cache: npm'];

ruleTester(rule, {
  valid: [
    { name: 'branch pushes are not releases', filename: WF, code: job(['on:', '  push:', '    branches: [main]'], ...NODE_NPM, '      - run: npm publish') },
    { name: 'a tag workflow that publishes nothing', filename: WF, code: job(TAGS, ...NODE_NPM, '      - run: npm test') },
    { name: 'setup-go before v4 does not cache by default', filename: WF, code: job(RELEASE, '      - uses: actions/setup-go@v3', '      - uses: goreleaser/goreleaser-action@v6') },
    { name: 'setup-go with cache: false', filename: WF, code: job(RELEASE, '      - uses: actions/setup-go@v5', '        with:', '          cache: false', '      - uses: goreleaser/goreleaser-action@v6') },
    { name: 'actions/cache with lookup-only', filename: WF, code: job(TAGS, '      - uses: actions/cache@v4', '        with:', '          path: dist', '          key: k', '          lookup-only: true', '      - run: npm publish') },
    { name: 'an empty cache input', filename: WF, code: job(TAGS, '      - uses: actions/setup-python@v5', '        with:', "          cache: ''", '      - run: twine upload dist/*') },
    { name: 'docker build with the gha cache that does not push', filename: WF, code: job(TAGS, '      - uses: docker/build-push-action@v6', '        with:', '          push: false', '          cache-from: type=gha') },
    {
      name: 'a cache in a test job that hands nothing to the publishing job',
      filename: WF,
      code: lines(...RELEASE, 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/cache@v4', '  publish:', '    needs: test', '    runs-on: ubuntu-latest', '    steps:', '      - run: cargo publish'),
    },
    { name: 'a composite action has no trigger', filename: 'action.yml', code: lines('runs:', '  using: composite', '  steps:', '    - uses: actions/cache@v4', '    - run: npm publish', '      shell: bash') },
  ],
  invalid: [
    {
      name: 'tag push, setup-node v4 with cache: npm, npm publish',
      filename: WF,
      code: job(TAGS, ...NODE_NPM, '      - run: npm publish --provenance'),
      errors: [
        {
          messageId: 'cacheInRelease',
          line: 11,
          column: 18,
          endLine: 11,
          endColumn: 21,
          related: 2,
          suggestions: [{ messageId: 'removeInput', output: job(TAGS, ...NODE_NPM.slice(0, 3), '      - run: npm publish --provenance') }],
        },
      ],
    },
    {
      name: 'release event, actions/cache, a GitHub release',
      filename: WF,
      code: job(RELEASE, '      - uses: actions/cache@v4', '        with:', '          path: ~/.cargo', '          key: k', '      - uses: softprops/action-gh-release@v2'),
      errors: [{ messageId: 'cacheInRelease', line: 8, column: 15, endLine: 8, endColumn: 31, related: 2 }],
    },
    {
      name: 'setup-go v5 caches by default',
      filename: WF,
      code: job(TAGS, '      - uses: actions/setup-go@v5', '      - uses: goreleaser/goreleaser-action@v6'),
      errors: [
        {
          messageId: 'cacheInRelease',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 34,
          related: 2,
          suggestions: [{ messageId: 'setOff', output: job(TAGS, '      - uses: actions/setup-go@v5', '        with:', '          cache: false', '      - uses: goreleaser/goreleaser-action@v6') }],
        },
      ],
    },
    {
      name: 'a build job with setup-node v5 hands its artifact to the publishing job',
      filename: WF,
      code: lines(
        ...RELEASE,
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/setup-node@v5',
        '        with:',
        '          cache: pnpm',
        '      - uses: actions/upload-artifact@v4',
        '  publish:',
        '    needs: [build]',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/download-artifact@v4',
        '      - uses: pypa/gh-action-pypi-publish@release/v1',
      ),
      errors: [
        {
          messageId: 'cacheInRelease',
          line: 10,
          column: 18,
          endLine: 10,
          endColumn: 22,
          related: 2,
          suggestions: [
            {
              messageId: 'nodeCacheOff',
              output: lines(
                ...RELEASE,
                'jobs:',
                '  build:',
                '    runs-on: ubuntu-latest',
                '    steps:',
                '      - uses: actions/setup-node@v5',
                '        with:',
                '          package-manager-cache: false',
                '      - uses: actions/upload-artifact@v4',
                '  publish:',
                '    needs: [build]',
                '    runs-on: ubuntu-latest',
                '    steps:',
                '      - uses: actions/download-artifact@v4',
                '      - uses: pypa/gh-action-pypi-publish@release/v1',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'setup-uv enable-cache: true, uv publish',
      filename: WF,
      code: job(['on:', '  push:', '    tags:', "      - 'v*'"], '      - uses: astral-sh/setup-uv@v6', '        with:', '          enable-cache: true', '      - run: uv build && uv publish'),
      errors: [
        {
          messageId: 'cacheInRelease',
          line: 11,
          column: 25,
          endLine: 11,
          endColumn: 29,
          related: 2,
          suggestions: [
            { messageId: 'setOff', output: job(['on:', '  push:', '    tags:', "      - 'v*'"], '      - uses: astral-sh/setup-uv@v6', '        with:', '          enable-cache: false', '      - run: uv build && uv publish') },
          ],
        },
      ],
    },
    {
      name: 'docker layers from the gha cache in a pushed image',
      filename: WF,
      code: job(TAGS, '      - uses: docker/build-push-action@v6', '        with:', '          push: true', '          cache-from: type=gha', '          cache-to: type=gha,mode=max'),
      errors: [
        {
          messageId: 'cacheInRelease',
          line: 11,
          column: 23,
          endLine: 11,
          endColumn: 31,
          related: 2,
          suggestions: [{ messageId: 'removeInput', output: job(TAGS, '      - uses: docker/build-push-action@v6', '        with:', '          push: true', '          cache-to: type=gha,mode=max') }],
        },
      ],
    },
  ],
});

describe('github-actions/no-cache-in-release: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});
