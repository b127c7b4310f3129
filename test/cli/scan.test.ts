import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { version } from '../../package.json';
import { findConfigFile } from '../../src/config';
import { CLEAN, makeTree, ONLY_TLS, removeTree, runCli, scannedFiles, TLS_FIXED, TLS_OFF } from './helpers';

describe('rampart scan (in-process)', () => {
  const trees: string[] = [];
  const tree = (files: Record<string, string | Buffer>) => {
    const dir = makeTree(files);
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));

  describe('exit codes', () => {
    it('0 for a clean tree', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'src/index.js': CLEAN });
      const { code, stdout, stderr } = await runCli(['scan'], { cwd: dir });
      assert.equal(code, 0);
      assert.match(stdout, /No problems found \(1 file scanned\)/);
      assert.equal(stderr, '');
    });

    it('1 for an unsuppressed error, reported with the path relative to cwd', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'src/index.js': CLEAN, 'src/client.js': TLS_OFF });
      const { code, stdout } = await runCli(['scan'], { cwd: dir });
      assert.equal(code, 1);
      assert.match(stdout, /^src\/client\.js$/m);
      assert.match(stdout, /1:50\s+error\s+`rejectUnauthorized: false`.*js\/no-disabled-tls/);
    });

    it('0 when the only finding is suppressed with a reason', async () => {
      const dir = tree({
        '.rampart.jsonc': ONLY_TLS,
        'src/client.js': `// rampart-ignore-next-line js/no-disabled-tls -- local test server only\n${TLS_OFF}`,
      });
      const { code, stdout } = await runCli(['scan'], { cwd: dir });
      assert.equal(code, 0);
      assert.match(stdout, /1 finding suppressed/);
    });

    it('uses the recommended preset when there is no configuration', async function () {
      const dir = tree({ 'app.js': TLS_OFF });
      if (findConfigFile(dir) !== null) this.skip(); // a stray configuration above the temp folder
      const { code, stdout } = await runCli(['scan'], { cwd: dir });
      assert.equal(code, 1);
      assert.match(stdout, /js\/no-disabled-tls/);
    });

    it('2 for a broken configuration: each problem as file:line:column, nothing on stdout', async () => {
      const dir = tree({
        '.rampart.jsonc': '{\n  "rules": { "js/no-disabled-tls": "warn" },\n  "ignor": []\n}\n',
        'src/client.js': TLS_OFF,
      });
      const { code, stdout, stderr } = await runCli(['scan', 'src'], { cwd: dir });
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(
        stderr,
        '.rampart.jsonc:2:36: The setting of rule js/no-disabled-tls must be "off", "info", "warning" or "error", not "warn".\n' +
          '.rampart.jsonc:3:3: Unknown key "ignor". Did you mean "ignore"? Allowed keys: "$schema", "root", "extends", "rules", "overrides", "ignore", "suppressions", "packages".\n',
      );
    });

    it('2 for a JSONC syntax error, a folder as --config and a missing --config', async () => {
      const dir = tree({ '.rampart.jsonc': '{ "rules": {', 'conf.d/x': '', 'a.js': CLEAN });
      const syntax = await runCli(['scan'], { cwd: dir });
      assert.deepEqual([syntax.code, syntax.stderr], [2, '.rampart.jsonc:1:13: Syntax error: close brace expected.\n']);
      const folder = await runCli(['scan', '--config', 'conf.d'], { cwd: dir });
      assert.deepEqual([folder.code, folder.stderr], [2, 'conf.d:1:1: Cannot read the configuration: this is a folder, not a file.\n']);
      const missing = await runCli(['scan', '--config', 'nope.jsonc'], { cwd: dir });
      assert.deepEqual([missing.code, missing.stderr], [2, 'nope.jsonc:1:1: Cannot read the configuration: no such file.\n']);
    });

    it('2 for usage errors, with a one-line error and a hint', async () => {
      const dir = tree({ 'a.js': CLEAN });
      const cases: Array<[string[], string]> = [
        [['scan', '--formt', 'json'], 'unknown option --formt'],
        [['scan', '--format', 'xml'], '--format must be one of text, json, sarif, html, markdown, not "xml"'],
        [['scan', '--fail-on', 'critical'], '--fail-on must be one of error, warning, info, not "critical"'],
        [['scan', '--max-warnings', 'ten'], '--max-warnings must be a whole number, not "ten"'],
        [['scan', '--max-file-size', '0'], '--max-file-size must be a whole number of at least 1, not "0"'],
        [['scan', '--output'], '--output needs a value'],
        [['scan', '--fix=yes'], '--fix does not take a value'],
        [['lint'], 'unknown command "lint"; the only command is "scan"'],
        [[], 'missing command; did you mean `rampart scan`?'],
        [['scan', 'no/such/dir'], 'no such file or folder: no/such/dir'],
      ];
      for (const [argv, message] of cases) {
        const { code, stdout, stderr } = await runCli(argv, { cwd: dir });
        assert.equal(code, 2, argv.join(' '));
        assert.equal(stdout, '');
        const [first] = stderr.split('\n');
        assert.equal(first, `rampart: ${message}`, argv.join(' '));
      }
      const { stderr } = await runCli(['scan', '--bogus'], { cwd: dir });
      assert.equal(stderr, 'rampart: unknown option --bogus\nRun "rampart --help" for usage.\n');
    });

    it('--help and --version exit 0', async () => {
      const dir = tree({});
      const help = await runCli(['--help'], { cwd: dir });
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: rampart scan \[options\] \[paths\.\.\.\]/);
      for (const option of ['--format', '--output', '--fix', '--offline', '--config', '--max-warnings', '--fail-on', '--max-file-size']) {
        assert.ok(help.stdout.includes(option), option);
      }
      assert.equal((await runCli(['scan', '-h'], { cwd: dir })).stdout, help.stdout);
      assert.deepEqual(await runCli(['--version'], { cwd: dir }), { code: 0, stdout: `${version}\n`, stderr: '' });
    });
  });

  describe('severity thresholds', () => {
    const asWarning = '{ "extends": [], "rules": { "js/no-disabled-tls": "warning" } }';

    it('--fail-on decides which severities fail', async () => {
      const dir = tree({ '.rampart.jsonc': asWarning, 'a.js': TLS_OFF });
      assert.equal((await runCli(['scan'], { cwd: dir })).code, 0, 'warnings do not fail by default');
      assert.equal((await runCli(['scan', '--fail-on', 'warning'], { cwd: dir })).code, 1);
      assert.equal((await runCli(['scan', '--fail-on', 'info'], { cwd: dir })).code, 1);
      const info = tree({ '.rampart.jsonc': '{ "extends": [], "rules": { "js/no-disabled-tls": "info" } }', 'a.js': TLS_OFF });
      assert.equal((await runCli(['scan', '--fail-on', 'warning'], { cwd: info })).code, 0);
      assert.equal((await runCli(['scan', '--fail-on', 'info'], { cwd: info })).code, 1);
    });

    it('--max-warnings fails when there are more warnings than allowed', async () => {
      const dir = tree({ '.rampart.jsonc': asWarning, 'a.js': TLS_OFF, 'b.js': TLS_OFF });
      assert.equal((await runCli(['scan', '--max-warnings', '2'], { cwd: dir })).code, 0);
      const over = await runCli(['scan', '--max-warnings', '1'], { cwd: dir });
      assert.equal(over.code, 1);
      assert.equal(over.stderr, 'rampart: 2 warnings, more than --max-warnings 1\n');
      assert.equal((await runCli(['scan', '--max-warnings=0'], { cwd: dir })).code, 1);
    });
  });

  describe('file discovery', () => {
    it('honours nested .gitignore files, the configuration ignore and default ignores', async () => {
      const dir = tree({
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.gitignore': 'secret-build/\n*.gen.js\n',
        '.rampart.jsonc': '{ "extends": [], "rules": { "js/no-disabled-tls": "error" }, "ignore": ["generated/**", "legacy/*.js"] }',
        'src/a.js': TLS_OFF,
        'src/types.d.ts': 'export declare const x: number;\n',
        'src/x.gen.js': TLS_OFF,
        'src/vendor/v.js': TLS_OFF,
        'secret-build/x.js': TLS_OFF,
        'packages/app/.gitignore': 'tmp/\n!important.gen.js\n',
        'packages/app/tmp/t.js': TLS_OFF,
        'packages/app/important.gen.js': TLS_OFF,
        'packages/app/b.ts': TLS_OFF,
        'node_modules/lib/index.js': TLS_OFF,
        'dist/out.js': TLS_OFF,
        'build/out.js': TLS_OFF,
        'coverage/lcov.js': TLS_OFF,
        '.next/server.js': TLS_OFF,
        'venv/lib/x.js': TLS_OFF,
        'lib/app.min.js': TLS_OFF,
        'lib/app.bundle.js': TLS_OFF,
        'generated/g.js': TLS_OFF,
        'legacy/old.js': TLS_OFF,
        'legacy/deep/old2.js': TLS_OFF,
        'notes.docx': 'rejectUnauthorized: false',
        'scripts/deploy': `#!/usr/bin/env node\n${TLS_OFF}`,
      });
      fs.symlinkSync('..', path.join(dir, 'src/loop'));
      const { code, stdout, stderr } = await runCli(['scan', '--format', 'json'], { cwd: dir });
      assert.equal(code, 1);
      assert.equal(stderr, '');
      assert.deepEqual(scannedFiles(stdout), [
        'legacy/deep/old2.js',
        'packages/app/b.ts',
        'packages/app/important.gen.js',
        'scripts/deploy',
        'src/a.js',
      ]);
    });

    it('scanning a sub-folder still applies the root .gitignore and configuration', async () => {
      const dir = tree({
        '.git/HEAD': '',
        '.gitignore': '*.gen.js\n',
        '.rampart.jsonc': '{ "extends": [], "rules": { "js/no-disabled-tls": "warning" }, "ignore": ["packages/app/skip/**"] }',
        'packages/app/a.js': TLS_OFF,
        'packages/app/a.gen.js': TLS_OFF,
        'packages/app/skip/s.js': TLS_OFF,
      });
      const cwd = path.join(dir, 'packages');
      const { code, stdout } = await runCli(['scan', 'app', '--format', 'json'], { cwd });
      assert.equal(code, 0, 'the configured severity (warning) applies');
      assert.deepEqual(scannedFiles(stdout), ['app/a.js']);
    });

    it('paths outside cwd are shown relative to it; overlapping paths scan a file once', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'src/a.js': TLS_OFF, 'web/.keep': '' });
      const { stdout } = await runCli(['scan', '../src', '../src/a.js', '--format', 'json'], { cwd: path.join(dir, 'web') });
      assert.deepEqual(scannedFiles(stdout), ['../src/a.js']);
    });

    it('explicit paths: ignored ones and unsupported files get a note; default ignores do not apply', async () => {
      const dir = tree({
        '.rampart.jsonc': '{ "extends": [], "rules": { "js/no-disabled-tls": "error" }, "ignore": ["generated/"] }',
        '.gitignore': 'local.js\n',
        'generated/g.js': TLS_OFF,
        'local.js': TLS_OFF,
        'README.docx': 'hello',
        'dist/app.js': CLEAN,
      });
      const { code, stdout, stderr } = await runCli(['scan', 'generated', 'local.js', 'README.docx', 'dist', '--format', 'json'], { cwd: dir });
      assert.equal(code, 0);
      assert.deepEqual(scannedFiles(stdout), ['dist/app.js']);
      assert.equal(
        stderr,
        'rampart: generated: ignored by the configuration, not scanned\n' +
          'rampart: local.js: ignored by .gitignore, not scanned\n' +
          'rampart: README.docx: no analyser reads this kind of file, not scanned\n',
      );
    });

    it('an empty folder says there is nothing to scan and exits 0', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'empty/.keep': '' });
      const { code, stderr } = await runCli(['scan', 'empty'], { cwd: dir });
      assert.equal(code, 0);
      assert.equal(stderr, 'rampart: no files to scan\n');
    });
  });

  describe('--fix', () => {
    it('applies safe fixes of unsuppressed findings atomically, keeps the mode, reports what remains', async () => {
      const suppressed = `// rampart-ignore-next-line js/no-disabled-tls -- pinned test certificate\n${TLS_OFF}`;
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'src/client.js': TLS_OFF + CLEAN, 'src/test-client.js': suppressed });
      const file = path.join(dir, 'src/client.js');
      fs.chmodSync(file, 0o775);
      const inodeBefore = fs.statSync(file).ino;
      const { code, stdout, stderr } = await runCli(['scan', '--fix'], { cwd: dir });
      assert.equal(code, 0, 'nothing remains');
      assert.equal(fs.readFileSync(file, 'utf8'), TLS_FIXED + CLEAN);
      assert.equal(fs.statSync(file).mode & 0o777, 0o775);
      assert.notEqual(fs.statSync(file).ino, inodeBefore, 'replaced by rename, not rewritten in place');
      assert.equal(fs.readFileSync(path.join(dir, 'src/test-client.js'), 'utf8'), suppressed, 'suppressed finding left alone');
      assert.deepEqual(fs.readdirSync(path.join(dir, 'src')).sort(), ['client.js', 'test-client.js'], 'no temporary files left');
      assert.equal(stderr, 'rampart: fixed 1 problem in 1 file\n');
      assert.match(stdout, /No problems found \(2 files scanned, 1 finding suppressed\)/);
    });

    it('keeps a byte-order mark and CRLF line ends', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.ts': `\uFEFF${TLS_OFF.replace('\n', '\r\n')}foo();\r\n` });
      const { code } = await runCli(['scan', '--fix'], { cwd: dir });
      assert.equal(code, 0);
      assert.equal(fs.readFileSync(path.join(dir, 'a.ts'), 'utf8'), `\uFEFF${TLS_FIXED.replace('\n', '\r\n')}foo();\r\n`);
    });

    it('without --fix, files are never written', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
      const before = fs.statSync(path.join(dir, 'a.js'));
      assert.equal((await runCli(['scan'], { cwd: dir })).code, 1);
      const after = fs.statSync(path.join(dir, 'a.js'));
      assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs]);
      assert.equal(fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), TLS_OFF);
    });

    it('does not rewrite a file that is not valid UTF-8', async () => {
      const bytes = Buffer.concat([Buffer.from('const s = "'), Buffer.from([0xff, 0xfe]), Buffer.from(`";\n${TLS_OFF}`)]);
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'latin1.js': bytes });
      const { code, stderr } = await runCli(['scan', '--fix'], { cwd: dir });
      assert.equal(code, 1, 'the finding remains');
      assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.js')), bytes);
      assert.equal(stderr, 'rampart: latin1.js: not fixed, the file is not valid UTF-8\n');
    });
  });

  describe('reports', () => {
    it('--format json is valid JSON with findings, fixes and the summary', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF, 'b.js': CLEAN });
      const { code, stdout } = await runCli(['scan', '--format', 'json'], { cwd: dir });
      assert.equal(code, 1);
      const report = JSON.parse(stdout);
      assert.deepEqual(report.results.map((r: { file: string }) => r.file), ['a.js', 'b.js']);
      assert.equal(report.results[0].findings[0].ruleId, 'js/no-disabled-tls');
      assert.equal(report.summary.errors, 1);
    });

    it('--format sarif is a SARIF 2.1.0 log with the tool version', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
      const { code, stdout } = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
      assert.equal(code, 1);
      const log = JSON.parse(stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs[0].tool.driver.semanticVersion, version);
      assert.equal(log.runs[0].results[0].ruleId, 'js/no-disabled-tls');
    });

    it('--output writes the report atomically to a file and nothing to stdout, without colour', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF, 'reports/.keep': '' });
      const json = await runCli(['scan', '--format', 'json', '--output', 'reports/rampart.json'], { cwd: dir });
      assert.deepEqual([json.code, json.stdout], [1, '']);
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'reports/rampart.json'), 'utf8')).summary.errors, 1);
      const text = await runCli(['scan', '--output', 'reports/rampart.txt'], { cwd: dir, isTTY: true, env: { FORCE_COLOR: '1' } });
      assert.equal(text.stdout, '');
      const written = fs.readFileSync(path.join(dir, 'reports/rampart.txt'), 'utf8');
      assert.match(written, /js\/no-disabled-tls/);
      assert.ok(!written.includes('\x1b['), 'no ANSI escapes in a file');
      assert.deepEqual(fs.readdirSync(path.join(dir, 'reports')).sort(), ['.keep', 'rampart.json', 'rampart.txt']);
    });

    it('--output into a missing folder is an error, exit 2', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': CLEAN });
      const { code, stderr } = await runCli(['scan', '--output', 'missing/report.txt'], { cwd: dir });
      assert.equal(code, 2);
      assert.equal(stderr, 'rampart: cannot write the report to missing/report.txt (no such file or folder)\n');
    });

    it('colour: on for a terminal, off with NO_COLOR, forced with FORCE_COLOR', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
      const hasColour = async (isTTY: boolean, env: NodeJS.ProcessEnv) =>
        (await runCli(['scan'], { cwd: dir, isTTY, env })).stdout.includes('\x1b[');
      assert.equal(await hasColour(false, {}), false);
      assert.equal(await hasColour(true, {}), true);
      assert.equal(await hasColour(true, { NO_COLOR: '1' }), false);
      assert.equal(await hasColour(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
      assert.equal(await hasColour(false, { FORCE_COLOR: '1' }), true);
      assert.equal(await hasColour(true, { FORCE_COLOR: '0' }), false);
    });

    it('no progress line when stderr is not a terminal, or in CI, or for a quick scan', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': CLEAN });
      assert.equal((await runCli(['scan'], { cwd: dir, stderrIsTTY: true })).stderr, '', 'quick scan');
      assert.equal((await runCli(['scan'], { cwd: dir, stderrIsTTY: true, env: { CI: 'true' } })).stderr, '');
    });

    it('--offline still scans with the rules that work offline', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
      assert.equal((await runCli(['scan', '--offline'], { cwd: dir })).code, 1);
    });
  });

  describe('files that must not crash the scan', () => {
    it('binary, invalid UTF-8, empty and 3 MB minified files', async () => {
      const minified = 'var a=' + JSON.stringify('x'.repeat(3 * 1024 * 1024)) + ';' + TLS_OFF;
      const dir = tree({
        '.rampart.jsonc': ONLY_TLS,
        'binary.js': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]),
        'invalid.js': Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(`\n${TLS_OFF}`)]),
        'empty.ts': '',
        'huge.js': minified,
        'syntax-error.ts': 'const = = {{{ rejectUnauthorized: false',
        'ok.js': CLEAN,
      });
      const { code, stdout, stderr } = await runCli(['scan', '--format', 'json'], { cwd: dir });
      assert.equal(code, 1, 'the finding in invalid.js still fails the scan');
      assert.equal(stderr, '');
      const report = JSON.parse(stdout) as { results: Array<{ file: string; skipped: { reason: string } | null; findings: unknown[] }> };
      const byFile = Object.fromEntries(report.results.map((r) => [r.file, r]));
      assert.equal(byFile['binary.js'].skipped?.reason, 'binary content (NUL bytes)');
      assert.match(byFile['huge.js'].skipped?.reason ?? '', /^larger than 1048576 bytes/);
      assert.equal(byFile['invalid.js'].findings.length, 1);
      assert.equal(byFile['empty.ts'].skipped, null);

      const larger = await runCli(['scan', 'huge.js', '--max-file-size', '5000000', '--format', 'json'], { cwd: dir });
      assert.equal(larger.code, 0);
      assert.equal(JSON.parse(larger.stdout).results[0].skipped.reason, 'minified (average line longer than 500 characters)');
    });

    it('--max-file-size skips larger files with a note in the report', async () => {
      const dir = tree({ '.rampart.jsonc': ONLY_TLS, 'a.js': TLS_OFF });
      const { code, stdout } = await runCli(['scan', '--max-file-size', '10'], { cwd: dir });
      assert.equal(code, 0);
      assert.match(stdout, /a\.js: larger than 10 bytes \(79 bytes\)/);
    });
  });
});
