import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { calleeLastName, referenceName } from './call-helpers';
import { flowRelated, importedPackages, plausibleSource } from './model-calls';

/** python-ldap search methods: `(base, scope, filterstr, …)`. */
const PYTHON_LDAP_SEARCHES = new Set(['search', 'search_s', 'search_st', 'search_ext', 'search_ext_s']);
/** The escaping functions (and `filter_format`, which escapes its arguments), by dotted name. */
const ESCAPES = new Set([
  'ldap3.utils.conv.escape_filter_chars', 'ldap.filter.escape_filter_chars', 'ldap.filter.filter_format', 'ldap3.utils.conv.escape_bytes',
]);
/** Receivers of a search whose construction is not visible (a parameter, an attribute set elsewhere). */
const CONNECTION_NAME = /conn|ldap|directory|^c$|^l$/i;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-ldap-injection',
  languages: ['python'],
  meta: {
    description: 'LDAP search filters must not be built from untrusted input without escape_filter_chars',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-90'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      ldapInjection:
        'The LDAP filter of {{call}}() is built from {{source}} without escaping. A value such as `*)(uid=*))(|(uid=*` rewrites the filter, so the sender can list every entry or bypass a login check made with the search; escape it with escape_filter_chars().',
      escapeValue: 'Escape the value with escape_filter_chars()',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    const packages = importedPackages(lang);
    const ldap3 = packages.has('ldap3');
    const pythonLdap = packages.has('ldap');
    if ((!ldap3 && !pythonLdap) || !/search/.test(text)) return {};
    const options: PythonFlowOptions = { sanitizes: (call) => isEscape(lang, call) };
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !/search/.test(last)) return;
        const filter = filterArgument(lang, call, last, ldap3, pythonLdap);
        if (!filter || !lang.liveBranch(call)) return;
        const source = lang.taint(filter.node, options);
        if (!source || !plausibleSource(lang, source)) return;
        context.report({
          range: lang.range(filter.node),
          messageId: 'ldapInjection',
          data: { call: last, source: source.description },
          flow: flowRelated(lang, source),
          suggest: escapeSuggestion(lang, filter.node, filter.module, options),
        });
      },
    };
  },
});

/** The filter argument of an ldap3 `Connection.search`/`paged_search` or a python-ldap `search*` call, with the module that escapes it. */
function filterArgument(lang: PythonHelpers, call: SyntaxNode, last: string, ldap3: boolean, pythonLdap: boolean): { node: SyntaxNode; module: string } | null {
  const ref = lang.callee(call);
  const module = ref?.module?.split('.')[0] ?? null;
  if (ref && module !== 'ldap3' && module !== 'ldap' && !ref.module?.startsWith('.')) return null;
  const fn = call.childForFieldName('function');
  const receiverKnown = module !== null || (fn?.type === 'attribute' && CONNECTION_NAME.test(fn.childForFieldName('object')?.text.split('.').pop() ?? ''));
  if (!receiverKnown) return null;
  const isLdap3 = module === 'ldap3' || (module === null && ldap3 && !pythonLdap);
  if (isLdap3 && (last === 'search' || last === 'paged_search')) {
    const node = lang.argument(call, 1, 'search_filter');
    return node ? { node, module: 'ldap3.utils.conv' } : null;
  }
  if (!isLdap3 && (module === 'ldap' || pythonLdap) && PYTHON_LDAP_SEARCHES.has(last)) {
    const node = lang.argument(call, 2, 'filterstr');
    return node ? { node, module: 'ldap.filter' } : null;
  }
  return null;
}

function isEscape(lang: PythonHelpers, call: SyntaxNode): boolean {
  const name = referenceName(lang, call.childForFieldName('function'));
  return name !== null && ESCAPES.has(name);
}

/**
 * Wraps each untrusted part of the filter (an f-string's interpolation, an operand of `+`, an argument
 * of `%` or `.format()`) in `escape_filter_chars(…)`, importing it when the file does not; the filter
 * may be written in place or bound once to a name.
 */
function escapeSuggestion(lang: PythonHelpers, filter: SyntaxNode, module: string, options: PythonFlowOptions): FixDescriptor[] {
  const template = templateOf(lang, filter);
  if (!template) return [];
  const parts = untrustedParts(template);
  const edits: TextEdit[] = [];
  for (const part of parts) {
    if (!lang.taint(part, options)) continue;
    edits.push({ range: [part.startIndex, part.endIndex], text: `escape_filter_chars(${part.text})` });
  }
  if (edits.length === 0) return [];
  const imports = importEdit(lang, module);
  if (!imports) return [];
  return [{ messageId: 'escapeValue', edits: [...imports, ...edits] }];
}

/** The filter expression itself, or the value of the name it is bound to once. */
function templateOf(lang: PythonHelpers, filter: SyntaxNode): SyntaxNode | null {
  if (filter.type !== 'identifier') return filter;
  const sites = lang.scopes.lookupNode(filter)?.sites ?? [];
  return sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
}

/** The computed parts of a string template: interpolations, `+` operands, `%` and `.format()` arguments. */
function untrustedParts(node: SyntaxNode, depth = 0): SyntaxNode[] {
  if (depth > 30) return [];
  switch (node.type) {
    case 'string':
      return node.namedChildren.filter((c) => c?.type === 'interpolation').map((c) => c!.childForFieldName('expression')).filter((e): e is SyntaxNode => !!e);
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left')!;
      const right = node.childForFieldName('right')!;
      if (op === '+') return [...untrustedParts(left, depth + 1), ...untrustedParts(right, depth + 1)];
      if (op === '%') return right.type === 'tuple' ? right.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [right];
      return [];
    }
    case 'call':
      if (calleeLastName(node) !== 'format') return [];
      return (node.childForFieldName('arguments')?.namedChildren ?? [])
        .map((a) => (a?.type === 'keyword_argument' ? a.childForFieldName('value') : a))
        .filter((a): a is SyntaxNode => !!a && a.type !== 'comment' && a.type !== 'list_splat' && a.type !== 'dictionary_splat');
    case 'parenthesized_expression':
      return node.namedChildren[0] ? untrustedParts(node.namedChildren[0], depth + 1) : [];
    default:
      return [node];
  }
}

/**
 * `from <module> import escape_filter_chars` before the first import, or nothing when the file binds the
 * name to it already; null when the name means something else here.
 */
function importEdit(lang: PythonHelpers, module: string): TextEdit[] | null {
  const wanted = `${module}.escape_filter_chars`;
  let bound = false;
  for (const imp of lang.imports()) {
    if (imp.kind === 'from' && imp.names.includes('escape_filter_chars')) {
      if (imp.module !== module) return null;
      bound = true;
    }
  }
  if (bound) return [];
  const root = lang.parsed.root.module;
  if (lang.scopes.info(root).sites.has('escape_filter_chars')) {
    const id = lang.scopes.info(root).sites.get('escape_filter_chars')![0].id;
    return referenceName(lang, id) === wanted ? [] : null;
  }
  const first = root.namedChildren.find((c) => c?.type === 'import_statement' || c?.type === 'import_from_statement');
  const at = first ? first.startIndex : 0;
  return [{ range: [at, at], text: `from ${module} import escape_filter_chars\n` }];
}
