import assert from 'node:assert/strict';
import * as path from 'node:path';
import { startRegistry } from '../services/registry-server';
import { makeTree, ONLY_TLS, RAW_CONTROL, removeTree, runCli, TLS_OFF } from './helpers';

/** A file name that tries everything: colour, a cursor move, a window title, BEL, CR, a new line with a fake note and a CI workflow command, a bidi override. */
const EVIL = 'e\x1b[31mvil\x1b[2A\x1b]0;pwned\x07\rrampart: all clear\n::error::injected\u202e';
/** `EVIL` as it is shown on a terminal line: each control and bidi character as `\uXXXX`. */
const SHOWN = [...EVIL].map((c) => (RAW_CONTROL.test(c) || c === '\n' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const C0_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f]/;

/** Lines of `text` that a terminal would show as starting with `prefix`. */
function linesStartingWith(text: string, prefix: string): string[] {
  return text.split(/[\n\r]/).filter((line) => line.startsWith(prefix));
}

describe('hostile workspace: file names and configuration text with control characters', function () {
  this.timeout(20_000);
  let dir: string;
  afterEach(() => dir && removeTree(dir));

  it('the text report shows them escaped, on one line', async () => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, [`${EVIL}.js`]: TLS_OFF });
    const run = await runCli(['scan'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.deepEqual(linesStartingWith(run.stdout, '::error::'), []);
    assert.match(run.stdout, /\\u001b\[31mvil/);
  });

  it('the JSON report keeps the exact name, with C0 control characters escaped', async () => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, [`${EVIL}.js`]: TLS_OFF });
    const run = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.equal(JSON.parse(run.stdout).results[0].file, `${EVIL}.js`);
    // JSON.stringify escapes C0 controls (the report's own line breaks aside); C1 and bidi characters stay raw.
    assert.doesNotMatch(run.stdout, C0_BUT_LINE_FEED);
  });

  it('the SARIF report percent-encodes the name in the artifact URI', async () => {
    dir = makeTree({ '.rampart.jsonc': ONLY_TLS, [`${EVIL}.js`]: TLS_OFF });
    const run = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    const uri = JSON.parse(run.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
    assert.equal(decodeURIComponent(uri), `${EVIL}.js`);
    assert.doesNotMatch(uri, RAW_CONTROL);
    assert.doesNotMatch(run.stdout, C0_BUT_LINE_FEED);
  });

  it('notes on standard error (explicit paths, --fix) escape file names: no sequence, no extra line', async () => {
    dir = makeTree({
      '.rampart.jsonc': ONLY_TLS,
      [`${EVIL}.docx`]: 'not code',
      // Latin-1, not UTF-8: --fix refuses to rewrite it and says so, naming the file.
      [`${EVIL}.js`]: Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${TLS_OFF}`)]),
    });
    const run = await runCli(['scan', '--fix', `${EVIL}.docx`, `${EVIL}.js`], { cwd: dir });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.equal(
      run.stderr,
      `rampart: ${SHOWN}.docx: no analyser reads this kind of file, not scanned\n` + `rampart: ${SHOWN}.js: not fixed, the file is not valid UTF-8\n`,
    );
  });

  it('configuration errors quoting the workspace escape it', async () => {
    const key = '\x1b[2J\x1b[Hrampart: config ok\n::error::x';
    dir = makeTree({ '.rampart.jsonc': JSON.stringify({ rules: { [key]: 'error' } }), 'a.js': TLS_OFF });
    const run = await runCli(['scan'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.equal(run.stderr.split('\n').length, 2, `one line: ${JSON.stringify(run.stderr)}`);
    assert.match(run.stderr, /^\.rampart\.jsonc:1:\d+: .*\\u001b\[2J\\u001b\[Hrampart: config ok\\u000a::error::x/);
  });

  it('package look-up notes quoting the project .npmrc or a registry answer escape them', async () => {
    const registry = await startRegistry();
    registry.routes.set('made-up-evil', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\x1b[2J{not json\nrampart: all clear');
    });
    dir = makeTree({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'made-up-evil': '1.0.0' } }),
      '.npmrc': '@e\x1b[31mvil:registry=not-a-url\n',
    });
    try {
      const run = await runCli(['scan', '--format', 'json', '--cache-dir', path.join(dir, '.cache')], {
        cwd: dir,
        env: { npm_config_registry: registry.url, PIP_CONFIG_FILE: '/dev/null' },
        online: true,
      });
      assert.doesNotMatch(run.stderr, RAW_CONTROL);
      assert.match(run.stderr, /^rampart: .*\.npmrc: @e\\u001b\[31mvil:registry is not an http\(s\) URL/m);
      assert.ok(run.stderr.split('\n').every((line) => line === '' || line.startsWith('rampart: ')), run.stderr);
    } finally {
      await registry.close();
    }
  });
});
