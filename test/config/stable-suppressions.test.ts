import assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { addSuppressionEdit, parseConfig, suppressionsFor, type ResolvedConfig } from '../../src/config';
import { findingFingerprint, fingerprintLines, formatJsonPath, jsonPathAt, jsonPathLines, jsonTree, normalizeLine, parseJsonPath } from '../../src/config/stable-key';
import { LineIndex } from '../../src/engine/line-index';
import { rules } from './helpers';

const ROOT = path.resolve('/work/project');
const CONFIG = path.join(ROOT, '.rampart.jsonc');
const MCP = path.join(ROOT, '.vscode', 'mcp.json');
const RULE = 'js/no-disabled-tls';
const TODAY = new Date('2026-01-15T12:00:00Z');

function config(entries: object[]): ResolvedConfig {
  const result = parseConfig(JSON.stringify({ suppressions: entries }, null, 2), CONFIG, rules);
  assert.ok(result.ok, `expected a valid config, got ${JSON.stringify(!result.ok && result.problems)}`);
  return result.config;
}

function problems(entries: object[]): string[] {
  const result = parseConfig(JSON.stringify({ suppressions: entries }, null, 2), CONFIG, rules);
  return result.ok ? [] : result.problems.map((p) => p.message);
}

const MCP_TEXT = `{
  "mcpServers": {
    "fs": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]
    }
  }
}`;

/** The same file with three lines inserted above the finding. */
const MOVED = `{
  "mcpServers": {
    "git": {
      "command": "uvx"
    },
    "fs": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]
    }
  }
}`;

