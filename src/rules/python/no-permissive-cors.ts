import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { argumentsOf, calleeName, constantString, constantStrings, dictEntry, hasSplat, isTrue, keywordArgument, mentionIndex, referenceName } from './call-helpers';

const STARLETTE_CORS = new Set(['starlette.middleware.cors.CORSMiddleware', 'fastapi.middleware.cors.CORSMiddleware']);
const FLASK_CORS = new Set(['flask_cors.CORS', 'flask_cors.cross_origin', 'flask_cors.extension.CORS', 'flask_cors.decorator.cross_origin']);
/** Regular expressions that match every origin. */
const MATCH_ALL = new Set(['.*', '.+', '^.*$', '^.+$', '.', '^.*', '^.+', 'https?://.*', '^https?://.*$', 'https://.*', '^https://.*$', '*']);
/** django-cors-headers settings that allow every origin (the old name first). */
const DJANGO_ALLOW_ALL = ['CORS_ORIGIN_ALLOW_ALL', 'CORS_ALLOW_ALL_ORIGINS'];
const DJANGO_REGEXES = ['CORS_ORIGIN_REGEX_WHITELIST', 'CORS_ALLOWED_ORIGIN_REGEXES'];

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-permissive-cors',
  languages: ['python'],
  meta: {
    description: 'CORS must not allow credentialed requests from any origin',
    severity: 'error',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-942'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      anyOrigin:
        'CORS allows credentialed requests from {{origin}}: the library then echoes whatever origin asks, so any website a signed-in user visits can call this API with their cookies and read the answers. List the allowed origins explicitly.',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/CORS|cors/.test(text)) return {};
    // Every report needs credentials: calls that do not spell the option are skipped before resolving anything.
    const passesCredentials = mentionIndex(text, ['supports_credentials', 'allow_credentials']);
    return {
      call(node) {
        const call = node as SyntaxNode;
        if (!passesCredentials(call)) return;
        const name = calleeName(lang, call);
        if (!name || hasSplat(call)) return;
        if (FLASK_CORS.has(name)) return checkFlaskCors(call);
        if (STARLETTE_CORS.has(name) || STARLETTE_CORS.has(referenceName(lang, argumentsOf(call)[0]) ?? '')) checkStarlette(call);
      },
      module(node) {
        if (text.includes('CORS_')) checkDjango(node as SyntaxNode);
      },
    };

    /** `CORS(app, supports_credentials=True)` (origins default to `*`), `@cross_origin(origins='*', supports_credentials=True)`. */
    function checkFlaskCors(call: SyntaxNode): void {
      const credentials = keywordArgument(call, 'supports_credentials');
      if (!credentials || !isTrue(lang, credentials.childForFieldName('value')) || !lang.liveBranch(call)) return;
      const origins = keywordArgument(call, 'origins');
      if (origins) {
        if (permissive(origins.childForFieldName('value'), true)) report(origins, `every origin (\`${origins.text}\`)`);
        return;
      }
      const resources = lang.argument(call, null, 'resources');
      if (resources) {
        // Every resource must name its origins; one that does not gets the default, `*`.
        if (resources.type !== 'dictionary') return;
        for (const pair of resources.namedChildren) {
          if (pair?.type !== 'pair') continue;
          const options = pair.childForFieldName('value');
          const resourceOrigins = dictEntry(lang, options, 'origins');
          if (options?.type !== 'dictionary' && !resourceOrigins) return;
          if (!resourceOrigins || permissive(resourceOrigins, true)) {
            report(pair, `every origin (\`${lang.text(pair)}\` names no other)`);
            return;
          }
        }
        return;
      }
      report(credentials, 'every origin (flask-cors allows `*` unless `origins` says otherwise)');
    }

    /** `app.add_middleware(CORSMiddleware, allow_origins=['*'], allow_credentials=True)`, `Middleware(CORSMiddleware, …)`. */
    function checkStarlette(call: SyntaxNode): void {
      const credentials = keywordArgument(call, 'allow_credentials');
      if (!credentials || !isTrue(lang, credentials.childForFieldName('value')) || !lang.liveBranch(call)) return;
      const origins = keywordArgument(call, 'allow_origins');
      if (origins && permissive(origins.childForFieldName('value'), false)) {
        report(origins, `every origin (\`${origins.text}\`)`);
        return;
      }
      const regex = keywordArgument(call, 'allow_origin_regex');
      const pattern = constantString(lang, regex?.childForFieldName('value'));
      if (regex && pattern !== null && MATCH_ALL.has(pattern)) report(regex, `every origin (\`${regex.text}\`)`);
    }

    /** django-cors-headers: `CORS_ALLOW_ALL_ORIGINS = True` (or a match-all regex) with `CORS_ALLOW_CREDENTIALS = True`. */
    function checkDjango(module: SyntaxNode): void {
      const settings = new Map<string, SyntaxNode>();
      for (const statement of module.namedChildren) {
        const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : null;
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
        if (left?.type === 'identifier' && left.text.startsWith('CORS_') && lang.liveBranch(assignment!)) settings.set(left.text, assignment!);
      }
      const credentials = settings.get('CORS_ALLOW_CREDENTIALS');
      if (!credentials || !isTrue(lang, credentials.childForFieldName('right'))) return;
      for (const name of DJANGO_ALLOW_ALL) {
        const setting = settings.get(name);
        if (setting && isTrue(lang, setting.childForFieldName('right'))) return report(setting, `every origin (\`${name} = True\`)`);
      }
      for (const name of DJANGO_REGEXES) {
        const setting = settings.get(name);
        const patterns = constantStrings(lang, setting?.childForFieldName('right'));
        if (setting && patterns?.some((p) => MATCH_ALL.has(p))) return report(setting, `every origin (\`${name}\` matches everything)`);
      }
    }

    /** `'*'`, `['*']`, a match-all regex; for flask-cors a regex string counts as such (`origins=r'.*'`). */
    function permissive(node: SyntaxNode | null, regexes: boolean): boolean {
      const values = constantStrings(lang, node);
      if (!values) return false;
      return values.some((v) => v === '*' || (regexes && MATCH_ALL.has(v)));
    }

    function report(node: SyntaxNode, origin: string): void {
      context.report({ range: lang.range(node), messageId: 'anyOrigin', data: { origin } });
    }
  },
});
