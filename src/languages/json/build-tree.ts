import { createScanner, type JSONScanner, type Node, type NodeType, type ParseError, type ParseErrorCode } from 'jsonc-parser';
import type { SourceComment } from '../../engine/language';

/**
 * Values of jsonc-parser's `SyntaxKind`, `ScanError` and `ParseErrorCode` const enums, which cannot be
 * imported under `isolatedModules`. The JSON tests check them against the library.
 */
export const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  colon: 6,
  null: 7,
  true: 8,
  false: 9,
  string: 10,
  number: 11,
  lineComment: 12,
  blockComment: 13,
  lineBreak: 14,
  trivia: 15,
  unknown: 16,
  eof: 17,
} as const;

const SCAN_ERROR_TO_PARSE_ERROR: Record<number, number> = {
  1: 11, // UnexpectedEndOfComment
  2: 12, // UnexpectedEndOfString
  3: 13, // UnexpectedEndOfNumber
  4: 14, // InvalidUnicode
  5: 15, // InvalidEscapeCharacter
  6: 16, // InvalidCharacter
};

const ERROR = {
  invalidSymbol: 1,
  invalidNumberFormat: 2,
  propertyNameExpected: 3,
  valueExpected: 4,
  colonExpected: 5,
  commaExpected: 6,
  closeBraceExpected: 7,
  closeBracketExpected: 8,
  endOfFileExpected: 9,
} as const;

/** Errors recorded beyond this many are dropped (garbage input would otherwise yield one per token). */
export const MAX_RECORDED_ERRORS = 1000;

/** What {@link buildJsonTree} produces besides the tree. */
export interface BuildOutput {
  errors: ParseError[];
  comments: SourceComment[];
}

/** jsonc-parser's `Node` while it is being built (the library's type is read-only). */
interface BuildNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildNode;
  children?: BuildNode[];
}

/** A container being parsed: the explicit stack replaces jsonc-parser's recursion. */
interface Frame {
  kind: 'array' | 'object';
  needsComma: boolean;
}

/**
 * jsonc-parser's `parseTree` (comments allowed, trailing commas allowed), rewritten with an explicit
 * stack: the library recurses once per nesting level and overflows the stack at a few thousand levels.
 * It drives the library's own scanner and builds the same nodes (type, offset, length, colonOffset,
 * parent, children, value) with the same error recovery and error codes; the tests compare both on
 * valid and broken input. Also collects `//` and `/* *\/` comments on the way.
 */
export function buildJsonTree(text: string, out: BuildOutput): Node | undefined {
  return new TreeBuilder(text, out).build();
}