describe('stable suppression keys (JSON path, fingerprint)', () => {
  describe('JSON paths', () => {
    it('formats and parses identifiers, indices and quoted keys', () => {
      for (const segments of [[], ['mcpServers', 'fs', 'args', 1], ['dependencies', '@scope/name'], ['a b', 'x"y\\z', 0, 12], ['$ok', '_x1']]) {
        const text = formatJsonPath(segments);
        assert.deepEqual(parseJsonPath(text), segments, text);
      }
      assert.equal(formatJsonPath(['mcpServers', 'fs', 'args', 1]), '$.mcpServers.fs.args[1]');
      assert.equal(formatJsonPath(['dependencies', '@scope/name']), '$.dependencies["@scope/name"]');
    });

    it('refuses what is not a path', () => {
      for (const bad of ['', 'a.b', '$.', '$..a', '$[x]', '$[01]', '$["a"', '$["a"x', '$.a b', '$[-1]']) assert.equal(parseJsonPath(bad), null, bad);
    });

    it('names the innermost value at an offset; a key names its value', () => {
      const offset = MCP_TEXT.indexOf('"/"');
      assert.equal(jsonPathAt(MCP_TEXT, offset), '$.mcpServers.fs.args[2]');
      assert.equal(jsonPathAt(MCP_TEXT, MCP_TEXT.indexOf('"command"')), '$.mcpServers.fs.command');
      assert.equal(jsonPathAt('not json at all', 3), null);
    });

    it('finds the lines of the node and of its key', () => {
      const text = '{\n  "a":\n    [1, 2]\n}';
      assert.deepEqual(jsonPathLines(jsonTree(text), new LineIndex(text), '$.a').sort(), [2, 3]);
      assert.deepEqual(jsonPathLines(jsonTree(text), new LineIndex(text), '$.a[1]'), [3]);
      assert.deepEqual(jsonPathLines(jsonTree(text), new LineIndex(text), '$.b'), []);
      assert.deepEqual(jsonPathLines(undefined, new LineIndex(''), '$.a'), []);
    });
  });

  describe('fingerprints', () => {
    it('ignore indentation, inner spacing and a trailing comma, not the rule or the text', () => {
      assert.equal(normalizeLine('    "x":   [1,  2],  '), '"x": [1, 2]');
      const fp = findingFingerprint(RULE, '  "url": "http://x",');
      assert.match(fp, /^[0-9a-f]{16}$/);
      assert.equal(findingFingerprint(RULE, '\t"url":  "http://x"'), fp);
      assert.notEqual(findingFingerprint('js/other', '  "url": "http://x",'), fp);
      assert.notEqual(findingFingerprint(RULE, '  "url": "http://y",'), fp);
      assert.deepEqual(fingerprintLines('{\n "a": 1,\n "url": "http://x"\n}', RULE, fp), [3]);
    });
  });

  describe('suppressionsFor with the file text', () => {
    const pathEntry = { rule: RULE, path: '.vscode/mcp.json', jsonPath: '$.mcpServers.fs.args[2]', line: 5, reason: 'sandboxed container' };

    it('applies a JSON-path entry on the lines where the node is now, whatever the line hint says', () => {
      const c = config([pathEntry]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MCP_TEXT).active, [{ ruleId: RULE, reason: 'sandboxed container', line: 5 }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MOVED).active, [{ ruleId: RULE, reason: 'sandboxed container', line: 8 }]);
    });

    it('applies nowhere when the node is gone, and never to the whole file', () => {
      const c = config([pathEntry, { ...pathEntry, line: undefined }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, '{ "mcpServers": {} }').active, []);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, 'garbage').active, []);
    });

    it('falls back to the line hint without the text; without a hint such an entry applies nowhere', () => {
      assert.deepEqual(suppressionsFor(config([pathEntry]), MCP, TODAY).active, [{ ruleId: RULE, reason: 'sandboxed container', line: 5 }]);
      const { line: _line, ...noHint } = pathEntry;
      assert.deepEqual(suppressionsFor(config([noHint]), MCP, TODAY).active, []);
    });

    it('applies a fingerprint entry on every line with that text, after lines move', () => {
      const line = '      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]';
      const c = config([{ rule: RULE, path: '.vscode/mcp.json', fingerprint: findingFingerprint(RULE, line), line: 5, reason: 'r' }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MCP_TEXT).active, [{ ruleId: RULE, reason: 'r', line: 5 }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MOVED).active, [{ ruleId: RULE, reason: 'r', line: 8 }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MOVED.replace('"/"', '"/srv"')).active, []);
    });

    it('leaves entries without a key as they were: by line, or the whole file', () => {
      const c = config([{ rule: RULE, path: '.vscode/mcp.json', line: 5, reason: 'r' }, { rule: RULE, path: '**/*.json', reason: 'all' }]);
      assert.deepEqual(suppressionsFor(c, MCP, TODAY, MOVED).active, [{ ruleId: RULE, reason: 'r', line: 5 }, { ruleId: RULE, reason: 'all' }]);
    });

    it('keeps expiry and path matching for keyed entries', () => {
      const c = config([{ ...pathEntry, expires: '2026-01-14' }, { ...pathEntry, path: 'other.json' }]);
      const { active, expired } = suppressionsFor(c, MCP, TODAY, MCP_TEXT);
      assert.deepEqual(active, []);
      assert.equal(expired.length, 1);
    });
  });

  describe('validation and writing', () => {
    it('accepts jsonPath and fingerprint and resolves them', () => {
      const c = config([{ rule: RULE, path: 'a.json', jsonPath: '$.a["b-c"][0]', fingerprint: '0123456789abcdef', reason: 'r' }]);
      assert.equal(c.suppressions[0].jsonPath, '$.a["b-c"][0]');
      assert.equal(c.suppressions[0].fingerprint, '0123456789abcdef');
    });

    it('explains a malformed JSON path or fingerprint', () => {
      assert.match(problems([{ rule: RULE, path: 'a.json', jsonPath: '$.a..b', reason: 'r' }]).join('\n'), /JSON path of suppression 1, "\$\.a\.\.b", is not a path/);
      assert.match(problems([{ rule: RULE, path: 'a.json', jsonPath: 'a.b', reason: 'r' }]).join('\n'), /JSON path/);
      assert.match(problems([{ rule: RULE, path: 'a.json', fingerprint: 'XYZ', reason: 'r' }]).join('\n'), /fingerprint/);
    });

    it('addSuppressionEdit writes the key before the line hint and the reason', () => {
      const text = '{\n  "suppressions": []\n}\n';
      const out = applyEdits(text, addSuppressionEdit(text, { rule: RULE, path: '.vscode/mcp.json', jsonPath: '$.mcpServers.fs.args[2]', line: 5, reason: ' ok ' }));
      const written = parseConfig(out, CONFIG, rules);
      assert.ok(written.ok);
      assert.deepEqual(Object.keys(JSON.parse(out).suppressions[0]), ['rule', 'path', 'jsonPath', 'line', 'reason']);
      assert.deepEqual(suppressionsFor(written.config, MCP, TODAY, MOVED).active, [{ ruleId: RULE, reason: 'ok', line: 8 }]);
    });
  });
});
