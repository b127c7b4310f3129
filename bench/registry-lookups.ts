/**
 * Supply-chain look-ups at scale: `rampart scan` of a project whose package.json declares 200
 * dependencies, against a real npm registry on loopback that adds 50 ms to every request. Prints the
 * wall time with a cold cache (target: under 1.5 s) and then with the warm on-disk cache (target: zero
 * requests). Prints figures only; never fails on slowness.
 *
 *   npx tsx bench/registry-lookups.ts [--deps 200] [--latency 50]
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { run } from '../src/cli/main';

const TARGET_MS = 1500;
const DAY = 86_400_000;

/** A packument old enough to pass every age check. */
function packument(name: string): string {
  const created = new Date(Date.now() - 900 * DAY).toISOString();
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created, modified: created };
  for (const v of ['1.0.0', '1.1.0', '2.0.0']) {
    versions[v] = { name, version: v, dist: { tarball: `http://127.0.0.1/${name}/-/${name}-${v}.tgz` } };
    time[v] = created;
  }
  return JSON.stringify({ name, 'dist-tags': { latest: '2.0.0' }, versions, time });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { deps: { type: 'string', default: '200' }, latency: { type: 'string', default: '50' } } });
  const count = Number(values.deps);
  const latency = Number(values.latency);
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(packument(name));
    }, latency);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-registry-'));
  // Distinct names that are not close to popular packages, so only the registry rules have work to do.
  const dependencies = Object.fromEntries(Array.from({ length: count }, (_, i) => [`bench-internal-module-${i}`, '^2.0.0']));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', version: '1.0.0', dependencies }, null, 2));
  const cacheDir = path.join(dir, '.cache');
  const scan = async (): Promise<{ ms: number; code: number; requests: number; stderr: string }> => {
    const before = requests;
    let stderr = '';
    const started = performance.now();
    const code = await run(['scan', '--format', 'json', '--cache-dir', cacheDir, 'package.json'], {
      cwd: dir,
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      env: { npm_config_registry: registry },
    });
    return { ms: performance.now() - started, code, requests: requests - before, stderr };
  };

  const cold = await scan();
  const warm = await scan();
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`registry look-ups: ${count} dependencies, loopback npm registry +${latency} ms per request`);
  console.log(`  cold cache: ${cold.ms.toFixed(0)} ms wall, ${cold.requests} requests (target < ${TARGET_MS} ms: ${cold.ms < TARGET_MS ? 'met' : 'NOT met'})`);
  console.log(`  warm cache: ${warm.ms.toFixed(0)} ms wall, ${warm.requests} requests (target 0: ${warm.requests === 0 ? 'met' : 'NOT met'})`);
  if (cold.stderr.trim()) console.log(`  notes: ${cold.stderr.trim()}`);
}

void main();
