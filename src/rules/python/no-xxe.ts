import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, SyntaxNode } from '../../languages/python';
import { addArgumentEdit, calleeLastName, calleeName, constantString, keywordArgument, mentionIndex, referenceName, removeArgumentEdit, replaceEdit } from './call-helpers';
import { flowRelated, plausibleSource } from './model-calls';

/** lxml constructors and functions that take the parser options. */
const LXML_PARSERS = new Set(['lxml.etree.XMLParser', 'lxml.etree.XMLPullParser', 'lxml.etree.ETCompatXMLParser', 'lxml.etree.iterparse']);
/** lxml functions that parse with a given parser: the position of their data and parser arguments. */
const LXML_PARSE: Readonly<Record<string, { data: number; parser: number }>> = {
  'lxml.etree.fromstring': { data: 0, parser: 1 },
  'lxml.etree.XML': { data: 0, parser: 1 },
  'lxml.etree.parse': { data: 0, parser: 1 },
  'lxml.etree.fromstringlist': { data: 0, parser: 1 },
  'lxml.objectify.fromstring': { data: 0, parser: 1 },
  'lxml.objectify.parse': { data: 0, parser: 1 },
};
/** SAX features that make the parser fetch external entities. */
const SAX_FEATURES: Readonly<Record<string, string>> = {
  'http://xml.org/sax/features/external-general-entities': 'feature_external_ges',
  'http://xml.org/sax/features/external-parameter-entities': 'feature_external_pes',
};
/** Data a parse may not trust: request data, model output, tool arguments. */
const UNTRUSTED: PythonFlowOptions = { kinds: new Set(['request', 'model', 'tool']) };

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-xxe',
  languages: ['python'],
  meta: {
    description: 'XML parsers must not resolve external entities (lxml resolve_entities, no_network=False, SAX external-ges)',
    severity: 'error',
    category: 'deserialization',
    riskArea: 'development',
    cwe: ['CWE-611'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      resolveEntities:
        '`resolve_entities=True` makes lxml expand external entities: a document declaring `<!ENTITY x SYSTEM "file:///etc/passwd">` reads local files into the parsed tree (XXE). Set resolve_entities=False, or parse untrusted XML with defusedxml.lxml.',
      networkAccess:
        '`no_network=False` lets lxml fetch external entities and DTDs over the network: a document can make this server request internal URLs and cloud metadata endpoints (XXE to SSRF). Remove it (lxml defaults to no_network=True).',
      loadDtd:
        'This parser loads DTDs (`{{option}}=True`) and parses {{source}} without `resolve_entities=False`: lxml before 5.0 expands the external entities a DTD declares, reading local files into the tree (XXE). Add resolve_entities=False, or parse with defusedxml.lxml.',
      saxExternalEntities:
        'Enabling {{feature}} makes the SAX parser (and xml.dom.pulldom on top of it) fetch external entities: a document can read local files and make this server request internal URLs (XXE). Leave the feature off, or parse untrusted XML with defusedxml.sax.',
      disableEntities: 'Set `resolve_entities=False`',
      removeNetwork: 'Remove `no_network=False`',
      addResolveEntities: 'Add `resolve_entities=False`',
      disableFeature: 'Turn {{feature}} off',
    },
  },
  create(context): Visitors<PythonNode> {
    const { lang, text } = context;
    const lxml = text.includes('lxml');
    const sax = /setFeature/.test(text);
    if (!lxml && !sax) return {};
    const passesOption = mentionIndex(text, ['resolve_entities', 'no_network', 'load_dtd', 'dtd_validation']);
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (last === 'setFeature') {
          if (sax) saxFeature(call);
          return;
        }
        if (!lxml || !passesOption(call) || !last || !/Parser$|^iterparse$/.test(last)) return;
        const name = calleeName(lang, call);
        if (!name || !LXML_PARSERS.has(name) || !lang.liveBranch(call)) return;
        lxmlParser(call, last);
      },
    };

    function lxmlParser(call: SyntaxNode, last: string): void {
      const resolve = keywordArgument(call, 'resolve_entities');
      const resolveValue = resolve?.childForFieldName('value');
      if (resolve && resolveValue && lang.constant(resolveValue)?.value === true) {
        context.report({
          range: lang.range(resolve),
          messageId: 'resolveEntities',
          suggest: [{ messageId: 'disableEntities', edits: [replaceEdit(resolveValue, 'False')] }],
        });
      }
      const network = keywordArgument(call, 'no_network');
      const networkValue = network?.childForFieldName('value');
      if (network && networkValue && lang.constant(networkValue)?.value === false) {
        context.report({ range: lang.range(network), messageId: 'networkAccess', suggest: [{ messageId: 'removeNetwork', edits: [removeArgumentEdit(text, network)] }] });
      }
      if (resolve) return;
      const dtd = ['load_dtd', 'dtd_validation'].map((k) => keywordArgument(call, k)).find((a) => a && lang.constant(a.childForFieldName('value')!)?.value === true);
      if (!dtd) return;
      const data = last === 'iterparse' ? lang.argument(call, 0, 'source') : untrustedInput(call);
      const source = data ? lang.taint(data, UNTRUSTED) : null;
      if (!source || !plausibleSource(lang, source)) return;
      const fix: FixDescriptor[] = [];
      const edit = addArgumentEdit(text, call, 'resolve_entities=False');
      if (edit) fix.push({ messageId: 'addResolveEntities', edits: [edit] });
      context.report({
        range: lang.range(dtd),
        messageId: 'loadDtd',
        data: { option: dtd.childForFieldName('name')!.text, source: source.description },
        flow: flowRelated(lang, source),
        suggest: fix,
      });
    }

    /** The data argument of the first parse that uses this parser on untrusted input. */
    function untrustedInput(parser: SyntaxNode): SyntaxNode | null {
      const holder = parser.parent?.type === 'assignment' && parser.parent.childForFieldName('right')?.equals(parser) ? parser.parent.childForFieldName('left') : null;
      const bound = holder?.type === 'identifier' || holder?.type === 'attribute' ? holder.text : null;
      for (const use of lang.nodes.ofType(['call'])) {
        const name = calleeName(lang, use);
        const spec = name ? LXML_PARSE[name] : undefined;
        if (!spec) continue;
        const arg = lang.argument(use, spec.parser, 'parser');
        if (!arg || !(arg.equals(parser) || (bound !== null && arg.text === bound))) continue;
        const data = lang.argument(use, spec.data);
        if (data && lang.taint(data, UNTRUSTED)) return data;
      }
      return null;
    }

    /** `parser.setFeature(feature_external_ges, True)`. */
    function saxFeature(call: SyntaxNode): void {
      const [feature, value] = [lang.argument(call, 0), lang.argument(call, 1)];
      if (!feature || !value) return;
      const ref = referenceName(lang, feature);
      const named = ref?.startsWith('xml.sax') ? ref.slice(ref.lastIndexOf('.') + 1) : null;
      const featureName = named === 'feature_external_ges' || named === 'feature_external_pes' ? named : (SAX_FEATURES[constantString(lang, feature) ?? ''] ?? null);
      const v = lang.constant(value)?.value;
      if (!featureName || (v !== true && v !== 1) || !lang.liveBranch(call)) return;
      context.report({
        range: lang.range(call),
        messageId: 'saxExternalEntities',
        data: { feature: featureName },
        suggest: [{ messageId: 'disableFeature', data: { feature: featureName }, edits: [replaceEdit(value, 'False')] }],
      });
    }
  },
});
