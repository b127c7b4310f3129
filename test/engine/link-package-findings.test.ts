import assert from 'node:assert/strict';
import { linkPackageFindings, MAX_IMPORT_LINKS } from '../../src/engine/link-package-findings';
import type { FileResult, Finding, RelatedLocation } from '../../src/engine/types';

// Findings as a scan returns them: a manifest entry and the imports of the same made-up package in other
// files, the imports pointing at the entry (the rule's related location, or only the declaredIn property).

const RULE = 'packages/no-nonexistent-package';

interface Spec {
  file: string;
  line: number;
  column: number;
  length: number;
  pkg?: string;
  ecosystem?: 'npm' | 'pypi';
  rule?: string;
  declaredIn?: string;
  related?: RelatedLocation[];
  suppressed?: boolean;
}

/** A finding on one line; offsets are `line * 100 + column - 1`, so they are distinct and predictable. */
function finding(spec: Spec): Finding {
  const start = spec.line * 100 + spec.column - 1;
  const properties: Record<string, string> = { ecosystem: spec.ecosystem ?? 'npm', package: spec.pkg ?? 'agent-tools-ai' };
  if (spec.declaredIn) properties.declaredIn = spec.declaredIn;
  return {
    ruleId: spec.rule ?? RULE,
    messageId: 'm',
    message: 'm',
    severity: 'error',
    file: spec.file,
    range: [start, start + spec.length],
    start: { line: spec.line, column: spec.column },
    end: { line: spec.line, column: spec.column + spec.length },
    suggestions: [],
    related: spec.related ?? [],
    properties,
    ...(spec.suppressed ? { suppressed: { kind: 'inline' as const, reason: 'vendored' } } : {}),
  };
}

/** A related location at the finding `target`, named from `from`'s folder as `file`. */
function at(target: Finding, file: string, message = 'Declared here (package.json)'): RelatedLocation {
  return { message, range: target.range, start: target.start, end: target.end, file };
}

function results(...findings: Finding[]): FileResult[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  return [...byFile].map(([file, list]) => ({ file, language: 'js', findings: list, errors: [] }));
}

/** `[message, file, line, column]` of each related location of the finding at `file`:`line`. */
function linksOf(out: FileResult[], file: string, line: number): Array<[string, string | undefined, number, number]> {
  const f = out.find((r) => r.file === file)!.findings.find((x) => x.start.line === line)!;
  return f.related.map((r) => [r.message, r.file, r.start.line, r.start.column]);
}