class TreeBuilder {
  private readonly scanner: JSONScanner;
  private readonly root: BuildNode = { type: 'array', offset: -1, length: -1, children: [] };
  /** The node new values are added to, exactly as in jsonc-parser's tree builder. */
  private current: BuildNode = this.root;
  private readonly frames: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly out: BuildOutput,
  ) {
    this.scanner = createScanner(text, false);
  }

  build(): Node | undefined {
    this.scanNext();
    if (this.token() === TOKEN.eof) {
      this.error(ERROR.valueExpected);
    } else if (!this.parseValue()) {
      this.error(ERROR.valueExpected);
    } else {
      while (this.frames.length > 0) this.step(this.frames[this.frames.length - 1]);
      if (this.token() !== TOKEN.eof) this.error(ERROR.endOfFileExpected);
    }
    const result = this.root.children![0];
    if (result) delete result.parent;
    return result as Node | undefined;
  }

  private token(): number {
    return this.scanner.getToken();
  }

  /** One iteration of jsonc-parser's `parseArray`/`parseObject` loop, or the container's end. */
  private step(frame: Frame): void {
    const close = frame.kind === 'array' ? TOKEN.closeBracket : TOKEN.closeBrace;
    const t = this.token();
    if (t === close || t === TOKEN.eof) {
      this.endContainer(frame.kind);
      if (t !== close) this.error(frame.kind === 'array' ? ERROR.closeBracketExpected : ERROR.closeBraceExpected, [close]);
      else this.scanNext();
      this.frames.pop();
      return;
    }
    if (t === TOKEN.comma) {
      if (!frame.needsComma) this.error(ERROR.valueExpected);
      this.onSeparator(',');
      this.scanNext();
      // A trailing comma: the next step closes the container.
      if (this.token() === close) return;
    } else if (frame.needsComma) {
      this.error(ERROR.commaExpected);
    }
    frame.needsComma = true;
    const parsed = frame.kind === 'array' ? this.parseValue() : this.parseProperty();
    if (!parsed) this.error(ERROR.valueExpected, [], [close, TOKEN.comma]);
  }

  /** Parses a literal, or opens a container (pushing a frame); false when no value starts here. */
  private parseValue(): boolean {
    switch (this.token()) {
      case TOKEN.openBracket:
      case TOKEN.openBrace: {
        const kind = this.token() === TOKEN.openBracket ? 'array' : 'object';
        this.current = this.add({ type: kind, offset: this.scanner.getTokenOffset(), length: -1, parent: this.current, children: [] });
        this.scanNext();
        this.frames.push({ kind, needsComma: false });
        return true;
      }
      case TOKEN.string:
        this.onLiteral(this.scanner.getTokenValue());
        return true;
      case TOKEN.number: {
        let value = Number(this.scanner.getTokenValue());
        if (isNaN(value)) {
          this.error(ERROR.invalidNumberFormat);
          value = 0;
        }
        this.onLiteral(value);
        return true;
      }
      case TOKEN.null:
        this.onLiteral(null);
        return true;
      case TOKEN.true:
        this.onLiteral(true);
        return true;
      case TOKEN.false:
        this.onLiteral(false);
        return true;
      default:
        return false;
    }
  }

  private parseProperty(): boolean {
    if (this.token() !== TOKEN.string) {
      this.error(ERROR.propertyNameExpected, [], [TOKEN.closeBrace, TOKEN.comma]);
      return false;
    }
    const offset = this.scanner.getTokenOffset();
    const property: BuildNode = { type: 'property', offset, length: -1, parent: this.current, children: [] };
    this.current = this.add(property);
    property.children!.push({ type: 'string', value: this.scanner.getTokenValue(), offset, length: this.scanner.getTokenLength(), parent: property });
    this.scanNext();
    if (this.token() === TOKEN.colon) {
      this.onSeparator(':');
      this.scanNext();
      if (!this.parseValue()) this.error(ERROR.valueExpected, [], [TOKEN.closeBrace, TOKEN.comma]);
    } else {
      this.error(ERROR.colonExpected, [], [TOKEN.closeBrace, TOKEN.comma]);
    }
    return true;
  }

  private onLiteral(value: string | number | boolean | null): void {
    const offset = this.scanner.getTokenOffset();
    const length = this.scanner.getTokenLength();
    const type = value === null ? 'null' : (typeof value as 'string' | 'number' | 'boolean');
    this.add({ type, offset, length, parent: this.current, value });
    this.completeProperty(offset + length);
    this.scanNext();
  }

  private endContainer(kind: 'array' | 'object'): void {
    const end = this.scanner.getTokenOffset() + this.scanner.getTokenLength();
    // An object may end while a property still waits for its value.
    if (kind === 'object') this.completeProperty(end);
    this.current.length = end - this.current.offset;
    this.current = this.current.parent!;
    this.completeProperty(end);
  }

  private onSeparator(separator: ':' | ','): void {
    if (this.current.type !== 'property') return;
    if (separator === ':') this.current.colonOffset = this.scanner.getTokenOffset();
    else this.completeProperty(this.scanner.getTokenOffset());
  }

  private completeProperty(end: number): void {
    if (this.current.type === 'property') {
      this.current.length = end - this.current.offset;
      this.current = this.current.parent!;
    }
  }

  private add(node: BuildNode): BuildNode {
    this.current.children!.push(node);
    return node;
  }

  /** Records an error at the current token, then skips tokens as jsonc-parser's `handleError` does. */
  private error(code: number, skipUntilAfter: readonly number[] = [], skipUntil: readonly number[] = []): void {
    this.record(code);
    if (skipUntilAfter.length + skipUntil.length === 0) return;
    let t = this.token();
    while (t !== TOKEN.eof) {
      if (skipUntilAfter.includes(t)) {
        this.scanNext();
        break;
      }
      if (skipUntil.includes(t)) break;
      t = this.scanNext();
    }
  }

  private record(code: number): void {
    if (this.out.errors.length >= MAX_RECORDED_ERRORS) return;
    this.out.errors.push({ error: code as ParseErrorCode, offset: this.scanner.getTokenOffset(), length: this.scanner.getTokenLength() });
  }

  /** Next significant token; reports scan errors and unknown symbols, collects comments. */
  private scanNext(): number {
    for (;;) {
      const t = this.scanner.scan() as number;
      const scanError = SCAN_ERROR_TO_PARSE_ERROR[this.scanner.getTokenError() as number];
      if (scanError !== undefined) this.record(scanError);
      if (t === TOKEN.lineComment || t === TOKEN.blockComment) this.collectComment(t);
      else if (t === TOKEN.unknown) this.record(ERROR.invalidSymbol);
      else if (t !== TOKEN.trivia && t !== TOKEN.lineBreak) return t;
    }
  }

  private collectComment(kind: number): void {
    const start = this.scanner.getTokenOffset();
    const end = start + this.scanner.getTokenLength();
    const closed = kind === TOKEN.blockComment && end - start >= 4 && this.text.startsWith('*/', end - 2);
    this.out.comments.push({ range: [start, end], value: this.text.slice(start + 2, closed ? end - 2 : end) });
  }
}
