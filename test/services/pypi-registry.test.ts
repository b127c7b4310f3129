import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { normalizePypiName } from '../../src/services/package-names/names';
import { PyPiRegistry, type PackageInfo, type PyPiRegistryOptions } from '../../src/services/pypi-registry';
import { json, startRegistry, type Handler, type RegistryServer } from './registry-server';

const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

function found(info: PackageInfo): Extract<PackageInfo, { status: 'found' }> {
  assert.equal(info.status, 'found', `expected found, got ${JSON.stringify(info)}`);
  return info as Extract<PackageInfo, { status: 'found' }>;
}

/** Sends `body` with a content type, after `delayMs`. */
function send(body: string, contentType: string, status = 200, delayMs = 0, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    const go = (): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': contentType, ...headers });
      res.end(body);
    };
    if (delayMs > 0) setTimeout(go, delayMs);
    else go();
  };
}

interface FileSpec {
  readonly filename: string;
  readonly uploaded?: string;
  readonly yanked?: boolean | string;
}

/** A PEP 691 project page with PEP 700 fields. */
function project(name: string, files: readonly FileSpec[], versions?: readonly string[]): Record<string, unknown> {
  return {
    meta: { 'api-version': '1.1' },
    name,
    files: files.map((f) => ({
      filename: f.filename,
      url: `https://files.example/${f.filename}`,
      hashes: { sha256: '0'.repeat(64) },
      ...(f.uploaded ? { 'upload-time': f.uploaded } : {}),
      ...(f.yanked !== undefined ? { yanked: f.yanked } : {}),
    })),
    ...(versions ? { versions } : {}),
  };
}

function simple(body: unknown, delayMs = 0): Handler {
  return send(JSON.stringify(body), SIMPLE_JSON, 200, delayMs);
}

/** Answers with `first` on the first `times` requests for a path, then with `then`. */
function sequence(first: Handler, times: number, then: Handler): Handler {
  return (req, res, attempt) => (attempt <= times ? first : then)(req, res, attempt);
}

const reset: Handler = (req) => req.socket.destroy();
const htmlPage = send('<!DOCTYPE html><html><body><a href="../f/requests-2.0.tar.gz">requests-2.0.tar.gz</a></body></html>', 'text/html');

