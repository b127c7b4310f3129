import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { MODULES, parameterReport, withCallsIntoModules } from './calls-into-modules';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import { toArgv } from '../../languages/js/command';
import { quoteStyle } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { CALLER_PARAMETERS, flowLocations } from '../shared/flow-report';

/** child_process functions that always run their command through a shell. */
const SHELL_FUNCTIONS: Record<string, string> = { exec: 'execFile', execSync: 'execFileSync' };
/** child_process functions that run a shell only with `shell: true`, or when the program is a shell. */
const SPAWN_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);
const SINK_NAMES = new Set([...Object.keys(SHELL_FUNCTIONS), ...SPAWN_FUNCTIONS]);
const SHELLS = /^(?:.*\/)?(sh|bash|zsh|dash|ksh|fish|cmd(\.exe)?|powershell(\.exe)?|pwsh)$/i;
const SHELL_FLAGS = new Set(['-c', '/c', '/C', '-Command', '-command']);
/**
 * execa runs a shell only with `shell: true`; `execaCommand` splits its string on spaces and `$` passes
 * template values as single arguments, so neither is shell injection without that option.
 */
const EXECA_FUNCTIONS = new Set(['execa', 'execaSync', 'execaCommand', 'execaCommandSync', 'execaNode']);
const OTHER_MODULES = /shelljs|execa/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-shell-injection',
  languages: ['js'],
  meta: {
    description: 'Shell commands must not be built from request data, command-line input or model output',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-78'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which builds it into a shell command (line {{line}}). Shell syntax in that value (`;`, `|`, `$( )`) runs any command the sender chooses.',
      shellInjection:
        'The shell command run by {{fn}}() is built from {{source}}. Shell syntax in that value (`;`, `|`, `$( )`) runs any command the sender chooses.',
      shellInjectionParam:
        'The shell command run by {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, shell syntax in it (`;`, `|`, `$( )`) runs any command that user chooses.',
      untrustedSource: 'Untrusted data enters here',
      useExecFile: 'Run the program with {{replacement}}() and an argument array, without a shell',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    // Every sink comes from child_process; a file that never names it has nothing to check.
    if (!text.includes('child_process') && !OTHER_MODULES.test(text)) return withCallsIntoModules(context, {});
    let aliases: Set<string> | null = null;
    // Cheap name check before resolution: a sink's name, or a module-level alias of one (`run = promisify(exec)`).
    const mayBeSink = (callee: JsNode): boolean => {
      if (callee.type !== 'Identifier') return SINK_NAMES.has(propertyName(callee) ?? '') || EXECA_FUNCTIONS.has(propertyName(callee) ?? '');
      aliases ??= childProcessAliases(lang);
      return SINK_NAMES.has(callee.name) || EXECA_FUNCTIONS.has(callee.name) || aliases.has(callee.name);
    };
    return withCallsIntoModules(context, {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        if (!mayBeSink(unwrap(call.callee as JsNode))) return;
        const ref = lang.resolve(call.callee as JsNode);
        if (!ref || ref.path.length !== 1) return;
        const fn = ref.path[0];
        const command = commandOf(ref.module, fn, call);
        if (!command) return;
        const source = lang.taint(command, CALLER_PARAMETERS);
        if (!source) return;
        const replacement = ref.module === 'child_process' ? SHELL_FUNCTIONS[fn] : undefined;
        const suggestion = replacement && !ref.promisified ? useExecFile(call, command, replacement, lang, text) : null;
        context.report({
          range: [command.start!, command.end!],
          messageId: source.kind === 'param' ? 'shellInjectionParam' : 'shellInjection',
          ...parameterReport(lang, source),
          data: { fn, source: source.description },
          flow: flowLocations(source, lang),
          suggest: suggestion ? [suggestion] : [],
        });
      },
    });
  },
});

/** Module-level names bound to something from child_process. */
function childProcessAliases(lang: JsHelpers): Set<string> {
  const program = lang.parsed.root.program as JsNode;
  const names = new Set<string>();
  for (const [name, binding] of lang.scopes.info(program).bindings) {
    if (lang.resolver.resolve(binding.id, [program])?.module === 'child_process') names.add(name);
  }
  return names;
}

