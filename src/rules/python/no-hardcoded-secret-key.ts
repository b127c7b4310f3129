import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeName, constantString, envFallback, environEdits, keywordArgument, mentionIndex, preview, referenceName } from './call-helpers';
import { isTestFile } from './name-helpers';

/** Framework settings that hold the key sessions, CSRF tokens, password resets or JWTs are signed with. */
const SECRET_SETTINGS = new Set(['SECRET_KEY', 'JWT_SECRET_KEY', 'WTF_CSRF_SECRET_KEY', 'SECURITY_PASSWORD_SALT']);
/** Starlette's session middleware, which signs the session cookie with `secret_key`. */
const SESSION_MIDDLEWARE = new Set(['starlette.middleware.sessions.SessionMiddleware', 'fastapi.middleware.sessions.SessionMiddleware']);
/**
 * Values that name where a key is found rather than holding one: `'AWS_SECRET_ACCESS_KEY'`,
 * `'aws_secret_access_key'`, `'AWSSecretKey'` (botocore's credential providers keep such names in `SECRET_KEY`).
 */
const NAME_OF_A_SETTING = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+|(?:[A-Z][a-z0-9]*){2,})$/;
/** Methods of Flask's `app.config` that take settings as keywords or a dict. */
const CONFIG_UPDATES = new Set(['update', 'from_mapping']);

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-hardcoded-secret-key',
  languages: ['python'],
  meta: {
    description: 'The secret key a web framework signs sessions and tokens with must not be hardcoded',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798', 'CWE-321'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hardcodedKey:
        '`{{setting}}` is hardcoded ({{preview}}). It signs session cookies, CSRF and password-reset tokens: anyone who reads this code or the repository history can forge them and log in as any user. Load it from the environment or a secret manager.',
      fallbackKey:
        'When {{envVar}} is not set, `{{setting}}` falls back to a hardcoded value ({{preview}}), and a deployment that forgets the variable signs sessions with a key anyone who reads this code knows.',
      useEnvVar: 'Read it from os.environ["{{envVar}}"]',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text, file } = context;
    if (!/SECRET_KEY|secret_key|SECURITY_PASSWORD_SALT/.test(text) || isTestFile(file)) return {};
    const passesSecretKey = mentionIndex(text, ['secret_key']);
    return {
      assignment(node) {
        const assign = node as SyntaxNode;
        const left = assign.childForFieldName('left');
        const right = assign.childForFieldName('right');
        const setting = left && settingName(left);
        if (setting && right) check(right, setting, assign);
      },
      call(node) {
        const call = node as SyntaxNode;
        const callee = call.childForFieldName('function');
        const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : null;
        // app.config.update(SECRET_KEY='...'), app.config.from_mapping({'SECRET_KEY': '...'})
        if (method && CONFIG_UPDATES.has(method) && isConfig(callee!.childForFieldName('object'))) {
          for (const arg of argumentsOf(call)) {
            if (arg.type === 'keyword_argument' && SECRET_SETTINGS.has(arg.childForFieldName('name')?.text ?? '')) {
              check(arg.childForFieldName('value')!, arg.childForFieldName('name')!.text, call);
            } else if (arg.type === 'dictionary') {
              for (const pair of arg.namedChildren) {
                const key = pair?.type === 'pair' ? constantString(lang, pair.childForFieldName('key')) : null;
                if (key && SECRET_SETTINGS.has(key)) check(pair!.childForFieldName('value')!, key, call);
              }
            }
          }
          return;
        }
        // SessionMiddleware(app, secret_key='...'), app.add_middleware(SessionMiddleware, secret_key='...'), Middleware(SessionMiddleware, ...)
        if (!passesSecretKey(call)) return;
        const key = keywordArgument(call, 'secret_key');
        if (!key) return;
        const name = calleeName(lang, call);
        const first = argumentsOf(call)[0];
        if ((name && SESSION_MIDDLEWARE.has(name)) || SESSION_MIDDLEWARE.has(referenceName(lang, first) ?? '')) {
          check(key.childForFieldName('value')!, 'secret_key', call);
        }
      },
    };

    function check(value: SyntaxNode, setting: string, site: SyntaxNode): void {
      if (!lang.liveBranch(site)) return;
      const fallback = envFallback(lang, value);
      if (fallback) {
        const literal = constantString(lang, fallback.fallback);
        if (!literal) return;
        const edits = environEdits(lang, text, fallback.call, fallback.envVar);
        context.report({
          range: lang.range(fallback.fallback),
          messageId: 'fallbackKey',
          data: { setting, envVar: fallback.envVar, preview: preview(literal) },
          suggest: edits ? [{ messageId: 'useEnvVar', data: { envVar: fallback.envVar }, edits }] : [],
        });
        return;
      }
      // A literal (or a name bound to one); `str`, and `bytes` whose text the evaluator gives.
      const literal = constantString(lang, value);
      if (!literal || NAME_OF_A_SETTING.test(literal)) return;
      const envVar = setting === 'secret_key' ? 'SECRET_KEY' : setting;
      const isLiteral = value.type === 'string' || value.type === 'concatenated_string';
      const edits = isLiteral ? environEdits(lang, text, value, envVar) : null;
      const suggest: FixDescriptor[] = edits ? [{ messageId: 'useEnvVar', data: { envVar }, edits }] : [];
      context.report({ range: lang.range(value), messageId: 'hardcodedKey', data: { setting, preview: preview(literal) }, suggest });
    }

    /**
     * The setting an assignment target names: `SECRET_KEY` at module or class level (Django settings, Flask
     * config classes), `app.config['SECRET_KEY']`, `app.secret_key`. Null for anything else.
     */
    function settingName(left: SyntaxNode): string | null {
      if (left.type === 'identifier') {
        if (!SECRET_SETTINGS.has(left.text)) return null;
        const scope = enclosingScope(left);
        return scope === 'module' || scope === 'class_definition' ? left.text : null;
      }
      if (left.type === 'subscript') {
        const key = constantString(lang, left.childForFieldName('subscript'));
        return key && SECRET_SETTINGS.has(key) && isConfig(left.childForFieldName('value')) ? key : null;
      }
      if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'secret_key') {
        return isApp(left.childForFieldName('object')) ? 'secret_key' : null;
      }
      return null;
    }

    /** `app.config`, `self.app.config`, `current_app.config`: the `config` of something. */
    function isConfig(node: SyntaxNode | null): boolean {
      return node?.type === 'attribute' && node.childForFieldName('attribute')?.text === 'config';
    }

    /** A Flask or Quart application, or a name that says it is one (`app`, `flask_app`, `self.app`). */
    function isApp(node: SyntaxNode | null): boolean {
      if (!node) return false;
      const ref = lang.resolve(node);
      if (ref?.module === 'flask' || ref?.module === 'quart') return true;
      const name = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : node.type === 'identifier' ? node.text : null;
      return !!name && /(?:^|_)app$/i.test(name);
    }
  },
});

/** The kind of the scope a node is in: `module`, `class_definition` or `function_definition`. */
function enclosingScope(node: SyntaxNode): string {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return n.type;
  }
  return 'module';
}
