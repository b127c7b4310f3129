import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, expiredSuppressionFindings, ignoredByConfig, loadConfig, presetSeverity, settingsFor, suppressionsFor, type ResolvedConfig } from '../../src/config';
import type { ConfigProblem } from '../../src/config';
import { builtinRules } from '../../src/rules';
import { rules } from './helpers';

/** `id: severity` of the enabled rules. */
function severities(settings: ReadonlyMap<string, { severity: string }>): Record<string, string> {
  return Object.fromEntries([...settings].map(([id, s]) => [id, s.severity]));
}

describe('configuration chains: extends files, nested folders, overrides', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-chain-')));
    // The repository: `extends` may read files anywhere inside it.
    fs.mkdirSync(path.join(dir, '.git'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(rel: string, content: string): string {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  }

  function load(rel: string): ResolvedConfig {
    const result = loadConfig({ rules, startPath: path.join(dir, rel) });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    return result.config;
  }

  function problems(rel: string): Array<[string, number, string]> {
    const result = loadConfig({ rules, startPath: path.join(dir, rel) });
    assert.ok(!result.ok, 'expected problems');
    return result.problems.map((p: ConfigProblem) => [path.relative(dir, p.file), p.line, p.message]);
  }

  describe('extends a file of the repository', () => {
    it('applies the extended file where it is named: later entries and the file’s own rules win', () => {
      write('config/base.jsonc', '{ "extends": "rampart:all", "rules": { "js/no-disabled-tls": "warning", "test/no-options-demo": "error" } }');
      write(CONFIG_FILE_NAME, '{ "extends": ["./config/base.jsonc"], "rules": { "test/no-options-demo": "info" } }');
      const config = load('.');
      assert.deepEqual(severities(config.settings), { 'js/no-disabled-tls': 'warning', 'rampart/invalid-suppression': 'warning', 'test/no-options-demo': 'info' });
      assert.deepEqual(config.sources, [path.join(dir, CONFIG_FILE_NAME), path.join(dir, 'config/base.jsonc')]);
    });

    it('reads patterns of an extended file relative to the folder of the file that extends it', () => {
      write('shared/base.json', '{ "ignore": ["generated/"], "suppressions": [{ "rule": "js/no-disabled-tls", "path": "test/**", "reason": "fake server" }] }');
      write(`app/${CONFIG_FILE_NAME}`, '{ "root": true, "extends": "../shared/base.json" }');
      const config = load('app');
      assert.deepEqual(config.ignore, ['generated/']);
      assert.equal(ignoredByConfig(config, path.join(dir, 'app/generated/x.js')), true);
      assert.equal(ignoredByConfig(config, path.join(dir, 'shared/generated/x.js')), false);
      assert.equal(suppressionsFor(config, path.join(dir, 'app/test/a.js'), new Date()).active.length, 1);
      assert.equal(suppressionsFor(config, path.join(dir, 'shared/test/a.js'), new Date()).active.length, 0);
    });

    it('a preset before an extended file and one after it apply in order', () => {
      write('off.jsonc', '{ "rules": { "js/no-disabled-tls": "off" } }');
      write(CONFIG_FILE_NAME, '{ "extends": ["./off.jsonc", "rampart:recommended"] }');
      assert.equal(load('.').settings.has('js/no-disabled-tls'), true, 'the preset after the file turns it on again');
      write(CONFIG_FILE_NAME, '{ "extends": ["rampart:recommended", "./off.jsonc"] }');
      assert.equal(load('.').settings.has('js/no-disabled-tls'), false);
    });

    it('refuses a file outside the repository, through ../ or through a link, and says where', () => {
      const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-outside-')));
      try {
        fs.writeFileSync(path.join(outside, 'evil.jsonc'), '{ "rules": { "js/no-disabled-tls": "off" } }');
        fs.symlinkSync(path.join(outside, 'evil.jsonc'), path.join(dir, 'linked.jsonc'));
        write(CONFIG_FILE_NAME, `{ "extends": ["./linked.jsonc", "../${path.basename(outside)}/evil.jsonc"] }`);
        assert.deepEqual(problems('.'), [
          [CONFIG_FILE_NAME, 1, `"./linked.jsonc" is outside the repository (${dir}); "extends" reads files inside it only.`],
          [CONFIG_FILE_NAME, 1, `"../${path.basename(outside)}/evil.jsonc" is outside the repository (${dir}); "extends" reads files inside it only.`],
        ]);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });

    it('without a git work tree, only files in the configuration’s own folder can be extended', () => {
      fs.rmSync(path.join(dir, '.git'), { recursive: true });
      write('base.jsonc', '{}');
      write(`pkg/${CONFIG_FILE_NAME}`, '{ "root": true, "extends": "../base.jsonc" }');
      assert.match(problems('pkg')[0][2], /is outside the repository/);
      write(`pkg/${CONFIG_FILE_NAME}`, '{ "root": true, "extends": "./local.jsonc" }');
      write('pkg/local.jsonc', '{ "rules": { "js/no-disabled-tls": "info" } }');
      assert.equal(load('pkg').settings.get('js/no-disabled-tls')?.severity, 'info');
    });

    it('reports a missing file, a cycle and a broken extended file in the file that has the problem', () => {
      write(CONFIG_FILE_NAME, '{\n  "extends": "./missing.jsonc"\n}');
      assert.deepEqual(problems('.'), [[CONFIG_FILE_NAME, 2, 'The file "./missing.jsonc" that "extends" names does not exist.']]);
      write(CONFIG_FILE_NAME, '{ "extends": "./a.jsonc" }');
      write('a.jsonc', '{ "extends": "./b.jsonc" }');
      write('b.jsonc', '{ "extends": "./a.jsonc" }');
      assert.deepEqual(problems('.'), [['b.jsonc', 1, '"./a.jsonc" extends this file again: the files form a cycle.']]);
      write('b.jsonc', '{ "rules": { "js/no-such-rule": "off" } }');
      assert.deepEqual(problems('.'), [['b.jsonc', 1, 'Unknown rule "js/no-such-rule".']]);
    });

    it('stops a chain of extends that is too deep', () => {
      for (let i = 0; i < 12; i++) write(`c${i}.jsonc`, `{ "extends": "./c${i + 1}.jsonc" }`);
      write('c12.jsonc', '{}');
      write(CONFIG_FILE_NAME, '{ "extends": "./c0.jsonc" }');
      assert.match(problems('.')[0][2], /more than 8 levels of "extends" deep/);
    });

    it('never names a package or a URL (the schema refuses them before anything is read)', () => {
      for (const entry of ['eslint-config-acme', 'https://example.test/rampart.jsonc', '/etc/rampart.jsonc', './base.yaml']) {
        write(CONFIG_FILE_NAME, JSON.stringify({ extends: entry }));
        assert.match(problems('.')[0][2], /must be a preset .* or a path to a \.json or \.jsonc file/, entry);
      }
    });
  });

  describe('nested configuration files', () => {
    it('the nearest file applies on top of those of the folders above', () => {
      write(CONFIG_FILE_NAME, '{ "rules": { "js/no-disabled-tls": "warning", "test/no-options-demo": "error" }, "ignore": ["dist/"] }');
      write(`packages/api/${CONFIG_FILE_NAME}`, '{ "rules": { "test/no-options-demo": "off" }, "ignore": ["tmp/"] }');
      const config = load('packages/api/src');
      assert.equal(config.file, path.join(dir, 'packages/api', CONFIG_FILE_NAME));
      assert.deepEqual(severities(config.settings), { 'js/no-disabled-tls': 'warning', 'rampart/invalid-suppression': 'warning' });
      assert.deepEqual(config.ignore, ['tmp/'], 'the nearest file’s own patterns');
      assert.equal(ignoredByConfig(config, path.join(dir, 'packages/api/tmp/x.js')), true);
      assert.equal(ignoredByConfig(config, path.join(dir, 'packages/api/dist/x.js')), true, 'the outer file’s patterns count too');
      assert.equal(ignoredByConfig(config, path.join(dir, 'packages/api/src/x.js')), false);
    });

    it('"root": true stops the walk', () => {
      write(CONFIG_FILE_NAME, '{ "rules": { "js/no-disabled-tls": "off" } }');
      write(`packages/api/${CONFIG_FILE_NAME}`, '{ "root": true }');
      assert.equal(load('packages/api').settings.get('js/no-disabled-tls')?.severity, 'error');
      write(`packages/api/${CONFIG_FILE_NAME}`, '{}');
      assert.equal(load('packages/api').settings.has('js/no-disabled-tls'), false);
    });

    it('a problem in the configuration of a folder above is reported there', () => {
      write(CONFIG_FILE_NAME, '{ "rulez": {} }');
      write(`packages/api/${CONFIG_FILE_NAME}`, '{}');
      assert.deepEqual(problems('packages/api').map(([file]) => file), [CONFIG_FILE_NAME]);
    });

    it('suppressions of each file are relative to its own folder', () => {
      write(CONFIG_FILE_NAME, '{ "suppressions": [{ "rule": "js/no-disabled-tls", "path": "packages/api/legacy.js", "reason": "r1" }] }');
      write(`packages/api/${CONFIG_FILE_NAME}`, '{ "suppressions": [{ "rule": "js/no-disabled-tls", "path": "old.js", "reason": "r2" }] }');
      const config = load('packages/api');
      assert.deepEqual(suppressionsFor(config, path.join(dir, 'packages/api/legacy.js'), new Date()).active.map((s) => s.reason), ['r1']);
      assert.deepEqual(suppressionsFor(config, path.join(dir, 'packages/api/old.js'), new Date()).active.map((s) => s.reason), ['r2']);
    });

    it('packages: allow-lists add up, the nearest minimum age wins', () => {
      write(CONFIG_FILE_NAME, '{ "packages": { "allow": [{ "name": "@acme/*", "reason": "ours" }], "minAgeDays": 30 } }');
      write(`web/${CONFIG_FILE_NAME}`, '{ "packages": { "allow": [{ "name": "left-pad", "reason": "vendored" }], "minAgeDays": 7 } }');
      const config = load('web');
      assert.deepEqual(config.packages.allow.map((a) => a.name), ['@acme/*', 'left-pad']);
      assert.equal(config.packages.minAgeDays, 7);
    });
  });

  describe('overrides', () => {
    const file = (rel: string) => path.join(dir, rel);

    it('apply to matching files in order, on top of the rules', () => {
      write(
        CONFIG_FILE_NAME,
        JSON.stringify({
          rules: { 'js/no-disabled-tls': 'warning' },
          overrides: [
            { files: ['test/**', '**/*.spec.js'], rules: { 'js/no-disabled-tls': 'off', 'test/no-options-demo': 'info' } },
            { files: 'infra/**', rules: { 'js/no-disabled-tls': 'error' } },
            { files: 'test/e2e/', rules: { 'js/no-disabled-tls': { options: {} } } },
          ],
        }),
      );
      const config = load('.');
      const at = (rel: string) => severities(settingsFor(config, file(rel), rules));
      assert.deepEqual(at('src/a.js'), { 'js/no-disabled-tls': 'warning', 'rampart/invalid-suppression': 'warning' });
      assert.deepEqual(at('test/a.js'), { 'rampart/invalid-suppression': 'warning', 'test/no-options-demo': 'info' });
      assert.deepEqual(at('src/a.spec.js'), at('test/a.js'));
      assert.deepEqual(at('infra/deploy.js'), { 'js/no-disabled-tls': 'error', 'rampart/invalid-suppression': 'warning' });
      // Turned off by the first override, on again by the third: with no severity given, the rule's default.
      assert.equal(at('test/e2e/a.js')['js/no-disabled-tls'], 'error');
      assert.equal(settingsFor(config, file('src/a.js'), rules), config.settings, 'no override: the same map');
      assert.equal(settingsFor(config, file('test/a.js'), rules), settingsFor(config, file('test/b.js'), rules), 'cached by the overrides that match');
    });

    it('patterns are relative to the folder of the file that declares them', () => {
      write(CONFIG_FILE_NAME, '{ "overrides": [{ "files": "test/**", "rules": { "js/no-disabled-tls": "off" } }] }');
      write(`pkg/${CONFIG_FILE_NAME}`, '{}');
      const config = load('pkg');
      assert.equal(settingsFor(config, file('test/a.js'), rules).has('js/no-disabled-tls'), false);
      assert.equal(settingsFor(config, file('pkg/test/a.js'), rules).has('js/no-disabled-tls'), true);
    });

    it('are validated like rules, with the override named', () => {
      write(CONFIG_FILE_NAME, '{ "overrides": [{ "files": [], "rules": { "js/no-disabled-tsl": "off" }, "severity": "info" }] }');
      assert.deepEqual(
        problems('.').map(([, , m]) => m),
        [
          'The "files" of override 1 must not be empty.',
          'Unknown rule "js/no-disabled-tsl" in override 1. Did you mean "js/no-disabled-tls"?',
          'Unknown key "severity" in override 1. Allowed keys: "files", "rules".',
        ],
      );
    });
  });

  describe('precedence, lowest first: defaults < presets < extended files < rules < nearer files < overrides', () => {
    // Each row: the files written, where the file is, and the severity js/no-disabled-tls ends with.
    const rows: Array<[string, Record<string, string>, string, string | undefined]> = [
      ['built-in default (recommended preset)', { [CONFIG_FILE_NAME]: '{}' }, 'a.js', 'error'],
      ['a preset leaves a rule out', { [CONFIG_FILE_NAME]: '{ "extends": "rampart:ai-agents" }' }, 'a.js', undefined],
      ['an extended file beats the preset before it', { 'b.jsonc': '{ "rules": { "js/no-disabled-tls": "info" } }', [CONFIG_FILE_NAME]: '{ "extends": ["rampart:all", "./b.jsonc"] }' }, 'a.js', 'info'],
      ['the file’s rules beat what it extends', { 'b.jsonc': '{ "rules": { "js/no-disabled-tls": "info" } }', [CONFIG_FILE_NAME]: '{ "extends": "./b.jsonc", "rules": { "js/no-disabled-tls": "warning" } }' }, 'a.js', 'warning'],
      ['a nearer file beats the one above', { [CONFIG_FILE_NAME]: '{ "rules": { "js/no-disabled-tls": "warning" } }', [`sub/${CONFIG_FILE_NAME}`]: '{ "rules": { "js/no-disabled-tls": "info" } }' }, 'sub/a.js', 'info'],
      ['an override beats every file’s rules', { [CONFIG_FILE_NAME]: '{ "overrides": [{ "files": "sub/**", "rules": { "js/no-disabled-tls": "error" } }] }', [`sub/${CONFIG_FILE_NAME}`]: '{ "rules": { "js/no-disabled-tls": "info" } }' }, 'sub/a.js', 'error'],
      ['a nearer file’s override beats one above', { [CONFIG_FILE_NAME]: '{ "overrides": [{ "files": "**", "rules": { "js/no-disabled-tls": "off" } }] }', [`sub/${CONFIG_FILE_NAME}`]: '{ "overrides": [{ "files": "*.js", "rules": { "js/no-disabled-tls": "warning" } }] }' }, 'sub/a.js', 'warning'],
    ];
    for (const [name, files, target, expected] of rows) {
      it(name, () => {
        for (const [rel, text] of Object.entries(files)) write(rel, text);
        const config = load(path.dirname(target));
        assert.equal(settingsFor(config, path.join(dir, target), builtinRules).get('js/no-disabled-tls')?.severity, expected);
      });
    }
  });

  describe('presets generated from metadata', () => {
    it('strict: every rule but low-confidence ones; high-confidence warnings become errors', () => {
      for (const rule of builtinRules) {
        const expected = rule.meta.confidence === 'low' ? null : rule.meta.confidence === 'high' && rule.meta.severity === 'warning' ? 'error' : rule.meta.severity;
        assert.equal(presetSeverity(rule, 'rampart:strict'), expected, rule.id);
      }
      assert.ok(builtinRules.some((r) => !r.meta.recommended && presetSeverity(r, 'rampart:strict')), 'strict includes rules outside recommended');
    });

    it('ai-agents: agent configuration, model output, the AI supply chain and suppression hygiene only', () => {
      const ids = builtinRules.filter((r) => presetSeverity(r, 'rampart:ai-agents')).map((r) => r.id);
      for (const id of ['agent/no-mcp-shell-command', 'python/no-unvalidated-agent-tool', 'js/no-user-input-in-system-prompt', 'packages/no-nonexistent-package', 'python/no-unsafe-model-load', 'rampart/expired-suppression']) {
        assert.ok(ids.includes(id), id);
      }
      for (const id of ['terraform/no-open-security-group', 'js/no-weak-hash', 'kubernetes/no-privileged-container', 'dockerfile/no-sudo']) assert.ok(!ids.includes(id), id);
    });
  });

  describe('expired suppressions', () => {
    it('are findings of the file they are written in, with the owner, only when the rule is on', () => {
      write('base.jsonc', '{\n  "suppressions": [\n    { "rule": "js/no-disabled-tls", "path": "a.js", "reason": "r", "expires": "2020-01-01", "owner": "@acme/sec" }\n  ]\n}');
      write(CONFIG_FILE_NAME, '{ "extends": ["rampart:recommended", "./base.jsonc"], "suppressions": [{ "rule": "js/no-disabled-tls", "path": "b.js", "reason": "r", "expires": "2999-01-01" }] }');
      const config = loadConfig({ rules: builtinRules, startPath: dir });
      assert.ok(config.ok);
      const findings = expiredSuppressionFindings(config.config, builtinRules, new Date('2026-12-07T00:00:00Z'));
      assert.deepEqual(
        findings.map((f) => [path.relative(dir, f.file), f.start.line, f.end.line, f.severity]),
        [['base.jsonc', 3, 3, 'warning']],
      );
      assert.match(findings[0].message, /expired on 2020-01-01 \(owner: @acme\/sec\)/);
      write(CONFIG_FILE_NAME, '{ "extends": ["rampart:recommended", "./base.jsonc"], "rules": { "rampart/expired-suppression": "off" } }');
      const off = loadConfig({ rules: builtinRules, startPath: dir });
      assert.ok(off.ok);
      assert.deepEqual(expiredSuppressionFindings(off.config, builtinRules, new Date('2026-12-07T00:00:00Z')), []);
      assert.deepEqual(expiredSuppressionFindings(off.config, builtinRules, new Date('2019-12-31T23:59:59Z'), new Map([['rampart/expired-suppression', { severity: 'info', options: {} }]])), [], 'not expired yet');
    });
  });
});
