import type { GhaFile, GhaString } from './model';

/** A `uses:` reference that is not pinned to an immutable commit or digest. */
export interface UnpinnedRef {
  uses: GhaString;
  /** `owner/repo` (or the image for `docker://`). */
  name: string;
  ref: string;
  /** Owned by GitHub (`actions/*`, `github/*`). */
  firstParty: boolean;
}

const FULL_SHA = /^[0-9a-f]{40}$/i;
const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);
/** The unpinned refs of each file view; a view belongs to one parse of one text, so an entry stays valid and goes with it. */
const known = new WeakMap<GhaFile, readonly UnpinnedRef[]>();

/**
 * The unpinned `uses:` of steps and of reusable-workflow jobs. Local actions (`./…`), commit SHAs
 * (40 hex digits) and `docker://` images with an `@sha256:` digest are pinned; expressions are skipped.
 */
export function unpinnedRefs(file: GhaFile): readonly UnpinnedRef[] {
  // Two rules read them from the same file view: classified once, shared (not to be modified).
  let refs = known.get(file);
  if (!refs) {
    const uses = [...file.jobs.map((j) => j.uses), ...file.steps.map((s) => s.uses)].filter((u): u is GhaString => u !== undefined);
    refs = Object.freeze(uses.map(classify).filter((u): u is UnpinnedRef => u !== undefined));
    known.set(file, refs);
  }
  return refs;
}

function classify(uses: GhaString): UnpinnedRef | undefined {
  const value = uses.value.trim();
  if (value.startsWith('./') || value.startsWith('.\\') || value.includes('${{')) return undefined;
  if (value.startsWith('docker://')) {
    if (/@sha256:[0-9a-f]{64}$/i.test(value)) return undefined;
    const image = value.slice('docker://'.length);
    const colon = image.lastIndexOf(':');
    const hasTag = colon > image.lastIndexOf('/');
    return { uses, name: hasTag ? image.slice(0, colon) : image, ref: hasTag ? image.slice(colon + 1) : 'latest', firstParty: false };
  }
  const at = value.lastIndexOf('@');
  if (at <= 0) return undefined;
  const ref = value.slice(at + 1);
  if (FULL_SHA.test(ref)) return undefined;
  const name = value.slice(0, at).split('/').slice(0, 2).join('/');
  return { uses, name, ref, firstParty: FIRST_PARTY_OWNERS.has(name.split('/')[0].toLowerCase()) };
}
