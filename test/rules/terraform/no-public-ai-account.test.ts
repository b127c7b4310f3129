import rule from '../../../src/rules/terraform/no-public-ai-account';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'openai.tf';
const account = (body: string): string => `resource "azurerm_cognitive_account" "oai" {\n  name = "oai"\n  kind = "OpenAI"\n${body}}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: account('  public_network_access_enabled = false\n  local_auth_enabled            = false\n'), name: 'hardened' },
      { filename: f, code: account('  local_auth_enabled = false\n  network_acls {\n    default_action = "Deny"\n    ip_rules       = ["203.0.113.10"]\n  }\n'), name: 'firewall denies by default' },
      { filename: f, code: account('  public_network_access_enabled = var.public\n  local_auth_enabled            = var.keys\n'), name: 'unknown' },
      { filename: f, code: 'resource "azurerm_storage_account" "s" {\n  name = "s"\n}\n', name: 'other resource' },
    ],
    invalid: [
      {
        filename: f,
        code: account('  public_network_access_enabled = true\n  local_auth_enabled            = false\n'),
        errors: [{ messageId: 'enabled', line: 4, column: 3, endLine: 4, endColumn: 39, suggestions: [{ messageId: 'disable', output: account('  public_network_access_enabled = false\n  local_auth_enabled            = false\n') }] }],
      },
      {
        filename: f,
        code: account('  public_network_access_enabled = false\n'),
        errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 45, suggestions: [{ messageId: 'disable', output: 'resource "azurerm_cognitive_account" "oai" {\n  local_auth_enabled = false\n  name = "oai"\n  kind = "OpenAI"\n  public_network_access_enabled = false\n}\n' }] }],
      },
      {
        filename: f,
        code: account('  network_acls {\n    default_action = "Allow"\n  }\n  local_auth_enabled = true\n'),
        errors: [
          {
            messageId: 'missing',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 45,
            suggestions: [{ messageId: 'disable', output: 'resource "azurerm_cognitive_account" "oai" {\n  public_network_access_enabled = false\n  name = "oai"\n  kind = "OpenAI"\n  network_acls {\n    default_action = "Allow"\n  }\n  local_auth_enabled = true\n}\n' }],
          },
          { messageId: 'enabled', line: 7, column: 3, endLine: 7, endColumn: 28, suggestions: [{ messageId: 'disable', output: account('  network_acls {\n    default_action = "Allow"\n  }\n  local_auth_enabled = false\n') }] },
        ],
      },
    ],
  });
});
