import assert from 'node:assert/strict';
import type { PythonImport } from '../../../src/languages/python';
import { preparePython, span, withPython } from './helpers';

/**
 * An expected import: module, level, kind, guarded, dynamic, and where its range is: a snippet of the code
 * with the range between « and » (`'import «a»'`), taken at its n-th occurrence.
 */
type Expected = [module: string, level: number, kind: 'import' | 'from', guarded: boolean, dynamic: boolean, marked: string, nth?: number];

/** The range a marked snippet points at. */
function marked(code: string, snippet: string, nth = 0): [number, number] {
  const open = snippet.indexOf('«');
  const close = snippet.indexOf('»');
  assert.ok(open >= 0 && close > open, `${snippet} marks a range with « »`);
  const plain = snippet.replace('«', '').replace('»', '');
  const [start] = span(code, plain, nth);
  return [start + open, start + close - 1];
}

function check(code: string, expected: Expected[]): void {
  withPython(code, (_parsed, h) => {
    const actual = h.imports().map((i: PythonImport) => [i.module, i.level, i.kind, i.guarded, i.dynamic, i.range]);
    const wanted = expected.map(([m, l, k, g, d, snippet, nth]) => [m, l, k, g, d, marked(code, snippet, nth)]);
    assert.deepEqual(actual, wanted);
  });
}

