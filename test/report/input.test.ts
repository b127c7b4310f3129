import assert from 'node:assert/strict';
import * as path from 'node:path';
import { displayPath } from '../../src/report/input';
import { CWD } from './fixtures';

describe('displayPath', () => {
  it('keeps relative paths as they are', () => {
    assert.equal(displayPath('src/a.ts', CWD), 'src/a.ts');
    assert.equal(displayPath('../sibling/a.ts', CWD), '../sibling/a.ts');
  });

  it('makes absolute paths inside cwd relative, and keeps the others absolute', () => {
    assert.equal(displayPath(path.join(CWD, 'src', 'a.ts'), CWD), 'src/a.ts');
    assert.equal(displayPath(path.join(CWD, '..foo', 'a.ts'), CWD), '..foo/a.ts');
    assert.equal(displayPath(path.resolve('/elsewhere/a.ts'), CWD), path.resolve('/elsewhere/a.ts'));
    assert.equal(displayPath(path.join(CWD, '..', 'a.ts'), CWD), path.join(CWD, '..', 'a.ts'));
    assert.equal(displayPath(CWD, CWD), CWD);
  });
});
