import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import { annotationsOf, describeObject, kubernetesModel, lookup, mapAt, seqEntries, seqItems, stringKeyedEntries, stringValue, type K8sObject } from './model';

/** Ports of services that are rarely meant for the internet (no authentication by default, or admin access). */
const SENSITIVE: Record<number, string> = {
  22: 'SSH',
  23: 'Telnet',
  445: 'SMB',
  1433: 'SQL Server',
  1521: 'Oracle Database',
  2049: 'NFS',
  2181: 'ZooKeeper',
  2375: 'the Docker API',
  2376: 'the Docker API',
  2379: 'etcd',
  2380: 'etcd',
  3306: 'MySQL',
  3389: 'RDP',
  4040: 'the Spark UI',
  5432: 'PostgreSQL',
  5601: 'Kibana',
  5672: 'RabbitMQ',
  5900: 'VNC',
  5984: 'CouchDB',
  6006: 'TensorBoard',
  6333: 'Qdrant',
  6379: 'Redis',
  7474: 'Neo4j',
  8086: 'InfluxDB',
  8088: 'the Hadoop YARN API',
  8265: 'the Ray dashboard and job API',
  8500: 'Consul',
  8888: 'Jupyter',
  9042: 'Cassandra',
  9090: 'Prometheus',
  9092: 'Kafka',
  9093: 'Alertmanager',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch',
  10001: 'the Ray client server',
  10250: 'the kubelet API',
  11211: 'Memcached',
  11434: 'Ollama',
  15672: 'the RabbitMQ management UI',
  19530: 'Milvus',
  27017: 'MongoDB',
};
/** Ports of a public web front door: a public load balancer on these alone is what it is for. */
const WEB = new Set([80, 443]);
/** Annotations that make a cloud load balancer internal, with the value that does (lower case). */
const INTERNAL: Record<string, (value: string) => boolean> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': (v) => v !== 'false' && v !== '',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (v) => v === 'internal',
  'networking.gke.io/load-balancer-type': (v) => v === 'internal',
  'cloud.google.com/load-balancer-type': (v) => v === 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': (v) => v === 'true',
  'service.beta.kubernetes.io/oci-load-balancer-internal': (v) => v === 'true',
  'service.beta.kubernetes.io/openstack-internal-load-balancer': (v) => v === 'true',
  'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type': (v) => v === 'intranet',
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': (v) => v === 'private',
};
/** The AWS Load Balancer Controller makes internal NLBs unless the scheme says internet-facing. */
const AWS_LBC_TYPES = new Set(['external', 'nlb-ip']);
const OPEN_RANGES = new Set(['0.0.0.0/0', '::/0']);

export default defineRule({
  id: 'kubernetes/no-exposed-service',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes Services must not expose databases, admin and AI tooling ports through a public load balancer or node port',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-284'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      sensitive:
        '{{object}} exposes port {{port}} ({{what}}) through a public load balancer with no loadBalancerSourceRanges: anyone on the internet can reach {{what}}, which is rarely meant to be.',
      publicLoadBalancer:
        '{{object}} is a public load balancer with no loadBalancerSourceRanges on port(s) {{ports}}: anyone on the internet can reach them. Restrict the source ranges or make it internal unless that is intended.',
      nodePort:
        '{{object}} opens port {{port}} ({{what}}) as a node port on every node of the cluster: wherever the nodes are reachable, so is {{what}}.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const service of model?.services ?? []) {
          const { doc } = service;
          const spec = mapAt(doc, service.map, 'spec');
          const typeEntry = spec && lookup(doc, spec, 'type');
          const type = stringValue(typeEntry?.value ?? null);
          if (!spec || !typeEntry || (type !== 'LoadBalancer' && type !== 'NodePort')) continue;
          if (type === 'LoadBalancer' && !isPublic(service)) continue;
          const object = describeObject(service);
          const others: string[] = [];
          let sensitive = false;
          for (const port of seqItems(doc, lookup(doc, spec, 'ports')?.value)) {
            if (!isMap(port)) continue;
            const portEntry = lookup(doc, port, 'port');
            const number = portNumber(portEntry?.value ?? null);
            if (!portEntry || number === undefined) continue;
            const target = portNumber(lookup(doc, port, 'targetPort')?.value ?? null);
            const what = SENSITIVE[number] ?? (target !== undefined ? SENSITIVE[target] : undefined);
            if (what !== undefined) {
              sensitive = true;
              const messageId = type === 'LoadBalancer' ? 'sensitive' : 'nodePort';
              // A node port is reachable only where the nodes are, which the manifest does not say.
              context.report({ range: portEntry.valueRange, messageId, data: { object, port: number, what }, ...(type === 'NodePort' ? { severity: 'info' as const } : {}) });
            } else if (!WEB.has(number)) {
              others.push(String(number));
            }
          }
          if (type === 'LoadBalancer' && !sensitive && others.length > 0) {
            context.report({ range: typeEntry.valueRange, messageId: 'publicLoadBalancer', data: { object, ports: others.join(', ') }, severity: 'info' });
          }
        }
      },
    };
  },
});

/** Whether a LoadBalancer Service is open to the internet: not made internal, and no source range other than everything. */
function isPublic(service: K8sObject): boolean {
  const { doc } = service;
  const spec = mapAt(doc, service.map, 'spec');
  const annotations = new Map(stringKeyedEntries(doc, annotationsOf(service)).map((a) => [a.key, String(isScalar(a.entry.value) ? a.entry.value.value ?? '' : '').trim()]));
  for (const [key, internal] of Object.entries(INTERNAL)) {
    const value = annotations.get(key);
    if (value !== undefined && (value.includes('{{') || internal(value.toLowerCase()))) return false;
  }
  const scheme = annotations.get('service.beta.kubernetes.io/aws-load-balancer-scheme')?.toLowerCase();
  const lbc = AWS_LBC_TYPES.has(annotations.get('service.beta.kubernetes.io/aws-load-balancer-type')?.toLowerCase() ?? '') ||
    stringValue(spec ? lookup(doc, spec, 'loadBalancerClass')?.value ?? null : null) === 'service.k8s.aws/nlb';
  if (lbc && scheme !== 'internet-facing') return false;
  const ranges = spec ? lookup(doc, spec, 'loadBalancerSourceRanges') : undefined;
  // Ranges this rule cannot read (a Helm value) count as a restriction.
  if (ranges?.value && !isSeq(ranges.value)) return false;
  const listed = ranges ? seqEntries(doc, ranges.value).map((e) => stringValue(e.value)?.trim() ?? '') : [];
  const annotated = (annotations.get('service.beta.kubernetes.io/load-balancer-source-ranges') ?? '').split(',').map((r) => r.trim());
  const all = [...listed, ...annotated].filter((r) => r !== '');
  if (all.some((r) => r.includes('{{'))) return false;
  return all.length === 0 || all.some((r) => OPEN_RANGES.has(r));
}

/** A port given as a number (or a numeric string). */
function portNumber(node: Node | null): number | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  return typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}
