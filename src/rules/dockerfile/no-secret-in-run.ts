import { From, Run, type Instruction } from 'dockerfile-ast';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range, TextEdit } from '../../engine/types';
import type { DockerfileHelpers, DockerfileNode } from '../../languages/dockerfile';
import { findAssignments } from '../secrets/assignments';
import { envVarName, genericSecretCandidate, isSecretName, secretNameKind } from '../secrets/patterns';
import { findProviderSecrets } from '../secrets/scan';
import { runShellText, type ShellText } from './shell';

/** `$NAME` and `${NAME…}` (group 2: a modifier such as `:-default`, without nested expansions), not escaped with a backslash. */
const REFERENCE = /(?<!\\)\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_])([^}\n${]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** `NAME=` at the start of a word (an assignment, or `key=value` in an argument); `//host/:_authToken=` keys included. */
const ASSIGNMENT = /(?<![^\s'"(;&|])((?:\/\/[^\s='"]{1,256}\/:)?[A-Za-z_][\w.-]{0,127})=/g;
/** The value after `NAME=`: a quoted string (up to 1024 characters) or a bare word; read in place (sticky). */
const ASSIGNED_VALUE = /"[^"\n]{0,1024}"|'[^'\n]{0,1024}'|[^\s;&|'"`)]*/y;
/** A header given to curl (`-H`, `--header`) or wget (`--header=`): name and value, up to the closing quote. */
const HEADER = /(?:^|\s)(?:-H|--header)(?:[ \t]+|=)["']?([A-Za-z][\w-]{0,63})[ \t]*:[ \t]*([^'"\s][^'"\n]*)/g;
/** `user:password` given to curl's `-u`/`--user` (or any `-u user:password`): the password. */
const USER_PASSWORD = /(?:^|\s)(?:-u|--user)(?:[ \t]+|=)["']?[^\s'":]{1,128}:([^\s'"]{1,512})/g;
/**
 * What keeps a value beyond the RUN even when it comes from a build secret: output written to a file
 * (not `/dev/null` or another descriptor), `tee`, or tools that store credentials (config, login, a clone's remote).
 */
const PERSISTS = /(?<![<>&])>>?(?![ \t]*(?:&|\/dev\/(?:null|stdout|stderr)\b))|\b(?:tee|config|login|clone|remote|credentials?|insteadOf)\b/i;
/** The `id` and `env` of a `--mount=type=secret,…` flag's value. */
const MOUNT_ID = /(?:^|,)id=([^,]+)/;
const MOUNT_ENV = /(?:^|,)env=([^,]+)/;
/** `.npmrc` credentials (`//host/:_authToken`), conventionally read from `NPM_TOKEN`. */
const NPMRC_AUTH = /(?:^|:)_(?:authToken|auth|password)$/;

/** A secret written in a RUN, with its offsets in the shell text. */
interface LiteralHit {
  start: number;
  end: number;
  what: string;
  /** Name of the build secret a fix reads instead. */
  id: string;
}

export default defineRule<DockerfileNode, DockerfileHelpers>({
  id: 'dockerfile/no-secret-in-run',
  languages: ['dockerfile'],
  meta: {
    description: 'RUN must not use secrets from build arguments or literal secrets; mount them as build secrets',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-538'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      buildArg:
        "RUN uses the build argument {{name}}, a secret: build-argument values are stored with the image (docker history, build provenance) for anyone who can pull it, and whatever the command writes with it (.npmrc, git config) stays in the layer. Pass it as a build secret instead — RUN --mount=type=secret,id={{id}} reading /run/secrets/{{id}}, built with --secret id={{id}},env={{name}} — and remove the ARG.",
      literal:
        'RUN holds a literal {{what}}: it is committed with the Dockerfile and recorded in the image history (docker history shows every RUN command), readable by anyone who can pull the image. Revoke it and pass it as a build secret: RUN --mount=type=secret,id={{id}} reading /run/secrets/{{id}}.',
      useSecretMount: 'Read {{what}} from the build secret {{id}} (RUN --mount=type=secret,id={{id}})',
    },
  },
  create(context) {
    /** Secret-named ARGs of the current stage declared without a default: their value comes from --build-arg. */
    let secretArgs = new Set<string>();
    return {
      Instruction(node: Instruction) {
        const keyword = context.lang.keywordOf(node);
        if (node instanceof From) secretArgs = new Set();
        else if (keyword === 'ARG') declareArgs(node, secretArgs);
        const shell = runShellText(node, context.lang, context.text);
        if (!shell || !(node instanceof Run)) return;
        const mounts = secretMounts(node);
        const exec = shell.text.trimStart().startsWith('[');
        const fixable = !exec && !PERSISTS.test(shell.text);
        const insertAt = shell.offset + (shell.text.length - shell.text.trimStart().length);
        const mountEdit = (id: string): TextEdit[] => (mounts.ids.has(id) ? [] : [{ range: [insertAt, insertAt], text: `--mount=type=secret,id=${id} ` }]);
        const singleQuoted = singleQuotedSpans(shell.text);
        const inSingleQuotes = (offset: number) => singleQuoted.some(([s, e]) => s < offset && offset < e);

        for (const [name, refs] of argReferences(shell.text, secretArgs, mounts.envs)) {
          const id = name.toLowerCase();
          const canFix = fixable && refs.every((r) => !r.modified && !inSingleQuotes(r.start));
          const suggest: FixDescriptor[] = canFix
            ? [{
                messageId: 'useSecretMount',
                data: { what: name, id },
                edits: [...mountEdit(id), ...refs.map((r) => ({ range: [shell.offset + r.start, shell.offset + r.end] as Range, text: `$(cat /run/secrets/${id})` }))],
              }]
            : [];
          const first = refs[0];
          context.report({
            range: [shell.offset + first.start, shell.offset + first.end],
            messageId: 'buildArg',
            data: { name, id },
            suggest,
            severity: 'warning',
          });
        }

        for (const hit of literalSecrets(shell)) {
          const range: Range = [shell.offset + hit.start, shell.offset + hit.end];
          const suggest: FixDescriptor[] =
            fixable && !inSingleQuotes(hit.start)
              ? [{ messageId: 'useSecretMount', data: { what: 'it', id: hit.id }, edits: [...mountEdit(hit.id), { range, text: `$(cat /run/secrets/${hit.id})` }] }]
              : [];
          context.report({ range, messageId: 'literal', data: { what: hit.what, id: hit.id }, suggest });
        }
      },
    };
  },
});

/**
 * Records the ARGs of an instruction: a secret-looking name without a default (or with an empty one) is
 * fed by --build-arg; a name given a default is not tracked (a literal secret default is
 * dockerfile/no-secret-in-env's, and a placeholder default says the value is not a real secret).
 */
function declareArgs(node: Instruction, secretArgs: Set<string>): void {
  for (const arg of node.getArguments()) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(=.*)?$/s.exec(arg.getValue());
    if (!m) continue;
    if ((m[2] ?? '=').length <= 1 && isSecretName(m[1], 'env')) secretArgs.add(m[1]);
    else secretArgs.delete(m[1]);
  }
}

