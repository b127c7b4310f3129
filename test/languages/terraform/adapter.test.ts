import assert from 'node:assert/strict';
import { terraformAdapter, UNKNOWN, type TerraformHelpers, type TerraformParsedFile } from '../../../src/languages/terraform';
import { loadPythonRuntime } from '../../../src/languages/python/runtime';
import type { VisitorTable } from '../../../src/engine/language';

function parse(text: string): { parsed: TerraformParsedFile; helpers: TerraformHelpers } {
  const parsed = terraformAdapter.parse(text, 'main.tf') as TerraformParsedFile;
  return { parsed, helpers: terraformAdapter.createHelpers(parsed, text) };
}

describe('terraform adapter', () => {
  before(async () => {
    // Both grammars share one runtime: loading them together must not race.
    await Promise.all([terraformAdapter.prepare!(), loadPythonRuntime()]);
  });

  it('offsets are UTF-16 code units (non-ASCII, astral characters)', () => {
    const text = '# é 😀\nresource "aws_s3_bucket" "b" {\n  tags = { Name = "中文😀" }\n  acl = "private"\n}\n';
    const { parsed, helpers } = parse(text);
    const acl = helpers.model().resources('aws_s3_bucket')[0].attributes.get('acl')!;
    assert.equal(text.slice(...acl.range), 'acl = "private"');
    assert.deepEqual(parsed.comments.map((c) => c.value), [' é 😀']);
    terraformAdapter.dispose!(parsed);
  });

  it('collects #, // and /* */ comments', () => {
    const { parsed } = parse('# a\n// b\n/* c */\nx = 1 # d\r\n');
    assert.deepEqual(parsed.comments.map((c) => c.value), [' a', ' b', ' c ', ' d']);
    assert.deepEqual(parsed.syntaxErrors, []);
    terraformAdapter.dispose!(parsed);
  });

  it('traverses File first and last, and named nodes by type', () => {
    const { parsed } = parse('resource "a" "b" {\n  x = 1\n}\n');
    const seen: string[] = [];
    const visitors: VisitorTable<unknown> = {
      enter: new Map([['File', [() => seen.push('File')]], ['attribute', [() => seen.push('attribute')]]]),
      exit: new Map([['File', [() => seen.push('File:exit')]], ['block', [() => seen.push('block:exit')]]]),
    };
    terraformAdapter.traverse(parsed, visitors);
    assert.deepEqual(seen, ['File', 'attribute', 'block:exit', 'File:exit']);
    terraformAdapter.dispose!(parsed);
  });

  it('reports syntax errors without throwing, and handles empty and binary input', () => {
    for (const text of ['resource "a" {\n  x = \n', '', '\u0000\u0001\uFFFD'.repeat(100)]) {
      const { parsed, helpers } = parse(text);
      assert.ok(Array.isArray(helpers.model().blocks));
      terraformAdapter.dispose!(parsed);
    }
    assert.ok(parse('resource "a" {\n  x = \n').parsed.syntaxErrors.length > 0);
  });

  it('expands a dynamic block whose for_each is a variable or local with a static default', () => {
    const text = [
      'variable "ports" {\n  default = [22, 443]\n}',
      'locals {\n  names = ["a"]\n}',
      'resource "aws_security_group" "web" {',
      '  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port = ingress.value\n    }\n  }',
      '  dynamic "tag" {\n    for_each = local.names\n    content {\n      name = tag.value\n    }\n  }',
      '  dynamic "unknown" {\n    for_each = var.missing\n    content {\n      x = 1\n    }\n  }',
      '}',
    ].join('\n');
    const { parsed, helpers } = parse(text);
    const model = helpers.model();
    const [sg] = model.resources('aws_security_group');
    const ingress = sg.blocks.filter((b) => b.kind === 'ingress');
    assert.deepEqual(ingress.map((b) => model.value(b.attributes.get('from_port'))), [22, 443]);
    assert.deepEqual(sg.blocks.filter((b) => b.kind === 'tag').map((b) => model.value(b.attributes.get('name'))), ['a']);
    assert.equal(sg.blocks.filter((b) => b.kind === 'unknown').length, 0, 'an unknown for_each expands to nothing');
    terraformAdapter.dispose!(parsed);
  });

  it('models blocks and resolves static values', () => {
    const text = [
      'variable "port" {\n  default = 22\n}',
      'locals {\n  cidrs = ["0.0.0.0/0"]\n  cfg = { a = { b = "deep" } }\n}',
      'resource "aws_x" "y" {',
      '  s = "a\\"b"',
      '  i = "pre-${var.port}"',
      '  n = -5',
      '  l = [1, true, null, "x"]',
      '  v = var.port',
      '  c = local.cidrs',
      '  d = local.cfg.a.b',
      '  j = jsonencode({ Statement = [{ Action = "*" }] })',
      '  h = <<-EOT\n    {"Version": "2012-10-17"}\n  EOT',
      '  r = aws_s3_bucket.b.id',
      '  f = file("p.json")',
      '  nested {\n    k = "v"\n  }',
      '  dynamic "rule" {\n    for_each = { one = 1, two = 2 }\n    content {\n      val = rule.value\n      key = rule.key\n    }\n  }',
      '}',
    ].join('\n');
    const { parsed, helpers } = parse(text);
    const model = helpers.model();
    const [block] = model.resources('aws_x');
    const value = (name: string): unknown => model.value(block.attributes.get(name));
    assert.equal(text.slice(...block.headerRange), 'resource "aws_x" "y" {');
    assert.equal(value('s'), 'a"b');
    assert.equal(value('i'), UNKNOWN);
    assert.equal(value('n'), -5);
    assert.deepEqual(value('l'), [1, true, null, 'x']);
    assert.equal(value('v'), 22);
    assert.deepEqual(value('c'), ['0.0.0.0/0']);
    assert.equal(value('d'), 'deep');
    assert.deepEqual(value('j'), { Statement: [{ Action: '*' }] });
    assert.deepEqual(JSON.parse(String(value('h'))), { Version: '2012-10-17' });
    assert.equal(value('r'), UNKNOWN);
    assert.equal(value('f'), UNKNOWN);
    assert.equal(model.value(block.blocks[0].attributes.get('k')), 'v');
    const rules = block.blocks.filter((b) => b.kind === 'rule');
    assert.deepEqual(rules.map((r) => [model.value(r.attributes.get('key')), model.value(r.attributes.get('val'))]), [['one', 1], ['two', 2]]);
    assert.ok(rules.every((r) => r.dynamic));
    terraformAdapter.dispose!(parsed);
  });
});
