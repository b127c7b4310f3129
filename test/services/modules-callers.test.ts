import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer } from '../../src/engine/analyzer';
import type { Finding } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import { loadPythonRuntime } from '../../src/languages/python/runtime';
import { builtinRules } from '../../src/rules';
import { CallerIndex, jsSpecifiers, mayName, passesSafely, pythonSpecifiers } from '../../src/services/module-callers';
import { MODULES_SERVICE, ModuleService, moduleRuleSettings, type CallersAnswer, type ModuleServiceOptions } from '../../src/services/modules';

/** A module whose exported `ls` builds its parameter into a shell command (line 3). */
const SHELL = `import { exec } from 'node:child_process';\nexport function ls(dir: string) {\n  return exec(\`ls -l \${dir}\`);\n}\n`;
/** A Python module whose public `archive` builds its parameter into a shell command (line 5). */
const PY_SHELL = `import subprocess\n\n\ndef archive(name):\n    return subprocess.run(f"tar czf {name}.tgz", shell=True)\n`;

describe('module service: the callers of a function decide about a finding on its parameter', () => {
  let root: string;
  let analyses: string[];
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const makeService = (options: Partial<ModuleServiceOptions> = {}) =>
    new ModuleService({
      root,
      resolvePath: (file) => path.join(root, file),
      analyze: (file, text, { services, signal }) => {
        analyses.push(file);
        return analyzer.analyzeAsync({ file, text, settings, summaries: true }, { services, signal });
      },
      // Files written by a test are seen by the next question.
      callerIndex: { maxAgeMs: 0 },
      ...options,
    });
  /** The findings of `ruleId` in one file as the CLI and the editor get them: not for summaries, with the module service. */
  const scan = async (service: ModuleService, file: string, ruleId = 'js/no-shell-injection'): Promise<Finding[]> => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const result = await analyzer.analyzeAsync({ file, text, settings }, { services: { [MODULES_SERVICE]: service } });
    assert.deepEqual(result.errors, []);
    return result.findings.filter((f) => f.ruleId === ruleId);
  };
  const at = (findings: readonly Finding[]) => findings.map((f) => `${f.start.line}:${f.start.column} ${f.messageId} ${f.severity}`);
  const callers = (service: ModuleService, file: string, name = 'ls', paramIndex = 0, parameter = 'dir', ruleId = 'js/no-shell-injection') =>
    service.answer({ callers: true, file, ruleId, name, paramIndex, parameter }) as Promise<CallersAnswer | null>;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-callers-')));
    analyses = [];
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('JS/TS', () => {
    it('hides the warning when every call in the workspace passes a constant (named and namespace imports, a const, a conversion)', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/app.ts', `import { ls } from './lib/shell';\nconst LOGS = '/var/log';\nls('/tmp');\nls(LOGS);\n`);
      write('src/jobs/nightly.ts', `import * as sh from '../lib/shell';\nexport function run(days: string) {\n  return sh.ls(String(Number(days)));\n}\n`);
      const service = makeService();
      assert.deepEqual(await callers(service, 'src/lib/shell.ts'), { calls: 3, unsafe: false });
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), []);
    });

    it('keeps the warning when a caller passes a parameter of its own exported function, and reports request data at the caller', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/app.ts', `import { ls } from './lib/shell';\nls('/tmp');\n`);
      write('src/api.ts', `import { ls } from './lib/shell';\nexport function list(folder: string) {\n  return ls(folder);\n}\n`);
      const service = makeService();
      assert.equal((await callers(service, 'src/lib/shell.ts'))?.unsafe, true);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning']);
      write('src/api.ts', `import express from 'express';\nimport { ls } from './lib/shell';\nconst app = express();\napp.get('/ls', (req, res) => { ls(req.query.dir); res.end(); });\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning']);
      assert.deepEqual(at(await scan(service, 'src/api.ts')), ['4:35 viaCall error'], 'the full finding, at the caller');
    });

    it('keeps the warning when the function has no caller in the workspace (a library) or only calls itself', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/app.ts', `import { exec } from 'node:child_process';\nexec('ls');\n`);
      const service = makeService();
      assert.deepEqual(await callers(service, 'src/lib/shell.ts'), { calls: 0, unsafe: false });
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning']);
    });

    it('keeps the warning when another file uses the function otherwise than by calling it', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/lib/index.ts', `export { ls } from './shell';\n`);
      write('src/app.ts', `import { ls } from './lib';\nls('/tmp');\n`);
      const service = makeService();
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning'], 'a re-export: the callers are elsewhere');
      fs.rmSync(path.join(root, 'src/lib/index.ts'));
      write('src/app.ts', `import * as sh from './lib/shell';\nsh.ls('/tmp');\nprocess.on('message', sh.ls);\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning'], 'a callback');
      write('src/app.ts', `import * as sh from './lib/shell';\nsh.ls('/tmp');\nregister(sh);\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning'], 'the module passed on');
      write('src/app.ts', `import { ls } from './lib/shell';\nconst dirs = ['/tmp'];\nls(...dirs);\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning'], 'a spread');
      write('src/app.ts', `import * as sh from './lib/shell';\nsh.ls('/tmp');\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/shell.ts')), []);
    });

    it('finds callers through tsconfig paths and CommonJS, with calls in the file itself counted too', async () => {
      write('tsconfig.json', `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }`);
      write('src/lib/grep.js', `const cp = require('child_process');\nfunction grep(pattern) {\n  return cp.execSync('grep -rn ' + pattern + ' .').toString();\n}\nmodule.exports = { grep, todos: () => grep('TODO') };\n`);
      write('src/app.ts', `import { grep } from '@/lib/grep';\ngrep('FIXME');\n`);
      write('src/cli.js', `const { grep } = require('./lib/grep');\ngrep('XXX');\n`);
      const service = makeService();
      assert.deepEqual(await callers(service, 'src/lib/grep.js', 'grep', 0, 'pattern'), { calls: 2, unsafe: false });
      assert.deepEqual(at(await scan(service, 'src/lib/grep.js')), []);
      write('src/cli.js', `const { grep } = require('./lib/grep');\ngrep(process.argv[2]);\n`);
      assert.deepEqual(at(await scan(service, 'src/lib/grep.js')), ['3:22 shellInjectionParam warning'], 'an edit to a caller is seen');
    });

    it('analyses each caller once per version, and keeps the warning past its budget', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/app.ts', `import { ls } from './lib/shell';\nls('/tmp');\n`);
      const service = makeService();
      await scan(service, 'src/lib/shell.ts');
      await scan(service, 'src/lib/shell.ts');
      assert.deepEqual(analyses, ['src/app.ts']);
      assert.deepEqual(await callers(makeService({ maxAnalyses: 0 }), 'src/lib/shell.ts'), { calls: 0, unsafe: true });
      assert.deepEqual(at(await scan(makeService({ maxAnalyses: 0 }), 'src/lib/shell.ts')), ['3:15 shellInjectionParam warning']);
      assert.deepEqual(await callers(makeService({ callerIndex: { maxFiles: 1 } }), 'src/lib/shell.ts'), { calls: 0, unsafe: true }, 'a workspace past the index bounds');
    });

    it('keeps the warning for a function imported by more files than it searches', async () => {
      write('src/lib/shell.ts', SHELL);
      for (let i = 0; i < 33; i++) write(`src/pages/p${i}.ts`, `import { ls } from '../lib/shell';\nls('/tmp');\n`);
      const service = makeService();
      assert.deepEqual(await callers(service, 'src/lib/shell.ts'), { calls: 0, unsafe: true });
      assert.deepEqual(analyses, [], 'decided before analysing any');
    });

    it('never reads a caller through a link out of the workspace', async function () {
      const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-outside-')));
      try {
        fs.writeFileSync(path.join(outside, 'evil.ts'), `import { ls } from './lib/shell';\nls('/tmp');\n`);
        write('src/lib/shell.ts', SHELL);
        try {
          fs.symlinkSync(path.join(outside, 'evil.ts'), path.join(root, 'src/evil.ts'));
        } catch {
          this.skip();
        }
        const service = makeService();
        assert.deepEqual(await callers(service, 'src/lib/shell.ts'), { calls: 0, unsafe: false });
        assert.deepEqual(analyses, []);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it('decides alike with the editor budget (200 ms per question, documents registered by path)', async () => {
      write('src/lib/shell.ts', SHELL);
      write('src/app.ts', `import { ls } from './lib/shell';\nls('/tmp');\n`);
      const registered = new Map([['src/lib/shell.ts', path.join(root, 'src/lib/shell.ts')]]);
      const editor = makeService({ resolvePath: (file) => registered.get(file) ?? null, questionBudgetMs: 200, maxAnalyses: Infinity });
      assert.deepEqual(at(await scan(editor, 'src/lib/shell.ts')), []);
      assert.deepEqual(await callers(editor, 'src/lib/shell.ts'), { calls: 1, unsafe: false });
    });

    it('answers null for a file that is not on disk (the calls in the file decide)', async () => {
      const service = new ModuleService({ root, resolvePath: () => null, analyze: () => ({ file: '', language: null, findings: [], errors: [] }) });
      assert.equal(await callers(service, 'untitled.ts'), null);
    });
  });

  describe('Python', () => {
    before(() => loadPythonRuntime());

    it('hides the warning when every call passes a constant, by position or keyword, and finds `from pkg import module` callers', async () => {
      write('app/helpers.py', PY_SHELL);
      write('app/jobs.py', `from app.helpers import archive\n\narchive("data")\narchive(name="logs")\n`);
      write('app/cron.py', `from app import helpers\n\nhelpers.archive("weekly")\n`);
      const service = makeService();
      assert.deepEqual(await callers(service, 'app/helpers.py', 'archive', 0, 'name', 'python/no-shell-injection'), { calls: 3, unsafe: false });
      assert.deepEqual(at(await scan(service, 'app/helpers.py', 'python/no-shell-injection')), []);
    });

    it('keeps the warning for a caller passing a parameter of its own, a function used as a value, or hidden arguments', async () => {
      write('app/helpers.py', PY_SHELL);
      const service = makeService();
      const warning = ['5:27 shellInjectionParam warning'];
      for (const caller of [
        `from .helpers import archive\n\ndef backup(folder):\n    return archive(folder)\n`,
        `from app import helpers\n\nhelpers.archive("data")\nJOBS = [helpers.archive]\n`,
        `from .helpers import archive\n\nopts = {}\narchive(**opts)\n`,
        `from .helpers import archive\n\nargs = ["x"]\narchive(*args)\n`,
      ]) {
        write('app/jobs.py', caller);
        assert.deepEqual(at(await scan(service, 'app/helpers.py', 'python/no-shell-injection')), warning, caller);
      }
    });

    it('follows a keyword argument into another module by the parameter name (run(cmd=user))', async () => {
      write('app/helpers.py', PY_SHELL);
      write('app/views.py', `from flask import Flask, request\nfrom .helpers import archive\n\napp = Flask(__name__)\n\n\n@app.route("/a")\ndef a():\n    archive(name=request.args["n"])\n    archive("fixed", name=request.args["m"])\n    return "ok"\n`);
      const service = makeService();
      const found = await scan(service, 'app/views.py', 'python/no-shell-injection');
      assert.deepEqual(at(found), ['9:18 viaCall error', '10:27 viaCall error']);
      assert.deepEqual(found[0].flow?.map((l) => l.message), [
        'Untrusted data enters here: HTTP request data (request.args)',
        'Passed to archive() here',
        'The caller chooses this value: `name`, a parameter of archive() (helpers.py)',
        'It reaches the sink here (helpers.py)',
      ]);
      write('app/views.py', `from flask import Flask, request\nfrom .helpers import archive\n\napp = Flask(__name__)\n\n\n@app.route("/a")\ndef a():\n    archive("fixed", other=request.args["n"])\n    return "ok"\n`);
      assert.deepEqual(at(await scan(service, 'app/views.py', 'python/no-shell-injection')), [], 'a keyword naming no parameter that reaches the sink');
    });
  });

  describe('the index and the facts', () => {
    it('reads the files within the time a question gives, the rest on later questions, and skips the ignored ones', () => {
      write('src/a.ts', `import { ls } from './lib/shell';\n`);
      write('src/b.py', `from .lib import shell\n`);
      write('node_modules/dep/index.js', `require('../../src/lib/shell');\n`);
      const index = new CallerIndex(root);
      assert.equal(index.files('js', 0), null, 'no time: nothing read yet, no index');
      assert.deepEqual(index.files('js')?.map((f) => [path.relative(root, f.file), f.specifiers]), [['src/a.ts', ['./lib/shell']]]);
      assert.deepEqual(index.files('python')?.map((f) => f.specifiers), [['.lib', '.lib.shell']]);
    });

    it('reads JS/TS import specifiers (static, dynamic, require, re-exports) and Python module names', () => {
      assert.deepEqual(jsSpecifiers(`import a from './a';\nimport { b } from "@/b";\nexport * from './c.js';\nconst d = require( './d' );\nconst e = await import('./e');\n// from 'x'\n`), ['./a', '@/b', './c.js', './d', './e', 'x']);
      assert.deepEqual(pythonSpecifiers(`from app import utils, db as database\nfrom . import helpers\nfrom ..pkg.mod import (\n    one,\n    two,\n)\nimport app.jobs as jobs, os\n`), [
        'app', 'app.utils', 'app.db', '.', '.helpers', '..pkg.mod', '..pkg.mod.one', '..pkg.mod.two', 'app.jobs', 'os',
      ]);
    });

    it('matches a specifier to a module file by its last name before resolving it', () => {
      assert.ok(mayName('./lib/shell.js', 'js', ['shell']));
      assert.ok(mayName('../util', 'js', ['index', 'util']));
      assert.ok(mayName('@acme/utils', 'js', ['index', 'src']), 'bare names may be aliases or workspace packages');
      assert.ok(!mayName('./lib/other', 'js', ['shell']));
      assert.ok(mayName('app.helpers', 'python', ['helpers']));
      assert.ok(mayName('.', 'python', ['__init__', 'app']));
      assert.ok(!mayName('app.views', 'python', ['helpers']));
    });

    it('decides whether a call passes a safe value by position, then keyword, with spreads and defaults', () => {
      const fact = (callArguments: string, callKeywords?: string) => ({ callModule: './a', callName: 'f', callArguments, ...(callKeywords ? { callKeywords } : {}) });
      assert.ok(passesSafely(fact('sx'), 0, 'a'));
      assert.ok(!passesSafely(fact('sx'), 1, 'b'));
      assert.ok(passesSafely(fact('s'), 1, 'b'), 'left out: the default');
      assert.ok(!passesSafely(fact('s*'), 1, 'b'), 'a spread may hold it');
      assert.ok(!passesSafely(fact('', 'cmd=x'), 0, 'cmd'));
      assert.ok(passesSafely(fact('', 'cmd=s,other=x'), 0, 'cmd'));
      assert.ok(!passesSafely(fact('', '**'), 0, 'cmd'));
      assert.ok(!passesSafely({ callModule: './a', callName: 'f', callEscapes: true }, 0, 'a'));
    });
  });
});
