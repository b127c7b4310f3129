import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The README is also the extension's page in VS Code, whose Markdown renderer shows a backslash inside a
 * code span as it is: `\`` and `\|` there come out garbled. A backtick inside code needs a longer
 * delimiter (``a `b` c``), and a pipe inside code in a table needs rewording.
 */
describe('README.md renders in VS Code', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('has no backslash-escaped backtick or pipe inside a code span', () => {
    const bad: string[] = [];
    let inFence = false;
    readme.split('\n').forEach((line, i) => {
      if (/^\s*```/.test(line)) inFence = !inFence;
      if (inFence) return;
      // Code spans: a run of backticks up to the next run of the same length.
      for (const m of line.matchAll(/(`+)([^`]|`(?!\1))*?\1/g)) {
        if (/\\[`|]/.test(m[0])) bad.push(`${i + 1}: ${m[0]}`);
      }
      if (/\\`/.test(line.replace(/``[^`].*?[^`]``/g, ''))) bad.push(`${i + 1}: ${line.trim()}`);
    });
    assert.deepEqual(bad, []);
  });
});
