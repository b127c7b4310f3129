import type { LanguageAdapter, ParsedFile } from './language';

/** Files whose last tree is kept; an editor edits a few files at a time. */
const MAX_KEPT = 4;

/**
 * Characters of text whose trees are kept, all files together: a tree takes ≈100 times its text's size (≈10 MB for
 * a 2,000-line TypeScript file), so a file larger than this is parsed afresh each time rather than held.
 */
const MAX_KEPT_CHARS = 1_000_000;

interface Kept {
  adapter: LanguageAdapter;
  text: string;
  parsed: ParsedFile;
}

/**
 * The trees of files being edited (see `AnalyzeRequest.edited`), kept between analyses so that the next version
 * is parsed from the last one where the adapter can (`LanguageAdapter.reparse`). A tree is taken out while an
 * analysis uses it and put back when the analysis is finished, so no two analyses share one. At most
 * {@link MAX_KEPT} files and {@link MAX_KEPT_CHARS} characters, the least recently analysed dropped first.
 */
export class EditedTrees {
  private readonly kept = new Map<string, Kept>();

  /** Parses `text` for `file`, from the file's kept tree when the adapter can re-parse it, else afresh. */
  parse(adapter: LanguageAdapter, file: string, text: string): ParsedFile {
    const last = this.kept.get(file);
    if (last) {
      this.kept.delete(file);
      let reparsed: ParsedFile | null = null;
      try {
        reparsed = last.adapter === adapter && adapter.reparse ? adapter.reparse(last.parsed, last.text, text, file) : null;
      } catch {
        // A re-parse that fails leaves a tree that is not used again; the file is parsed afresh.
      }
      if (reparsed) return reparsed;
      dispose(last);
    }
    return adapter.parse(text, file);
  }

  /** Keeps a finished analysis' tree as the file's last one. */
  keep(adapter: LanguageAdapter, file: string, text: string, parsed: ParsedFile): void {
    if (!adapter.reparse) return dispose({ adapter, text, parsed });
    const replaced = this.kept.get(file);
    if (replaced) {
      this.kept.delete(file);
      if (replaced.parsed !== parsed) dispose(replaced);
    }
    this.kept.set(file, { adapter, text, parsed });
    let chars = 0;
    for (const kept of this.kept.values()) chars += kept.text.length;
    for (const [oldest, kept] of this.kept) {
      if (this.kept.size <= MAX_KEPT && chars <= MAX_KEPT_CHARS) break;
      this.kept.delete(oldest);
      chars -= kept.text.length;
      dispose(kept);
    }
  }
}

function dispose(kept: Kept): void {
  try {
    kept.adapter.dispose?.(kept.parsed);
  } catch {
    // Freeing memory must not fail an analysis.
  }
}
