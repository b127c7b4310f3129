import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { parseJs } from '../../../src/languages/js/parse';
import nodeBuiltins from '../../../src/services/package-names/data/node-builtins.json';
import importNames from '../../../src/services/package-names/data/pypi-import-names.json';
import pythonStdlib from '../../../src/services/package-names/data/python-stdlib.json';
import { importedSpecifiers, packageOfSpecifier, type ImportedSpecifier } from '../../../src/services/package-names/imports';
import { isValidName } from '../../../src/services/package-names/names';
import { distributionOfImport, isPythonStdlib, normalizePypiName } from '../../../src/services/package-names/python-imports';
import { garbage, nth } from './helpers';

function specifiers(text: string, file = 'app.ts'): ImportedSpecifier[] {
  return importedSpecifiers(parseJs(text, file));
}

describe('package-names: JS/TS import specifiers', () => {
  describe('packageOfSpecifier', () => {
    const packages: Array<[string, string]> = [
      ['lodash', 'lodash'],
      ['lodash/fp', 'lodash'],
      ['lodash/fp/map.js', 'lodash'],
      ['@scope/pkg', '@scope/pkg'],
      ['@scope/pkg/sub/path', '@scope/pkg'],
      ['react-dom/client', 'react-dom'],
      ['npm:express@5', 'express'],
      ['npm:@hono/node-server@1.2/serve', '@hono/node-server'],
      ['npm:/chalk', 'chalk'],
      ['vite/client?raw', 'vite'],
      // Node resolves these from node_modules: a trailing slash or a subpath a built-in does not have.
      ['punycode/', 'punycode'],
      ['string_decoder/', 'string_decoder'],
      ['fs/not-a-builtin-subpath', 'fs'],
      // Node-only built-ins exist only with the prefix; without it they are npm packages.
      ['test', 'test'],
      // `~` and `@/` are aliases only when configured.
      ['~/utils', '~'],
    ];
    for (const [specifier, name] of packages) {
      it(`${specifier} -> ${name}`, () => assert.deepEqual(packageOfSpecifier(specifier), { name }));
    }

    const skips: Array<[string, string]> = [
      ['fs', 'builtin'],
      ['fs/promises', 'builtin'],
      ['node:fs', 'builtin'],
      ['node:fs/promises', 'builtin'],
      ['node:test', 'builtin'],
      ['node:sqlite', 'builtin'],
      ['NODE:path', 'builtin'],
      ['child_process', 'builtin'],
      ['bun:sqlite', 'builtin'],
      ['./local', 'relative'],
      ['../up/two.js', 'relative'],
      ['.', 'relative'],
      ['..', 'relative'],
      ['.\\win', 'relative'],
      ['/abs/path.js', 'absolute'],
      ['C:\\code\\x.js', 'absolute'],
      ['c:/code/x.js', 'absolute'],
      ['\\\\server\\share\\x.js', 'absolute'],
      ['https://esm.sh/lodash', 'url'],
      ['http://cdn.example.com/x.js', 'url'],
      ['data:text/javascript,export default 1', 'url'],
      ['file:///tmp/x.js', 'url'],
      ['jsr:@std/path', 'url'],
      ['#internal/util', 'subpath-import'],
      ['#config', 'subpath-import'],
      ['virtual:pwa-register', 'virtual'],
      ['\0rollup-plugin', 'virtual'],
      ['', 'invalid'],
      ['@/components/Button', 'invalid'],
      ['@scope', 'invalid'],
      ['has space', 'invalid'],
      ['style-loader!css-loader!./x.css', 'invalid'],
      ['x'.repeat(5000), 'invalid'],
    ];
    for (const [specifier, skip] of skips) {
      it(`skips ${JSON.stringify(specifier.slice(0, 40))} as ${skip}`, () => assert.deepEqual(packageOfSpecifier(specifier), { skip }));
    }

    it('skips tsconfig paths aliases only when configured (object form, with globs)', () => {
      const tsconfigPaths = { '@/*': ['src/*'], '~/*': ['./*'], '@app/core': ['libs/core/index.ts'], 'assets/*.svg': ['static/*.svg'] };
      assert.deepEqual(packageOfSpecifier('@/components/Button', { tsconfigPaths }), { skip: 'tsconfig-path' });
      assert.deepEqual(packageOfSpecifier('~/utils/date', { tsconfigPaths }), { skip: 'tsconfig-path' });
      assert.deepEqual(packageOfSpecifier('@app/core', { tsconfigPaths }), { skip: 'tsconfig-path' });
      assert.deepEqual(packageOfSpecifier('assets/icons/logo.svg', { tsconfigPaths }), { skip: 'tsconfig-path' });
      // An exact pattern does not cover subpaths, and a suffix pattern needs its suffix.
      assert.deepEqual(packageOfSpecifier('@app/core/x', { tsconfigPaths }), { name: '@app/core' });
      assert.deepEqual(packageOfSpecifier('assets/logo.png', { tsconfigPaths }), { name: 'assets' });
      assert.deepEqual(packageOfSpecifier('lodash', { tsconfigPaths }), { name: 'lodash' });
    });

    it('accepts tsconfig paths as a list of patterns, and a catch-all `*`', () => {
      assert.deepEqual(packageOfSpecifier('~/x', { tsconfigPaths: ['~/*'] }), { skip: 'tsconfig-path' });
      assert.deepEqual(packageOfSpecifier('lodash', { tsconfigPaths: ['*'] }), { skip: 'tsconfig-path' });
      // Built-ins and relative paths are decided before aliases.
      assert.deepEqual(packageOfSpecifier('./x', { tsconfigPaths: ['*'] }), { skip: 'relative' });
    });

    it('skips workspace packages, including their subpaths', () => {
      const workspacePackages = new Set(['@acme/ui', 'shared-utils']);
      assert.deepEqual(packageOfSpecifier('@acme/ui/button', { workspacePackages }), { skip: 'workspace' });
      assert.deepEqual(packageOfSpecifier('shared-utils', { workspacePackages: ['shared-utils'] }), { skip: 'workspace' });
      assert.deepEqual(packageOfSpecifier('@acme/api', { workspacePackages }), { name: '@acme/api' });
    });

    it('never throws on garbage', () => {
      const inputs: unknown[] = [null, undefined, 42, {}, '\uD800', '@', '@@/@@', '/', '#', ':', 'a:', '?', '\n', garbage().slice(0, 900)];
      for (const input of inputs) {
        const result = packageOfSpecifier(input as string);
        assert.ok('skip' in result || isValidName('npm', result.name), `result for ${JSON.stringify(input)}`);
      }
    });
  });

  describe('importedSpecifiers', () => {
    it('finds every kind of import with the exact range of the string content', () => {
      const text = [
        "import express from 'express';",
        "import 'dotenv/config';",
        'import type { Request } from "express-serve-static-core";',
        "export * from './local';",
        "export { z } from 'zod';",
        "export type { Options } from 'ky';",
        "const fs = require('node:fs');",
        "const lazy = await import('@scope/lazy/sub');",
        'const tpl = await import(`chalk`);',
        "import cp = require('child_process');",
        "type T = typeof import('type-fest');",
      ].join('\n');
      const found = specifiers(text);
      assert.deepEqual(
        found.map((s) => [s.specifier, s.kind, s.typeOnly]),
        [
          ['express', 'import', false],
          ['dotenv/config', 'import', false],
          ['express-serve-static-core', 'import', true],
          ['./local', 'export', false],
          ['zod', 'export', false],
          ['ky', 'export', true],
          ['node:fs', 'require', false],
          ['@scope/lazy/sub', 'dynamic-import', false],
          ['chalk', 'dynamic-import', false],
          ['child_process', 'import-equals', false],
          ['type-fest', 'import-type', true],
        ],
      );
      for (const s of found) assert.equal(text.slice(s.range[0], s.range[1]), s.specifier);
      assert.deepEqual(found[0].range, [nth(text, "'express'") + 1, nth(text, "'express'") + 1 + 'express'.length]);
      assert.deepEqual(found[7].range, [nth(text, '@scope/lazy/sub'), nth(text, '@scope/lazy/sub') + '@scope/lazy/sub'.length]);
      assert.deepEqual(found[8].range, [nth(text, '`chalk`') + 1, nth(text, '`chalk`') + 1 + 'chalk'.length]);
    });

    it('ignores computed specifiers and calls that are not require', () => {
      const text = [
        "const a = require(name);",
        "const b = require('x' + suffix);",
        'const c = await import(`./${page}.js`);',
        "const d = req('not-require');",
        "const e = obj.require('method');",
        "const f = require('two', 'args');",
        "const g = require();",
        "declare module 'ambient-decl' {}",
        "const s = 'lodash';",
      ].join('\n');
      assert.deepEqual(specifiers(text), []);
    });

    it('reports the decoded value when the source uses escapes, and the range of what is written', () => {
      const text = "import x from 'lo\\x64ash';";
      const [found] = specifiers(text);
      assert.equal(found.specifier, 'lodash');
      assert.equal(text.slice(found.range[0], found.range[1]), 'lo\\x64ash');
    });

    it('works on CommonJS JavaScript and on JSX', () => {
      assert.deepEqual(
        specifiers("'use strict';\nconst { join } = require('path');\nmodule.exports = require('./lib');", 'index.js').map((s) => s.specifier),
        ['path', './lib'],
      );
      assert.deepEqual(specifiers("import React from 'react';\nexport const A = () => <div/>;", 'a.jsx').map((s) => s.specifier), ['react']);
    });

    it('finds imports in broken code (error recovery) and survives garbage', () => {
      assert.deepEqual(specifiers("import a from 'axios';\nconst x;\nimport b from 'got';").map((s) => s.specifier), ['axios', 'got']);
      let parsed;
      try {
        parsed = parseJs(garbage().slice(0, 50_000), 'garbage.ts');
      } catch {
        return; // The parser may reject the text outright; importedSpecifiers only receives parsed files.
      }
      assert.ok(Array.isArray(importedSpecifiers(parsed)));
    });

    it('finds a require nested hundreds of levels deep', () => {
      const text = 'x = ' + '['.repeat(400) + "require('deep')" + ']'.repeat(400) + ';';
      assert.deepEqual(specifiers(text, 'deep.js').map((s) => s.specifier), ['deep']);
    });
  });

  describe('bundled Node built-in list', () => {
    it('is generated data covering the common modules', () => {
      assert.match(nodeBuiltins.generated, /scripts\/build-node-builtins\.ts/);
      for (const m of ['fs', 'fs/promises', 'path', 'crypto', 'http', 'worker_threads', 'assert/strict']) {
        assert.ok(nodeBuiltins.modules.includes(m), m);
      }
      assert.ok(!nodeBuiltins.modules.some((m) => m.startsWith('node:')));
    });

    it('is not stale: it lists every built-in of the running Node (refresh with scripts/build-node-builtins.ts)', () => {
      const missing = builtinModules.filter((m) => !m.startsWith('node:') && !nodeBuiltins.modules.includes(m));
      assert.deepEqual(missing, []);
    });
  });
});

