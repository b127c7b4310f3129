import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';
import { loadPythonRuntime } from '../../src/languages/python/runtime';
import { builtinRules } from '../../src/rules';
import { MODULES_SERVICE, ModuleService, moduleRuleSettings, type ModuleAnswer, type ModuleServiceOptions } from '../../src/services/modules';

/** A module whose `run` passes its parameter on to `run` of `next`. */
const hop = (next: string) => `import { run as go } from '${next}';\nexport function run(value: string) {\n  return go(value);\n}\n`;
/** A module whose `run` builds its parameter into a shell command. */
const SINK = `import { exec } from 'node:child_process';\nexport function run(name: string) {\n  return exec(\`tar czf \${name}.tgz\`);\n}\n`;

describe('module service: chains of modules', () => {
  let root: string;
  let analyses: string[];
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const touch = (file: string) => {
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(root, file), later, later);
  };
  /** A service whose modules are analysed asynchronously, each analysis answering its own module questions. */
  const makeService = (options: Partial<ModuleServiceOptions> = {}, delayMs = 0) =>
    new ModuleService({
      root,
      resolvePath: (file) => path.join(root, file),
      analyze: (file, text, { services, signal }) => {
        analyses.push(file);
        const until = Date.now() + delayMs;
        while (Date.now() < until) {
          // A slow module (the time budget is measured, not simulated).
        }
        return analyzer.analyzeAsync({ file, text, settings, summaries: true }, { services, signal });
      },
      ...options,
    });
  const ask = (service: ModuleService, specifier: string, file = 'src/app.ts', name = 'run', signal?: AbortSignal) =>
    service.answer({ file, specifier, name, paramIndex: 0, ruleId: 'js/no-shell-injection' }, signal) as Promise<ModuleAnswer | null>;
  /** The files of a sink's flow, in order, `.` for the called module itself. */
  const files = (answer: ModuleAnswer | null) => answer?.sinks.map((s) => s.flow.map((l) => l.file ?? '.').join(' > '));

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-chain-'));
    analyses = [];
    write('src/app.ts', '');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('follows a parameter through a module into a third one, with the steps there named relative to the caller', async () => {
    write('src/services/b.ts', hop('../lib/c'));
    write('src/lib/c.ts', SINK);
    const answer = await ask(makeService(), './services/b');
    assert.equal(answer?.file, 'services/b.ts');
    assert.deepEqual(files(answer), ['. > . > lib/c.ts > lib/c.ts']);
    assert.deepEqual(answer!.sinks[0].flow.map((l) => l.message), [
      'The caller chooses this value: `value`, a parameter of run()',
      'Passed to go() here',
      'The caller chooses this value: `name`, a parameter of run() (lib/c.ts)',
      'It reaches the sink here (lib/c.ts)',
    ]);
    assert.equal(answer!.sinks[0].start.line, 3, 'the sink in b.ts is the argument passed on');
    assert.deepEqual(analyses, ['src/services/b.ts', 'src/lib/c.ts']);
  });

  it('follows at most three modules deep (maxDepth), and one with maxDepth 1', async () => {
    write('src/m1.ts', hop('./m2'));
    write('src/m2.ts', hop('./m3'));
    write('src/m3.ts', SINK);
    write('src/n1.ts', hop('./n2'));
    write('src/n2.ts', hop('./n3'));
    write('src/n3.ts', hop('./n4'));
    write('src/n4.ts', SINK);
    const service = makeService();
    assert.equal((await ask(service, './m1'))!.sinks.length, 1, 'three modules: m1, m2, m3');
    assert.equal((await ask(service, './n1'))!.sinks.length, 0, 'the fourth module is not analysed');
    assert.ok(!analyses.includes('src/n4.ts'));
    const shallow = makeService({ maxDepth: 1 });
    assert.equal((await ask(shallow, './m1'))!.sinks.length, 0);
    assert.equal((await ask(shallow, './m3'))!.sinks.length, 1);
  });

  it('analyses again a module cached from deep in a chain when a question needs it to go further', async () => {
    write('src/n1.ts', hop('./n2'));
    write('src/n2.ts', hop('./n3'));
    write('src/n3.ts', hop('./n4'));
    write('src/n4.ts', SINK);
    const service = makeService();
    assert.equal((await ask(service, './n1'))!.sinks.length, 0);
    // n3 was analysed third, unable to follow n4: asked directly, it is analysed again and n4 with it.
    assert.equal((await ask(service, './n3'))!.sinks.length, 1);
    assert.equal((await ask(service, './n2'))!.sinks.length, 1, 'n2 follows n3, now complete');
  });

  it('answers nothing through a cycle (A -> B -> A, B -> C -> B), and terminates', async () => {
    // The caller itself exports a sink that the module calls back into.
    write('src/app.ts', `import { run as back } from './b';\nexport { back };\n` + SINK.replace('export function run', 'export function sink'));
    write('src/b.ts', `import { sink } from './app';\nexport function run(value: string) {\n  return sink(value);\n}\n`);
    write('src/c1.ts', `import { run as d } from './c2';\nexport function run(value: string) {\n  return d(value);\n}\n`);
    write('src/c2.ts', `import { run as back } from './c1';\nexport function run(value: string) {\n  return back(value);\n}\n`);
    const service = makeService();
    assert.equal((await ask(service, './b'))!.sinks.length, 0);
    assert.equal((await ask(service, './c1'))!.sinks.length, 0);
    assert.deepEqual(analyses, ['src/b.ts', 'src/c1.ts', 'src/c2.ts']);
    // From another caller, app.ts is a module like any other: b is analysed again, and app.ts with it.
    write('src/other.ts', '');
    assert.equal((await ask(service, './b', 'src/other.ts'))!.sinks.length, 1);
    assert.deepEqual(analyses.slice(3), ['src/b.ts', 'src/app.ts']);
    assert.equal((await ask(service, './b'))!.sinks.length, 0, 'and from app.ts again, nothing');
  });

  it('keeps a chain cached per version of every module in it, and analyses again when one of them changes', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    write('src/unrelated.ts', SINK);
    const service = makeService();
    assert.equal((await ask(service, './b'))!.sinks.length, 1);
    assert.equal((await ask(service, './b'))!.sinks.length, 1);
    assert.equal((await ask(service, './c'))!.sinks.length, 1);
    assert.deepEqual(analyses, ['src/b.ts', 'src/c.ts']);
    touch('src/unrelated.ts');
    await ask(service, './b');
    assert.equal(analyses.length, 2);
    write('src/c.ts', `export function run(name: string) {\n  return name;\n}\n`);
    touch('src/c.ts');
    assert.equal((await ask(service, './b'))!.sinks.length, 0, 'the change two modules away is seen');
    assert.deepEqual(analyses.slice(2), ['src/b.ts', 'src/c.ts']);
  });

  it('shares one analysis between questions that arrive together at the same depth', async () => {
    write('src/b.ts', hop('./c') + `export function again(value: string) {\n  return go(value);\n}\n`);
    write('src/c.ts', SINK);
    const service = makeService();
    const answers = await Promise.all([ask(service, './b'), ask(service, './b'), ask(service, './b', 'src/app.ts', 'again')]);
    assert.deepEqual(answers.map((a) => a!.sinks.length), [1, 1, 1]);
    assert.deepEqual(analyses, ['src/b.ts', 'src/c.ts'], 'b once, and c once for both of its calls');
  });

  it('stops analysing new modules past maxAnalyses, answering from the cache only, until clear()', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    write('src/d.ts', SINK);
    const service = makeService({ maxAnalyses: 1 });
    assert.equal((await ask(service, './b'))!.sinks.length, 0, 'b was analysed, c was past the budget');
    assert.equal(await ask(service, './d'), null);
    assert.equal(await ask(service, './b'), null, 'an answer cut short by the budget is not kept');
    assert.equal(service.analyses, 1);
    service.clear();
    assert.equal((await ask(service, './d'))!.sinks.length, 1);
    assert.equal(await ask(service, './c'), null);
    assert.equal((await ask(makeService({ maxAnalyses: 0 }), './d')), null);
  });

  it('stops analysing new modules for a question once its time budget is spent', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    const service = makeService({ questionBudgetMs: 20 }, 40);
    assert.equal((await ask(service, './b'))!.sinks.length, 0, 'b took longer than the budget: c is not analysed');
    assert.deepEqual(analyses, ['src/b.ts']);
    // A new question has its own budget: c is analysed and kept; b, cut short before, is analysed again and finds c cached.
    assert.equal((await ask(service, './c'))!.sinks.length, 1);
    assert.equal((await ask(service, './b'))!.sinks.length, 1);
    assert.deepEqual(analyses, ['src/b.ts', 'src/c.ts', 'src/b.ts']);
    assert.equal((await ask(service, './b'))!.sinks.length, 1);
    assert.equal(analyses.length, 3, 'complete now, and kept');
  });

  it('keeps no module whose own questions went unanswered by its deadline', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    const service = new ModuleService({
      root,
      resolvePath: (file) => path.join(root, file),
      analyze: async (file, text, { services, signal }) => {
        analyses.push(file);
        if (file === 'src/c.ts') await new Promise((resolve) => setTimeout(resolve, 60));
        return analyzer.analyzeAsync({ file, text, settings, summaries: true }, { services, signal, timeoutMs: 20 });
      },
    });
    assert.equal((await ask(service, './b'))!.sinks.length, 0, 'c answered after b stopped waiting');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal((await ask(service, './b'))!.sinks.length, 1, 'b analysed again, c from the cache');
    assert.deepEqual(analyses, ['src/b.ts', 'src/c.ts', 'src/b.ts']);
  });

  it('analyses nothing once the question is cancelled', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    const controller = new AbortController();
    controller.abort();
    assert.equal(await ask(makeService(), './b', 'src/app.ts', 'run', controller.signal), null);
    assert.deepEqual(analyses, []);
  });

  it('stops at the module with a synchronous analysis, as before', async () => {
    write('src/b.ts', hop('./c'));
    write('src/c.ts', SINK);
    const service = new ModuleService({ root, resolvePath: (f) => path.join(root, f), analyze: (file, text) => analyzer.analyze({ file, text, settings, summaries: true }) });
    assert.equal((await ask(service, './b'))!.sinks.length, 0);
    assert.equal((await ask(service, './c'))!.sinks.length, 1);
  });

  it('reports a parameter passed into another module only when the file is analysed for its callers', async () => {
    write('src/c.ts', SINK);
    const text = hop('./c');
    const service = makeService();
    const summary = await analyzer.analyzeAsync({ file: 'src/b.ts', text, settings, summaries: true }, { services: { [MODULES_SERVICE]: service } });
    // Call facts (what each call into a module passes) are summaries too; here only the sink counts.
    const found = summary.findings.filter((f) => f.ruleId === 'js/no-shell-injection' && f.properties?.callModule === undefined);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].properties, { parameter: 'value', parameterIndex: 0, parameterImportedAs: 'run' });
    analyses = [];
    const plain = await analyzer.analyzeAsync({ file: 'src/b.ts', text, settings }, { services: { [MODULES_SERVICE]: service } });
    assert.deepEqual(plain.findings, []);
    assert.deepEqual(analyses, [], 'no question is asked for a parameter outside summaries');
    // Not exported, or a constant passed: nothing to tell callers.
    for (const other of [
      `import { run as go } from './c';\nfunction local(value: string) {\n  return go(value);\n}\nlocal('x');\n`,
      `import { run as go } from './c';\nexport function run(value: string) {\n  return go('fixed');\n}\n`,
    ]) {
      const r = await analyzer.analyzeAsync({ file: 'src/b.ts', text: other, settings, summaries: true }, { services: { [MODULES_SERVICE]: service } });
      assert.deepEqual(r.findings.filter((f) => f.ruleId === 'js/no-shell-injection' && f.properties?.callModule === undefined), []);
    }
  });

  describe('Python', () => {
    before(() => loadPythonRuntime());
    const PY_SINK = `import subprocess\n\n\ndef archive(name):\n    return subprocess.run(f"tar czf {name}.tgz", shell=True)\n`;
    const pyAsk = (service: ModuleService, specifier: string, name: string) =>
      service.answer({ file: 'app/views.py', specifier, name, paramIndex: 0, ruleId: 'python/no-shell-injection' }) as Promise<ModuleAnswer | null>;

    it('follows a parameter from a service module into a shell helper, and not when it passes a constant', async () => {
      write('app/__init__.py', '');
      write('app/shell.py', PY_SINK);
      write('app/services.py', `from .shell import archive\n\n\ndef archive_report(name):\n    return archive(name)\n\n\ndef nightly(name):\n    return archive("nightly")\n`);
      const service = makeService();
      const answer = await pyAsk(service, '.services', 'archive_report');
      assert.deepEqual(files(answer), ['. > . > shell.py > shell.py']);
      assert.equal((await pyAsk(service, '.services', 'nightly'))!.sinks.length, 0);
      assert.deepEqual(analyses, ['app/services.py', 'app/shell.py']);
    });

    it('answers nothing through an import cycle', async () => {
      write('app/a.py', `from .b import relay\n\n\ndef run(value):\n    return relay(value)\n`);
      write('app/b.py', `from .a import run\n\n\ndef relay(value):\n    return run(value)\n`);
      const service = makeService();
      assert.equal((await pyAsk(service, '.a', 'run'))!.sinks.length, 0);
      assert.deepEqual(analyses, ['app/a.py', 'app/b.py']);
    });
  });
});