describe('services/pypi-registry (loopback Simple API index)', function () {
  this.timeout(10_000);
  let server: RegistryServer;
  let tmp: string;

  const requests = project('requests', [
    { filename: 'requests-2.0.0.tar.gz', uploaded: '2013-09-24T17:00:00.000000Z' },
    { filename: 'requests-2.0.0-py2.py3-none-any.whl', uploaded: '2013-09-24T17:01:00.000000Z' },
    { filename: 'requests-2.32.3-py3-none-any.whl', uploaded: '2024-05-29T15:37:00.000000Z' },
  ], ['2.0.0', '2.32.3']);

  function registry(options: PyPiRegistryOptions = {}): PyPiRegistry {
    return new PyPiRegistry({ indexUrl: `${server.url}simple/`, timeoutMs: 1500, retryBaseMs: 20, ...options });
  }

  beforeEach(async () => {
    server = await startRegistry();
    server.routes.set('simple/requests/', simple(requests));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-pypi-'));
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('PEP 503 names', () => {
    it('normalises case and runs of separators', () => {
      assert.equal(normalizePypiName('Django_REST.framework'), 'django-rest-framework');
      assert.equal(normalizePypiName('a__b--c..d'), 'a-b-c-d');
      assert.equal(normalizePypiName('requests'), 'requests');
    });

    it('requests the normalised name with the PEP 691 Accept header, once for every spelling', async () => {
      let accept: string | undefined;
      server.routes.set('simple/django-rest-framework/', (req, res, n) => {
        accept = req.headers.accept;
        simple(project('django-rest-framework', [{ filename: 'djangorestframework-3.15.2-py3-none-any.whl' }]))(req, res, n);
      });
      const r = registry();
      const answers = await Promise.all(['Django_REST.framework', 'django-rest-framework', 'DJANGO-REST-FRAMEWORK'].map((n) => r.lookup(n)));
      assert.ok(answers.every((a) => a.status === 'found'));
      assert.deepEqual(server.requests.map((q) => q.name), ['simple/django-rest-framework/']);
      assert.match(accept ?? '', /^application\/vnd\.pypi\.simple\.v1\+json/);
    });
  });

  describe('answers from the JSON Simple API', () => {
    it('reduces a project page to what the rules need', async () => {
      const info = found(await registry().lookup('requests'));
      assert.equal(info.name, 'requests');
      assert.equal(info.firstPublished?.toISOString(), '2013-09-24T17:00:00.000Z');
      assert.equal(info.latest, '2.32.3');
      assert.deepEqual(info.versions, ['2.0.0', '2.32.3']);
      assert.equal(info.versionCount, 2);
      assert.equal(info.hasInstallScripts, false);
      assert.equal(info.deprecated, undefined);
      assert.equal(info.yanked, undefined);
    });

    it('parses versions from file names when PEP 700 versions are absent, in PEP 440 order', async () => {
      server.routes.set('simple/numbers/', simple(project('numbers', [
        { filename: 'numbers-10.0.tar.gz' },
        { filename: 'numbers-9.0-py3-none-any.whl' },
        { filename: 'numbers-11.0rc1.tar.gz' },
        { filename: 'numbers-1.0.post1.zip' },
        { filename: 'numbers-1.0.tar.gz' },
        { filename: 'numbers-1.0rc1.tar.gz' },
        { filename: 'numbers-1.0.dev2.tar.gz' },
        { filename: 'numbers-12.0.dev1.tar.gz' },
        { filename: 'numbers-1!0.1.tar.gz' },
        { filename: 'numbers-2.0-py2.7.egg' },
        { filename: 'numbers-0.9.win32.exe' },
      ])));
      const info = found(await registry().lookup('numbers'));
      assert.deepEqual(info.versions, ['1.0.dev2', '1.0rc1', '1.0', '1.0.post1', '2.0', '9.0', '10.0', '11.0rc1', '12.0.dev1', '1!0.1']);
      assert.equal(info.latest, '1!0.1');
      assert.equal(info.firstPublished, null, 'no upload-time anywhere');
    });

    it('picks the highest final release as latest and flags an sdist-only latest as running build code', async () => {
      server.routes.set('simple/sdist-only/', simple(project('sdist-only', [
        { filename: 'sdist_only-1.0-py3-none-any.whl', uploaded: '2026-01-01T00:00:00Z' },
        { filename: 'sdist-only-1.1.tar.gz', uploaded: '2026-02-01T00:00:00Z' },
        { filename: 'sdist-only-2.0b1.tar.gz', uploaded: '2026-03-01T00:00:00Z' },
      ])));
      const info = found(await registry().lookup('sdist-only'));
      assert.equal(info.latest, '1.1');
      assert.equal(info.hasInstallScripts, true);
    });

    it('only pre-releases: the highest pre-release is latest', async () => {
      server.routes.set('simple/alpha/', simple(project('alpha', [{ filename: 'alpha-0.1a1.tar.gz' }, { filename: 'alpha-0.1b2.tar.gz' }])));
      assert.equal(found(await registry().lookup('alpha')).latest, '0.1b2');
    });

    it('skips yanked versions for latest and lists them', async () => {
      server.routes.set('simple/yanky/', simple(project('yanky', [
        { filename: 'yanky-1.0-py3-none-any.whl', uploaded: '2025-01-01T00:00:00Z' },
        { filename: 'yanky-1.1-py3-none-any.whl', uploaded: '2025-02-01T00:00:00Z', yanked: 'broken build' },
        { filename: 'yanky-1.1.tar.gz', uploaded: '2025-02-01T00:00:00Z', yanked: true },
        { filename: 'yanky-1.2-py3-none-any.whl', uploaded: '2025-03-01T00:00:00Z', yanked: false },
        { filename: 'yanky-1.2.tar.gz', uploaded: '2025-03-01T00:00:00Z', yanked: 'sdist only' },
      ], ['1.0', '1.1', '1.2'])));
      const info = found(await registry().lookup('yanky'));
      assert.equal(info.latest, '1.2', 'a version with one non-yanked file is installable');
      assert.deepEqual(info.yanked, ['1.1']);
      assert.equal(info.deprecated, undefined);
    });

    it('says so when every file is yanked', async () => {
      server.routes.set('simple/gone-bad/', simple(project('gone-bad', [
        { filename: 'gone_bad-0.1-py3-none-any.whl', uploaded: '2025-01-01T00:00:00Z', yanked: true },
        { filename: 'gone_bad-0.2-py3-none-any.whl', uploaded: '2025-01-02T00:00:00Z', yanked: 'malware' },
      ])));
      const info = found(await registry().lookup('gone-bad'));
      assert.equal(info.latest, null);
      assert.equal(info.deprecated, 'every file is yanked: malware');
      assert.deepEqual(info.yanked, ['0.1', '0.2']);
      assert.equal(info.hasInstallScripts, false);
    });

    it('maps 404 to not-found and a project without files to unpublished', async () => {
      server.routes.set('simple/placeholder/', simple(project('placeholder', [], [])));
      const r = registry();
      assert.deepEqual(await r.lookup('no-such-project-xyz'), { status: 'not-found' });
      assert.deepEqual(await r.lookup('placeholder'), { status: 'unpublished' });
    });

    it('answers skipped for allow-listed names in any spelling, without a request', async () => {
      const r = registry({ allow: ['Internal_Lib'] });
      assert.deepEqual(await r.lookup('internal-lib'), { status: 'skipped', reason: 'allow-list' });
      assert.deepEqual(await r.lookup('INTERNAL.LIB'), { status: 'skipped', reason: 'allow-list' });
      assert.equal(server.requests.length, 0);
    });

    it('answers unknown for a name that cannot be a project, without a request', async () => {
      const r = registry();
      for (const bad of ['', 'has space', '../etc/passwd', '-lead', 'trail.', 'a/b', 'x'.repeat(201), 42 as unknown as string]) {
        assert.equal((await r.lookup(bad)).status, 'unknown', `for ${String(bad).slice(0, 20)}`);
      }
      assert.equal(server.requests.length, 0);
    });

    it('answers unknown for every name when no http(s) index is configured', async () => {
      const info = await new PyPiRegistry({ indexUrl: null }).lookup('requests');
      assert.equal(info.status, 'unknown');
    });
  });

  describe('HTML-only indexes', () => {
    const jsonApi = {
      info: { name: 'Flask', version: '3.0.0' },
      releases: {
        '0.1': [{ filename: 'Flask-0.1.tar.gz', packagetype: 'sdist', upload_time_iso_8601: '2010-04-16T14:01:09.000000Z', yanked: false }],
        '3.0.0': [{ filename: 'flask-3.0.0-py3-none-any.whl', packagetype: 'bdist_wheel', upload_time_iso_8601: '2023-09-30T14:36:12.000000Z', yanked: false }],
        '3.1.0a1': [{ filename: 'flask-3.1.0a1.tar.gz', packagetype: 'sdist', upload_time: '2024-01-01T00:00:00', yanked: true, yanked_reason: 'oops' }],
        '0.0.0': [],
      },
    };

    it('falls back to the JSON API of a pypi.org-shaped index', async () => {
      server.routes.set('simple/flask/', htmlPage);
      server.routes.set('pypi/flask/json', json(jsonApi));
      const info = found(await registry().lookup('Flask'));
      assert.equal(info.name, 'Flask');
      assert.equal(info.latest, '3.0.0');
      assert.equal(info.firstPublished?.toISOString(), '2010-04-16T14:01:09.000Z');
      assert.deepEqual(info.versions, ['0.0.0', '0.1', '3.0.0', '3.1.0a1']);
      assert.deepEqual(info.yanked, ['3.1.0a1']);
      assert.equal(info.hasInstallScripts, false);
      assert.deepEqual(server.requests.map((q) => q.name), ['simple/flask/', 'pypi/flask/json']);
    });

    it('maps a JSON API 404 to not-found, and a release list without files to unpublished', async () => {
      server.routes.set('simple/ghost/', htmlPage);
      server.routes.set('simple/emptied/', htmlPage);
      server.routes.set('pypi/emptied/json', json({ info: { name: 'emptied', version: '1.0' }, releases: { '1.0': [] } }));
      const r = registry();
      assert.deepEqual(await r.lookup('ghost'), { status: 'not-found' });
      assert.deepEqual(await r.lookup('emptied'), { status: 'unpublished' });
    });

    it('maps a JSON API answer that is not a project document to unknown', async () => {
      server.routes.set('simple/flask/', htmlPage);
      server.routes.set('pypi/flask/json', json({ message: 'hello' }));
      assert.equal((await registry().lookup('flask')).status, 'unknown');
    });

    it('answers unknown for an HTML-only index of another shape, without guessing a JSON API', async () => {
      server.routes.set('root/pypi/+simple/requests/', htmlPage);
      const info = await registry({ indexUrl: `${server.url}root/pypi/+simple/` }).lookup('requests');
      assert.equal(info.status, 'unknown');
      assert.match((info as { reason: string }).reason, /does not offer the JSON Simple API/);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('several indexes', () => {
    let extra: RegistryServer;
    beforeEach(async () => {
      extra = await startRegistry();
    });
    afterEach(() => extra.close());

    it('finds a name on an extra index when the main one does not have it', async () => {
      extra.routes.set('simple/private-lib/', simple(project('private-lib', [{ filename: 'private_lib-1.0-py3-none-any.whl' }])));
      const r = registry({ extraIndexUrls: [`${extra.url}simple/`] });
      assert.equal(found(await r.lookup('private-lib')).latest, '1.0');
      assert.deepEqual(await r.lookup('nowhere'), { status: 'not-found' });
      assert.deepEqual(r.indexUrls(), [`${server.url}simple/`, `${extra.url}simple/`]);
    });

    it('answers unknown, not not-found, when one index fails and the other does not have the name', async () => {
      extra.routes.set('simple/maybe/', json({}, 403));
      const r = registry({ extraIndexUrls: [`${extra.url}simple/`] });
      assert.equal((await r.lookup('maybe')).status, 'unknown');
    });
  });

  describe('failures are unknown, never not-found', () => {
    for (const [label, handler] of [
      ['401', json({ error: 'unauthorized' }, 401)],
      ['403', json({ error: 'forbidden' }, 403)],
      ['garbage JSON', send('<html>proxy login</html>', SIMPLE_JSON)],
      ['truncated JSON', send(JSON.stringify(requests).slice(0, 40), SIMPLE_JSON)],
      ['a JSON array', send('[1,2,3]', SIMPLE_JSON)],
      ['a JSON object without files', send('{"meta":{"api-version":"1.0"},"name":"x"}', SIMPLE_JSON)],
      // A captive portal or broken proxy answering 200: never "unpublished", never another project's facts.
      ['files but nothing else', send('{"files":[]}', SIMPLE_JSON)],
      ['an error object', send('{"error":"not found"}', SIMPLE_JSON)],
      ['another project\'s page', simple(project('flask', [{ filename: 'flask-1.0.tar.gz' }]))],
      ['a future major API version', send(JSON.stringify({ ...requests, meta: { 'api-version': '2.0' } }), SIMPLE_JSON)],
      ['an unexpected content type', send('requests 2.32.3', 'text/plain')],
    ] as [string, Handler][]) {
      it(`maps ${label} to unknown`, async () => {
        server.routes.set('simple/pkg/', handler);
        const info = await registry().lookup('pkg');
        assert.equal(info.status, 'unknown', JSON.stringify(info));
      });
    }

    it('reads at most 32 MiB of a project page', async () => {
      server.routes.set('simple/pkg/', send(JSON.stringify({ ...project('pkg', [{ filename: 'pkg-1.0.tar.gz' }]), padding: 'x'.repeat(33 * 1024 * 1024) }), SIMPLE_JSON));
      assert.deepEqual(await registry({ timeoutMs: 5000 }).lookup('pkg'), { status: 'unknown', reason: `the index sent more than ${32 * 1024 * 1024} bytes` });
    });

    it('times out a slow body and says so', async () => {
      server.routes.set('simple/slow/', (_req, res) => {
        res.writeHead(200, { 'content-type': SIMPLE_JSON });
        res.write('{"meta":{"api-version":"1.1"},');
        // never finishes; the client must give up
      });
      const started = Date.now();
      assert.deepEqual(await registry({ timeoutMs: 300 }).lookup('slow'), { status: 'unknown', reason: 'timed out after 300 ms' });
      assert.ok(Date.now() - started < 1500, 'the timeout bounds the wait');
    });

    it('waits out latency below the timeout', async () => {
      server.routes.set('simple/requests/', simple(requests, 200));
      assert.equal(found(await registry({ timeoutMs: 1000 }).lookup('requests')).latest, '2.32.3');
    });

    it('maps a refused connection and an unresolvable host to unknown', async () => {
      const closed = await startRegistry();
      await closed.close();
      assert.equal((await new PyPiRegistry({ indexUrl: `${closed.url}simple/`, retryBaseMs: 10 }).lookup('requests')).status, 'unknown');
      assert.equal((await new PyPiRegistry({ indexUrl: 'http://pypi.invalid/simple/', timeoutMs: 1500 }).lookup('requests')).status, 'unknown');
    });

    it('sends index credentials as Basic auth and never shows them in reasons or the disk cache', async () => {
      const withCreds = server.url.replace('http://', 'http://alice:s3cr%40t@');
      const cacheDir = path.join(tmp, 'cache');
      const r = new PyPiRegistry({ indexUrl: `${withCreds}simple/`, cacheDir, timeoutMs: 1500 });
      assert.equal(found(await r.lookup('requests')).latest, '2.32.3');
      assert.deepEqual(server.requests, [{ name: 'simple/requests/', authorization: `Basic ${Buffer.from('alice:s3cr@t').toString('base64')}` }]);
      assert.deepEqual(r.indexUrls(), [`${server.url}simple/`]);
      for (const f of fs.readdirSync(cacheDir)) assert.doesNotMatch(fs.readFileSync(path.join(cacheDir, f), 'utf8'), /s3cr|alice/);
      const failing = await new PyPiRegistry({ indexUrl: 'http://bob:hunter2pass@pypi.invalid/simple/', timeoutMs: 1500 }).lookup('requests');
      assert.equal(failing.status, 'unknown');
      assert.doesNotMatch(JSON.stringify(failing), /hunter2pass/);
    });

    it('follows a same-origin redirect but not one to another host', async () => {
      server.routes.set('simple/moved/', (_req, res) => {
        res.writeHead(301, { location: '/mirror/simple/moved/' });
        res.end();
      });
      server.routes.set('mirror/simple/moved/', simple(project('moved', [{ filename: 'moved-1.0.tar.gz', uploaded: '2020-01-01T00:00:00Z' }])));
      server.routes.set('simple/elsewhere/', (_req, res) => {
        res.writeHead(301, { location: '/simple/requests/' });
        res.end();
      });
      server.routes.set('simple/away/', (_req, res) => {
        res.writeHead(302, { location: 'http://elsewhere.invalid/simple/away/' });
        res.end();
      });
      const r = registry();
      assert.equal(found(await r.lookup('moved')).name, 'moved');
      const other = await r.lookup('elsewhere');
      assert.equal(other.status, 'unknown', 'a redirect to another project\'s page is not an answer about this one');
      const away = await r.lookup('away');
      assert.equal(away.status, 'unknown');
      assert.match((away as { reason: string }).reason, /not followed/);
    });
  });

  describe('retries', () => {
    it('retries a 500 and then succeeds', async () => {
      server.routes.set('simple/requests/', sequence(json({}, 500), 1, simple(requests)));
      assert.equal(found(await registry().lookup('requests')).latest, '2.32.3');
      assert.equal(server.requests.length, 2);
    });

    it('gives up after two retries on persistent 5xx', async () => {
      server.routes.set('simple/requests/', json({}, 503));
      assert.deepEqual(await registry().lookup('requests'), { status: 'unknown', reason: 'index answered 503' });
      assert.equal(server.requests.length, 3);
    });

    it('retries a reset connection', async () => {
      server.routes.set('simple/requests/', sequence(reset, 1, simple(requests)));
      assert.equal(found(await registry().lookup('requests')).latest, '2.32.3');
      assert.equal(server.requests.length, 2);
    });

    it('honours Retry-After on 429', async () => {
      server.routes.set('simple/requests/', sequence(json({}, 429, 0, { 'retry-after': '1' }), 1, simple(requests)));
      const started = Date.now();
      assert.equal(found(await registry({ retryBaseMs: 1 }).lookup('requests')).latest, '2.32.3');
      assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
      assert.equal(server.requests.length, 2);
    });

    it('gives up at once when Retry-After exceeds the wait budget', async () => {
      server.routes.set('simple/requests/', json({}, 429, 0, { 'retry-after': '120' }));
      const started = Date.now();
      assert.deepEqual(await registry().lookup('requests'), { status: 'unknown', reason: 'index answered 429' });
      assert.ok(Date.now() - started < 1000);
      assert.equal(server.requests.length, 1);
    });

    it('retries the JSON API fallback too', async () => {
      server.routes.set('simple/flask/', htmlPage);
      server.routes.set('pypi/flask/json', sequence(json({}, 502), 1, json({ info: { name: 'Flask', version: '1.0' }, releases: { '1.0': [{ packagetype: 'sdist' }] } })));
      assert.equal(found(await registry().lookup('flask')).latest, '1.0');
    });

    it('does not retry a 404 or a 403', async () => {
      server.routes.set('simple/forbidden/', json({}, 403));
      const r = registry();
      await r.lookup('missing');
      await r.lookup('forbidden');
      assert.equal(server.requests.length, 2);
    });
  });

  describe('scheduling and caches', () => {
    it('keeps at most `concurrency` requests open', async () => {
      const names = ['q1', 'q2', 'q3', 'q4', 'q5'];
      for (const n of names) server.routes.set(`simple/${n}/`, simple(project(n, [{ filename: `${n}-1.0.tar.gz` }]), 80));
      const r = registry({ concurrency: 2 });
      await Promise.all(names.map((n) => r.lookup(n)));
      assert.equal(server.maxConcurrent(), 2);
    });

    it('answers a second look-up from memory, for found and not-found', async () => {
      const r = registry();
      for (let i = 0; i < 2; i++) {
        await r.lookup('requests');
        await r.lookup('missing');
      }
      assert.equal(server.requests.length, 2);
    });

    it('keeps a disk cache that a new instance reads, dates included, and answers offline from it', async () => {
      const cacheDir = path.join(tmp, 'cache');
      await registry({ cacheDir }).lookup('requests');
      await registry({ cacheDir }).lookup('missing');
      const offline = registry({ cacheDir, offline: true });
      const info = found(await offline.lookup('Requests'));
      assert.ok(info.firstPublished instanceof Date);
      assert.equal(info.firstPublished.toISOString(), '2013-09-24T17:00:00.000Z');
      assert.deepEqual(await offline.lookup('missing'), { status: 'not-found' });
      assert.deepEqual(await offline.lookup('flask'), { status: 'unknown', reason: 'offline and not in the cache' });
      assert.equal(server.requests.length, 2);
      assert.ok(fs.readdirSync(cacheDir).every((f) => f.startsWith('pypi-')));
    });

    it('cancels a look-up through its signal', async () => {
      server.routes.set('simple/requests/', simple(requests, 2000));
      const controller = new AbortController();
      const started = Date.now();
      const pending = registry({ timeoutMs: 5000 }).lookup('requests', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      assert.deepEqual(await pending, { status: 'unknown', reason: 'cancelled' });
      assert.ok(Date.now() - started < 1000);
    });
  });
});
