import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import type { TaintKind } from '../../languages/js/flow';
import { calleeLastName, calleeName, constantString, importEdits, keywordArgument, positionalArguments, removeArgumentEdit, pyQuote, replaceEdit, type PyQuote } from './call-helpers';
import { withCallsIntoModules } from './calls-into-modules';
import { flowOptions, mayCall, parameterReport, relatedLocations, severityOf, singleAssignment, unwrap, withCallerParameters } from './injection-flow';
import { MODULES } from '../shared/module-calls';
import { pyFString, pyString, stringParts, type Part } from './injection-strings';

/** subprocess functions that take a command (a list, or a string with `shell=True`). */
const SUBPROCESS_FUNCTIONS = new Set(['run', 'call', 'check_call', 'check_output', 'Popen']);
/** Functions that always hand their command to a shell, with the position of the command. */
const SHELL_FUNCTIONS = new Map<string, number>([
  ['os.system', 0],
  ['os.popen', 0],
  ['subprocess.getoutput', 0],
  ['subprocess.getstatusoutput', 0],
  ['commands.getoutput', 0],
  ['commands.getstatusoutput', 0],
  ['asyncio.create_subprocess_shell', 0],
]);
/** `os.exec*` / `os.spawn*`: whether the arguments come as a list (`v`) and where the program is. */
const OS_EXEC = /^os\.(?:(exec)(l|v)p?e?|(spawn)(l|v)p?e?|posix_spawnp?)$/;
const SHELLS = /^(?:.*\/)?(?:sh|bash|zsh|dash|ksh|fish|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/i;
const SHELL_FLAGS = new Set(['-c', '/c', '/C', '-Command', '-command']);
/** Characters that make a command line mean something only a shell understands. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?~{}[\]#!\n\r]/;
const CALLEE_NAMES = new Set([
  ...SUBPROCESS_FUNCTIONS, 'system', 'popen', 'getoutput', 'getstatusoutput', 'create_subprocess_shell', 'create_subprocess_exec',
  'subprocess_shell', 'spawn', 'exec_command', 'Command', 'bash', 'sh', 'zsh',
]);
const PREFILTER = /subprocess|\bos\b|commands|asyncio|pexpect|paramiko|\bsh\b|system|popen|exec|spawn/;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
/** Which program runs: a tool running the command its user typed (`sudo`, `xargs`, a daemon launcher) is doing its job. */
const PROGRAM_KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'tool']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-shell-injection',
  languages: ['python'],
  meta: {
    description: 'Shell commands must not be built from request data, command-line input, model output or tool arguments',
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
      shellInjectionParam:
        'The shell command run by {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, shell syntax in it (`;`, `|`, `$( )`) runs any command that user chooses.',
      shellInjection:
        'The shell command run by {{fn}}() is built from {{source}}. Shell syntax in that value (`;`, `|`, `$( )`) runs any command the sender chooses.',
      programInjection:
        'The program run by {{fn}}() is chosen by {{source}}. The sender picks any executable on this machine and its arguments.',
      useArgv: 'Run the program with an argument list, without a shell',
      useQuote: 'Quote the untrusted values with shlex.quote()',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    const options: PythonFlowOptions = flowOptions(lang, { kinds: withCallerParameters(context.file, KINDS), passThrough: true, sanitizers: new Set(['shell']) });
    const programOptions: PythonFlowOptions = flowOptions(lang, { kinds: PROGRAM_KINDS, sanitizers: new Set(['shell']) });
    const importsParamiko = /\bparamiko\b/.test(text);
    return withCallsIntoModules(context, {
      call(node) {
        const call = node as SyntaxNode;
        if (!mayCall(lang, call, CALLEE_NAMES) && !/^(?:exec|spawn|posix_spawn)/.test(calleeLastName(call) ?? '')) return;
        const sink = sinkOf(call);
        if (!sink || !lang.liveBranch(call)) return;
        const taint = lang.taint(sink.node, sink.kind === 'shell' ? options : programOptions);
        if (!taint) return;
        report(call, sink, taint);
      },
    });

    function report(call: SyntaxNode, sink: Sink, taint: PythonTaint): void {
      const range = lang.range(sink.node);
      const suggest = sink.kind === 'shell' && sink.node.equals(sink.command) ? suggestions(call, sink) : [];
      context.report({
        range,
        messageId: sink.kind === 'shell' ? (taint.kind === 'param' ? 'shellInjectionParam' : 'shellInjection') : 'programInjection',
        data: { fn: sink.fn, source: taint.description },
        flow: relatedLocations(lang, taint, range),
        suggest,
        severity: severityOf(taint),
        ...parameterReport(taint),
      });
    }

    /** What a call runs through a shell or as a program, or null when it is no command sink. */
    function sinkOf(call: SyntaxNode): Sink | null {
      const name = calleeName(lang, call);
      if (!name) return paramikoSink(call);
      const position = SHELL_FUNCTIONS.get(name);
      if (position !== undefined) {
        const command = lang.argument(call, position, 'cmd') ?? lang.argument(call, position, 'command');
        return command ? { kind: 'shell', node: command, command, fn: name } : null;
      }
      const [module, ...rest] = name.split('.');
      const last = rest[rest.length - 1];
      if (module === 'subprocess' && rest.length === 1 && SUBPROCESS_FUNCTIONS.has(last)) return subprocessSink(call, name);
      if (module === 'asyncio' && last === 'subprocess_shell') {
        const command = lang.argument(call, 1, 'cmd');
        return command ? { kind: 'shell', node: command, command, fn: name } : null;
      }
      if (name === 'asyncio.create_subprocess_exec') return argvSink(positionalArguments(call), name, null);
      const exec = OS_EXEC.exec(name);
      if (exec) return osExecSink(call, name, exec);
      if (module === 'pexpect' && (name === 'pexpect.spawn' || name === 'pexpect.run' || name === 'pexpect.popen_spawn.PopenSpawn')) return pexpectSink(call, name);
      if (module === 'sh') return shSink(call, name);
      return paramikoSink(call);
    }

    /** `client.exec_command(cmd)` on a paramiko client, constructed here or not (a parameter, `self.ssh`, another module). */
    function paramikoSink(call: SyntaxNode): Sink | null {
      if (calleeLastName(call) !== 'exec_command' || call.childForFieldName('function')?.type !== 'attribute') return null;
      if (!importsParamiko && lang.callee(call)?.module !== 'paramiko') return null;
      const command = lang.argument(call, 0, 'command');
      return command ? { kind: 'shell', node: command, command, fn: 'exec_command' } : null;
    }

    function subprocessSink(call: SyntaxNode, name: string): Sink | null {
      const command = lang.argument(call, 0, 'args');
      if (!command) return null;
      const shell = keywordArgument(call, 'shell')?.childForFieldName('value');
      const viaShell = !!shell && !!lang.constant(shell)?.value;
      const c = unwrap(command);
      if (viaShell) {
        // With a list and shell=True, the first item is the script and the others are the shell's $0, $1…
        const script = c.type === 'list' || c.type === 'tuple' ? elements(c)[0] : command;
        return script ? { kind: 'shell', node: script, command, fn: name } : null;
      }
      return programSink(command, name);
    }

    /** Without a shell: the program a command list (or string, which is then the program's path) names. */
    function programSink(command: SyntaxNode, fn: string): Sink | null {
      let value = unwrap(command);
      for (let i = 0; i < 3 && value.type === 'identifier'; i++) {
        const bound = singleAssignment(lang, value) ?? listOrigin(value);
        if (!bound) break;
        value = unwrap(bound);
      }
      if (value.type === 'list' || value.type === 'tuple') return argvSink(elements(value), fn, command);
      if (value.type === 'binary_operator' && value.childForFieldName('operator')?.text === '+') {
        const left = unwrap(value.childForFieldName('left')!);
        if (left.type === 'list' || left.type === 'tuple') return argvSink(elements(left), fn, command);
        return null;
      }
      const split = splitSource(value);
      if (split) return firstWordSink(split, fn, command);
      if (value.type === 'call' || value.type === 'binary_operator' || value.type === 'string' || value.type === 'concatenated_string') {
        // A string built from parts: its program is its first word.
        return stringParts(lang, value) ? firstWordSink(value, fn, command) : null;
      }
      return { kind: 'program', node: command, command, fn };
    }

    /** `cmd = ["git", "log"]` extended later (`cmd += [x]`, `cmd.append(x)`): the list it starts as. */
    function listOrigin(id: SyntaxNode): SyntaxNode | null {
      const sites = lang.scopes.lookupNode(id)?.sites ?? [];
      const first = sites[0];
      if (!first || first.kind !== 'assign' || first.unpack.length > 0 || !first.value || !/^(?:list|tuple)$/.test(unwrap(first.value).type)) return null;
      return sites.slice(1).every((s) => s.kind === 'augassign') ? first.value : null;
    }

    /** `shlex.split(s)`, `s.split()`: the string split into the argument list. */
    function splitSource(value: SyntaxNode): SyntaxNode | null {
      if (value.type !== 'call') return null;
      const fn = value.childForFieldName('function');
      if (calleeName(lang, value) === 'shlex.split') return lang.argument(value, 0, 's');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'split' && !lang.argument(value, 0, 'sep')) return fn.childForFieldName('object');
      return null;
    }

    /** The program of a command string split into words: reported when its first word is not constant. */
    function firstWordSink(command: SyntaxNode, fn: string, reported: SyntaxNode): Sink | null {
      const parts = stringParts(lang, command);
      if (!parts) return { kind: 'program', node: reported, command: reported, fn };
      const first = parts[0];
      if (first && 'text' in first && /^\s*\S+\s/.test(first.text)) {
        const [program, flag] = first.text.trim().split(/\s+/);
        // `bash -c '…'`: whatever follows runs in the shell.
        return SHELLS.test(program) && SHELL_FLAGS.has(flag ?? '') ? { kind: 'shell', node: reported, command: reported, fn } : null;
      }
      if (first && 'text' in first && parts.length === 1) return null;
      return { kind: 'program', node: reported, command: reported, fn };
    }

    /** An argument list: a shell with `-c` runs the next item; otherwise the first item is the program. */
    function argvSink(args: SyntaxNode[], fn: string, command: SyntaxNode | null): Sink | null {
      const program = args[0];
      if (!program) return null;
      const name = constantString(lang, program);
      if (name === null) return { kind: 'program', node: program, command: command ?? program, fn };
      if (!SHELLS.test(name)) return null;
      const flag = args.findIndex((a, i) => i > 0 && SHELL_FLAGS.has(constantString(lang, a) ?? ''));
      const script = flag > 0 ? args[flag + 1] : undefined;
      return script ? { kind: 'shell', node: script, command: command ?? script, fn } : null;
    }

    /** `os.execlp("sh", "sh", "-c", cmd)`, `os.execv(path, [path, "-c", cmd])`, `os.spawnlp(mode, "bash", …)`. */
    function osExecSink(call: SyntaxNode, name: string, match: RegExpExecArray): Sink | null {
      const args = positionalArguments(call);
      const spawn = match[3] === 'spawn';
      // `posix_spawn(path, argv, env)` takes a list like the `v` variants.
      const listForm = match[2] === 'v' || match[4] === 'v' || (!match[1] && !match[3]);
      const program = args[spawn ? 1 : 0];
      if (!program) return null;
      const rest = listForm ? (args[spawn ? 2 : 1] && /^(?:list|tuple)$/.test(unwrap(args[spawn ? 2 : 1]).type) ? elements(unwrap(args[spawn ? 2 : 1])) : []) : args.slice(spawn ? 2 : 1);
      const programName = constantString(lang, program);
      if (programName === null) return { kind: 'program', node: program, command: program, fn: name };
      if (!SHELLS.test(programName)) return null;
      const flag = rest.findIndex((a) => SHELL_FLAGS.has(constantString(lang, a) ?? ''));
      const script = flag >= 0 ? rest[flag + 1] : undefined;
      return script ? { kind: 'shell', node: script, command: script, fn: name } : null;
    }

    /** pexpect splits its command on white space and runs no shell, unless the program is one (`bash -c …`). */
    function pexpectSink(call: SyntaxNode, name: string): Sink | null {
      const command = lang.argument(call, 0, 'command') ?? lang.argument(call, 0, 'cmd');
      if (!command) return null;
      const args = lang.argument(call, 1, 'args');
      if (args && /^(?:list|tuple)$/.test(unwrap(args).type)) return argvSink([command, ...elements(unwrap(args))], name, command);
      return firstWordSink(command, name, command);
    }

    /** The sh library runs no shell: `sh.Command(program)` and `sh.bash("-c", script)`. */
    function shSink(call: SyntaxNode, name: string): Sink | null {
      const fn = name.slice('sh.'.length);
      if (fn === 'Command') {
        const program = lang.argument(call, 0, 'path');
        return program && constantString(lang, program) === null ? { kind: 'program', node: program, command: program, fn: name } : null;
      }
      if (!SHELLS.test(fn)) return null;
      const args = positionalArguments(call);
      const flag = args.findIndex((a) => SHELL_FLAGS.has(constantString(lang, a) ?? ''));
      const script = flag >= 0 ? args[flag + 1] : undefined;
      return script ? { kind: 'shell', node: script, command: script, fn: name } : null;
    }

    /** The argument-list rewrite when the command is a plain program with arguments, else `shlex.quote`. */
    function suggestions(call: SyntaxNode, sink: Sink): FixDescriptor[] {
      const argv = toArgv(sink.command);
      if (argv) {
        const edits = argvEdits(call, sink, argv);
        if (edits) return [{ messageId: 'useArgv', edits }];
      }
      const quoted = quoteEdits(sink.command);
      return quoted ? [{ messageId: 'useQuote', edits: quoted }] : [];
    }

    function argvEdits(call: SyntaxNode, sink: Sink, argv: string): TextEdit[] | null {
      const fn = call.childForFieldName('function')!;
      if (sink.fn.startsWith('subprocess.') && SUBPROCESS_FUNCTIONS.has(sink.fn.slice('subprocess.'.length))) {
        const shell = keywordArgument(call, 'shell');
        return shell ? [replaceEdit(sink.command, argv), removeArgumentEdit(text, shell)] : null;
      }
      if (sink.fn === 'os.system' && positionalArguments(call).length === 1) {
        // os.system returns the exit status; subprocess.call returns the exit code, without a shell.
        const imports = importEdits(lang, text, 'subprocess');
        return imports ? [...imports, replaceEdit(fn, 'subprocess.call'), replaceEdit(sink.command, argv)] : null;
      }
      if (sink.fn === 'asyncio.create_subprocess_shell' && fn.type === 'attribute') {
        // create_subprocess_exec takes the program and its arguments as separate arguments.
        return [replaceEdit(fn.childForFieldName('attribute')!, 'create_subprocess_exec'), replaceEdit(sink.command, argv.slice(1, -1))];
      }
      return null;
    }

    /** `f"ls {path}"` → `["ls", path]`; null when the command needs a shell (pipes, quotes, globbing…). */
    function toArgv(command: SyntaxNode): string | null {
      const parts = stringParts(lang, command);
      if (!parts || !parts.some((p) => 'expr' in p)) return null;
      const words: Part[][] = [[]];
      for (const part of parts) {
        if ('expr' in part) {
          words[words.length - 1].push(part);
          continue;
        }
        part.text.split(/[ \t]+/).forEach((piece, i) => {
          if (i > 0 && words[words.length - 1].length > 0) words.push([]);
          if (piece) words[words.length - 1].push({ text: piece });
        });
      }
      const nonEmpty = words.filter((w) => w.length > 0).map(unquote);
      if (nonEmpty.length === 0 || nonEmpty.some((w) => w === null)) return null;
      const [program, ...rest] = nonEmpty as Part[][];
      if (program.length !== 1 || !('text' in program[0])) return null;
      const quote = pyQuote(lang);
      const rendered: string[] = [pyString(program[0].text, quote)];
      for (const word of rest) {
        const r = renderWord(word, quote);
        if (r === null) return null;
        rendered.push(r);
      }
      return `[${rendered.join(', ')}]`;
    }

    function renderWord(word: Part[], quote: PyQuote): string | null {
      if (word.length === 1) {
        const p = word[0];
        return 'text' in p ? pyString(p.text, quote) : lang.text(p.expr);
      }
      return pyFString(word, (n) => lang.text(n), quote);
    }

    /** Each untrusted value outside quotes wrapped in `shlex.quote(…)`, with `import shlex` when missing. */
    function quoteEdits(command: SyntaxNode): TextEdit[] | null {
      const parts = stringParts(lang, command);
      if (!parts) return null;
      const edits: TextEdit[] = [];
      let inQuote: string | null = null;
      for (const part of parts) {
        if ('text' in part) {
          for (const ch of part.text) {
            if (inQuote === null && (ch === '"' || ch === "'")) inQuote = ch;
            else if (inQuote === ch) inQuote = null;
          }
          continue;
        }
        if (!lang.taint(part.expr, options)) continue;
        // Quoting inside quotes would put the quotes into the value.
        if (inQuote !== null) return null;
        edits.push(replaceEdit(part.expr, `shlex.quote(${lang.text(part.expr)})`));
      }
      if (edits.length === 0) return null;
      const imports = importEdits(lang, text, 'shlex');
      return imports ? [...imports, ...edits] : null;
    }
  },
});

interface Sink {
  /** `shell`: the node is run by a shell; `program`: it names the program to run. */
  kind: 'shell' | 'program';
  /** The reported value. */
  node: SyntaxNode;
  /** The whole command argument, which the suggestions rewrite. */
  command: SyntaxNode;
  fn: string;
}

function elements(list: SyntaxNode): SyntaxNode[] {
  const items = list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  const splat = items.findIndex((i) => i.type === 'list_splat');
  return splat >= 0 ? items.slice(0, splat) : items;
}

/** Drops quotes that wrap a single value (`"{x}"`); rejects any other shell syntax. */
function unquote(word: Part[]): Part[] | null {
  if (word.length === 3 && 'text' in word[0] && 'expr' in word[1] && 'text' in word[2]) {
    const [open, , close] = word as [{ text: string }, Part, { text: string }];
    if ((open.text === '"' || open.text === "'") && close.text === open.text) return [word[1]];
  }
  return word.every((p) => !('text' in p) || !SHELL_SYNTAX.test(p.text)) ? word : null;
}
