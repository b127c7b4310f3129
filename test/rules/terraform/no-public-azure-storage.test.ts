import rule from '../../../src/rules/terraform/no-public-azure-storage';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'storage.tf';
const account = (body: string): string => `resource "azurerm_storage_account" "sa" {\n  name = "acmedata"\n${body}}\n`;
const container = (access: string): string => `resource "azurerm_storage_container" "c" {\n  name                  = "reports"\n  container_access_type = "${access}"\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: account('  allow_nested_items_to_be_public = false\n  public_network_access_enabled   = false\n'), name: 'hardened' },
      { filename: f, code: account('  allow_nested_items_to_be_public = false\n  network_rules {\n    default_action = "Deny"\n    ip_rules       = ["203.0.113.10"]\n  }\n'), name: 'firewall denies by default' },
      { filename: f, code: account('  allow_nested_items_to_be_public = var.nested\n  public_network_access_enabled   = var.public\n'), name: 'unknown' },
      { filename: f, code: container('private'), name: 'private container' },
    ],
    invalid: [
      {
        filename: f,
        code: account('  allow_nested_items_to_be_public = true\n  public_network_access_enabled   = false\n'),
        errors: [{ messageId: 'enabled', line: 3, column: 3, endLine: 3, endColumn: 41, suggestions: [{ messageId: 'disable', output: account('  allow_nested_items_to_be_public = false\n  public_network_access_enabled   = false\n') }] }],
      },
      {
        filename: f,
        code: account('  allow_nested_items_to_be_public = false\n'),
        errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 42, suggestions: [{ messageId: 'disable', output: 'resource "azurerm_storage_account" "sa" {\n  public_network_access_enabled = false\n  name = "acmedata"\n  allow_nested_items_to_be_public = false\n}\n' }] }],
      },
      {
        filename: f,
        code: container('container'),
        errors: [{ messageId: 'publicContainer', line: 3, column: 3, endLine: 3, endColumn: 38, suggestions: [{ messageId: 'makePrivate', output: container('private') }] }],
      },
    ],
  });
});
