import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer } from '../../src/engine/analyzer';
import { applyFixes } from '../../src/engine/apply-fixes';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { MODULES_SERVICE, ModuleService, moduleRuleSettings } from '../../src/services/modules';
import type { FileResult } from '../../src/engine/types';
import { codeFingerprint, fingerprintFindings } from '../../src/baseline';
import { buildSarifLog, filesOutsideRoot, formatSarif, type SarifFormatOptions, type SarifLog, type SarifReplacement, type SarifResult } from '../../src/report';
import {
  allResults,
  ANALYZED_SOURCE,
  analyzedResult,
  brokenResult,
  CHAT_SOURCE,
  chatResult,
  cleanResult,
  CWD,
  findingAt,
  RULES,
  skippedResult,
} from './fixtures';

const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/**
 * The official SARIF 2.1.0 schema. It declares draft-04, which Ajv 8 does not ship; its keywords are
 * the draft-07 subset, so dropping the draft-04 `$schema` and `id` lets Ajv compile it as draft-07.
 * `unicodeRegExp: false` because one of its patterns (`language`) is not a valid `u`-flag regex.
 */
function sarifValidator() {
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
}

const validate = sarifValidator();

function assertValidSarif(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, `SARIF schema errors:\n${JSON.stringify(validate.errors, null, 2)}`);
}

const OPTS = { cwd: CWD, rules: RULES, toolVersion: '0.1.0' };

function sarif(results: FileResult[], opts: SarifFormatOptions = OPTS): SarifLog {
  return buildSarifLog(results, opts);
}

function resultsOf(results: FileResult[]): SarifResult[] {
  return sarif(results).runs[0].results;
}

/** Applies SARIF replacements to a text, last offset first. */
function applyReplacements(text: string, replacements: SarifReplacement[]): string {
  return [...replacements]
    .sort((a, b) => b.deletedRegion.charOffset! - a.deletedRegion.charOffset!)
    .reduce(
      (t, r) =>
        t.slice(0, r.deletedRegion.charOffset!) +
        (r.insertedContent?.text ?? '') +
        t.slice(r.deletedRegion.charOffset! + r.deletedRegion.charLength!),
      text,
    );
}

