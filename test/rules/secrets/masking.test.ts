import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, removeTree, runCli } from '../../cli/helpers';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'secrets');

/** Every secret written in the secrets fixtures: none may appear in any output, in full. */
const SECRETS = [
  'g7Kp2Lm9Qx4Rv8Zt3Wy6Nb1Hc5Jd0Fs',
  'Tq7xLx9avR2qmN4p',
  'django-insecure-9xk2pv8ql3mz7wr4ty6ui1oe5',
  'Tq7#Lx9!vR2@mN4p',
  'Zq8Xv2Lm9Rt4Wy7Kp3Nb6Hc1Jd5Fs0Gq',
  'Xm4Rt8Wq2Ln6Pz9Kv3Hb7Jc1Df5Gs0Ya',
  'Y29ycmVjdC1ob3JzZS05',
  'correct-horse-9',
  'plainvalue42',
];

/** The fixture tree copied (not linked: links out of a scan are not read), without annotations' effect. */
function copyFixtures(): string {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.expected.json')) files[path.relative(FIXTURES, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(FIXTURES);
  return makeTree(files);
}

describe('secrets: no output format prints a secret', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = copyFixtures()));
  after(() => removeTree(dir));

  for (const format of ['text', 'json', 'sarif', 'html', 'markdown'] as const) {
    it(`${format}: every finding is reported, only masked`, async () => {
      const run = await runCli(['scan', '--format', format, '.'], { cwd: dir });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /secrets\/no-hardcoded-secret/);
      for (const secret of SECRETS) {
        assert.ok(!run.stdout.includes(secret), `${format} output shows ${secret}`);
        assert.ok(!run.stderr.includes(secret), `${format} notes show ${secret}`);
      }
    });
  }

  it('the JSON report counts the findings of every fixture file kind', async () => {
    const run = await runCli(['scan', '--format', 'json', '.'], { cwd: dir });
    const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> };
    // A credential-named Terraform attribute is iac/no-hardcoded-credential's; the generic rule defers to it there.
    const secretRules = new Set(['secrets/no-hardcoded-secret', 'iac/no-hardcoded-credential']);
    const withSecrets = report.results.filter((r) => r.findings.some((f) => secretRules.has(f.ruleId))).map((r) => r.file).sort();
    assert.deepEqual(withSecrets, [
      '.env', 'Billing.java', 'README.md', 'analysis.ipynb', 'app-config.yaml', 'application.properties',
      'config.toml', 'db.tf', 'deploy.sh', 'k8s/db-secret.yaml', 'main.go', 'settings.py', 'web.config',
    ]);
  });
});
