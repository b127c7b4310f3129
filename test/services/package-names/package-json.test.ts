import assert from 'node:assert/strict';
import { extractPackageJson, isRegistrySpec } from '../../../src/services/package-names';
import { compact, nth } from './helpers';

describe('package-names: package.json', () => {
  it('reads every dependency field with exact name ranges', () => {
    const text = `{
  "name": "app",
  "dependencies": { "express": "^4.19.0", "@types/node": "20" },
  "devDependencies": { "mocha": "*" },
  "peerDependencies": { "react": ">=18" },
  "optionalDependencies": { "fsevents": "2.x" },
  "bundleDependencies": ["express"],
  "scripts": { "express": "not a dependency" }
}`;
    const refs = extractPackageJson(text);
    assert.deepEqual(compact(text, refs), [
      ['express', '^4.19.0', true],
      ['@types/node', '20', true],
      ['mocha', '*', true],
      ['react', '>=18', true],
      ['fsevents', '2.x', true],
      ['express', undefined, true],
    ]);
    assert.deepEqual(refs.map((r) => r.field), ['dependencies', 'dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']);
    assert.deepEqual(refs[0].range, [nth(text, 'express'), nth(text, 'express') + 7]);
    assert.ok(refs.every((r) => r.ecosystem === 'npm' && r.source === 'manifest'));
  });

  it('marks workspace, file, link, git, GitHub, URL and path specs as not from the registry', () => {
    const specs = ['workspace:*', 'file:../x', 'link:../y', 'git+https://g.com/a/b.git', 'git://g.com/a.git', 'github:a/b', 'https://x.test/a.tgz', 'user/repo', './local', '../up', 'portal:../p'];
    const deps = specs.map((s, i) => `"p${i}": "${s}"`).join(', ');
    const text = `{ "dependencies": { ${deps}, "ok": "latest" } }`;
    const refs = extractPackageJson(text);
    assert.equal(refs.length, specs.length + 1);
    assert.deepEqual(refs.map((r) => r.registry), [...specs.map(() => false), true]);
    assert.deepEqual(refs.map((r) => r.spec), [...specs, 'latest']);
  });

  it('points npm: aliases at the real name inside the spec', () => {
    const text = `{"dependencies": {"my-lodash": "npm:lodash@^4.17.21", "s": "npm:@scope/pkg@1", "bare": "npm:left-pad"}}`;
    const refs = extractPackageJson(text);
    assert.deepEqual(compact(text, refs), [['lodash', '^4.17.21', true], ['@scope/pkg', '1', true], ['left-pad', undefined, true]]);
    assert.deepEqual(refs.map((r) => r.alias), ['my-lodash', 's', 'bare']);
    assert.equal(refs[0].range[0], nth(text, 'lodash@'));
  });

  it('reads overrides keys, nested, with name@range keys and $references', () => {
    const text = `{"overrides": {"foo@1.x": {"bar": "2.0.0", ".": "1.2.0"}, "baz": "$baz"}}`;
    const refs = extractPackageJson(text);
    assert.deepEqual(compact(text, refs), [['foo', '1.x', true], ['bar', '2.0.0', true], ['baz', undefined, true]]);
    assert.ok(refs.every((r) => r.field === 'overrides'));
  });

  it('accepts comments and trailing commas and reads what it can from truncated JSON', () => {
    const text = `{ // app\n "dependencies": { "a": "1", "b": "2", }, "devDependencies": { "c": "^3`;
    assert.deepEqual(compact(text, extractPackageJson(text)), [['a', '1', true], ['b', '2', true], ['c', '^3', true]]);
    const noValue = `{"dependencies": {"a": "1", "b":`;
    assert.deepEqual(compact(noValue, extractPackageJson(noValue)), [['a', '1', true], ['b', undefined, true]]);
  });

  it('skips invalid names, escaped keys, non-object fields and non-object roots', () => {
    assert.deepEqual(extractPackageJson(`{"dependencies": {"": "1", "has space": "1", "\\u0061bc": "1", "ok": 1}}`).map((r) => r.name), ['ok']);
    assert.deepEqual(extractPackageJson(`{"dependencies": ["a"], "devDependencies": "b", "bundleDependencies": true}`), []);
    for (const text of ['', '[]', 'null', '"dependencies"', '{', '}}}}', '{"dependencies": {']) assert.deepEqual(extractPackageJson(text), [], text);
  });

  it('classifies registry specs', () => {
    for (const spec of ['^1.2.3', '~1', '1.x', '>=1 <2 || 3', 'latest', 'next', '*', '']) assert.equal(isRegistrySpec(spec), true, spec);
    for (const spec of ['workspace:^', 'file:a', 'github:a/b', 'a/b#main', 'http://x/y', 'x.tgz']) assert.equal(isRegistrySpec(spec), false, spec);
  });
});
