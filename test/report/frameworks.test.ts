import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RISK_AREAS } from '../../src/engine/rule';
import { FRAMEWORK_MAPPING, FRAMEWORKS, type FrameworkMapping } from '../../src/report';

const DOC = readFileSync(path.join(__dirname, '..', '..', 'docs', 'frameworks.md'), 'utf8');

/** The rows of each area's table in docs/frameworks.md: `## <label> (`<area>`)` then a table. */
function docRows(doc: string): Map<string, string[][]> {
  const areas = new Map<string, string[][]>();
  let area: string | null = null;
  for (const line of doc.split('\n')) {
    const heading = /^## .* \(`([a-z-]+)`\)$/.exec(line);
    if (heading) {
      area = heading[1];
      areas.set(area, []);
      continue;
    }
    if (line.startsWith('## ')) area = null;
    if (area === null || !line.startsWith('| ') || /^\| (Framework|---)/.test(line)) continue;
    const cells = line
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map((c) => c.replace(/\\\|/g, '|'));
    areas.get(area)!.push(cells);
  }
  return areas;
}

/** A mapping row as the doc writes it. */
function asDocRow(row: FrameworkMapping): string[] {
  return [FRAMEWORKS[row.framework].name, row.id, row.text, row.source, row.evidence];
}

/** Where the doc and the module disagree, one line each; empty when they agree. */
function disagreements(doc: string): string[] {
  const rows = docRows(doc);
  const problems: string[] = [];
  for (const { id } of RISK_AREAS) {
    const inDoc = rows.get(id);
    if (!inDoc) {
      problems.push(`${id}: no table in the doc`);
      continue;
    }
    const inModule = FRAMEWORK_MAPPING[id].map(asDocRow);
    if (JSON.stringify(inDoc) !== JSON.stringify(inModule)) problems.push(`${id}: the doc's rows differ from src/report/frameworks.ts`);
  }
  for (const area of rows.keys()) if (!RISK_AREAS.some((a) => a.id === area)) problems.push(`${area}: not a risk area`);
  return problems;
}

describe('report/frameworks', () => {
  it('docs/frameworks.md has the same rows as src/report/frameworks.ts, area by area', () => {
    assert.deepEqual(disagreements(DOC), []);
    assert.equal([...docRows(DOC).values()].flat().length, Object.values(FRAMEWORK_MAPPING).flat().length);
  });

  it('notices a changed, missing or extra row in the doc', () => {
    const first = FRAMEWORK_MAPPING.oversight[0];
    assert.deepEqual(disagreements(DOC.replace(first.text, first.text.replace('transparent', 'opaque'))), ['oversight: the doc\'s rows differ from src/report/frameworks.ts']);
    const line = DOC.split('\n').find((l) => l.startsWith('| NIST AI RMF 1.0 | MAP 3.5 |'))!;
    assert.deepEqual(disagreements(DOC.replace(`${line}\n`, '')), ['operation: the doc\'s rows differ from src/report/frameworks.ts']);
    assert.deepEqual(disagreements(DOC.replace(`${line}\n`, `${line}\n${line}\n`)), ['operation: the doc\'s rows differ from src/report/frameworks.ts']);
    assert.deepEqual(disagreements(DOC.replace('## The AI supply chain (`supply-chain`)', '## The AI supply chain')), ['supply-chain: no table in the doc']);
  });

  it('every area names NIST AI RMF subcategories and ISO/IEC 42001 Annex A groups, each with the source it rests on', () => {
    for (const { id: area } of RISK_AREAS) {
      const rows = FRAMEWORK_MAPPING[area];
      assert.ok(rows.some((r) => r.framework === 'nist-ai-rmf'), `${area}: a NIST row`);
      assert.ok(rows.some((r) => r.framework === 'iso-42001'), `${area}: an ISO row`);
      assert.equal(new Set(rows.map((r) => `${r.framework} ${r.id}`)).size, rows.length, `${area}: no row twice`);
      for (const row of rows) {
        if (row.framework === 'nist-ai-rmf') {
          assert.match(row.id, /^(GOVERN|MAP|MEASURE|MANAGE) \d\.\d{1,2}$/);
          const table = { GOVERN: 1, MAP: 2, MEASURE: 3, MANAGE: 4 }[row.id.split(' ')[0]];
          assert.equal(row.source, `NIST AI 100-1, section 5, Table ${table} (${row.id.split(' ')[0]}): ${row.id}`);
          assert.match(row.text, /\.$/, 'the subcategory quoted in full');
        } else {
          assert.match(row.id, /^A\.([2-9]|10)$/);
          assert.equal(row.source, `ISO/IEC 42001:2023, Annex A, Table A.1: ${row.id}`);
          // A control named in the title belongs to the group.
          for (const control of row.text.matchAll(/A\.(\d+)\.\d+(?:\.\d+)?/g)) assert.equal(`A.${control[1]}`, row.id);
        }
        assert.ok(row.evidence.length > 40, 'says what the findings show');
      }
    }
  });

  it('the doc cites each framework’s document', () => {
    for (const framework of Object.values(FRAMEWORKS)) assert.ok(DOC.includes(framework.url), framework.url);
    assert.match(DOC, /## Left out, and why/);
  });
});
