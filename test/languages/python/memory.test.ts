import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { defineRule } from '../../../src/engine/rule';
import { pythonAdapter, type PythonHelpers, type PythonNode, type PythonParsedFile } from '../../../src/languages/python';
import type { Tree } from '@vscode/tree-sitter-wasm';
import { pythonRuntime, wasmMemoryBytes } from '../../../src/languages/python/runtime';
import { parseWithDeadline } from '../../../src/languages/tree-sitter/parse';
import { preparePython } from './helpers';

const MB = 1024 * 1024;

/** About 6 KB of ordinary Python. */
const SOURCE = Array.from(
  { length: 60 },
  (_, i) => `import mod${i}\ndef handler_${i}(event):\n    value = event.get("k${i}", "défaut 😀")  # note\n    return mod${i}.run(value)\n`,
).join('');

let files = 0;
const rule = defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-memory-test',
  languages: ['python'],
  meta: {
    description: 'Test rule: touches nodes and imports.',
    severity: 'info',
    category: 'supply-chain',
    riskArea: 'development',
    cwe: ['CWE-829'],
    confidence: 'low',
    recommended: false,
    fix: 'none',
    messages: { seen: 'seen' },
  },
  create: (context) => ({
    call: () => undefined,
    'File:exit': (file) => {
      files++;
      if (context.lang.imports().length !== 60) context.report({ range: context.lang.range(file), messageId: 'seen' });
    },
  }),
});

describe('python adapter: WASM memory', () => {
  before(preparePython);

  it('stays flat over 2,000 analyses of the same file (the engine disposes every tree)', function () {
    this.timeout(60_000);
    const analyzer = new Analyzer({ rules: [rule], adapters: [pythonAdapter] });
    const settings = new Map<string, RuleSetting>([[rule.id, { severity: 'info', options: {} }]]);
    const run = () => {
      const result = analyzer.analyze({ file: 'handler.py', text: SOURCE, settings });
      assert.deepEqual([result.errors, result.findings], [[], []]);
    };
    for (let i = 0; i < 50; i++) run();
    const before = wasmMemoryBytes();
    const started = performance.now();
    files = 0;
    for (let i = 0; i < 2000; i++) run();
    const after = wasmMemoryBytes();
    assert.equal(files, 2000, 'every run parsed and walked the file');
    const ms = performance.now() - started;
    console.log(`      2,000 analyses of ${SOURCE.length} chars: ${ms.toFixed(0)} ms; WASM memory ${(before / MB).toFixed(1)} MB -> ${(after / MB).toFixed(1)} MB`);
    assert.ok(before > 0);
    assert.equal(after, before);
  });

  it('stays flat without dispose too: the adapter frees the WASM tree as soon as it is copied', function () {
    this.timeout(60_000);
    const start = wasmMemoryBytes();
    const kept: PythonParsedFile[] = [];
    for (let i = 0; i < 3000; i++) kept.push(pythonAdapter.parse(SOURCE, 'a.py') as PythonParsedFile);
    assert.equal(kept.length, 3000);
    assert.equal(wasmMemoryBytes(), start);
  });

  it('would grow with trees left undeleted (the measurement can see a leak)', function () {
    this.timeout(60_000);
    const { parser } = pythonRuntime();
    const start = wasmMemoryBytes();
    const leaked: Tree[] = [];
    try {
      while (wasmMemoryBytes() === start && leaked.length < 3000) leaked.push(parseWithDeadline(parser, SOURCE));
      console.log(`      memory grew after ${leaked.length} undeleted trees`);
      assert.ok(wasmMemoryBytes() > start, 'memory grew');
    } finally {
      for (const tree of leaked) tree.delete();
    }
  });
});
