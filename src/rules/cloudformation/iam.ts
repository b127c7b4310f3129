import { get, items, str, type CfnValue } from './model';

/** The `Allow` statements of a policy document (statements built by intrinsics are skipped). */
export function allowStatements(document: CfnValue | undefined): CfnValue[] {
  return items(get(document, 'Statement')).filter((s) => s.kind === 'map' && str(get(s, 'Effect')) === 'Allow');
}

/** The value that makes a principal everyone: `"*"` itself, or the `"*"` of `{ AWS: "*" }`; undefined otherwise. */
export function everyone(principal: CfnValue | undefined): CfnValue | undefined {
  if (!principal) return undefined;
  if (str(principal) === '*') return principal;
  return items(get(principal, 'AWS')).find((p) => str(p) === '*');
}
