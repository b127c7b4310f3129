import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { ModuleService, moduleRuleSettings, type ModuleAnswer } from '../../src/services/modules';
import { MAX_EXTENDS_DEPTH } from '../../src/services/module-tsconfig';

const SHELL = `import { exec } from 'node:child_process';\nexport function ls(dir: string) {\n  return exec(\`ls -l \${dir}\`);\n}\n`;

describe('module service: packages of the workspace and tsconfig extends', () => {
  let root: string;
  let outside: string;
  let analyses: string[];
  let service: ModuleService;
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
  const write = (file: string, content: string | object) => {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  };
  const ask = (specifier: string, file = 'apps/web/src/routes.ts', name = 'ls') =>
    service.answer({ file, specifier, name, paramIndex: 0, ruleId: 'js/no-shell-injection' }) as Promise<ModuleAnswer | null>;
  /** The module an answer came from, relative to the root; null when there was no answer. */
  const found = async (specifier: string, file = 'apps/web/src/routes.ts') => {
    const answer = await ask(specifier, file);
    return answer ? path.relative(root, path.resolve(root, path.dirname(file), answer.file)).split(path.sep).join('/') : null;
  };
  const makeService = () =>
    new ModuleService({
      root,
      resolvePath: (file) => path.join(root, file),
      analyze: (file, text) => {
        analyses.push(file);
        return analyzer.analyze({ file, text, settings, summaries: true });
      },
    });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-monorepo-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-outside-'));
    analyses = [];
    service = makeService();
    write('apps/web/src/routes.ts', '');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  describe('workspace packages', () => {
    it('finds members through package.json workspaces (array form) and resolves exports: a string, "." and subpaths', async () => {
      write('package.json', { name: 'acme', private: true, workspaces: ['packages/*', 'apps/*'] });
      write('packages/utils/package.json', { name: '@acme/utils', exports: { '.': './src/index.ts', './strings': './src/strings.ts' } });
      write('packages/utils/src/index.ts', SHELL);
      write('packages/utils/src/strings.ts', SHELL);
      write('packages/plain/package.json', { name: 'plain-tools', exports: './lib/main.ts' });
      write('packages/plain/lib/main.ts', SHELL);
      assert.equal(await found('@acme/utils'), 'packages/utils/src/index.ts');
      assert.equal(await found('@acme/utils/strings'), 'packages/utils/src/strings.ts');
      assert.equal(await found('plain-tools'), 'packages/plain/lib/main.ts');
      assert.equal((await ask('@acme/utils'))!.sinks.length, 1);
      assert.equal((await ask('@acme/utils'))!.file, '../../../packages/utils/src/index.ts');
      assert.equal(await ask('@acme/utils/missing'), null, 'a subpath the exports do not list');
      assert.equal(await ask('plain-tools/lib/main'), null, 'exports without subpaths export nothing else');
    });

    it('finds members through { packages } workspaces, pnpm-workspace.yaml and ** globs', async () => {
      write('package.json', { name: 'acme', workspaces: { packages: ['libs/**'] } });
      write('libs/group/deep/package.json', { name: '@acme/deep', main: 'index.ts' });
      write('libs/group/deep/index.ts', SHELL);
      write('pnpm-workspace.yaml', 'packages:\n  - "tools/*"\n');
      write('tools/cli/package.json', { name: '@acme/cli' });
      write('tools/cli/index.ts', SHELL);
      assert.equal(await found('@acme/deep'), 'libs/group/deep/index.ts');
      assert.equal(await found('@acme/cli'), 'tools/cli/index.ts', 'no main: index.*');
    });

    it('prefers types, import, default, require, node, and maps a missing built file back to its TypeScript source', async () => {
      write('package.json', { workspaces: ['packages/*'] });
      write('packages/a/package.json', { name: 'a', exports: { '.': { require: './dist/index.cjs', types: './dist/index.d.ts', import: './dist/index.mjs' } } });
      write('packages/a/src/index.ts', SHELL);
      write('packages/b/package.json', { name: 'b', exports: { node: { import: './build/esm/main.js' } } });
      write('packages/b/src/main.ts', SHELL);
      write('packages/c/package.json', { name: 'c', main: './dist/index.js', module: './dist/index.mjs' });
      write('packages/c/src/index.ts', SHELL);
      write('packages/d/package.json', { name: 'd', exports: { '.': './dist/index.js' } });
      write('packages/d/dist/index.js', SHELL.replace(': string', ''));
      write('packages/d/src/index.ts', SHELL);
      write('packages/e/package.json', { name: 'e', exports: { './*': { types: './dist/*.d.ts', default: './dist/*.js' }, './internal/*': null } });
      write('packages/e/src/fs/read.ts', SHELL);
      write('packages/e/src/internal/secret.ts', SHELL);
      assert.equal(await found('a'), 'packages/a/src/index.ts', 'the declaration file stands for its source');
      assert.equal(await found('b'), 'packages/b/src/main.ts', 'nested conditions, two build folders dropped');
      assert.equal(await found('c'), 'packages/c/src/index.ts', 'module, then main');
      assert.equal(await found('d'), 'packages/d/dist/index.js', 'a built file that exists is the module');
      assert.equal(await found('e/fs/read'), 'packages/e/src/fs/read.ts', 'a subpath pattern');
      assert.equal(await ask('e/internal/secret'), null, 'a pattern mapped to null is not exported');
    });

    it('answers null for packages that are not the workspace\'s, for Node\'s own modules and when two folders claim a name', async () => {
      write('package.json', { workspaces: ['packages/*'] });
      write('packages/one/package.json', { name: 'twin' });
      write('packages/one/index.ts', SHELL);
      write('packages/two/package.json', { name: 'twin' });
      write('packages/two/index.ts', SHELL);
      write('node_modules/lodash/package.json', { name: 'lodash', main: 'index.js' });
      write('node_modules/lodash/index.js', SHELL);
      for (const specifier of ['twin', 'lodash', 'fs', 'node:child_process', '@acme/absent']) assert.equal(await ask(specifier), null, specifier);
      assert.deepEqual(analyses, []);
    });

    it('never resolves into node_modules, outside the root or through a link out of it', async () => {
      write('package.json', { name: 'acme', workspaces: ['packages/*', 'node_modules/*', '../*', 'linked/*'] });
      // A workspace glob over node_modules, and an installed copy of a workspace name.
      write('node_modules/evil/package.json', { name: 'evil', main: 'index.ts' });
      write('node_modules/evil/index.ts', SHELL);
      // Targets that leave the package, go into node_modules, or use a pattern to climb.
      write('packages/escape/package.json', {
        name: 'escape',
        exports: { '.': '../../../etc/index.ts', './dep': './node_modules/dep/index.ts', './*': './src/*.ts' },
      });
      write('packages/escape/node_modules/dep/index.ts', SHELL);
      write('packages/escape/src/ok.ts', SHELL);
      // A member folder and a member entry that are links out of the root.
      fs.writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: 'linked-out', main: 'index.ts' }));
      fs.writeFileSync(path.join(outside, 'index.ts'), SHELL);
      fs.mkdirSync(path.join(root, 'linked'));
      fs.symlinkSync(outside, path.join(root, 'linked', 'pkg'));
      write('packages/entry/package.json', { name: 'entry', main: 'index.ts' });
      fs.symlinkSync(path.join(outside, 'index.ts'), path.join(root, 'packages', 'entry', 'index.ts'));
      for (const specifier of ['evil', 'escape', 'escape/dep', 'escape/../../outside', 'escape/%2e%2e/x', 'linked-out', 'entry']) {
        assert.equal(await ask(specifier), null, specifier);
      }
      assert.equal(await found('escape/ok'), 'packages/escape/src/ok.ts', 'the same package still resolves what stays inside');
      assert.deepEqual(analyses, ['packages/escape/src/ok.ts']);
    });

    it('resolves the root package by its own name only when it has exports, as Node does', async () => {
      write('package.json', { name: 'self-ref', main: 'index.ts' });
      write('index.ts', SHELL);
      assert.equal(await ask('self-ref'), null);
      write('package.json', { name: 'self-ref', exports: { '.': './index.ts' } });
      service.clear();
      assert.equal(await found('self-ref'), 'index.ts');
    });

    it('reads the workspace once per service, until clear()', async () => {
      write('package.json', { workspaces: ['packages/*'] });
      assert.equal(await ask('late'), null);
      write('packages/late/package.json', { name: 'late' });
      write('packages/late/index.ts', SHELL);
      assert.equal(await ask('late'), null, 'the package map is cached');
      service.clear();
      assert.equal(await found('late'), 'packages/late/index.ts');
    });

    it('lets tsconfig paths map a bare name before the workspace packages do', async () => {
      write('package.json', { workspaces: ['packages/*'] });
      write('packages/utils/package.json', { name: '@acme/utils', main: 'index.ts' });
      write('packages/utils/index.ts', SHELL);
      write('apps/web/tsconfig.json', { compilerOptions: { paths: { '@acme/utils': ['./src/local-utils.ts'] } } });
      write('apps/web/src/local-utils.ts', SHELL);
      assert.equal(await found('@acme/utils'), 'apps/web/src/local-utils.ts');
    });
  });

  describe('tsconfig extends', () => {
    it('inherits paths and baseUrl through a relative extends, relative to the config that defines them', async () => {
      write('tsconfig.base.json', '{ // JSONC\n "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["libs/*"] } }, }');
      write('apps/web/tsconfig.json', { extends: '../../tsconfig.base' });
      write('libs/shell.ts', SHELL);
      assert.equal(await found('@lib/shell'), 'libs/shell.ts');
    });

    it('takes paths without baseUrl relative to the extended config, and the array form with later entries winning', async () => {
      write('config/paths.json', { compilerOptions: { paths: { '#shell': ['../shared/first.ts'] } } });
      write('config/other.json', { compilerOptions: { paths: { '#shell': ['../shared/second.ts'] } } });
      write('apps/web/tsconfig.json', { extends: ['@tsconfig/node20/tsconfig.json', '../../config/paths.json', '../../config/other.json'] });
      write('shared/first.ts', SHELL);
      write('shared/second.ts', SHELL);
      assert.equal(await found('#shell'), 'shared/second.ts');
    });

    it('lets the config\'s own paths win over inherited ones', async () => {
      write('tsconfig.base.json', { compilerOptions: { paths: { '@/*': ['./base/*'] } } });
      write('apps/web/tsconfig.json', { extends: '../../tsconfig.base.json', compilerOptions: { paths: { '@/*': ['./src/*'] } } });
      write('base/shell.ts', SHELL);
      write('apps/web/src/shell.ts', SHELL);
      assert.equal(await found('@/shell'), 'apps/web/src/shell.ts');
    });

    it('stops at cycles, after the depth limit, outside the root and at package extends', async () => {
      write('a.json', { extends: './b.json', compilerOptions: { paths: { '@a/*': ['./lib/*'] } } });
      write('b.json', { extends: './a.json' });
      write('apps/web/tsconfig.json', { extends: '../../a.json' });
      write('lib/shell.ts', SHELL);
      assert.equal(await found('@a/shell'), 'lib/shell.ts', 'a cycle ends where it closes');

      // A chain one level longer than followed: the paths at its end are not seen.
      const names = Array.from({ length: MAX_EXTENDS_DEPTH + 2 }, (_, i) => `chain/c${i}.json`);
      names.forEach((name, i) => write(name, i < names.length - 1 ? { extends: `./c${i + 1}.json` } : { compilerOptions: { paths: { '@far/*': ['../lib/*'] } } }));
      write('apps/far/tsconfig.json', { extends: '../../chain/c0.json' });
      write('apps/far/src/routes.ts', '');
      assert.equal(await ask('@far/shell', 'apps/far/src/routes.ts'), null);
      write('apps/near/tsconfig.json', { extends: `../../chain/c2.json` });
      write('apps/near/src/routes.ts', '');
      assert.equal(await found('@far/shell', 'apps/near/src/routes.ts'), 'lib/shell.ts', 'a chain within the limit');

      fs.writeFileSync(path.join(outside, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { '@out/*': ['./*'] } } }));
      write('apps/out/tsconfig.json', { extends: `../../../${path.basename(outside)}/tsconfig.json` });
      write('apps/out/src/routes.ts', '');
      assert.equal(await ask('@out/shell', 'apps/out/src/routes.ts'), null, 'an extends outside the root');
      fs.symlinkSync(path.join(outside, 'tsconfig.json'), path.join(root, 'linked.json'));
      write('apps/link/tsconfig.json', { extends: '../../linked.json' });
      write('apps/link/src/routes.ts', '');
      assert.equal(await ask('@out/shell', 'apps/link/src/routes.ts'), null, 'an extends linked out of the root');
    });

    it('survives configs that are not JSON, extends that are not strings, and a folder named like a config', async () => {
      write('apps/web/tsconfig.json', { extends: [42, null, { path: './x' }, '../../broken.json', '../../folder'], compilerOptions: { paths: { '@/*': ['./src/*'] } } });
      write('broken.json', '{ "compilerOptions": ');
      fs.mkdirSync(path.join(root, 'folder.json'), { recursive: true });
      fs.mkdirSync(path.join(root, 'folder'), { recursive: true });
      write('apps/web/src/shell.ts', SHELL);
      assert.equal(await found('@/shell'), 'apps/web/src/shell.ts');
    });
  });
});
