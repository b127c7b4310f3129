import type { Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { extractInstallCommands, type PackageRef } from '../../services/package-names';
import { COMMAND_START, commandWords, runShellText, type ShellWord } from './shell';

/** `apt-get`/`apt`/`apk` in command position, behind `sudo` if any. */
const OS_INSTALLER = new RegExp(String.raw`${COMMAND_START}(?:sudo[ \t]+(?:-[A-Za-z]+[ \t]+)*)?(apt-get|apt|apk)(?=[ \t])`, 'g');
/** Options of apt-get/apt that take the next word as their value. */
const APT_VALUE_OPTIONS = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']);
/** Options of apk that take the next word as their value (`--virtual .build-deps` names a group, not a package). */
const APK_VALUE_OPTIONS = new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--cache-max-age', '--timeout']);
/** Commands that run a package rather than install it (`npx prisma`): not this rule's business. */
const RUNS_PACKAGE = /^(?:npx|pnpx|bunx)$|[ \t](?:exec|x|dlx)$/;
/** An npm spec that is a dist-tag (`latest`, `next`), which moves, rather than a version or range. */
const DIST_TAG = /^(?!v?\d)[A-Za-z][\w.-]*$/;
/** pip options under which the versions come from elsewhere: a constraints file, a local wheelhouse, hashes. */
const PIP_VERSIONS_ELSEWHERE = /(?:^|[ \t])(?:-c|--constraint|--no-index|--require-hashes)(?=[ \t=])|PIP_CONSTRAINT=/;

/** One package installed without a version. */
interface Unpinned {
  name: string;
  range: [number, number];
  tool: string;
}

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/require-pinned-package-versions',
  languages: ['dockerfile'],
  meta: {
    description: 'Packages installed in RUN (apt-get, apk, pip, npm) should name a version',
    severity: 'info',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-1357', 'CWE-494'],
    confidence: 'high',
    recommended: false,
    fix: 'none',
    messages: {
      unpinned:
        "{{tool}} installs '{{name}}' without a version: each build takes whatever release is current, so two builds of the same Dockerfile can differ and a compromised or broken release is picked up silently. Name the version ({{example}}).",
    },
  },
  create(context) {
    return {
      Instruction(node: Instruction) {
        const shell = runShellText(node, context.lang, context.text);
        if (!shell) return;
        const found = [...osPackages(shell.text), ...languagePackages(shell.text)].sort((a, b) => a.range[0] - b.range[0]);
        for (const p of found) {
          context.report({
            range: [shell.offset + p.range[0], shell.offset + p.range[1]],
            messageId: 'unpinned',
            data: { tool: p.tool, name: p.name, example: exampleOf(p) },
          });
        }
      },
    };
  },
});

function exampleOf(p: Unpinned): string {
  if (p.tool.startsWith('apk')) return `${p.name}=<version>-r<n>`;
  if (p.tool.startsWith('apt')) return `${p.name}=<version>`;
  if (/pip|uv|poetry/.test(p.tool)) return `${p.name}==<version>`;
  return `${p.name}@<version>`;
}

/** `apt-get install`, `apt install` and `apk add` arguments without `=version` (or, for apk, `~`, `<`, `>`). */
function osPackages(text: string): Unpinned[] {
  const out: Unpinned[] = [];
  // `apt-get`, `apt` and `apk` all start with `ap`: a RUN without it is not scanned from each command start.
  if (!text.includes('ap')) return out;
  for (const m of text.matchAll(OS_INSTALLER)) {
    const tool = m[1];
    const words = commandWords(text, m.index + m[0].length);
    const apk = tool === 'apk';
    const values = apk ? APK_VALUE_OPTIONS : APT_VALUE_OPTIONS;
    let subcommand: string | undefined;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word.value === '--') continue;
      if (word.value.startsWith('-')) {
        if (values.has(word.value)) i++;
        continue;
      }
      if (subcommand === undefined) {
        subcommand = word.value;
        if (subcommand !== (apk ? 'add' : 'install')) break;
        continue;
      }
      if (!isUnpinnedOsPackage(word, apk)) continue;
      out.push({ name: word.value, range: [word.start, word.end], tool: `${tool} ${subcommand}` });
    }
  }
  return out;
}

/**
 * A package argument written out without a version. Variables, command substitutions and globs (known only
 * at build time), local `.deb`/`.apk` files and paths are not package names to pin.
 */
function isUnpinnedOsPackage(word: ShellWord, apk: boolean): boolean {
  const { value } = word;
  if (value === '' || /[$`*?[\]]/.test(value) || value.includes('/') && !/^[\w.+-]+\/[\w.+-]+$/.test(value)) return false;
  if (/\.(?:deb|apk)$/.test(value) || value.startsWith('.')) return false;
  return apk ? !/[=~<>]/.test(value) : !value.includes('=');
}

/** npm/yarn/pnpm/bun and pip/uv/poetry installs, read by the package-name extractor the package rules use. */
function languagePackages(text: string): Unpinned[] {
  const pipElsewhere = PIP_VERSIONS_ELSEWHERE.test(text);
  const out: Unpinned[] = [];
  for (const ref of extractInstallCommands(text)) {
    const tool = ref.field ?? '';
    if (RUNS_PACKAGE.test(tool) || !ref.registry || isPinned(ref)) continue;
    if (ref.ecosystem === 'pypi' && pipElsewhere) continue;
    out.push({ name: ref.name, range: ref.range, tool });
  }
  return out;
}

function isPinned(ref: PackageRef): boolean {
  const spec = ref.spec?.trim();
  if (!spec) return false;
  return ref.ecosystem === 'pypi' || !DIST_TAG.test(spec);
}
