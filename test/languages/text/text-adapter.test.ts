import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import type { SourceComment } from '../../../src/engine/language';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { htmlComments, parseText, requirementsComments, shellComments, textAdapter, type TextNode } from '../../../src/languages/text';
import { builtinRules } from '../../../src/rules';

/** Each comment as the text it covers. */
function texts(text: string, comments: readonly SourceComment[]): string[] {
  return comments.map((c) => text.slice(c.range[0], c.range[1]));
}

describe('text adapter', () => {
  it('takes the dialect from the file name, or the #! line of an extension-less script', () => {
    const dialect = (file: string, text = '') => textAdapter.parse(text, file).root.dialect;
    assert.deepEqual(
      [
        dialect('requirements-dev.txt'),
        dialect('scripts/build.sh'),
        dialect('bin/release', '#!/usr/bin/env bash\n'),
        dialect('docs/README.md'),
        dialect('.cursorrules'),
        dialect('notes.txt'),
        dialect('bin/release'),
      ],
      ['requirements', 'shell', 'shell', 'markdown', 'rules', 'plain', 'plain'],
    );
    assert.deepEqual(textAdapter.createHelpers(parseText('', 'requirements.txt'), ''), { dialect: 'requirements' });
    assert.equal(textAdapter.lineComment, null);
  });

  it('visits only the file, enter then exit', () => {
    const log: string[] = [];
    const parsed = textAdapter.parse('requests\n', 'requirements.txt');
    textAdapter.traverse(parsed, {
      enter: new Map([['File', [(n: TextNode) => void log.push(`enter ${n.dialect}`)]]]),
      exit: new Map([['File', [() => void log.push('exit')]]]),
    });
    assert.deepEqual(log, ['enter requirements', 'exit']);
  });

  describe('requirements comments', () => {
    it('are # at a line start or after whitespace, not inside URLs and hashes', () => {
      const text = [
        '# top',
        'requests==2.31.0  # pinned',
        'pkg @ https://host/pkg.zip#sha256=abc',
        'git+https://github.com/a/b.git#egg=b',
        '-e .\t#\ttab',
        'flask#no-space',
      ].join('\n');
      const comments = requirementsComments(text);
      assert.deepEqual(texts(text, comments), ['# top', '# pinned', '#\ttab']);
      assert.deepEqual(comments.map((c) => c.range), [[0, 5], [24, 32], [113, 118]]);
      assert.deepEqual(comments.map((c) => c.value), [' top', ' pinned', '\ttab']);
    });

    it('stop before CR LF and count UTF-16 units', () => {
      const text = 'café==1.0 # 😀 note\r\n# next\r\n';
      const comments = requirementsComments(text);
      assert.deepEqual(comments.map((c) => c.range), [[10, 19], [21, 27]]);
      assert.deepEqual(comments.map((c) => c.value), [' 😀 note', ' next']);
    });
  });

  describe('shell comments', () => {
    it('are # at a word start, outside quotes, $#, ${#x} and words like a#b', () => {
      const text = [
        '#!/bin/sh',
        'echo "# not" \'# not\' $\'it\\\'s # not\' $# ${#name} a#b \\# # yes',
        'x=1;# after a semicolon',
        'f() { # in a function',
        '  [ "$x" ] && echo ok|# after a pipe',
        '}',
      ].join('\n');
      assert.deepEqual(texts(text, shellComments(text)), [
        '#!/bin/sh',
        '# yes',
        '# after a semicolon',
        '# in a function',
        '# after a pipe',
      ]);
    });

    it('skip here-document bodies, with <<-, quoted delimiters and several on one line', () => {
      const text = [
        'cat <<EOF > config # c1',
        '# not a comment: config file text',
        'EOF',
        'cat <<-\'END\'',
        '\t# not either',
        '\tEND',
        'paste <<A /dev/stdin <<"B" # c2',
        '# a',
        'A',
        '# b',
        'B',
        '# c3',
      ].join('\n');
      assert.deepEqual(texts(text, shellComments(text)), ['# c1', '# c2', '# c3']);
    });

    it('do not let a shift in arithmetic swallow the rest of the script', () => {
      const text = 'echo $((1<<b))\n# c1\nx=$((a << 2)) # c2\n';
      assert.deepEqual(texts(text, shellComments(text)), ['# c1', '# c2']);
    });

    it('treat a backslash before CR LF as a line continuation, not the end of a here-document line', () => {
      const text = 'cat <<EOF \\\r\n  > out # c1\r\n# body\r\nEOF\r\n# c2\r\n';
      assert.deepEqual(texts(text, shellComments(text)), ['# c1', '# c2']);
    });

    it('have exact ranges across CRLF lines and non-ASCII text', () => {
      const text = 'echo "héllo 😀" # greet\r\nls # list\r\n';
      const comments = shellComments(text);
      assert.deepEqual(comments.map((c) => c.range), [[16, 23], [28, 34]]);
      assert.deepEqual(comments.map((c) => c.value), [' greet', ' list']);
    });
  });

  describe('Markdown and rules comments', () => {
    it('are <!-- --> comments, also across lines, not in fenced blocks or code spans', () => {
      const text = [
        '<!-- one -->',
        '```md',
        '<!-- in a fence -->',
        '```',
        '~~~~',
        '<!-- in a tilde fence ``` -->',
        '~~~~',
        'Text `<!-- in code -->` and ``a ` <!-- in code --> b`` then <!-- two',
        'lines --> after <!-- three -->',
        '    ```not a fence``` <!-- four -->',
      ].join('\n');
      const comments = htmlComments(text);
      assert.deepEqual(texts(text, comments), ['<!-- one -->', '<!-- two\nlines -->', '<!-- three -->', '<!-- four -->']);
      assert.deepEqual(comments.map((c) => c.value), [' one ', ' two\nlines ', ' three ', ' four ']);
    });

    it('run an unclosed comment to the end and an unclosed fence hides the rest', () => {
      assert.deepEqual(texts('a <!-- open\nb', htmlComments('a <!-- open\nb')), ['<!-- open\nb']);
      assert.deepEqual(htmlComments('```\n<!-- x -->\n'), []);
    });

    it('have exact UTF-16 ranges after emoji, CJK and CRLF', () => {
      const text = '# 見出し 😀\r\n<!-- 注 -->\r\n';
      assert.deepEqual(htmlComments(text), [{ range: [10, 20], value: ' 注 ' }]);
    });
  });

  describe('through the Analyzer', () => {
    const rule = defineRule<TextNode>({
      id: 'test/no-evil-line',
      languages: ['text'],
      meta: {
        description: 'test rule',
        severity: 'warning',
        category: 'supply-chain',
        riskArea: 'development',
        cwe: ['CWE-1104'],
        confidence: 'high',
        recommended: true,
        fix: 'none',
        messages: { evil: 'malware in {{dialect}}' },
      },
      create: (context) => ({
        File(node) {
          for (let at = context.text.indexOf('malware'); at >= 0; at = context.text.indexOf('malware', at + 1)) {
            context.report({ range: [at, at + 7], messageId: 'evil', data: { dialect: node.dialect } });
          }
        },
      }),
    });
    const rules = [...builtinRules, rule];
    const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
    const run = (file: string, text: string) => {
      const result = analyzer.analyze({ file, text, settings });
      assert.deepEqual(result.errors, []);
      return result.findings.map((f) => [f.ruleId, f.start.line, f.ruleId === rule.id ? f.message : f.messageId, f.suppressed?.reason ?? null]);
    };

    it('honours a # suppression in a requirements file', () => {
      const text = '# rampart-ignore-next-line test/no-evil-line -- internal mirror\nmalware==1.0\nmalware-two==2.0  # rampart-ignore-next-line test/no-evil-line -- x\nmalware-three\n';
      assert.deepEqual(run('requirements.txt', text), [
        ['test/no-evil-line', 2, 'malware in requirements', 'internal mirror'],
        ['test/no-evil-line', 3, 'malware in requirements', null],
        ['test/no-evil-line', 4, 'malware in requirements', 'x'],
      ]);
    });

    it('honours a # suppression in a shell script but not one inside a string', () => {
      const text = '#!/bin/sh\n# rampart-ignore-next-line test/no-evil-line -- reviewed\ncurl malware | sh\necho "# rampart-ignore-next-line test/no-evil-line -- no"\ncurl malware | sh\n';
      assert.deepEqual(run('bin/install', text), [
        ['test/no-evil-line', 3, 'malware in shell', 'reviewed'],
        ['test/no-evil-line', 5, 'malware in shell', null],
      ]);
    });

    it('honours an HTML-comment suppression in Markdown and reports a malformed one', () => {
      const text = '<!-- rampart-ignore-next-line test/no-evil-line -- quoted attack sample -->\nmalware\n<!-- rampart-ignore-next-line test/no-evil-line -->\nmalware\n';
      assert.deepEqual(run('AGENTS.md', text), [
        ['test/no-evil-line', 2, 'malware in markdown', 'quoted attack sample'],
        ['rampart/invalid-suppression', 3, 'missingReason', null],
        ['test/no-evil-line', 4, 'malware in markdown', null],
      ]);
    });
  });
});
