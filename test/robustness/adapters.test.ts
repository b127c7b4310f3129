import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceComment } from '../../src/engine/language';
import { nested, randomBytes, seededRandom } from './inputs';
import { IsolatedAnalyzer } from './isolated-analyzer';
import { assertWellFormed, LIMIT_MS } from './well-formed';

/** What the worker reports for one input: time spent and what, if anything, was thrown and where. */
interface AdapterOutcome {
  ms: number;
  thrown?: { stage: 'parse' | 'traverse' | 'helpers'; name: string; message: string };
  comments: SourceComment[];
  syntaxErrors: string[];
  visits: number;
}

/** Bound on parse + traverse + helpers for one input up to 100,000 characters. */
const ADAPTER_LIMIT_MS = 1_000;
/**
 * Bound for a megabyte. Measured in the worker: at most ~0.9 s (JSON of a million unclosed `[`) on an idle
 * machine, 2.5 s on a loaded 2-core one (linear: x2.0 per doubling from 128 KB). The bound is there to catch
 * super-linear work, which at a megabyte takes minutes, not to time the parser.
 */
const MEGABYTE_LIMIT_MS = 8_000;
/**
 * Bound for a megabyte of YAML: the `yaml` package's CST parser alone takes ~0.6 s for a megabyte and
 * its composer another 0.2-0.6 s (a megabyte of errors); measured ~1.3 s for realistic content and
 * ~1.9 s for an error on every line idle, and up to 7.8 s on a loaded 2-core machine (linear). Like the
 * bound above, it catches super-linear work.
 */
const YAML_MEGABYTE_LIMIT_MS = 12_000;
const MB = 1 << 20;

/**
 * Runs one adapter (chosen by the file name) in a worker thread with about the stack of the editor's
 * extension host: parse, a traversal with visitors on every kind, then the helpers. A hang fails the
 * test after `limit` instead of blocking mocha.
 */
const WORKER_CODE = `
require('tsx/cjs');
const { parentPort } = require('node:worker_threads');
const { builtinAdapters } = require(${JSON.stringify(join(__dirname, '../../src/languages'))});
const { classifyFile } = require(${JSON.stringify(join(__dirname, '../../src/engine/classify'))});
const KINDS = ['File', 'object', 'property', 'array', 'string', 'number', 'boolean', 'null',
  'Document', 'Map', 'Pair', 'Seq', 'Scalar', 'Alias', 'Instruction'];
function exerciseHelpers(helpers) {
  if (typeof helpers.value === 'function') helpers.value();
  if (typeof helpers.locate === 'function') helpers.locate(['project', 'dependencies']);
  if (helpers.documents && helpers.documents.length > 0) helpers.pathOf(helpers.documents[helpers.documents.length - 1]);
  if (helpers.dockerfile) for (const i of helpers.dockerfile.getInstructions()) helpers.rangeOf(i);
}
parentPort.on('message', ({ id, file, text }) => {
  const language = classifyFile(file, text.slice(0, 200)).language;
  const adapter = builtinAdapters.find((a) => a.id === language);
  const started = performance.now();
  let parsed, thrown, stage = 'parse', visits = 0;
  try {
    parsed = adapter.parse(text, file);
    stage = 'traverse';
    const count = () => { visits++; };
    const table = () => new Map(KINDS.map((k) => [k, [count]]));
    adapter.traverse(parsed, { enter: table(), exit: table() });
    stage = 'helpers';
    exerciseHelpers(adapter.createHelpers(parsed, text));
  } catch (e) {
    thrown = { stage, name: e && e.name, message: String(e && e.message) };
  }
  const ms = performance.now() - started;
  parentPort.postMessage({ id, ms, thrown, visits, comments: parsed ? parsed.comments : [], syntaxErrors: parsed ? parsed.syntaxErrors : [] });
});
`;

class AdapterWorker {
  private worker: Worker | undefined;
  private nextId = 1;

  async run(file: string, text: string, limitMs: number): Promise<AdapterOutcome> {
    const worker = (this.worker ??= new Worker(WORKER_CODE, { eval: true, resourceLimits: { stackSizeMb: 1 } }));
    const id = this.nextId++;
    return new Promise<AdapterOutcome>((resolve, reject) => {
      const fail = (message: string) => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`${file} did not return within ${limitMs} ms`), limitMs + 5_000);
      const onMessage = (m: AdapterOutcome & { id: number }) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m);
      };
      const onError = (e: Error) => fail(`the worker died on ${file}: ${e.message}`);
      const onExit = (code: number) => fail(`the worker exited with code ${code} on ${file}`);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ id, file, text });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

/** One file name per adapter and dialect. */
const FILES = ['data.json', 'pyproject.toml', 'requirements.txt', 'install.sh', 'README.md', '.cursorrules', 'deploy.yaml', 'Dockerfile'];

