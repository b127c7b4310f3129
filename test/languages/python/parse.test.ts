import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pythonAdapter, type SyntaxNode } from '../../../src/languages/python';
import { parsePython } from '../../../src/languages/python/parse';
import { loadPythonRuntime } from '../../../src/languages/python/runtime';
import { at, preparePython, span, withPython } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');

/** Every node of a tree whose type is `type`, in source order. */
function nodesOfType(root: SyntaxNode, type: string): SyntaxNode[] {
  return root.descendantsOfType(type).filter((n): n is SyntaxNode => n !== null);
}

describe('python adapter: loading', () => {
  it('throws a clear error from parse before prepare() (fresh process)', function () {
    this.timeout(20_000);
    const script = `
      const { pythonAdapter } = require('./src/languages/python');
      try { pythonAdapter.parse('x = 1', 'a.py'); console.log('parsed'); } catch (e) { console.log(e.message); }`;
    const out = execFileSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(out.trim(), 'the Python parser is not loaded yet (call prepare() first)');
  });

  it('loads once: concurrent and repeated prepare() calls share one load', async () => {
    await Promise.all([pythonAdapter.prepare!(), pythonAdapter.prepare!(), pythonAdapter.prepare!()]);
    assert.equal(loadPythonRuntime(), loadPythonRuntime());
    await pythonAdapter.prepare!();
    withPython('x = 1\n', (parsed) => assert.equal(parsed.root.module.type, 'module'));
  });
});

