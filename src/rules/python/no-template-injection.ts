import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, argumentsOf, calleeLastName, calleeName, constantString, keywordArgument, pyQuote, replaceEdit } from './call-helpers';
import { flowOptions, mayCall, relatedLocations, severityOf } from './injection-flow';
import { pyString, stringParts } from './injection-strings';
import { nameOf } from './name-helpers';

/** Functions and classes that compile their argument as a template, with the keyword it can be passed as. */
const TEMPLATE_SINKS = new Map<string, string>([
  ['flask.render_template_string', 'source'],
  ['quart.render_template_string', 'source'],
  ['jinja2.Template', 'source'],
  ['jinja2.environment.Template', 'source'],
  ['jinja2.Environment.().from_string', 'source'],
  ['jinja2.environment.Environment.().from_string', 'source'],
  ['jinja2.Environment.().compile', 'source'],
  ['flask.Flask.().jinja_env.from_string', 'source'],
  ['django.template.Template', 'template_string'],
  ['django.template.base.Template', 'template_string'],
  ['django.template.Engine.().from_string', 'template_code'],
  ['django.template.engine.Engine.().from_string', 'template_code'],
  ['mako.template.Template', 'text'],
  ['tornado.template.Template', 'template_string'],
]);
/** `render_template_string` autoescapes the values passed as context, so the suggestion moves them there. */
const RENDER_STRING = new Set(['flask.render_template_string', 'quart.render_template_string']);
const ENVIRONMENTS = new Set(['jinja2.Environment', 'jinja2.environment.Environment', 'jinja2.sandbox.SandboxedEnvironment']);
const WEB_MODULES = new Set(['flask', 'quart', 'fastapi', 'starlette', 'django', 'aiohttp', 'sanic', 'tornado', 'bottle', 'pyramid', 'falcon', 'litestar']);
/** Template names that are HTML, and names of other kinds of output (SQL, configuration, code, text). */
const HTML_NAME = /\.(?:html?|xhtml|xml|svg)(?:\.j(?:inja)?2)?$/i;
const OTHER_NAME = /\.(?:sql|txt|md|ya?ml|json|py|sh|ini|cfg|conf|toml|tex|csv|j2|jinja2?|tf|hcl|rst|ts|js|go|rs|java|c|h)$/i;
const HTML_TAG = /<[a-zA-Z!/]/;
const CALLEE_NAMES = new Set(['render_template_string', 'Template', 'from_string', 'compile', 'Environment', 'SandboxedEnvironment']);
const PREFILTER = /jinja2|render_template_string|django|mako|tornado/;
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'source']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-template-injection',
  languages: ['python'],
  meta: {
    description: 'Templates must not be compiled from untrusted data, and Jinja2 environments that render HTML must autoescape',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1336', 'CWE-94', 'CWE-79'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      templateInjection:
        '{{fn}}() compiles a template from {{source}}. Template expressions in that value run on the server (server-side template injection): from a Jinja2 expression, `cycler.__init__.__globals__.os` reaches os.system.',
      noAutoescape:
        'This Jinja2 environment does not escape HTML{{how}}, and this file renders HTML templates with it. Any value with markup in it — request data, database content, model output — runs script in the page (cross-site scripting).',
      useContext: 'Pass the values as template variables, which render_template_string() escapes',
      enableAutoescape: 'Turn autoescaping on with {{replacement}}',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    const options: PythonFlowOptions = flowOptions(lang, { kinds: KINDS });
    let html: boolean | null = null;
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!mayCall(lang, call, CALLEE_NAMES)) return;
        const name = calleeName(lang, call) ?? djangoEngine(call);
        if (!name || !lang.liveBranch(call)) return;
        if (ENVIRONMENTS.has(name)) return checkEnvironment(call, name);
        const keyword = TEMPLATE_SINKS.get(name);
        if (keyword === undefined) return;
        const source = lang.argument(call, 0, keyword);
        if (!source) return;
        const taint = lang.taint(source, options);
        if (!taint) return;
        const range = lang.range(source);
        const fix = RENDER_STRING.has(name) ? moveToContext(call, source) : null;
        context.report({
          range,
          messageId: 'templateInjection',
          data: { fn: name.slice(name.lastIndexOf('.') + 1), source: taint.description },
          flow: relatedLocations(lang, taint, range),
          suggest: fix ? [fix] : [],
          severity: severityOf(taint),
        });
      },
    };

    /** `engines["django"].from_string(…)`, whose receiver the resolver cannot follow through the subscript. */
    function djangoEngine(call: SyntaxNode): string | null {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'from_string') return null;
      const object = fn.childForFieldName('object');
      const base = object?.type === 'subscript' ? object.childForFieldName('value') : null;
      const ref = base ? lang.resolve(base) : null;
      return ref?.module?.startsWith('django.template') && ref.path.join('.') === 'engines' ? 'django.template.Engine.().from_string' : null;
    }

    function checkEnvironment(call: SyntaxNode, name: string): void {
      const flag = keywordArgument(call, 'autoescape');
      const value = flag?.childForFieldName('value') ?? null;
      if (value && lang.constant(value)?.value !== false) return;
      if (!value && argumentsOf(call).some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat')) return;
      if (!rendersHtml()) return;
      const range = lang.range(value ?? call.childForFieldName('function')!);
      context.report({
        range,
        messageId: 'noAutoescape',
        data: { how: value ? ' (autoescape=False)' : ' (autoescaping is off unless you turn it on)' },
        suggest: autoescapeSuggestions(call, name, value),
        severity: 'warning',
      });
    }

    /**
     * Whether the file renders HTML: a template name or a template written in the file that is HTML, or a web
     * framework imported and no template name of another kind (SQL, YAML, text, code).
     */
    function rendersHtml(): boolean {
      if (html !== null) return html;
      let htmlNames = false;
      let otherNames = false;
      for (const c of lang.nodes.ofType(['call'])) {
        const method = calleeLastName(c);
        if (method === 'get_template' || method === 'select_template' || method === 'render_template') {
          const arg = lang.argument(c, 0);
          const names = arg?.type === 'list' ? arg.namedChildren.map((n) => constantString(lang, n)) : [constantString(lang, arg)];
          for (const n of names) {
            if (n && HTML_NAME.test(n)) htmlNames = true;
            else if (n && OTHER_NAME.test(n)) otherNames = true;
          }
        } else if (method === 'from_string' || method === 'Template') {
          const value = constantString(lang, lang.argument(c, 0));
          if (value !== null && HTML_TAG.test(value)) htmlNames = true;
        }
      }
      const web = lang.imports().some((i) => WEB_MODULES.has(i.module.split('.')[0]));
      html = htmlNames || (web && !otherNames);
      return html;
    }

    function autoescapeSuggestions(call: SyntaxNode, name: string, value: SyntaxNode | null): FixDescriptor[] {
      const out: FixDescriptor[] = [];
      const select = selectAutoescape(call, name);
      if (select) {
        const edit = value ? replaceEdit(value, select.call) : addArgumentEdit(text, call, `autoescape=${select.call}`);
        if (edit) out.push({ messageId: 'enableAutoescape', data: { replacement: `autoescape=${select.call}` }, edits: [...select.edits, edit] });
      }
      const edit = value ? replaceEdit(value, 'True') : addArgumentEdit(text, call, 'autoescape=True');
      if (edit) out.push({ messageId: 'enableAutoescape', data: { replacement: 'autoescape=True' }, edits: [edit] });
      return out;
    }

    /** How to call `select_autoescape` here: through the module (`jinja2.select_autoescape()`) or a from-import. */
    function selectAutoescape(call: SyntaxNode, name: string): { call: string; edits: TextEdit[] } | null {
      if (name === 'jinja2.sandbox.SandboxedEnvironment') return null;
      const fn = call.childForFieldName('function');
      if (fn?.type === 'attribute') {
        const module = fn.childForFieldName('object')!;
        const ref = lang.resolve(module);
        return ref?.module === 'jinja2' && ref.path.length === 0 && module.type === 'identifier' ? { call: `${module.text}.select_autoescape()`, edits: [] } : null;
      }
      for (const statement of lang.parsed.root.module.namedChildren) {
        if (statement?.type !== 'import_from_statement' || statement.childForFieldName('module_name')?.text !== 'jinja2') continue;
        const names = statement.childrenForFieldName('name').filter((n): n is SyntaxNode => !!n);
        if (names.some((n) => n.text === 'select_autoescape')) return { call: 'select_autoescape()', edits: [] };
        const last = names[names.length - 1];
        if (!last || /\bselect_autoescape\b/.test(text.replace(statement.text, ''))) return null;
        return { call: 'select_autoescape()', edits: [{ range: [last.endIndex, last.endIndex], text: ', select_autoescape' }] };
      }
      return null;
    }

    /**
     * `render_template_string(f"<h1>Hello {name}</h1>")` → `render_template_string("<h1>Hello {{ name }}</h1>", name=name)`:
     * the values become template variables, which are escaped, and the template text is constant.
     */
    function moveToContext(call: SyntaxNode, source: SyntaxNode): FixDescriptor | null {
      const parts = stringParts(lang, source);
      if (!parts || !parts.some((p) => 'expr' in p)) return null;
      const taken = new Set(argumentsOf(call).flatMap((a) => (a.type === 'keyword_argument' ? [a.childForFieldName('name')?.text ?? ''] : [])));
      const byText = new Map<string, string>();
      const added: string[] = [];
      let template = '';
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if ('text' in p) {
          template += p.text;
          continue;
        }
        const before = parts[i - 1];
        const after = parts[i + 1];
        if ((before && 'text' in before && before.text.endsWith('{')) || (after && 'text' in after && after.text.startsWith('}'))) return null;
        const src = lang.text(p.expr);
        let variable = byText.get(src);
        if (!variable) {
          variable = variableName(p.expr, taken);
          taken.add(variable);
          byText.set(src, variable);
          added.push(`${variable}=${src}`);
        }
        template += `{{ ${variable} }}`;
      }
      const edits: TextEdit[] = [replaceEdit(source, pyString(template, pyQuote(lang)))];
      const args = argumentsOf(call);
      const insertAt = args[args.length - 1].endIndex;
      edits.push({ range: [insertAt, insertAt], text: `, ${added.join(', ')}` });
      return { messageId: 'useContext', edits };
    }
  },
});

/** A template variable name for a value: its own name when it has one (`name`, `user.email` → `email`). */
function variableName(expr: SyntaxNode, taken: ReadonlySet<string>): string {
  let base = (nameOf(expr) ?? 'value').replace(/\W/g, '_');
  if (!/^[A-Za-z_]/.test(base) || PY_KEYWORDS.has(base)) base = `value_${base}`.replace(/(?<!_)_+$/, '');
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
  return name;
}
