import type { Range } from '../../engine/types';
import { TerraformModel } from './model';
import { moduleValues, type ModuleBindings } from './module-values';
import type { SyntaxNode, TerraformNode, TerraformParsedFile } from './parse';

/** Helpers the Terraform adapter gives rules as `context.lang`. */
export class TerraformHelpers {
  private cached: TerraformModel | undefined;

  constructor(
    readonly parsed: TerraformParsedFile,
    /** The analysed text. */
    readonly source: string,
    /** The other files of the module (its folder), and of the local modules it calls, when the caller gave them. */
    readonly neighbours: ReadonlyArray<{ file: string; text: string }> = [],
    /** The inputs of the module call the file is analysed for, when it is (see `moduleInstances`). */
    readonly bindings?: ModuleBindings,
  ) {}

  /** `[start, end)` UTF-16 offsets of a node (the runtime reports UTF-16 indices); `File` spans the text. */
  range(node: TerraformNode): Range {
    if (node.type === 'File') return [0, this.source.length];
    const n = node as SyntaxNode;
    return [n.startIndex, n.endIndex];
  }

  /** The source text of a node. */
  text(node: TerraformNode): string {
    const [start, end] = this.range(node);
    return this.source.slice(start, end);
  }

  /** The block model with its value resolver (see {@link TerraformModel}); built once per file. */
  model(): TerraformModel {
    this.cached ??= new TerraformModel(this.parsed.root, this.source, moduleValues(this.neighbours, this.bindings));
    return this.cached;
  }
}
