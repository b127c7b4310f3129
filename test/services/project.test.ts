import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_SERVICE, ProjectService, type AllowEntry, type DeclaredIn, type ProjectAnswer, type ProjectFs, type ProjectQuery } from '../../src/services/project';

/** Writes `files` (path → content; objects become JSON) under `dir`. */
function write(dir: string, files: Record<string, string | object>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

function link(target: string, at: string): void {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
}

/** A `node:fs/promises` that records every path it is asked about. */
function recordingFs(): { fs: ProjectFs; touched: string[]; reads: string[] } {
  const touched: string[] = [];
  const reads: string[] = [];
  const p = fs.promises;
  return {
    touched,
    reads,
    fs: {
      readFile: (file, encoding) => (touched.push(file), reads.push(file), p.readFile(file, encoding)),
      stat: (file) => (touched.push(file), p.stat(file)),
      readdir: (dir, options) => (touched.push(dir), p.readdir(dir, options)),
      realpath: (file) => (touched.push(file), p.realpath(file)),
    },
  };
}

const ALLOW: AllowEntry[] = [
  { name: '@acme-internal/*', reason: 'internal scope on our private registry' },
  { name: 'Internal_Tool', reason: 'private index', ecosystem: 'pypi' },
  { name: 'left-pad', reason: 'vendored', ecosystem: 'pypi' },
  { name: 'corp-sdk', reason: 'partner SDK' },
];

describe('services/project', () => {
  let base: string;
  let root: string;
  let outside: string;
  let service: ProjectService;
  let recorded: ReturnType<typeof recordingFs>;

  const signal = new AbortController().signal;
  const ask = (q: Partial<ProjectQuery> & { name: string; file: string }): Promise<ProjectAnswer> =>
    service.answer({ ecosystem: 'npm', source: 'import', ...q }, signal);
  const status = async (q: Partial<ProjectQuery> & { name: string; file: string }) => (await ask(q)).status;
  const py = async (file: string, name: string, module?: string) =>
    (await service.answer({ ecosystem: 'pypi', source: 'import', name, file, ...(module ? { module } : {}) }, signal)).status;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-project-'));
    root = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    write(base, { 'package.json': { dependencies: { 'above-root': '1.0.0' } }, 'requirements.txt': 'above-root-py\n' });
    write(outside, {
      'escaping/package.json': { name: 'escaping' },
      'evil.py': 'print(1)\n',
      'app/package.json': { dependencies: { stolen: '1.0.0' } },
      'req.txt': 'outside-req\n',
      'venv/lib/python3.12/site-packages/outsider-1.0.dist-info/METADATA': 'Name: outsider\n',
    });

    // A JS monorepo: npm workspaces with a negation, tsconfig paths through extends, an alias.
    write(root, {
      'package.json': {
        name: 'acme-monorepo',
        private: true,
        workspaces: ['packages/*', '!packages/legacy'],
        devDependencies: { typescript: '^5.4.0', eslint: '^9.0.0' },
        overrides: { 'overridden-pkg': '1.0.0' },
      },
      'tsconfig.base.json': `{
        // shared compiler options
        "compilerOptions": {
          "baseUrl": ".",
          "paths": {
            "@acme/shared/*": ["packages/shared/src/*"],
            "~/*": ["src/*"],
            "*": ["types/*"], // catch-all: not an alias
          },
        },
      }`,
      'scripts/build.ts': 'export {};\n',
      'packages/ui/package.json': {
        name: '@acme/ui',
        dependencies: { react: '^18.2.0', 'my-lodash': 'npm:lodash@^4.17.21' },
        peerDependencies: { 'react-dom': '^18.2.0' },
        optionalDependencies: { fsevents: '^2.3.0' },
        bundleDependencies: ['left-pad'],
      },
      'packages/ui/tsconfig.json': '{ "extends": "../../tsconfig.base", "include": ["src"] }',
      'packages/ui/src/components/Button.tsx': 'export const Button = () => null;\n',
      'packages/app/package.json': { name: '@acme/app', dependencies: { '@acme/ui': 'workspace:*', express: '^4.19.0' } },
      'packages/app/tsconfig.json': '{ "extends": ["../../tsconfig.base.json", "./tsconfig.local.json"] }',
      'packages/app/tsconfig.local.json': '{ "compilerOptions": { "paths": { "@app/*": ["./src/*"] } } }',
      'packages/app/src/server.ts': 'export {};\n',
      'packages/legacy/package.json': { name: '@acme/legacy' },
      'packages/broken/package.json': '{ "name": "@acme/broken", "dependencies": { "zod": "^3" ',
      'packages/broken/tsconfig.json': '\u0000\u0001\uFFFD{{{ not json',
      'packages/huge/package.json': `{"dependencies": {"huge-dep": "1.0.0"}, "description": "${'x'.repeat(1024 * 1024)}"}`,
      'node_modules/chalk/package.json': { name: 'chalk' },
      'node_modules/@types/node/package.json': { name: '@types/node' },
      'node_modules/no-manifest/index.js': '',
      // Vite template: the root tsconfig only references the app config, which holds the paths.
      'vite-app/tsconfig.json': '{ "files": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./node" }] }',
      'vite-app/tsconfig.app.json': '{ "compilerOptions": { "paths": { "@components/*": ["./src/components/*"] } } }',
      'vite-app/node/tsconfig.json': '{ "compilerOptions": { "paths": { "@build/tools": ["./tools.ts"] } } }',
      'vite-app/src/main.tsx': '',
      // Create React App: jsconfig baseUrl.
      'cra-app/jsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }',
      'cra-app/src/components/Header.jsx': '',
      'cra-app/src/App.js': '',
      'cra-app/src/index.js': '',
      // extends chains: paths five levels up are followed, six are not; cycles end.
      'deep5/tsconfig.json': '{ "extends": "./c1.json" }',
      ...chain('deep5', 5, '{ "compilerOptions": { "paths": { "@five/*": ["x/*"] } } }'),
      'deep6/tsconfig.json': '{ "extends": "./c1.json" }',
      ...chain('deep6', 6, '{ "compilerOptions": { "paths": { "@six/*": ["x/*"] } } }'),
      'cycle/tsconfig.json': '{ "extends": "./a.json" }',
      'cycle/a.json': '{ "extends": "./tsconfig.json" }',
      'cycle/index.ts': '',
      // pnpm and lerna monorepos.
      'pnpm-repo/pnpm-workspace.yaml': "packages:\n  - 'apps/**'\n  - libs/*\n  - '!libs/old'\n",
      'pnpm-repo/apps/web/package.json': { name: 'web-app' },
      'pnpm-repo/apps/admin/nested/package.json': { name: 'admin-nested' },
      'pnpm-repo/apps/web/node_modules/hidden/package.json': { name: 'not-a-member' },
      'pnpm-repo/libs/core/package.json': { name: '@p/core' },
      'pnpm-repo/libs/old/package.json': { name: '@p/old' },
      'pnpm-repo/apps/web/src/page.ts': '',
      'bad-pnpm/pnpm-workspace.yaml': 'packages: [unclosed\n  - : :\n',
      'bad-pnpm/pkg/package.json': { name: 'bad-pnpm-member' },
      'lerna-repo/lerna.json': '{ "packages": ["modules/*"], "version": "1.0.0" }',
      'lerna-repo/modules/alpha/package.json': { name: 'lerna-alpha' },
      'lerna-repo/modules/beta/package.json': { name: 'lerna-beta' },
      'lerna-repo/modules/alpha/index.js': '',
    });
    link(path.join(outside, 'escaping'), path.join(root, 'node_modules', 'escaping'));
    link(path.join(root, 'packages', 'ui'), path.join(root, 'node_modules', 'linked-inside'));
    link(path.join(outside, 'app'), path.join(root, 'escape-app'));

    // Python projects.
    write(root, {
      'py/requirements.txt': 'flask==2.3.0  # web\n-r requirements/base.txt\n-e .\n-r ../../outside/req.txt\n',
      'py/requirements/base.txt': 'Django>=4.2\n-r common.txt\n',
      'py/requirements/common.txt': 'PyYAML>=6\n',
      'py/requirements-dev.txt': 'pytest\n',
      'py/pyproject.toml': '[project]\nname = "acme-service"\ndependencies = ["httpx>=0.25", "pydantic[email]>=2"]\n\n[project.optional-dependencies]\ndev = ["ruff"]\n',
      'py/app/main.py': 'import flask\n',
      'py/app/utils.py': '',
      'py/helpers/strings.py': '',
      'py/.venv/pyvenv.cfg': 'home = /usr/bin\n',
      'py/.venv/lib/python3.11/site-packages/numpy-1.26.0.dist-info/METADATA': '',
      'py/.venv/lib/python3.11/site-packages/typing_extensions-4.8.0.dist-info/METADATA': '',
      'py/.venv/lib/python3.11/site-packages/Markdown-3.5-py3.11.egg-info/PKG-INFO': '',
      'py/.venv/lib/python3.11/site-packages/__editable__.acme_tools-0.1.pth': '',
      'py/.venv/lib/python3.11/site-packages/jwt/__init__.py': '',
      'py/.venv/lib/python3.11/site-packages/six.py': '',
      'py/.venv/lib/python3.11/site-packages/_cffi_backend.cpython-311-x86_64-linux-gnu.so': '',
      'src/sharedlib/__init__.py': '',
      'lib/corelib.py': '',
      'poetry/pyproject.toml':
        '[tool.poetry]\nname = "poetry-app"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n\n[tool.poetry.group.dev.dependencies]\nblack = "*"\n',
      'poetry/app.py': '',
      'poetry/poetry_helpers.py': '',
      'pipenv/Pipfile': '[packages]\nFlask-Login = "*"\n\n[dev-packages]\nmypy = "*"\n',
      'pipenv/app.py': '',
      'setupcfg/setup.cfg':
        '[metadata]\nname = legacy-lib\n\n[options]\ninstall_requires =\n    attrs>=21\n    # a comment\n    click; python_version>="3.8"\n\n[options.extras_require]\ndocs =\n    sphinx\n',
      'setupcfg/pkg/mod.py': '',
      // Where declarations are written: extras and markers, an include, a name written with runs of separators.
      'positions/requirements.txt': 'requests[socks]>=2.31 ; python_version >= "3.8"\nFlask__Cors==4.0\n-r dev.txt\n',
      'positions/dev.txt': '# tools\nBlack==24.1  # formatter\n',
      'positions/app/run.py': '',
      // A byte-order mark and CRLF line breaks, as Windows editors write them.
      'bom/package.json': '\uFEFF{\r\n  "dependencies": {\r\n    "x-ai-kit": "1.0.0"\r\n  }\r\n}\r\n',
      'bom/requirements.txt': '\uFEFFagent-memory-ai==0.1\r\nflask\r\n',
      'bom/src/index.ts': '',
      'uvws/pyproject.toml': '[project]\nname = "uv-root"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/pkg-b"]\n',
      'uvws/packages/pkg-a/pyproject.toml': '[project]\nname = "uv-pkg-a"\n',
      'uvws/packages/pkg-b/pyproject.toml': '[project]\nname = "uv-pkg-b"\n',
      'uvws/src/run.py': '',
      'badpy/pyproject.toml': '[project]\ndependencies = ["numpy"\n',
      'badpy/run.py': '',
      'req-cycle/requirements.txt': '-r requirements.txt\n-r more.txt\nalpha\n-r r2.txt\n',
      'req-cycle/more.txt': '-r requirements.txt\nbeta\n',
      'req-cycle/r2.txt': '-r r3.txt\n',
      'req-cycle/r3.txt': '-r r4.txt\n',
      'req-cycle/r4.txt': '-r r5.txt\n',
      'req-cycle/r5.txt': '-r r6.txt\ndepth-four\n',
      'req-cycle/r6.txt': '-r r7.txt\ndepth-five\n',
      'req-cycle/r7.txt': 'too-deep\n',
      'req-cycle/run.py': '',
      'linkvenv/run.py': '',
      // Declarations that do not come from the index under the imported name.
      'gitreq/requirements.txt': 'mylib @ git+https://github.com/acme/mylib.git\nrequests>=2.31\n',
      'gitreq/run.py': '',
      'uvsrc/pyproject.toml': '[project]\nname = "uv-src"\ndependencies = ["internal-py", "httpx"]\n\n[tool.uv.sources]\ninternal-py = { path = "../internal-py" }\n',
      'uvsrc/run.py': '',
      'twice/requirements.txt': 'Flask>=3\n',
      'twice/pyproject.toml': '[project]\nname = "twice"\ndependencies = ["flask>=3"]\n',
      'twice/run.py': '',
    });
    write(root, {
      'specs/package.json': '{\n  "dependencies": {\n    "local-lib": "file:../local-lib",\n    "fork": "github:acme/fork",\n    "pinned": "^1.0.0",\n    "ok-dep": "^2.0.0"\n  },\n  "devDependencies": { "pinned": "link:../pinned" }\n}\n',
      'specs/src/index.ts': '',
    });
    link(path.join(outside, 'evil.py'), path.join(root, 'py', 'app', 'evil.py'));
    link(path.join(outside, 'venv'), path.join(root, 'linkvenv', '.venv'));

    recorded = recordingFs();
    service = new ProjectService({
      root,
      allow: ALLOW,
      fs: recorded.fs,
      resolvePath: (file) => (file.startsWith('untitled:') ? null : path.resolve(root, file)),
    });
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  /** `c1.json` … `c<n>.json`, each extending the next; the last has `last` as its content. */
  function chain(dir: string, n: number, last: string): Record<string, string> {
    const files: Record<string, string> = { [`${dir}/index.ts`]: '' };
    for (let i = 1; i < n; i++) files[`${dir}/c${i}.json`] = `{ "extends": "./c${i + 1}.json" }`;
    files[`${dir}/c${n}.json`] = last;
    return files;
  }

  it('exports the service name', () => assert.equal(PROJECT_SERVICE, 'project'));

  describe('declared (npm)', () => {
    const ui = 'packages/ui/src/components/Button.tsx';
    it('finds dependencies of every kind, npm: aliases, and the ancestors’ devDependencies', async () => {
      for (const name of ['react', 'react-dom', 'fsevents', 'left-pad', 'my-lodash', 'lodash', 'typescript', 'eslint']) {
        assert.equal(await status({ name, file: ui }), 'declared', name);
      }
    });
    it('ignores sibling packages, overrides, manifests above the root, malformed and oversized manifests', async () => {
      assert.equal(await status({ name: 'express', file: ui }), 'none');
      assert.equal(await status({ name: 'express', file: 'packages/app/src/server.ts' }), 'declared');
      assert.equal(await status({ name: 'overridden-pkg', file: ui }), 'none');
      assert.equal(await status({ name: 'above-root', file: ui }), 'none');
      assert.equal(await status({ name: 'zod', file: 'packages/broken/src/x.ts' }), 'none');
      assert.equal(await status({ name: 'huge-dep', file: 'packages/huge/index.js' }), 'none');
    });
    it('does not read a manifest through a link that leaves the root', async () => {
      assert.equal(await status({ name: 'stolen', file: 'escape-app/index.js' }), 'none');
    });
  });

  describe('where an import is declared', () => {
    const ui = 'packages/ui/src/components/Button.tsx';
    // File, start and registry flag; the end, offsets and the path from the file are checked under "where a declaration is written".
    const brief = (d: DeclaredIn | undefined) => d && { file: d.file, ...(d.line !== undefined ? { line: d.line, column: d.column } : {}), registry: d.registry };
    const declaredIn = async (q: Partial<ProjectQuery> & { name: string; file: string }) => brief((await ask(q)).declaredIn);
    const pyDeclaredIn = async (file: string, name: string) => brief((await service.answer({ ecosystem: 'pypi', source: 'import', name, file }, signal)).declaredIn);

    it('names the nearest package.json that declares the name, root-relative, at the name', async () => {
      assert.deepEqual(await declaredIn({ name: 'react', file: ui }), { file: 'packages/ui/package.json', line: 4, column: 6, registry: true });
      assert.deepEqual(await declaredIn({ name: 'typescript', file: ui }), { file: 'package.json', line: 9, column: 6, registry: true });
      assert.deepEqual(await declaredIn({ name: 'express', file: 'packages/app/src/server.ts' }), { file: 'packages/app/package.json', line: 5, column: 6, registry: true });
    });
    it('says when the import name is not a registry name: npm: aliases, file:, git and link: specs', async () => {
      assert.deepEqual(await declaredIn({ name: 'my-lodash', file: ui }), { file: 'packages/ui/package.json', line: 5, column: 23, registry: false });
      assert.deepEqual(await declaredIn({ name: 'lodash', file: ui }), { file: 'packages/ui/package.json', line: 5, column: 23, registry: true });
      const file = 'specs/src/index.ts';
      assert.equal((await declaredIn({ name: 'local-lib', file }))?.registry, false);
      assert.equal((await declaredIn({ name: 'fork', file }))?.registry, false);
      assert.deepEqual(await declaredIn({ name: 'pinned', file }), { file: 'specs/package.json', line: 5, column: 6, registry: false }, 'any non-registry declaration wins');
      assert.deepEqual(await declaredIn({ name: 'ok-dep', file }), { file: 'specs/package.json', line: 6, column: 6, registry: true });
    });
    it('names the Python manifest, the included requirements file and setup.cfg (without a line)', async () => {
      assert.deepEqual(await pyDeclaredIn('py/app/main.py', 'flask'), { file: 'py/requirements.txt', line: 1, column: 1, registry: true });
      assert.deepEqual(await pyDeclaredIn('py/app/main.py', 'django'), { file: 'py/requirements/base.txt', line: 1, column: 1, registry: true });
      assert.deepEqual(await pyDeclaredIn('py/app/main.py', 'pyyaml'), { file: 'py/requirements/common.txt', line: 1, column: 1, registry: true });
      assert.deepEqual(await pyDeclaredIn('py/app/main.py', 'HTTPX'), { file: 'py/pyproject.toml', line: 3, column: 18, registry: true });
      assert.deepEqual(await pyDeclaredIn('poetry/app.py', 'requests'), { file: 'poetry/pyproject.toml', line: 6, column: 1, registry: true });
      assert.deepEqual(await pyDeclaredIn('setupcfg/pkg/mod.py', 'click'), { file: 'setupcfg/setup.cfg', registry: true });
      assert.deepEqual(await pyDeclaredIn('twice/run.py', 'flask'), { file: 'twice/pyproject.toml', line: 3, column: 18, registry: true }, 'pyproject.toml before requirements.txt');
    });
    it('marks PEP 508 direct references and uv path sources as not registry names', async () => {
      assert.deepEqual(await pyDeclaredIn('gitreq/run.py', 'mylib'), { file: 'gitreq/requirements.txt', line: 1, column: 1, registry: false });
      assert.deepEqual(await pyDeclaredIn('gitreq/run.py', 'requests'), { file: 'gitreq/requirements.txt', line: 2, column: 1, registry: true });
      assert.equal((await pyDeclaredIn('uvsrc/run.py', 'internal_py'))?.registry, false);
      assert.equal((await pyDeclaredIn('uvsrc/run.py', 'httpx'))?.registry, true);
    });
    it('is only given with the declared status', async () => {
      assert.equal(await declaredIn({ name: 'chalk', file: 'packages/app/src/server.ts' }), undefined, 'installed');
      assert.equal(await declaredIn({ name: '@acme/ui', file: 'packages/app/src/server.ts' }), undefined, 'workspace');
      assert.equal(await declaredIn({ name: 'react', file: 'packages/ui/package.json', source: 'manifest' }), undefined);
      assert.equal(await declaredIn({ name: 'react', file: 'untitled:Untitled-1' }), undefined);
    });
  });

  describe('where a declaration is written (for a related location at it)', () => {
    const ui = 'packages/ui/src/components/Button.tsx';
    const declaredIn = async (name: string, file: string, ecosystem: 'npm' | 'pypi' = 'npm') => (await service.answer({ ecosystem, source: 'import', name, file }, signal)).declaredIn;
    /** The text a declaration's range covers in the manifest as the engine reads it (without a byte-order mark). */
    const written = (d: DeclaredIn | undefined): string | undefined => {
      if (!d?.range) return undefined;
      const text = fs.readFileSync(path.join(root, d.file), 'utf8').replace(/^\uFEFF/, '');
      return text.slice(d.range[0], d.range[1]);
    };

    it('package.json: every kind of dependency, at the name, with the manifest named from the importing file', async () => {
      assert.deepEqual(await declaredIn('react', ui), {
        file: 'packages/ui/package.json', fromFile: '../../package.json', line: 4, column: 6, endLine: 4, endColumn: 11, range: [49, 54], registry: true,
      });
      assert.equal(written(await declaredIn('react', ui)), 'react');
      const kinds: Array<[string, string, number, number, number]> = [
        ['react-dom', 'peerDependencies', 8, 6, 15],
        ['fsevents', 'optionalDependencies', 11, 6, 14],
        ['left-pad', 'bundleDependencies', 14, 6, 14],
      ];
      for (const [name, kind, line, column, endColumn] of kinds) {
        const d = await declaredIn(name, ui);
        assert.deepEqual([d?.file, d?.fromFile, d?.line, d?.column, d?.endLine, d?.endColumn, written(d)], ['packages/ui/package.json', '../../package.json', line, column, line, endColumn, name], kind);
      }
      const dev = await declaredIn('typescript', ui);
      assert.deepEqual([dev?.file, dev?.fromFile, dev?.line, dev?.column, dev?.endColumn, written(dev)], ['package.json', '../../../../package.json', 9, 6, 16, 'typescript'], 'devDependencies of the root');
      const app = await declaredIn('express', 'packages/app/src/server.ts');
      assert.deepEqual([app?.file, app?.fromFile, written(app)], ['packages/app/package.json', '../package.json', 'express']);
      assert.deepEqual([(await declaredIn('express', 'packages/app/server.ts'))?.fromFile], ['package.json'], 'a manifest next to the file');
    });

    it('requirements files: the name without extras, version or marker; an included file; the name as written', async () => {
      const file = 'positions/app/run.py';
      assert.deepEqual(await declaredIn('requests', file, 'pypi'), {
        file: 'positions/requirements.txt', fromFile: '../requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 9, range: [0, 8], registry: true,
      });
      const cors = await declaredIn('flask-cors', file, 'pypi');
      assert.deepEqual([cors?.line, cors?.column, cors?.endColumn, written(cors)], [2, 1, 12, 'Flask__Cors'], 'the range covers the name as written, not its normalised form');
      const black = await declaredIn('black', file, 'pypi');
      assert.deepEqual([black?.file, black?.fromFile, black?.line, black?.column, black?.endColumn, written(black)], ['positions/dev.txt', '../dev.txt', 2, 1, 6, 'Black'], '-r include');
    });

    it('pyproject.toml: [project] dependencies and Poetry tables', async () => {
      const httpx = await declaredIn('httpx', 'py/app/main.py', 'pypi');
      assert.deepEqual([httpx?.file, httpx?.fromFile, httpx?.line, httpx?.column, httpx?.endLine, httpx?.endColumn, written(httpx)], ['py/pyproject.toml', '../pyproject.toml', 3, 18, 3, 23, 'httpx']);
      const ruff = await declaredIn('ruff', 'py/app/main.py', 'pypi');
      assert.deepEqual([ruff?.line, ruff?.column, written(ruff)], [6, 9, 'ruff'], '[project.optional-dependencies]');
      const requests = await declaredIn('requests', 'poetry/app.py', 'pypi');
      assert.deepEqual([requests?.file, requests?.fromFile, requests?.line, requests?.column, requests?.endColumn, written(requests)], ['poetry/pyproject.toml', 'pyproject.toml', 6, 1, 9, 'requests']);
      const black = await declaredIn('black', 'poetry/app.py', 'pypi');
      assert.deepEqual([black?.line, written(black)], [9, 'black'], 'a Poetry dependency group');
      const mypy = await declaredIn('mypy', 'pipenv/app.py', 'pypi');
      assert.deepEqual([mypy?.file, mypy?.line, written(mypy)], ['pipenv/Pipfile', 5, 'mypy'], 'Pipfile [dev-packages]');
    });

    it('positions count without the byte-order mark and across CRLF, like the engine', async () => {
      assert.deepEqual(await declaredIn('x-ai-kit', 'bom/src/index.ts'), {
        file: 'bom/package.json', fromFile: '../package.json', line: 3, column: 6, endLine: 3, endColumn: 14, range: [29, 37], registry: true,
      });
      assert.equal(written(await declaredIn('x-ai-kit', 'bom/src/index.ts')), 'x-ai-kit');
      assert.deepEqual(await declaredIn('agent-memory-ai', 'bom/src/index.ts', 'pypi'), {
        file: 'bom/requirements.txt', fromFile: '../requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 16, range: [0, 15], registry: true,
      });
      assert.equal(written(await declaredIn('flask', 'bom/src/index.ts', 'pypi')), 'flask');
    });

    it('setup.cfg gives no position: the manifest alone', async () => {
      assert.deepEqual(await declaredIn('click', 'setupcfg/pkg/mod.py', 'pypi'), { file: 'setupcfg/setup.cfg', fromFile: '../setup.cfg', registry: true });
    });
  });

  describe('installed (npm)', () => {
    const app = 'packages/app/src/server.ts';
    it('finds node_modules/<name>/package.json in an ancestor, scoped names and links inside the root', async () => {
      assert.equal(await status({ name: 'chalk', file: app }), 'installed');
      assert.equal(await status({ name: '@types/node', file: app }), 'installed');
      assert.equal(await status({ name: 'linked-inside', file: app }), 'installed');
    });
    it('ignores folders without package.json, links that leave the root and absent names', async () => {
      assert.equal(await status({ name: 'no-manifest', file: app }), 'none');
      assert.equal(await status({ name: 'escaping', file: app }), 'none');
      assert.equal(await status({ name: 'ghost-package', file: app }), 'none');
      assert.equal(await status({ name: 'chalk', file: '../outside/app/x.js' }), 'none');
    });
  });

  describe('workspace', () => {
    it('knows npm workspace members, the root package and the package itself', async () => {
      const ui = 'packages/ui/src/components/Button.tsx';
      assert.equal(await status({ name: '@acme/app', file: ui }), 'workspace');
      assert.equal(await status({ name: '@acme/ui', file: ui }), 'workspace');
      assert.equal(await status({ name: 'acme-monorepo', file: ui }), 'workspace');
      // Declared as workspace:* and a member: the member status wins.
      assert.equal(await status({ name: '@acme/ui', file: 'packages/app/src/server.ts' }), 'workspace');
    });
    it('leaves out negated members, malformed members and members of other monorepos', async () => {
      const ui = 'packages/ui/src/components/Button.tsx';
      assert.equal(await status({ name: '@acme/legacy', file: ui }), 'none');
      assert.equal(await status({ name: '@acme/broken', file: ui }), 'none');
      assert.equal(await status({ name: 'web-app', file: ui }), 'none');
      assert.equal(await status({ name: 'lerna-alpha', file: 'pnpm-repo/apps/web/src/page.ts' }), 'none');
    });
    it('expands pnpm-workspace.yaml globs (`**`, negation) and lerna.json packages', async () => {
      const page = 'pnpm-repo/apps/web/src/page.ts';
      assert.equal(await status({ name: 'admin-nested', file: page }), 'workspace');
      assert.equal(await status({ name: '@p/core', file: page }), 'workspace');
      assert.equal(await status({ name: 'lerna-beta', file: 'lerna-repo/modules/alpha/index.js' }), 'workspace');
    });
    it('does not descend into node_modules, honours pnpm negations and survives malformed YAML', async () => {
      const page = 'pnpm-repo/apps/web/src/page.ts';
      assert.equal(await status({ name: 'not-a-member', file: page }), 'none');
      assert.equal(await status({ name: '@p/old', file: page }), 'none');
      assert.equal(await status({ name: 'bad-pnpm-member', file: 'bad-pnpm/index.js' }), 'none');
    });
    it('is the only status a manifest or command query gets', async () => {
      assert.equal(await status({ name: '@acme/ui', file: 'packages/app/package.json', source: 'manifest' }), 'workspace');
      assert.equal(await status({ name: '@acme/app', file: 'README.md', source: 'command' }), 'workspace');
      assert.equal(await status({ name: 'react', file: 'packages/ui/package.json', source: 'manifest' }), 'none');
      assert.equal(await status({ name: 'chalk', file: 'README.md', source: 'command' }), 'none');
      assert.equal(await status({ name: '@acme/shared', file: 'packages/ui/package.json', source: 'manifest' }), 'none');
    });
    it('knows Python projects’ own names and uv workspace members', async () => {
      assert.equal(await py('py/app/main.py', 'acme_service'), 'workspace');
      assert.equal(await py('poetry/app.py', 'Poetry-App'), 'workspace');
      assert.equal(await py('setupcfg/pkg/mod.py', 'legacy-lib'), 'workspace');
      assert.equal(await py('uvws/src/run.py', 'uv-pkg-a'), 'workspace');
    });
    it('leaves out excluded uv members and other projects’ names', async () => {
      assert.equal(await py('uvws/src/run.py', 'uv-pkg-b'), 'none');
      assert.equal(await py('py/app/main.py', 'poetry-app'), 'none');
      assert.equal(await py('uvws/src/run.py', 'acme-service'), 'none');
    });
  });

  describe('path-alias', () => {
    it('matches tsconfig paths through an extensionless extends, with comments and trailing commas', async () => {
      const ui = 'packages/ui/src/components/Button.tsx';
      assert.equal(await status({ name: '@acme/shared', file: ui }), 'path-alias');
      assert.equal(await status({ name: '~', file: ui }), 'path-alias');
      assert.equal(await status({ name: 'scripts', file: ui }), 'path-alias', 'baseUrl "." has scripts/');
    });
    it('ignores the catch-all pattern and names that merely share a prefix', async () => {
      const ui = 'packages/ui/src/components/Button.tsx';
      assert.equal(await status({ name: 'axios', file: ui }), 'none');
      assert.equal(await status({ name: '@acme/shared-utils', file: ui }), 'none');
      assert.equal(await status({ name: '@acme/sharedx', file: ui }), 'none');
    });
    it('takes paths from the later entry of an extends array, which replaces the earlier', async () => {
      const app = 'packages/app/src/server.ts';
      assert.equal(await status({ name: '@app/db', file: app }), 'path-alias');
      assert.equal(await status({ name: '@acme/shared', file: app }), 'none');
    });
    it('follows project references and jsconfig baseUrl (folders and module files)', async () => {
      assert.equal(await status({ name: '@components/Button', file: 'vite-app/src/main.tsx' }), 'path-alias');
      assert.equal(await status({ name: '@build/tools', file: 'vite-app/src/main.tsx' }), 'path-alias');
      assert.equal(await status({ name: 'components', file: 'cra-app/src/index.js' }), 'path-alias');
      assert.equal(await status({ name: 'App', file: 'cra-app/src/index.js' }), 'path-alias');
    });
    it('does not apply other folders’ configs or baseUrl misses', async () => {
      assert.equal(await status({ name: '@components/Button', file: 'cra-app/src/index.js' }), 'none');
      assert.equal(await status({ name: 'react', file: 'cra-app/src/index.js' }), 'none');
      assert.equal(await status({ name: 'app', file: 'cra-app/src/index.js' }), 'none', 'module files are case-sensitive');
    });
    it('follows extends five levels, no further, and ends cycles and malformed configs', async () => {
      assert.equal(await status({ name: '@five/x', file: 'deep5/index.ts' }), 'path-alias');
      assert.equal(await status({ name: '@six/x', file: 'deep6/index.ts' }), 'none');
      assert.equal(await status({ name: '@any/x', file: 'cycle/index.ts' }), 'none');
      assert.equal(await status({ name: '@acme/shared', file: 'packages/broken/src/x.ts' }), 'none');
    });
  });

  describe('declared (PyPI)', () => {
    const main = 'py/app/main.py';
    it('reads requirements files, -r includes relative to the including file, and pyproject (PEP 621)', async () => {
      assert.equal(await py(main, 'flask', 'flask'), 'declared');
      assert.equal(await py(main, 'Flask'), 'declared');
      assert.equal(await py(main, 'django', 'django'), 'declared');
      assert.equal(await py(main, 'PyYAML', 'yaml'), 'declared');
      assert.equal(await py(main, 'pytest'), 'declared');
      assert.equal(await py(main, 'httpx'), 'declared');
      assert.equal(await py(main, 'pydantic'), 'declared');
      assert.equal(await py(main, 'ruff'), 'declared');
    });
    it('reads Poetry groups, Pipfile and setup.cfg', async () => {
      assert.equal(await py('poetry/app.py', 'requests'), 'declared');
      assert.equal(await py('poetry/app.py', 'black'), 'declared');
      assert.equal(await py('pipenv/app.py', 'flask_login', 'flask_login'), 'declared');
      assert.equal(await py('pipenv/app.py', 'mypy'), 'declared');
      assert.equal(await py('setupcfg/pkg/mod.py', 'attrs'), 'declared');
      assert.equal(await py('setupcfg/pkg/mod.py', 'click'), 'declared');
      assert.equal(await py('setupcfg/pkg/mod.py', 'sphinx'), 'declared');
    });
    it('ends -r cycles and follows includes five levels deep, no further', async () => {
      assert.equal(await py('req-cycle/run.py', 'alpha'), 'declared');
      assert.equal(await py('req-cycle/run.py', 'beta'), 'declared');
      assert.equal(await py('req-cycle/run.py', 'depth-four'), 'declared');
      assert.equal(await py('req-cycle/run.py', 'depth-five'), 'declared');
    });
    it('ignores includes past the depth limit or outside the root, manifests above the root, and malformed pyproject', async () => {
      assert.equal(await py('req-cycle/run.py', 'too-deep'), 'none');
      assert.equal(await py(main, 'outside-req'), 'none');
      assert.equal(await py(main, 'above-root-py'), 'none');
      assert.equal(await py('badpy/run.py', 'numpy'), 'none');
      assert.equal(await py('poetry/app.py', 'python'), 'none');
      assert.equal(await py('poetry/app.py', 'flask'), 'none');
      assert.equal(await py(main, 'requests', 'requests'), 'none');
      assert.equal(await py('setupcfg/pkg/mod.py', 'python-version'), 'none');
    });
  });

  describe('installed (PyPI)', () => {
    const main = 'py/app/main.py';
    it('reads dist-info, egg-info and editable installs of a .venv in an ancestor', async () => {
      assert.equal(await py(main, 'numpy', 'numpy'), 'installed');
      assert.equal(await py(main, 'typing-extensions', 'typing_extensions'), 'installed');
      assert.equal(await py(main, 'markdown', 'markdown'), 'installed');
      assert.equal(await py(main, 'acme-tools', 'acme_tools'), 'installed');
    });
    it('recognises top-level modules and extension modules in site-packages', async () => {
      assert.equal(await py(main, 'PyJWT', 'jwt'), 'installed');
      assert.equal(await py(main, 'six', 'six'), 'installed');
      assert.equal(await py(main, 'cffi', '_cffi_backend'), 'installed');
    });
    it('ignores venvs in other folders and venvs linked from outside the root', async () => {
      assert.equal(await py('poetry/app.py', 'numpy', 'numpy'), 'none');
      assert.equal(await py('linkvenv/run.py', 'outsider', 'outsider'), 'none');
      assert.equal(await py(main, 'scipy', 'scipy'), 'none');
      assert.equal(await py(main, 'pyvenv-cfg', 'pyvenv'), 'none');
    });
  });

  describe('local (PyPI)', () => {
    const main = 'py/app/main.py';
    it('finds modules next to the file, packages without __init__ in an ancestor, and in src/ and lib/ of the root', async () => {
      assert.equal(await py(main, 'utils', 'utils'), 'local');
      assert.equal(await py(main, 'helpers', 'helpers.strings'), 'local');
      assert.equal(await py(main, 'sharedlib', 'sharedlib'), 'local');
      assert.equal(await py(main, 'corelib', 'corelib'), 'local');
      assert.equal(await py(main, 'utils'), 'local', 'no module given: the name spelled as a module');
    });
    it('ignores sibling folders, links leaving the root, invalid module names and absent modules', async () => {
      assert.equal(await py(main, 'poetry-helpers', 'poetry_helpers'), 'none');
      assert.equal(await py(main, 'evil', 'evil'), 'none');
      assert.equal(await py(main, 'x', '../x'), 'none');
      assert.equal(await py(main, 'nothere', 'nothere'), 'none');
      assert.equal(await py(main, 'my-utils'), 'none');
    });
  });

  describe('allow-list', () => {
    it('covers a scope glob, normalised PyPI names and entries for both ecosystems', async () => {
      assert.deepEqual(await ask({ name: '@acme-internal/logger', file: 'packages/ui/index.ts' }), { status: 'none', allowed: 'internal scope on our private registry' });
      assert.deepEqual(await service.answer({ ecosystem: 'pypi', name: 'internal.tool', file: 'py/app/main.py', source: 'manifest' }, signal), {
        status: 'none',
        allowed: 'private index',
      });
      assert.deepEqual(await ask({ name: 'corp-sdk', file: 'README.md', source: 'command' }), { status: 'none', allowed: 'partner SDK' });
      assert.equal((await service.answer({ ecosystem: 'pypi', name: 'corp_sdk', file: 'x.py', source: 'import' }, signal)).allowed, 'partner SDK');
    });
    it('keeps the status alongside the reason, and applies to virtual documents', async () => {
      assert.deepEqual(await ask({ name: '@acme-internal/ui', file: 'untitled:Untitled-1' }), { status: 'none', allowed: 'internal scope on our private registry' });
      assert.deepEqual(await ask({ name: 'corp-sdk', file: 'untitled:Untitled-1' }), { status: 'none', allowed: 'partner SDK' });
    });
    it('does not cover the bare scope, look-alike scopes or the other ecosystem', async () => {
      assert.deepEqual(await ask({ name: '@acme-internalx/logger', file: 'a.ts' }), { status: 'none' });
      assert.deepEqual(await ask({ name: '@acme-internal', file: 'a.ts' }), { status: 'none' });
      assert.deepEqual(await ask({ name: 'Internal_Tool', file: 'a.ts' }), { status: 'none' });
      assert.deepEqual(await ask({ name: 'left-pad', file: 'packages/ui/src/components/Button.tsx' }), {
        status: 'declared',
        declaredIn: { file: 'packages/ui/package.json', fromFile: '../../package.json', line: 14, column: 6, endLine: 14, endColumn: 14, range: [257, 265], registry: true },
      });
      assert.deepEqual(await ask({ name: 'corp-sdk-extra', file: 'a.ts' }), { status: 'none' });
    });
  });

  describe('robustness', () => {
    it('answers none for a virtual document, a path outside the root and a throwing resolvePath', async () => {
      assert.equal(await status({ name: 'react', file: 'untitled:Untitled-1' }), 'none');
      assert.equal(await status({ name: 'above-root', file: path.join(base, 'x.js') }), 'none');
      const throwing = new ProjectService({ root, resolvePath: () => { throw new Error('no'); } });
      assert.deepEqual(await throwing.answer({ ecosystem: 'npm', name: 'chalk', file: 'x.js', source: 'import' }, signal), { status: 'none' });
    });
    it('answers none for malformed queries and invalid names', async () => {
      const bad: unknown[] = [
        null,
        'react',
        {},
        { ecosystem: 'maven', name: 'x', file: 'a', source: 'import' },
        { ecosystem: 'npm', name: 42, file: 'a', source: 'import' },
        { ecosystem: 'npm', name: 'chalk', file: 'a.js', source: 'somewhere' },
        { ecosystem: 'npm', name: 'chalk', source: 'import' },
        { ecosystem: 'pypi', name: 'six', file: 'py/app/main.py', source: 'import', module: 7 },
        { ecosystem: 'npm', name: '', file: 'a.js', source: 'import' },
      ];
      for (const query of bad) assert.deepEqual(await service.answer(query, signal), { status: 'none' }, JSON.stringify(query));
      assert.equal(await status({ name: '../node_modules/chalk', file: 'packages/app/x.js' }), 'none');
      assert.equal(await status({ name: 'x'.repeat(2000), file: 'a.js' }), 'none');
    });
    it('rejects when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(service.answer({ ecosystem: 'npm', name: 'chalk', file: 'packages/app/x.js', source: 'import' }, controller.signal));
    });
    it('never touched a path outside the root, and never read a file outside it', async () => {
      const realRoot = fs.realpathSync(root);
      const inside = (p: string) => p === root || p.startsWith(root + path.sep) || p === realRoot || p.startsWith(realRoot + path.sep);
      assert.ok(recorded.touched.length > 0);
      assert.deepEqual(recorded.touched.filter((p) => !inside(p)), []);
      assert.ok(recorded.reads.every((p) => inside(p) && !p.includes(`${path.sep}outside${path.sep}`)));
    });
  });

  describe('cache and invalidate', () => {
    let project: string;
    let counting: ReturnType<typeof recordingFs>;
    let cached: ProjectService;
    const manifest = () => path.join(project, 'package.json');
    const q = (name: string, file = 'src/a.ts') => cached.answer({ ecosystem: 'npm', name, file, source: 'import' }, signal);

    before(() => {
      project = path.join(base, 'cache-project');
      write(project, { 'package.json': { dependencies: { alpha: '1.0.0' } }, 'src/a.ts': '' });
      counting = recordingFs();
      cached = new ProjectService({ root: project, fs: counting.fs, resolvePath: (file) => path.resolve(project, file) });
    });

    it('shares one read of a manifest between concurrent queries from many files', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => q('alpha', `src/dir${i % 4}/file${i}.ts`)));
      assert.ok(answers.every((a) => a.status === 'declared'));
      assert.equal(counting.reads.filter((p) => p === manifest()).length, 1);
    });
    it('keeps answering from the cache until the file is invalidated', async () => {
      write(project, { 'package.json': { dependencies: { alpha: '1.0.0', beta: '1.0.0' } } });
      assert.equal((await q('beta')).status, 'none');
      cached.invalidate(manifest());
      assert.equal((await q('beta')).status, 'declared');
      assert.equal(counting.reads.filter((p) => p === manifest()).length, 2);
    });
    it('sees a new node_modules entry once its path is invalidated, and everything after invalidate()', async () => {
      write(project, { 'node_modules/gamma/package.json': { name: 'gamma' } });
      assert.equal((await q('gamma')).status, 'none');
      cached.invalidate(path.join(project, 'node_modules', 'gamma', 'package.json'));
      assert.equal((await q('gamma')).status, 'installed');
      write(project, { 'tsconfig.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./lib/*"] } } }' });
      assert.equal((await q('@lib/x')).status, 'none');
      cached.invalidate();
      assert.equal((await q('@lib/x')).status, 'path-alias');
    });
  });
});
