import * as assert from 'node:assert/strict';
import { lastAnswer } from '../../src/engine/memo';

describe('lastAnswer: a question asked of the same file in a row, answered once', () => {
  it('computes once for the same key, again for another, and again when an earlier key comes back', () => {
    const asked: string[] = [];
    const length = lastAnswer((text: string) => (asked.push(text), text.length));
    assert.equal(length('abc'), 3);
    assert.equal(length('abc'), 3);
    assert.equal(length('de'), 2);
    assert.equal(length('abc'), 3);
    assert.deepEqual(asked, ['abc', 'de', 'abc']);
  });

  it('remembers a null or false answer too', () => {
    let calls = 0;
    const none = lastAnswer((_: string) => (calls++, null));
    none('x');
    none('x');
    assert.equal(calls, 1);
  });
});
