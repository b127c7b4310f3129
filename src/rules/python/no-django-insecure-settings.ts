import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { constantStrings, isFalse, isTrue, replaceEdit } from './call-helpers';

/** Cookie settings whose `False` sends the session or CSRF cookie over HTTP or lets scripts read it. */
const COOKIE_SETTINGS: Readonly<Record<string, string>> = {
  SESSION_COOKIE_SECURE: 'cookieNotSecure',
  CSRF_COOKIE_SECURE: 'cookieNotSecure',
  SESSION_COOKIE_HTTPONLY: 'sessionCookieScriptable',
};
/** Settings that only a Django settings module defines. */
const DJANGO_MARKERS = new Set(['INSTALLED_APPS', 'ROOT_URLCONF', 'MIDDLEWARE', 'WSGI_APPLICATION', 'ASGI_APPLICATION', 'DATABASES']);
/** Statements whose blocks still run at module level. */
const MODULE_BLOCKS = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-django-insecure-settings',
  languages: ['python'],
  meta: {
    description: 'Django settings must not combine DEBUG with any host, or send session and CSRF cookies insecurely',
    severity: 'error',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-489', 'CWE-614', 'CWE-1004'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      debugAnyHost:
        '`DEBUG = True` with `ALLOWED_HOSTS` accepting any host is a development setup reachable under any name: every error page shows settings, environment variables, SQL queries and source code to whoever triggers it.',
      cookieNotSecure:
        '`{{name}} = False` lets the browser send this cookie over plain HTTP, where anyone on the network can read it and take over the session.',
      sessionCookieScriptable:
        '`SESSION_COOKIE_HTTPONLY = False` lets any script on the page read the session cookie, so a single XSS bug hands the session to an attacker.',
      turnOffDebug: 'Set `DEBUG = False`',
      setTrue: 'Set `{{name}} = True`',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text, file } = context;
    if (!/DEBUG|_COOKIE_/.test(text)) return {};
    return {
      module(node) {
        const settings = moduleSettings(node as SyntaxNode);
        if (!isSettingsModule(file, settings)) return;
        const debug = settings.get('DEBUG');
        const hosts = settings.get('ALLOWED_HOSTS');
        if (debug && hosts && isTrue(lang, debug.value) && constantStrings(lang, hosts.value)?.includes('*')) {
          const fix: FixDescriptor[] = debug.value.type === 'true' ? [{ messageId: 'turnOffDebug', edits: [replaceEdit(debug.value, 'False')] }] : [];
          context.report({
            range: lang.range(debug.assignment),
            messageId: 'debugAnyHost',
            suggest: fix,
            related: [{ message: 'ALLOWED_HOSTS accepts any host here', range: lang.range(hosts.assignment) }],
          });
        }
        for (const [name, messageId] of Object.entries(COOKIE_SETTINGS)) {
          const setting = settings.get(name);
          if (!setting || !isFalse(lang, setting.value)) continue;
          const suggest: FixDescriptor[] = setting.value.type === 'false' ? [{ messageId: 'setTrue', data: { name }, edits: [replaceEdit(setting.value, 'True')] }] : [];
          context.report({ range: lang.range(setting.assignment), messageId, data: { name }, suggest, severity: 'warning' });
        }
      },
    };

    /**
     * The last live module-level assignment of each upper-case name (`NAME = value`), looking into `if`,
     * `try` and `with` blocks but not into functions or classes; later assignments win, as when Django
     * imports the module.
     */
    function moduleSettings(module: SyntaxNode): Map<string, { assignment: SyntaxNode; value: SyntaxNode }> {
      const found = new Map<string, { assignment: SyntaxNode; value: SyntaxNode }>();
      const visit = (container: SyntaxNode, depth: number) => {
        if (depth > 8) return;
        for (const child of container.namedChildren) {
          if (!child) continue;
          if (MODULE_BLOCKS.has(child.type)) visit(child, depth + 1);
          if (child.type !== 'expression_statement') continue;
          const assignment = child.namedChildren[0];
          if (assignment?.type !== 'assignment') continue;
          const left = assignment.childForFieldName('left');
          const value = assignment.childForFieldName('right');
          if (left?.type !== 'identifier' || !value || !/^[A-Z][A-Z0-9_]*$/.test(left.text) || !lang.liveBranch(assignment)) continue;
          found.set(left.text, { assignment, value });
        }
      };
      visit(module, 0);
      return found;
    }
  },
});

/**
 * A Django settings module: named like one (`settings.py`, `settings/production.py`, `prod_settings.py`)
 * or defining settings only Django reads (`INSTALLED_APPS`, `ROOT_URLCONF`, `MIDDLEWARE`, …).
 */
function isSettingsModule(file: string, settings: ReadonlyMap<string, unknown>): boolean {
  const parts = file.split(/[/\\]/);
  const base = parts[parts.length - 1];
  // Django's own defaults, which every project overrides; not a project's settings.
  if (base === 'global_settings.py' && parts[parts.length - 2] === 'conf') return false;
  if (base.endsWith('.py') && (base.includes('settings') || parts[parts.length - 2] === 'settings')) return true;
  return [...settings.keys()].some((k) => DJANGO_MARKERS.has(k));
}
