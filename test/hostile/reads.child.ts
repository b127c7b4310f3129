/**
 * Child process of special-files.test.ts (run with a time limit, because the old code blocked forever
 * in a synchronous read, where no mocha timeout fires). `argv[2]` is a folder with `swap/a.js`,
 * `vanish/a.js`, `manifest/package.json` and `gitignore/` (whose `.gitignore` is a FIFO). Each case
 * prints one JSON line `{ case, ... }` as soon as it is done, so a hang shows which case hung.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { discoverFiles } from '../../src/files/discover';
import { readSource } from '../../src/files/read-source';
import { nodeFs } from '../../src/services/project/files';

const dir = process.argv[2];
const print = (value: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(value)}\n`);
const discover = (sub: string) =>
  discoverFiles({
    roots: [{ absolute: path.join(dir, sub), configIgnore: { root: dir, patterns: [] } }],
    supports: (c) => c.language === 'js',
    display: (p) => path.relative(dir, p),
  });

void (async () => {
  // A file replaced by a FIFO between discovery and reading.
  const [swapped] = discover('swap').files;
  fs.rmSync(swapped.absolute);
  spawnSync('mkfifo', [swapped.absolute]);
  print({ case: 'fifo after discovery', result: readSource(swapped.absolute, 1024 * 1024, swapped.within) });

  // A file deleted between discovery and reading.
  const [vanished] = discover('vanish').files;
  fs.rmSync(vanished.absolute);
  print({ case: 'deleted after discovery', result: readSource(vanished.absolute, 1024 * 1024, vanished.within) });

  // package.json replaced by a FIFO after the project service checked it.
  const manifest = path.join(dir, 'manifest/package.json');
  fs.rmSync(manifest);
  spawnSync('mkfifo', [manifest]);
  const read = await nodeFs.readFile(manifest, 'utf8').then(
    (text) => ({ text }),
    (e: Error) => ({ error: e.message }),
  );
  print({ case: 'project manifest', result: read });

  // A .gitignore that is a FIFO when discovery reads it.
  print({ case: 'gitignore fifo', result: discover('gitignore').files.map((f) => path.relative(dir, f.absolute)) });
})();
