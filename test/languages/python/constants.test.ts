import assert from 'node:assert/strict';
import { PythonHelpers } from '../../../src/languages/python';
import { nodeAt, preparePython, withPython } from './helpers';

/** The constant value of the expression assigned to the last `x = …` of `code` (or of `snippet`). */
function valueOf(code: string, snippet?: string): unknown {
  return withPython(code, (parsed, h) => {
    const node = snippet ? nodeAt(parsed, snippet) : lastRight(parsed.root.module);
    const c = h.constant(node);
    return c === undefined ? 'UNKNOWN' : c.value;
  });
}

function isConstant(code: string, snippet?: string): boolean {
  return withPython(code, (parsed, h) => h.isConstant(snippet ? nodeAt(parsed, snippet) : lastRight(parsed.root.module)));
}

/** The right side of the last `x = …` at module level. */
function lastRight(module: import('../../../src/languages/python').SyntaxNode) {
  const assignments = module.descendantsOfType('assignment').filter((a) => a?.childForFieldName('left')?.text === 'x');
  const right = assignments[assignments.length - 1]?.childForFieldName('right');
  if (!right) throw new Error('no x = … in the code');
  return right;
}

describe('python helpers: constant(), isConstant()', () => {
  before(preparePython);

  describe('literals', () => {
    it('strings, implicit concatenation, escapes, raw strings', () => {
      assert.equal(valueOf("x = 'a' \"b\"\n"), 'ab');
      assert.equal(valueOf("x = 'a\\tb'\n"), 'a\tb');
      assert.equal(valueOf("x = r'a\\tb'\n"), 'a\\tb');
      assert.equal(valueOf('x = """multi\nline"""\n'), 'multi\nline');
    });
    it('numbers', () => {
      assert.equal(valueOf('x = 1_000\n'), 1000);
      assert.equal(valueOf('x = 0x1F\n'), 31);
      assert.equal(valueOf('x = 0o17\n'), 15);
      assert.equal(valueOf('x = 0b101\n'), 5);
      assert.equal(valueOf('x = 2.5\n'), 2.5);
      assert.equal(valueOf('x = -3\n'), -3);
    });
    it('True, False, None', () => {
      assert.equal(valueOf('x = True\n'), true);
      assert.equal(valueOf('x = False\n'), false);
      assert.equal(valueOf('x = None\n'), null);
    });
    it('bytes come as their text', () => assert.equal(valueOf("x = b'ab' b'c'\n"), 'abc'));
    it('t-strings are not constants', () => assert.equal(isConstant("x = t'a'\n"), false));
  });

  describe('names', () => {
    it('a name bound once at module level', () => assert.equal(valueOf("A = 'sk'\nx = A + '-1'\n"), 'sk-1'));
    it('a name bound once in the enclosing function', () => {
      assert.equal(withPython("def f():\n    a = 'q'\n    return a\n", (p, h) => h.constant(nodeAt(p, 'a', undefined, 1))?.value), 'q');
    });
    it('a reassigned name is not constant', () => {
      assert.equal(valueOf("A = 'a'\nA = 'b'\nx = A\n"), 'UNKNOWN');
      assert.equal(valueOf("A = 'a'\nA += 'b'\nx = A\n"), 'UNKNOWN');
      assert.equal(valueOf("A = 'a'\ndef f():\n    global A\n    A = 'c'\nx = A\n"), 'UNKNOWN');
    });
    it('a parameter is not constant', () => assert.equal(isConstant('def f(a):\n    return a\n', 'a'), false));
    it('tuple unpacking of constants', () => assert.equal(valueOf("a, b = 'p', 'q'\nx = b\n"), 'q'));
    it('an unbound name is not constant', () => assert.equal(isConstant('x = __name__\n'), false));
    it('a class attribute through self', () => {
      const code = "class C:\n    MODE = 'safe'\n    def f(self):\n        return self.MODE\n";
      assert.equal(valueOf(code, 'self.MODE'), 'safe');
    });
  });

  describe('strings built from constants', () => {
    it('f-strings', () => {
      assert.equal(valueOf("n = 'w'\nx = f'hello {n}!'\n"), 'hello w!');
      assert.equal(valueOf("x = f'{{literal}} {1 + 1}'\n"), '{literal} 2');
      assert.equal(valueOf("n = 'w'\nx = f'{n!r}'\n"), "'w'");
      assert.equal(valueOf("x = f'{user}'\n"), 'UNKNOWN');
    });
    it('f-strings with format specs are constant without a computed value', () => {
      assert.equal(valueOf("x = f'{3:05d}'\n"), 'UNKNOWN');
      assert.equal(isConstant("x = f'{3:05d}'\n"), true);
      assert.equal(isConstant("x = f'{3:{w}}'\n"), false);
    });
    it('% formatting', () => {
      assert.equal(valueOf("x = 'a %s b %d %%' % ('z', 3)\n"), 'a z b 3 %');
      assert.equal(valueOf("x = 'v=%s' % None\n"), 'v=None');
      assert.equal(valueOf("x = 'v=%s' % name\n"), 'UNKNOWN');
      assert.equal(isConstant("x = 'v=%s' % name\n"), false);
      assert.equal(isConstant("x = '%5.2f' % 3.0\n"), true);
    });
    it('.format', () => {
      assert.equal(valueOf("x = '{} {name} {0}'.format('a', name='b')\n"), 'a b a');
      assert.equal(valueOf("T = 'SELECT {}'\nx = T.format('1')\n"), 'SELECT 1');
      assert.equal(isConstant("x = 'SELECT {}'.format(q)\n"), false);
    });
    it('+ and *', () => {
      assert.equal(valueOf("x = 'a' + 'b' * 3\n"), 'abbb');
      assert.equal(valueOf('x = 7 // 2 + 2 ** 3\n'), 11);
      assert.equal(valueOf('x = 7 / 2\n'), 3.5);
    });
    it('str(), int(), len() and str methods', () => {
      assert.equal(valueOf("x = 'n=' + str(42)\n"), 'n=42');
      assert.equal(valueOf('x = str(2.0)\n'), '2.0');
      assert.equal(valueOf('x = str(True)\n'), 'True');
      assert.equal(valueOf("x = int('12')\n"), 12);
      assert.equal(valueOf("x = ' '.join(['a', 'b'])\n"), 'a b');
      assert.equal(valueOf("x = 'ABC'.lower()\n"), 'abc');
      assert.equal(valueOf("x = b'ab'.decode()\n"), 'ab');
      assert.equal(isConstant("x = ' '.join(args)\n"), false);
    });
    it('a shadowed str() is not evaluated', () => assert.equal(isConstant('def str(v):\n    return v\nx = str(1)\n'), false));
    it('os.path.join of constants is constant', () => assert.equal(isConstant("import os\nx = os.path.join('a', 'b')\n"), true));
    it('an unknown call is not constant', () => assert.equal(isConstant("x = get('a')\n"), false));
  });

  describe('logic', () => {
    it('not, and, or', () => {
      assert.equal(valueOf('x = not 0\n'), true);
      assert.equal(valueOf("x = '' or 'd'\n"), 'd');
      assert.equal(valueOf('x = False and unknown()\n'), false);
      assert.equal(valueOf('x = True and unknown()\n'), 'UNKNOWN');
    });
    it('comparisons', () => {
      assert.equal(valueOf("x = 'a' == 'a'\n"), true);
      assert.equal(valueOf('x = 1 < 2 < 2\n'), false);
      assert.equal(valueOf("x = 'b' in ('a', 'b')\n"), true);
      assert.equal(valueOf("x = 'c' not in ['a', 'b']\n"), true);
      assert.equal(valueOf('x = None is None\n'), true);
      assert.equal(valueOf('x = 1 is not None\n'), true);
      assert.equal(valueOf('x = 1 == 1.0\n'), true);
      assert.equal(valueOf('x = a == 1\n'), 'UNKNOWN');
    });
    it('conditional expressions', () => {
      assert.equal(valueOf("D = False\nx = 'a' if D else 'b'\n"), 'b');
      assert.equal(valueOf("x = 'a' if cond else 'b'\n"), 'UNKNOWN');
      assert.equal(isConstant("x = 'a' if cond else 'b'\n"), true);
      assert.equal(isConstant("x = 'a' if cond else b\n"), false);
    });
    it('subscripts of constants', () => {
      assert.equal(valueOf("x = ('a', 'b')[1]\n"), 'b');
      assert.equal(valueOf("x = 'abc'[-1]\n"), 'c');
      assert.equal(isConstant("x = 'abc'[1:]\n"), true);
      assert.equal(isConstant("x = 'abc'[i]\n"), false);
    });
  });
});