/** Realistic content per file, repeated to a megabyte. */
const REALISTIC: Record<string, string> = {
  'data.json': '{"name": "pkg", "version": "1.0.0", "dependencies": {"left-pad": "^1.3.0"}}, // c\n',
  'pyproject.toml': '[[tool.x]]\nname = "a # b" # c\nversion = """\n1.0"""\n',
  'requirements.txt': 'requests==2.31.0 --hash=sha256:abc # pinned\n',
  'install.sh': 'echo "$HOME # x" # c\ncat <<EOF\n# body\nEOF\n',
  'README.md': '# Title\n<!-- c -->\n```sh\n<!-- x -->\n```\ntext `<!--` more\n',
  '.cursorrules': 'Always validate input. <!-- rampart-ignore-next-line x -- y -->\n',
  'deploy.yaml': '- name: web # c\n  image: "nginx:1.27"\n  ports: [80, 443]\n  env: {A: "1", B: |\n    x\n    }\n',
  Dockerfile: 'RUN apt-get update && \\\n  # inner\n  apt-get install -y curl\n# c\nUSER app\n',
};

/** Text that stresses each format: unclosed openers, one repeated structural token. */
const HOSTILE: Record<string, string[]> = {
  'data.json': ['{', '[', '"', '/*', '{"a":', ',', '\\u'],
  'pyproject.toml': ['[', '"""', "'''", 'a.', '= ', '#', '[[a]]\n'],
  'requirements.txt': ['#', ' #', '\\\n'],
  'install.sh': ['<<a\n', '"', "'", '$\'\\', '#', '\\', '`'],
  'README.md': ['<!--', '`', '```\n', '~~~ ', '-->'],
  '.cursorrules': ['<!--', '`'],
  'deploy.yaml': ['- ', '{', '[', '&a ', '*a ', '? ', '"', '|\n', '#', 'a: b: c\n- : - '],
  Dockerfile: ['\\\n', 'RUN <<EOF\n', '# ', '#a=b ', 'FROM ', 'COPY --from=a ', '\\'],
};

