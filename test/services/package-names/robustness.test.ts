import assert from 'node:assert/strict';
import { extractInstallCommands, extractPackageJson, extractPipfile, extractPyproject, extractRequirements, extractScriptMetadata } from '../../../src/services/package-names';
import { garbage } from './helpers';

const EXTRACTORS: Array<[string, (text: string) => unknown]> = [
  ['package.json', extractPackageJson],
  ['requirements', extractRequirements],
  ['pyproject', extractPyproject],
  ['Pipfile', extractPipfile],
  ['commands', extractInstallCommands],
  ['script metadata', extractScriptMetadata],
];

/** Inputs shaped to trigger deep recursion or quadratic scans. */
const HOSTILE: Array<[string, string]> = [
  ['1 MB of garbage', garbage()],
  ['deep JSON arrays', '['.repeat(1_000_000)],
  ['deep JSON objects', '{"dependencies":'.repeat(60_000)],
  ['many operators on one line', ';'.repeat(1_000_000)],
  ['many commands on one line', 'npm i x;'.repeat(130_000)],
  ['a huge Pipfile table', '[packages]\n' + Array.from({ length: 60_000 }, (_, i) => `p${i} = "*"`).join('\n')],
  ['many dependency groups', '[dependency-groups]\n' + Array.from({ length: 20_000 }, (_, i) => `g${i} = ["x${i}"]`).join('\n')],
  ['a script block of 200,000 lines', `# /// script\n# dependencies = [\n${'#   "x",\n'.repeat(200_000)}# ]\n# ///\n`],
  ['a script block that never closes', `# /// script\n${'# \n'.repeat(300_000)}`],
  ['one long name', 'a'.repeat(1_000_000)],
  ['unbalanced quotes', '"'.repeat(1_000_000)],
  ['lone surrogates and NULs', '\uD800\u0000\uDFFF'.repeat(300_000)],
];

describe('package-names: malformed and hostile input', function () {
  this.timeout(60_000);
  for (const [label, text] of HOSTILE) {
    for (const [name, extract] of EXTRACTORS) {
      it(`${name}: ${label} gives a result without throwing, in bounded time`, () => {
        const started = Date.now();
        const result = extract(text);
        assert.ok(Array.isArray(result) || (typeof result === 'object' && result !== null));
        assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
      });
    }
  }

  it('still finds real names inside a large file', () => {
    const text = 'x\n'.repeat(200_000) + 'npm install real-one\n';
    const [ref] = extractInstallCommands(text);
    assert.equal(ref.name, 'real-one');
    assert.equal(text.slice(ref.range[0], ref.range[1]), 'real-one');
  });
});
