/**
 * The regression corpus: every input that ever broke the engine, minimised, in
 * `test/fuzz/corpus/<kind>/<symptom>-<hash>.fuzz` with a `.fuzz.json` sidecar saying which file name it
 * is analysed as and what it did. The `.fuzz` extension keeps the files away from everything else that
 * reads the repository (tsc, eslint, the fixture runner, the scanner: no adapter reads `.fuzz`).
 * Texts are stored as UTF-8, or as UTF-16LE when they hold lone surrogates, which UTF-8 cannot carry.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LanguageId } from '../../src/engine/types';
import type { Symptom } from './harness';
import { decode } from './mutators';

export const CORPUS_DIR = join(__dirname, 'corpus');
const SUFFIX = '.fuzz';

/** The sidecar of a corpus file. */
export interface CorpusMeta {
  /** The path the text is analysed under (it decides the adapter and dialect). */
  file: string;
  encoding: 'utf-8' | 'utf-16le';
  /** What the input did when it was found. */
  symptom: Symptom;
  detail: string;
  /** When and how it was found: date, run seed and case seed. */
  found: string;
  /** Where it was fixed, once it is. */
  fixed?: string;
  /** Set while the cause is not fixed: why, and whose it is. The replay skips such entries. */
  open?: string;
}

/** One corpus entry. */
export interface CorpusEntry {
  /** `<kind>/<name>.fuzz`, relative to the corpus folder. */
  name: string;
  meta: CorpusMeta;
  text: string;
}

/** Every corpus entry, sorted by name. */
export function loadCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  const entries: CorpusEntry[] = [];
  for (const kind of readdirSync(dir).sort()) {
    const folder = join(dir, kind);
    if (!statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder).sort()) {
      if (!name.endsWith(SUFFIX)) continue;
      const meta = JSON.parse(readFileSync(join(folder, `${name}.json`), 'utf8')) as CorpusMeta;
      const bytes = readFileSync(join(folder, name));
      const text = meta.encoding === 'utf-16le' ? bytes.toString('utf16le') : decode(bytes);
      entries.push({ name: `${kind}/${name}`, meta, text });
    }
  }
  return entries;
}

/** Whether UTF-8 round-trips the text (it does unless the text holds lone surrogates). */
function utf8Safe(text: string): boolean {
  // With the `u` flag a surrogate pair is one code point, so only lone surrogates match.
  return !/[\uD800-\uDFFF]/u.test(text);
}

/** Stores a failing input (unless the same text is stored already); returns its entry name. */
export function saveToCorpus(kind: LanguageId, text: string, meta: Omit<CorpusMeta, 'encoding'>, dir = CORPUS_DIR): string {
  const encoding = utf8Safe(text) ? 'utf-8' : 'utf-16le';
  const hash = createHash('sha1').update(text, 'utf16le').update(meta.file).digest('hex').slice(0, 10);
  const name = `${meta.symptom}-${hash}${SUFFIX}`;
  const folder = join(dir, kind);
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(folder, name))) {
    writeFileSync(join(folder, name), Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'utf16le'));
    writeFileSync(join(folder, `${name}.json`), JSON.stringify({ ...meta, encoding }, null, 2) + '\n');
  }
  return `${kind}/${name}`;
}