const DEEP: Record<string, string> = {
  'JSON arrays 100,000 deep': nested('[', '1', ']', 100_000),
  'JSON objects 100,000 deep': nested('{"a":', '1', '}', 100_000),
  'JSON opened 100,000 times, never closed': '{"a":['.repeat(100_000),
  'YAML flow sequences 10,000 deep': nested('[', '1', ']', 10_000),
  'YAML flow maps 10,000 deep': nested('{a: ', '1', '}', 10_000),
  'YAML block sequences 10,000 deep on one line': '- '.repeat(10_000) + 'x',
  'YAML block maps 1,000 deep': Array.from({ length: 1_000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x',
  'TOML inline arrays 10,000 deep': 'a = ' + nested('[', '1', ']', 10_000),
  'TOML inline tables 10,000 deep': 'a = ' + nested('{a=', '1', '}', 10_000),
  'TOML dotted key 100,000 parts': 'a' + '.a'.repeat(100_000) + ' = 1',
  'TOML table header 100,000 parts': '[a' + '.a'.repeat(100_000) + ']\nx = 1',
  'Dockerfile with one instruction over 100,000 continuation lines': 'RUN a \\\n'.repeat(100_000) + 'b\n',
  'Markdown with 10,000 nested fences and comments': nested('````\n<!--\n', 'x', '\n-->\n````\n', 10_000),
};

const DEEP_FILES: Record<string, string> = { JSON: 'deep.json', YAML: 'deep.yaml', TOML: 'deep.toml', Dockerfile: 'Dockerfile', Markdown: 'deep.md' };

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function limitFor(file: string, text: string): number {
  if (text.length <= 100_000) return ADAPTER_LIMIT_MS;
  return file.endsWith('.yaml') ? YAML_MEGABYTE_LIMIT_MS : MEGABYTE_LIMIT_MS;
}

/** The outcome is usable: in time, a parse error at most, comments inside the text and in order. */
function assertSound(outcome: AdapterOutcome, file: string, text: string): void {
  const limit = limitFor(file, text);
  assert.ok(outcome.ms < limit, `${file}: took ${Math.round(outcome.ms)} ms (limit ${limit} ms)`);
  if (outcome.thrown) {
    assert.equal(outcome.thrown.stage, 'parse', `${file}: ${outcome.thrown.name} thrown in ${outcome.thrown.stage}: ${outcome.thrown.message}`);
    assert.equal(outcome.thrown.name, 'SyntaxError', `${file}: ${outcome.thrown.name}: ${outcome.thrown.message}`);
    assert.match(outcome.thrown.message, /^\S.{9,199}$/, `${file}: not one readable line: ${outcome.thrown.message}`);
  }
  let previousEnd = 0;
  for (const c of outcome.comments) {
    assert.ok(previousEnd <= c.range[0] && c.range[0] < c.range[1] && c.range[1] <= text.length, `${file}: comment ${c.range} out of order or outside the text`);
    previousEnd = c.range[1];
  }
  assert.ok(outcome.syntaxErrors.length <= 101, `${file}: ${outcome.syntaxErrors.length} syntax error messages`);
}

describe('robustness: the JSON, TOML, text, YAML and Dockerfile adapters', function () {
  this.timeout(60_000);
  const worker = new AdapterWorker();
  after(() => worker.close());

  async function check(file: string, text: string): Promise<AdapterOutcome> {
    const outcome = await worker.run(file, text, limitFor(file, text));
    if (process.env.RAMPART_ROBUSTNESS_LOG === '1') {
      const what = outcome.thrown ? `${outcome.thrown.name}: ${outcome.thrown.message}` : `${outcome.visits} visits, ${outcome.comments.length} comments`;
      console.log(`      ${file} ${JSON.stringify(text.slice(0, 12))}… (${text.length}): ${Math.round(outcome.ms)} ms, ${what}`);
    }
    assertSound(outcome, file, text);
    return outcome;
  }

  for (const file of FILES) {
    describe(file, () => {
      it('random bytes, with and without NUL, decoded as UTF-8', async () => {
        for (const seed of [1, 2, 3]) {
          const text = randomBytes(seed, 64 * 1024).toString('utf8');
          await check(file, text);
          await check(file, text.replaceAll('\u0000', ' '));
        }
      });

      it('a megabyte of random bytes', async () => {
        await check(file, randomBytes(7, MB).toString('utf8').slice(0, MB));
      });

      it('a megabyte of realistic content, with its comments found', async () => {
        const text = REALISTIC[file].repeat(Math.floor(MB / REALISTIC[file].length));
        const outcome = await check(file, text);
        assert.ok(outcome.comments.length > 1_000 || file === 'data.json', `${outcome.comments.length} comments`);
      });

      it('a megabyte of each hostile token', async () => {
        for (const unit of HOSTILE[file]) await check(file, repeatTo(unit, MB));
      });

      it('random soup of the format\'s tokens and realistic lines', async () => {
        const pieces = [...HOSTILE[file], ...REALISTIC[file].split(/(?<=\n)|(?= )/), '\r\n', '\n', ' ', '😀', '\uFEFF', '\u2028'];
        for (const seed of [11, 12, 13]) {
          const next = seededRandom(seed);
          const text = Array.from({ length: 20_000 }, () => pieces[Math.floor(next() * pieces.length)]).join('');
          await check(file, text);
        }
      });
    });
  }

  for (const [name, text] of Object.entries(DEEP)) {
    it(name, async () => {
      const file = DEEP_FILES[Object.keys(DEEP_FILES).find((k) => name.startsWith(k))!];
      const outcome = await check(file, text);
      if (file.endsWith('.json')) assert.equal(outcome.thrown, undefined, 'JSON of any depth is read');
      if (file.endsWith('.yaml') || file.endsWith('.toml')) assert.equal(outcome.thrown?.name, 'SyntaxError', 'refused as nested too deeply');
    });
  }

  it('JSON nesting is fully traversed: 100,000 arrays give 200,000 + 2 visits with exits', async () => {
    const outcome = await check('deep.json', nested('[', '', ']', 100_000));
    assert.equal(outcome.visits, 200_002);
  });
});

describe('robustness: the new file kinds through the Analyzer with every rule', function () {
  this.timeout(4 * LIMIT_MS);
  const analyzer = new IsolatedAnalyzer();
  after(() => analyzer.close());

  const CASES: Array<[string, string]> = [
    ['package.json', randomBytes(21, 64 * 1024).toString('utf8').replaceAll('\u0000', ' ')],
    ['tsconfig.json', '{ // rampart-ignore-next-line\n' + nested('[', '1', ']', 50_000) + '}'],
    ['.github/workflows/ci.yml', randomBytes(22, 64 * 1024).toString('utf8').replaceAll('\u0000', ' ')],
    ['k8s/deep.yaml', nested('[', '1', ']', 10_000)],
    ['Dockerfile', '# rampart-ignore-next-line -- no rule\n' + 'RUN a \\\n'.repeat(10_000)],
    ['AGENTS.md', '<!-- rampart-ignore-next-line nope/no-rule -- x -->\n' + randomBytes(23, 64 * 1024).toString('utf8').replaceAll('\u0000', ' ')],
    ['requirements.txt', '# rampart-ignore-next-line\n'.repeat(10_000)],
    ['pyproject.toml', '[project]\ndependencies = [' + '"a",'.repeat(50_000) + ']\n'],
  ];
  for (const [file, text] of CASES) {
    it(file, async () => {
      const { result, ms } = await analyzer.analyze(file, text, LIMIT_MS);
      assert.ok(ms < LIMIT_MS, `took ${Math.round(ms)} ms`);
      assertWellFormed(result, text);
      assert.equal(result.skipped, undefined);
    });
  }
});
