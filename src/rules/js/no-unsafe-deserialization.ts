import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { unwrap } from '../../languages/js/ast';
import { removeListItem } from '../../languages/js/edits';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { boundValue, findProperty, objectLiteral } from './jwt-calls';

/** Deserialisers that can run code: module -> export path -> whether any non-constant input counts. */
const CODE_DESERIALIZERS: Record<string, Record<string, boolean>> = {
  // unserialize() runs `_$$ND_FUNC$$_` functions (CVE-2017-5941): never safe on outside data.
  'node-serialize': { unserialize: true },
  funcster: { deepDeserialize: false, deserialize: false },
  cryo: { parse: false },
};
const PREFILTER = /node-serialize|funcster|cryo|js-yaml/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-unsafe-deserialization',
  languages: ['js'],
  meta: {
    description: 'Data must not be deserialized with libraries or schemas that can recreate functions',
    severity: 'error',
    category: 'deserialization',
    riskArea: 'development',
    cwe: ['CWE-502'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      codeDeserializer:
        '{{fn}}() can recreate and run functions from its input{{source}}. Whoever controls that data runs code in this process; use JSON.parse and validate the result.',
      yamlFullSchema:
        'js-yaml {{fn}}() with a schema that has JavaScript types (!!js/function) builds functions from the document; a crafted YAML file runs code when they are called.',
      dropSchema: 'Load with the default safe schema (remove the `schema` option)',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const ref = lang.resolve(call.callee as JsNode);
        if (!ref?.module || ref.path.length !== 1) return;
        const input = call.arguments[0] as JsNode | undefined;
        if (!input || input.type === 'SpreadElement' || lang.isConstant(input)) return;
        const anyInput = CODE_DESERIALIZERS[ref.module]?.[ref.path[0]];
        if (anyInput !== undefined) {
          const source = lang.taint(input);
          if (!anyInput && !source) return;
          context.report({
            range: [call.start!, call.end!],
            messageId: 'codeDeserializer',
            data: { fn: ref.path[0], source: source ? ` and that input is ${source.description}` : '' },
            related: source ? [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }] : [],
          });
          return;
        }
        if (ref.module === 'js-yaml' && (ref.path[0] === 'load' || ref.path[0] === 'loadAll')) checkYaml(call, ref.path[0]);
      },
    };

    function checkYaml(call: t.CallExpression & JsNode, fn: string): void {
      // loadAll(str, iterator, options) or loadAll(str, options).
      const args = call.arguments as JsNode[];
      const optionsArg = fn === 'loadAll' && args.length > 2 ? args[2] : args[1];
      const options = objectLiteral(optionsArg, lang);
      const schema = options ? findProperty(options, 'schema') : null;
      if (!schema || !isUnsafeSchema(schema.value as JsNode)) return;
      const inline = unwrap(optionsArg) === options;
      let fix: FixDescriptor | null = null;
      if (inline && options!.properties.length === 1) {
        fix = { messageId: 'dropSchema', edits: [removeListItem(text, args, args.indexOf(optionsArg))] };
      } else if (inline) {
        fix = { messageId: 'dropSchema', edits: [removeListItem(text, options!.properties as JsNode[], options!.properties.indexOf(schema))] };
      }
      context.report({ range: [schema.start!, schema.end!], messageId: 'yamlFullSchema', data: { fn }, suggest: fix ? [fix] : [] });
    }

    /** `yaml.DEFAULT_FULL_SCHEMA` (js-yaml 3), or a schema extended with `js-yaml-js-types` (js-yaml 4). */
    function isUnsafeSchema(node: JsNode): boolean {
      const value = boundValue(unwrap(node), lang);
      const ref = lang.resolve(value);
      if (ref?.module === 'js-yaml' && ref.path.join('.') === 'DEFAULT_FULL_SCHEMA') return true;
      if (value.type !== 'CallExpression') return false;
      return value.arguments.some((a) => lang.resolve(a as JsNode)?.module === 'js-yaml-js-types');
    }
  },
});
