import * as assert from 'node:assert/strict';
import { lastAnswer, rememberedAnswers } from '../../src/engine/memo';

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

describe('rememberedAnswers: answers by key, bounded', () => {
  it('computes once per key, remembering null and false answers too', () => {
    const asked: string[] = [];
    const isLong = rememberedAnswers((name: string) => (asked.push(name), name.length > 3 ? true : name === '' ? null : false), 10);
    assert.equal(isLong('abcd'), true);
    assert.equal(isLong('ab'), false);
    assert.equal(isLong(''), null);
    assert.equal(isLong('ab'), false);
    assert.equal(isLong(''), null);
    assert.equal(isLong('abcd'), true);
    assert.deepEqual(asked, ['abcd', 'ab', '']);
  });

  it('starts over when full, so it never holds more than its bound', () => {
    const asked: string[] = [];
    const upper = rememberedAnswers((name: string) => (asked.push(name), name.toUpperCase()), 2);
    upper('a');
    upper('b');
    upper('c'); // full: forgets a and b
    upper('c');
    upper('a');
    assert.deepEqual(asked, ['a', 'b', 'c', 'a']);
  });
});
