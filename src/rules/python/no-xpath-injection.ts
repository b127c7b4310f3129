import { defineRule } from '../../engine/rule';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, calleeLastName, constantString } from './call-helpers';
import { flowRelated, importedPackages, plausibleSource } from './model-calls';

/** ElementTree and lxml methods that take an ElementPath expression. */
const FIND_METHODS = new Set(['find', 'findall', 'findtext', 'iterfind']);
/** Packages whose objects evaluate XPath or ElementPath expressions. */
const XML_PACKAGES = new Set(['lxml', 'xml', 'defusedxml', 'parsel', 'scrapy', 'elementpath']);
/** Keyword arguments of `xpath()` that are options, not variables. */
const XPATH_OPTIONS = new Set(['namespaces', 'extensions', 'smart_strings', 'regexp', '_path']);
/** An ElementPath or XPath expression as it starts or filters (`.//x`, `/a`, `[@k='v']`). */
const PATH_TEXT = /^\.?\/|\[@|^\.\//;

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-xpath-injection',
  languages: ['python'],
  meta: {
    description: 'XPath and ElementPath expressions must not be built from untrusted input; pass values as XPath variables',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-643'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      xpathInjection:
        'The expression passed to {{call}}() is built from {{source}}. A value such as `\' or \'1\'=\'1` changes what the query selects, so the sender can read nodes they should not see or bypass a check made with the query; pass the value as an XPath variable instead.',
      useVariables: 'Pass the values as XPath variables ({{names}})',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    if (!/xpath|XPath|find/.test(text)) return {};
    const packages = importedPackages(lang);
    if (![...packages].some((p) => XML_PACKAGES.has(p))) return {};
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last) return;
        const sink = sinkOf(lang, call, last);
        if (!sink || !lang.liveBranch(call)) return;
        const source = lang.taint(sink.expression);
        if (!source || !plausibleSource(lang, source)) return;
        context.report({
          range: lang.range(sink.expression),
          messageId: 'xpathInjection',
          data: { call: last, source: source.description },
          flow: flowRelated(lang, source),
          suggest: sink.variables ? variablesSuggestion(lang, text, call, sink.expression) : [],
        });
      },
    };
  },
});

/** The expression argument of an XPath or ElementPath evaluation, and whether the call takes XPath variables. */
function sinkOf(lang: PythonHelpers, call: SyntaxNode, last: string): { expression: SyntaxNode; variables: boolean } | null {
  const ref = lang.callee(call);
  const top = ref?.module?.split('.')[0] ?? null;
  if (ref && (ref.module === null || (top !== null && !XML_PACKAGES.has(top) && !top.startsWith('.')))) return null;
  if (last === 'xpath') {
    const expression = lang.argument(call, 0, '_path');
    return expression ? { expression, variables: call.childForFieldName('function')?.type === 'attribute' } : null;
  }
  if ((last === 'XPath' || last === 'ETXPath') && top === 'lxml') {
    const expression = lang.argument(call, 0, 'path');
    return expression ? { expression, variables: false } : null;
  }
  if (FIND_METHODS.has(last)) {
    const expression = lang.argument(call, 0, 'path');
    // `find` is common (str.find, BeautifulSoup, pymongo): only expressions that read like an ElementPath.
    return expression && looksLikePath(lang, expression) ? { expression, variables: false } : null;
  }
  return null;
}

/** An expression built from a string whose constant start is an ElementPath (`.//user[@name='…']`). */
function looksLikePath(lang: PythonHelpers, node: SyntaxNode, depth = 0): boolean {
  if (depth > 3) return false;
  if (node.type === 'identifier') {
    const sites = lang.scopes.lookupNode(node)?.sites ?? [];
    return sites.length === 1 && sites[0].kind === 'assign' && !!sites[0].value && looksLikePath(lang, sites[0].value, depth + 1);
  }
  if (node.type === 'string') {
    const first = node.namedChildren.find((c) => c?.type === 'string_content');
    return !!first && PATH_TEXT.test(first.text);
  }
  if (node.type === 'binary_operator') return looksLikePath(lang, node.childForFieldName('left')!, depth + 1);
  if (node.type === 'call' && calleeLastName(node) === 'format') {
    return PATH_TEXT.test(constantString(lang, node.childForFieldName('function')?.childForFieldName('object')) ?? '');
  }
  return false;
}

/**
 * `tree.xpath(f"//user[@name='{name}']")` → `tree.xpath("//user[@name=$name]", name=name)`: every
 * interpolation must be a whole quoted value; names and steps built from input need a manual rewrite.
 */
function variablesSuggestion(lang: PythonHelpers, text: string, call: SyntaxNode, expression: SyntaxNode): FixDescriptor[] {
  if (expression.type !== 'string') return [];
  const start = expression.firstChild;
  if (start?.type !== 'string_start' || !/f/i.test(start.text)) return [];
  const parts = expression.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'string_start' && c.type !== 'string_end');
  const used = new Set<string>(argumentNames(call));
  let body = '';
  let dropQuote = false;
  const variables: Array<{ name: string; value: string }> = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.type === 'string_content') {
      body += part.text.slice(dropQuote ? 1 : 0).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      dropQuote = false;
      continue;
    }
    if (part.type !== 'interpolation') return [];
    const value = part.childForFieldName('expression');
    if (!value || part.namedChildren.some((c) => c?.type === 'type_conversion' || c?.type === 'format_specifier')) return [];
    // The value must sit between matching quotes: `'{name}'` → `$name`.
    const quote = body.slice(-1);
    const next = parts[i + 1];
    if ((quote !== "'" && quote !== '"') || next?.type !== 'string_content' || !next.text.startsWith(quote)) return [];
    const name = variableName(value, used, variables.length);
    used.add(name);
    variables.push({ name, value: value.text });
    body = `${body.slice(0, -1)}$${name}`;
    dropQuote = true;
  }
  if (variables.length === 0) return [];
  const prefix = start.text.replace(/f/i, '');
  const literal = `${prefix}${body}${expression.lastChild?.text ?? ''}`;
  const edits: TextEdit[] = [{ range: [expression.startIndex, expression.endIndex], text: literal }];
  const added = addArgumentEdit(text, call, variables.map((v) => `${v.name}=${v.value}`).join(', '));
  if (!added) return [];
  edits.push(added);
  return [{ messageId: 'useVariables', data: { names: variables.map((v) => `$${v.name}`).join(', ') }, edits }];
}

/** A variable name for an interpolated value: its own name when it has one (`user.name` → name), else `v1`… */
function variableName(value: SyntaxNode, used: ReadonlySet<string>, index: number): string {
  let name: string | null = null;
  if (value.type === 'identifier') name = value.text;
  else if (value.type === 'attribute') name = value.childForFieldName('attribute')?.text ?? null;
  else if (value.type === 'subscript') {
    const key = value.childForFieldName('subscript');
    const literal = key?.type === 'string' ? key.namedChildren.find((c) => c?.type === 'string_content')?.text : null;
    name = literal ?? null;
  }
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || XPATH_OPTIONS.has(name) || used.has(name)) {
    for (let i = index + 1; ; i++) if (!used.has(`v${i}`)) return `v${i}`;
  }
  return name;
}

/** The keyword names a call already passes. */
function argumentNames(call: SyntaxNode): string[] {
  const names: string[] = [];
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (arg?.type === 'keyword_argument') names.push(arg.childForFieldName('name')?.text ?? '');
  }
  return names;
}
