import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { MAX_TOML_DEPTH, parseToml, scanTomlComments, tomlAdapter, type TomlNode } from '../../../src/languages/toml';

describe('TOML adapter', () => {
  it('parses into a File root with the data, and visits only the file, enter then exit', () => {
    const text = '[project]\nname = "demo"\ndependencies = ["requests>=2"]\n';
    const parsed = tomlAdapter.parse(text, 'pyproject.toml');
    assert.equal(parsed.root.type, 'File');
    assert.deepEqual(JSON.parse(JSON.stringify(parsed.root.data)), { project: { name: 'demo', dependencies: ['requests>=2'] } });
    assert.equal(Object.getPrototypeOf(parsed.root.data), null, 'tables have no prototype to pollute');
    const log: string[] = [];
    tomlAdapter.traverse(parsed, {
      enter: new Map([['File', [() => void log.push('enter')]], ['Table', [() => void log.push('table')]]]),
      exit: new Map([['File', [() => void log.push('exit')]]]),
    });
    assert.deepEqual(log, ['enter', 'exit']);
    assert.equal(tomlAdapter.lineComment, '#');
  });

  it('finds # comments with exact UTF-16 ranges, not inside any kind of string', () => {
    const text = [
      '# head', //                                    0..6
      'a = "x # no" # yes', //                        7..25, comment at 20
      "b = 'it''s # no'", //                          literal strings have no escapes
      'c = """', //
      '# no, inside a multi-line string """', //
      'd = \'\'\'# no\'\'\' # 😀 after', //
      'e = "esc \\" # still a string" #end', //
      'f = """quotes""""  # four quotes close it',
      '["k # no"] # table',
    ].join('\n');
    const comments = scanTomlComments(text);
    assert.deepEqual(
      comments.map((c) => [text.slice(c.range[0], c.range[1]), c.value]),
      [
        ['# head', ' head'],
        ['# yes', ' yes'],
        ['# 😀 after', ' 😀 after'],
        ['#end', 'end'],
        ['# four quotes close it', ' four quotes close it'],
        ['# table', ' table'],
      ],
    );
    assert.deepEqual(comments[1].range, [20, 25]);
    // The emoji is two code units: the comment ends two units later than its character count.
    const emoji = comments[2];
    assert.equal(emoji.range[1] - emoji.range[0], '# X after'.length + 1);
  });

  it('stops a comment before CR LF and reads CRLF files', () => {
    const text = 'a = 1 # one\r\n# two\r\nb = "#"\r\n';
    const parsed = parseToml(text);
    assert.deepEqual(parsed.comments, [
      { range: [6, 11], value: ' one' },
      { range: [13, 18], value: ' two' },
    ]);
    assert.deepEqual({ ...parsed.root.data }, { a: 1, b: '#' });
  });

  it('throws a SyntaxError naming the line and column of a syntax error', () => {
    assert.throws(() => parseToml('a = 1\nb = [1,\n c = 2\n'), { name: 'SyntaxError', message: 'invalid value at line 3, column 2' });
    assert.throws(() => parseToml('[a]\nx = 1\n[a]\n'), /already defined .* at line 3, column 2$/);
    assert.throws(() => parseToml('"名" = "😀"\nkey = \n'), { name: 'SyntaxError', message: 'invalid value at line 2, column 7' });
  });

  it(`refuses data nested deeper than ${MAX_TOML_DEPTH} levels, by inline arrays or by dotted keys`, () => {
    const deepArrays = 'a = ' + '['.repeat(5_000) + ']'.repeat(5_000);
    assert.throws(() => parseToml(deepArrays), { name: 'SyntaxError' });
    const deepKeys = 'a' + '.a'.repeat(50_000) + ' = 1';
    assert.throws(() => parseToml(deepKeys), { name: 'SyntaxError', message: `TOML nested more than ${MAX_TOML_DEPTH} levels deep` });
    const fine = 'a' + '.a'.repeat(50) + ' = 1';
    assert.doesNotThrow(() => parseToml(fine));
  });

  it('helpers expose the data and locate values through toml-locate', () => {
    const text = '[project]\nname = "demo"\ndependencies = [\n  "requests>=2",\n]\n\n[tool.x]\ny = 1\n';
    const helpers = tomlAdapter.createHelpers(parseToml(text), text);
    assert.equal((helpers.data.project as Record<string, unknown>).name, 'demo');
    const region = helpers.locate(['project', 'dependencies'])!;
    assert.equal(text.slice(region[0]).trimStart().startsWith('['), true);
    assert.equal(region[1], text.indexOf('[tool.x]'));
    assert.equal(helpers.locate(['project', 'missing']), undefined);
    assert.equal(helpers.document, helpers.document);
  });

  describe('through the Analyzer', () => {
    const rule = defineRule<TomlNode>({
      id: 'test/no-evil-package',
      languages: ['toml'],
      meta: {
        description: 'test rule',
        severity: 'error',
        category: 'supply-chain',
        riskArea: 'development',
        cwe: ['CWE-1104'],
        confidence: 'high',
        recommended: true,
        fix: 'none',
        messages: { evil: 'evil package' },
      },
      create: (context) => ({
        File() {
          for (let at = context.text.indexOf('"evil'); at >= 0; at = context.text.indexOf('"evil', at + 1)) {
            context.report({ range: [at, at + '"evil"'.length], messageId: 'evil' });
          }
        },
      }),
    });
    const analyzer = new Analyzer({ rules: [rule], adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>([[rule.id, { severity: 'error', options: {} }]]);

    it('reports from a File visitor and honours a # suppression with its reason', () => {
      const text = [
        '[project]',
        'dependencies = [',
        '  # rampart-ignore-next-line test/no-evil-package -- vetted fork, see SECURITY.md',
        '  "evil",',
        '  "😀", "evil",',
        ']',
      ].join('\r\n');
      const result = analyzer.analyze({ file: 'pyproject.toml', text, settings });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.findings.map((f) => [f.start.line, f.start.column, f.suppressed?.reason ?? null]),
        [
          [4, 3, 'vetted fork, see SECURITY.md'],
          [5, 9, null],
        ],
      );
      assert.equal(analyzer.lineComment('toml'), '#');
    });

    it('turns a syntax error into a parser error record with the position', () => {
      const result = analyzer.analyze({ file: 'Pipfile', text: '[packages]\nevil = \n', settings });
      assert.deepEqual(result.findings, []);
      assert.deepEqual(result.errors.map((e) => [e.source, e.message]), [
        ['parser', 'could not parse the file: SyntaxError: invalid value at line 2, column 8'],
      ]);
    });
  });
});