describe('report/sarif', () => {
  describe('schema validity', () => {
    it('the validator rejects a log that breaks the schema', () => {
      const log = sarif([chatResult()]);
      const broken = JSON.parse(JSON.stringify(log));
      broken.runs[0].results[0].level = 'info';
      assert.equal(validate(broken), false);
      delete broken.runs[0].results[0].level;
      delete broken.runs[0].results[0].message;
      assert.equal(validate(broken), false);
    });

    it('is valid with suppressed findings, fixes, suggestions, related locations, errors and skipped files', () => {
      assertValidSarif(JSON.parse(formatSarif(allResults(), OPTS)));
    });

    it('is valid for real analyzer results', () => {
      assertValidSarif(sarif([analyzedResult()]));
    });

    it('is valid for empty results and results without findings', () => {
      assertValidSarif(sarif([]));
      assertValidSarif(sarif([cleanResult(), skippedResult()]));
      assertValidSarif(sarif([brokenResult()], { ...OPTS, rules: [] }));
    });

    it('is valid when the same internal error is reported twice (notifications must be unique)', () => {
      const broken = brokenResult();
      broken.errors.push({ ...broken.errors[0] });
      const log = sarif([broken]);
      assertValidSarif(log);
      assert.equal(log.runs[0].invocations[0].toolExecutionNotifications.length, 2);
    });
  });

  describe('log and run', () => {
    it('has the 2.1.0 header, one run, utf16 columns and %SRCROOT% as a file URL with a trailing slash', () => {
      const log = sarif([]);
      assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      const run = log.runs[0];
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.results, []);
      assert.deepEqual(run.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
      const base = run.originalUriBaseIds['%SRCROOT%'].uri;
      assert.equal(base, pathToFileURL(CWD).href + '/');
      assert.ok(base.startsWith('file:///') && base.endsWith('/'));
    });

    it('describes the tool', () => {
      const { driver } = sarif([]).runs[0].tool;
      assert.equal(driver.name, 'Rampart');
      assert.equal(driver.semanticVersion, '0.1.0');
      assert.equal(driver.informationUri, 'https://github.com/rampart-security/rampart');
    });

    it('ends the text with a newline and parses back to the built log', () => {
      const text = formatSarif(allResults(), OPTS);
      assert.ok(text.endsWith('}\n'));
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(sarif(allResults()))));
    });
  });

  describe('rules', () => {
    it('lists every rule of opts.rules, even without findings, once each', () => {
      const { rules } = sarif([], { ...OPTS, rules: [...RULES, RULES[0]] }).runs[0].tool.driver;
      assert.deepEqual(
        rules.map((r) => r.id),
        RULES.map((r) => r.id),
      );
    });

    it('builds a descriptor from the metadata of a security rule', () => {
      const rule = sarif([]).runs[0].tool.driver.rules.find((r) => r.id === 'js/no-llm-html')!;
      assert.equal(rule.name, 'NoLlmHtml');
      assert.deepEqual(rule.shortDescription, { text: 'Model output must not be written to the page as HTML.' });
      assert.match(rule.fullDescription!.text, /^Model output must not be written to the page as HTML\. .*CWE-79, CWE-94.*LLM05:2025/);
      assert.equal(rule.helpUri, 'https://github.com/rampart-security/rampart/blob/main/docs/rules/js/no-llm-html.md');
      assert.deepEqual(rule.defaultConfiguration, { level: 'warning' });
      assert.deepEqual(rule.properties, {
        tags: ['security', 'external/cwe/cwe-79', 'external/cwe/cwe-94', 'llm-output', 'LLM05:2025', 'risk-area/misuse'],
        precision: 'medium',
        riskArea: 'misuse',
        owaspLlm: ['LLM05:2025'],
        'security-severity': '5.5',
      });
      assert.match(rule.fullDescription!.text, /Risk area: Misuse and emergent behaviour\.$/);
      assert.match(rule.help!.text, /Weaknesses: CWE-79, CWE-94/);
      assert.match(rule.help!.text, /rampart-ignore-next-line js\/no-llm-html -- <reason>/);
      assert.match(rule.help!.markdown!, /\[CWE-79\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/79\.html\)/);
      assert.match(rule.help!.markdown!, /\[Documentation\]\(https:\/\/github\.com\/rampart-security\/rampart\/blob\/main\/docs\/rules\/js\/no-llm-html\.md\)/);
    });

    it('maps severity to level and security-severity, and confidence to precision', () => {
      const byId = new Map(sarif([]).runs[0].tool.driver.rules.map((r) => [r.id, r]));
      const tls = byId.get('js/no-disabled-tls')!;
      assert.deepEqual(tls.defaultConfiguration, { level: 'error' });
      assert.equal(tls.properties!['security-severity'], '8.0');
      assert.equal(tls.properties!.precision, 'high');
      const timeout = byId.get('js/require-fetch-timeout')!;
      assert.deepEqual(timeout.defaultConfiguration, { level: 'note' });
      assert.equal(timeout.properties!['security-severity'], '3.0');
      assert.equal(timeout.properties!.precision, 'low');
      assert.equal(timeout.name, 'RequireFetchTimeout');
    });

    it('gives meta rules neither the security tag nor a security-severity', () => {
      const meta = sarif([]).runs[0].tool.driver.rules.find((r) => r.id === 'rampart/invalid-suppression')!;
      assert.equal(meta.name, 'InvalidSuppression');
      assert.deepEqual(meta.properties, { tags: ['meta', 'risk-area/oversight'], precision: 'high', riskArea: 'oversight' });
      assert.doesNotMatch(meta.help!.text, /rampart-ignore-next-line/);
    });
  });

  describe('results', () => {
    it('points ruleIndex at the descriptor of the rule and maps levels (info -> note)', () => {
      const log = sarif([chatResult()]);
      const { rules } = log.runs[0].tool.driver;
      const results = log.runs[0].results;
      for (const r of results) assert.equal(rules[r.ruleIndex!].id, r.ruleId);
      assert.deepEqual(
        results.map((r) => [r.ruleId, r.level]),
        [
          ['js/no-disabled-tls', 'error'],
          ['js/no-llm-html', 'warning'],
          ['js/require-fetch-timeout', 'note'],
          ['js/no-disabled-tls', 'error'],
          ['js/no-disabled-tls', 'error'],
        ],
      );
    });

    it('locates a finding with lines, columns, offset and length, under %SRCROOT% with a percent-encoded URI', () => {
      const [result] = resultsOf([chatResult()]);
      const finding = chatResult().findings[0];
      assert.deepEqual(result.locations, [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/routes/chat%20handler.ts', uriBaseId: '%SRCROOT%' },
            region: {
              startLine: 1,
              startColumn: 50,
              endLine: 1,
              endColumn: 75,
              charOffset: finding.range[0],
              charLength: 'rejectUnauthorized: false'.length,
            },
          },
        },
      ]);
      assert.equal(CHAT_SOURCE.slice(finding.range[0], finding.range[0] + 25), 'rejectUnauthorized: false');
      assert.equal(result.message.text, finding.message);
    });

    it('percent-encodes characters that are not allowed in a URI path', () => {
      const file = 'app/[id]/page#1 ü.tsx';
      const r = cleanResult(file);
      r.findings.push(findingAt('x', file, { ruleId: 'js/no-disabled-tls', messageId: 'm', message: 'M.', severity: 'error', needle: 'x' }));
      const [result] = resultsOf([r]);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'app/%5Bid%5D/page%231%20%C3%BC.tsx');
    });

    it('makes absolute paths inside cwd relative and uses a file URL for paths outside it', () => {
      const inside = analyzedResult(path.join(CWD, 'src', 'client.ts'));
      const outside = analyzedResult(path.resolve('/elsewhere/lib.ts'));
      const [a, , b] = resultsOf([inside, outside]);
      assert.deepEqual(a.locations[0].physicalLocation.artifactLocation, { uri: 'src/client.ts', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(b.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL('/elsewhere/lib.ts').href });
      assertValidSarif(sarif([inside, outside]));
    });

    it('lists related locations with ids and messages', () => {
      const result = resultsOf([chatResult()])[1];
      const source = CHAT_SOURCE.indexOf('await llm.complete(prompt)');
      assert.deepEqual(result.relatedLocations, [
        {
          id: 0,
          message: { text: 'Model output comes from here.' },
          physicalLocation: {
            artifactLocation: { uri: 'src/routes/chat%20handler.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 15, endLine: 2, endColumn: 41, charOffset: source, charLength: 26 },
          },
        },
      ]);
      assert.equal(resultsOf([chatResult()])[0].relatedLocations, undefined);
    });

    it('writes the value flow of a finding as a schema-valid codeFlow: source, each step, then the sink (real analyzer)', () => {
      const text = [
        `import express from 'express';`,
        `import { exec } from 'child_process';`,
        `const app = express();`,
        `function ping(host) {`,
        `  exec('ping -c 1 ' + host);`,
        `}`,
        `app.get('/ping', (req) => ping(req.query.host));`,
      ].join('\n');
      const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
      const settings = new Map([['js/no-shell-injection', { severity: 'error' as const, options: {} }]]);
      const file = path.join(CWD, 'src/ping.ts');
      const log = sarif([analyzer.analyze({ file, text, settings })]);
      assertValidSarif(log);
      const [result] = log.runs[0].results;
      const steps = result.codeFlows![0].threadFlows[0].locations.map((l) => [l.location.message!.text, text.slice(l.location.physicalLocation.region!.charOffset!, l.location.physicalLocation.region!.charOffset! + l.location.physicalLocation.region!.charLength!)]);
      assert.deepEqual(steps, [
        ['Untrusted data enters here: HTTP request data (req.query)', 'req.query'],
        ['It flows through here: req.query.host', 'req.query.host'],
        ['It flows through here: host', 'host'],
        ['Reaches the sink: js/no-shell-injection', "'ping -c 1 ' + host"],
      ]);
      assert.deepEqual(result.codeFlows![0].threadFlows[0].locations.map((l) => l.executionOrder), [1, 2, 3, 4]);
      // The steps are related locations too, for viewers without code-flow support.
      assert.equal(result.relatedLocations!.length, 3);
    });

    it('writes a flow into another module with that module as the artifact of its steps, schema-valid (real analyzer, module service)', async () => {
      const root = path.join(__dirname, '..', 'fixtures', 'js', 'cross-file');
      const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
      const settings = new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
      const modules = new ModuleService({
        root,
        resolvePath: (file) => path.join(root, file),
        analyze: (file, text) => analyzer.analyze({ file, text, settings: moduleRuleSettings(settings, builtinRules), summaries: true }),
      });
      const text = readFileSync(path.join(root, 'routes.ts'), 'utf8');
      const result = await analyzer.analyzeAsync({ file: 'routes.ts', text, settings }, { services: { [MODULES_SERVICE]: modules } });
      const log = sarif([result], { ...OPTS, cwd: root });
      assertValidSarif(log);
      const shell = log.runs[0].results.find((r) => r.ruleId === 'js/no-shell-injection' && r.locations[0].physicalLocation.region?.startLine === 10)!;
      const steps = shell.codeFlows![0].threadFlows[0].locations.map((l) => `${l.location.physicalLocation.artifactLocation.uri}:${l.location.physicalLocation.region!.startLine}`);
      assert.deepEqual(steps, ['routes.ts:10', 'routes.ts:10', 'lib/commands.ts:7', 'lib/commands.ts:9']);
      assert.deepEqual(
        shell.relatedLocations!.map((l) => l.physicalLocation.artifactLocation.uri),
        ['routes.ts', 'routes.ts', 'lib/commands.ts', 'lib/commands.ts'],
      );
    });

    it('writes a flow through a chain of modules with each module as the artifact of its steps (real analyzer, module service)', async () => {
      const root = path.join(__dirname, '..', 'fixtures', 'js', 'cross-file-chain');
      const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
      const settings = new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
      const modules = new ModuleService({
        root,
        resolvePath: (file) => path.join(root, file),
        analyze: (file, text, { services, signal }) =>
          analyzer.analyzeAsync({ file, text, settings: moduleRuleSettings(settings, builtinRules), summaries: true }, { services, signal }),
      });
      const text = readFileSync(path.join(root, 'routes.ts'), 'utf8');
      const result = await analyzer.analyzeAsync({ file: 'routes.ts', text, settings }, { services: { [MODULES_SERVICE]: modules } });
      const log = sarif([result], { ...OPTS, cwd: root });
      assertValidSarif(log);
      const shell = log.runs[0].results.find((r) => r.ruleId === 'js/no-shell-injection' && r.locations[0].physicalLocation.region?.startLine === 11)!;
      const steps = shell.codeFlows![0].threadFlows[0].locations.map((l) => `${l.location.physicalLocation.artifactLocation.uri}:${l.location.physicalLocation.region!.startLine}`);
      assert.deepEqual(steps, ['routes.ts:11', 'routes.ts:11', 'services/reports.ts:5', 'services/reports.ts:7', 'lib/shell.ts:4', 'lib/shell.ts:7']);
    });

    it('writes the safe fix as a SARIF fix whose replacements reproduce applyFixes (real analyzer)', () => {
      const real = analyzedResult();
      assert.equal(real.findings.length, 2);
      const results = resultsOf([real]);
      results.forEach((result, i) => {
        const finding = real.findings[i];
        assert.ok(finding.fix, 'the analyzer should give a safe fix');
        assert.equal(result.fixes?.length, 1);
        const [fix] = result.fixes!;
        assert.equal(fix.description.text, finding.fix.title);
        assert.deepEqual(fix.properties, { kind: 'safe' });
        assert.deepEqual(fix.artifactChanges[0].artifactLocation, { uri: 'src/client.ts', uriBaseId: '%SRCROOT%' });
        const expected = applyFixes(ANALYZED_SOURCE, [finding.fix]).text;
        assert.notEqual(expected, ANALYZED_SOURCE);
        assert.equal(applyReplacements(ANALYZED_SOURCE, fix.artifactChanges[0].replacements), expected);
      });
    });

    it('writes suggestions after the safe fix, each with its messageId', () => {
      const [tls, html, timeout] = resultsOf([chatResult()]);
      assert.equal(timeout.fixes, undefined);
      assert.deepEqual(
        tls.fixes!.map((f) => f.properties),
        [{ kind: 'safe' }],
      );
      assert.deepEqual(
        html.fixes!.map((f) => [f.description.text, f.properties]),
        [
          ['Use textContent', { kind: 'suggestion', messageId: 'useTextContent' }],
          ['Sanitize with DOMPurify', { kind: 'suggestion', messageId: 'sanitize' }],
        ],
      );
      const outputs = html.fixes!.map((f) => applyReplacements(CHAT_SOURCE, f.artifactChanges[0].replacements));
      assert.match(outputs[0], /^el\.textContent = reply;$/m);
      assert.match(outputs[1], /^el\.innerHTML = DOMPurify\.sanitize\(reply\);$/m);
    });

    it('writes an edit of another file (a .gitignore next to a committed .env) as its own artifact change (real analyzer)', () => {
      const text = 'OPENAI_API_KEY=sk-proj-' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x' + 'T3BlbkFJ' + 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x' + '\n';
      const file = path.join(CWD, 'services', 'api', '.env');
      const result = new Analyzer({ adapters: builtinAdapters, rules: builtinRules }).analyze({
        file,
        text,
        settings: new Map([['secrets/no-hardcoded-secret', { severity: 'error', options: {} }]]),
      });
      assert.equal(result.findings.length, 1);
      const log = sarif([result]);
      assertValidSarif(log);
      const ignore = log.runs[0].results[0].fixes!.find((f) => f.properties?.messageId === 'ignoreFile');
      assert.ok(ignore, 'the .gitignore suggestion is written');
      assert.deepEqual(ignore.artifactChanges, [
        {
          artifactLocation: { uri: 'services/api/.gitignore', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { charOffset: 0, charLength: 0 }, insertedContent: { text: '/.env\n' } }],
        },
      ]);
    });

    it('leaves out fixes without edits and duplicate suggestions', () => {
      const r = chatResult();
      const html = r.findings[1];
      html.suggestions.push({ ...html.suggestions[0] }, { messageId: 'sanitize', title: 'Nothing', edits: [] });
      const result = resultsOf([r])[1];
      assert.equal(result.fixes!.length, 2);
      assertValidSarif(sarif([r]));
    });

    it('keeps suppressed findings, marked inSource or external, accepted, with the reason', () => {
      const results = resultsOf([chatResult()]);
      assert.equal(results.length, 5);
      assert.deepEqual(results[3].suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'internal test server with a self-signed certificate' }]);
      assert.deepEqual(results[4].suppressions, [{ kind: 'external', status: 'accepted', justification: 'legacy client, tracked in SEC-42' }]);
      for (const r of results.slice(0, 3)) assert.deepEqual(r.suppressions, []);
      for (const r of results) assert.equal(r.baselineState, undefined, 'no baseline, no baseline state');
    });

    it('marks baselined findings as external suppressions with justification "baseline", and says which results are new', () => {
      const r = chatResult();
      r.findings[0].suppressed = { kind: 'baseline', reason: 'baseline' };
      const log = sarif([r], { ...OPTS, baseline: true });
      assertValidSarif(log);
      const results = log.runs[0].results;
      assert.deepEqual(results[0].suppressions, [{ kind: 'external', status: 'accepted', justification: 'baseline' }]);
      assert.deepEqual(
        results.map((x) => x.baselineState),
        ['unchanged', 'new', 'new', 'new', 'new'],
      );
    });

    it('leaves out ruleIndex for a rule that is not in opts.rules, and stays valid', () => {
      const log = sarif([chatResult()], { ...OPTS, rules: RULES.filter((r) => r.id !== 'js/no-llm-html') });
      const html = log.runs[0].results[1];
      assert.equal(html.ruleId, 'js/no-llm-html');
      assert.equal(html.ruleIndex, undefined);
      assert.equal(html.properties, undefined, 'no risk area for a rule the log does not describe');
      assertValidSarif(log);
    });

    it('names the risk area of each result\'s rule in its properties, next to the finding\'s own facts', () => {
      const log = sarif([chatResult()]);
      assert.deepEqual(
        log.runs[0].results.map((r) => [r.ruleId, r.properties?.riskArea]),
        [
          ['js/no-disabled-tls', 'development'],
          ['js/no-llm-html', 'misuse'],
          ['js/require-fetch-timeout', 'operation'],
          ['js/no-disabled-tls', 'development'],
          ['js/no-disabled-tls', 'development'],
        ],
      );
      const facts = { ...chatResult(), findings: chatResult().findings.slice(0, 1).map((f) => ({ ...f, properties: { package: 'left-pad' } })) };
      assert.deepEqual(sarif([facts]).runs[0].results[0].properties, { package: 'left-pad', riskArea: 'development' });
      assertValidSarif(log);
    });
  });

  describe('partialFingerprints', () => {
    const fingerprints = (results: FileResult[]) => resultsOf(results).map((r) => r.partialFingerprints['rampart/v2']);
    const fingerprinted = () => {
      const r = chatResult();
      return fingerprintFindings(r, CHAT_SOURCE);
    };

    it('is the finding\'s fingerprint (rule and code of its line) with an occurrence number, never primaryLocationLineHash', () => {
      const r = fingerprinted();
      const fps = fingerprints([r]);
      assert.equal(fps[0], `${codeFingerprint('js/no-disabled-tls', CHAT_SOURCE.split('\n')[0])}:1`);
      for (const fp of fps) assert.match(fp, /^[0-9a-f]{16}:\d+$/);
      for (const result of resultsOf([r])) assert.deepEqual(Object.keys(result.partialFingerprints), ['rampart/v2']);
    });

    it('does not change when lines are inserted above or the file moves, and changes with the code of the line', () => {
      const fp = fingerprints([fingerprinted()])[0];
      const shifted = `// header\n\n${CHAT_SOURCE}`;
      const moved = fingerprintFindings({ ...chatResult(), file: 'lib/chat.ts', findings: chatResult().findings.map((f) => ({ ...f, range: [f.range[0] + 11, f.range[1] + 11] as const, start: { ...f.start, line: f.start.line + 2 }, end: { ...f.end, line: f.end.line + 2 } })) }, shifted);
      assert.equal(fingerprints([moved])[0], fp);
      const edited = fingerprintFindings(chatResult(), CHAT_SOURCE.replace('keepAlive: true', 'keepAlive: false'));
      assert.notEqual(fingerprints([edited])[0], fp);
    });

    it('numbers identical findings within a file', () => {
      const r = fingerprinted();
      r.findings.push({ ...r.findings[0], range: [r.findings[0].range[0] + 1, r.findings[0].range[1]] });
      const fps = fingerprints([r]);
      assert.equal(fps[0].split(':')[0], fps[5].split(':')[0]);
      assert.deepEqual([fps[0].split(':')[1], fps[5].split(':')[1]], ['1', '2']);
    });

    it('without a fingerprint, hashes rule, file, messageId and message, but not the line', () => {
      const [fp] = fingerprints([chatResult()]);
      assert.match(fp, /^[0-9a-f]{16}:1$/);
      const moved = chatResult();
      moved.findings[0].start = { line: 9, column: 3 };
      assert.equal(fingerprints([moved])[0], fp);
      const other = chatResult();
      other.findings[0].message = 'another message';
      assert.notEqual(fingerprints([other])[0], fp);
    });
  });

  describe('paths, root and category', () => {
    const ROOT = path.resolve('/srv/checkout');

    it('makes URIs relative to the repository root, whatever the current folder, never with "../"', () => {
      for (const cwd of [ROOT, path.join(ROOT, 'services/api'), path.resolve('/home/dev/elsewhere')]) {
        const file = path.relative(cwd, path.join(ROOT, 'services/api/src/client.ts'));
        const log = sarif([analyzedResult(file)], { ...OPTS, cwd, root: ROOT });
        assertValidSarif(log);
        const run = log.runs[0];
        assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'services/api/src/client.ts', uriBaseId: '%SRCROOT%' }, cwd);
        assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(ROOT).href + '/');
        assert.ok(!JSON.stringify(log).includes('../'), cwd);
      }
    });

    it('names a file outside the root by its absolute file URI, related files and fix targets too', () => {
      const outside = analyzedResult(path.resolve('/opt/vendor/lib.ts'));
      const log = sarif([outside], { ...OPTS, root: ROOT });
      assertValidSarif(log);
      const [result] = log.runs[0].results;
      assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: pathToFileURL('/opt/vendor/lib.ts').href });
      assert.deepEqual(result.fixes![0].artifactChanges[0].artifactLocation, { uri: pathToFileURL('/opt/vendor/lib.ts').href });
      assert.deepEqual(filesOutsideRoot([outside, analyzedResult(path.join(ROOT, 'a.ts'))], CWD, ROOT), [path.resolve('/opt/vendor/lib.ts')]);
    });

    it('has automationDetails with the category, "rampart/" by default', () => {
      assert.deepEqual(sarif([]).runs[0].automationDetails, { id: 'rampart/' });
      assert.deepEqual(sarif([], { ...OPTS, category: 'rampart/frontend' }).runs[0].automationDetails, { id: 'rampart/frontend/' });
      assert.deepEqual(sarif([], { ...OPTS, category: 'iac/' }).runs[0].automationDetails, { id: 'iac/' });
    });
  });

  describe('rule help from the documentation', () => {
    const docs = (id: string) => (id === 'js/no-disabled-tls' ? readFileSync(path.join(__dirname, '../../docs/rules/js/no-disabled-tls.md'), 'utf8') : undefined);

    it('gives a rule with results why it matters, how to fix and an incorrect and a correct example, in Markdown', () => {
      const rule = sarif([chatResult()], { ...OPTS, ruleDocs: docs }).runs[0].tool.driver.rules.find((r) => r.id === 'js/no-disabled-tls')!;
      const md = rule.help!.markdown!;
      assert.match(md, /^\*\*TLS certificate verification must not be turned off\.\*\*\n\nWith certificate verification off/);
      assert.match(md, /#### How to fix\n\nRemove the option/);
      assert.match(md, /#### Incorrect\n\n```ts\nimport https from 'node:https';\nconst agent = new https\.Agent\(\{ keepAlive: true, rejectUnauthorized: false \}\);\n```/);
      assert.match(md, /#### Correct\n\n```ts\n/);
      assert.match(md, /- Weaknesses: \[CWE-295\]/);
      assert.doesNotMatch(md, /## When a fix is offered|## References/);
    });

    it('keeps the short help for rules without results (the log stays small) and without a page', () => {
      const log = sarif([], { ...OPTS, ruleDocs: docs });
      const tls = log.runs[0].tool.driver.rules.find((r) => r.id === 'js/no-disabled-tls')!;
      assert.doesNotMatch(tls.help!.markdown!, /How to fix/);
      const html = sarif([chatResult()], { ...OPTS, ruleDocs: docs }).runs[0].tool.driver.rules.find((r) => r.id === 'js/no-llm-html')!;
      assert.doesNotMatch(html.help!.markdown!, /How to fix/);
    });

    it('makes relative links of the page absolute and cuts a long section', () => {
      const page = `# x\n\n## Why it matters\nSee [the table](../README.md#secrets) and [CWE](https://cwe.mitre.org/).\n${'word '.repeat(2000)}\n\n## How to fix\nDo it.\n`;
      const rule = sarif([chatResult()], { ...OPTS, ruleDocs: () => page }).runs[0].tool.driver.rules.find((r) => r.id === 'js/no-disabled-tls')!;
      const md = rule.help!.markdown!;
      assert.match(md, /\[the table\]\(https:\/\/github\.com\/rampart-security\/rampart\/blob\/main\/docs\/rules\/README\.md#secrets\)/);
      assert.match(md, /\[CWE\]\(https:\/\/cwe\.mitre\.org\/\)/);
      assert.ok(md.length < 6000, String(md.length));
      assert.match(md, /…\n\n#### How to fix\n\nDo it\./);
    });
  });

  describe('notifications', () => {
    it('reports internal errors (level error, file location, associated rule) and skipped files (level note)', () => {
      const log = sarif([skippedResult(), brokenResult()]);
      const { toolExecutionNotifications } = log.runs[0].invocations[0];
      const tlsIndex = log.runs[0].tool.driver.rules.findIndex((r) => r.id === 'js/no-disabled-tls');
      assert.deepEqual(toolExecutionNotifications, [
        {
          level: 'note',
          message: { text: 'File not analysed: larger than 1048576 characters.' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'dist/bundle.min.js', uriBaseId: '%SRCROOT%' } } }],
        },
        {
          level: 'error',
          message: { text: 'could not parse the file: SyntaxError: Unexpected token (3:7)' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' } } }],
          properties: { source: 'parser' },
        },
        {
          level: 'error',
          message: { text: 'rule js/no-disabled-tls failed: TypeError: boom' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.ts', uriBaseId: '%SRCROOT%' } } }],
          associatedRule: { id: 'js/no-disabled-tls', index: tlsIndex },
          properties: { source: 'js/no-disabled-tls' },
        },
      ]);
      assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
    });
  });
});
