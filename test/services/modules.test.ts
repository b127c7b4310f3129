import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { loadPythonRuntime } from '../../src/languages/python/runtime';
import { ModuleService, moduleRuleSettings, type ModuleAnswer } from '../../src/services/modules';

const SHELL = `import { exec } from 'node:child_process';\nexport function ls(dir: string) {\n  return exec(\`ls -l \${dir}\`);\n}\nexport default function run(cmd: string) {\n  return exec(cmd);\n}\n`;

describe('module service (calls into workspace modules)', () => {
  let root: string;
  let analyses: string[];
  let service: ModuleService;
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const ask = (specifier: string, name: string, paramIndex = 0, file = 'src/app.ts', ruleId = 'js/no-shell-injection') =>
    service.answer({ file, specifier, name, paramIndex, ruleId }) as Promise<ModuleAnswer | null>;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-modules-'));
    analyses = [];
    service = new ModuleService({
      root,
      resolvePath: (file) => path.join(root, file),
      analyze: (file, text) => {
        analyses.push(file);
        return analyzer.analyze({ file, text, settings, summaries: true });
      },
    });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('only lists rules that follow calls into modules', () => {
    assert.deepEqual([...settings.keys()].sort(), ['js/no-path-traversal', 'js/no-shell-injection', 'js/no-sql-injection', 'js/no-ssrf', 'js/no-xss', 'python/no-code-injection', 'python/no-path-traversal', 'python/no-shell-injection', 'python/no-sql-injection', 'python/no-ssrf', 'python/no-xss']);
  });

  it('resolves extensions, index files and the .js names of TypeScript sources, relative to the caller', async () => {
    write('src/lib/shell.ts', SHELL);
    write('src/util/index.ts', SHELL);
    for (const specifier of ['./lib/shell', './lib/shell.ts', './lib/shell.js', './util']) {
      const answer = await ask(specifier, 'ls');
      assert.equal(answer?.sinks.length, 1, specifier);
      assert.equal(answer!.file, specifier === './util' ? 'util/index.ts' : 'lib/shell.ts');
    }
    assert.equal(await ask('./lib/missing', 'ls'), null);
    assert.equal(await ask('lodash', 'ls'), null, 'bare specifiers are packages, not workspace modules');
  });

  it('answers per export, parameter and rule, including a parameter passed through unchanged (a summary)', async () => {
    write('src/lib/shell.ts', SHELL);
    const ls = await ask('./lib/shell', 'ls');
    assert.equal(ls!.sinks[0].start.line, 3);
    assert.deepEqual(ls!.sinks[0].flow.map((l) => l.start.line), [2]);
    assert.equal((await ask('./lib/shell', 'default'))!.sinks.length, 1);
    assert.equal((await ask('./lib/shell', 'ls', 1))!.sinks.length, 0);
    assert.equal((await ask('./lib/shell', 'other'))!.sinks.length, 0);
    assert.equal((await ask('./lib/shell', 'ls', 0, 'src/app.ts', 'js/no-sql-injection'))!.sinks.length, 0);
  });

  it('analyses a module once per version and again when it changes on disk', async () => {
    write('src/lib/shell.ts', SHELL);
    await ask('./lib/shell', 'ls');
    await ask('./lib/shell', 'default');
    assert.deepEqual(analyses, ['src/lib/shell.ts']);
    write('src/lib/shell.ts', `export function ls(dir: string) {\n  return dir;\n}\n`);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(root, 'src/lib/shell.ts'), later, later);
    assert.equal((await ask('./lib/shell', 'ls'))!.sinks.length, 0);
    assert.equal(analyses.length, 2);
  });

  it('never reads outside the root, through a relative path or a link', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'shell.ts'), SHELL);
      write('src/app.ts', '');
      assert.equal(await ask(`../../${path.basename(outside)}/shell`, 'ls'), null);
      fs.symlinkSync(path.join(outside, 'shell.ts'), path.join(root, 'src', 'linked.ts'));
      assert.equal(await ask('./linked', 'ls'), null);
      assert.deepEqual(analyses, []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('gives up on modules too large to read and on callers that are not on disk', async () => {
    write('src/lib/big.ts', SHELL + `// ${'x'.repeat(600 * 1024)}\n`);
    assert.equal(await ask('./lib/big', 'ls'), null);
    const noDisk = new ModuleService({ root, resolvePath: () => null, analyze: () => assert.fail('not analysed') });
    assert.equal(await noDisk.answer({ file: 'untitled', specifier: './x', name: 'ls', paramIndex: 0, ruleId: 'js/no-shell-injection' }), null);
  });
});

