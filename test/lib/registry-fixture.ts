/**
 * One real loopback HTTP server that speaks both the npm registry protocol (packuments) and the PyPI
 * Simple Repository API in JSON (PEP 691 with PEP 700 upload times and versions), serving a fixed table
 * of realistic packages; every other name answers 404. Dates of "new" packages are computed from the
 * time the fixture starts, so age checks hold whenever the tests run. Used by the `packages/*` rule
 * tests, the annotated fixtures and the executed rule docs; no registry function is ever stubbed.
 */
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { MODULES_SERVICE, ModuleService, moduleRuleSettings } from '../../src/services/modules';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Analyzer, type Service } from '../../src/engine/analyzer';
import { NpmRegistry } from '../../src/services/npm-registry';
import { normalizePypiName } from '../../src/services/package-names/names';
import { PROJECT_SERVICE, ProjectService } from '../../src/services/project';
import { PyPiRegistry } from '../../src/services/pypi-registry';
import { REDOS_SERVICE, RedosService } from '../../src/services/redos';
import { REGISTRY_SERVICE, RegistryService } from '../../src/services/registry-service';
import { TEMPLATES_SERVICE, TemplateService } from '../../src/services/templates';
import { json, packument, startRegistry, type Handler, type RegistryServer } from '../services/registry-server';

const DAY = 86_400_000;
const SIMPLE_JSON = 'application/vnd.pypi.simple.v1+json';

/** One npm version: publish time (ISO date or days before now), install scripts, deprecation. */
interface NpmVersion {
  time: string | number;
  scripts?: Record<string, string>;
  deprecated?: string;
}

/** One PyPI release: upload time (ISO date or days before now), whether a wheel exists, yank reason. */
interface PypiRelease {
  time: string | number;
  wheel?: boolean;
  sdist?: boolean;
  yanked?: string | true;
}