describe('python adapter: parse', () => {
  before(preparePython);

  it('wraps the tree-sitter module in a File root', () => {
    withPython('import os\n', (parsed, h) => {
      assert.equal(parsed.root.type, 'File');
      assert.equal(parsed.root.module.type, 'module');
      assert.deepEqual(h.range(parsed.root), [0, 10]);
      assert.deepEqual(parsed.syntaxErrors, []);
    });
  });

  describe('offsets are UTF-16 code units of the original text', () => {
    const cases: Record<string, string> = {
      'é (2 UTF-8 bytes)': 's = "é"\n',
      'CJK (3 UTF-8 bytes)': 's = "中文字"\n',
      'emoji (surrogate pair, 4 UTF-8 bytes)': 's = "😀🎉"\n',
      'a lone high surrogate': 's = "\uD800"\n',
      'a lone low surrogate followed by a letter': 's = "\uDC00a"\n',
      'a non-ASCII identifier': 'café = 1\n',
      'a BOM': '\uFEFFx = 1\n',
      'CRLF line ends': 'a = 1\r\nb = "é"\r\n',
      'a comment full of emoji': '# 😀😀😀 é 中\n',
    };
    for (const [name, prefix] of Object.entries(cases)) {
      it(`after ${name}`, () => {
        const text = `${prefix}target = call_me("😀", 'é')  # après\n`;
        withPython(text, (parsed, h) => {
          const target = nodesOfType(parsed.root.module, 'identifier').find((n) => h.text(n) === 'target');
          assert.ok(target, 'the identifier after the prefix is found');
          assert.deepEqual(h.range(target), span(text, 'target'));
          const call = nodesOfType(parsed.root.module, 'call')[0];
          assert.deepEqual(h.range(call), [at(text, 'call_me'), at(text, "'é')") + 4]);
          const last = parsed.comments[parsed.comments.length - 1];
          assert.deepEqual(last, { range: [at(text, '# après'), at(text, '# après') + 7], value: ' après' });
        });
      });
    }

    it('on random non-ASCII lines, every name and comment lands where the text has it', () => {
      let seed = 42;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      const alphabet = ['a', 'é', '中', '😀', '\uD83D', '\uDE00', ' ', 'ß', '\u0301', '\u200D', 'Ω'];
      const lines: string[] = [];
      for (let i = 0; i < 300; i++) {
        const noise = Array.from({ length: random(12) }, () => alphabet[random(alphabet.length)]).join('');
        lines.push(`v${i} = "${noise}"  # c${i} ${noise}`);
      }
      const text = lines.join('\n') + '\n';
      withPython(text, (parsed, h) => {
        const names = nodesOfType(parsed.root.module, 'identifier');
        assert.equal(names.length, 300);
        names.forEach((n, i) => assert.deepEqual(h.range(n), span(text, `v${i} =`).map((x, j) => (j === 1 ? x - 2 : x))));
        assert.equal(parsed.comments.length, 300);
        parsed.comments.forEach((c, i) => {
          assert.equal(c.range[0], at(text, `# c${i} `));
          assert.equal(text.slice(c.range[0], c.range[1]), lines[i].slice(lines[i].indexOf('#')));
        });
      });
    });
  });

  describe('comments', () => {
    it('lists every comment with its range and the text after #', () => {
      const text = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = "# not a comment"  # trailing\n\ndef f():\n    # indented\n    pass\n# last, no newline';
      withPython(text, (parsed) => {
        assert.deepEqual(parsed.comments, [
          { range: [0, 22], value: '!/usr/bin/env python3' },
          { range: span(text, '# -*- coding: utf-8 -*-'), value: ' -*- coding: utf-8 -*-' },
          { range: span(text, '# trailing'), value: ' trailing' },
          { range: span(text, '# indented'), value: ' indented' },
          { range: span(text, '# last, no newline'), value: ' last, no newline' },
        ]);
      });
    });

    it('leaves \\r of CRLF line ends out of the comment', () => {
      const text = 'x = 1  # one\r\n# two\r\n';
      withPython(text, (parsed) => {
        assert.deepEqual(parsed.comments, [
          { range: span(text, '# one'), value: ' one' },
          { range: span(text, '# two'), value: ' two' },
        ]);
      });
    });

    it('finds no comments where there are none (strings, docstrings)', () => {
      withPython('"""# doc"""\ns = \'#x\'\nt = f"{a}#"\n', (parsed) => assert.deepEqual(parsed.comments, []));
    });

    it('finds comments after syntax errors, and in a file that is only a comment', () => {
      const text = 'x = (\n# after the error\ndef f(:\n    pass  # later\n';
      withPython(text, (parsed) => assert.deepEqual(parsed.comments.map((c) => c.value), [' after the error', ' later']));
      withPython('# only', (parsed) => assert.deepEqual(parsed.comments, [{ range: [0, 6], value: ' only' }]));
    });

    it('declares # as the line comment', () => assert.equal(pythonAdapter.lineComment, '#'));
  });

  describe('syntax errors', () => {
    it('summarises ERROR and MISSING nodes with line numbers and keeps the rest usable', () => {
      const text = 'import os\nx = (\nimport json\ndef f(:\n    return 1\nprint(os.name)\n';
      withPython(text, (parsed) => {
        assert.deepEqual(parsed.syntaxErrors, ['line 2: unexpected "x = ("', 'line 4: missing ")"']);
        const names = nodesOfType(parsed.root.module, 'import_statement').map((n) => n.text);
        assert.deepEqual(names, ['import os', 'import json']);
        assert.equal(nodesOfType(parsed.root.module, 'call').length, 1);
      });
    });

    it('lists a few errors and counts the rest', () => {
      const text = Array.from({ length: 12 }, (_, i) => `def f${i}(:\n    pass\n`).join('');
      withPython(text, (parsed) => {
        assert.equal(parsed.syntaxErrors.length, 6);
        assert.match(parsed.syntaxErrors[0], /^line 1: /);
        assert.match(parsed.syntaxErrors[5], /^… and 7 more syntax errors$/);
      });
    });

    it('reports nothing for valid Python 3.12 syntax', () => {
      const text = [
        'type Point = tuple[float, float]',
        'def f[T](x: T) -> T: return x',
        'match cmd:',
        '    case {"a": [1, *rest]}: pass',
        '    case _: pass',
        'async def g():',
        '    async with a as b, c as d: await b',
        '    return [y async for y in z if (w := y)]',
        'print(f"{x!r:>{width}} {y=}")',
        'lambda *a, **k: (yield)',
        '@decorator',
        'class C(Base, metaclass=M): ...',
        'try:\n    pass\nexcept* ValueError:\n    pass',
        '',
      ].join('\n');
      withPython(text, (parsed) => assert.deepEqual(parsed.syntaxErrors, []));
    });

    it('cuts long error snippets', () => {
      withPython(`x = (${'a'.repeat(200)}\n`, (parsed) => {
        assert.equal(parsed.syntaxErrors.length, 1);
        assert.ok(parsed.syntaxErrors[0].length < 70, parsed.syntaxErrors[0]);
      });
    });
  });

  describe('huge and hostile input', () => {
    const fileOf = (bytes: number) => {
      const chunk = [
        'import os, sys',
        'from .models import User  # relative',
        'def handler(event, context):',
        '    """Handle the événement 😀."""',
        '    value = os.environ.get("KEY", "défaut")',
        '    return subprocess.run(["ls", value], check=True)',
        '',
      ].join('\n');
      return chunk.repeat(Math.ceil(bytes / chunk.length));
    };

    it('parses a 1 MB file in well under the timeout', function () {
      this.timeout(30_000);
      const text = fileOf(1024 * 1024);
      const started = performance.now();
      withPython(text, (parsed) => {
        const ms = performance.now() - started;
        console.log(`      1 MB (${text.length} UTF-16 units): parse + comments ${ms.toFixed(0)} ms`);
        assert.deepEqual(parsed.syntaxErrors, []);
        assert.ok(parsed.comments.length > 1000);
        assert.ok(ms < 8000, `${ms} ms`);
      });
    });

    it('abandons a parse past its deadline and parses the next file from the start', () => {
      const text = fileOf(200_000);
      assert.throws(() => parsePython(text, { timeoutMs: 0 }), /parsing took longer than 0 ms/);
      withPython('import os\n', (parsed) => {
        assert.deepEqual(parsed.syntaxErrors, []);
        assert.equal(parsed.root.module.text, 'import os\n');
      });
    });

    it('survives random code units (including lone surrogates)', () => {
      let seed = 1;
      const chars: string[] = [];
      for (let i = 0; i < 300_000; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        chars.push(String.fromCharCode(seed % 0x10000));
      }
      const text = chars.join('');
      withPython(text, (parsed) => {
        assert.ok(parsed.syntaxErrors.length > 0);
        assert.equal(parsed.root.module.type, 'module');
      });
    });

    it('survives NUL bytes and binary-looking text', () => {
      const text = 'import os\0\0x = 1\n\0\u0001\u0002\uFFFF\uFFFE' + '\0'.repeat(10_000) + '\nimport sys\n';
      withPython(text, (parsed, h) => {
        assert.ok(parsed.syntaxErrors.length > 0);
        assert.ok(h.imports().some((i) => i.module === 'sys'));
      });
    });

    const DEEP = 10_000;
    const deep: Record<string, string> = {
      [`parentheses ${DEEP} deep`]: `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`,
      [`lists ${DEEP} deep, unclosed`]: `x = ${'['.repeat(DEEP)}\n`,
      [`calls ${DEEP} deep`]: `x = ${'f('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`,
      [`unary minus ${DEEP} deep`]: `x = ${'-'.repeat(DEEP)}1\n`,
      [`attribute chain ${DEEP * 5} long`]: `x = a${'.b'.repeat(DEEP * 5)}\n`,
      '256 nested if blocks': Array.from({ length: 256 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(256)}pass\n`,
    };
    it('refuses more than 256 levels of indentation, which overflow the scanner (a WASM trap disables the parser)', () => {
      const text = Array.from({ length: 520 }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(520)}eval(request.args["q"])\n`;
      assert.throws(() => withPython(text, () => undefined), /SyntaxError: Python indented more than 256 levels deep/);
      withPython('import os\n', (_parsed, h) => assert.deepEqual(h.imports().map((i) => i.module), ['os']));
    });

    for (const [name, text] of Object.entries(deep)) {
      it(`parses ${name}`, function () {
        this.timeout(20_000);
        withPython(text, (parsed, h) => {
          // When nothing can be recovered, tree-sitter's root is an ERROR node instead of a module.
          assert.ok(['module', 'ERROR'].includes(parsed.root.module.type), parsed.root.module.type);
          const [start, end] = h.range(parsed.root.module);
          assert.ok(start === 0 && end >= text.length - 1 && end <= text.length, `${start}-${end}`);
          assert.deepEqual(h.imports(), []);
        });
      });
    }
  });
});