describe('python helpers: liveBranch()', () => {
  before(preparePython);

  /** liveBranch of the n-th occurrence of `snippet`. */
  function live(code: string, snippet: string, n = 0): boolean {
    return withPython(code, (parsed, h) => h.liveBranch(nodeAt(parsed, snippet, undefined, n)));
  }

  it('if False / if True', () => {
    assert.equal(live('if False:\n    eval(x)\n', 'eval(x)'), false);
    assert.equal(live('if True:\n    pass\nelse:\n    eval(x)\n', 'eval(x)'), false);
    assert.equal(live('if True:\n    eval(x)\n', 'eval(x)'), true);
  });
  it('a constant name as the condition', () => {
    assert.equal(live('DEBUG = False\nif DEBUG:\n    eval(x)\n', 'eval(x)'), false);
    assert.equal(live('DEBUG = False\nif not DEBUG:\n    eval(x)\n', 'eval(x)'), true);
    assert.equal(live("MODE = 'prod'\nif MODE == 'dev':\n    eval(x)\n", 'eval(x)'), false);
  });
  it('an unknown condition keeps both branches', () => {
    assert.equal(live('if os.environ.get("D"):\n    eval(x)\nelse:\n    exec(x)\n', 'eval(x)'), true);
    assert.equal(live('if os.environ.get("D"):\n    eval(x)\nelse:\n    exec(x)\n', 'exec(x)'), true);
    assert.equal(live("if __name__ == '__main__':\n    eval(x)\n", 'eval(x)'), true);
  });
  it('elif chains', () => {
    const code = 'if a:\n    f(1)\nelif True:\n    f(2)\nelif b:\n    f(3)\nelse:\n    f(4)\n';
    assert.equal(live(code, 'f(1)'), true);
    assert.equal(live(code, 'f(2)'), true);
    assert.equal(live(code, 'f(3)'), false);
    assert.equal(live(code, 'f(4)'), false);
  });
  it('conditional expressions and boolean operators', () => {
    assert.equal(live('y = eval(x) if False else 1\n', 'eval(x)'), false);
    assert.equal(live('y = 1 if True else eval(x)\n', 'eval(x)'), false);
    assert.equal(live('y = 1 if c else eval(x)\n', 'eval(x)'), true);
    assert.equal(live('y = False and eval(x)\n', 'eval(x)'), false);
    assert.equal(live('y = True or eval(x)\n', 'eval(x)'), false);
  });
  it('while False and TYPE_CHECKING', () => {
    assert.equal(live('while False:\n    eval(x)\n', 'eval(x)'), false);
    assert.equal(live('from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    eval(x)\n', 'eval(x)'), false);
    assert.equal(live('import typing\nif typing.TYPE_CHECKING:\n    eval(x)\n', 'eval(x)'), false);
  });
  it('a dead enclosing branch makes nested code dead', () => {
    assert.equal(live('if 0:\n    def f():\n        if c:\n            eval(x)\n', 'eval(x)'), false);
  });
  it('answers every node the same whatever was asked before (answers are kept for the ancestors passed)', () => {
    const code = [
      'DEBUG = False',
      'def view(a):',
      '    if DEBUG:',
      '        eval(a)',
      '        if a:',
      '            exec(a)',
      '    elif a:',
      '        run(a)',
      '    else:',
      '        y = 1 if True else compile(a)',
      '    while False:',
      '        go(a)',
      '    return a and (False and f(a))',
      '',
    ].join('\n');
    const answers = (order: 'forward' | 'backward' | 'fresh') =>
      withPython(code, (parsed, h) => {
        const tree = parsed.root.module.tree;
        const ids = Array.from({ length: tree.count }, (_, i) => i);
        if (order === 'backward') ids.reverse();
        const live = new Map<number, boolean>();
        for (const id of ids) {
          // `fresh`: a new evaluator per node, so nothing asked before can decide.
          const helpers = order === 'fresh' ? new PythonHelpers(parsed, code) : h;
          live.set(id, helpers.liveBranch(tree.node(id)));
        }
        return [...live].sort((a, b) => a[0] - b[0]).map(([id, v]) => `${tree.node(id).type}@${tree.node(id).startIndex}:${v}`);
      });
    const fresh = answers('fresh');
    assert.ok(fresh.filter((a) => a.endsWith(':false')).length >= 20, 'dead nodes among them');
    assert.ok(fresh.filter((a) => a.endsWith(':true')).length >= 50, 'live nodes among them');
    assert.deepEqual(answers('forward'), fresh);
    assert.deepEqual(answers('backward'), fresh);
  });
});
