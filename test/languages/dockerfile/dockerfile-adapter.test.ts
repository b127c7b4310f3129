import assert from 'node:assert/strict';
import type { Instruction } from 'dockerfile-ast';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { dockerfileAdapter, MAX_INSTRUCTION_LENGTH, parseDockerfile, type DockerfileHelpers, type DockerfileNode } from '../../../src/languages/dockerfile';
import { builtinRules } from '../../../src/rules';

/** Each instruction as `KEYWORD [start, end) text`. */
function instructions(text: string): Array<[string, readonly [number, number], string]> {
  const parsed = parseDockerfile(text);
  const helpers = dockerfileAdapter.createHelpers(parsed, text);
  return parsed.root.dockerfile.getInstructions().map((i) => {
    const range = helpers.rangeOf(i);
    return [helpers.keywordOf(i), range, text.slice(range[0], range[1])];
  });
}

const SAMPLE = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=node:20',
  'FROM ${BASE} AS 構築 # not a comment',
  'RUN apt-get update && \\',
  '  # inner 😀',
  '  apt-get install -y curl',
  'RUN <<EOF',
  '# not a comment',
  'echo hi',
  'EOF',
  'onbuild run echo x',
  'USER root',
  '',
].join('\n');

describe('Dockerfile adapter', () => {
  it('visits the file, then each instruction in source order, then leaves the file', () => {
    const log: string[] = [];
    const parsed = dockerfileAdapter.parse(SAMPLE, 'Dockerfile');
    const keyword = (n: DockerfileNode) => (n as Instruction).getKeyword();
    dockerfileAdapter.traverse(parsed, {
      enter: new Map([
        ['File', [() => void log.push('File')]],
        ['Instruction', [(n: DockerfileNode) => void log.push(keyword(n))]],
      ]),
      exit: new Map([
        ['File', [() => void log.push('File:exit')]],
        ['Instruction', [(n: DockerfileNode) => void log.push(`${keyword(n)}:exit`)]],
      ]),
    });
    assert.deepEqual(log, [
      'File',
      'ARG', 'ARG:exit',
      'FROM', 'FROM:exit',
      'RUN', 'RUN:exit',
      'RUN', 'RUN:exit',
      'ONBUILD', 'ONBUILD:exit',
      'USER', 'USER:exit',
      'File:exit',
    ]);
    assert.equal(dockerfileAdapter.lineComment, '#');
  });

  it('gives instructions UTF-16 ranges over continuations and heredocs, keywords in upper case', () => {
    assert.deepEqual(instructions(SAMPLE), [
      ['ARG', [29, 45], 'ARG BASE=node:20'],
      ['FROM', [46, 80], 'FROM ${BASE} AS 構築 # not a comment'],
      ['RUN', [81, 143], 'RUN apt-get update && \\\n  # inner 😀\n  apt-get install -y curl'],
      ['RUN', [144, 181], 'RUN <<EOF\n# not a comment\necho hi\nEOF'],
      ['ONBUILD', [182, 200], 'onbuild run echo x'],
      ['USER', [201, 210], 'USER root'],
    ]);
  });

  it('finds comment lines and parser directives, not # inside heredocs or after an instruction', () => {
    assert.deepEqual(parseDockerfile(SAMPLE).comments, [
      { range: [0, 28], value: ' syntax=docker/dockerfile:1' },
      { range: [107, 117], value: ' inner 😀' },
    ]);
  });

  it('reads CRLF and lone-CR line ends with the same offsets the text has', () => {
    const crlf = 'FROM a\r\nRUN x \\\r\n  y\r\n# c\r\nUSER 😀\r\n';
    assert.deepEqual(instructions(crlf), [
      ['FROM', [0, 6], 'FROM a'],
      ['RUN', [8, 20], 'RUN x \\\r\n  y'],
      ['USER', [27, 34], 'USER 😀'],
    ]);
    assert.deepEqual(parseDockerfile(crlf).comments, [{ range: [22, 25], value: ' c' }]);
    const cr = 'FROM a\rRUN b\r# c\rUSER d';
    assert.deepEqual(instructions(cr).map((i) => i[1]), [[0, 6], [7, 12], [17, 23]]);
  });

  it('accepts any text: stray backslashes, bare keywords, an empty comment', () => {
    const text = '\\\n\\\nRUN\nFROM\n  \n#\n';
    assert.deepEqual(instructions(text).map((i) => i[0]), ['\\', '\\', 'RUN', 'FROM']);
    assert.deepEqual(parseDockerfile(text).comments, [{ range: [16, 17], value: '' }]);
    assert.deepEqual(instructions(''), []);
  });

  it('converts positions: offsetOf clamps past the end of a line and of the text', () => {
    const helpers: DockerfileHelpers = dockerfileAdapter.createHelpers(parseDockerfile('FROM a\nUSER 😀\n'), '');
    assert.deepEqual(
      [
        helpers.offsetOf({ line: 1, character: 5 }),
        helpers.offsetOf({ line: 1, character: 99 }),
        helpers.offsetOf({ line: 7, character: 0 }),
      ],
      [12, 14, 15],
    );
    assert.deepEqual(helpers.rangeOf({ start: { line: 0, character: 5 }, end: { line: 1, character: 4 } }), [5, 11]);
  });

  it(`refuses an instruction longer than ${MAX_INSTRUCTION_LENGTH} characters, counted over continuations`, () => {
    const flags = (n: number) => 'COPY ' + '--from=a \\\n'.repeat(n) + 'src dst\n';
    assert.throws(() => parseDockerfile(flags(10_000)), { name: 'SyntaxError', message: /^an instruction is longer than 65536 characters/ });
    const started = performance.now();
    const manyShort = ('COPY ' + '--from=a '.repeat(100) + 'src dst\n# ' + 'x'.repeat(70_000) + '\n').repeat(10);
    assert.equal(parseDockerfile(manyShort).root.dockerfile.getInstructions().length, 10);
    assert.ok(performance.now() - started < 1_000);
  });

  it('reads a megabyte-long comment line at the top in linear time, with its text intact', () => {
    for (const line of ['# '.repeat(500_000), '#a=b '.repeat(200_000)]) {
      const text = line + '\nFROM alpine\n';
      const started = performance.now();
      const parsed = parseDockerfile(text);
      assert.ok(performance.now() - started < 1_000, `${Math.round(performance.now() - started)} ms`);
      assert.deepEqual(parsed.comments[0], { range: [0, line.length], value: line.slice(1) });
      assert.deepEqual(instructions(text).map((i) => i[0]), ['FROM']);
    }
    const directive = parseDockerfile('# syntax=docker/dockerfile:1\n# escape=`\nFROM a\nRUN x `\n  y\n');
    assert.equal(directive.root.dockerfile.getEscapeCharacter(), '`');
    assert.equal(directive.root.dockerfile.getInstructions().length, 2);
  });

  describe('through the Analyzer', () => {
    const rule = defineRule<DockerfileNode, DockerfileHelpers>({
      id: 'test/no-root-user',
      languages: ['dockerfile'],
      meta: {
        description: 'test rule',
        severity: 'warning',
        category: 'iac',
        riskArea: 'development',
        cwe: ['CWE-250'],
        confidence: 'high',
        recommended: true,
        fix: 'none',
        messages: { root: 'runs as root' },
      },
      create: (context) => ({
        Instruction(node) {
          const instruction = node as Instruction;
          if (context.lang.keywordOf(instruction) === 'USER' && instruction.getArgumentsContent() === 'root') {
            context.report({ range: context.lang.rangeOf(instruction), messageId: 'root' });
          }
        },
      }),
    });
    const rules = [...builtinRules, rule];
    const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
    // Only the test rule and the suppression checker: the Dockerfile rules would report on this text too.
    const settings = new Map<string, RuleSetting>(
      rules.filter((r) => r.id === rule.id || r.id === 'rampart/invalid-suppression').map((r) => [r.id, { severity: r.meta.severity, options: {} }]),
    );

    it('reports on instructions and honours a # suppression with its reason', () => {
      const text = [
        'FROM alpine',
        '# rampart-ignore-next-line test/no-root-user -- the build stage needs apk',
        'USER root',
        'RUN echo 😀',
        'user root',
        '# rampart-ignore-next-line test/no-root-user',
        'USER root',
        'USER app',
      ].join('\n');
      const result = analyzer.analyze({ file: 'docker/api.Dockerfile', text, settings });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.start.line, f.range, f.suppressed?.reason ?? null]),
        [
          ['test/no-root-user', 3, [86, 95], 'the build stage needs apk'],
          ['test/no-root-user', 5, [108, 117], null],
          ['rampart/invalid-suppression', 6, [118, 162], null],
          ['test/no-root-user', 7, [163, 172], null],
        ],
      );
      assert.equal(analyzer.lineComment('dockerfile'), '#');
    });
  });
});