describe('linkPackageFindings', () => {
  const manifest = finding({ file: 'package.json', line: 6, column: 6, length: 14 });

  it('gives the manifest finding an "Imported here" location at each import that links to it', () => {
    const a = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14, related: [at(manifest, '../package.json')] });
    const b = finding({ file: 'src/lib/b.ts', line: 3, column: 8, length: 14, related: [at(manifest, '../../package.json')] });
    const out = linkPackageFindings(results(manifest, b, a));
    assert.deepEqual(linksOf(out, 'package.json', 6), [
      ['Imported here (src/a.ts)', 'src/a.ts', 1, 20],
      ['Imported here (src/lib/b.ts)', 'src/lib/b.ts', 3, 8],
    ]);
    const imported = out[0].findings[0].related[0];
    assert.deepEqual([imported.range, imported.end], [a.range, a.end]);
    assert.deepEqual(linksOf(out, 'src/a.ts', 1), [['Declared here (package.json)', '../package.json', 6, 6]], 'the import already links to the entry');
  });

  it('leaves its input alone and returns the same objects where nothing changes', () => {
    const a = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14, related: [at(manifest, '../package.json')] });
    const other = finding({ file: 'src/c.ts', line: 2, column: 1, length: 5, pkg: 'other-pkg' });
    const input = results(manifest, a, other);
    const snapshot = structuredClone(input);
    const out = linkPackageFindings(input);
    assert.deepEqual(input, snapshot);
    assert.equal(out[1], input[1], 'the import finding is unchanged');
    assert.equal(out[2], input[2]);
    assert.notEqual(out[0], input[0]);
  });

  it('an import with only the declaredIn property gets a location at the manifest finding too', () => {
    const a = finding({ file: 'app/src/a.ts', line: 1, column: 20, length: 14, declaredIn: 'package.json:6:6' });
    const rootManifest = finding({ file: 'app/package.json', line: 6, column: 6, length: 14 });
    const out = linkPackageFindings(results(rootManifest, a));
    assert.deepEqual(linksOf(out, 'app/src/a.ts', 1), [['Declared here (../package.json)', '../package.json', 6, 6]]);
    assert.deepEqual(linksOf(out, 'app/package.json', 6), [['Imported here (src/a.ts)', 'src/a.ts', 1, 20]]);
  });

  it('a declaredIn without a position, or malformed, links to nothing', () => {
    for (const declaredIn of ['package.json', 'package.json:6', 'package.json:x:6', ':6:6', 'package.json:6:6:']) {
      const a = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14, declaredIn });
      assert.deepEqual(linksOf(linkPackageFindings(results(manifest, a)), 'package.json', 6), [], declaredIn);
    }
  });

  it('declaredIn names the manifest of the import’s own root, never another folder’s at the same position', () => {
    const a = finding({ file: 'svc/api/main.ts', line: 1, column: 20, length: 14, declaredIn: 'api/package.json:6:6' });
    const elsewhere = finding({ file: 'other/api/package.json', line: 6, column: 6, length: 14 });
    const own = finding({ file: 'svc/api/package.json', line: 6, column: 6, length: 14 });
    const out = linkPackageFindings(results(elsewhere, own, a));
    assert.deepEqual(linksOf(out, 'svc/api/main.ts', 1), [['Declared here (package.json)', 'package.json', 6, 6]]);
    assert.deepEqual(linksOf(out, 'other/api/package.json', 6), []);
    assert.deepEqual(linksOf(out, 'svc/api/package.json', 6), [['Imported here (main.ts)', 'main.ts', 1, 20]]);
  });

  it('links no import that does not point at the entry: undeclared, or declared by another manifest', () => {
    const nested = finding({ file: 'packages/api/package.json', line: 4, column: 6, length: 14 });
    const undeclared = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14 });
    const toNested = finding({ file: 'packages/api/src/server.ts', line: 2, column: 10, length: 14, related: [at(nested, '../package.json')] });
    const out = linkPackageFindings(results(manifest, nested, undeclared, toNested));
    assert.deepEqual(linksOf(out, 'package.json', 6), [], 'the root manifest: no import of its project');
    assert.deepEqual(linksOf(out, 'src/a.ts', 1), []);
    assert.deepEqual(linksOf(out, 'packages/api/package.json', 4), [['Imported here (src/server.ts)', 'src/server.ts', 2, 10]]);
  });

  it('matches by rule and package: other rules, other packages and other ecosystems stay apart', () => {
    const otherRule = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14, rule: 'packages/no-typosquat', related: [at(manifest, '../package.json')] });
    const otherPkg = finding({ file: 'src/b.ts', line: 1, column: 20, length: 14, pkg: 'agent-tools-ai2', related: [at(manifest, '../package.json')] });
    const otherEco = finding({ file: 'src/c.py', line: 1, column: 8, length: 14, ecosystem: 'pypi', related: [at(manifest, '../package.json')] });
    const noPackage: Finding = { ...finding({ file: 'src/d.ts', line: 1, column: 20, length: 14, related: [at(manifest, '../package.json')] }), properties: {} };
    const out = linkPackageFindings(results(manifest, otherRule, otherPkg, otherEco, noPackage));
    assert.deepEqual(linksOf(out, 'package.json', 6), []);
  });

  it('PyPI names match once normalised', () => {
    const requirement = finding({ file: 'requirements.txt', line: 2, column: 1, length: 19, ecosystem: 'pypi', pkg: 'LangChain_Memory.AI' });
    const imported = finding({ file: 'app/agent.py', line: 3, column: 8, length: 19, ecosystem: 'pypi', pkg: 'langchain-memory-ai', related: [at(requirement, '../requirements.txt')] });
    const out = linkPackageFindings(results(requirement, imported));
    assert.deepEqual(linksOf(out, 'requirements.txt', 2), [['Imported here (app/agent.py)', 'app/agent.py', 3, 8]]);
  });

  it('keeps in-file locations first, adds at most MAX_IMPORT_LINKS imports sorted by file and position, never twice', () => {
    const inFile: RelatedLocation = { message: 'Declared here', range: [900, 914], start: { line: 9, column: 1 }, end: { line: 9, column: 15 } };
    const entry = finding({ file: 'package.json', line: 6, column: 6, length: 14, related: [inFile] });
    const importers: Finding[] = [];
    for (let i = 12; i >= 1; i--) importers.push(finding({ file: `src/m${String(i).padStart(2, '0')}.ts`, line: 1, column: 20, length: 14, related: [at(entry, '../package.json')] }));
    importers.push(finding({ file: 'src/m01.ts', line: 7, column: 3, length: 14, related: [at(entry, '../package.json')] }));
    const out = linkPackageFindings(results(entry, ...importers));
    const links = linksOf(out, 'package.json', 6);
    assert.equal(MAX_IMPORT_LINKS, 10);
    assert.equal(links.length, 1 + MAX_IMPORT_LINKS);
    assert.deepEqual(links[0], ['Declared here', undefined, 9, 1]);
    assert.deepEqual(links.slice(1, 4).map(([, file, line]) => `${file}:${line}`), ['src/m01.ts:1', 'src/m01.ts:7', 'src/m02.ts:1']);
    assert.deepEqual(linkPackageFindings(out).find((r) => r.file === 'package.json')!.findings[0].related, out.find((r) => r.file === 'package.json')!.findings[0].related, 'a second run adds nothing');
  });

  it('leaves suppressed imports out', () => {
    const a = finding({ file: 'src/a.ts', line: 1, column: 20, length: 14, related: [at(manifest, '../package.json')], suppressed: true });
    assert.deepEqual(linksOf(linkPackageFindings(results(manifest, a)), 'package.json', 6), []);
  });

  it('works with paths above the working directory; a relative and an absolute path are not joined', () => {
    const up = finding({ file: '../ws/package.json', line: 6, column: 6, length: 14 });
    const a = finding({ file: '../ws/src/a.ts', line: 1, column: 20, length: 14, related: [at(up, '../package.json')] });
    assert.deepEqual(linksOf(linkPackageFindings(results(up, a)), '../ws/package.json', 6), [['Imported here (src/a.ts)', 'src/a.ts', 1, 20]]);
    const absolute = finding({ file: '/tmp/ws/src/a.ts', line: 1, column: 20, length: 14, declaredIn: 'package.json:6:6' });
    assert.deepEqual(linksOf(linkPackageFindings(results(manifest, absolute)), 'package.json', 6), []);
  });
});
