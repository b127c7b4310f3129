import assert from 'node:assert/strict';
import { extractInstallCommands, mayHoldInstallCommand, type PackageRef } from '../../../src/services/package-names';
import { compact, nth } from './helpers';

function names(text: string): string[] {
  return compact(text, extractInstallCommands(text)).map(([n]) => n);
}

function only(text: string): PackageRef {
  const refs = extractInstallCommands(text);
  assert.equal(refs.length, 1, JSON.stringify(refs));
  compact(text, refs);
  return refs[0];
}

describe('package-names: install commands', () => {
  it('reads npm, yarn, pnpm and bun installs with flags skipped and versions split', () => {
    const text = 'npm install express@^4.19 -D lodash --save-dev\nnpm i -g @scope/tool@1.2.3\nyarn add react react-dom --exact\nyarn global add serve\npnpm add -D vitest\npnpm i zod\nbun add hono\nbun add -d @types/bun\nnpm add --registry https://r.example left-pad\n';
    const refs = extractInstallCommands(text);
    assert.deepEqual(compact(text, refs), [
      ['express', '^4.19', true],
      ['lodash', undefined, true],
      ['@scope/tool', '1.2.3', true],
      ['react', undefined, true],
      ['react-dom', undefined, true],
      ['serve', undefined, true],
      ['vitest', undefined, true],
      ['zod', undefined, true],
      ['hono', undefined, true],
      ['@types/bun', undefined, true],
      ['left-pad', undefined, true],
    ]);
    assert.ok(refs.every((r) => r.ecosystem === 'npm' && r.source === 'command'));
    assert.deepEqual(refs.slice(0, 3).map((r) => r.field), ['npm install', 'npm install', 'npm i']);
  });

  it('reads only the package of npx, npm exec, dlx and bunx, not its arguments', () => {
    const text = 'npx create-react-app my-app\nnpx -y cowsay hello\nnpm exec --package=yo -- yo webapp\nnpm exec -p @angular/cli ng new\npnpm dlx degit user/repo\nyarn dlx tsx file.ts\nbunx prisma generate\nbun x vite build\n';
    assert.deepEqual(names(text), ['create-react-app', 'cowsay', 'yo', '@angular/cli', 'degit', 'tsx', 'prisma', 'vite']);
  });

  it('reads pip, python -m pip, uv and poetry with specifiers stripped and -r/-e/options skipped', () => {
    const text = 'pip install -r requirements.txt "requests[socks]>=2" flask==3.0 -e ./local --index-url https://x numpy\npip3 install -U pip\npython3 -m pip install --user httpx\npy -m pip install rich\nuv add \'httpx>=0.27\' --group dev pytest\nuv pip install ruff\npoetry add pendulum@^2.0 -G dev black\npipx install poetry\n';
    const refs = extractInstallCommands(text);
    assert.deepEqual(compact(text, refs), [
      ['requests', '>=2', true],
      ['flask', '==3.0', true],
      ['numpy', undefined, true],
      ['pip', undefined, true],
      ['httpx', undefined, true],
      ['rich', undefined, true],
      ['httpx', '>=0.27', true],
      ['pytest', undefined, true],
      ['ruff', undefined, true],
      ['pendulum', '^2.0', true],
      ['black', undefined, true],
      ['poetry', undefined, true],
    ]);
    assert.ok(refs.every((r) => r.ecosystem === 'pypi'));
    assert.equal(refs[0].range[0], nth(text, 'requests'));
    assert.deepEqual(refs.map((r) => r.field).slice(3, 6), ['pip3 install', 'python3 -m pip install', 'py -m pip install']);
    assert.deepEqual(refs.map((r) => r.field).slice(6, 11), ['uv add', 'uv add', 'uv pip install', 'poetry add', 'poetry add']);
  });

  it('stops at &&, ;, |, comments, redirections and the end of the line', () => {
    const text = 'npm i a && node build.js b; pip install c | tee d\npip install e # f g\npip install h > out.txt\nnpm i i\nj\n';
    assert.deepEqual(names(text), ['a', 'c', 'e', 'h', 'i']);
  });

  it('finds commands after operators, prompts, list markers, RUN and run: keys, and in inline code', () => {
    const text = [
      '$ npm install a',
      '> pip install b',
      '- npm i c',
      '1. yarn add d',
      'RUN apt-get update && pip install --no-cache-dir e && npm ci',
      '  - run: npm ci && npx f',
      'sudo pip install g',
      'CI=1 npm install h',
      'Install it with `npm i i` or `pip install j`.',
      'result=$(npx k --version)',
    ].join('\n');
    assert.deepEqual(names(text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']);
  });

  it('follows shell line continuations', () => {
    const text = 'RUN pip install \\\n    flask \\\n    gunicorn==22.0\n';
    assert.deepEqual(compact(text, extractInstallCommands(text)), [['flask', undefined, true], ['gunicorn', '==22.0', true]]);
  });

  it('handles quoted specifiers and npm: aliases', () => {
    const text = `npm i "lodash@^4" 'left-pad@1.3.0' my@npm:real-pkg@2`;
    const refs = extractInstallCommands(text);
    assert.deepEqual(compact(text, refs), [['lodash', '^4', true], ['left-pad', '1.3.0', true], ['real-pkg', '2', true]]);
    assert.equal(refs[2].alias, 'my');
  });

  it('skips URLs, paths, git and GitHub specs, tarballs and placeholders', () => {
    assert.deepEqual(names('npm i ./local ../up git+https://g.test/x.git user/repo https://x.test/y.tgz github:a/b <pkg> file:z ok'), ['ok']);
    assert.deepEqual(names('pip install . ./pkg https://x.test/p.whl git+https://g.test/r.git pkg-1.0-py3-none-any.whl <package> ok'), ['ok']);
    assert.deepEqual(names('npm install foo@file:../foo bar@github:a/b'), []);
  });

  it('ignores prose that mentions a tool mid-sentence or as the subject of a sentence', () => {
    const text = [
      'You can npm install anything later.',
      'We tried pip install but it failed.',
      'npm install is slow on this network',
      'pip install fails, so use conda',
      'npm install will fetch everything.',
      'see npm(1) and pip(1)',
      '# pip install commented-out',
    ].join('\n');
    assert.deepEqual(extractInstallCommands(text), []);
  });

  it('ignores commands with nothing to install and tools that are not installers', () => {
    assert.deepEqual(extractInstallCommands('npm install\nnpm ci\nnpm run build\npip list\nyarn\npnpm install --frozen-lockfile\nnpx\nnpm-install foo\nnpmi foo\n'), []);
  });

  it('reports a name on its exact offsets in a longer document', () => {
    const text = '# Setup\n\n```bash\nnpm install chalk\n```\n';
    assert.deepEqual(only(text).range, [nth(text, 'chalk'), nth(text, 'chalk') + 5]);
  });

  it('never reads past an unterminated quote or backtick', () => {
    assert.deepEqual(names('npm i "unterminated a b'), []);
    assert.deepEqual(names('`npm i a'), []);
    assert.deepEqual(names('npm i a `b c` d'), ['a']);
  });

  it('tells a text that names no install tool (nothing to read) from one that may hold a command', () => {
    for (const text of ['RUN npm ci', 'pnpm add zod', 'run: pnpx create-app', 'bunx vite', 'python3 -m pip install requests', 'uv add httpx', 'poetry add rich', 'yarn dlx cowsay']) {
      assert.equal(mayHoldInstallCommand(text), true, text);
    }
    const none = ['FROM alpine:3.20\nRUN apk add --no-cache curl\n', 'steps:\n  - uses: actions/checkout@v4\n  - run: make test\n', 'NPM install express', ''];
    for (const text of none) {
      assert.equal(mayHoldInstallCommand(text), false, text);
      assert.deepEqual(extractInstallCommands(text), []);
    }
  });

  it('reads a command continued from a line without a tool name, and one after such a line', () => {
    const text = 'RUN apt-get update && \\\n    npm install -g serve && \\\n    echo done\nRUN cd /app\nRUN pip install flask\n';
    assert.deepEqual(names(text), ['serve', 'flask']);
  });
});
