import assert from 'node:assert/strict';
import { applyEdits, parse } from 'jsonc-parser';
import { addAllowEdit, parseConfig, type ConfigResult } from '../../src/config';
import { rules } from './helpers';

const FILE = '/work/project/.rampart.jsonc';

function parsed(text: string): ConfigResult {
  return parseConfig(text, FILE, rules);
}

describe('.rampart.jsonc "packages"', () => {
  it('reads the allow-list and registries; defaults to none', () => {
    const empty = parsed('{}');
    assert.ok(empty.ok);
    assert.deepEqual(empty.config.packages, { allow: [], registries: {} });
    const result = parsed(`{
      // private packages
      "packages": {
        "allow": [
          { "name": "@acme/*", "reason": "our private registry" },
          { "name": "internal_utils", "reason": "vendored wheel", "ecosystem": "pypi" },
        ],
        "minAgeDays": 14,
        "registries": { "npm": "https://npm.acme.test/", "pypi": "https://pypi.acme.test/simple/", "scopes": { "@acme": "https://npm.acme.test/private/" } },
      },
    }`);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    assert.deepEqual(result.config.packages, {
      allow: [
        { name: '@acme/*', reason: 'our private registry' },
        { name: 'internal_utils', reason: 'vendored wheel', ecosystem: 'pypi' },
      ],
      minAgeDays: 14,
      registries: { npm: 'https://npm.acme.test/', pypi: 'https://pypi.acme.test/simple/', scopes: { '@acme': 'https://npm.acme.test/private/' } },
    });
  });

  it('rejects an entry without a reason, a bad name, a non-URL registry and unknown keys, with positions', () => {
    const result = parsed(`{
  "packages": {
    "allow": [{ "name": "left-pad" }, { "name": "has space", "reason": "x" }],
    "registries": { "npm": "ftp://mirror", "scopes": { "acme": "https://x.test/" } },
    "minAge": 3
  }
}`);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [
        '3:15 The allow-list entry 1 has no "reason". Say why the team trusts this package.',
        '3:49 The name of allow-list entry 2, "has space", is not a package name or "@scope/*".',
        '4:28 "packages.registries.npm" must be an http:// or https:// URL without credentials, not "ftp://mirror".',
        '4:56 Scope "acme" must be written like "@acme".',
        '5:5 Unknown key "minAge" in "packages".',
      ],
    );
  });
});

describe('addAllowEdit', () => {
  const apply = (text: string) => {
    const out = applyEdits(text, addAllowEdit(text, { name: 'acme-internal', reason: 'published to our registry only', ecosystem: 'npm' }));
    const result = parsed(out);
    assert.ok(result.ok, `${out}\n${JSON.stringify(!result.ok && result.problems)}`);
    return { out, allow: result.config.packages.allow };
  };

  it('creates packages.allow, keeping comments and other entries', () => {
    const { out, allow } = apply('{\n  // team config\n  "ignore": ["dist/**"]\n}\n');
    assert.match(out, /\/\/ team config/);
    assert.deepEqual(allow, [{ name: 'acme-internal', reason: 'published to our registry only', ecosystem: 'npm' }]);
  });

  it('appends to an existing list and writes into an empty file', () => {
    const { allow } = apply('{ "packages": { "allow": [{ "name": "x-tool", "reason": "ours" }] } }');
    assert.deepEqual(allow.map((a) => a.name), ['x-tool', 'acme-internal']);
    assert.deepEqual(parse(apply('').out), { packages: { allow: [{ name: 'acme-internal', reason: 'published to our registry only', ecosystem: 'npm' }] } });
  });

  it('refuses a blank reason, a broken file, and a "packages" that is not an object', () => {
    assert.throws(() => addAllowEdit('{}', { name: 'x', reason: ' ' }), /a reason is required/);
    assert.throws(() => addAllowEdit('{ "packages": ', { name: 'x', reason: 'r' }), /syntax errors/);
    assert.throws(() => addAllowEdit('{ "packages": [] }', { name: 'x', reason: 'r' }), /"packages" is not an object/);
    assert.throws(() => addAllowEdit('{ "packages": { "allow": {} } }', { name: 'x', reason: 'r' }), /"packages.allow" is not an array/);
  });
});
