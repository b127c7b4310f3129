import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeName, referenceName, type PythonRef } from './call-helpers';

const DJANGO_EXEMPT = 'django.views.decorators.csrf.csrf_exempt';
const METHOD_DECORATOR = 'django.utils.decorators.method_decorator';

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-csrf-exempt',
  languages: ['python'],
  meta: {
    description: 'Views must not be exempted from CSRF protection',
    severity: 'warning',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-352'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      csrfExempt:
        '{{how}} turns off CSRF protection for {{view}}: any website a signed-in user visits can send it requests that carry the user\'s cookies. Keep the protection, or, for calls from other servers (webhooks), authenticate them another way such as a signature check.',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!text.includes('exempt')) return {};
    return {
      decorated_definition(node) {
        const holder = node as SyntaxNode;
        const def = holder.childForFieldName('definition');
        // Resolve decorators only when one of them spells `exempt`: most are @app.route, @property, @pytest.fixture.
        if (!def || !holder.namedChildren.some((c) => c?.type === 'decorator' && lang.text(c).includes('exempt'))) return;
        const view = def.childForFieldName('name')?.text ?? 'this view';
        for (const decorator of lang.decorators(def)) {
          const how = exemption(decorator.node, decorator.ref, decorator.call);
          if (how && lang.liveBranch(holder)) context.report({ range: lang.range(decorator.node), messageId: 'csrfExempt', data: { how, view: `\`${view}\`` } });
        }
      },
      call(node) {
        // path('hook/', csrf_exempt(views.hook)) in a URLconf; csrf.exempt(blueprint) in Flask-WTF.
        const call = node as SyntaxNode;
        if (call.parent?.type === 'decorator') return;
        const callee = call.childForFieldName('function');
        if (!callee || !lang.text(callee).includes('exempt')) return;
        const name = calleeName(lang, call);
        if (!name || !(name === DJANGO_EXEMPT || isFlaskWtfExempt(lang.callee(call))) || !lang.liveBranch(call)) return;
        const target = argumentsOf(call)[0];
        const view = target ? `\`${lang.text(target)}\`` : 'this view';
        context.report({ range: lang.range(call), messageId: 'csrfExempt', data: { how: `\`${lang.text(call.childForFieldName('function')!)}\``, view } });
      },
    };

    /** How a decorator exempts its view, or null: `@csrf_exempt`, `@method_decorator(csrf_exempt, …)`, `@csrf.exempt`. */
    function exemption(decorator: SyntaxNode, ref: PythonRef | null, call: SyntaxNode | null): string | null {
      const name = ref?.module ? [ref.module, ...ref.path].join('.') : null;
      if (name === DJANGO_EXEMPT || isFlaskWtfExempt(ref)) return `\`${lang.text(decorator).trim()}\``;
      if (name === METHOD_DECORATOR && call && referenceName(lang, lang.argument(call, 0, 'decorator')) === DJANGO_EXEMPT) {
        return '`@method_decorator(csrf_exempt)`';
      }
      return null;
    }
  },
});

/** Flask-WTF's `csrf = CSRFProtect(app)` then `@csrf.exempt`. */
function isFlaskWtfExempt(ref: PythonRef | null): boolean {
  if (!ref?.module?.startsWith('flask_wtf')) return false;
  const path = ref.path;
  return path.length >= 3 && path[path.length - 1] === 'exempt' && path[path.length - 2] === '()' && path[path.length - 3] === 'CSRFProtect';
}
