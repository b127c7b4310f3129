import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type RuleSetting } from '../../../src';
import { terraformAdapter } from '../../../src/languages/terraform';
import { moduleValues } from '../../../src/languages/terraform/module-values';
import { readNeighbours } from '../../../src/files/neighbours';
import { makeTree, removeTree, runCli } from '../../cli/helpers';

const TF = { language: 'terraform', dialect: 'terraform' } as const;

describe('Terraform module values (a folder is one module)', () => {
  before(() => terraformAdapter.prepare!());

  it('takes auto-loaded tfvars over defaults, later auto.tfvars over earlier, and ignores other tfvars', () => {
    const values = moduleValues([
      { file: 'variables.tf', text: 'variable "encrypted" {\n  default = true\n}\nvariable "mutability" {\n  default = "IMMUTABLE"\n}\nvariable "count_" {}\n' },
      { file: 'locals.tf', text: 'locals {\n  tls = "TLS1_0"\n  name = "${var.prefix}-x"\n}\n' },
      { file: 'terraform.tfvars', text: 'encrypted = false\n' },
      { file: 'b.auto.tfvars', text: 'mutability = "MUTABLE"\n' },
      { file: 'a.auto.tfvars', text: 'mutability = "IMMUTABLE_WITH_EXCLUSION"\n' },
      { file: 'prod.tfvars', text: 'encrypted = true\n' },
    ]);
    assert.deepEqual(Object.fromEntries(values.assigned), { encrypted: false, mutability: 'MUTABLE' });
    assert.deepEqual(Object.fromEntries(values.defaults), { encrypted: true, mutability: 'IMMUTABLE' });
    assert.deepEqual(Object.fromEntries(values.locals), { tls: 'TLS1_0' }, 'a local the sibling cannot resolve is left out');
  });

  it('a rule judges var.x and local.x with the values of the other files of the folder', async () => {
    const analyzer = createAnalyzer();
    const settings = new Map<string, RuleSetting>([['aws/require-ecr-immutable-tags', { severity: 'warning', options: {} }], ['terraform/require-encryption-at-rest', { severity: 'warning', options: {} }]]);
    const main = 'resource "aws_ecr_repository" "api" {\n  name                 = "api"\n  image_tag_mutability = var.mutability\n}\nresource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  encrypted         = local.encrypted\n}\n';
    const neighbours = [
      { file: 'variables.tf', text: 'variable "mutability" {\n  type    = string\n  default = "MUTABLE"\n}\n' },
      { file: 'locals.tf', text: 'locals {\n  encrypted = false\n}\n' },
    ];
    const alone = await analyzer.analyzeAsync({ file: 'main.tf', text: main, settings }, { services: {} });
    assert.deepEqual(alone.findings, [], 'without the module, the values are unknown');
    const result = await analyzer.analyzeAsync({ file: 'main.tf', text: main, settings, neighbours }, { services: {} });
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.start.line]), [['aws/require-ecr-immutable-tags', 3], ['terraform/require-encryption-at-rest', 7]]);
    const assigned = await analyzer.analyzeAsync({ file: 'main.tf', text: main, settings, neighbours: [...neighbours, { file: 'terraform.tfvars', text: 'mutability = "IMMUTABLE"\n' }] }, { services: {} });
    assert.deepEqual(assigned.findings.map((f) => f.ruleId), ['terraform/require-encryption-at-rest'], 'terraform.tfvars sets the variable');
  });

  it('locates a value set by terraform.tfvars at the reference, not at the default it overrides', async () => {
    const analyzer = createAnalyzer();
    const settings = new Map<string, RuleSetting>([['terraform/no-wildcard-iam-policy', { severity: 'error', options: {} }]]);
    const main = 'variable "actions" {\n  default = ["s3:GetObject"]\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n';
    const alone = await analyzer.analyzeAsync({ file: 'main.tf', text: main, settings }, { services: {} });
    assert.deepEqual(alone.findings, []);
    const result = await analyzer.analyzeAsync({ file: 'main.tf', text: main, settings, neighbours: [{ file: 'terraform.tfvars', text: 'actions = ["*"]\n' }] }, { services: {} });
    assert.deepEqual(result.findings.map((f) => [f.ruleId, main.slice(...f.range)]), [['terraform/no-wildcard-iam-policy', 'var.actions']]);
  });

  describe('reading the folder', () => {
    let dir = '';
    afterEach(() => dir && removeTree(dir));

    it('reads the .tf files and auto-loaded .tfvars of the folder, not itself, other folders or links out of it', () => {
      dir = makeTree({ 'infra/main.tf': '', 'infra/variables.tf': 'variable "a" {}\n', 'infra/terraform.tfvars': 'a = 1\n', 'infra/prod.tfvars': 'a = 2\n', 'infra/notes.md': '', 'infra/sub/x.tf': '', 'outside/secret.tf': 'variable "s" {}\n' });
      fs.symlinkSync(path.join(dir, 'outside/secret.tf'), path.join(dir, 'infra/linked.tf'));
      const within = fs.realpathSync(path.join(dir, 'infra'));
      const names = readNeighbours(path.join(dir, 'infra/main.tf'), TF, within).map((n) => n.file);
      assert.deepEqual(names, ['terraform.tfvars', 'variables.tf']);
      assert.deepEqual(readNeighbours(path.join(dir, 'infra/main.tf'), { language: 'yaml', dialect: 'yaml' }, within), [], 'only Terraform reads neighbours');
      const held = readNeighbours(path.join(dir, 'infra/main.tf'), TF, within, (f) => (f.endsWith('variables.tf') ? 'variable "b" {}\n' : undefined));
      assert.equal(held.find((n) => n.file === 'variables.tf')?.text, 'variable "b" {}\n', 'an open document\'s text wins');
    });

    it('rampart scan reports a setting made insecure through variables.tf and terraform.tfvars', async () => {
      dir = makeTree({
        'infra/main.tf': 'resource "aws_kms_key" "k" {\n  description         = "uploads"\n  enable_key_rotation = var.rotate\n}\n',
        'infra/variables.tf': 'variable "rotate" {\n  type    = bool\n  default = true\n}\n',
        'infra/terraform.tfvars': 'rotate = false\n',
      });
      const { stdout } = await runCli(['scan', '--format', 'json'], { cwd: dir });
      const report = JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; line: number }> }> };
      const main = report.results.find((r) => r.file === 'infra/main.tf');
      assert.deepEqual(main?.findings.filter((f) => f.ruleId === 'aws/require-kms-key-rotation').map((f) => f.line), [3]);
    });
  });
});
