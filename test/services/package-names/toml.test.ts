import assert from 'node:assert/strict';
import { extractPipfile, extractPyproject } from '../../../src/services/package-names';
import { compact, nth } from './helpers';

const PYPROJECT = `[build-system]
requires = ["hatchling"]

[project]
name = "demo"
dependencies = [
  "requests[socks]>=2.31",
  'numpy; python_version > "3.9"',
  "requests",          # listed twice on purpose
  "pkg @ https://example.test/pkg.zip",
]

[project.optional-dependencies]
dev = ["pytest>=8", "coverage"]
"docs" = ["sphinx"]

[tool.poetry.dependencies]
python = "^3.10"
fastapi = "^0.110"
"pydantic" = { version = "^2", extras = ["email"] }
mylib = { path = "../mylib" }
gitdep = { git = "https://github.com/a/b.git" }

[tool.poetry.group.test.dependencies]
hypothesis = "*"

[tool.uv]
dev-dependencies = ["ruff==0.4"]

[dependency-groups]
lint = ["mypy", {include-group = "dev"}]
`;

describe('package-names: pyproject.toml', () => {
  it('reads PEP 621, Poetry, uv and dependency groups with exact ranges', () => {
    const refs = extractPyproject(PYPROJECT);
    assert.deepEqual(compact(PYPROJECT, refs), [
      ['requests', '>=2.31', true],
      ['numpy', undefined, true],
      ['requests', undefined, true],
      ['pkg', undefined, false],
      ['pytest', '>=8', true],
      ['coverage', undefined, true],
      ['sphinx', undefined, true],
      ['fastapi', '^0.110', true],
      ['pydantic', '^2', true],
      ['mylib', undefined, false],
      ['gitdep', undefined, false],
      ['hypothesis', '*', true],
      ['ruff', '==0.4', true],
      ['mypy', undefined, true],
    ]);
    assert.equal(refs[2].range[0], nth(PYPROJECT, '"requests"') + 1, 'the second requests points at its own line');
    assert.deepEqual([...new Set(refs.map((r) => r.field))], [
      'project.dependencies',
      'project.optional-dependencies.dev',
      'project.optional-dependencies.docs',
      'tool.poetry.dependencies',
      'tool.poetry.group.test.dependencies',
      'tool.uv.dev-dependencies',
      'dependency-groups.lint',
    ]);
    assert.ok(!refs.some((r) => r.name === 'python' || r.name === 'hatchling'));
  });

  it('finds values written with dotted keys under a parent table', () => {
    const text = `[project]\nname = "x"\noptional-dependencies.dev = ["black"]\n[tool.poetry]\ndependencies = { flask = "^3" }\n`;
    assert.deepEqual(compact(text, extractPyproject(text)), [['black', undefined, true], ['flask', '^3', true]]);
  });

  it('keeps the tables it can read when another table has a syntax error', () => {
    const broken = PYPROJECT.replace('hypothesis = "*"', 'hypothesis = "*');
    const names = compact(broken, extractPyproject(broken)).map(([n]) => n);
    assert.ok(names.includes('fastapi') && names.includes('mypy') && names.includes('pytest'));
    assert.ok(!names.includes('hypothesis'));
  });

  it('takes names uv installs from a path, git, a URL or the workspace as not registry names', () => {
    const text = `[project]\nname = "app"\ndependencies = ["Acme_Core", "acme-cli", "torch", "httpx", "fork"]\n\n[tool.uv.sources]\nacme-core = { path = "../core", editable = true }\nacme-cli = { workspace = true }\ntorch = { index = "pytorch" }\nfork = [{ git = "https://github.com/a/fork", marker = "sys_platform == 'linux'" }, { index = "pypi" }]\n`;
    assert.deepEqual(compact(text, extractPyproject(text)), [
      ['Acme_Core', undefined, false],
      ['acme-cli', undefined, false],
      ['torch', undefined, true],
      ['httpx', undefined, true],
      ['fork', undefined, false],
    ]);
  });

  it('returns nothing for empty, unrelated or malformed TOML', () => {
    for (const text of ['', '[project]', '[project]\ndependencies = "requests"', '[project]\ndependencies = [', 'dependencies = ["x"]\n', '[tool.poetry.dependencies]\n= 1', '[[[', '[tool.poetry]\ndependencies = 3']) {
      assert.deepEqual(extractPyproject(text), [], text);
    }
  });
});

describe('package-names: Pipfile', () => {
  it('reads [packages] and [dev-packages]', () => {
    const text = `[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n[packages]\nrequests = "*"\nflask = {version = ">=2"}\nlocal = {path = ".", editable = true}\n\n[dev-packages]\npytest = "*"\n\n[requires]\npython_version = "3.11"\n`;
    const refs = extractPipfile(text);
    assert.deepEqual(compact(text, refs), [['requests', '*', true], ['flask', '>=2', true], ['local', undefined, false], ['pytest', '*', true]]);
    assert.deepEqual(refs.map((r) => r.field), ['packages', 'packages', 'packages', 'dev-packages']);
  });

  it('does not confuse a key name with the same word elsewhere', () => {
    const text = `[packages]\n# requests is pinned below\nrequests = "==2.0"\n`;
    const [ref] = extractPipfile(text);
    assert.equal(ref.range[0], nth(text, 'requests', 1));
  });

  it('returns nothing for malformed input', () => {
    for (const text of ['', '[packages', '[packages]\nrequests = ', 'packages = 1']) assert.deepEqual(extractPipfile(text), [], text);
  });
});