describe('python adapter: imports()', () => {
  before(preparePython);

  describe('static imports', () => {
    it('import a.b as c, d', () => check('import a.b as c, d\n', [
      ['a.b', 0, 'import', false, false, 'import «a.b»'],
      ['d', 0, 'import', false, false, ', «d»'],
    ]));

    it('from a.b import c (with aliases and parentheses over lines)', () => check('from a.b import (\n    c as x,\n    d,\n)\n', [
      ['a.b', 0, 'from', false, false, 'from «a.b»'],
    ]));

    it('from . import x: the package itself, ranged on the dot', () => check('from . import x\n', [['', 1, 'from', false, false, 'from «.»']]));

    it('from .a import b and from ..a.b import c', () => check('from .a import b\nfrom ..a.b import c\n', [
      ['a', 1, 'from', false, false, 'from .«a»'],
      ['a.b', 2, 'from', false, false, 'from ..«a.b»'],
    ]));

    it('from ... import x and from .... a import *', () => check('from ... import x\nfrom .... a import *\n', [
      ['', 3, 'from', false, false, 'from «...»'],
      ['a', 4, 'from', false, false, '.... «a»'],
    ]));

    it('keeps the dotted name as written when spaced, ranged over the whole name', () => check('import os . path\n', [
      ['os.path', 0, 'import', false, false, 'import «os . path»'],
    ]));

    it('Unicode module names and offsets after non-ASCII text', () => check('s = "😀é中"\nimport café.crème\n', [
      ['café.crème', 0, 'import', false, false, 'import «café.crème»'],
    ]));

    it('imports in functions, classes, conditions and loops, in source order', () => check(
      'def f():\n    import a\nclass C:\n    from b import c\nif x:\n    import d\nfor i in y:\n    import e\n',
      [
        ['a', 0, 'import', false, false, 'import «a»'],
        ['b', 0, 'from', false, false, 'from «b»'],
        ['d', 0, 'import', false, false, 'import «d»'],
        ['e', 0, 'import', false, false, 'import «e»'],
      ],
    ));

    it('still finds imports next to syntax errors', () => check('x = (\nimport json\ndef f(:\n    import yaml\n', [
      ['json', 0, 'import', false, false, 'import «json»'],
      ['yaml', 0, 'import', false, false, 'import «yaml»'],
    ]));

    it("follows the parser's recovery of incomplete statements", () => check('import\nfrom import x\nfrom . import\nimport a.\n', [
      ['x', 0, 'import', false, false, 'import «x»'],
    ]));
  });

  describe('dynamic imports with a constant string', () => {
    it('__import__ and importlib.import_module', () => check('a = __import__(\'x.y\')\nb = importlib.import_module("z")\n', [
      ['x.y', 0, 'import', false, true, "('«x.y»')"],
      ['z', 0, 'import', false, true, '("«z»")'],
    ]));

    it('import_module imported from importlib, also under an alias, with a relative name', () => check(
      "from importlib import import_module, reload as r\nfrom importlib import import_module as load\nimport_module('.sub', __package__)\nload(name='pkg.mod')\n",
      [
        ['importlib', 0, 'from', false, false, 'from «importlib»'],
        ['importlib', 0, 'from', false, false, 'from «importlib»', 1],
        ['sub', 1, 'import', false, true, "('.«sub»'"],
        ['pkg.mod', 0, 'import', false, true, "name='«pkg.mod»'"],
      ],
    ));

    it('importlib imported under another name', () => check("import importlib as il\nil.import_module('requests')\n", [
      ['importlib', 0, 'import', false, false, 'import «importlib»'],
      ['requests', 0, 'import', false, true, "('«requests»')"],
    ]));

    it('__import__ with a level argument', () => check("__import__('m', globals(), locals(), ['x'], 2)\n__import__('n', level=0)\n", [
      ['m', 2, 'import', false, true, "('«m»'"],
      ['n', 0, 'import', false, true, "('«n»'"],
    ]));

    it('with comments between the arguments', () => check("__import__(  # the plugin\n    'p', None, None, [],  # no fromlist\n    1)\n", [
      ['p', 1, 'import', false, true, "'«p»'"],
    ]));

    it('raw and triple-quoted strings', () => check("__import__(r'x')\n__import__('''y''')\n", [
      ['x', 0, 'import', false, true, "r'«x»'"],
      ['y', 0, 'import', false, true, "'''«y»'''"],
    ]));

    it('ignores names that are not constant or not module names', () => check(
      [
        '__import__(name)',
        '__import__(f"plugins.{name}")',
        "__import__(b'os')",
        "__import__('a b')",
        "__import__('')",
        "__import__('.x')",
        "__import__('x', None, None, [], level)",
        'importlib.import_module(mod)',
        "importlib.import_module('pkg' + name)",
        "import_module('yaml')",
        "other.import_module('yaml')",
        "loader.importlib.import_module('yaml')",
        "importlib.reload('yaml')",
        "__import__('x' 'y')",
        '',
      ].join('\n'),
      [],
    ));
  });

  describe('what is not an import', () => {
    it('skips from __future__ import …', () => check('from __future__ import annotations, division\n', []));

    it('ignores strings, comments and attributes that mention import', () => check(
      '"""import os"""\n# import sys\ns = "from a import b"\nx.import_ = 1\nimportant = 2\n',
      [],
    ));
  });

  describe('guarded', () => {
    it('try/except ImportError, ModuleNotFoundError, Exception, bare except, tuples and aliases', () => check(
      [
        'try:\n    import a\nexcept ImportError:\n    a = None',
        'try:\n    import b\nexcept ModuleNotFoundError as e:\n    pass',
        'try:\n    import c\nexcept (ValueError, ImportError):\n    pass',
        'try:\n    import d\nexcept Exception:\n    pass',
        'try:\n    import e\nexcept:\n    pass',
        'try:\n    import f\nexcept builtins.ImportError:\n    pass',
        'try:\n    import g\nexcept ValueError:\n    pass\nexcept BaseException:\n    pass',
        '',
      ].join('\n'),
      [
        ['a', 0, 'import', true, false, 'import «a»'],
        ['b', 0, 'import', true, false, 'import «b»'],
        ['c', 0, 'import', true, false, 'import «c»'],
        ['d', 0, 'import', true, false, 'import «d»'],
        ['e', 0, 'import', true, false, 'import «e»'],
        ['f', 0, 'import', true, false, 'import «f»'],
        ['g', 0, 'import', true, false, 'import «g»'],
      ],
    ));

    it('not for other handlers, or outside the try body', () => check(
      [
        'try:\n    import a\nexcept ValueError:\n    pass',
        'try:\n    import b\nfinally:\n    pass',
        'try:\n    import simplejson as json\nexcept ImportError:\n    import json\nelse:\n    import c\nfinally:\n    import d',
        '',
      ].join('\n'),
      [
        ['a', 0, 'import', false, false, 'import «a»'],
        ['b', 0, 'import', false, false, 'import «b»'],
        ['simplejson', 0, 'import', true, false, 'import «simplejson»'],
        ['json', 0, 'import', false, false, 'import «json»\n'],
        ['c', 0, 'import', false, false, 'import «c»'],
        ['d', 0, 'import', false, false, 'import «d»'],
      ],
    ));

    it('through nested blocks of the same function, not into a function defined in the try', () => check(
      [
        'try:\n    if x:\n        from a import b\n    def f():\n        import c\nexcept ImportError:\n    pass',
        'def g():\n    try:\n        import d\n    except ImportError:\n        pass',
        '',
      ].join('\n'),
      [
        ['a', 0, 'from', true, false, 'from «a»'],
        ['c', 0, 'import', false, false, 'import «c»'],
        ['d', 0, 'import', true, false, 'import «d»'],
      ],
    ));

    it('under if TYPE_CHECKING / typing.TYPE_CHECKING / elif, not in else or negated', () => check(
      [
        'if TYPE_CHECKING:\n    from a import A\nelse:\n    A = None',
        'if typing.TYPE_CHECKING:\n    import b\nelif TYPE_CHECKING:\n    import c\nelse:\n    import d',
        'if not TYPE_CHECKING:\n    import e',
        'def f():\n    if TYPE_CHECKING:\n        import g',
        '',
      ].join('\n'),
      [
        ['a', 0, 'from', true, false, 'from «a»'],
        ['b', 0, 'import', true, false, 'import «b»'],
        ['c', 0, 'import', true, false, 'import «c»'],
        ['d', 0, 'import', false, false, 'import «d»'],
        ['e', 0, 'import', false, false, 'import «e»'],
        ['g', 0, 'import', true, false, 'import «g»'],
      ],
    ));

    it('inside with (contextlib.)suppress(ImportError), not other with blocks', () => check(
      [
        'with contextlib.suppress(ImportError):\n    import a',
        'with suppress(ValueError, ModuleNotFoundError):\n    import b',
        'with suppress(ValueError):\n    import c',
        'with open(p) as f:\n    import d',
        '',
      ].join('\n'),
      [
        ['a', 0, 'import', true, false, 'import «a»'],
        ['b', 0, 'import', true, false, 'import «b»'],
        ['c', 0, 'import', false, false, 'import «c»'],
        ['d', 0, 'import', false, false, 'import «d»'],
      ],
    ));

    it('applies to dynamic imports too', () => check("try:\n    m = __import__('ujson')\nexcept ImportError:\n    m = None\n", [
      ['ujson', 0, 'import', true, true, "('«ujson»')"],
    ]));
  });

  it('lists the names a from-import imports', () => {
    const text = 'from a import (c as x, d)\nfrom .b import *\nimport e\n__import__("f")\nfrom g import h.i\n';
    withPython(text, (_parsed, h) => {
      assert.deepEqual(h.imports().map((i) => [i.module, i.names]), [
        ['a', ['c', 'd']],
        ['b', ['*']],
        ['e', []],
        ['f', []],
        ['g', ['h.i']],
      ]);
    });
  });

  it('is memoised per file and frozen', () => {
    withPython('import os\n', (_parsed, h) => {
      assert.equal(h.imports(), h.imports());
      assert.ok(Object.isFrozen(h.imports()));
    });
  });
});
