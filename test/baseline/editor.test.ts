import assert from 'node:assert/strict';
import { baselinedDisplaySetting, baselineSetting, isBaselined, shownFindings } from '../../src/baseline/editor';
import type { Finding } from '../../src/engine/types';
import { findingAt } from '../report/fixtures';

const TEXT = 'a = eval(x)\nb = eval(y)\nc = eval(z)\n';
const at = (needle: string, suppressed?: Finding['suppressed']): Finding => ({
  ...findingAt(TEXT, 'a.py', { ruleId: 'python/no-dynamic-eval', messageId: 'm', message: 'M.', severity: 'error', needle }),
  ...(suppressed ? { suppressed } : {}),
});

describe('baseline/editor', () => {
  it('rampart.baseline: the default when unset or empty, a path inside the folder as written, null for one outside it', () => {
    assert.equal(baselineSetting(undefined), '.rampart-baseline.json');
    assert.equal(baselineSetting(''), '.rampart-baseline.json');
    assert.equal(baselineSetting(42), '.rampart-baseline.json');
    assert.equal(baselineSetting('security/baseline.json'), 'security/baseline.json');
    assert.equal(baselineSetting('./security/baseline.json '), 'security/baseline.json');
    for (const outside of ['../baseline.json', '/etc/passwd', 'a/../../b.json', 'C:/b.json', 'a\\b.json', '~/b.json/..']) assert.equal(baselineSetting(outside), null, outside);
  });

  it('rampart.baselinedFindings: hint or hide, hint otherwise', () => {
    assert.equal(baselinedDisplaySetting('hide'), 'hide');
    assert.equal(baselinedDisplaySetting('hint'), 'hint');
    assert.equal(baselinedDisplaySetting('error'), 'hint');
    assert.equal(baselinedDisplaySetting(undefined), 'hint');
  });

  it('shows unsuppressed findings always, baselined ones only as hints, and suppressed ones never', () => {
    const open = at('eval(x)');
    const baselined = at('eval(y)', { kind: 'baseline', reason: 'baseline' });
    const inline = at('eval(z)', { kind: 'inline', reason: 'sandboxed', range: [0, 1] });
    assert.deepEqual(shownFindings([open, baselined, inline], 'hint'), [open, baselined]);
    assert.deepEqual(shownFindings([open, baselined, inline], 'hide'), [open]);
    assert.deepEqual([open, baselined, inline].map(isBaselined), [false, true, false]);
  });
});
