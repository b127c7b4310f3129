import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type RuleSetting } from '../../../src';
import type { NeighbourFile } from '../../../src/engine/analyzer';
import { applyFixes } from '../../../src/engine/apply-fixes';
import type { Finding } from '../../../src/engine/types';
import { localModuleSources, readNeighbours } from '../../../src/files/neighbours';
import { terraformAdapter } from '../../../src/languages/terraform';
import { normalize, relative } from '../../../src/languages/terraform/modules';
import { makeTree, removeTree, runCli } from '../../cli/helpers';

const TF = { language: 'terraform', dialect: 'terraform' } as const;
const RULES = [
  'terraform/no-public-rds',
  'terraform/require-encryption-at-rest',
  'aws/require-rds-deletion-protection',
  'aws/require-kms-key-rotation',
  'terraform/no-open-security-group',
  'terraform/no-wildcard-iam-policy',
];
const settings = new Map<string, RuleSetting>(RULES.map((id) => [id, { severity: 'error', options: {} }]));

const DB_VARIABLES = `variable "name" {
  type = string
}

variable "publicly_accessible" {
  type    = bool
  default = false
}

variable "storage_encrypted" {
  type    = bool
  default = true
}
`;

const DB_MAIN = `resource "aws_db_instance" "this" {
  identifier          = var.name
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  deletion_protection = true
  publicly_accessible = var.publicly_accessible
  storage_encrypted   = var.storage_encrypted
}
`;

const DB: NeighbourFile[] = [
  { file: 'modules/db/main.tf', text: DB_MAIN },
  { file: 'modules/db/variables.tf', text: DB_VARIABLES },
];

/** What a finding covers: its text and 1-based positions, and those of its related locations (text read from `files`). */
function where(f: Finding, text: string, files: readonly NeighbourFile[]) {
  return {
    text: text.slice(...f.range),
    start: [f.start.line, f.start.column],
    end: [f.end.line, f.end.column],
    related: f.related.map((r) => ({
      file: r.file,
      text: (r.file === undefined ? text : files.find((n) => n.file === r.file)!.text).slice(...r.range),
      start: [r.start.line, r.start.column],
      end: [r.end.line, r.end.column],
    })),
  };
}