describe('module service: tsconfig paths', () => {
  it('maps an alias through the nearest tsconfig paths (baseUrl or the config folder), and nothing else', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-modules-'));
    try {
      const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      };
      write('web/tsconfig.json', '{ // JSONC\n "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"], "#shell": ["src/lib/shell.ts"] } } }');
      write('web/src/lib/shell.ts', SHELL);
      const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
      const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
      const service = new ModuleService({ root, resolvePath: (f) => path.join(root, f), analyze: (file, text) => analyzer.analyze({ file, text, settings, summaries: true }) });
      const ask = (specifier: string) =>
        service.answer({ file: 'web/src/routes/api.ts', specifier, name: 'ls', paramIndex: 0, ruleId: 'js/no-shell-injection' }) as Promise<ModuleAnswer | null>;
      assert.equal((await ask('@/lib/shell'))?.file, '../lib/shell.ts');
      assert.equal((await ask('#shell'))?.sinks.length, 1);
      assert.equal(await ask('@/lib/missing'), null);
      assert.equal(await ask('~/lib/shell'), null);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('module service: Python modules', () => {
  const PY_SHELL = `import subprocess\n\n\ndef archive(path):\n    return subprocess.run(f"tar czf {path}.tgz", shell=True)\n\n\ndef run(command):\n    return subprocess.run(command, shell=True)\n`;
  let root: string;
  let service: ModuleService;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const ask = (specifier: string, name: string, file = 'app/views.py', ruleId = 'python/no-shell-injection') =>
    service.answer({ file, specifier, name, paramIndex: 0, ruleId }) as Promise<ModuleAnswer | null>;

  before(() => loadPythonRuntime());
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-pymodules-'));
    const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
    const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
    service = new ModuleService({ root, resolvePath: (f) => path.join(root, f), analyze: (file, text) => analyzer.analyze({ file, text, settings, summaries: true }) });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('resolves relative imports by package level, absolute ones from the caller up to the root and src/, as a file or a package', async () => {
    write('app/tools.py', PY_SHELL);
    write('app/lib/__init__.py', PY_SHELL);
    write('src/common/shell.py', PY_SHELL);
    assert.equal((await ask('.tools', 'archive'))?.file, 'tools.py');
    assert.equal((await ask('.lib', 'archive'))?.file, 'lib/__init__.py');
    assert.equal((await ask('..tools', 'archive', 'app/lib/cli.py'))?.file, '../tools.py');
    assert.equal((await ask('app.tools', 'archive'))?.file, 'tools.py');
    assert.equal((await ask('common.shell', 'archive'))?.file, '../src/common/shell.py');
    assert.equal((await ask('.tools', 'archive'))?.sinks.length, 1, 'a parameter built into a command');
    assert.equal((await ask('.tools', 'run'))?.sinks.length, 1, 'a parameter passed through unchanged is a summary for callers');
    assert.equal((await ask('.tools', 'archive', 'app/views.py', 'python/no-sql-injection'))?.sinks.length, 0);
  });

  it('answers null for modules that are not the workspace\'s: the standard library, packages, names outside the root', async () => {
    write('app/tools.py', PY_SHELL);
    assert.equal(await ask('subprocess', 'run'), null);
    assert.equal(await ask('requests', 'get'), null);
    assert.equal(await ask('....outside', 'run'), null);
    assert.equal(await ask('.bad-name', 'run'), null);
  });
});
