/**
 * How each kind of file reads a value from the environment, for the secrets rule's fix: the literal is
 * replaced by the language's own way of reading an environment variable, named after the provider.
 */
import type { Classification } from '../../engine/classify';
import type { Range, TextEdit } from '../../engine/types';

/** A fix: what it reads (for the title) and the edits. */
export interface EnvFix {
  label: string;
  edits: TextEdit[];
}

/** Builds the fix replacing the quoted literal at `range` (quotes included) with a read of `envVar`. */
export type EnvReference = (envVar: string, range: Range, quote: string) => EnvFix | undefined;

/** `NAME` as an environment variable name: upper case, `_` for anything else. */
function envName(name: string): string {
  const upper = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[0-9]/.test(upper) ? `_${upper}` : upper;
}

/** Calls that read an environment variable, per source language (by file extension). */
const SOURCE_CALLS: Readonly<Record<string, (name: string) => string>> = {
  '.go': (n) => `os.Getenv("${n}")`,
  '.java': (n) => `System.getenv("${n}")`,
  '.kt': (n) => `System.getenv("${n}")`,
  '.kts': (n) => `System.getenv("${n}")`,
  '.scala': (n) => `sys.env("${n}")`,
  '.groovy': (n) => `System.getenv("${n}")`,
  '.gradle': (n) => `System.getenv("${n}")`,
  '.cs': (n) => `Environment.GetEnvironmentVariable("${n}")`,
  '.swift': (n) => `ProcessInfo.processInfo.environment["${n}"] ?? ""`,
  '.php': (n) => `getenv('${n}')`,
  '.dart': (n) => `Platform.environment['${n}']`,
  '.c': (n) => `getenv("${n}")`,
  '.cc': (n) => `getenv("${n}")`,
  '.cpp': (n) => `getenv("${n}")`,
  '.rb': (n) => `ENV.fetch("${n}")`,
  '.pl': (n) => `$ENV{${n}}`,
  '.pm': (n) => `$ENV{${n}}`,
  '.r': (n) => `Sys.getenv("${n}")`,
  '.ex': (n) => `System.fetch_env!("${n}")`,
  '.exs': (n) => `System.fetch_env!("${n}")`,
  '.lua': (n) => `os.getenv("${n}")`,
  '.jl': (n) => `ENV["${n}"]`,
  '.ps1': (n) => `$env:${n}`,
  '.psm1': (n) => `$env:${n}`,
};

function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : base;
}

/**
 * The fix builder for a file, or undefined when the file kind has no way to read the environment
 * (Markdown, JSON, a `.env` file itself, which is the environment) or its literals need more than a
 * replacement (Rust's `&str`). JS/TS literals are fixed by `js/no-hardcoded-secrets`.
 */
export function envReference(classification: Classification, file: string, text: string): EnvReference | undefined {
  const { language, dialect } = classification;
  const ext = extensionOf(file);
  if (language === 'python') return pythonReference(text);
  if (language === 'terraform' && dialect === 'terraform') return terraformReference(text);
  if (language === 'yaml' && dialect === 'compose') return dollarReference;
  if (language === 'text') {
    if (dialect === 'shell') return dollarReference;
    if (dialect === 'ini' && (ext === '.npmrc' || ext === '.yarnrc')) return bareDollarReference;
    const call = SOURCE_CALLS[ext];
    if (call && (dialect === 'c-like' || dialect === 'hash-comment' || dialect === 'powershell')) {
      return (envVar, range) => {
        const code = call(envName(envVar));
        return { label: code, edits: [{ range, text: code }] };
      };
    }
  }
  return undefined;
}

/**
 * `os.environ["NAME"]`, in the quotes of the literal it replaces (`os.environ['NAME']` for `'…'`), with
 * `import os` added when the module does not import it.
 */
function pythonReference(text: string): EnvReference {
  // Read once, when the first fix is built (a file without a fixable literal never pays for it).
  let importsOs: boolean | undefined;
  return (envVar, range, quote) => {
    importsOs ??= importsModuleOs(text);
    const q = quote === "'" ? "'" : '"';
    const code = `os.environ[${q}${envName(envVar)}${q}]`;
    const edits: TextEdit[] = [{ range, text: code }];
    if (!importsOs) edits.unshift({ range: [importAt(text), importAt(text)], text: 'import os\n' });
    return { label: code, edits };
  };
}

/** Whether a line of the module is an `import` statement naming `os` (`import os`, `import sys, os`). */
function importsModuleOs(text: string): boolean {
  return text.split('\n').some((line) => {
    const words = line.trim().split(/[\s,]+/);
    return words[0] === 'import' && words.includes('os');
  });
}

/** Where `import os` goes: after a shebang, comments, blank lines, a module docstring and `from __future__` imports. */
function importAt(text: string): number {
  let at = 0;
  let docstringSeen = false;
  for (;;) {
    const eol = text.indexOf('\n', at);
    if (eol === -1) return at;
    const line = text.slice(at, eol).trim();
    const quote = ['"""', "'''"].find((q) => line.startsWith(q));
    if (quote && !docstringSeen) {
      docstringSeen = true;
      const close = text.indexOf(quote, text.indexOf(quote, at) + 3);
      const after = close === -1 ? -1 : text.indexOf('\n', close);
      if (after === -1) return at;
      at = after + 1;
    } else if (line === '' || line.startsWith('#') || line.startsWith('from __future__')) {
      at = eol + 1;
    } else {
      return at;
    }
  }
}

/** `"${NAME}"` in a shell script or compose file: the same quotes if they expand, double quotes if not. */
const dollarReference: EnvReference = (envVar, range, quote) => {
  const code = `"\${${envName(envVar)}}"`;
  return { label: quote === '"' ? `\${${envName(envVar)}}` : code, edits: [{ range, text: code }] };
};

/** `${NAME}` unquoted (npm expands it in `.npmrc`). */
const bareDollarReference: EnvReference = (envVar, range) => {
  const code = `\${${envName(envVar)}}`;
  return { label: code, edits: [{ range, text: code }] };
};

/** `var.name` in Terraform, with a sensitive `variable` block appended when the file has none of that name. */
function terraformReference(text: string): EnvReference {
  return (envVar, range) => {
    const name = envVar.toLowerCase();
    const edits: TextEdit[] = [{ range, text: `var.${name}` }];
    if (!text.includes(`variable "${name}"`)) {
      const sep = text.endsWith('\n') ? '\n' : '\n\n';
      edits.push({ range: [text.length, text.length], text: `${sep}variable "${name}" {\n  type      = string\n  sensitive = true\n}\n` });
    }
    return { label: `var.${name} (a sensitive variable)`, edits };
  };
}
