import { isMap, isSeq } from 'yaml';
import { defineRule } from '../../engine/rule';
import { annotationsOf, describeObject, kubernetesModel, lookup, mapAt, seqEntries, seqItems, stringKeyedEntries, stringValue, type Entry, type K8sObject } from './model';

/** Annotations with which the cloud load balancer or the controller terminates TLS without a `tls` section. */
const TLS_ANNOTATIONS: Record<string, (value: string) => boolean> = {
  'alb.ingress.kubernetes.io/certificate-arn': (v) => v !== '',
  'alb.ingress.kubernetes.io/listen-ports': (v) => /https/i.test(v),
  'networking.gke.io/managed-certificates': (v) => v !== '',
  'ingress.gcp.kubernetes.io/pre-shared-cert': (v) => v !== '',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate': (v) => v !== '',
  'traefik.ingress.kubernetes.io/router.tls': (v) => v.toLowerCase() === 'true',
  'traefik.ingress.kubernetes.io/router.entrypoints': (v) => /websecure/i.test(v),
};
/** Host names that only resolve on a developer's machine or a private network. */
const LOCAL_HOST = /^(?:localhost|.*\.(?:localhost|local|test|internal|lan|home\.arpa|nip\.io|sslip\.io))$/i;

export default defineRule({
  id: 'kubernetes/require-ingress-tls',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes Ingresses must serve their hosts over TLS',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-319'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      noTls:
        '{{object}} routes {{hosts}} without a tls section, so the controller serves plain HTTP: credentials, session cookies and API keys cross the network in clear text.',
      hostNotCovered:
        "{{object}} routes host {{host}}, which none of its tls entries lists: the controller serves it over plain HTTP (or with a certificate for another name).",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const ingress of model?.ingresses ?? []) {
          const { doc } = ingress;
          const spec = mapAt(doc, ingress.map, 'spec');
          const rulesEntry = spec && lookup(doc, spec, 'rules');
          const rules = seqItems(doc, rulesEntry?.value).filter(isMap);
          if (!spec || !rulesEntry || rules.length === 0 || terminatedByAnnotation(ingress)) continue;
          const hosts = rules.map((r) => lookup(doc, r, 'host'));
          const tls = lookup(doc, spec, 'tls');
          const object = describeObject(ingress);
          if (!tls || (isSeq(tls.value) && tls.value.items.length === 0)) {
            const names = hosts.map((h) => stringValue(h?.value ?? null));
            if (names.every((n) => n !== undefined && LOCAL_HOST.test(n.trim()))) continue;
            const literal = names.filter((n): n is string => n !== undefined && n !== '' && !n.includes('{{'));
            const described = literal.length === names.length ? literal.map((n) => `'${n}'`).join(', ') : literal.length === 0 && names.every((n) => !n) ? 'every host' : 'its hosts';
            context.report({ range: rulesEntry.viaAlias ? ingress.kindRange : rulesEntry.keyRange, messageId: 'noTls', data: { object, hosts: described } });
            continue;
          }
          const covered = tlsHosts(ingress, tls);
          if (!covered) continue;
          for (const host of hosts) {
            const name = stringValue(host?.value ?? null)?.trim();
            if (!host || name === undefined || name === '' || name.includes('{{') || LOCAL_HOST.test(name) || covers(covered, name)) continue;
            context.report({ range: host.valueRange, messageId: 'hostNotCovered', data: { object, host: name } });
          }
        }
      },
    };
  },
});

function terminatedByAnnotation(ingress: K8sObject): boolean {
  return stringKeyedEntries(ingress.doc, annotationsOf(ingress)).some(({ key, entry }) => {
    const test = TLS_ANNOTATIONS[key];
    const value = stringValue(entry.value)?.trim();
    return test !== undefined && value !== undefined && (value.includes('{{') || test(value));
  });
}

/** The host names the tls entries list; undefined when an entry lists none (it then covers every host) or cannot be read. */
function tlsHosts(ingress: K8sObject, tls: Entry): string[] | undefined {
  const { doc } = ingress;
  if (!isSeq(tls.value)) return undefined;
  const names: string[] = [];
  for (const item of seqItems(doc, tls.value)) {
    if (!isMap(item)) return undefined;
    const hosts = lookup(doc, item, 'hosts');
    if (!hosts || !isSeq(hosts.value) || hosts.value.items.length === 0) return undefined;
    for (const h of seqEntries(doc, hosts.value)) {
      const name = stringValue(h.value)?.trim();
      if (name === undefined || name.includes('{{')) return undefined;
      names.push(name.toLowerCase());
    }
  }
  return names;
}

/** Whether a listed name covers a host: the same name, or `*.example.com` for one more label in front. */
function covers(names: readonly string[], host: string): boolean {
  const h = host.toLowerCase();
  return names.some((n) => n === h || (n.startsWith('*.') && !h.startsWith('*.') && h.endsWith(n.slice(1)) && !h.slice(0, h.length - n.length + 1).includes('.')));
}
