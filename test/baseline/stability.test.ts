/**
 * The baseline's promise, on real code and the real analyzer: findings recorded once stay accepted when unrelated
 * lines move or are edited, when the file is reformatted and when it moves within the repository; a new finding,
 * an extra copy of an accepted one, and a change to the accepted line itself are reported.
 */
import assert from 'node:assert/strict';
import { applyBaseline, baselineEntries, createBaseline, fingerprintFindings, parseBaseline, serializeBaseline, type Baseline } from '../../src/baseline';
import type { Rule } from '../../src/engine/rule';
import type { FileResult } from '../../src/engine/types';
import { builtinRules, createAnalyzer } from '../../src/index';

const RULES: ReadonlyMap<string, Rule> = new Map(builtinRules.map((r) => [r.id, r]));
const SETTINGS = new Map(builtinRules.filter((r) => r.meta.recommended).map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
const analyzer = createAnalyzer({});

/** A Flask service an assistant wrote: a shell injection and two requests with TLS verification off. */
const APP = `import subprocess
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host")
    subprocess.call("ping -c 1 " + host, shell=True)
    return "ok"


@app.route("/status")
def status():
    resp = requests.get("https://internal.example.com/status", verify=False)
    return resp.text


def legacy_client():
    return requests.get("https://legacy.example.com/api", verify=False)
`;

/** An Express client with TLS verification off. */
const CLIENT = `import https from 'node:https';

export const agent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false
});

export function get(url) {
  return fetch(url, { agent });
}
`;

interface File {
  path: string;
  text: string;
}

function scan(files: File[]): Array<{ path: string; text: string; result: FileResult }> {
  return files.map(({ path, text }) => ({ path, text, result: fingerprintFindings(analyzer.analyze({ file: path, text, settings: SETTINGS }), text) }));
}

/** The baseline of a scan, written and read back as the CLI does. */
function baselineOf(files: File[]): Baseline {
  const entries = scan(files).flatMap(({ path, text, result }) => baselineEntries(result, path, text, RULES));
  const parsed = parseBaseline(serializeBaseline(createBaseline(entries, '0.1.0')));
  assert.ok(parsed.ok);
  return parsed.baseline;
}

/** The findings of a new scan that the baseline does not accept, as `path:line rule`. */
function newFindings(baseline: Baseline, files: File[], existing: ReadonlySet<string>): string[] {
  const scanned = scan(files);
  applyBaseline(
    baseline,
    scanned.map(({ path, result }) => ({ path, findings: result.findings })),
    { exists: (p) => existing.has(p) },
  );
  return scanned.flatMap(({ path, result }) => result.findings.filter((f) => !f.suppressed).map((f) => `${path}:${f.start.line} ${f.ruleId}`));
}

const ORIGINAL: File[] = [
  { path: 'services/api/app.py', text: APP },
  { path: 'web/src/client.js', text: CLIENT },
];
const PATHS = new Set(ORIGINAL.map((f) => f.path));

describe('baseline stability (real analyzer)', () => {
  before(() => analyzer.prepare());

  it('the fixture has the findings the tests are about', () => {
    const found = scan(ORIGINAL).flatMap(({ path, result }) => result.findings.map((f) => `${path}:${f.start.line} ${f.ruleId}`));
    assert.ok(found.includes('services/api/app.py:11 python/no-shell-injection'), found.join('\n'));
    assert.equal(found.filter((f) => f.startsWith('services/api/app.py:') && f.endsWith('python/no-disabled-tls')).length, 2, found.join('\n'));
    assert.ok(found.includes('web/src/client.js:5 js/no-disabled-tls'), found.join('\n'));
  });

  it('accepts every finding of the scan it was written from', () => {
    assert.deepEqual(newFindings(baselineOf(ORIGINAL), ORIGINAL, PATHS), []);
  });

  it('survives lines inserted above, unrelated lines edited and deleted, and functions reordered', () => {
    const edited = APP.replace('import subprocess\n', 'import logging\nimport subprocess\n\nlog = logging.getLogger(__name__)\n')
      .replace('    return "ok"', '    log.info("pinged %s", host)\n    return "pong"')
      .replace('app = Flask(__name__)\n', 'app = Flask("api")\n');
    // The legacy client moves to the top of the file.
    const legacy = 'def legacy_client():\n    return requests.get("https://legacy.example.com/api", verify=False)\n';
    const reordered = edited.replace(legacy, '').replace('app = Flask("api")\n', `app = Flask("api")\n\n\n${legacy}`);
    const files = [{ path: 'services/api/app.py', text: reordered }, ORIGINAL[1]];
    assert.deepEqual(newFindings(baselineOf(ORIGINAL), files, PATHS), []);
  });

  it('survives reformatting: indentation, spaces around operators and arguments, CRLF line ends, trailing commas', () => {
    const app = APP.replace('"ping -c 1 " + host, shell=True', '"ping -c 1 "+host,  shell = True').replace(/\n/g, '\r\n');
    // A formatter's trailing comma after the last property, tabs, and a space before the colon.
    const client = CLIENT.replace('rejectUnauthorized: false\n', 'rejectUnauthorized : false,\n').replace(/^ {2}/gm, '\t');
    const files = [
      { path: 'services/api/app.py', text: app },
      { path: 'web/src/client.js', text: client },
    ];
    assert.deepEqual(newFindings(baselineOf(ORIGINAL), files, PATHS), []);
  });

  it('survives files moved within the repository (matched by rule and fingerprint, up to the recorded counts)', () => {
    const files = [
      { path: 'backend/app.py', text: APP },
      { path: 'frontend/lib/http-client.js', text: CLIENT },
    ];
    assert.deepEqual(newFindings(baselineOf(ORIGINAL), files, new Set(files.map((f) => f.path))), []);
  });

  it('reports a new finding, and an extra copy of an accepted line, while the old ones stay accepted', () => {
    const app = APP.replace(
      'def legacy_client():',
      'def export(path):\n    subprocess.call("tar czf out.tgz " + request.args["dir"], shell=True)\n\n\ndef legacy_client():',
    ).replace('    return resp.text\n', '    resp = requests.get("https://internal.example.com/status", verify=False)\n    return resp.text\n');
    const fresh = newFindings(baselineOf(ORIGINAL), [{ path: 'services/api/app.py', text: app }, ORIGINAL[1]], PATHS);
    // The second of two identical requests (the first keeps the accepted place), and the new command injection.
    assert.deepEqual(fresh, ['services/api/app.py:18 python/no-disabled-tls', 'services/api/app.py:23 python/no-shell-injection']);
  });

  it('reports an accepted line that was changed, and a moved copy while the original still exists', () => {
    const app = APP.replace('"ping -c 1 " + host', '"ping -c 3 " + host');
    const copy = { path: 'tools/client-copy.js', text: CLIENT };
    const fresh = newFindings(baselineOf(ORIGINAL), [{ path: 'services/api/app.py', text: app }, ORIGINAL[1], copy], new Set([...PATHS, copy.path]));
    assert.deepEqual(fresh, ['services/api/app.py:11 python/no-shell-injection', 'tools/client-copy.js:5 js/no-disabled-tls']);
  });
});
