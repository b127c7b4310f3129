import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import type { VisitorTable } from '../../../src/engine/language';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { pythonAdapter, type PythonHelpers, type PythonNode, type PythonParsedFile, type SyntaxNode } from '../../../src/languages/python';
import { preparePython, span, withPython } from './helpers';

/** Records `kind` / `kind:exit` for every listed kind, with each node's text. */
function record(parsed: PythonParsedFile, h: PythonHelpers, kinds: string[]): string[] {
  const log: string[] = [];
  const visitors: VisitorTable<PythonNode> = { enter: new Map(), exit: new Map() };
  for (const kind of kinds) {
    visitors.enter.set(kind, [(n) => log.push(kind === 'File' ? 'File' : `${kind} ${h.text(n)}`)]);
    visitors.exit.set(kind, [(n) => log.push(kind === 'File' ? 'File:exit' : `${kind}:exit ${h.text(n)}`)]);
  }
  pythonAdapter.traverse(parsed, visitors);
  return log;
}

describe('python adapter: traverse', () => {
  before(preparePython);

  it('visits File, then named nodes by tree-sitter type in source order, enter and exit, then File:exit', () => {
    withPython('import os\nf(os.sep)\n', (parsed, h) => {
      assert.deepEqual(record(parsed, h, ['File', 'module', 'import_statement', 'call', 'identifier', 'attribute']), [
        'File',
        'module import os\nf(os.sep)\n',
        'import_statement import os',
        'identifier os',
        'identifier:exit os',
        'import_statement:exit import os',
        'call f(os.sep)',
        'identifier f',
        'identifier:exit f',
        'attribute os.sep',
        'identifier os',
        'identifier:exit os',
        'identifier sep',
        'identifier:exit sep',
        'attribute:exit os.sep',
        'call:exit f(os.sep)',
        'module:exit import os\nf(os.sep)\n',
        'File:exit',
      ]);
    });
  });

  it('never visits anonymous nodes (keywords, punctuation)', () => {
    withPython('import os\nf(1)\n', (parsed, h) => {
      assert.deepEqual(record(parsed, h, ['import', '(', ')', '.', 'File']), ['File', 'File:exit']);
    });
  });

  it('hands visitors tree-sitter nodes with parents, fields and UTF-16 ranges', () => {
    const text = 'x = "😀"\nsubprocess.run(cmd, shell=True)\n';
    withPython(text, (parsed, h) => {
      const calls: SyntaxNode[] = [];
      let parentType = '';
      let keyword = '';
      pythonAdapter.traverse(parsed, {
        enter: new Map([
          [
            'call',
            [
              (n) => {
                const node = n as SyntaxNode;
                calls.push(node);
                parentType = node.parent!.type;
                keyword = node.childForFieldName('arguments')!.namedChildren[1]!.text;
              },
            ],
          ],
        ]),
        exit: new Map(),
      });
      assert.equal(calls.length, 1);
      assert.deepEqual(h.range(calls[0]), span(text, 'subprocess.run(cmd, shell=True)'));
      assert.equal(parentType, 'expression_statement');
      assert.equal(keyword, 'shell=True');
    });
  });

  it('visits ERROR nodes, and statements inside them', () => {
    withPython('x = (\nimport json\n', (parsed, h) => {
      assert.deepEqual(record(parsed, h, ['ERROR', 'import_statement']), [
        'ERROR x = (',
        'ERROR:exit x = (',
        'import_statement import json',
        'import_statement:exit import json',
      ]);
    });
  });

  it('visits the same nodes in the same order with and without exit visitors', () => {
    const text = [
      'import os, sys as system',
      'from .models import User  # comment',
      '@app.route("/x")',
      'def view(request, *args, **kw):',
      '    print(f"{request!r} {len(args)}")',
      '    type = [x async for x in y if x]',
      '    match request:',
      '        case {"a": b}: pass',
      '    return subprocess.run(["ls"], shell=True)',
      'x = (',
      '',
    ].join('\n');
    const kinds = ['module', 'identifier', 'call', 'string', 'comment', 'print', 'type', 'keyword_argument', 'import', '(', 'MISSING'];
    withPython(text, (parsed, h) => {
      const run = (withExit: boolean) => {
        const log: string[] = [];
        const enter = new Map(kinds.map((k) => [k, [(n: PythonNode) => log.push(`${k}@${h.range(n).join('-')}`)]]));
        const exit = new Map(withExit ? [['pass_statement', [() => undefined]]] : []);
        pythonAdapter.traverse(parsed, { enter, exit });
        return log;
      };
      const fast = run(false);
      assert.ok(fast.length > 30, `${fast.length} visits`);
      assert.ok(fast[0].startsWith('module@'));
      assert.ok(fast.some((v) => v === `identifier@${span(text, 'x = (')[0]}-${span(text, 'x = (')[0] + 1}`), 'inside the ERROR');
      assert.deepEqual(fast, run(true));
    });
  });

  it('visits a few kinds exactly as a walk over every node does (same nodes, same order of enters and exits)', () => {
    const unit = [
      'import subprocess',
      'TOOLS = {"ls": run_ls, "cat": [x for x in (1, 2)]}',
      'class Api(Base):',
      '    @app.route("/x")',
      '    def view(self, request, *args, **kw):',
      '        data = {"q": request.args.get("q"), "n": (1, [2, 3])}',
      '        if data:',
      '            out = subprocess.run(["ls", data["q"]], shell=False)',
      '            return f"{out!r}"',
      '        return [call(a)(b) for a in args]',
      'def run_ls(path):',
      '    x = (',
      'y = lambda: g(h(1), i=[2])',
      '',
    ].join('\n');
    // Once (the tree is scanned) and 40 times over (more than 2,048 nodes: the tree's index by kind serves).
    for (const text of [unit, unit.repeat(40)]) {
      withPython(text, (parsed, h) => {
        const tree = parsed.root.module.tree;
        const all = [...new Set(Array.from({ length: tree.count }, (_, i) => tree.node(i).type))];
        // The full walk: every kind listened to, enter and exit; then only the lines of the few kinds.
        const few = ['call', 'assignment', 'dictionary', 'list', 'tuple', 'function_definition', 'ERROR'];
        const full = record(parsed, h, all).filter((line) => few.includes(line.split(/[ :]/)[0]));
        const some = record(parsed, h, few);
        assert.ok(some.length > 40, `${some.length} visits`);
        assert.ok(some.includes('call:exit subprocess.run(["ls", data["q"]], shell=False)'));
        assert.ok(text === unit ? tree.count < 2048 : tree.count > 2048, `${tree.count} nodes`);
        assert.deepEqual(some, full);
      });
    }
  });

  it('visits the root of an empty file, with and without exit visitors', () => {
    withPython('', (parsed) => {
      for (const exit of [new Map(), new Map([['call', [() => undefined]]])]) {
        const seen: string[] = [];
        pythonAdapter.traverse(parsed, { enter: new Map([['module', [(n: PythonNode) => seen.push(n.type)]]]), exit });
        assert.deepEqual(seen, ['module']);
      }
    });
  });

  it('visits every node after an ERROR node when ERROR is listened to', () => {
    withPython('x = (\nimport os\nfoo()\n', (parsed, h) => {
      const seen: string[] = [];
      const log = (n: PythonNode) => seen.push(h.text(n));
      pythonAdapter.traverse(parsed, { enter: new Map([['ERROR', [log]], ['identifier', [log]]]), exit: new Map() });
      assert.deepEqual(seen, ['x = (', 'x', 'os', 'foo']);
    });
  });

  it('walks 10,000 levels of nesting without overflowing the stack', function () {
    this.timeout(20_000);
    const depth = 10_000;
    const text = `x = ${'f('.repeat(depth)}1${')'.repeat(depth)}\n`;
    withPython(text, (parsed) => {
      let entered = 0;
      let left = 0;
      let maxOpen = 0;
      pythonAdapter.traverse(parsed, {
        enter: new Map([['call', [() => (maxOpen = Math.max(maxOpen, ++entered - left))]]]),
        exit: new Map([['call', [() => left++]]]),
      });
      assert.equal(entered, depth);
      assert.equal(left, depth);
      assert.equal(maxOpen, depth);
    });
  });

  it('walks a 1 MB file in reasonable time', function () {
    this.timeout(30_000);
    const text = 'def f(x):\n    return g(x, "é中😀")  # note\n'.repeat(24_000);
    withPython(text, (parsed) => {
      let calls = 0;
      const started = performance.now();
      pythonAdapter.traverse(parsed, { enter: new Map([['call', [() => calls++]]]), exit: new Map() });
      const ms = performance.now() - started;
      console.log(`      1 MB: traversal with one visitor ${ms.toFixed(0)} ms`);
      assert.equal(calls, 24_000);
    });
  });

  it('frees the tree once: dispose is idempotent and the root refuses later use', () => {
    const parsed = pythonAdapter.parse('import os\n', 'a.py') as PythonParsedFile;
    pythonAdapter.dispose!(parsed);
    pythonAdapter.dispose!(parsed);
    assert.equal(parsed.root.disposed, true);
    assert.throws(() => parsed.root.module, /already disposed/);
  });
});