/** npm packages the fixture registry knows, by name. */
export const NPM_PACKAGES: Readonly<Record<string, { versions: Record<string, NpmVersion>; latest?: string; unpublished?: boolean }>> = {
  express: {
    versions: {
      '3.21.2': { time: '2015-07-31T10:00:00.000Z' },
      '4.18.2': { time: '2022-10-08T20:00:00.000Z' },
      '4.21.2': { time: '2024-12-05T22:00:00.000Z' },
      '5.0.0-beta.1': { time: '2022-02-14T05:00:00.000Z' },
      '5.1.0': { time: '2025-03-31T14:00:00.000Z' },
    },
    latest: '5.1.0',
  },
  lodash: {
    versions: {
      '1.0.0': { time: '2012-04-23T16:37:11.912Z' },
      '3.10.1': { time: '2015-08-04T06:05:06.887Z' },
      '4.17.20': { time: '2020-08-13T16:53:54.152Z' },
      '4.17.21': { time: '2021-02-20T15:42:16.891Z' },
    },
  },
  react: { versions: { '18.3.1': { time: '2024-04-26T16:42:00.000Z' }, '19.1.0': { time: '2025-03-28T19:59:00.000Z' } } },
  'react-dom': { versions: { '18.3.1': { time: '2024-04-26T16:42:00.000Z' }, '19.1.0': { time: '2025-03-28T19:59:00.000Z' } } },
  axios: { versions: { '0.27.2': { time: '2022-04-27T09:56:00.000Z' }, '1.7.9': { time: '2024-12-04T07:38:00.000Z' } } },
  openai: { versions: { '4.77.0': { time: '2024-12-17T19:00:00.000Z' } } },
  zod: { versions: { '3.24.1': { time: '2024-12-10T20:00:00.000Z' } } },
  '@babel/core': { versions: { '7.26.0': { time: '2024-10-25T13:30:00.000Z' } } },
  '@types/node': { versions: { '22.10.2': { time: '2024-12-13T01:00:00.000Z' } } },
  esbuild: { versions: { '0.24.2': { time: '2024-12-20T17:00:00.000Z', scripts: { postinstall: 'node install.js' } } } },
  bcrypt: { versions: { '5.1.1': { time: '2023-08-16T10:00:00.000Z', scripts: { install: 'node-pre-gyp install --fallback-to-build' } } } },
  request: {
    versions: {
      '2.88.0': { time: '2018-07-16T19:00:00.000Z', deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' },
      '2.88.2': { time: '2020-02-11T16:00:00.000Z', deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' },
    },
  },
  uuid: {
    versions: {
      '3.4.0': { time: '2020-01-15T10:00:00.000Z', deprecated: 'Please upgrade to version 7 or higher. Older versions may use Math.random() in certain circumstances, which is known to be problematic.' },
      '8.3.2': { time: '2020-12-03T10:00:00.000Z' },
      '11.0.3': { time: '2024-11-04T10:00:00.000Z' },
    },
    latest: '11.0.3',
  },
  'har-validator': {
    versions: {
      '5.1.3': { time: '2018-11-20T10:00:00.000Z' },
      '5.1.5': { time: '2020-07-23T10:00:00.000Z', deprecated: 'this library is no longer supported' },
    },
  },
  // Published days before the tests run.
  'vite-plugin-agent-kit': {
    versions: { '0.1.0': { time: 4 }, '0.1.1': { time: 3, scripts: { postinstall: 'node ./setup.js' } } },
  },
  'mcp-weather-server-kit': { versions: { '1.0.0': { time: 12 } } },
  'native-speedup': { versions: { '0.3.0': { time: 95 }, '0.4.0': { time: 60, scripts: { install: 'node-gyp rebuild' } } } },
  'tiny-date-utils': { versions: { '0.2.0': { time: 90 } } },
  'electron-native-notify': { versions: {}, unpublished: true },
  // Registered squats: near-misses of popular packages that exist, old and without install scripts, so
  // only packages/no-typosquat reports them. The near-misses the no-nonexistent tests use (expresss,
  // lodahs, @openai/sdk) stay 404. crossenv is npm's security placeholder for the 2017 malware.
  crossenv: { versions: { '0.0.1-security': { time: '2017-08-02T21:21:00.000Z' } } },
  expres: { versions: { '0.0.1': { time: '2014-03-18T09:12:00.000Z' }, '0.0.2': { time: '2014-03-20T11:40:00.000Z' } } },
  lodsah: { versions: { '1.0.0': { time: '2019-06-04T13:05:00.000Z' } } },
};

/** PyPI projects the fixture index knows, by normalised name: display name and releases. */
export const PYPI_PROJECTS: Readonly<Record<string, { name: string; releases: Record<string, PypiRelease> }>> = {
  requests: {
    name: 'requests',
    releases: { '2.0.0': { time: '2013-09-24T17:00:00Z' }, '2.31.0': { time: '2023-05-22T15:12:00Z' }, '2.32.3': { time: '2024-05-29T15:37:00Z' } },
  },
  numpy: { name: 'numpy', releases: { '1.26.4': { time: '2024-02-05T23:00:00Z' }, '2.2.1': { time: '2024-12-21T20:00:00Z' } } },
  flask: { name: 'Flask', releases: { '2.3.3': { time: '2023-08-21T19:00:00Z' }, '3.1.0': { time: '2024-11-13T18:00:00Z' } } },
  django: { name: 'Django', releases: { '4.2.17': { time: '2024-12-04T15:00:00Z' }, '5.1.4': { time: '2024-12-04T15:10:00Z' } } },
  pyyaml: { name: 'PyYAML', releases: { '6.0.2': { time: '2024-08-06T20:00:00Z' } } },
  'opencv-python': { name: 'opencv-python', releases: { '4.10.0.84': { time: '2024-06-17T18:00:00Z' } } },
  'scikit-learn': { name: 'scikit-learn', releases: { '1.6.0': { time: '2024-12-09T16:00:00Z' } } },
  pandas: { name: 'pandas', releases: { '2.2.3': { time: '2024-09-20T13:00:00Z' } } },
  fastapi: { name: 'fastapi', releases: { '0.115.6': { time: '2024-12-03T22:00:00Z' } } },
  httpx: { name: 'httpx', releases: { '0.28.1': { time: '2024-12-06T15:00:00Z' } } },
  'python-dateutil': { name: 'python-dateutil', releases: { '2.9.0.post0': { time: '2024-03-01T18:00:00Z' } } },
  gunicorn: { name: 'gunicorn', releases: { '23.0.0': { time: '2024-08-10T20:00:00Z' } } },
  ujson: { name: 'ujson', releases: { '5.10.0': { time: '2024-05-14T02:00:00Z' } } },
  colorama: { name: 'colorama', releases: { '0.4.6': { time: '2022-10-25T02:35:00Z' } } },
  'fastapi-mcp-toolkit': { name: 'fastapi-mcp-toolkit', releases: { '0.0.1': { time: 5, wheel: false } } },
  'langchain-agent-helpers': { name: 'langchain-agent-helpers', releases: { '0.1.0': { time: 20 }, '0.2.0': { time: 8 } } },
  'pyturbo-json': { name: 'pyturbo-json', releases: { '0.9.0': { time: 120, wheel: false }, '1.0.0': { time: 45, wheel: false } } },
  'dataclass-tools': {
    name: 'dataclass-tools',
    releases: { '0.1.0': { time: '2024-01-10T10:00:00Z', yanked: true }, '0.1.1': { time: '2024-01-12T10:00:00Z', yanked: 'Broken release, use dataclasses-json' } },
  },
  'huggingface-cli': { name: 'huggingface-cli', releases: {} },
  // Registered squats (see NPM_PACKAGES); reqeusts stays 404.
  djnago: { name: 'djnago', releases: { '0.0.1': { time: '2019-11-05T08:30:00Z' } } },
  flaks: { name: 'flaks', releases: { '0.1.0': { time: '2020-02-17T16:45:00Z' }, '0.1.1': { time: '2020-02-19T10:10:00Z' } } },
  numpyy: { name: 'numpyy', releases: { '1.0.0': { time: '2021-09-28T12:00:00Z' } } },
  pandsa: { name: 'pandsa', releases: { '0.1.0': { time: '2022-05-09T07:20:00Z' } } },
  // A squat removed after a malware report: the name is held, with no files (unpublished).
  colourama: { name: 'colourama', releases: {} },
};

/** Names whose look-ups fail: the registry answers 500, garbage, or 403 for them, in both ecosystems. */
export const FAILING_NAMES = { serverError: 'flaky-package', garbage: 'garbled-package', forbidden: 'forbidden-package' } as const;

/** The started fixture registry. */
export interface RegistryFixture {
  /** npm registry base URL (with trailing slash). */
  readonly npmUrl: string;
  /** PyPI Simple index URL (with trailing slash). */
  readonly pypiUrl: string;
  /** Names requested so far: `express`, `@babel/core`, `simple/requests/`. */
  readonly requests: () => string[];
  /** From now on, a failing name answers as a package first published `daysOld` days ago (both ecosystems). */
  recover(name: string, daysOld: number): void;
  close(): Promise<void>;
}

/** Starts the fixture registry on an ephemeral loopback port. */
export async function startRegistryFixture(now = Date.now()): Promise<RegistryFixture> {
  const server: RegistryServer = await startRegistry();
  const at = (time: string | number): string => (typeof time === 'number' ? new Date(now - time * DAY).toISOString() : time);
  for (const [name, spec] of Object.entries(NPM_PACKAGES)) server.routes.set(name, json(npmDocument(name, spec, at)));
  for (const [key, spec] of Object.entries(PYPI_PROJECTS)) server.routes.set(`simple/${key}/`, simple(simpleProject(spec.name, spec.releases, at)));
  for (const prefix of ['', 'simple/']) {
    const suffix = prefix ? '/' : '';
    server.routes.set(`${prefix}${FAILING_NAMES.serverError}${suffix}`, json({ error: 'internal error' }, 500));
    server.routes.set(`${prefix}${FAILING_NAMES.garbage}${suffix}`, send('<html>{"name": ', 'application/json'));
    server.routes.set(`${prefix}${FAILING_NAMES.forbidden}${suffix}`, json({ error: 'forbidden' }, 403));
  }
  return {
    npmUrl: server.url,
    pypiUrl: `${server.url}simple/`,
    requests: () => server.requests.map((r) => r.name),
    recover: (name, daysOld) => {
      server.routes.set(name, json(npmDocument(name, { versions: { '1.0.0': { time: daysOld } } }, at)));
      server.routes.set(`simple/${normalizePypiName(name)}/`, simple(simpleProject(name, { '1.0.0': { time: daysOld } }, at)));
    },
    close: () => server.close(),
  };
}

function npmDocument(name: string, spec: (typeof NPM_PACKAGES)[string], at: (time: string | number) => string): Record<string, unknown> {
  if (spec.unpublished) {
    return { _id: name, name, time: { created: '2024-06-01T00:00:00.000Z', modified: '2024-06-02T00:00:00.000Z', unpublished: { time: '2024-06-02T00:00:00.000Z', versions: ['1.0.0'] } } };
  }
  const versions = Object.fromEntries(Object.entries(spec.versions).map(([v, meta]) => [v, { ...meta, time: at(meta.time) }]));
  const created = Object.values(versions).map((v) => v.time).sort()[0];
  return packument(name, versions, { created, ...(spec.latest ? { latest: spec.latest } : {}) });
}

/** A PEP 691 project page with PEP 700 fields: a wheel and/or an sdist per release. */
function simpleProject(name: string, releases: Record<string, PypiRelease>, at: (time: string | number) => string): Record<string, unknown> {
  const stem = name.toLowerCase().replace(/[-.]+/g, '_');
  const files: Record<string, unknown>[] = [];
  for (const [version, release] of Object.entries(releases)) {
    const kinds = [...(release.wheel !== false ? [`${stem}-${version}-py3-none-any.whl`] : []), ...(release.sdist !== false ? [`${stem}-${version}.tar.gz`] : [])];
    for (const filename of kinds) {
      files.push({
        filename,
        url: `https://files.example/${filename}`,
        hashes: { sha256: '0'.repeat(64) },
        'upload-time': at(release.time),
        ...(release.yanked !== undefined ? { yanked: release.yanked } : {}),
      });
    }
  }
  return { meta: { 'api-version': '1.1' }, name: normalizePypiName(name), files, versions: Object.keys(releases) };
}

function send(body: string, contentType: string, status = 200): Handler {
  return (_req, res: http.ServerResponse) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  };
}

function simple(body: unknown): Handler {
  return send(JSON.stringify(body), SIMPLE_JSON);
}

/** A team allow-list entry, as `.rampart.jsonc` `packages.allow` holds it. */
export interface AllowEntry {
  name: string;
  reason: string;
  ecosystem?: 'npm' | 'pypi';
}

/** The allow-list of the test services: a private npm package and a private PyPI project. */
export const TEST_ALLOW: readonly AllowEntry[] = [
  { name: 'acme-internal-sdk', reason: 'published to our private registry only', ecosystem: 'npm' },
  { name: 'acme-ml-utils', reason: 'internal wheel on the company index', ecosystem: 'pypi' },
  { name: 'chalkk', reason: 'our logging wrapper around chalk, on the private registry', ecosystem: 'npm' },
];

/** Options of {@link createTestServices}. */
export interface TestServicesOptions {
  /** Project root the project service reads manifests under. */
  root: string;
  /** Maps an engine file path to an absolute path; default: resolved against `root`. */
  resolvePath?: (file: string) => string | null;
  allow?: readonly AllowEntry[];
  /** Base URL of a port nothing listens on: both registries point there (network down). */
  unreachable?: string;
}

/** The ReDoS checker of the tests: one worker for the run, with a time limit a loaded CI machine meets. */
const testRedosService = new RedosService({ timeoutMs: 3000 });

/** The `project` and `package-registry` services for tests, talking to the fixture registry, and the local `redos` checker. */
export function createTestServices(fixture: RegistryFixture, options: TestServicesOptions): Record<string, Service> {
  const allow = options.allow ?? TEST_ALLOW;
  const lookup = { timeoutMs: 2000, retries: 1, retryBaseMs: 5, maxRetryWaitMs: 50 };
  const npmUrl = options.unreachable ?? fixture.npmUrl;
  const pypiUrl = options.unreachable ? `${options.unreachable}simple/` : fixture.pypiUrl;
  const names = (ecosystem: 'npm' | 'pypi') => allow.filter((a) => (a.ecosystem ?? ecosystem) === ecosystem).map((a) => a.name);
  const registry = new RegistryService({
    npm: new NpmRegistry({ ...lookup, fetchOptions: { registry: npmUrl }, allow: names('npm') }),
    pypi: new PyPiRegistry({ ...lookup, indexUrl: pypiUrl, allow: names('pypi') }),
  });
  const root = path.resolve(options.root);
  const resolvePath = options.resolvePath ?? ((file: string) => path.resolve(root, file));
  const project = new ProjectService({ root, resolvePath, allow: [...allow] });
  // Calls into workspace modules: the modules are analysed with every rule that follows such calls.
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = moduleRuleSettings(new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }])), builtinRules);
  const modules = new ModuleService({
    root,
    resolvePath,
    analyze: (file, text, { services, signal }) => analyzer.analyzeAsync({ file, text, settings, summaries: true }, { services, signal }),
  });
  const templates = new TemplateService({ root, resolvePath });
  return { [PROJECT_SERVICE]: project, [REGISTRY_SERVICE]: registry, [REDOS_SERVICE]: testRedosService, [MODULES_SERVICE]: modules, [TEMPLATES_SERVICE]: templates };
}

