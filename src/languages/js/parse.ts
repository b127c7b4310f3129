import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { classifyFile } from '../../engine/classify';
import type { ParsedFile, SourceComment } from '../../engine/language';

/** A Babel node with the parent pointer the traversal sets. */
export type JsNode = t.Node & { parent?: JsNode | null };

/** The parsed file of the JS/TS adapter. */
export type JsParsedFile = ParsedFile<JsNode> & { root: t.File };

/** Babel plugins per dialect. */
export const PLUGINS: Record<string, ParserPlugin[]> = {
  ts: ['typescript', 'decorators-legacy', 'explicitResourceManagement'],
  tsx: ['typescript', 'jsx', 'decorators-legacy', 'explicitResourceManagement'],
  jsx: ['jsx', 'decorators-legacy', 'explicitResourceManagement'],
  js: ['decorators-legacy', 'explicitResourceManagement'],
};

/** Parser options shared by every dialect (the benchmark parses with the same options). */
export const BASE_OPTIONS: ParserOptions = {
  errorRecovery: true,
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowNewTargetOutsideFunction: true,
  allowSuperOutsideMethod: true,
  allowUndeclaredExports: true,
  attachComment: false,
};

/** Picks the Babel dialect from the file name; unknown names are parsed as TypeScript + JSX. */
export function dialectOf(file: string): string {
  const c = classifyFile(file);
  return c?.language === 'js' ? c.dialect : 'tsx';
}

/**
 * Parses JavaScript or TypeScript with @babel/parser in error-recovery mode: as a module first, then
 * as a script (sloppy-mode code such as `with` or octal literals), keeping whichever recovers. JSX is
 * enabled for `.js`/`.jsx`/`.tsx`; a `.js` file whose JSX reading fails is retried without JSX.
 */
export function parseJs(text: string, file: string, dialect = dialectOf(file)): JsParsedFile {
  const attempts: Array<[ParserPlugin[], 'module' | 'script']> = [
    [PLUGINS[dialect] ?? PLUGINS.tsx, 'module'],
    [PLUGINS[dialect] ?? PLUGINS.tsx, 'script'],
  ];
  if (dialect === 'jsx') attempts.push([PLUGINS.js, 'module']);
  let lastError: unknown;
  for (const [plugins, sourceType] of attempts) {
    try {
      const ast = parse(text, { ...BASE_OPTIONS, sourceType, plugins });
      const comments: SourceComment[] = (ast.comments ?? []).map((c) => ({
        range: [c.start!, c.end!],
        value: c.value,
      }));
      const syntaxErrors = ((ast as { errors?: Array<{ message: string }> }).errors ?? []).map((e) => e.message);
      return { root: ast as t.File, comments, syntaxErrors };
    } catch (e) {
      if (e instanceof RangeError) {
        throw new Error('the code is nested too deeply to parse (the parser ran out of stack)');
      }
      lastError = e;
    }
  }
  throw lastError;
}
