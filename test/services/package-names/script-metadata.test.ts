import assert from 'node:assert/strict';
import { extractScriptMetadata } from '../../../src/services/package-names';
import { compact, nth } from './helpers';

const SCRIPT = `#!/usr/bin/env -S uv run --script
# /// script
# requires-python = ">=3.11"
# dependencies = [
#   "requests<3",
#   "rich[jupyter]>=13",
#   "weather @ git+https://github.com/acme/weather.git",
#   "local-tools",
# ]
#
# [tool.uv.sources]
# local-tools = { path = "../tools" }
# ///
import requests
dependencies = ["not-metadata"]
`;

describe('package-names: script inline metadata (PEP 723)', () => {
  it('reads the dependencies of the script block with offsets in the script; direct references and uv path sources are not registry names', () => {
    const refs = extractScriptMetadata(SCRIPT);
    assert.deepEqual(compact(SCRIPT, refs), [
      ['requests', '<3', true],
      ['rich', '>=13', true],
      ['weather', undefined, false],
      ['local-tools', undefined, false],
    ]);
    assert.equal(refs[0].range[0], nth(SCRIPT, 'requests'));
    assert.deepEqual([...new Set(refs.map((r) => r.field))], ['script dependencies']);
    assert.ok(refs.every((r) => r.source === 'manifest'));
  });

  it('accepts CRLF line ends, an inline array and a bare `#` line', () => {
    const text = '# /// script\r\n#\r\n# dependencies = ["httpx>=0.28", \'numpy\']\r\n# ///\r\nimport httpx\r\n';
    assert.deepEqual(compact(text, extractScriptMetadata(text)), [['httpx', '>=0.28', true], ['numpy', undefined, true]]);
  });

  it('ends the block at the last `# ///` before a line that is not block content, as the PEP says', () => {
    const ended = '# /// script\n# dependencies = ["a-pkg"]\n# ///\n#comment without a space\n# ///\nprint(1)\n';
    assert.deepEqual(compact(ended, extractScriptMetadata(ended)).map(([n]) => n), ['a-pkg']);
    // The first `# ///` is then content, which is not TOML: uv rejects the block, and it declares nothing.
    const runOn = '# /// script\n# dependencies = ["a-pkg"]\n# ///\n# dependencies = ["b-pkg"]\n# ///\nprint(1)\n';
    assert.deepEqual(extractScriptMetadata(runOn), []);
  });

  it('ignores other block types, unclosed blocks, indented markers and code', () => {
    for (const text of [
      '',
      'import requests\n',
      '# /// pyproject\n# dependencies = ["x"]\n# ///\n',
      '# /// script\n# dependencies = ["x"]\n',
      '# /// script\n# dependencies = ["x"]\nimport x\n# ///\n',
      '  # /// script\n  # dependencies = ["x"]\n  # ///\n',
      '# /// script\n# dependencies = "x"\n# ///\n',
      '# /// script\n# dependencies = [\n# ///\n',
      'dependencies = ["x"]\n',
    ]) {
      assert.deepEqual(extractScriptMetadata(text), [], JSON.stringify(text));
    }
  });
});