describe('Terraform local modules evaluated with their inputs', () => {
  before(() => terraformAdapter.prepare!());
  const analyzer = createAnalyzer();
  const analyze = (text: string, neighbours: readonly NeighbourFile[], file = 'main.tf') => {
    const result = analyzer.analyze({ file, text, settings, neighbours });
    assert.deepEqual(result.errors, []);
    return result.findings;
  };

  describe('reported at the input, related to the resource', () => {
    it('reports an insecure input at its value with the module attribute as related location, and fixes the input', () => {
      const main = 'module "db" {\n  source              = "./modules/db"\n  name                = "orders"\n  publicly_accessible = true\n}\n';
      const findings = analyze(main, DB);
      assert.equal(findings.length, 1);
      const [f] = findings;
      assert.equal(f.ruleId, 'terraform/no-public-rds');
      assert.deepEqual(where(f, main, DB), {
        text: 'true',
        start: [4, 25],
        end: [4, 29],
        related: [{ file: 'modules/db/main.tf', text: 'publicly_accessible = var.publicly_accessible', start: [6, 3], end: [6, 48] }],
      });
      assert.equal(f.related[0].message, 'where module.db uses the value');
      assert.match(f.message, /^'aws_db_instance\.this' sets publicly_accessible = true: .* — via module\.db \(modules\/db\/main\.tf:6\)$/);
      assert.deepEqual(
        f.suggestions.map((s) => applyFixes(main, [s]).text),
        ['module "db" {\n  source              = "./modules/db"\n  name                = "orders"\n  publicly_accessible = false\n}\n'],
      );
      assert.deepEqual(analyze(applyFixes(main, [f.suggestions[0]]).text, DB), [], 'the fixed input removes the finding');
    });

    it('reports each insecure input of one call, and each call of the same module, at its own value', () => {
      const main =
        'module "orders" {\n  source              = "./modules/db"\n  publicly_accessible = true\n  storage_encrypted   = false\n}\n\n' +
        'module "audit" {\n  source            = "./modules/db"\n  storage_encrypted = false\n}\n';
      const findings = analyze(main, DB);
      assert.deepEqual(
        findings.map((f) => [f.ruleId, main.slice(...f.range), f.start.line, f.related[0].start.line]),
        [
          ['terraform/no-public-rds', 'true', 3, 6],
          ['terraform/require-encryption-at-rest', 'false', 4, 7],
          ['terraform/require-encryption-at-rest', 'false', 9, 7],
        ],
      );
      assert.match(findings[2].message, / — via module\.audit \(modules\/db\/main\.tf:7\)$/);
    });

    it('locates an input that passes a variable of the calling module at that variable\'s default, related to the input', () => {
      const main = 'variable "public" {\n  type    = bool\n  default = true\n}\n\nmodule "db" {\n  source              = "./modules/db"\n  publicly_accessible = var.public\n}\n';
      const [f, ...rest] = analyze(main, DB);
      assert.deepEqual(rest, []);
      assert.deepEqual(where(f, main, DB), {
        text: 'true',
        start: [3, 13],
        end: [3, 17],
        related: [
          { file: 'modules/db/main.tf', text: 'publicly_accessible = var.publicly_accessible', start: [6, 3], end: [6, 48] },
          { file: undefined, text: 'publicly_accessible = var.public', start: [8, 3], end: [8, 35] },
        ],
      });
      assert.equal(f.related[1].message, 'passed to module.db as publicly_accessible');
      assert.deepEqual(
        f.suggestions.map((s) => applyFixes(main, [s]).text),
        [main.replace('publicly_accessible = var.public', 'publicly_accessible = false')],
        'the suggestion sets the input, not the default other callers may rely on',
      );
    });

    it('follows an input through a local of another file of the module', () => {
      const files: NeighbourFile[] = [
        { file: 'net/rules.tf', text: 'resource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = local.admin\n  security_group_id = "sg-123"\n}\n' },
        { file: 'net/locals.tf', text: 'variable "admin_cidrs" {\n  default = ["10.0.0.0/8"]\n}\n\nlocals {\n  admin = var.admin_cidrs\n}\n' },
      ];
      const main = 'module "net" {\n  source      = "./net"\n  admin_cidrs = ["0.0.0.0/0"]\n}\n';
      const findings = analyze(main, files);
      assert.deepEqual(
        findings.map((f) => where(f, main, files)),
        [{ text: '["0.0.0.0/0"]', start: [3, 17], end: [3, 30], related: [{ file: 'net/rules.tf', text: 'cidr_blocks       = local.admin', start: [6, 3], end: [6, 34] }] }],
      );
      assert.equal(findings[0].ruleId, 'terraform/no-open-security-group');
      assert.deepEqual(findings[0].suggestions, [], 'an edit of the local is not an edit of the input: no suggestion');
    });

    it('names the whole path of nested modules, relative to the calling file, and relates each step', () => {
      const files: NeighbourFile[] = [
        { file: 'modules/bucket/main.tf', text: 'variable "rotate_key" {\n  default = true\n}\n\nmodule "key" {\n  source = "../kms-key"\n  rotate = var.rotate_key\n}\n' },
        { file: 'modules/kms-key/main.tf', text: 'variable "rotate" {\n  default = true\n}\n\nresource "aws_kms_key" "this" {\n  description         = "bucket key"\n  enable_key_rotation = var.rotate\n}\n' },
      ];
      const main = 'module "uploads" {\n  source     = "./modules/bucket"\n  rotate_key = false\n}\n';
      const findings = analyze(main, files);
      assert.deepEqual(
        findings.map((f) => where(f, main, files)),
        [
          {
            text: 'false',
            start: [3, 16],
            end: [3, 21],
            related: [
              { file: 'modules/bucket/main.tf', text: 'var.rotate_key', start: [7, 12], end: [7, 26] },
              { file: 'modules/kms-key/main.tf', text: 'enable_key_rotation = var.rotate', start: [7, 3], end: [7, 35] },
            ],
          },
        ],
      );
      assert.match(findings[0].message, / — via module\.uploads\.module\.key \(modules\/kms-key\/main\.tf:7\)$/);
    });

    it('reports a resource that only the input creates (count) at that input', () => {
      const files: NeighbourFile[] = [
        { file: 'replica/main.tf', text: 'variable "replicas" {\n  default = 0\n}\n\nresource "aws_db_instance" "replica" {\n  count               = var.replicas\n  deletion_protection = true\n  storage_encrypted   = true\n  publicly_accessible = true\n}\n' },
      ];
      const main = 'module "replica" {\n  source   = "./replica"\n  replicas = 2\n}\n';
      const findings = analyze(main, files);
      assert.deepEqual(findings.map((f) => [f.ruleId, main.slice(...f.range)]), [['terraform/no-public-rds', '2']]);
      assert.deepEqual(analyze(files[0].text, [], 'replica/main.tf'), [], 'the module alone creates no replica');
    });

    it('applies an inline suppression of the calling file at the input', () => {
      const main = 'module "db" {\n  source = "./modules/db"\n  # rampart-ignore-next-line terraform/no-public-rds -- a public demo database, no data\n  publicly_accessible = true\n}\n';
      const [f, ...rest] = analyze(main, DB);
      assert.deepEqual(rest, []);
      assert.equal(f.suppressed?.kind, 'inline');
    });
  });

  describe('not reported at the call', () => {
    it('a secure input, or no input when the default is secure', () => {
      assert.deepEqual(analyze('module "db" {\n  source              = "./modules/db"\n  publicly_accessible = false\n  storage_encrypted   = true\n}\n', DB), []);
      assert.deepEqual(analyze('module "db" {\n  source = "./modules/db"\n  name   = "orders"\n}\n', DB), []);
    });

    it('what the module has on its own: an insecure default or a hard-coded value stays in the module file', () => {
      const files: NeighbourFile[] = [
        { file: 'modules/db/main.tf', text: 'variable "public" {\n  default = true\n}\n\nresource "aws_db_instance" "this" {\n  publicly_accessible = var.public\n  storage_encrypted   = false\n}\n' },
      ];
      const main = 'module "db" {\n  source = "./modules/db"\n  name   = "orders"\n}\n';
      assert.deepEqual(analyze(main, files), []);
      const own = analyze(files[0].text, [], 'modules/db/main.tf');
      assert.deepEqual(own.map((f) => [f.ruleId, f.start.line]), [
        ['aws/require-rds-deletion-protection', 5],
        ['terraform/no-public-rds', 6],
        ['terraform/require-encryption-at-rest', 7],
      ]);
    });

    it('registry, git and other remote sources, and a module folder that is not among the neighbours', () => {
      for (const source of ['terraform-aws-modules/rds/aws', 'git::https://example.com/db.git', 'github.com/acme/db', 'modules/db', './elsewhere']) {
        assert.deepEqual(analyze(`module "db" {\n  source              = "${source}"\n  publicly_accessible = true\n}\n`, DB), [], source);
      }
    });

    it('a call that makes no instance: count = 0 (written or through a variable) and an empty for_each', () => {
      for (const meta of ['count = 0', 'count = var.n', 'for_each = {}', 'for_each = toset([])']) {
        const main = `variable "n" {\n  default = 0\n}\n\nmodule "db" {\n  source              = "./modules/db"\n  ${meta}\n  publicly_accessible = true\n}\n`;
        assert.deepEqual(analyze(main, DB), [], meta);
      }
      const main = 'module "db" {\n  source              = "./modules/db"\n  count               = 1\n  publicly_accessible = true\n}\n';
      assert.equal(analyze(main, DB).length, 1, 'count = 1 makes one');
    });

    it('a call of the file\'s own folder, and a cycle of calls, end without findings from the loop', () => {
      const self = 'variable "public" {\n  default = false\n}\n\nmodule "again" {\n  source = "./"\n  public = true\n}\n';
      assert.deepEqual(analyze(self, [{ file: 'other.tf', text: 'resource "aws_db_instance" "x" {\n  publicly_accessible = var.public\n}\n' }]), []);
      const files: NeighbourFile[] = [
        { file: 'a/main.tf', text: 'variable "public" {\n  default = false\n}\n\nmodule "b" {\n  source = "../b"\n  public = var.public\n}\n' },
        { file: 'b/main.tf', text: 'variable "public" {\n  default = false\n}\n\nmodule "a" {\n  source = "../a"\n  public = var.public\n}\n\nresource "aws_db_instance" "b" {\n  deletion_protection = true\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n' },
      ];
      const main = 'module "a" {\n  source = "./a"\n  public = true\n}\n';
      const findings = analyze(main, files);
      assert.deepEqual(findings.map((f) => [main.slice(...f.range), f.message.split(' — ')[1]]), [['true', 'via module.a.module.b (b/main.tf:13)']], 'b is evaluated once, not again through a');
    });

    it('follows calls three levels deep, not further', () => {
      const level = (n: number) => `variable "public" {\n  default = false\n}\n\nmodule "m${n + 1}" {\n  source = "../m${n + 1}"\n  public = var.public\n}\n\nresource "aws_db_instance" "m${n}" {\n  deletion_protection = true\n  storage_encrypted   = true\n  publicly_accessible = var.public\n}\n`;
      const files: NeighbourFile[] = [1, 2, 3, 4, 5].map((n) => ({ file: `m${n}/main.tf`, text: level(n) }));
      const main = 'module "m1" {\n  source = "./m1"\n  public = true\n}\n';
      assert.deepEqual(
        analyze(main, files).map((f) => f.message.split(' — ')[1]).sort(),
        ['via module.m1 (m1/main.tf:13)', 'via module.m1.module.m2 (m2/main.tf:13)', 'via module.m1.module.m2.module.m3 (m3/main.tf:13)'],
      );
    });

    it('past the budget of module runs, the calls that do not fit report nothing rather than a guess', () => {
      const calls = Array.from({ length: 80 }, (_, i) => `module "db${i}" {\n  source              = "./modules/db"\n  publicly_accessible = true\n}\n`).join('\n');
      const started = Date.now();
      const findings = analyze(calls, DB);
      assert.ok(Date.now() - started < 20_000);
      // One run for the module without inputs, then one per call: 63 of the 80 calls fit in the 64 runs.
      assert.equal(findings.length, 63);
      const lines = findings.map((f) => f.start.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      assert.equal(lines[0], 3, 'the first calls are reported');
    });
  });

  describe('resources that are not created', () => {
    it('count = 0 (written or through a variable) and an empty for_each leave a resource out; count = 1 and an unknown count do not', () => {
      const text =
        'variable "n" {\n  default = 0\n}\n\n' +
        'resource "aws_db_instance" "a" {\n  count               = 0\n  publicly_accessible = true\n}\n\n' +
        'resource "aws_db_instance" "b" {\n  count               = var.n\n  publicly_accessible = true\n}\n\n' +
        'resource "aws_db_instance" "c" {\n  for_each            = {}\n  publicly_accessible = true\n}\n\n' +
        'resource "aws_db_instance" "d" {\n  for_each            = toset([])\n  publicly_accessible = true\n}\n\n' +
        'resource "aws_db_instance" "e" {\n  count               = 1\n  publicly_accessible = true\n}\n\n' +
        'resource "aws_db_instance" "f" {\n  count               = var.enabled ? 1 : 0\n  publicly_accessible = true\n}\n';
      const findings = analyze(text, []).filter((f) => f.ruleId === 'terraform/no-public-rds');
      assert.deepEqual(findings.map((f) => /'(aws_db_instance\.\w)'/.exec(f.message)?.[1]), ['aws_db_instance.e', 'aws_db_instance.f']);
    });
  });

  describe('paths', () => {
    it('normalizes a source and says one folder relative to another', () => {
      assert.equal(normalize('./modules/db/'), 'modules/db');
      assert.equal(normalize('../shared/./x/../bucket'), '../shared/bucket');
      assert.equal(normalize('./'), '');
      assert.equal(relative('modules/db', 'modules/db/main.tf'), 'main.tf');
      assert.equal(relative('modules/db', 'modules/kms/main.tf'), '../kms/main.tf');
      assert.equal(relative('modules/db', ''), '../..');
      assert.equal(relative('../shared', '../shared/x.tf'), 'x.tf');
      assert.equal(relative('../shared', 'main.tf'), null, 'the calling folder cannot be named from a ../ module');
    });

    it('finds local module sources only', () => {
      const text = 'module "a" {\n  source = "./modules/a"\n}\nmodule "b" {\n  source  = "../b"\n  version = "1"\n}\nmodule "c" {\n  source = "terraform-aws-modules/vpc/aws"\n}\nmodule "d" {\n  source = "git::https://x/y.git"\n}\nmodule "e" {\n  source = "./${var.x}"\n}\n';
      assert.deepEqual(localModuleSources(text), ['./modules/a', '../b']);
    });
  });

  describe('reading the module folders', () => {
    let dir = '';
    afterEach(() => dir && removeTree(dir));

    it('reads the .tf files of local modules (./ and ../, nested), not registry ones, not outside the workspace or through a link out, each folder once', () => {
      dir = makeTree({
        'repo/live/main.tf': 'module "db" {\n  source = "./modules/db"\n}\nmodule "shared" {\n  source = "../shared"\n}\nmodule "out" {\n  source = "../../outside"\n}\nmodule "linked" {\n  source = "./linked"\n}\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n',
        'repo/live/variables.tf': 'variable "x" {}\n',
        'repo/live/modules/db/main.tf': 'module "back" {\n  source = "../.."\n}\n',
        'repo/live/modules/db/terraform.tfvars': 'x = 1\n',
        'repo/live/modules/db/README.md': '',
        'repo/shared/main.tf': 'module "key" {\n  source = "./key"\n}\n',
        'repo/shared/key/main.tf': 'resource "aws_kms_key" "k" {}\n',
        'outside/main.tf': 'resource "aws_kms_key" "secret" {}\n',
        'elsewhere/main.tf': 'resource "aws_kms_key" "elsewhere" {}\n',
      });
      fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'repo/live/linked'));
      const within = path.join(dir, 'repo');
      const main = path.join(dir, 'repo/live/main.tf');
      const names = readNeighbours(main, TF, within).map((n) => n.file);
      assert.deepEqual(names, ['variables.tf', 'modules/db/main.tf', '../shared/main.tf', '../shared/key/main.tf']);
      assert.deepEqual(readNeighbours(path.join(dir, 'repo/live/variables.tf'), TF, within).map((n) => n.file), ['main.tf'], 'a file without module calls reads its folder only');
      assert.deepEqual(readNeighbours(main, TF, undefined).map((n) => n.file), ['variables.tf', 'modules/db/main.tf'], 'without a workspace, only below the file\'s folder');
    });
  });

  it('rampart scan reports a module input at the calling file, with the module file as related location', async () => {
    const dir = makeTree({
      'infra/main.tf': 'module "db" {\n  source              = "./modules/db"\n  name                = "orders"\n  publicly_accessible = true\n}\n',
      'infra/modules/db/main.tf': DB_MAIN,
      'infra/modules/db/variables.tf': DB_VARIABLES,
    });
    try {
      const { stdout } = await runCli(['scan', '--format', 'json'], { cwd: dir });
      const report = JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; line: number; column: number; related: Array<{ file?: string; line: number }> }> }> };
      const rds = (file: string) => report.results.find((r) => r.file === file)?.findings.filter((f) => f.ruleId === 'terraform/no-public-rds');
      assert.deepEqual(rds('infra/main.tf')?.map((f) => [f.line, f.column, f.related.map((r) => [r.file, r.line])]), [[4, 25, [['modules/db/main.tf', 6]]]]);
      assert.deepEqual(rds('infra/modules/db/main.tf'), [], 'the module on its own is private');
    } finally {
      removeTree(dir);
    }
  });
});
