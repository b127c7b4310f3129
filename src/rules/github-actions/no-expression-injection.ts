import { isMap, Scalar } from 'yaml';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, TextEdit } from '../../engine/types';
import { actionName, columnOf, entriesOf, ghaFiles, type GhaStep, type GhaString } from './model';

/** Contexts an outside contributor controls (issue, PR, comment, commit and branch text). */
const UNTRUSTED = new RegExp(
  [
    String.raw`github\.event\.(?:issue|pull_request|discussion)\.(?:title|body)`,
    String.raw`github\.event\.(?:comment|review|review_comment)\.body`,
    String.raw`github\.event\.pull_request\.head\.(?:ref|label|repo\.default_branch)`,
    String.raw`github\.event\.pages\.[\w*\[\]]+\.page_name`,
    String.raw`github\.event\.commits\.[\w*\[\]]+\.(?:message|author\.(?:email|name))`,
    String.raw`github\.event\.head_commit\.(?:message|author\.(?:email|name))`,
    String.raw`github\.event\.workflow_run\.(?:head_branch|display_title|head_commit\.(?:message|author\.(?:email|name)))`,
    String.raw`github\.head_ref`,
  ].map((p) => `(?:${p})`).join('|'),
);
// An expression never contains `${{`: stopping there keeps the scan from every unclosed `${{` to its neighbour (linear).
const EXPRESSION = /\$\{\{(?:[^$}]|\$(?!\{\{)|\}(?!\}))*\}\}/g;

export default defineRule({
  id: 'github-actions/no-expression-injection',
  languages: ['yaml'],
  meta: {
    description: 'Untrusted event data must not be expanded with ${{ }} inside run scripts or github-script code',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-78', 'CWE-94'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      injection:
        "'{{context}}' is pasted into the {{where}} before it runs; anyone who can open an issue, a pull request or a comment controls that text and can run commands with the job's token and secrets. Pass it through an environment variable instead.",
      moveToEnv: 'Move {{context}} to env.{{name}} and reference it quoted',
    },
  },
  create(context) {
    return {
      File() {
        for (const file of ghaFiles(context)) {
          for (const step of file.steps) checkStep(context, step, file.kind === 'action');
        }
      },
    };
  },
});

function checkStep(context: RuleContext, step: GhaStep, composite: boolean): void {
  if (step.run) {
    for (const hit of injections(context.text, step.run)) {
      const fix = shellFix(context.text, step, step.run, hit, composite);
      context.report({ range: hit.range, messageId: 'injection', data: { context: hit.context, where: 'shell script' }, ...(fix ? { suggest: [fix] } : {}) });
    }
  }
  const script = step.with.get('script');
  if (script && step.uses && actionName(step.uses.value) === 'actions/github-script') {
    for (const hit of injections(context.text, script)) {
      context.report({ range: hit.range, messageId: 'injection', data: { context: hit.context, where: 'github-script code' } });
    }
  }
}

interface Injection {
  range: readonly [number, number];
  expression: string;
  context: string;
}

/** `${{ … }}` expressions of a scalar's source that read an untrusted context. */
function injections(text: string, value: GhaString): Injection[] {
  const source = text.slice(value.range[0], value.range[1]);
  const found: Injection[] = [];
  for (const m of source.matchAll(EXPRESSION)) {
    const hit = UNTRUSTED.exec(m[0]);
    if (!hit) continue;
    const start = value.range[0] + m.index;
    found.push({ range: [start, start + m[0].length], expression: m[0], context: hit[0] });
  }
  return found;
}

/**
 * The suggestion for a `run:` script in bash/sh: add `NAME: ${{ … }}` to the step's `env:` (created
 * above `run:` when missing) and replace every copy of the expression by `"$NAME"` (`$NAME` inside an
 * already double-quoted shell string). Only for plain and block scalars, whose text can be edited in
 * place, and never inside single quotes, where `$NAME` would not expand.
 */
