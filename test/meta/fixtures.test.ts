import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { CONFIG_FILE_NAME, expiredSuppressionFindings, parseConfig } from '../../src/config';
import { Analyzer, type RuleSetting, type Service } from '../../src/engine/analyzer';
import { classifyFile } from '../../src/engine/classify';
import { readNeighbours } from '../../src/files/neighbours';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { createTestServices, startRegistryFixture, type RegistryFixture } from '../lib/registry-fixture';

const FIXTURES = join(__dirname, '..', 'fixtures');
const ANNOTATION = /(?:\/\/|#|<!--|\/\*)\s*(ruleid|ok):\s*([a-z0-9-]+\/[a-z0-9-]+)/;
/** A line that holds nothing but an annotation comment. */
const ANNOTATION_LINE = /^\s*(?:\/\/|#|<!--|\/\*)\s*(?:ruleid|ok):/;
/** Files without comments (JSON) keep their expectations next to them in `<file>.expected.json`. */
const SIDECAR_SUFFIX = '.expected.json';

/** One expectation: a finding of `rule` on line `target` (`ruleid`) or none (`ok`), optionally covering `text`. */
interface Note {
  kind: 'ruleid' | 'ok';
  rule: string;
  target: number;
  text?: string;
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (!name.endsWith(SIDECAR_SUFFIX)) yield p;
  }
}

/** Annotated lines: the line after each `ruleid:`/`ok:` comment (skipping further annotation lines). */
function annotations(text: string): Note[] {
  const lines = text.split(/\r?\n/);
  const out: Note[] = [];
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && ANNOTATION_LINE.test(lines[target])) target++;
    out.push({ kind: m[1] as 'ruleid' | 'ok', rule: m[2], target: target + 1 });
  });
  return out;
}

/**
 * Expectations from a sidecar file: `{ "ruleid": { "<rule>": [{ "line": 8, "text": "expresss" }] },
 * "ok": { … } }`, lines 1-based, `text` (optional) the exact text the finding covers.
 */
function sidecarNotes(file: string): Note[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<'ruleid' | 'ok', Record<string, Array<{ line: number; text?: string }>>>>;
  const notes: Note[] = [];
  for (const kind of ['ruleid', 'ok'] as const) {
    for (const [rule, entries] of Object.entries(data[kind] ?? {})) {
      for (const entry of entries) notes.push({ kind, rule, target: entry.line, ...(entry.text !== undefined ? { text: entry.text } : {}) });
    }
  }
  return notes;
}

describe('annotated fixture files', () => {
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const covered = new Set<string>();
  let registry: RegistryFixture | undefined;
  let services: Record<string, Service> = {};

  // Rules that require services (packages/*) ask the fixture registry, with fixture paths resolved under test/fixtures.
  before(async () => {
    registry = await startRegistryFixture();
    services = createTestServices(registry, { root: FIXTURES, resolvePath: (file) => join(FIXTURES, file) });
  });
  after(() => registry?.close());

  for (const file of files(FIXTURES)) {
    const name = relative(FIXTURES, file);
    it(name, async () => {
      const text = readFileSync(file, 'utf8');
      const sidecar = `${file}${SIDECAR_SUFFIX}`;
      const notes = existsSync(sidecar) ? sidecarNotes(sidecar) : annotations(text);
      assert.ok(notes.length > 0, 'fixture has no ruleid/ok annotations');
      if (basename(file) === CONFIG_FILE_NAME) return checkConfigFixture(file, text, notes);
      // A file is read with its unit, as `rampart scan` reads it: a Terraform folder and its local modules, a chart or kustomization.
      const classification = classifyFile(name, text.slice(0, 200));
      const neighbours = classification ? readNeighbours(file, classification, realpathSync(FIXTURES), undefined, text) : [];
      const result = await analyzer.analyzeAsync({ file: name, text, settings, neighbours }, { services, timeoutMs: 15_000 });
      assert.deepEqual(result.errors, []);
      for (const rule of new Set(notes.map((n) => n.rule))) {
        assert.ok(builtinRules.some((r) => r.id === rule), `unknown rule ${rule}`);
        covered.add(rule);
        const findings = result.findings.filter((f) => f.ruleId === rule && !f.suppressed);
        const actual = [...new Set(findings.map((f) => f.start.line))].sort((a, b) => a - b);
        const expected = notes.filter((n) => n.rule === rule && n.kind === 'ruleid').map((n) => n.target).sort((a, b) => a - b);
        assert.deepEqual(actual, expected, `${rule}: lines with findings`);
        const lines = text.split(/\r?\n/);
        for (const note of notes.filter((n) => n.rule === rule)) {
          if (note.text !== undefined) assert.ok(lines[note.target - 1]?.includes(note.text), `line ${note.target} does not contain "${note.text}": stale expectations`);
          if (note.kind === 'ok') assert.ok(!actual.includes(note.target), `${rule}: line ${note.target} is marked ok but has a finding`);
          if (note.kind === 'ruleid' && note.text !== undefined) {
            const covers = findings.some((f) => f.start.line === note.target && text.slice(f.range[0], f.range[1]) === note.text);
            assert.ok(covers, `${rule}: no finding on line ${note.target} covers "${note.text}"`);
          }
        }
      }
    });
  }

  /** A `.rampart.jsonc` fixture: the rules that read the configuration itself, not the analyzer. */
  function checkConfigFixture(file: string, text: string, notes: Note[]): void {
    const parsed = parseConfig(text, file, builtinRules);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    const findings = expiredSuppressionFindings(parsed.config, builtinRules, new Date());
    for (const rule of new Set(notes.map((n) => n.rule))) {
      assert.ok(builtinRules.find((r) => r.id === rule)?.meta.reportedFromConfiguration, `${rule} does not read the configuration`);
      covered.add(rule);
      const actual = findings.filter((f) => f.ruleId === rule).map((f) => f.start.line);
      assert.deepEqual(actual, notes.filter((n) => n.rule === rule && n.kind === 'ruleid').map((n) => n.target), `${rule}: lines with findings`);
    }
  }

  it('every rule has an annotated fixture', () => {
    const missing = builtinRules.filter((r) => !covered.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });
});