/**
 * Writes a small project to a temporary folder: a package.json with workspaces and dependencies, a
 * workspace package, an installed-only package in node_modules, tsconfig path aliases, a requirements
 * file, a virtual environment with one installed distribution and local Python modules. Returns its path; remove it with {@link removeProject}.
 */
export function createProjectFixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-project-'));
  const write = (file: string, content: string | object): void => {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  };
  write('package.json', {
    name: 'demo-app',
    private: true,
    workspaces: ['packages/*'],
    dependencies: { express: '^4.21.2', lodash: '^4.17.21', 'vite-plugin-agent-kit': '^0.1.1', request: '^2.88.2' },
    // A near-miss already in the manifest: reported there, not at each import.
    devDependencies: { '@types/node': '^22.10.2', axois: '^1.7.9' },
  });
  write('packages/ui/package.json', { name: '@acme/ui', version: '1.0.0' });
  write('node_modules/installed-only/package.json', { name: 'installed-only', version: '1.0.0' });
  write('tsconfig.json', { compilerOptions: { baseUrl: '.', paths: { '@/*': ['src/*'], '~lib/*': ['lib/*'] } } });
  write('requirements.txt', 'requests>=2.31\nnumpy==2.2.1\nfastapi-mcp-toolkit==0.0.1\n');
  write('.venv/lib/python3.12/site-packages/pandsa-0.1.0.dist-info/METADATA', 'Metadata-Version: 2.1\nName: pandsa\nVersion: 0.1.0\n');
  write('myapp/__init__.py', '');
  write('helpers.py', 'def helper():\n    return 1\n');
  return root;
}

/** `http://127.0.0.1:<port>/` for a loopback port that was free a moment ago: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

/** Removes a folder made by {@link createProjectFixture}. */
export function removeProject(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** A started fixture registry, a project folder and the services over them. */
export interface PackageEnvironment {
  readonly fixture: RegistryFixture;
  /** The project folder of {@link createProjectFixture}. */
  readonly root: string;
  /** Services answering from the fixture registry, for files under `root`. */
  readonly services: Record<string, Service>;
  /** The same, with both registries unreachable (connection refused). */
  readonly unreachable: Record<string, Service>;
  close(): Promise<void>;
}

/** Starts the fixture registry and writes the project fixture; call `close` when done. */
export async function startPackageEnvironment(): Promise<PackageEnvironment> {
  const fixture = await startRegistryFixture();
  const root = createProjectFixture();
  return {
    fixture,
    root,
    services: createTestServices(fixture, { root }),
    unreachable: createTestServices(fixture, { root, unreachable: await closedPortUrl() }),
    close: async () => {
      await fixture.close();
      removeProject(root);
    },
  };
}
