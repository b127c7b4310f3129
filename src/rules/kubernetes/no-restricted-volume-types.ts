import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeObject, kubernetesModel, lookup, seqItems, stringValue } from './model';

/**
 * Inline volume sources that the restricted Pod Security Standard forbids (it allows configMap, csi,
 * downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret). hostPath is left
 * to kubernetes/no-host-path-mount.
 */
const RESTRICTED = new Set([
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'portworxVolume',
  'photonPersistentDisk',
  'scaleIO',
  'storageos',
]);

export default defineRule({
  id: 'kubernetes/no-restricted-volume-types',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods should mount storage through PersistentVolumeClaims, not inline volume types such as nfs or gitRepo',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      gitRepo:
        "{{object}} mounts the gitRepo volume '{{volume}}': the kubelet runs git on the node to fill it, so a crafted repository can run commands there (CVE-2024-10220) or read other pods' repositories (CVE-2025-1767, not fixed). The volume type is deprecated.",
      inline:
        "{{object}} mounts the {{type}} volume '{{volume}}' inline: the pod names the storage server or device itself, outside the PersistentVolumes that administrators control.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          const { doc } = workload.object;
          for (const volume of seqItems(doc, lookup(doc, workload.podSpec, 'volumes')?.value)) {
            if (!isMap(volume)) continue;
            const name = stringValue(lookup(doc, volume, 'name')?.value ?? null) ?? '?';
            for (const pair of volume.items) {
              const type = isScalar(pair.key) ? pair.key.value : undefined;
              if (typeof type !== 'string' || !RESTRICTED.has(type) || !pair.key || !(pair.key as { range?: number[] }).range) continue;
              const r = (pair.key as { range: number[] }).range;
              context.report({
                range: [r[0], r[1]],
                messageId: type === 'gitRepo' ? 'gitRepo' : 'inline',
                data: { object: describeObject(workload.object), type, volume: name },
                // gitRepo runs code on the node; the other types are a restricted-profile matter.
                ...(type === 'gitRepo' ? {} : { severity: 'info' as const }),
              });
            }
          }
        }
      },
    };
  },
});
