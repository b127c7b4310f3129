import { Add, type Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';

/** A source ADD fetches instead of reading the build context: a URL (`https://`, `git://`…) or a git remote (`git@host:repo`). */
const REMOTE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:)/;
/** Names of tar archives, plain or compressed with a format ADD decompresses (gzip, bzip2, xz, zstd). */
const TAR_ARCHIVE = /\.(?:tar|tgz|tbz2?|tb2|txz|tzst|tar\.(?:gz|bz2|xz|zst|zstd))$/i;
/** A compressed file that may hold a tar archive (ADD looks at the content, not the name): neither reported nor converted. */
const MAYBE_ARCHIVE = /\.(?:gz|bz2|xz|zst|zstd)$/i;
/** Flags COPY also accepts; with any other (`--checksum`, `--keep-git-dir`, `--unpack`) ADD stays. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

/** A source of an ADD, as written. */
interface Source {
  value: string;
  range: Range;
}

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-add-local-file',
  languages: ['dockerfile'],
  meta: {
    description: 'Local files should be copied with COPY; ADD silently extracts local tar archives',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-409', 'CWE-710'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      archive:
        "ADD extracts the local archive '{{source}}' into the image: what lands in the image (files, modes, owners) is whatever the archive holds, unreviewed, and the same line only copies the file if it is not a tar. Extract it explicitly in a RUN (e.g. with a bind mount and tar -x --no-same-owner), after checking its sha256, or keep ADD knowingly.",
      useCopy:
        'ADD of local files does what COPY does, plus extracting any of them that turns out to be a tar archive and fetching URLs. Use COPY, which only copies, so the instruction does exactly what it says.',
      replaceWithCopy: 'Replace ADD with COPY',
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        if (context.lang.keywordOf(node) !== 'ADD') return;
        const sources = sourcesOf(node, context.lang, context.text);
        // Heredocs, remote sources (dockerfile/no-add-remote-url) and sources known only at build time stay.
        if (!sources || sources.some((s) => REMOTE.test(s.value) || s.value.includes('$'))) return;
        const archives = sources.filter((s) => TAR_ARCHIVE.test(s.value));
        for (const s of archives) context.report({ range: s.range, messageId: 'archive', data: { source: s.value } });
        if (archives.length > 0 || sources.some((s) => MAYBE_ARCHIVE.test(s.value))) return;
        const keyword = context.lang.rangeOf(node.getInstructionRange());
        const flags = node instanceof Add ? node.getFlags() : [];
        const suggest: FixDescriptor[] = flags.every((f) => COPY_FLAGS.has(f.getName().toLowerCase()))
          ? [{ messageId: 'replaceWithCopy', edits: [{ range: keyword, text: context.text.slice(...keyword) === 'ADD' ? 'COPY' : 'copy' }] }]
          : [];
        context.report({ range: keyword, messageId: 'useCopy', suggest });
      },
    };
  },
});

/**
 * The sources of an ADD (every argument but the destination), from its JSON form or its words; null for a
 * heredoc, a malformed JSON form, or fewer than two arguments.
 */
function sourcesOf(node: Instruction, lang: DockerfileHelpers, text: string): Source[] | null {
  const argsRange = node.getArgumentsRange();
  if (!argsRange) return null;
  const [start, end] = lang.rangeOf(argsRange);
  const written = text.slice(start, end);
  if (written.includes('<<')) return null;
  if (written.trimStart().startsWith('[')) return jsonSources(written, start);
  const args = node.getArguments();
  if (args.length < 2) return null;
  return args.slice(0, -1).map((a) => ({ value: a.getValue(), range: lang.rangeOf(a) }));
}

/** `["src", …, "dest"]`: each source string with the range of its characters (inside the quotes) when written without escapes. */
function jsonSources(written: string, offset: number): Source[] | null {
  let values: unknown;
  try {
    values = JSON.parse(written);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length < 2 || !values.every((v) => typeof v === 'string')) return null;
  const sources: Source[] = [];
  let from = 0;
  for (const value of values.slice(0, -1) as string[]) {
    const at = written.indexOf(JSON.stringify(value), from);
    if (at < 0) return null;
    sources.push({ value, range: [offset + at + 1, offset + at + 1 + JSON.stringify(value).length - 2] });
    from = at + JSON.stringify(value).length;
  }
  return sources;
}
