import { isMap } from 'yaml';
import { lookup, seqItems, type Entry, type Workload } from './model';

/** A `hostPath` volume of a pod spec. */
export interface HostPathVolume {
  /** The `hostPath` entry of the volume. */
  hostPath: Entry;
  /** Its `path` entry, when there is one. */
  path: Entry | undefined;
}

/** Docker, containerd, CRI-O, cri-dockerd and Podman sockets, their folders, and `/run` itself. */
const RUNTIME_SOCKET = /^(?:\/var)?\/run(?:\/(?:k3s\/)?(?:docker|containerd|crio|cri-dockerd|podman)(?:\/[\w.-]+)?(?:\.sock)?)?\/?$/;

/** Whether a host path is (or contains) a container runtime's API socket. */
export function isRuntimeSocketPath(path: string): boolean {
  return RUNTIME_SOCKET.test(path.trim());
}

/** The `hostPath` volumes of a workload's pod spec. */
export function hostPathVolumes(workload: Workload): HostPathVolume[] {
  const { doc } = workload.object;
  const out: HostPathVolume[] = [];
  for (const volume of seqItems(doc, lookup(doc, workload.podSpec, 'volumes')?.value)) {
    if (!isMap(volume)) continue;
    const hostPath = lookup(doc, volume, 'hostPath');
    if (!hostPath) continue;
    const path = isMap(hostPath.value) ? lookup(doc, hostPath.value, 'path') : undefined;
    out.push({ hostPath, path });
  }
  return out;
}
