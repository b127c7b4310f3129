import rule from '../../../src/rules/terraform/no-vertex-workbench-public-ip';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'workbench.tf';
const instance = (body: string): string => `resource "google_workbench_instance" "wb" {\n  name     = "wb"\n  location = "us-central1-a"\n${body}}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: instance('  gce_setup {\n    machine_type      = "e2-standard-4"\n    disable_public_ip = true\n  }\n'), name: 'no public ip' },
      { filename: f, code: instance('  gce_setup {\n    disable_public_ip = var.private\n  }\n'), name: 'unknown' },
      { filename: f, code: 'resource "google_notebooks_instance" "nb" {\n  name         = "nb"\n  no_public_ip = true\n}\n', name: 'legacy notebook without public ip' },
      { filename: f, code: instance('  dynamic "gce_setup" {\n    for_each = each.value.setups\n    content {\n      machine_type = gce_setup.value\n    }\n  }\n'), name: 'computed dynamic setup' },
    ],
    invalid: [
      {
        filename: f,
        code: instance(''),
        errors: [{ messageId: 'publicIp', line: 1, column: 1, endLine: 1, endColumn: 44, suggestions: [{ messageId: 'disable', output: 'resource "google_workbench_instance" "wb" {\n  gce_setup {\n    disable_public_ip = true\n  }\n  name     = "wb"\n  location = "us-central1-a"\n}\n' }] }],
      },
      {
        filename: f,
        code: instance('  gce_setup {\n    machine_type = "e2-standard-4"\n  }\n'),
        errors: [{ messageId: 'publicIp', line: 4, column: 3, endLine: 4, endColumn: 14, suggestions: [{ messageId: 'disable', output: instance('  gce_setup {\n    disable_public_ip = true\n    machine_type = "e2-standard-4"\n  }\n') }] }],
      },
      {
        filename: f,
        code: instance('  gce_setup {\n    disable_public_ip = false\n  }\n'),
        errors: [{ messageId: 'publicIp', line: 5, column: 5, endLine: 5, endColumn: 30, suggestions: [{ messageId: 'disable', output: instance('  gce_setup {\n    disable_public_ip = true\n  }\n') }] }],
      },
      {
        filename: f,
        code: 'resource "google_notebooks_instance" "nb" {\n  name = "nb"\n}\n',
        errors: [{ messageId: 'publicIp', line: 1, column: 1, endLine: 1, endColumn: 44, suggestions: [{ messageId: 'disable', output: 'resource "google_notebooks_instance" "nb" {\n  no_public_ip = true\n  name = "nb"\n}\n' }] }],
      },
    ],
  });
});
