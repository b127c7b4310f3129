import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { parseYaml } from '../../../src/languages/yaml';

/**
 * CloudFormation's short-form intrinsic functions are YAML local tags (`!Ref`, `!Sub`, …). The YAML
 * adapter needs no change for them: the `yaml` package keeps an unknown tag on its node (`node.tag`)
 * with the node's value and range, and records only a warning, never a syntax error.
 */
const TAGS = ['!Ref', '!Sub', '!GetAtt', '!Join', '!If', '!Equals', '!FindInMap', '!Select', '!Split', '!ImportValue', '!Base64', '!Cidr', '!GetAZs', '!And', '!Or', '!Not', '!Condition'];

const template = [
  'Resources:',
  '  Bucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  ...TAGS.map((tag, i) => `      P${i}: ${tag} [a, b]`),
  "      Name: !Sub '${AWS::StackName}-data'",
  '      Arn: !GetAtt Role.Arn',
  '      Nested: !Base64',
  '        Fn::Sub: x',
  '',
].join('\n');

function properties(text: string): YAMLMap {
  const parsed = parseYaml(text);
  assert.deepEqual(parsed.syntaxErrors, []);
  const node = parsed.root.documents[0].getIn(['Resources', 'Bucket', 'Properties'], true);
  assert.ok(isMap(node));
  return node;
}

describe('yaml adapter: CloudFormation intrinsic tags', () => {
  it('reads every short-form intrinsic without a syntax error', () => {
    const props = properties(template);
    assert.equal(props.items.length, TAGS.length + 3);
    TAGS.forEach((tag, i) => {
      const value = props.items[i].value;
      assert.ok(isSeq(value), `${tag} keeps its sequence`);
      assert.equal(value.tag, tag);
      assert.deepEqual(value.toJSON(), ['a', 'b']);
    });
  });

  it('keeps scalar and mapping values with their tag and exact range', () => {
    const props = properties(template);
    const name = props.get('Name', true);
    assert.ok(isScalar(name));
    assert.equal(name.tag, '!Sub');
    assert.equal(name.value, '${AWS::StackName}-data');
    assert.equal(template.slice(name.range![0], name.range![1]), "'${AWS::StackName}-data'");
    const arn = props.get('Arn', true);
    assert.ok(isScalar(arn));
    assert.equal(arn.tag, '!GetAtt');
    assert.equal(template.slice(arn.range![0], arn.range![1]), 'Role.Arn');
    const nested = props.get('Nested', true);
    assert.ok(isMap(nested));
    assert.equal(nested.tag, '!Base64');
  });

  it('reports unknown tags as warnings only', () => {
    const parsed = parseYaml('Value: !Ref Thing\n');
    assert.deepEqual(parsed.syntaxErrors, []);
    assert.match(parsed.root.documents[0].warnings.map((w) => w.message).join('\n'), /Unresolved tag: !Ref/);
  });
});