function shellFix(text: string, step: GhaStep, run: GhaString, hit: Injection, composite: boolean): FixDescriptor | undefined {
  const type = run.node.type;
  if (type !== Scalar.PLAIN && type !== Scalar.BLOCK_LITERAL && type !== Scalar.BLOCK_FOLDED) return undefined;
  if (!isPosixShell(step, composite)) return undefined;
  const envEntries = entriesOf(step.env?.value);
  let name = envName(hit.context);
  const existing = [...envEntries.values()].find((e) => e.valueRange && text.slice(e.valueRange[0], e.valueRange[1]) === hit.expression);
  const edits: TextEdit[] = [];
  if (existing) name = existing.key;
  else {
    while (envEntries.has(name)) name += '_';
    const envEdit = envInsertion(text, step, name, hit.expression);
    if (!envEdit) return undefined;
    edits.push(envEdit);
  }
  const source = text.slice(run.range[0], run.range[1]);
  for (let i = source.indexOf(hit.expression); i >= 0; i = source.indexOf(hit.expression, i + 1)) {
    const start = run.range[0] + i;
    const quoting = shellQuoting(text, start);
    if (quoting === 'single' || (type === Scalar.PLAIN && i === 0)) return undefined;
    edits.push({ range: [start, start + hit.expression.length], text: quoting === 'double' ? `\${${name}}` : `"$${name}"` });
  }
  return { messageId: 'moveToEnv', data: { context: hit.context, name }, edits };
}

function isPosixShell(step: GhaStep, composite: boolean): boolean {
  if (step.shell !== undefined) return /^(?:bash|sh)\b/.test(step.shell);
  if (composite) return false; // composite steps must name their shell
  return !step.job?.runsOnLabels.some((l) => /windows/i.test(l.value)) && !hasDefaultShell(step);
}

/** Whether the job sets `defaults.run.shell` (then the fix is not offered). */
function hasDefaultShell(step: GhaStep): boolean {
  const defaults = entriesOf(step.job?.entries.get('defaults')?.value).get('run');
  return entriesOf(defaults?.value).has('shell');
}

/** `ISSUE_TITLE` for `github.event.issue.title`, `HEAD_REF` for `github.head_ref`. */
function envName(contextPath: string): string {
  const parts = contextPath.split('.').filter((p) => !/^(?:github|event|\*)$/.test(p) && !/[[\]*]/.test(p));
  return parts.slice(-2).join('_').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** Adds `name: expression` to the step's block `env:`, or a new `env:` right before the `run:` key. */
function envInsertion(text: string, step: GhaStep, name: string, expression: string): TextEdit | undefined {
  const line = `${name}: ${expression}`;
  if (step.env) {
    const env = step.env.value;
    if (!isMap(env) || env.flow || env.items.length === 0) return undefined;
    const entries = [...entriesOf(env).values()];
    const last = entries[entries.length - 1];
    if (!last?.valueRange || entries.length !== env.items.length) return undefined;
    const indent = ' '.repeat(columnOf(text, entries[0].keyRange[0]));
    return { range: [last.valueRange[1], last.valueRange[1]], text: `\n${indent}${line}` };
  }
  const runKey = step.entries.get('run')!.keyRange[0];
  const indent = ' '.repeat(columnOf(text, runKey));
  return { range: [runKey, runKey], text: `env:\n${indent}  ${line}\n${indent}` };
}

/** Whether an offset sits inside a single- or double-quoted shell string on its line (a heuristic). */
function shellQuoting(text: string, offset: number): 'single' | 'double' | 'none' {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let state: 'single' | 'double' | 'none' = 'none';
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (state === 'none') {
      if (c === '\\') i++;
      else if (c === "'") state = 'single';
      else if (c === '"') state = 'double';
    } else if (state === 'double') {
      if (c === '\\') i++;
      else if (c === '"') state = 'none';
    } else if (c === "'") state = 'none';
  }
  return state;
}
