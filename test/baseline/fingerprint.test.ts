import assert from 'node:assert/strict';
import { codeFingerprint, fingerprintFindings, normalizeCode } from '../../src/baseline';
import { FINGERPRINT_RE, fingerprintLine } from '../../src/baseline/fingerprint';
import { findingFingerprint } from '../../src/config/stable-key';
import { LineIndex } from '../../src/engine/line-index';
import type { FileResult } from '../../src/engine/types';
import { findingAt } from '../report/fixtures';

const RULE = 'python/no-shell-injection';
const LINE = '    subprocess.call("ping -c 1 " + host, shell=True)';

describe('baseline/fingerprint', () => {
  describe('normalizeCode', () => {
    it('drops every white-space character and a trailing comma or semicolon', () => {
      assert.equal(normalizeCode('  foo( a,b )\t;\r'), 'foo(a,b)');
      assert.equal(normalizeCode('\t"url":   "http://x",  '), '"url":"http://x"');
      assert.equal(normalizeCode('x = [1,\u00a02]'), 'x=[1,2]');
    });

    it('keeps everything else, including commas and semicolons inside the line', () => {
      assert.equal(normalizeCode('a;b,c'), 'a;b,c');
      assert.equal(normalizeCode("f('a b')"), "f('ab')");
      assert.equal(normalizeCode(''), '');
    });
  });

  describe('codeFingerprint', () => {
    it('is 16 lowercase hex digits, the same for the same rule and code', () => {
      const fp = codeFingerprint(RULE, LINE);
      assert.match(fp, FINGERPRINT_RE);
      assert.equal(codeFingerprint(RULE, LINE), fp);
    });

    it('ignores indentation, spaces a formatter adds or removes, CRLF and a trailing comma', () => {
      const fp = codeFingerprint(RULE, LINE);
      assert.equal(codeFingerprint(RULE, 'subprocess.call("ping -c 1 "+host,shell=True)'), fp);
      assert.equal(codeFingerprint(RULE, `\t\t${LINE.trim()}\r`), fp);
      assert.equal(codeFingerprint(RULE, `${LINE},`), fp);
    });

    it('differs for another rule, other code, or a changed literal', () => {
      const fp = codeFingerprint(RULE, LINE);
      assert.notEqual(codeFingerprint('python/no-ssrf', LINE), fp);
      assert.notEqual(codeFingerprint(RULE, LINE.replace('ping -c 1', 'ping -c 2')), fp);
      assert.notEqual(codeFingerprint(RULE, LINE.replace('host', 'target')), fp);
      assert.notEqual(codeFingerprint(RULE, LINE.replace('shell=True', 'shell=False')), fp);
    });

    it('is not the fingerprint of a configuration suppression (another recipe), so neither is mistaken for the other', () => {
      assert.notEqual(codeFingerprint(RULE, LINE), findingFingerprint(RULE, LINE));
    });
  });

  describe('fingerprintLine', () => {
    it('is the finding\'s first line, without its line break', () => {
      const text = 'a = 1\r\nb = eval(x)\r\nc = 2\n';
      const f = findingAt(text, 'x.py', { ruleId: RULE, messageId: 'm', message: 'M', severity: 'error', needle: 'eval(x)' });
      assert.equal(fingerprintLine(text, new LineIndex(text), f), 'b = eval(x)');
    });

    it('is the code around the finding for a minified line, so two findings on it differ', () => {
      const filler = 'var a=1;'.repeat(300);
      const text = `${filler}eval(x);${filler}eval(y);${filler}\n`;
      const lines = new LineIndex(text);
      const first = findingAt(text, 'm.js', { ruleId: RULE, messageId: 'm', message: 'M', severity: 'error', needle: 'eval(x)' });
      const second = findingAt(text, 'm.js', { ruleId: RULE, messageId: 'm', message: 'M', severity: 'error', needle: 'eval(y)' });
      const a = fingerprintLine(text, lines, first);
      const b = fingerprintLine(text, lines, second);
      assert.equal(a.length, 500);
      assert.ok(a.includes('eval(x)') && !a.includes('eval(y)'));
      assert.ok(b.includes('eval(y)') && !b.includes('eval(x)'));
    });
  });

  describe('fingerprintFindings', () => {
    it('sets the fingerprint of every finding from its line and returns the same result', () => {
      const text = `import subprocess\n\ndef ping(host):\n${LINE}\n`;
      const f = findingAt(text, 'app.py', { ruleId: RULE, messageId: 'm', message: 'M', severity: 'error', needle: '"ping -c 1 " + host' });
      const result: FileResult = { file: 'app.py', language: 'python', findings: [f], errors: [] };
      assert.equal(fingerprintFindings(result, text), result);
      assert.equal(f.fingerprint, codeFingerprint(RULE, LINE));
    });

    it('leaves a result without findings alone', () => {
      const result: FileResult = { file: 'a.py', language: 'python', findings: [], errors: [] };
      assert.deepEqual(fingerprintFindings(result, 'x = 1\n'), { file: 'a.py', language: 'python', findings: [], errors: [] });
    });
  });
});
