import rule from '../../../src/rules/terraform/no-open-cloud-firewall';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'network.tf';
const nsgRule = (body: string): string =>
  `resource "azurerm_network_security_rule" "r" {\n  name = "r"\n  priority = 100\n${body}}\n`;
const azure = (direction: string, access: string, protocol: string, port: string, source: string): string =>
  nsgRule(`  direction = "${direction}"\n  access = "${access}"\n  protocol = "${protocol}"\n  destination_port_range = "${port}"\n  source_address_prefix = "${source}"\n`);
const gcp = (allow: string, extra = ''): string =>
  `resource "google_compute_firewall" "fw" {\n  name = "fw"\n  network = "default"\n${extra}  source_ranges = ["0.0.0.0/0"]\n  allow {\n${allow}  }\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: azure('Inbound', 'Allow', 'Tcp', '443', '*'), name: 'Azure: HTTPS from anywhere' },
      { filename: f, code: azure('Inbound', 'Allow', 'Tcp', '22', '10.0.0.0/8'), name: 'Azure: SSH from a private range' },
      { filename: f, code: azure('Inbound', 'Deny', 'Tcp', '22', '*'), name: 'Azure: deny rule' },
      { filename: f, code: azure('Outbound', 'Allow', '*', '*', '*'), name: 'Azure: outbound' },
      { filename: f, code: azure('Inbound', 'Allow', 'Icmp', '*', 'Internet'), name: 'Azure: ICMP has no ports' },
      { filename: f, code: nsgRule('  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n  destination_port_range = var.port\n  source_address_prefix = "*"\n'), name: 'Azure: unknown port' },
      { filename: f, code: nsgRule('  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n  destination_port_ranges = ["80", "443"]\n  source_address_prefixes = ["0.0.0.0/0"]\n'), name: 'Azure: web ports' },
      { filename: f, code: 'resource "azurerm_network_security_group" "nsg" {\n  security_rule {\n    direction = "Inbound"\n    access = "Allow"\n    protocol = "Tcp"\n    destination_port_range = "3389"\n    source_address_prefix = "VirtualNetwork"\n  }\n}\n', name: 'Azure: inline rule from the virtual network' },
      { filename: f, code: gcp('    protocol = "tcp"\n    ports = ["80", "443"]\n'), name: 'GCP: web ports' },
      { filename: f, code: gcp('    protocol = "icmp"\n'), name: 'GCP: ICMP' },
      { filename: f, code: gcp('    protocol = "tcp"\n    ports = ["22"]\n', '  direction = "EGRESS"\n'), name: 'GCP: egress' },
      { filename: f, code: gcp('    protocol = "tcp"\n    ports = ["22"]\n', '  disabled = true\n'), name: 'GCP: disabled' },
      { filename: f, code: 'resource "google_compute_firewall" "iap" {\n  name = "iap"\n  network = "default"\n  source_ranges = ["35.235.240.0/20"]\n  allow {\n    protocol = "tcp"\n    ports = ["22"]\n  }\n}\n', name: 'GCP: SSH from IAP' },
      { filename: f, code: gcp('    protocol = "tcp"\n    ports = var.ports\n'), name: 'GCP: unknown ports' },
    ],
    invalid: [
      { filename: f, code: azure('Inbound', 'Allow', 'Tcp', '22', '*'), name: 'Azure: SSH from *', errors: [{ messageId: 'openPort', line: 8, column: 3, endLine: 8, endColumn: 30 }] },
      { filename: f, code: azure('inbound', 'allow', '*', '*', 'Internet'), name: 'Azure: everything from Internet', errors: [{ messageId: 'openPort', line: 8, column: 3, endLine: 8, endColumn: 37 }] },
      { filename: f, code: azure('Inbound', 'Allow', 'Tcp', '3000-4000', '0.0.0.0/0'), name: 'Azure: range covering 3306 and 3389', errors: [{ messageId: 'openPort', line: 8, column: 3, endLine: 8, endColumn: 38 }] },
      {
        filename: f,
        name: 'Azure: prefix lists',
        code: nsgRule('  direction = "Inbound"\n  access = "Allow"\n  protocol = "Tcp"\n  destination_port_ranges = ["443", "1433"]\n  source_address_prefixes = ["10.0.0.0/8", "Any"]\n'),
        errors: [{ messageId: 'openPort', line: 8, column: 3, endLine: 8, endColumn: 50 }],
      },
      {
        filename: f,
        name: 'Azure: inline rule',
        code: 'resource "azurerm_network_security_group" "nsg" {\n  security_rule {\n    direction = "Inbound"\n    access = "Allow"\n    protocol = "Tcp"\n    destination_port_range = "3389"\n    source_address_prefix = "*"\n  }\n}\n',
        errors: [{ messageId: 'openPort', line: 7, column: 5, endLine: 7, endColumn: 32 }],
      },
      { filename: f, code: gcp('    protocol = "tcp"\n    ports = ["22", "3389"]\n'), name: 'GCP: SSH and RDP', errors: [{ messageId: 'openPort', line: 4, column: 3, endLine: 4, endColumn: 32 }] },
      { filename: f, code: gcp('    protocol = "all"\n'), name: 'GCP: all protocols', errors: [{ messageId: 'openPort', line: 4, column: 3, endLine: 4, endColumn: 32 }] },
      {
        filename: f,
        name: 'GCP: port range through a local, IPv6',
        code: 'locals {\n  ports = ["5000-7000"]\n}\nresource "google_compute_firewall" "fw" {\n  name = "fw"\n  network = "default"\n  direction = "INGRESS"\n  source_ranges = ["::/0"]\n  allow {\n    protocol = "tcp"\n    ports = local.ports\n  }\n}\n',
        errors: [{ messageId: 'openPort', line: 8, column: 3, endLine: 8, endColumn: 27 }],
      },
    ],
  });
});
