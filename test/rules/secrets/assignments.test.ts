import assert from 'node:assert/strict';
import { findAssignments, type Assignment } from '../../../src/rules/secrets/assignments';
import { SECRET_NAME_HINT, secretNameKind } from '../../../src/rules/secrets/patterns';

/** The assignments the secrets rule judges: those whose name reads as a secret's. */
const secretNamed = (found: Assignment[]) => found.filter((a) => secretNameKind(a.name, 'env') !== null);

// With a hint, the line extractor reads only the lines that could name a secret; it must find exactly the
// secret-named assignments the full read finds, wherever they are (first line, after CRLF, last line without a newline).
describe('secrets: assignments read only where a secret name can be', () => {
  const texts: Array<[label: string, text: string, syntax: Parameters<typeof findAssignments>[1], names: string[]]> = [
    [
      'Python module',
      'api_token = "k9Qv2Lm7Tz3Wk8Rj5HpX"\r\nimport os\r\nname = "billing-service"\r\n\r\nDB_PASSWORD = "hX7qL2vR9mK4pZ8w"\r\npath = "/var/lib/app/tokens"\nclient_secret = \'Zq8mN3vB6xC1lK9j\'',
      'source',
      ['api_token', 'DB_PASSWORD', 'client_secret'],
    ],
    ['.env file', 'PORT=8080\nSTRIPE_KEY=rk_live_abcdefghijkl\n# comment\nGITHUB_PAT=ghp_notreal\nLOG_LEVEL=debug', 'env', ['STRIPE_KEY', 'GITHUB_PAT']],
    ['Markdown', 'Run it:\n\n```sh\nexport OPENAI_API_KEY="sk-proj-zzzzzz"\nnpm start --token abcdef123456\n```\n', 'markdown', ['OPENAI_API_KEY', 'token']],
    ['INI without secrets', '[server]\nhost = example.org\nport = 443\n', 'ini', []],
  ];
  for (const [label, text, syntax, names] of texts) {
    it(label, () => {
      const hinted = findAssignments(text, syntax, SECRET_NAME_HINT);
      assert.deepEqual(secretNamed(hinted), secretNamed(findAssignments(text, syntax)));
      assert.deepEqual(secretNamed(hinted).map((a) => a.name), names);
      // The offsets are those of the whole text.
      for (const a of hinted) assert.equal(text.slice(a.range[0], a.range[1]), a.value);
    });
  }

  it('leaves the hint as it was, and refuses a hint that is not global', () => {
    SECRET_NAME_HINT.lastIndex = 0;
    findAssignments('token = "k9Qv2Lm7Tz3Wk8Rj5HpX"\n', 'source', SECRET_NAME_HINT);
    assert.equal(SECRET_NAME_HINT.lastIndex, 0);
    assert.throws(() => findAssignments('token = "k9Qv2Lm7Tz3Wk8Rj5HpX"', 'source', /token/i), TypeError);
  });

  it('skips the lines without a hint', () => {
    const text = 'name = "billing-service-east"\nregion = "eu-west-1-primary"\ntoken = "k9Qv2Lm7Tz3Wk8Rj5HpX"\n';
    assert.deepEqual(
      findAssignments(text, 'source').map((a) => a.name),
      ['name', 'region', 'token'],
    );
    assert.deepEqual(
      findAssignments(text, 'source', SECRET_NAME_HINT).map((a) => a.name),
      ['token'],
    );
  });
});
