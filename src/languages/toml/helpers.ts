import { locate, readToml, type TomlDocument } from '../../services/package-names/toml-locate';
import type { TomlParsedFile } from './parse';

/** What TOML rules receive as `context.lang`. */
export class TomlHelpers {
  /** The file's data, as smol-toml reads it. */
  readonly data: Record<string, unknown>;
  private doc: TomlDocument | undefined;

  constructor(
    parsed: TomlParsedFile,
    private readonly text: string,
  ) {
    this.data = parsed.root.data;
  }

  /** The text with its table headers indexed, for the offset functions of `toml-locate`; built on first use. */
  get document(): TomlDocument {
    return (this.doc ??= readToml(this.text));
  }

  /**
   * The `[start, end)` region where the value at `path` is written (from just after its `=`, or after
   * its table header, to the end of that table), or undefined.
   */
  locate(path: readonly string[]): [number, number] | undefined {
    return locate(this.document, path);
  }
}
