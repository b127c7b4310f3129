import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced code example from a rule doc, with the section it appears under. */
export interface DocExample {
  section: 'Incorrect' | 'Correct';
  lang: string;
  /** A file name written after the language (```toml Pipfile), which then decides the classification. */
  file?: string;
  code: string;
  line: number;
}

/** Path of a rule's doc page: `docs/rules/<target>/<name>.md`. */
export function docPath(root: string, ruleId: string): string {
  return join(root, 'docs', 'rules', `${ruleId}.md`);
}

/** Extracts the fenced examples under `## Incorrect` and `## Correct`. */
export function docExamples(markdown: string): DocExample[] {
  const examples: DocExample[] = [];
  let section: string | null = null;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heading = /^##\s+(.+?)\s*$/.exec(lines[i]);
    if (heading) {
      section = heading[1];
      continue;
    }
    const fence = /^```(\w+)(?:[ \t]+([\w./-]+))?/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    if (section === 'Incorrect' || section === 'Correct') {
      examples.push({ section, lang: fence[1], ...(fence[2] ? { file: fence[2] } : {}), code: lines.slice(start, end).join('\n'), line: start });
    }
    i = end;
  }
  return examples;
}

/**
 * File name that makes the classifier pick the example's language: a JS/TS example file, and for the
 * formats the supply-chain rules read, the file that format usually lives in (```json is a package.json,
 * ```toml a pyproject.toml, ```text a requirements.txt).
 */
export function exampleFileName(lang: string, file?: string): string {
  if (file) return file;
  const names: Record<string, string> = {
    js: 'example.js',
    javascript: 'example.js',
    ts: 'example.ts',
    typescript: 'example.ts',
    jsx: 'example.jsx',
    tsx: 'example.tsx',
    json: 'package.json',
    text: 'requirements.txt',
    requirements: 'requirements.txt',
    toml: 'pyproject.toml',
    sh: 'install.sh',
    bash: 'install.sh',
    shell: 'install.sh',
    markdown: 'README.md',
    md: 'README.md',
    python: 'main.py',
    py: 'main.py',
    dockerfile: 'Dockerfile',
    yaml: '.github/workflows/ci.yml',
    yml: '.github/workflows/ci.yml',
  };
  return names[lang] ?? `example.${lang}`;
}

/** Reads a doc page, or returns null when it does not exist. */
export function readDoc(root: string, ruleId: string): string | null {
  try {
    return readFileSync(docPath(root, ruleId), 'utf8');
  } catch {
    return null;
  }
}