describe('package-names: Python imports', () => {
  const mapped: Array<[string, string]> = [
    ['cv2', 'opencv-python'],
    ['sklearn.model_selection', 'scikit-learn'],
    ['yaml', 'PyYAML'],
    ['PIL.Image', 'Pillow'],
    ['bs4', 'beautifulsoup4'],
    ['dateutil.parser', 'python-dateutil'],
    ['jwt', 'PyJWT'],
    ['Crypto.Cipher.AES', 'pycryptodome'],
    ['google.protobuf.json_format', 'protobuf'],
    ['google.cloud.storage', 'google-cloud-storage'],
    ['attr', 'attrs'],
    ['dotenv', 'python-dotenv'],
    ['magic', 'python-magic'],
    ['serial.tools.list_ports', 'pyserial'],
    ['usb.core', 'pyusb'],
    ['zmq', 'pyzmq'],
    ['docx', 'python-docx'],
    ['pptx.util', 'python-pptx'],
    ['telegram.ext', 'python-telegram-bot'],
    ['slugify', 'python-slugify'],
    ['jose.jwt', 'python-jose'],
    ['mysql.connector', 'mysql-connector-python'],
    ['mpl_toolkits.mplot3d', 'matplotlib'],
    ['mpl_toolkits.basemap', 'basemap'],
    ['ruamel.yaml', 'ruamel.yaml'],
    ['rest_framework.views', 'djangorestframework'],
    ['win32com.client', 'pywin32'],
  ];
  for (const [module, name] of mapped) {
    it(`${module} -> ${name}`, () => {
      assert.deepEqual(distributionOfImport(module), { name, normalized: normalizePypiName(name), mapped: true });
    });
  }

  it('maps unknown imports to their PEP 503-normalised top-level name', () => {
    assert.deepEqual(distributionOfImport('requests.adapters'), { name: 'requests', normalized: 'requests', mapped: false });
    assert.deepEqual(distributionOfImport('flask_sqlalchemy'), { name: 'flask-sqlalchemy', normalized: 'flask-sqlalchemy', mapped: false });
    assert.deepEqual(distributionOfImport('Django.db'), { name: 'django', normalized: 'django', mapped: false });
    // A module whose distribution has no entry for this submodule still falls back to the top-level name.
    assert.deepEqual(distributionOfImport('ruamel'), { name: 'ruamel', normalized: 'ruamel', mapped: false });
  });

  it('skips the standard library', () => {
    for (const module of ['os', 'os.path', 'json', 'asyncio', 'tomllib', 'sys', 'typing', 'collections.abc', '__future__', 'xml.etree.ElementTree']) {
      assert.deepEqual(distributionOfImport(module), { skip: 'stdlib' }, module);
      assert.equal(isPythonStdlib(module), true);
    }
    assert.equal(isPythonStdlib('requests'), false);
  });

  it('skips local modules the caller names, before the bundled map', () => {
    const localModules = new Set(['myapp', 'yaml']);
    assert.deepEqual(distributionOfImport('myapp.models', { localModules }), { skip: 'local' });
    assert.deepEqual(distributionOfImport('yaml', { localModules }), { skip: 'local' });
    assert.deepEqual(distributionOfImport('utils', { localModules: ['utils'] }), { skip: 'local' });
    assert.deepEqual(distributionOfImport('myapp2', { localModules }), { name: 'myapp2', normalized: 'myapp2', mapped: false });
  });

  it('skips relative imports and unmapped parts of shared namespaces', () => {
    assert.deepEqual(distributionOfImport('.models'), { skip: 'relative' });
    assert.deepEqual(distributionOfImport('..'), { skip: 'relative' });
    assert.deepEqual(distributionOfImport('google.colab'), { skip: 'namespace' });
    assert.deepEqual(distributionOfImport('google'), { skip: 'namespace' });
    assert.deepEqual(distributionOfImport('azure.unknown.thing'), { skip: 'namespace' });
  });

  it('never throws on garbage', () => {
    const inputs: unknown[] = ['', ' ', 'a b', 'a..b', 'a.', '1abc', 'import os', 'os;rm', '\uD800', 'x'.repeat(10_000), null, undefined, 7, garbage().slice(0, 2000)];
    for (const input of inputs) {
      assert.deepEqual(distributionOfImport(input as string), { skip: 'invalid' }, JSON.stringify(input)?.slice(0, 40));
    }
    assert.deepEqual(distributionOfImport('  numpy  '), { name: 'numpy', normalized: 'numpy', mapped: false });
  });

  describe('bundled data', () => {
    const map: Record<string, string> = importNames.map;

    it('has about 150 entries or more, each a real mismatch with a valid distribution name', () => {
      assert.ok(Object.keys(map).length >= 150, `${Object.keys(map).length} entries`);
      for (const [module, dist] of Object.entries(map)) {
        assert.ok(isValidName('pypi', dist), `${module}: ${dist}`);
        assert.match(module, /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/, module);
        // Dotted keys (namespace packages) may equal their distribution; top-level ones must differ.
        if (!module.includes('.')) assert.notEqual(normalizePypiName(module), normalizePypiName(dist), `${module} needs no entry`);
      }
    });

    it('has no entry shadowed by the standard library', () => {
      const shadowed = Object.keys(map).filter((m) => pythonStdlib.modules.includes(m.split('.')[0]));
      assert.deepEqual(shadowed, []);
    });

    it('lists the Python 3 standard library, generated by the script', () => {
      assert.match(pythonStdlib.generated, /scripts\/build-python-stdlib\.ts/);
      assert.ok(pythonStdlib.modules.length > 250);
      assert.ok(!pythonStdlib.modules.includes('requests'));
    });

    it('is not stale for the recorded Python version (skipped when that python3 is not installed)', function () {
      let current: { python: string; modules: string[] };
      try {
        const out = execFileSync('python3', ['-c', 'import json,platform,sys; print(json.dumps({"python": platform.python_version(), "modules": sorted(sys.stdlib_module_names)}))'], { encoding: 'utf8', timeout: 20_000 });
        current = JSON.parse(out);
      } catch {
        this.skip();
      }
      if (current.python.split('.').slice(0, 2).join('.') !== pythonStdlib.python.split('.').slice(0, 2).join('.')) this.skip();
      assert.deepEqual(current.modules, pythonStdlib.modules);
    });
  });
});
