import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfAttribute, TfBlock, TfValue } from '../../languages/terraform';
import { address, asList, terraformModel } from './model';
import { isPublicRange } from '../shared/network';
import { exposedByRange, portRange } from './ports';

/** Azure source prefixes that mean "anywhere" (compared in lower case). */
const AZURE_ANYWHERE = new Set(['*', 'internet', 'any']);
/** Azure protocols that carry ports. */
const AZURE_PORT_PROTOCOLS = new Set(['*', 'tcp', 'udp']);
/** What "every port" means for each Azure protocol. */
const AZURE_ALL_PORTS: ReadonlyMap<string, string> = new Map([
  ['*', 'all ports and protocols'],
  ['tcp', 'all TCP ports'],
  ['udp', 'all UDP ports'],
]);
/** Google Cloud protocols that carry ports (by name or IANA number), with what an `allow` block without `ports` opens. */
const GCP_ALL_PORTS: ReadonlyMap<string, string> = new Map([
  ['all', 'all ports and protocols'],
  ['tcp', 'all TCP ports'],
  ['6', 'all TCP ports'],
  ['udp', 'all UDP ports'],
  ['17', 'all UDP ports'],
]);

export default defineRule({
  id: 'terraform/no-open-cloud-firewall',
  languages: ['terraform'],
  meta: {
    description: 'Azure NSG rules and Google Cloud firewalls must not open admin or database ports, or all ports, to the internet',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      openPort:
        "'{{resource}}' allows {{service}} from {{source}}: the internet can reach it, and scanners find such ports within minutes. Restrict the source to known address ranges, a VPN or a bastion host, or use Azure Bastion / IAP TCP forwarding.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        // A dynamic block expands into one block per element, all sharing the same source ranges.
        const reported = new Set<string>();
        const report = (resource: TfBlock, attribute: TfAttribute, service: string, source: string): void => {
          if (reported.has(String(attribute.range))) return;
          reported.add(String(attribute.range));
          context.report({ range: attribute.range, messageId: 'openPort', data: { resource: address(resource), service, source } });
        };
        for (const nsg of model.resources('azurerm_network_security_group')) {
          for (const rule of nsg.blocks.filter((b) => b.kind === 'security_rule')) checkAzure(model, nsg, rule, report);
        }
        for (const rule of model.resources('azurerm_network_security_rule')) checkAzure(model, rule, rule, report);
        for (const firewall of model.resources('google_compute_firewall')) checkGcp(model, firewall, report);
      },
    };
  },
});

type Report = (resource: TfBlock, attribute: TfAttribute, service: string, source: string) => void;

/** The lower-cased static string of an attribute, or null. */
function lower(model: TerraformModel, attribute: TfAttribute | undefined): string | null {
  const value = model.value(attribute);
  return typeof value === 'string' ? value.toLowerCase() : null;
}

/** Static string members of a value (a string or a list). */
function strings(value: TfValue): string[] {
  return asList(value).filter((v): v is string => typeof v === 'string');
}

/** The first sensitive exposure of a list of port specs, preferring "all ports". */
function exposedByPorts(specs: readonly TfValue[]): string | null {
  const found = specs.map(portRange).map((range) => (range ? exposedByRange(range) : null)).filter((s): s is string => s !== null);
  return found.find((s) => s === 'all ports') ?? found[0] ?? null;
}

/** An inbound Allow rule of an Azure network security group (inline or standalone). */
function checkAzure(model: TerraformModel, resource: TfBlock, rule: TfBlock, report: Report): void {
  const get = (name: string): TfAttribute | undefined => rule.attributes.get(name);
  if (lower(model, get('direction')) !== 'inbound' || lower(model, get('access')) !== 'allow') return;
  const protocol = lower(model, get('protocol'));
  if (protocol === null || !AZURE_PORT_PROTOCOLS.has(protocol)) return;
  const ports = [...strings(model.value(get('destination_port_range'))), ...strings(model.value(get('destination_port_ranges')))];
  const exposed = exposedByPorts(ports);
  if (!exposed) return;
  const service = exposed === 'all ports' ? AZURE_ALL_PORTS.get(protocol) ?? exposed : exposed;
  for (const name of ['source_address_prefix', 'source_address_prefixes']) {
    const attribute = get(name);
    const source = strings(model.value(attribute)).find((s) => AZURE_ANYWHERE.has(s.toLowerCase()) || isPublicRange(s));
    if (attribute && source) report(resource, attribute, service, source);
  }
}

/** An ingress Google Cloud firewall whose `source_ranges` hold 0.0.0.0/0, ::/0 or another large public range. */
function checkGcp(model: TerraformModel, firewall: TfBlock, report: Report): void {
  const direction = firewall.attributes.has('direction') ? lower(model, firewall.attributes.get('direction')) : 'ingress';
  if (direction !== 'ingress' || model.value(firewall.attributes.get('disabled')) === true) return;
  const attribute = firewall.attributes.get('source_ranges');
  const source = strings(model.value(attribute)).find(isPublicRange);
  if (!attribute || !source) return;
  const services = firewall.blocks.filter((b) => b.kind === 'allow').map((allow) => gcpExposed(model, allow)).filter((s): s is string => s !== null);
  const service = services.find((s) => s.startsWith('all ports')) ?? services[0];
  if (service) report(firewall, attribute, service, source);
}

/** What one `allow` block exposes, or null when nothing sensitive or not static. */
function gcpExposed(model: TerraformModel, allow: TfBlock): string | null {
  const protocol = model.value(allow.attributes.get('protocol'));
  const proto = typeof protocol === 'number' ? String(protocol) : typeof protocol === 'string' ? protocol.toLowerCase() : null;
  const allPorts = proto === null ? undefined : GCP_ALL_PORTS.get(proto);
  if (!allPorts) return null;
  const ports = allow.attributes.get('ports');
  if (!ports) return allPorts;
  const value = model.value(ports);
  if (!Array.isArray(value)) return null;
  const exposed = exposedByPorts(value);
  return exposed === 'all ports' && proto === 'all' ? 'all ports and protocols' : exposed;
}
