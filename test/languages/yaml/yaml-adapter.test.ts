import assert from 'node:assert/strict';
import { isMap, isPair, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import type { VisitorTable } from '../../../src/engine/language';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { forEachYamlPair, MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS, parseYaml, yamlAdapter, yamlKind, type YamlNode } from '../../../src/languages/yaml';
import { builtinRules } from '../../../src/rules';

const KINDS = ['File', 'Document', 'Map', 'Pair', 'Seq', 'Scalar', 'Alias'];

/** `Kind` (with the scalar's source text) and `Kind:exit` in call order. */
function visits(text: string): string[] {
  const log: string[] = [];
  const label = (n: YamlNode) => (isScalar(n) ? `Scalar ${String(n.source ?? n.value)}` : (yamlKind(n) ?? 'File'));
  const table: VisitorTable<YamlNode> = {
    enter: new Map(KINDS.map((k) => [k, [(n: YamlNode) => void log.push(label(n))]])),
    exit: new Map(['File', 'Document', 'Map', 'Seq'].map((k) => [k, [() => void log.push(`${k}:exit`)]])),
  };
  yamlAdapter.traverse(yamlAdapter.parse(text, 'a.yaml'), table);
  return log;
}

describe('YAML adapter', () => {
  it('visits the file, each document and its nodes by kind, depth-first in source order', () => {
    assert.deepEqual(visits('a: &r 1\nb: [x, *r]\n---\n- k: v\n'), [
      'File',
      'Document',
      'Map',
      'Pair',
      'Scalar a',
      'Scalar 1',
      'Pair',
      'Scalar b',
      'Seq',
      'Scalar x',
      'Alias',
      'Seq:exit',
      'Map:exit',
      'Document:exit',
      'Document',
      'Seq',
      'Map',
      'Pair',
      'Scalar k',
      'Scalar v',
      'Map:exit',
      'Seq:exit',
      'Document:exit',
      'File:exit',
    ]);
    assert.deepEqual(visits(''), ['File', 'File:exit']);
    assert.deepEqual(visits('# only a comment\n'), ['File', 'File:exit']);
  });

  it('forEachYamlPair gives the pairs the walk visits, in its order, without following aliases', () => {
    const text = 'a: &r {x: 1}\nb: [k: v, *r]\n? {c: d}\n: e\n---\n- f: {g: h}\n- 3\n---\n';
    const parsed = parseYaml(text);
    const walked: Pair[] = [];
    yamlAdapter.traverse(parsed, { enter: new Map([['Pair', [(n: YamlNode) => void walked.push(n as Pair)]]]), exit: new Map() });
    const listed: Pair[] = [];
    forEachYamlPair(parsed.root.documents, (pair) => listed.push(pair));
    assert.equal(listed.length, 8);
    assert.equal(listed.length, walked.length);
    listed.forEach((pair, i) => assert.equal(pair, walked[i], `pair ${i}`));
    assert.deepEqual(
      listed.map((p) => String(isScalar(p.key) ? p.key.value : 'map')),
      ['a', 'x', 'b', 'k', 'map', 'c', 'f', 'g'],
    );
    const none: Pair[] = [];
    forEachYamlPair(parseYaml('# nothing\n').root.documents, (pair) => none.push(pair));
    forEachYamlPair(parseYaml('- 1\n- [2, 3]\n').root.documents, (pair) => none.push(pair));
    assert.deepEqual(none, []);
  });

  it('gives UTF-16 offsets and finds # comments, not inside quoted or block scalars', () => {
    const text = '名前: "😀 # not"  # c1\nlist:\n  - |  # c2\n    # not a comment\n  - \'x\' # c3\n';
    const parsed = parseYaml(text);
    assert.deepEqual(parsed.comments, [
      { range: [16, 20], value: ' c1' },
      { range: [34, 38], value: ' c2' },
      { range: [67, 71], value: ' c3' },
    ]);
    const map = parsed.root.documents[0].contents as YAMLMap<Scalar, Scalar | YAMLSeq<Scalar>>;
    const [name, list] = map.items;
    assert.deepEqual([name.key.range, (name.value as Scalar).range], [[0, 2, 2], [4, 14, 21]]);
    assert.equal((name.value as Scalar).value, '😀 # not');
    const items = (list.value as YAMLSeq<Scalar>).items;
    assert.deepEqual(items.map((i) => [i.range![0], i.value]), [[31, '# not a comment\n'], [63, 'x']]);
    assert.deepEqual(parsed.syntaxErrors, []);
  });

  it('reads CRLF files: comments stop before the CR', () => {
    const text = 'a: 1\r\n# c\r\nb: [x, y] # z\r\n';
    const parsed = parseYaml(text);
    assert.deepEqual(parsed.comments, [
      { range: [6, 9], value: ' c' },
      { range: [21, 24], value: ' z' },
    ]);
    const b = (parsed.root.documents[0].contents as YAMLMap).items[1] as Pair<Scalar, YAMLSeq>;
    assert.deepEqual(b.value!.range, [14, 20, 26]);
  });

  it('keeps every document of a stream, also those with errors, and reports the errors with positions', () => {
    const parsed = parseYaml('a: b: c\n---\nok: 1\n---\n[unclosed\n');
    assert.deepEqual(parsed.root.documents.map((d) => d.errors.length), [1, 0, 1]);
    assert.deepEqual(parsed.root.documents[1].toJS(), { ok: 1 });
    assert.deepEqual(parsed.syntaxErrors, [
      'Nested mappings are not allowed in compact mappings at line 1, column 4',
      'Flow sequence must end with a ] at line 6, column 1',
    ]);
  });

  it('visits aliases without following them: a billion-laughs document costs its size', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const counts = new Map<string, number>();
    const count = (k: string) => () => void counts.set(k, (counts.get(k) ?? 0) + 1);
    const started = performance.now();
    yamlAdapter.traverse(parseYaml(lines.join('\n')), { enter: new Map(KINDS.map((k) => [k, [count(k)]])), exit: new Map() });
    assert.ok(performance.now() - started < 500);
    assert.deepEqual([counts.get('Alias'), counts.get('Seq'), counts.get('Pair')], [81, 10, 10]);
  });

  it(`rejects nesting deeper than ${MAX_YAML_DEPTH} quickly, in flow and in block style, and accepts less`, () => {
    for (const text of ['['.repeat(10_000) + ']'.repeat(10_000), '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000), '- '.repeat(10_000) + 'x']) {
      const started = performance.now();
      assert.throws(() => parseYaml(text), { name: 'SyntaxError', message: `YAML nested more than ${MAX_YAML_DEPTH} levels deep` });
      assert.ok(performance.now() - started < 1_000, `${Math.round(performance.now() - started)} ms`);
    }
    const ok = parseYaml('['.repeat(150) + '1' + ']'.repeat(150));
    assert.deepEqual(ok.syntaxErrors, []);
    let seqs = 0;
    yamlAdapter.traverse(ok, { enter: new Map([['Seq', [() => void seqs++]]]), exit: new Map() });
    assert.equal(seqs, 150);
  });

  it(`reads 5,000 documents within a second and refuses more than ${MAX_YAML_DOCUMENTS}`, () => {
    const started = performance.now();
    const parsed = parseYaml('---\nkind: Pod\n'.repeat(5_000));
    assert.equal(parsed.root.documents.length, 5_000);
    assert.ok(performance.now() - started < 1_000, `${Math.round(performance.now() - started)} ms`);
    assert.throws(() => parseYaml('---\n'.repeat(MAX_YAML_DOCUMENTS + 1)), { name: 'SyntaxError' });
  });

  it('helpers give parents, key paths and ranges of pairs', () => {
    const text = 'jobs:\n  build:\n    steps:\n      - run: echo 😀\n      - uses: actions/checkout@v4\n';
    const parsed = parseYaml(text);
    const helpers = yamlAdapter.createHelpers(parsed, text);
    assert.equal(helpers.documents, parsed.root.documents);
    const steps = ((((parsed.root.documents[0].contents as YAMLMap).items[0].value as YAMLMap).items[0].value as YAMLMap).items[0].value as YAMLSeq<YAMLMap<Scalar, Scalar>>);
    const run = steps.items[0].items[0];
    const uses = steps.items[1].items[0];
    assert.deepEqual(helpers.pathOf(run.value!), ['jobs', 'build', 'steps', 0, 'run']);
    assert.deepEqual(helpers.pathOf(run), ['jobs', 'build', 'steps', 0, 'run']);
    assert.deepEqual(helpers.pathOf(run.key), ['jobs', 'build', 'steps', 0]);
    assert.deepEqual(helpers.pathOf(steps.items[1]), ['jobs', 'build', 'steps', 1]);
    assert.equal(helpers.parentOf(run), steps.items[0]);
    assert.equal(helpers.parentOf(parsed.root.documents[0]), undefined);
    assert.deepEqual(helpers.rangeOf(run), [text.indexOf('run'), text.indexOf('😀') + 2]);
    assert.deepEqual(helpers.rangeOf(uses.value!), [text.indexOf('actions/'), text.indexOf('@v4') + 3]);
    assert.ok(isMap(helpers.parentOf(uses)) && isSeq(helpers.parentOf(helpers.parentOf(uses)!)));
    assert.ok(isPair(helpers.parentOf(uses.value!)));
  });

  describe('through the Analyzer', () => {
    const rule = defineRule<YamlNode>({
      id: 'test/no-privileged',
      languages: ['yaml'],
      meta: {
        description: 'test rule',
        severity: 'error',
        category: 'iac',
        riskArea: 'development',
        cwe: ['CWE-250'],
        confidence: 'high',
        recommended: true,
        fix: 'none',
        messages: { privileged: 'privileged container' },
      },
      create: (context) => ({
        Pair(node) {
          const pair = node as Pair<Scalar, Scalar>;
          if (pair.key?.value === 'privileged' && pair.value?.value === true) {
            context.report({ range: [pair.key.range![0], pair.value.range![1]], messageId: 'privileged' });
          }
        },
      }),
    });
    const rules = [...builtinRules, rule];
    const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));

    it('reports on pairs and honours a # suppression with its reason', () => {
      const text = [
        'spec:',
        '  containers:',
        '    - name: 😀',
        '      securityContext:',
        '        # rampart-ignore-next-line test/no-privileged -- node exporter needs the host',
        '        privileged: true',
        '    - securityContext: { privileged: true }',
        '---',
        'privileged: true # rampart-ignore-next-line test/no-privileged',
        'privileged2: false',
      ].join('\n');
      const result = analyzer.analyze({ file: 'k8s/daemonset.yaml', text, settings });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.start.line, f.start.column, f.end.column, f.suppressed?.reason ?? null]),
        [
          ['test/no-privileged', 6, 9, 25, 'node exporter needs the host'],
          ['test/no-privileged', 7, 26, 42, null],
          ['test/no-privileged', 9, 1, 17, null],
          ['rampart/invalid-suppression', 9, 18, 63, null],
        ],
      );
      assert.equal(analyzer.lineComment('yaml'), '#');
    });

    it('turns a stream nested too deeply into a parser error record', () => {
      const result = analyzer.analyze({ file: 'deep.yml', text: '['.repeat(1_000), settings });
      assert.deepEqual(result.errors.map((e) => e.message), [`could not parse the file: SyntaxError: YAML nested more than ${MAX_YAML_DEPTH} levels deep`]);
    });
  });
});
