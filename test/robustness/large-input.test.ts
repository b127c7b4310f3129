import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../../src/engine/analyzer';
import { minifiedBundle } from './inputs';
import { IsolatedAnalyzer } from './isolated-analyzer';
import { assertWellFormed, LIMIT_MS } from './well-formed';

/** A real minified module (the demo workspace's vendored bundle); every copy holds `rejectUnauthorized:!1`. */
const VENDOR = readFileSync(join(__dirname, '../../examples/express-llm-app/public/vendor.min.js'), 'utf8').trim();

describe('robustness: large minified bundles', function () {
  this.timeout(4 * LIMIT_MS);
  const analyzer = new IsolatedAnalyzer();
  after(() => analyzer.close());

  it('the vendored module is one minified line with one disabled-TLS option', () => {
    assert.ok(!VENDOR.includes('\n') && VENDOR.length > 2_000);
    assert.equal(VENDOR.split('rejectUnauthorized:!1').length - 1, 1);
  });

  it('skips a 5 MB bundle by size, with a reason, without parsing it', async () => {
    const { text } = minifiedBundle(VENDOR, 5 * 1024 * 1024);
    const { result, ms } = await analyzer.analyze('dist/app.bundle.js', text, LIMIT_MS);
    assert.match(result.skipped?.reason ?? '', /larger than \d+ characters/);
    assert.deepEqual([result.findings, result.errors], [[], []]);
    assert.ok(ms < 1_000, `size check took ${Math.round(ms)} ms`);
  });

  it('analyses a 900 KB one-line bundle under the size cap, in bounded time, with exact columns', async () => {
    const { text, copies } = minifiedBundle(VENDOR, 900 * 1024);
    assert.ok(text.length < DEFAULT_MAX_FILE_SIZE && !text.includes('\n'));
    const { result, ms } = await analyzer.analyze('public/app.bundle.js', text, LIMIT_MS);
    if (process.env.RAMPART_ROBUSTNESS_LOG === '1') {
      console.log(`      ${text.length} characters, ${copies} modules: ${Math.round(ms)} ms, ${result.findings.length} findings`);
    }
    assertWellFormed(result, text);
    assert.equal(result.skipped, undefined);
    assert.deepEqual(result.errors, []);
    assert.ok(ms < LIMIT_MS, `took ${Math.round(ms)} ms`);
    const tls = result.findings.filter((f) => f.ruleId === 'js/no-disabled-tls');
    assert.equal(tls.length, copies);
    const last = tls[tls.length - 1];
    const offset = text.lastIndexOf('rejectUnauthorized:!1');
    assert.deepEqual([last.range[0], last.start], [offset, { line: 1, column: offset + 1 }]);
  });
});
