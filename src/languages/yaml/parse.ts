import { Composer, CST, Lexer, Parser, type Document, type Node, type Pair, type YAMLError } from 'yaml';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';

/** A YAML document as the `yaml` package composes it (node `range`s are UTF-16 offsets). */
export type YamlDocument = Document.Parsed;

/** The root of a YAML file: its documents, each with its own errors (an empty file has none). */
export interface YamlFile {
  type: 'File';
  documents: YamlDocument[];
}

/** Any node the YAML adapter visits: the file, a document, a collection, a pair, a scalar or an alias. */
export type YamlNode = YamlFile | YamlDocument | Node | Pair;

/** The parsed file of the YAML adapter. */
export type YamlParsedFile = ParsedFile<YamlNode> & { root: YamlFile };

/**
 * Deepest nesting of collections accepted. The `yaml` package composes recursively and needs about
 * 1 KB of stack per level (it gives up at ~850 levels on a 1 MB stack); real files stay far below.
 */
export const MAX_YAML_DEPTH = 200;

/** Most documents accepted in one stream; more would take seconds to compose. */
export const MAX_YAML_DOCUMENTS = 10_000;

const MAX_REPORTED_ERRORS = 100;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Parses a YAML stream into documents with the `yaml` package (CST parser, then composer), keeping
 * every document's errors as `syntaxErrors`: a document that failed still appears with what could be
 * read. Comments come from the lexer, so `#` inside quoted and block scalars is not one. Throws a
 * `SyntaxError` for streams nested deeper than {@link MAX_YAML_DEPTH} or holding more than
 * {@link MAX_YAML_DOCUMENTS} documents.
 */
export function parseYaml(text: string): YamlParsedFile {
  if (countDocumentMarkers(text, MAX_YAML_DOCUMENTS) > MAX_YAML_DOCUMENTS) {
    throw new SyntaxError(`the YAML stream has more than ${MAX_YAML_DOCUMENTS} documents`);
  }
  const { tokens, comments } = parseCst(text);
  const documents = composeQuietly(tokens);
  const errors = documents.flatMap((d) => d.errors);
  return { root: { type: 'File', documents }, comments, syntaxErrors: describeErrors(text, errors) };
}

/** Counts `---` and `...` lines, stopping once past `limit`. */
function countDocumentMarkers(text: string, limit: number): number {
  let count = 0;
  DOCUMENT_MARKER.lastIndex = 0;
  while (count <= limit && DOCUMENT_MARKER.exec(text)) count++;
  return count;
}

/**
 * Runs the `yaml` package's CST parser lexeme by lexeme (what `Parser.parse` does) so that input nested
 * too deeply is rejected as soon as the parser's stack of open nodes says so, before the composer
 * would recurse into it and before seconds are spent on a megabyte of `{{{{`. Comments are read on the
 * way: a lexeme starting with `#` is a comment unless the lexer announced it as scalar content (block
 * scalar lines), and the parser's offset is where the lexeme starts.
 */
function parseCst(text: string): { tokens: CST.Token[]; comments: SourceComment[] } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  const comments: SourceComment[] = [];
  let previous = '';
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme[0] === '#' && previous !== CST.SCALAR) {
      comments.push({ range: [parser.offset, parser.offset + lexeme.length], value: lexeme.slice(1) });
    }
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_YAML_DEPTH) throw new SyntaxError(`YAML nested more than ${MAX_YAML_DEPTH} levels deep`);
    previous = lexeme;
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, comments };
}

/**
 * Composes the documents. The composer creates one `Error` object per problem; on broken input that is
 * hundreds of thousands, and capturing their stack traces (useless here) dominates the time, so stack
 * capture is off for this synchronous call. Its duplicate-key check compares each key with every key
 * before it in the map, quadratic in a map of many keys (20,000 keys: 3-5 s), and only adds an error
 * message (the pair is kept either way), so it is off.
 */
function composeQuietly(tokens: readonly CST.Token[]): YamlDocument[] {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return Array.from(new Composer({ uniqueKeys: false }).compose(tokens));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function describeErrors(text: string, errors: readonly YAMLError[]): string[] {
  if (errors.length === 0) return [];
  const lines = new LineIndex(text);
  const messages = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => {
    const { line, column } = lines.positionAt(e.pos[0]);
    return `${e.message.split('\n')[0]} at line ${line}, column ${column}`;
  });
  if (errors.length > MAX_REPORTED_ERRORS) messages.push(`${errors.length - MAX_REPORTED_ERRORS} more syntax errors`);
  return messages;
}
