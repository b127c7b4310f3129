import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PIP_INDEX, loadPipConfig, parsePipConf } from '../../src/services/pip-config';

describe('services/pip-config', () => {
  let root: string;
  let home: string;
  let cwd: string;

  function write(file: string, text: string): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-pip-'));
    home = path.join(root, 'home');
    cwd = path.join(root, 'work');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(cwd, { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('defaults to pypi.org when nothing is configured', async () => {
    const config = await loadPipConfig({ cwd, env: {}, homedir: home });
    assert.deepEqual(config, { indexUrl: DEFAULT_PIP_INDEX, extraIndexUrls: [], files: [], warnings: [] });
    assert.equal(DEFAULT_PIP_INDEX, 'https://pypi.org/simple/');
  });

  it('lets ~/.config/pip/pip.conf win over the legacy ~/.pip/pip.conf', async () => {
    const legacy = write(path.join(home, '.pip', 'pip.conf'), '[global]\nindex-url = https://legacy.example/simple\nextra-index-url = https://legacy-extra.example/simple/\n');
    const user = write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://user.example/simple\n');
    const config = await loadPipConfig({ cwd, env: {}, homedir: home });
    assert.equal(config.indexUrl, 'https://user.example/simple/');
    assert.deepEqual(config.extraIndexUrls, ['https://legacy-extra.example/simple/'], 'keys the newer file does not set are kept');
    assert.deepEqual(config.files, [legacy, user]);
  });

  it('reads $XDG_CONFIG_HOME/pip/pip.conf instead of ~/.config when it is set', async () => {
    write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://home-config.example/simple/\n');
    const xdg = write(path.join(root, 'xdg', 'pip', 'pip.conf'), '[global]\nindex-url = https://xdg.example/simple/\n');
    const config = await loadPipConfig({ cwd, env: { XDG_CONFIG_HOME: path.join(root, 'xdg') }, homedir: home });
    assert.equal(config.indexUrl, 'https://xdg.example/simple/');
    assert.deepEqual(config.files, [xdg]);
  });

  it('lets the virtualenv file win over the user file, and PIP_CONFIG_FILE over both', async () => {
    write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://user.example/simple/\n');
    write(path.join(root, 'venv', 'pip.conf'), '[global]\nindex-url = https://venv.example/simple/\n');
    const env = { VIRTUAL_ENV: path.join(root, 'venv') };
    assert.equal((await loadPipConfig({ cwd, env, homedir: home })).indexUrl, 'https://venv.example/simple/');
    write(path.join(cwd, 'ci', 'pip.conf'), '[global]\nindex-url = https://explicit.example/simple/\n');
    const config = await loadPipConfig({ cwd, env: { ...env, PIP_CONFIG_FILE: 'ci/pip.conf' }, homedir: home });
    assert.equal(config.indexUrl, 'https://explicit.example/simple/');
    assert.equal(config.files.at(-1), path.join(cwd, 'ci', 'pip.conf'));
  });

  it('lets PIP_INDEX_URL and PIP_EXTRA_INDEX_URL win over every file', async () => {
    write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://user.example/simple/\nextra-index-url = https://user-extra.example/simple/\n');
    const env = { PIP_INDEX_URL: ' https://env.example/simple ', PIP_EXTRA_INDEX_URL: 'https://a.example/simple/  https://b.example/simple/' };
    const config = await loadPipConfig({ cwd, env, homedir: home });
    assert.equal(config.indexUrl, 'https://env.example/simple/');
    assert.deepEqual(config.extraIndexUrls, ['https://a.example/simple/', 'https://b.example/simple/']);
  });

  it('turns the files off with PIP_CONFIG_FILE=/dev/null, as pip does, but keeps the environment', async () => {
    write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://user.example/simple/\n');
    const off = await loadPipConfig({ cwd, env: { PIP_CONFIG_FILE: '/dev/null' }, homedir: home });
    assert.equal(off.indexUrl, DEFAULT_PIP_INDEX);
    assert.deepEqual(off.files, []);
    const env = await loadPipConfig({ cwd, env: { PIP_CONFIG_FILE: '/dev/null', PIP_INDEX_URL: 'https://env.example/simple/' }, homedir: home });
    assert.equal(env.indexUrl, 'https://env.example/simple/');
  });

  describe('parsePipConf', () => {
    it('lets [install] win over [global] and accepts underscore spellings', () => {
      const text = '[install]\nindex_url = https://install.example/simple/\n\n[global]\nindex-url = https://global.example/simple/\ntimeout = 60\n';
      assert.deepEqual(parsePipConf(text), { indexUrl: 'https://install.example/simple/' });
    });

    it('joins indented continuation lines of extra-index-url, as configparser does', () => {
      const text = ['[global]', 'extra-index-url =', '    https://one.example/simple/', '\thttps://two.example/simple/', 'index-url = https://main.example/simple/', ''].join('\n');
      assert.deepEqual(parsePipConf(text), {
        indexUrl: 'https://main.example/simple/',
        extraIndexUrls: ['https://one.example/simple/', 'https://two.example/simple/'],
      });
    });

    it('ignores other sections, comments and garbage without throwing', () => {
      assert.deepEqual(parsePipConf('[freeze]\nindex-url = https://freeze.example/\n# index-url = https://comment.example/\n'), {});
      assert.deepEqual(parsePipConf('\u0000\u0001 ===\n[[[\nindex-url\n'), {});
      assert.deepEqual(parsePipConf(''), {});
    });
  });

  describe('bad values', () => {
    it('never falls back to PyPI for an index that cannot be queried, and warns without credentials', async () => {
      write(path.join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = file:///srv/wheels\n');
      const local = await loadPipConfig({ cwd, env: {}, homedir: home });
      assert.equal(local.indexUrl, null);
      assert.equal(local.warnings.length, 1);
      assert.match(local.warnings[0], /not an http\(s\) index/);
      const env = { PIP_INDEX_URL: 'not a url', PIP_EXTRA_INDEX_URL: 'ftp://carol:t0psecret@mirror.example/simple/ https://ok.example/simple/' };
      const bad = await loadPipConfig({ cwd, env, homedir: home });
      assert.equal(bad.indexUrl, null);
      assert.deepEqual(bad.extraIndexUrls, ['https://ok.example/simple/']);
      assert.equal(bad.warnings.length, 2);
      assert.doesNotMatch(bad.warnings.join('\n'), /t0psecret/);
    });

    it('keeps credentials in the URL it returns (the registry turns them into a header) but not in warnings', async () => {
      const config = await loadPipConfig({ cwd, env: { PIP_INDEX_URL: 'https://dave:pa55word@private.example/simple' }, homedir: home });
      assert.equal(config.indexUrl, 'https://dave:pa55word@private.example/simple/');
      assert.deepEqual(config.warnings, []);
    });

    it('turns an unreadable configuration file into a warning', async () => {
      fs.mkdirSync(path.join(home, '.config', 'pip', 'pip.conf'), { recursive: true }); // a folder where the file should be
      const config = await loadPipConfig({ cwd, env: {}, homedir: home });
      assert.equal(config.indexUrl, DEFAULT_PIP_INDEX);
      assert.equal(config.warnings.length, 1);
      assert.match(config.warnings[0], /Could not read pip configuration .*is a folder/);
    });

    it('drops an extra index that repeats the main one', async () => {
      const env = { PIP_INDEX_URL: 'https://same.example/simple', PIP_EXTRA_INDEX_URL: 'https://same.example/simple/ https://same.example/simple/' };
      assert.deepEqual((await loadPipConfig({ cwd, env, homedir: home })).extraIndexUrls, []);
    });
  });
});
