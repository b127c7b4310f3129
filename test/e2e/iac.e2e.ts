import * as assert from 'node:assert/strict';
import { useSession, type Problem } from './harness';

/** Terraform an assistant wrote: a database reachable from the internet (the grammar is WASM, loaded in the extension host). */
const MAIN_TF = `resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  storage_encrypted   = true
  publicly_accessible = true
}
`;
/** A workflow that pastes an issue title into a shell script. */
const WORKFLOW = `name: triage
on:
  issues:
    types: [opened]
permissions:
  issues: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - name: Label
        run: |
          echo "New issue: \${{ github.event.issue.title }}"
`;
const MOVE_TO_ENV = 'Move github.event.issue.title to env.ISSUE_TITLE and reference it quoted';
const isPublicRds = (p: Problem) => p.file === 'main.tf' && p.code === 'terraform/no-public-rds';
const isInjection = (p: Problem) => p.file === 'triage.yml' && p.code === 'github-actions/no-expression-injection';

describe('Rampart in VS Code: infrastructure as code', () => {
  const session = useSession({ label: 'iac', files: { 'infra/main.tf': MAIN_TF, '.github/workflows/triage.yml': WORKFLOW } });

  afterEach(async () => {
    await session().page.keyboard.press('Escape').catch(() => undefined);
  });

  it('reports a publicly accessible RDS instance in a .tf file (tree-sitter WASM in the extension host)', async () => {
    const s = session();
    await s.openFile('infra/main.tf');
    const problem = await s.waitForProblem('terraform/no-public-rds in main.tf', isPublicRds);
    assert.deepEqual([problem.line, problem.column], [6, 3]);
  });

  it('moves an injected expression of a workflow into env: with the suggestion', async () => {
    const s = session();
    await s.openFile('.github/workflows/triage.yml');
    const problem = await s.waitForProblem('github-actions/no-expression-injection in triage.yml', isInjection);
    await s.openQuickFixMenu(problem, MOVE_TO_ENV);
    await s.chooseQuickFix(MOVE_TO_ENV);
    const text = await s.waitForEditorText('the env: entry', (t) => t.includes('ISSUE_TITLE: ${{ github.event.issue.title }}'));
    assert.match(text, /\n {8}env:\n {10}ISSUE_TITLE: \$\{\{ github\.event\.issue\.title \}\}\n {8}run: \|\n {10}echo "New issue: \$\{ISSUE_TITLE\}"\n/);
    await s.waitForNoProblem('the injection finding to go away', isInjection);
  });
});