describe('python adapter: through the Analyzer', () => {
  const rule = defineRule<PythonNode, PythonHelpers>({
    id: 'python/no-test-shell',
    languages: ['python'],
    meta: {
      description: 'Test rule: reports shell=True calls and every import.',
      severity: 'error',
      category: 'code-injection',
      riskArea: 'development',
      cwe: ['CWE-78'],
      confidence: 'high',
      recommended: false,
      fix: 'none',
      messages: { shell: 'shell=True in {{callee}}', imported: 'imports {{module}}' },
    },
    create(context) {
      return {
        File() {
          for (const imp of context.lang.imports()) context.report({ range: imp.range, messageId: 'imported', data: { module: imp.module } });
        },
        keyword_argument(node) {
          const n = node as SyntaxNode;
          if (n.childForFieldName('name')?.text !== 'shell' || n.childForFieldName('value')?.type !== 'true') return;
          const call = n.parent!.parent!;
          context.report({ range: context.lang.range(n), messageId: 'shell', data: { callee: context.lang.text(call.childForFieldName('function')!) } });
        },
      };
    },
  });
  const settings = new Map<string, RuleSetting>([[rule.id, { severity: 'error', options: {} }]]);
  const text = '# é 😀\nimport subprocess  # rampart-ignore-next-line is not here\nsubprocess.run("ls", shell=True)\n';

  it('is registered in builtinAdapters', () => {
    assert.ok(builtinAdapters.includes(pythonAdapter as never));
  });

  it('prepares in analyzeAsync and reports UTF-16 ranges with lines and columns', async () => {
    const analyzer = new Analyzer({ rules: [rule], adapters: builtinAdapters });
    const result = await analyzer.analyzeAsync({ file: 'app.py', text, settings }, { services: {} });
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.findings.map((f) => [f.message, f.range, f.start.line, f.start.column]),
      [
        ['imports subprocess', span(text, 'subprocess'), 2, 8],
        ['shell=True in subprocess.run', span(text, 'shell=True'), 3, 22],
      ],
    );
  });

  it('analyses synchronously after Analyzer.prepare()', async () => {
    const analyzer = new Analyzer({ rules: [rule], adapters: builtinAdapters });
    await analyzer.prepare(['python']);
    const result = analyzer.analyze({ file: 'app.py', text, settings });
    assert.equal(result.findings.length, 2);
  });

  it('applies inline suppressions written as # comments', async () => {
    const analyzer = new Analyzer({ rules: [rule], adapters: builtinAdapters });
    const suppressed = 'import os\n# rampart-ignore-next-line python/no-test-shell -- fixed list of arguments\nsubprocess.run("ls", shell=True)\n';
    const result = await analyzer.analyzeAsync({ file: 'app.py', text: suppressed, settings }, { services: {} });
    assert.deepEqual(
      result.findings.map((f) => [f.messageId, f.suppressed?.reason ?? null]),
      [
        ['imported', null],
        ['shell', 'fixed list of arguments'],
      ],
    );
  });
});
