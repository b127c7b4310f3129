import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { constantString, isTrue, keywordArgument, removeArgumentEdit, type PythonRef } from './call-helpers';

/** Hosts that make the server listen on every network interface. */
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-flask-debug',
  languages: ['python'],
  meta: {
    description: 'Flask must not run with the debugger on, least of all on every network interface',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-489', 'CWE-94'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      debugExposed:
        '`debug=True` with `host={{host}}` serves the Werkzeug debugger to the whole network: anyone who reaches the port (or gets its PIN) can run Python code on this machine from the error page.',
      debugMode:
        '`{{what}}` turns on the Werkzeug debugger, which runs Python code typed into an error page, and shows stack traces and settings to whoever triggers an error. Keep it to local development, off by default (for example `flask run --debug`).',
      removeDebug: 'Remove `debug=True`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!text.includes('debug') && !text.includes('DEBUG')) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        const callee = call.childForFieldName('function');
        if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'run') return;
        const app = lang.resolve(callee.childForFieldName('object')!);
        if (!isFlaskApp(app) || !lang.liveBranch(call)) return;
        const debug = keywordArgument(call, 'debug');
        const value = debug?.childForFieldName('value');
        if (!debug || !value || !isTrue(lang, value)) return;
        const hostNode = lang.argument(call, isSocketIo(app) ? 1 : 0, 'host');
        const host = constantString(lang, hostNode);
        const fix: FixDescriptor | undefined = value.type === 'true' ? { messageId: 'removeDebug', edits: [removeArgumentEdit(text, debug)] } : undefined;
        if (host !== null && ALL_INTERFACES.has(host)) {
          context.report({ range: lang.range(debug), messageId: 'debugExposed', data: { host: lang.text(hostNode!) }, fix });
        } else {
          context.report({ range: lang.range(debug), messageId: 'debugMode', data: { what: debug.text }, fix, severity: 'warning' });
        }
      },
      assignment(node) {
        const assign = node as SyntaxNode;
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        const app = left && appOfSetting(left);
        if (!app || !right || !isTrue(lang, right) || !isFlaskApp(lang.resolve(app)) || !lang.liveBranch(assign)) return;
        context.report({ range: lang.range(assign), messageId: 'debugMode', data: { what: lang.text(left) + ' = True' }, severity: 'warning' });
      },
    };

    /** The app of `app.debug = …` or `app.config['DEBUG'] = …`, or null. */
    function appOfSetting(left: SyntaxNode): SyntaxNode | null {
      if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'debug') return left.childForFieldName('object');
      if (left.type !== 'subscript' || constantString(lang, left.childForFieldName('subscript')) !== 'DEBUG') return null;
      const config = left.childForFieldName('value');
      if (config?.type !== 'attribute' || config.childForFieldName('attribute')?.text !== 'config') return null;
      return config.childForFieldName('object');
    }
  },
});

/**
 * A Flask (or Quart) application, a Flask-SocketIO server, or what an application factory returns
 * (`app = create_app()`, the convention of Flask's tutorial, wherever it is imported from).
 */
function isFlaskApp(ref: PythonRef | null): boolean {
  if (!ref?.module) return false;
  const { module, path } = ref;
  if ((module === 'flask' && path[0] === 'Flask') || (module === 'quart' && path[0] === 'Quart')) return path[1] === '()' && path.length === 2;
  if (isSocketIo(ref)) return true;
  return path.length >= 2 && path[path.length - 2] === 'create_app' && path[path.length - 1] === '()';
}

/** `socketio = SocketIO(app)`: its `run(app, host=…, debug=…)` takes the app first. */
function isSocketIo(ref: PythonRef | null): boolean {
  return ref?.module === 'flask_socketio' && ref.path[0] === 'SocketIO' && ref.path[1] === '()' && ref.path.length === 2;
}