/** The ids and `env=` targets of the RUN's `--mount=type=secret` flags. */
function secretMounts(node: Run): { ids: Set<string>; envs: Set<string> } {
  const ids = new Set<string>();
  const envs = new Set<string>();
  for (const flag of node.getFlags()) {
    const value = flag.getValue() ?? '';
    if (flag.getName().toLowerCase() !== 'mount' || !/(?:^|,)type=secret(?:,|$)/.test(value)) continue;
    const id = MOUNT_ID.exec(value)?.[1];
    const env = MOUNT_ENV.exec(value)?.[1];
    if (id) ids.add(id);
    if (env) envs.add(env);
  }
  return { ids, envs };
}

interface Reference {
  start: number;
  end: number;
  /** `${NAME:-x}` and other modified expansions, which a plain substitution would change. */
  modified: boolean;
}

/**
 * References to the secret build arguments in the shell text, by name, in order. A variable exposed by a
 * secret mount (`env=`) is not the ARG; neither is one the command assigns itself before using it
 * (`TOKEN=$(cat /run/secrets/t) && curl … $TOKEN`), unless the assignment just passes the ARG on.
 */
function argReferences(text: string, secretArgs: ReadonlySet<string>, mountEnvs: ReadonlySet<string>): Map<string, Reference[]> {
  const byName = new Map<string, Reference[]>();
  if (secretArgs.size === 0) return byName;
  const reassigned = new Map<string, number>();
  for (const m of text.matchAll(ASSIGNMENT)) {
    const name = m[1];
    if (!secretArgs.has(name) || reassigned.has(name)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + name.length + 4).replace(/^"/, '');
    if (after.startsWith(`$${name}`) || after.startsWith(`\${${name}}`)) continue;
    reassigned.set(name, m.index);
  }
  for (const m of text.matchAll(REFERENCE)) {
    const name = m[1] ?? m[3];
    if (!secretArgs.has(name) || mountEnvs.has(name)) continue;
    if (m.index > (reassigned.get(name) ?? Infinity)) continue;
    const refs = byName.get(name) ?? [];
    refs.push({ start: m.index, end: m.index + m[0].length, modified: (m[2] ?? '') !== '' });
    byName.set(name, refs);
  }
  return byName;
}

/**
 * Literal secrets in the shell text, through the secrets engine: provider-format tokens and private keys
 * anywhere, and random-looking values under a secret name — `NAME=value`, a credential header
 * (`Authorization: Bearer …`), `-u user:password`, a `--password`/`--token` flag. Earliest first, not overlapping.
 */
function literalSecrets(shell: ShellText): LiteralHit[] {
  const { text } = shell;
  const hits: LiteralHit[] = findProviderSecrets(text).map((m) => ({
    start: m.start,
    end: m.end,
    what: `${m.pattern.provider} ${m.pattern.kind}`,
    id: m.pattern.envVar.toLowerCase(),
  }));
  const named: Array<{ name: string; value: string; start: number }> = [];
  for (const m of text.matchAll(ASSIGNMENT)) {
    const start = m.index + m[0].length;
    ASSIGNED_VALUE.lastIndex = start;
    const value = ASSIGNED_VALUE.exec(text)![0];
    const quoted = /^["']/.test(value);
    named.push({ name: m[1], value: quoted ? value.slice(1, -1) : value, start: quoted ? start + 1 : start });
  }
  for (const m of text.matchAll(HEADER)) {
    const value = m[2].trimEnd();
    named.push({ name: m[1], value, start: m.index + m[0].length - m[2].length });
  }
  for (const m of text.matchAll(USER_PASSWORD)) named.push({ name: 'password', value: m[1], start: m.index + m[0].length - m[1].length });
  for (const a of findAssignments(text, 'env')) named.push({ name: a.name, value: a.value, start: a.range[0] });
  for (const n of named) {
    const key = n.name.slice(n.name.lastIndexOf(':') + 1);
    if (secretNameKind(key, 'env') === null) continue;
    const candidate = genericSecretCandidate(n.value);
    if (!candidate) continue;
    const start = n.start + candidate.start;
    const end = n.start + candidate.end;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const id = NPMRC_AUTH.test(n.name) ? 'npm_token' : envVarName(key).toLowerCase();
    hits.push({ start, end, what: `credential in ${key}`, id });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** `[open, close]` offsets of the single-quoted strings of the shell text (outside double quotes). */
function singleQuotedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') double = !double;
    else if (c === "'" && !double) {
      const close = text.indexOf("'", i + 1);
      if (close < 0) break;
      spans.push([i, close]);
      i = close;
    }
  }
  return spans;
}
