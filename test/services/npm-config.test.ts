import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expandEnv, loadNpmConfig, parseNpmrc, redact } from '../../src/services/npm-config';

describe('services/npm-config', () => {
  let root: string;
  let home: string;
  let project: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-npmrc-'));
    home = path.join(root, 'home');
    project = path.join(root, 'work', 'app');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(path.join(project, 'src', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), '{}');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads the project .npmrc from the nearest package.json folder, not the starting folder', async () => {
    fs.writeFileSync(path.join(project, '.npmrc'), 'registry=https://project.example/\n');
    fs.writeFileSync(path.join(root, 'work', '.npmrc'), 'registry=https://too-far.example/\n');
    const config = await loadNpmConfig({ cwd: path.join(project, 'src', 'deep'), env: {}, homedir: home });
    assert.equal(config.options.registry, 'https://project.example/');
    assert.deepEqual(config.files, [path.join(project, '.npmrc')]);
  });

  it('lets env win over project, and project over user', async () => {
    fs.writeFileSync(path.join(home, '.npmrc'), 'registry=https://user.example/\n@acme:registry=https://user-acme.example/\nstrict-ssl=false\n');
    fs.writeFileSync(path.join(project, '.npmrc'), '@acme:registry=https://project-acme.example/\n');
    const env = { npm_config_registry: 'https://env.example/', NPM_CONFIG_FETCH_TIMEOUT: '1000' };
    const config = await loadNpmConfig({ cwd: project, env, homedir: home });
    assert.equal(config.options.registry, 'https://env.example/');
    assert.equal(config.options['@acme:registry'], 'https://project-acme.example/');
    assert.equal(config.options['fetch-timeout'], '1000');
    assert.equal(config.options.strictSSL, false);
    assert.deepEqual(config.files, [path.join(project, '.npmrc'), path.join(home, '.npmrc')]);
  });

  it('uses npm_config_userconfig instead of ~/.npmrc', async () => {
    fs.writeFileSync(path.join(home, '.npmrc'), 'registry=https://home.example/\n');
    const other = path.join(root, 'other.npmrc');
    fs.writeFileSync(other, 'registry=https://other.example/\n');
    const config = await loadNpmConfig({ cwd: project, env: { npm_config_userconfig: other }, homedir: home });
    assert.equal(config.options.registry, 'https://other.example/');
  });

  it('expands ${VAR} in the user\'s own .npmrc, and keeps its credentials apart from the fetch options', async () => {
    fs.writeFileSync(path.join(home, '.npmrc'), '//${HOST}/:_authToken=${TOKEN}\nemail=${UNSET}\nopt=${UNSET?}x\n');
    const env = { HOST: 'npm.acme.test', TOKEN: 's3cr3t-token', 'npm_config_//other.test/:_authToken': 'env-token' };
    const config = await loadNpmConfig({ cwd: project, env, homedir: home });
    assert.equal(config.credentials['//npm.acme.test/:_authToken'], 's3cr3t-token');
    assert.equal(config.credentials['//other.test/:_authToken'], 'env-token');
    assert.equal(Object.keys(config.options).some((k) => k.startsWith('//')), false);
    assert.equal(config.options.email, '${UNSET}');
    assert.equal(config.options.opt, 'x');
    assert.deepEqual([...config.trustedOrigins].sort(), ['https://npm.acme.test', 'https://other.test', 'https://registry.npmjs.org']);
  });

  it('takes only literal registries from the project .npmrc: no variables, credentials, proxies or TLS settings', async () => {
    fs.writeFileSync(
      path.join(project, '.npmrc'),
      [
        'registry=https://project.example/',
        '@acme:registry=https://${HOST}/',
        '@other:registry=https://user:pw@other.example/',
        '//project.example/:_authToken=${TOKEN}',
        'proxy=http://proxy.example/',
        'strict-ssl=false',
        'save-exact=true',
      ].join('\n'),
    );
    const config = await loadNpmConfig({ cwd: project, env: { HOST: 'h.example', TOKEN: 'secret-token-value' }, homedir: home });
    assert.deepEqual(config.options, { registry: 'https://project.example/' });
    assert.deepEqual(config.credentials, {});
    assert.deepEqual([...config.trustedOrigins], ['https://registry.npmjs.org'], 'a project registry is not a trusted origin');
    assert.equal(config.warnings.length, 3);
    assert.match(config.warnings[2], /ignored _authToken, proxy, strict-ssl — credentials, proxies and TLS settings come only from your own npm configuration/);
    assert.doesNotMatch(config.warnings.join('\n'), /secret-token-value|user:pw/);
  });

  it('treats the user\'s own file as the user\'s even when the project folder is the home folder', async () => {
    fs.writeFileSync(path.join(home, 'package.json'), '{}');
    fs.writeFileSync(path.join(home, '.npmrc'), '//r.example/:_authToken=${TOKEN}\n');
    const config = await loadNpmConfig({ cwd: home, env: { TOKEN: 'tok-1234' }, homedir: home });
    assert.equal(config.credentials['//r.example/:_authToken'], 'tok-1234');
  });

  it('honours backslash escapes like npm', () => {
    assert.equal(expandEnv('\\${A}', { A: 'x' }), '${A}');
    assert.equal(expandEnv('\\\\${A}', { A: 'x' }), '\\x');
    assert.equal(expandEnv('a${A}b', { A: 'x' }), 'axb');
  });

  it('drops keys that would redirect caching and ignores sections and arrays', () => {
    const parsed = parseNpmrc('cache=/tmp/c\nca[]=one\n[section]\nkey=value\nregistry=https://r.example/\n', {});
    assert.equal(parsed.registry, undefined, 'keys after a section header belong to the section');
    assert.equal(parsed.cache, '/tmp/c');
    assert.equal(parsed.ca, undefined);
  });

  it('never hands cache or offline settings to the fetch client', async () => {
    fs.writeFileSync(path.join(project, '.npmrc'), 'cache=/tmp/npm-cache\noffline=true\nregistry=https://r.example/\n');
    const config = await loadNpmConfig({ cwd: project, env: {}, homedir: home });
    assert.equal(config.options.cache, undefined);
    assert.equal(config.options.offline, undefined);
    assert.equal(config.options.registry, 'https://r.example/');
  });

  it('gives empty options when there is no configuration and no package.json anywhere', async () => {
    const bare = path.join(root, 'bare');
    fs.mkdirSync(bare);
    const config = await loadNpmConfig({ cwd: bare, env: { PATH: '/bin' }, homedir: path.join(root, 'nohome') });
    assert.deepEqual(config.options, {});
    assert.deepEqual(config.credentials, {});
    assert.deepEqual(config.files, []);
    assert.deepEqual(config.warnings, []);
  });

  it('turns an unreadable .npmrc into a warning instead of throwing', async () => {
    fs.mkdirSync(path.join(project, '.npmrc'));
    fs.writeFileSync(path.join(home, '.npmrc'), 'registry=https://user.example/\n');
    const config = await loadNpmConfig({ cwd: project, env: {}, homedir: home });
    assert.equal(config.options.registry, 'https://user.example/');
    assert.equal(config.warnings.length, 1);
    assert.match(config.warnings[0] ?? '', /is a folder/);
  });

  it('tolerates garbage in .npmrc', async () => {
    fs.writeFileSync(path.join(project, '.npmrc'), '\u0000\u0001 = = [[[\nregistry=https://ok.example/\n=\n');
    const config = await loadNpmConfig({ cwd: project, env: {}, homedir: home });
    assert.equal(config.options.registry, 'https://ok.example/');
  });

  describe('redact', () => {
    it('hides configured secrets, URL credentials, auth headers and npm tokens', () => {
      const options = { '//npm.acme.test/:_authToken': 'abcd-1234-secret', registry: 'https://r.example/' };
      const text = 'token abcd-1234-secret at https://user:pw@r.example/x, Bearer xyz.abc, npm_abcdefghijklmnopqrstuvwxyz0123456789';
      const out = redact(text, options);
      assert.doesNotMatch(out, /abcd-1234-secret|user:pw|xyz\.abc|npm_abcdef/);
      assert.match(out, /https:\/\/\*\*\*@r\.example\/x/);
      assert.match(out, /Bearer \*\*\*/);
    });

    it('leaves text without credentials alone', () => {
      assert.equal(redact('GET https://registry.npmjs.org/lodash 404'), 'GET https://registry.npmjs.org/lodash 404');
    });
  });
});
