import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeFingerprint } from '../../src/baseline';
import { makeTree, ONLY_TLS, removeTree, runCli, TLS_OFF } from './helpers';

/** A second line js/no-disabled-tls reports. */
const TLS_OFF_2 = 'const legacy = https.request({ host, rejectUnauthorized: false });\n';

describe('rampart scan --baseline / --write-baseline', () => {
  const trees: string[] = [];
  /** A repository (a `.git` folder) with these files. */
  const repo = (files: Record<string, string>) => {
    const dir = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.rampart.jsonc': ONLY_TLS, ...files });
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));
  const read = (dir: string, file = '.rampart-baseline.json') => fs.readFileSync(path.join(dir, file), 'utf8');

  describe('--write-baseline', () => {
    it('records every finding in a sorted, readable file, accepts them (exit 0) and says how many', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF + TLS_OFF, 'lib/legacy.js': TLS_OFF_2 });
      const { code, stdout, stderr } = await runCli(['scan', '--write-baseline', '.rampart-baseline.json'], { cwd: dir });
      assert.equal(code, 0);
      assert.equal(stderr, 'rampart: wrote the baseline .rampart-baseline.json: 3 findings in 2 entries\n');
      assert.match(stdout, /^✔ No new problems found \(2 files scanned, 3 findings in the baseline\)\.$/m);
      const fp = (line: string) => codeFingerprint('js/no-disabled-tls', line);
      assert.deepEqual(read(dir).split('\n').slice(4, 8), [
        '  "entries": [',
        `    { "path": "lib/legacy.js", "rule": "js/no-disabled-tls", "fingerprint": "${fp(TLS_OFF_2)}", "count": 1, "excerpt": "const legacy = https.request({ host, rejectUnauthorized: false });" },`,
        `    { "path": "src/client.js", "rule": "js/no-disabled-tls", "fingerprint": "${fp(TLS_OFF)}", "count": 2, "excerpt": "const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });" }`,
        '  ]',
      ]);
    });

    it('writes the same bytes on every run, from any folder, with paths relative to the repository root', async () => {
      const dir = repo({ 'services/api/client.js': TLS_OFF, 'web/legacy.js': TLS_OFF_2 });
      await runCli(['scan', '--write-baseline', '.rampart-baseline.json'], { cwd: dir });
      const first = read(dir);
      const again = await runCli(['scan', '--write-baseline', '../../.rampart-baseline.json', '../..'], { cwd: path.join(dir, 'services/api') });
      assert.equal(again.code, 0);
      assert.equal(read(dir), first);
      assert.match(first, /"path": "services\/api\/client\.js"/);
    });

    it('refuses a baseline that is a symbolic link, leads out of the workspace or lies outside it (exit 2, nothing written)', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF });
      const outside = makeTree({ 'target.txt': 'keep\n' });
      trees.push(outside);
      fs.symlinkSync('src/client.js', path.join(dir, 'linked.json'));
      fs.symlinkSync(outside, path.join(dir, 'out'));
      const cases: Array<[string, RegExp]> = [
        ['linked.json', /^rampart: cannot write the baseline to linked\.json \(it is a symbolic link; a baseline is never written through one\)\n$/],
        ['out/baseline.json', /^rampart: cannot write the baseline to out\/baseline\.json \(a symbolic link on the way leads out of the workspace\)\n$/],
        [path.join(outside, 'baseline.json'), /^rampart: cannot write the baseline to .*baseline\.json \(it is outside the workspace \(the current folder, the repository and the scanned folders\)\)\n$/],
      ];
      for (const [target, message] of cases) {
        const { code, stdout, stderr } = await runCli(['scan', '--write-baseline', target], { cwd: dir });
        assert.deepEqual([code, stdout], [2, ''], target);
        assert.match(stderr, message, target);
      }
      assert.equal(read(dir, 'src/client.js'), TLS_OFF);
      assert.deepEqual(fs.readdirSync(outside).sort(), ['target.txt']);
    });
  });

  describe('--baseline', () => {
    it('reports only new findings: baselined ones are counted in the summary and do not fail the run', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF });
      await runCli(['scan', '--write-baseline', '.rampart-baseline.json'], { cwd: dir });
      const clean = await runCli(['scan', '--baseline', '.rampart-baseline.json'], { cwd: dir });
      assert.equal(clean.code, 0);
      assert.match(clean.stdout, /No new problems found \(1 file scanned, 1 finding in the baseline\)/);
      fs.writeFileSync(path.join(dir, 'src/client.js'), `// a comment\n${TLS_OFF}${TLS_OFF_2}`);
      const { code, stdout } = await runCli(['scan', '--baseline', '.rampart-baseline.json'], { cwd: dir });
      assert.equal(code, 1);
      assert.match(stdout, /^ {2}3:\d+ +error +.*js\/no-disabled-tls$/m);
      assert.doesNotMatch(stdout, /^ {2}2:\d+/m);
      assert.match(stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\)\n.*\n {2}1 finding in the baseline \(not counted\)\.\n$/);
    });

    it('marks baselined findings in JSON (kind baseline) and SARIF (external suppression, justification "baseline", baselineState)', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF });
      await runCli(['scan', '--write-baseline', '.rampart-baseline.json'], { cwd: dir });
      fs.appendFileSync(path.join(dir, 'src/client.js'), TLS_OFF_2);
      const json = JSON.parse((await runCli(['scan', '--format', 'json', '--baseline', '.rampart-baseline.json'], { cwd: dir })).stdout);
      const findings = json.results[0].findings;
      assert.deepEqual(
        findings.map((f: { line: number; suppressed: unknown }) => [f.line, f.suppressed]),
        [
          [1, { kind: 'baseline', reason: 'baseline', range: null }],
          [2, null],
        ],
      );
      assert.deepEqual([json.summary.problems, json.summary.baselined, json.summary.suppressed], [1, 1, 0]);
      assert.equal(findings[0].fingerprint, codeFingerprint('js/no-disabled-tls', TLS_OFF));
      const sarif = JSON.parse((await runCli(['scan', '--format', 'sarif', '--baseline', '.rampart-baseline.json'], { cwd: dir })).stdout);
      assert.deepEqual(
        sarif.runs[0].results.map((r: { suppressions: unknown; baselineState: string }) => [r.suppressions, r.baselineState]),
        [
          [[{ kind: 'external', status: 'accepted', justification: 'baseline' }], 'unchanged'],
          [[], 'new'],
        ],
      );
    });

    it('keeps accepting findings of a file that moved, and says so', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF });
      await runCli(['scan', '--write-baseline', '.rampart-baseline.json'], { cwd: dir });
      fs.mkdirSync(path.join(dir, 'packages/web'), { recursive: true });
      fs.renameSync(path.join(dir, 'src/client.js'), path.join(dir, 'packages/web/http.js'));
      const { code, stderr } = await runCli(['scan', '--baseline', '.rampart-baseline.json'], { cwd: dir });
      assert.equal(code, 0);
      assert.equal(stderr, 'rampart: 1 baselined finding matched in files that moved\n');
    });

    it('a missing, broken or hostile baseline is a clear error with exit 2 and no report', async () => {
      const dir = repo({ 'src/client.js': TLS_OFF, 'bad.json': '{ "version": 1, "entries": [', 'new.json': '{ "version": 3, "entries": [] }' });
      fs.writeFileSync(path.join(dir, 'escape.json'), JSON.stringify({ version: 1, entries: [{ path: '../../etc/passwd', rule: 'js/no-disabled-tls', fingerprint: '0123456789abcdef', count: 1 }] }));
      fs.mkdirSync(path.join(dir, 'folder.json'));
      const cases: Array<[string, RegExp]> = [
        ['missing.json', /^rampart: cannot use the baseline missing\.json: no such file or folder; create it with --write-baseline\n$/],
        ['bad.json', /^rampart: cannot use the baseline bad\.json: not valid JSON \(.*\); fix it or write it again with --write-baseline\n$/],
        ['new.json', /^rampart: cannot use the baseline new\.json: version 3 was written by a newer Rampart; this one reads version 1; fix it/],
        ['escape.json', /^rampart: cannot use the baseline escape\.json: entry 1: "path" must be a file relative to the repository root/],
        ['folder.json', /^rampart: cannot use the baseline folder\.json: is a folder; fix it/],
      ];
      for (const [file, message] of cases) {
        const { code, stdout, stderr } = await runCli(['scan', '--baseline', file], { cwd: dir });
        assert.deepEqual([code, stdout], [2, ''], file);
        assert.match(stderr, message, file);
      }
    });

    it('usage errors: an empty file name, and --sarif-category without SARIF', async () => {
      const dir = repo({ 'a.js': TLS_OFF });
      const cases: Array<[string[], string]> = [
        [['scan', '--baseline', ''], 'rampart: --baseline needs a file name\n'],
        [['scan', '--write-baseline', ''], 'rampart: --write-baseline needs a file name\n'],
        [['scan', '--sarif-category', 'x'], 'rampart: --sarif-category needs --format sarif\n'],
        [['scan', '--format', 'sarif', '--sarif-category', ' '], 'rampart: --sarif-category needs a name\n'],
      ];
      for (const [argv, message] of cases) {
        const { code, stderr } = await runCli(argv, { cwd: dir });
        assert.equal(code, 2, argv.join(' '));
        assert.equal(stderr, `${message}Run "rampart --help" for usage.\n`, argv.join(' '));
      }
    });
  });
});
