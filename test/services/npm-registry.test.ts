import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNpmConfig } from '../../src/services/npm-config';
import { NpmRegistry, type NpmRegistryOptions, type PackageInfo } from '../../src/services/npm-registry';
import { json, packument, startRegistry, type Handler, type RegistryServer } from './registry-server';

const DAY = 86_400_000;

function found(info: PackageInfo): Extract<PackageInfo, { status: 'found' }> {
  assert.equal(info.status, 'found', `expected found, got ${JSON.stringify(info)}`);
  return info as Extract<PackageInfo, { status: 'found' }>;
}

/** Answers with `first` on the first `times` requests for a name, then with `then`. */
function sequence(first: Handler, times: number, then: Handler): Handler {
  return (req, res, attempt) => (attempt <= times ? first : then)(req, res, attempt);
}

const reset: Handler = (req) => req.socket.destroy();

describe('services/npm-registry (real client, loopback registry)', function () {
  this.timeout(10_000);
  let server: RegistryServer;
  let tmp: string;

  const lodash = packument('lodash', {
    '1.0.0': { time: '2012-04-23T16:37:11.912Z' },
    '4.17.21': { time: '2021-02-20T15:42:16.891Z', scripts: { test: 'x' } },
  }, { created: '2012-04-23T16:37:11.000Z' });

  function registry(options: NpmRegistryOptions = {}): NpmRegistry {
    return new NpmRegistry({ fetchOptions: { registry: server.url }, timeoutMs: 1500, retryBaseMs: 20, ...options });
  }

  beforeEach(async () => {
    server = await startRegistry();
    server.routes.set('lodash', json(lodash));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-npm-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('answers', () => {
    it('reduces a packument to what the rules need', async () => {
      server.routes.set('young', json(packument('young', {
        '0.0.1': { time: '2026-11-01T00:00:00.000Z', deprecated: 'old' },
        '0.0.2': { time: '2026-11-02T00:00:00.000Z', scripts: { postinstall: 'node steal.js' }, deprecated: 'use other' },
      }, { created: '2026-11-01T00:00:00.000Z' })));
      const info = found(await registry().lookup('young'));
      assert.equal(info.name, 'young');
      assert.equal(info.firstPublished?.toISOString(), '2026-11-01T00:00:00.000Z');
      assert.equal(info.latest, '0.0.2');
      assert.deepEqual(info.versions, ['0.0.1', '0.0.2']);
      assert.equal(info.versionCount, 2);
      assert.equal(info.hasInstallScripts, true);
      assert.equal(info.latestDeprecated, 'use other');
      assert.equal(info.deprecated, 'use other');
    });

    it('reports no install scripts or deprecation when the latest version has none', async () => {
      const info = found(await registry().lookup('lodash'));
      assert.equal(info.hasInstallScripts, false);
      assert.equal(info.deprecated, undefined);
      assert.equal(info.latestDeprecated, undefined);
      assert.equal(info.firstPublished?.toISOString(), '2012-04-23T16:37:11.000Z');
    });

    it('derives the first publish from the earliest version when time.created is missing', async () => {
      server.routes.set('mirror', json(packument('mirror', {
        '2.0.0': { time: '2024-03-01T00:00:00.000Z' },
        '1.0.0': { time: '2023-01-15T00:00:00.000Z' },
      }, { latest: '2.0.0' })));
      const info = found(await registry().lookup('mirror'));
      assert.equal(info.firstPublished?.toISOString(), '2023-01-15T00:00:00.000Z');
    });

    it('gives a null first publish when the registry sends no times at all', async () => {
      server.routes.set('timeless', json({ name: 'timeless', versions: { '1.0.0': {} } }));
      const info = found(await registry().lookup('timeless'));
      assert.equal(info.firstPublished, null);
      assert.equal(info.latest, null);
    });

    it('maps 404 to not-found', async () => {
      assert.deepEqual(await registry().lookup('no-such-package-xyz'), { status: 'not-found' });
    });

    it('maps an unpublished packument to unpublished', async () => {
      server.routes.set('gone', json({ name: 'gone', time: { created: '2020-01-01T00:00:00.000Z', unpublished: { time: '2020-02-01T00:00:00.000Z' } } }));
      server.routes.set('empty', json({ name: 'empty', versions: {}, time: {} }));
      const r = registry();
      assert.deepEqual(await r.lookup('gone'), { status: 'unpublished' });
      assert.deepEqual(await r.lookup('empty'), { status: 'unpublished' });
    });

    it('answers skipped for allow-listed names and scopes without any request', async () => {
      const r = registry({ allow: ['internal-lib', '@corp/*'] });
      assert.deepEqual(await r.lookup('internal-lib'), { status: 'skipped', reason: 'allow-list' });
      assert.deepEqual(await r.lookup('@corp/thing'), { status: 'skipped', reason: 'allow-list' });
      assert.equal(found(await r.lookup('lodash')).name, 'lodash');
      assert.deepEqual(server.requests.map((q) => q.name), ['lodash']);
    });

    it('answers unknown for a name that cannot be a package, without any request', async () => {
      const r = registry();
      for (const bad of ['', 'has space', '../etc/passwd', '@scope/', 'a'.repeat(215), 42 as unknown as string]) {
        const info = await r.lookup(bad);
        assert.equal(info.status, 'unknown', `for ${String(bad).slice(0, 20)}`);
      }
      assert.equal(server.requests.length, 0);
    });
  });

  describe('failures are unknown, never not-found', () => {
    for (const [label, handler] of [
      ['401', json({ error: 'unauthorized' }, 401)],
      ['403', json({ error: 'forbidden' }, 403)],
      ['garbage JSON', (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('<html>proxy login</html>'); }],
      ['truncated JSON', (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(lodash).slice(0, 40)); }],
      ['a JSON array', json([1, 2, 3])],
      // A captive portal or a broken proxy answering 200: never "unpublished", never another package's facts.
      ['an empty object', json({})],
      ['an error object', json({ error: 'Not found' })],
      ['another package\'s document', json(packument('lodash', { '1.0.0': { time: '2012-04-23T16:37:11.912Z' } }))],
      ['a document without versions', json({ _id: 'pkg', name: 'pkg' })],
    ] as [string, Handler][]) {
      it(`maps ${label} to unknown`, async () => {
        server.routes.set('pkg', handler);
        const info = await registry().lookup('pkg');
        assert.equal(info.status, 'unknown', JSON.stringify(info));
      });
    }

    it('reads at most 32 MiB of a document, then falls back to the abbreviated format', async () => {
      const huge = JSON.stringify({ ...packument('big', { '1.0.0': { time: '2020-01-01T00:00:00.000Z' } }), readme: 'x'.repeat(33 * 1024 * 1024) });
      const accepts: string[] = [];
      server.routes.set('big', (req, res) => {
        accepts.push(String(req.headers.accept));
        res.writeHead(200, { 'content-type': 'application/json' });
        if (String(req.headers.accept).includes('install-v1')) {
          res.end(JSON.stringify({ name: 'big', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'big', version: '1.0.0', hasInstallScript: true } } }));
        } else {
          res.end(huge);
        }
      });
      const info = found(await registry({ timeoutMs: 5000 }).lookup('big'));
      assert.deepEqual(info.versions, ['1.0.0']);
      assert.equal(info.firstPublished, null, 'the abbreviated document has no publish times');
      assert.equal(info.hasInstallScripts, true);
      assert.equal(accepts.length, 2);
      server.routes.set('bigger', json({ name: 'bigger', versions: {}, readme: 'x'.repeat(33 * 1024 * 1024) }));
      const bigger = await registry({ timeoutMs: 5000 }).lookup('bigger');
      assert.deepEqual(bigger, { status: 'unknown', reason: `the registry document is larger than ${32 * 1024 * 1024} bytes` });
    });

    it('does not read or decompress the body of an error answer', async () => {
      const zlib = await import('node:zlib');
      const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
      server.routes.set('pkg', (_req, res) => {
        res.writeHead(404, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(bomb);
      });
      assert.deepEqual(await registry().lookup('pkg'), { status: 'not-found' });
    });

    it('maps a body cut short of its Content-Length to unknown', async () => {
      server.routes.set('pkg', (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write(JSON.stringify(lodash).slice(0, 100));
        setTimeout(() => req.socket.destroy(), 20);
      });
      assert.equal((await registry().lookup('pkg')).status, 'unknown');
    });

    it('maps a refused connection and an unresolvable host to unknown', async () => {
      const closed = await startRegistry();
      await closed.close();
      const refused = await new NpmRegistry({ fetchOptions: { registry: closed.url }, retryBaseMs: 10 }).lookup('lodash');
      assert.equal(refused.status, 'unknown');
      const dns = await new NpmRegistry({ fetchOptions: { registry: 'http://registry.invalid/' }, timeoutMs: 1500 }).lookup('lodash');
      assert.equal(dns.status, 'unknown');
    });

    it('times out a slow body and says so', async () => {
      server.routes.set('slow', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"name":"slow",');
        // never finishes; the client must give up
      });
      const started = Date.now();
      const info = await registry({ timeoutMs: 300 }).lookup('slow');
      assert.deepEqual(info, { status: 'unknown', reason: 'timed out after 300 ms' });
      assert.ok(Date.now() - started < 1500, 'the timeout bounds the wait');
    });

    it('waits out latency below the timeout', async () => {
      server.routes.set('lodash', json(lodash, 200, 200));
      assert.equal(found(await registry({ timeoutMs: 1000 }).lookup('lodash')).name, 'lodash');
    });

    it('does not leak credentials in reasons', async () => {
      const r = new NpmRegistry({ fetchOptions: { registry: 'http://user:hunter2pass@registry.invalid/' }, timeoutMs: 1500 });
      const info = await r.lookup('lodash');
      assert.equal(info.status, 'unknown');
      assert.doesNotMatch(JSON.stringify(info), /hunter2pass/);
    });
  });

  describe('retries', () => {
    it('retries a 500 and then succeeds', async () => {
      server.routes.set('lodash', sequence(json({ error: 'boom' }, 500), 1, json(lodash)));
      assert.equal(found(await registry().lookup('lodash')).name, 'lodash');
      assert.equal(server.requests.length, 2);
    });

    it('gives up after two retries on persistent 5xx', async () => {
      server.routes.set('lodash', json({ error: 'boom' }, 503));
      const info = await registry().lookup('lodash');
      assert.deepEqual(info, { status: 'unknown', reason: 'registry answered 503' });
      assert.equal(server.requests.length, 3);
    });

    it('retries a reset connection', async () => {
      server.routes.set('lodash', sequence(reset, 1, json(lodash)));
      assert.equal(found(await registry().lookup('lodash')).name, 'lodash');
      assert.equal(server.requests.length, 2);
    });

    it('honours Retry-After on 429', async () => {
      server.routes.set('lodash', sequence(json({ error: 'slow down' }, 429, 0, { 'retry-after': '1' }), 1, json(lodash)));
      const started = Date.now();
      assert.equal(found(await registry({ retryBaseMs: 1 }).lookup('lodash')).name, 'lodash');
      assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
      assert.equal(server.requests.length, 2);
    });

    it('gives up at once when Retry-After exceeds the wait budget', async () => {
      server.routes.set('lodash', json({ error: 'slow down' }, 429, 0, { 'retry-after': '120' }));
      const started = Date.now();
      const info = await registry().lookup('lodash');
      assert.deepEqual(info, { status: 'unknown', reason: 'registry answered 429' });
      assert.ok(Date.now() - started < 1000);
      assert.equal(server.requests.length, 1);
    });

    it('does not retry a 404 or a 403', async () => {
      server.routes.set('forbidden', json({}, 403));
      const r = registry();
      await r.lookup('missing');
      await r.lookup('forbidden');
      assert.equal(server.requests.length, 2);
    });
  });

  describe('scheduling', () => {
    it('makes one request for concurrent look-ups of the same name', async () => {
      server.routes.set('lodash', json(lodash, 200, 100));
      const r = registry();
      const [a, b] = await Promise.all([r.lookup('lodash'), r.lookup('lodash')]);
      assert.equal(found(a).name, 'lodash');
      assert.deepEqual(a, b);
      assert.equal(server.requests.length, 1);
    });

    it('with Node\'s plain agents (the editor): same answers, same concurrency limit', async () => {
      const names = ['p1', 'p2', 'p3', 'p4', 'p5'];
      for (const n of names) server.routes.set(n, json(packument(n, { '1.0.0': {} }), 200, 60));
      const r = registry({ concurrency: 2, plainAgents: true });
      const infos = await Promise.all([...names, 'no-such-package'].map((n) => r.lookup(n)));
      assert.deepEqual(infos.map((i) => i.status), ['found', 'found', 'found', 'found', 'found', 'not-found']);
      assert.equal(server.maxConcurrent(), 2);
    });

    it('keeps at most `concurrency` requests open', async () => {
      const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];
      for (const n of names) server.routes.set(n, json(packument(n, { '1.0.0': {} }), 200, 80));
      const r = registry({ concurrency: 2 });
      const infos = await Promise.all(names.map((n) => r.lookup(n)));
      assert.ok(infos.every((i) => i.status === 'found'));
      assert.equal(server.requests.length, 6);
      assert.equal(server.maxConcurrent(), 2);
    });

    it('runs up to the default of 16 look-ups at once', async () => {
      const names = Array.from({ length: 24 }, (_, i) => `b${i}`);
      for (const n of names) server.routes.set(n, json(packument(n, { '1.0.0': {} }), 200, 80));
      const r = registry();
      await Promise.all(names.map((n) => r.lookup(n)));
      assert.equal(server.maxConcurrent(), 16);
    });

    it('cancels a look-up through its signal', async () => {
      server.routes.set('lodash', json(lodash, 200, 2000));
      const controller = new AbortController();
      const started = Date.now();
      const pending = registry({ timeoutMs: 5000 }).lookup('lodash', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      assert.deepEqual(await pending, { status: 'unknown', reason: 'cancelled' });
      assert.ok(Date.now() - started < 1000);
    });

    it('keeps the shared request alive while another caller still waits', async () => {
      server.routes.set('lodash', json(lodash, 200, 150));
      const r = registry();
      const controller = new AbortController();
      const cancelled = r.lookup('lodash', { signal: controller.signal });
      const kept = r.lookup('lodash');
      controller.abort();
      assert.equal((await cancelled).status, 'unknown');
      assert.equal(found(await kept).name, 'lodash');
      assert.equal(server.requests.length, 1);
    });

    it('cancels everything through the instance signal, including retry waits', async () => {
      server.routes.set('lodash', json({}, 429, 0, { 'retry-after': '3' }));
      const controller = new AbortController();
      const r = registry({ signal: controller.signal, maxRetryWaitMs: 10_000 });
      const started = Date.now();
      const pending = r.lookup('lodash');
      setTimeout(() => controller.abort(), 100);
      assert.deepEqual(await pending, { status: 'unknown', reason: 'cancelled' });
      assert.ok(Date.now() - started < 1000);
      assert.deepEqual(await r.lookup('other'), { status: 'unknown', reason: 'cancelled' });
    });
  });

  describe('caches', () => {
    it('answers a second look-up from memory, for found and not-found', async () => {
      const r = registry();
      await r.lookup('lodash');
      await r.lookup('missing');
      await r.lookup('lodash');
      await r.lookup('missing');
      assert.equal(server.requests.length, 2);
    });

    it('never caches unknown', async () => {
      server.routes.set('flaky', json({}, 403));
      const r = registry();
      await r.lookup('flaky');
      server.routes.set('flaky', json(packument('flaky', { '1.0.0': {} })));
      assert.equal(found(await r.lookup('flaky')).name, 'flaky');
      assert.equal(server.requests.length, 2);
    });

    it('expires entries after their TTL', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const r = registry({ now: () => now });
      await r.lookup('lodash');
      await r.lookup('missing');
      now += 2 * 3_600_000; // past the not-found TTL, within the found one
      await r.lookup('lodash');
      await r.lookup('missing');
      assert.deepEqual(server.requests.map((q) => q.name), ['lodash', 'missing', 'missing']);
      now += DAY;
      await r.lookup('lodash');
      assert.equal(server.requests.length, 4);
    });

    it('keeps a disk cache that a new instance reads, dates included', async () => {
      const cacheDir = path.join(tmp, 'cache');
      await registry({ cacheDir }).lookup('lodash');
      await registry({ cacheDir }).lookup('missing');
      assert.equal(server.requests.length, 2);
      const fresh = registry({ cacheDir });
      const info = found(await fresh.lookup('lodash'));
      assert.ok(info.firstPublished instanceof Date);
      assert.equal(info.firstPublished.toISOString(), '2012-04-23T16:37:11.000Z');
      assert.deepEqual(await fresh.lookup('missing'), { status: 'not-found' });
      assert.equal(server.requests.length, 2);
    });

    it('treats a corrupt or foreign disk cache file as a miss', async () => {
      const cacheDir = path.join(tmp, 'cache');
      await registry({ cacheDir }).lookup('lodash');
      for (const f of fs.readdirSync(cacheDir)) fs.writeFileSync(path.join(cacheDir, f), '{"key":');
      assert.equal(found(await registry({ cacheDir }).lookup('lodash')).name, 'lodash');
      assert.equal(server.requests.length, 2);
    });

    it('keys the cache by registry, so another registry is asked again', async () => {
      const cacheDir = path.join(tmp, 'cache');
      await registry({ cacheDir }).lookup('lodash');
      const other = await startRegistry();
      try {
        const info = await new NpmRegistry({ fetchOptions: { registry: other.url }, cacheDir }).lookup('lodash');
        assert.deepEqual(info, { status: 'not-found' });
        assert.equal(other.requests.length, 1);
      } finally {
        await other.close();
      }
    });

    it('answers offline from the cache only', async () => {
      const cacheDir = path.join(tmp, 'cache');
      await registry({ cacheDir }).lookup('lodash');
      const offline = registry({ cacheDir, offline: true });
      assert.equal(found(await offline.lookup('lodash')).name, 'lodash');
      assert.deepEqual(await offline.lookup('express'), { status: 'unknown', reason: 'offline and not in the cache' });
      assert.equal(server.requests.length, 1);
    });

    it('offline, remembers a name missing from the cache for 30 s instead of reading the disk on every keystroke', async () => {
      const cacheDir = path.join(tmp, 'cache');
      let now = Date.now();
      const offline = registry({ cacheDir, offline: true, now: () => now });
      assert.deepEqual(await offline.lookup('lodash'), { status: 'unknown', reason: 'offline and not in the cache' });
      // Another process (a CLI scan) caches it meanwhile: still the remembered miss…
      await registry({ cacheDir }).lookup('lodash');
      assert.deepEqual(await offline.lookup('lodash'), { status: 'unknown', reason: 'offline and not in the cache' });
      // …until the 30 s are over; then the disk is read again.
      now += 30_001;
      assert.equal(found(await offline.lookup('lodash')).name, 'lodash');
      assert.equal(server.requests.length, 1);
    });
  });

  describe('npm configuration', () => {
    let privateServer: RegistryServer;
    beforeEach(async () => {
      privateServer = await startRegistry();
      privateServer.routes.set('@acme/widget', json(packument('@acme/widget', { '1.0.0': { time: '2025-01-01T00:00:00.000Z' } })));
    });
    afterEach(() => privateServer.close());

    it('sends scoped names to the scope registry with the user\'s token, and the token nowhere else', async () => {
      const project = path.join(tmp, 'project');
      const home = path.join(tmp, 'home');
      fs.mkdirSync(path.join(project, 'src'), { recursive: true });
      fs.mkdirSync(home, { recursive: true });
      fs.writeFileSync(path.join(project, 'package.json'), '{}');
      // The repository maps the scope; the user's own configuration holds (and vouches for) the token.
      fs.writeFileSync(path.join(project, '.npmrc'), `registry=${server.url}\n@acme:registry=${privateServer.url}\n`);
      fs.writeFileSync(path.join(home, '.npmrc'), `@acme:registry=${privateServer.url}\n${privateServer.nerfDart}:_authToken=\${ACME_TOKEN}\n`);
      const config = await loadNpmConfig({ cwd: path.join(project, 'src'), env: { ACME_TOKEN: 'acme-secret-token' }, homedir: home });
      const r = new NpmRegistry({ fetchOptions: config.options, credentials: config.credentials, trustedOrigins: config.trustedOrigins });
      assert.equal(found(await r.lookup('@acme/widget')).name, '@acme/widget');
      assert.equal(found(await r.lookup('lodash')).name, 'lodash');
      assert.deepEqual(privateServer.requests, [{ name: '@acme/widget', authorization: 'Bearer acme-secret-token' }]);
      assert.deepEqual(server.requests, [{ name: 'lodash', authorization: undefined }]);
    });

    it('maps scopes from the options to a private registry', async () => {
      const r = registry({ scopes: { acme: privateServer.url } });
      assert.equal(r.registryFor('@acme/widget'), privateServer.url);
      assert.equal(found(await r.lookup('@acme/widget')).versionCount, 1);
      assert.equal(server.requests.length, 0);
      assert.equal(privateServer.requests.length, 1);
    });
  });
});
