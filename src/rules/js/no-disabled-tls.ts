import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { JsHelpers } from '../../languages/js/helpers';
import { removeListItem, removeStatement } from '../../languages/js/edits';
import { propertyName, staticValue } from '../../languages/js/ast';
import type { JsNode } from '../../languages/js/parse';

const ENV_VAR = 'NODE_TLS_REJECT_UNAUTHORIZED';

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-disabled-tls',
  languages: ['js'],
  meta: {
    description: 'TLS certificate verification must not be turned off',
    severity: 'error',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-295'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: {
      rejectUnauthorized:
        '`{{name}}: false` turns off TLS certificate verification, so anyone on the network path can impersonate the server and read or change the traffic.',
      envDisabled:
        'Setting {{envVar}} to "0" turns off TLS certificate verification for every connection this process makes.',
      identityBypass:
        '`checkServerIdentity` that accepts everything turns off host-name verification, so any valid certificate for any host is accepted.',
      removeOption: 'Remove `{{name}}` to keep certificate verification on',
      removeAssignment: 'Remove the assignment to keep certificate verification on',
    },
  },
  create(context) {
    const { text } = context;
    return {
      ObjectProperty(node) {
        const prop = node as t.ObjectProperty & JsNode;
        const name = propertyName(prop);
        if (!name) return;
        const value = staticValue(prop.value as JsNode);
        const disabled =
          ((name === 'rejectUnauthorized' || name === 'strictSSL') && value.known && isFalsy(value.value)) ||
          (name === ENV_VAR && value.known && String(value.value) === '0');
        const identity = name === 'checkServerIdentity' && acceptsEverything(prop.value as JsNode);
        if (!disabled && !identity) return;
        const parent = prop.parent as t.ObjectExpression & JsNode;
        const edit = removeListItem(text, parent.properties as JsNode[], parent.properties.indexOf(prop));
        context.report({
          range: [prop.start!, prop.end!],
          messageId: identity ? 'identityBypass' : name === ENV_VAR ? 'envDisabled' : 'rejectUnauthorized',
          data: { name, envVar: ENV_VAR },
          fix: { messageId: 'removeOption', data: { name }, edits: [edit] },
        });
      },
      AssignmentExpression(node) {
        const assign = node as t.AssignmentExpression & JsNode;
        if (assign.operator !== '=' || assign.left.type !== 'MemberExpression') return;
        const name = propertyName(assign.left);
        const value = staticValue(assign.right as JsNode);
        if (!value.known) return;
        const envDisabled = name === ENV_VAR && String(value.value) === '0' && isProcessEnv(assign.left.object);
        const optionDisabled = name === 'rejectUnauthorized' && isFalsy(value.value);
        if (!envDisabled && !optionDisabled) return;
        const statement = assign.parent;
        context.report({
          range: [assign.start!, assign.end!],
          messageId: envDisabled ? 'envDisabled' : 'rejectUnauthorized',
          data: { name: name ?? '', envVar: ENV_VAR },
          fix:
            statement?.type === 'ExpressionStatement'
              ? { messageId: 'removeAssignment', edits: [removeStatement(text, statement)] }
              : undefined,
        });
      },
    };
  },
});

function isFalsy(value: unknown): boolean {
  return value === false || value === 0 || value === 'false' || value === '0';
}

function isProcessEnv(node: t.Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    propertyName(node) === 'env'
  );
}

/** `() => undefined`, `() => {}`, `() => null`, `function () { return undefined; }` */
function acceptsEverything(node: JsNode): boolean {
  if (node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression') return false;
  const body = node.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length === 0) return true;
    const only = body.body[0];
    return body.body.length === 1 && only.type === 'ReturnStatement' && (!only.argument || isNullish(only.argument));
  }
  return isNullish(body);
}

function isNullish(node: t.Node): boolean {
  return (
    node.type === 'NullLiteral' ||
    (node.type === 'Identifier' && node.name === 'undefined') ||
    (node.type === 'UnaryExpression' && node.operator === 'void')
  );
}