/** The argument a shell interprets for child_process, shelljs and execa calls, else null. */
function commandOf(module: string | null, fn: string, call: t.CallExpression): JsNode | null {
  const first = call.arguments[0] as JsNode | undefined;
  if (!first || first.type === 'SpreadElement') return null;
  if (module === 'child_process') return commandArgument(fn, call);
  // shelljs.exec always runs its string through the shell.
  if (module === 'shelljs') return fn === 'exec' ? first : null;
  if (module !== 'execa' || !EXECA_FUNCTIONS.has(fn)) return null;
  const options = call.arguments.find((a) => unwrap(a as JsNode).type === 'ObjectExpression');
  return options && hasShellOption(unwrap(options as JsNode) as t.ObjectExpression) ? first : null;
}

/** The argument that a shell interprets, or null when this call does not go through a shell. */
function commandArgument(fn: string, call: t.CallExpression): JsNode | null {
  const [first, second] = call.arguments as JsNode[];
  if (!first || first.type === 'SpreadElement') return null;
  if (fn in SHELL_FUNCTIONS) return first;
  if (!SPAWN_FUNCTIONS.has(fn)) return null;
  const args = second && unwrap(second).type === 'ArrayExpression' ? (unwrap(second) as t.ArrayExpression) : null;
  const program = staticValue(first);
  if (args && program.known && typeof program.value === 'string' && SHELLS.test(program.value)) {
    const i = args.elements.findIndex((e) => {
      const v = staticValue(e as JsNode);
      return v.known && typeof v.value === 'string' && SHELL_FLAGS.has(v.value);
    });
    const script = i >= 0 ? args.elements[i + 1] : null;
    return script && script.type !== 'SpreadElement' ? (script as JsNode) : null;
  }
  const options = call.arguments.find((a) => unwrap(a as JsNode).type === 'ObjectExpression');
  if (options && hasShellOption(unwrap(options as JsNode) as t.ObjectExpression)) return first;
  return null;
}

function hasShellOption(options: t.ObjectExpression): boolean {
  return options.properties.some((p) => {
    if (p.type !== 'ObjectProperty' || propertyName(p) !== 'shell') return false;
    const v = staticValue(p.value as JsNode);
    return v.known && !!v.value;
  });
}

/**
 * `exec(`git log ${b}`)` -> `execFile('git', ['log', b])`, renaming the callee and, for a named import or
 * destructured require, adding the new name next to the old one.
 */
function useExecFile(
  call: t.CallExpression & JsNode,
  command: JsNode,
  replacement: string,
  lang: JsHelpers,
  text: string,
): FixDescriptor | null {
  const argv = toArgv(command, text, quoteStyle(lang.parsed));
  if (!argv) return null;
  const edits: TextEdit[] = [{ range: [command.start!, command.end!], text: `${argv.file}, ${argv.args}` }];
  const callee = unwrap(call.callee as JsNode);
  if (callee.type === 'MemberExpression' && !callee.computed) {
    edits.push({ range: [callee.property.start!, callee.property.end!], text: replacement });
  } else if (callee.type === 'Identifier') {
    const local = importedName(callee, replacement, lang, edits);
    if (!local) return null;
    edits.push({ range: [callee.start!, callee.end!], text: local });
  } else {
    return null;
  }
  return { messageId: 'useExecFile', data: { replacement }, edits };
}

/** The local name for child_process[replacement], adding it to the import if needed; null if impossible. */
function importedName(callee: t.Identifier & JsNode, replacement: string, lang: JsHelpers, edits: TextEdit[]): string | null {
  const chain = lang.scopes.chainOf(callee);
  const existing = lang.scopes.lookup(replacement, chain);
  if (existing) {
    const ref = lang.resolver.resolve(existing.binding.id, chain);
    return ref?.module === 'child_process' && ref.path.join('.') === replacement ? replacement : null;
  }
  const found = lang.scopes.lookup(callee.name, chain);
  const specifier = found?.binding.id.parent;
  if (!specifier || (specifier.type !== 'ImportSpecifier' && specifier.type !== 'ObjectProperty')) return null;
  edits.push({ range: [specifier.end!, specifier.end!], text: `, ${replacement}` });
  return replacement;
}
