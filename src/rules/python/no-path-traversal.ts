import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, calleeLastName, calleeName, importEdits, keywordArgument, positionalArguments, pyQuote, pyString, replaceEdit } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, parameterReport, withCallerParameters, relatedLocations, singleAssignment, unwrap } from './injection-flow';
import { MODULES } from '../shared/module-calls';
import { stringParts } from './injection-strings';

/** Functions taking a path, by imported name, with the positions of their path arguments. */
const PATH_FUNCTIONS = new Map<string, number[]>();
for (const fn of ['open']) PATH_FUNCTIONS.set(fn, [0]);
for (const fn of ['io.open', 'codecs.open', 'os.open', 'aiofiles.open', 'gzip.open', 'bz2.open', 'lzma.open']) PATH_FUNCTIONS.set(fn, [0]);
for (const fn of ['remove', 'unlink', 'rmdir', 'removedirs', 'listdir', 'scandir', 'chmod', 'chown', 'truncate', 'makedirs', 'mkdir', 'walk', 'utime']) PATH_FUNCTIONS.set(`os.${fn}`, [0]);
for (const fn of ['rename', 'renames', 'replace', 'link', 'symlink']) PATH_FUNCTIONS.set(`os.${fn}`, [0, 1]);
for (const fn of ['copy', 'copy2', 'copyfile', 'copytree', 'move', 'copymode', 'copystat']) PATH_FUNCTIONS.set(`shutil.${fn}`, [0, 1]);
for (const fn of ['rmtree']) PATH_FUNCTIONS.set(`shutil.${fn}`, [0]);
for (const fn of ['shutil.unpack_archive']) PATH_FUNCTIONS.set(fn, [0, 1]);
/** Functions that only look at a path (exists, size, times, permissions): an oracle for which files the server has. */
const PROBE_FUNCTIONS = new Set([
  ...['exists', 'lexists', 'isfile', 'isdir', 'islink', 'getsize', 'getmtime', 'getatime', 'getctime'].map((fn) => `os.path.${fn}`),
  'os.stat', 'os.lstat', 'os.access',
]);
for (const fn of PROBE_FUNCTIONS) PATH_FUNCTIONS.set(fn, [0]);
/** pathlib methods that only look at the file their receiver names. */
const PROBE_METHODS = new Set(['exists', 'is_file', 'is_dir', 'is_symlink', 'stat', 'lstat']);
/** Framework responses that send the file at a path. */
for (const fn of ['flask.send_file', 'quart.send_file', 'flask.helpers.send_file', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse', 'fastapi.FileResponse', 'aiohttp.web.FileResponse', 'sanic.response.file', 'bottle.static_file']) PATH_FUNCTIONS.set(fn, [0]);
/** Keywords the first path argument can be passed as. */
const PATH_KEYWORDS = ['file', 'path', 'filename', 'name', 'path_or_file', 'src', 'fileobj'];
/** pathlib methods that read, write or delete the file their receiver names. */
const PATH_METHODS = new Set([
  'open', 'read_text', 'read_bytes', 'write_text', 'write_bytes', 'unlink', 'rmdir', 'touch', 'mkdir', 'rename', 'replace', 'iterdir',
  'symlink_to', 'hardlink_to', 'chmod',
]);
const PATH_CLASSES = /^pathlib\.(?:Path|PurePath|PosixPath|WindowsPath|PurePosixPath|PureWindowsPath)$/;
/** pathlib methods whose result is still a path built from the receiver. */
const PATH_CHAIN = new Set(['resolve', 'absolute', 'joinpath', 'with_name', 'with_suffix', 'with_stem', 'expanduser', 'parent']);
const JOIN_FUNCTIONS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join', 'os.path.abspath', 'os.path.normpath']);
/** TarFile extraction methods, by resolved name. */
const TAR_EXTRACT = /^tarfile\.(?:open|TarFile|TarFile\.open|TarFile\.taropen|TarFile\.gzopen)\.\(\)\.(extractall|extract)$/;
const PREFILTER = /open|\bos\b|shutil|pathlib|Path|send_file|FileResponse|tarfile|static_file/;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);
/** Joins that refuse a result outside their base folder (they raise instead). */
const SAFE_JOINS = new Set(['django.utils._os.safe_join', 'werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join', 'flask.helpers.safe_join']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-path-traversal',
  languages: ['python'],
  meta: {
    description: 'File paths must not be built from request data or model output without a containment check',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-22'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which builds a file path from it (line {{line}}). A value such as `../../etc/passwd` reaches files outside the intended folder.',
      pathTraversalParam:
        'The path passed to {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, a value such as `../../etc/passwd` reaches files outside the intended folder.',
      pathProbe:
        'The path passed to {{fn}}() is built from {{source}}. It only looks at the file, but a value such as `../../etc/passwd` tells the sender which files exist anywhere on the server, and what size and age they are.',
      pathTraversal:
        'The path passed to {{fn}}() is built from {{source}}. A value such as `../../etc/passwd` — or an absolute path, which os.path.join() and `/` keep instead of the base folder — reaches files outside the intended folder.',
      tarExtract:
        '{{fn}}() writes every member of the archive where its name says: a member named `../../home/app/.bashrc`, an absolute path, or a link pointing outside the target folder writes files anywhere this process can (tar slip). Python extracts without checks unless a filter is given.',
      useBasename: 'Keep only the file name with os.path.basename()',
      useDataFilter: 'Extract with filter="data", which refuses such members',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    const inProgress = new Set<number>();
    const options: PythonFlowOptions = flowOptions(lang, {
      kinds: withCallerParameters(context.file, KINDS),
      passThrough: true,
      sanitizers: new Set(['path']),
      source: slashSource,
      sanitizes: (c) => SAFE_JOINS.has(calleeName(lang, c) ?? ''),
    });
    const tarFilterSet = /\.extraction_filter\s*=/.test(text);
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !lang.liveBranch(call)) return;
        if (last === 'extractall' || last === 'extract') return checkTar(call);
        const sink = sinkOf(call, last);
        if (!sink) return;
        const probe = PROBE_FUNCTIONS.has(sink.fn) || (sink.fn.startsWith('Path.') && PROBE_METHODS.has(last));
        for (const path of sink.paths) {
          if (!isPathValue(path, 0)) continue;
          const taint = lang.taint(path, options);
          // A look at a file a caller names is the caller's business; only request data, model output or tool arguments count.
          if (!taint || (probe && taint.kind === 'param')) continue;
          const range = lang.range(path);
          const fix = basenameSuggestion(path);
          context.report({
            range,
            messageId: taint.kind === 'param' ? 'pathTraversalParam' : probe ? 'pathProbe' : 'pathTraversal',
            data: { fn: sink.fn, source: taint.description },
            flow: relatedLocations(lang, taint, range),
            suggest: fix ? [fix] : [],
            ...(probe ? { severity: 'warning' as const } : {}),
            ...parameterReport(taint),
          });
        }
      },
    });

    /** pathlib's `/` (the flow follows `+`, `%` and f-strings, not `/`): a path is as untrusted as its segments. */
    function slashSource(node: SyntaxNode): PythonTaint | null {
      if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.text !== '/' || inProgress.has(node.id)) return null;
      inProgress.add(node.id);
      try {
        for (const [i, side] of [node.childForFieldName('left'), node.childForFieldName('right')].entries()) {
          const t = side ? lang.taint(side, options) : null;
          // A caller's parameter joined onto a base is built into the path; as the base, the caller chose where.
          if (t) return i === 1 && t.passThrough ? { ...t, passThrough: false } : t;
        }
        return null;
      } finally {
        inProgress.delete(node.id);
      }
    }

    function sinkOf(call: SyntaxNode, last: string): { fn: string; paths: SyntaxNode[] } | null {
      const name = calleeName(lang, call) ?? builtinName(call);
      const positions = name ? PATH_FUNCTIONS.get(name) : undefined;
      if (name && positions) {
        const args = positionalArguments(call);
        const paths = positions.map((p, i) => args[p] ?? (i === 0 ? PATH_KEYWORDS.map((k) => keywordArgument(call, k)?.childForFieldName('value')).find((v) => v) : keywordArgument(call, 'dst')?.childForFieldName('value')) ?? null);
        return { fn: name, paths: paths.filter((p): p is SyntaxNode => !!p) };
      }
      if (!PATH_METHODS.has(last) && !PROBE_METHODS.has(last)) return null;
      const receiver = call.childForFieldName('function')?.childForFieldName('object');
      if (!receiver || !isPath(receiver, 0)) return null;
      return { fn: `Path.${last}`, paths: [receiver] };
    }

    /**
     * Whether an argument is a path rather than a file object (`send_file(io.BytesIO(data))`): a string or
     * path built in place, a value read from a container or object, a parameter, or a variable assigned
     * only such values.
     */
    function isPathValue(node: SyntaxNode, depth: number): boolean {
      if (depth > 6) return false;
      const n = unwrap(node);
      switch (n.type) {
        case 'string':
        case 'concatenated_string':
        case 'subscript':
        case 'attribute':
        case 'binary_operator':
          return true;
        case 'conditional_expression':
          return n.namedChildren.some((c, i) => i !== 1 && !!c && isPathValue(c, depth + 1));
        case 'await':
          return !!n.namedChildren[0] && isPathValue(n.namedChildren[0], depth + 1);
        case 'call': {
          if (isPath(n, 0)) return true;
          const name = calleeName(lang, n) ?? '';
          if (/^(?:os\.path|posixpath|ntpath)\./.test(name) || name.startsWith('werkzeug.') || name.startsWith('pathvalidate.')) return true;
          const fn = n.childForFieldName('function');
          const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text ?? '' : '';
          if (/^(?:get|format|join|replace|strip|lower|decode|getlist)$/.test(method)) return true;
          const ref = lang.callee(n);
          if (ref?.module === null && (ref.path[0] === 'str' || ref.path[0] === 'input')) return true;
          return lang.taint(n, options)?.node.equals(n) ?? false;
        }
        case 'identifier': {
          const sites = lang.scopes.lookupNode(n)?.sites ?? [];
          if (sites.length === 0) return false;
          return sites.every((s) => {
            if (s.kind === 'param' || s.kind === 'for') return true;
            if ((s.kind === 'assign' || s.kind === 'augassign' || s.kind === 'walrus') && s.value && s.unpack.length === 0) return isPathValue(s.value, depth + 1);
            return false;
          });
        }
        default:
          return false;
      }
    }

    /** `open` when it is the builtin. */
    function builtinName(call: SyntaxNode): string | null {
      const ref = lang.callee(call);
      return ref?.module === null && ref.path.length === 1 && ref.path[0] === 'open' ? 'open' : null;
    }

    /** Whether an expression is a pathlib path: `Path(x)`, `base / x`, `p.resolve()`, or a name bound once to one. */
    function isPath(node: SyntaxNode, depth: number): boolean {
      if (depth > 6) return false;
      const n = unwrap(node);
      const ref = n.type === 'call' ? lang.callee(n) : lang.resolve(n);
      if (ref?.module === 'pathlib' && PATH_CLASSES.test(`pathlib.${ref.path[0]}`)) return true;
      if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '/') return isPath(n.childForFieldName('left')!, depth + 1);
      if (n.type === 'call') {
        const fn = n.childForFieldName('function');
        return fn?.type === 'attribute' && PATH_CHAIN.has(fn.childForFieldName('attribute')?.text ?? '') && isPath(fn.childForFieldName('object')!, depth + 1);
      }
      if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'parent') return isPath(n.childForFieldName('object')!, depth + 1);
      if (n.type === 'identifier') {
        const value = singleAssignment(lang, n);
        return !!value && isPath(value, depth + 1);
      }
      return false;
    }

    function checkTar(call: SyntaxNode): void {
      const name = calleeName(lang, call);
      const match = name ? TAR_EXTRACT.exec(name) : null;
      if (!match || tarFilterSet) return;
      const method = match[1];
      if (keywordArgument(call, 'filter') || keywordArgument(call, 'members')) return;
      // extractall(path, members): the members were chosen (usually after checking their names).
      if (method === 'extractall' && positionalArguments(call).length >= 2) return;
      const edit = addArgumentEdit(text, call, `filter=${pyString('data', pyQuote(lang))}`);
      context.report({
        range: lang.range(call),
        messageId: 'tarExtract',
        data: { fn: `TarFile.${method}` },
        suggest: edit ? [{ messageId: 'useDataFilter', edits: [edit] }] : [],
        severity: 'warning',
      });
    }

    /**
     * Wraps each untrusted segment of an `os.path.join`, a `/` path, an f-string or a concatenation (at the
     * sink or in the variable it reads) in `os.path.basename(…)`.
     */
    function basenameSuggestion(arg: SyntaxNode): FixDescriptor | null {
      let n = unwrap(arg);
      for (let i = 0; i < 3 && n.type === 'identifier'; i++) {
        const value = singleAssignment(lang, n);
        if (!value) return null;
        n = unwrap(value);
      }
      let segments: SyntaxNode[];
      if (n.type === 'call' && JOIN_FUNCTIONS.has(calleeName(lang, n) ?? '')) {
        segments = positionalArguments(n).slice(1);
      } else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '/') {
        segments = slashSegments(n).slice(1);
      } else {
        const parts = stringParts(lang, n);
        segments = parts ? parts.flatMap((p) => ('expr' in p ? [p.expr] : [])) : [];
      }
      const untrusted = segments.filter((s) => lang.taint(s, options));
      if (untrusted.length === 0) return null;
      const imports = importEdits(lang, text, 'os');
      if (!imports) return null;
      const edits: TextEdit[] = [...imports, ...untrusted.map((s) => replaceEdit(s, `os.path.basename(${lang.text(s)})`))];
      return { messageId: 'useBasename', edits };
    }
  },
});

/** The operands of a `/` chain in order: `a / b / c` → [a, b, c]. */
function slashSegments(node: SyntaxNode, depth = 0): SyntaxNode[] {
  const n = unwrap(node);
  if (depth < 20 && n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '/') {
    return [...slashSegments(n.childForFieldName('left')!, depth + 1), n.childForFieldName('right')!];
  }
  return [n];
}
