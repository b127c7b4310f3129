import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** libxml2 bindings whose parse functions take libxml2's options. */
const LIBXML_MODULES = new Set(['libxmljs', 'libxmljs2']);
/** Their functions that parse XML with options (the document's `fromXml` included). */
const PARSE_FUNCTIONS = new Set(['parseXml', 'parseXmlString', 'parseXmlAsync', 'Document.fromXml']);
/** Options that make libxml2 read external entities or DTDs: `noent` substitutes entities, `dtdload` fetches the DTD. */
const DANGEROUS_OPTIONS: Readonly<Record<string, string>> = {
  noent: 'substitutes entities, external ones included',
  dtdload: 'loads the external DTD the document names',
  dtdattr: 'loads the external DTD for default attributes',
};

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-xxe',
  languages: ['js'],
  meta: {
    description: 'XML parsers must not expand external entities or load external DTDs (XXE)',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-611'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      externalEntities:
        '`{{option}}: true` makes {{fn}}() {{what}}: a document with `<!ENTITY x SYSTEM "file:///etc/passwd">` reads files from this server into the parsed result, or makes it request internal URLs (XXE, SSRF). Leave the option off unless every document comes from you.',
      turnOff: 'Set `{{option}}: false`',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('libxmljs')) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const ref = lang.resolve(call.callee as JsNode);
        if (!ref?.module || !LIBXML_MODULES.has(ref.module) || !PARSE_FUNCTIONS.has(ref.path.join('.'))) return;
        const options = lang.definition(call.arguments[1] as JsNode | undefined);
        if (options?.type !== 'ObjectExpression') return;
        for (const prop of options.properties) {
          if (prop.type !== 'ObjectProperty' || prop.computed) continue;
          const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : null;
          if (!key || !Object.hasOwn(DANGEROUS_OPTIONS, key) || prop.value.type !== 'BooleanLiteral' || !prop.value.value) continue;
          const value = prop.value as JsNode;
          context.report({
            range: [prop.start!, prop.end!],
            messageId: 'externalEntities',
            data: { option: key, fn: `${ref.module}.${ref.path.join('.')}`, what: DANGEROUS_OPTIONS[key] },
            suggest: [{ messageId: 'turnOff', data: { option: key }, edits: [{ range: [value.start!, value.end!], text: 'false' }] }],
          });
        }
      },
    };
  },
});
