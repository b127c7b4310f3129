import rule from '../../../src/rules/js/no-xxe';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'default options', code: `const libxmljs = require('libxmljs');\nconst doc = libxmljs.parseXml(req.body);` },
    { name: 'noent: false', code: `import libxmljs from 'libxmljs2';\nconst doc = libxmljs.parseXml(xml, { noent: false, nonet: true });` },
    { name: 'other options', code: `import { parseXml } from 'libxmljs';\nconst doc = parseXml(xml, { recover: true, noblanks: true });` },
    { name: 'options not known here', code: `import { parseXml } from 'libxmljs';\nexport function parse(xml, options) {\n  return parseXml(xml, options);\n}` },
    { name: 'another library with a noent option', code: `import { parse } from 'some-xml';\nconst doc = parse(xml, { noent: true });` },
    { name: 'a local parseXml', code: `function parseXml(s, o) { return s; }\nparseXml(xml, { noent: true });` },
  ],
  invalid: [
    {
      name: 'libxmljs with noent: true',
      code: `const libxmljs = require('libxmljs');\napp.post('/import', (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noent: true });\n  res.send(doc.root().text());\n});`,
      errors: [
        {
          messageId: 'externalEntities',
          line: 3,
          column: 45,
          endLine: 3,
          endColumn: 56,
          suggestions: [{ messageId: 'turnOff', output: `const libxmljs = require('libxmljs');\napp.post('/import', (req, res) => {\n  const doc = libxmljs.parseXml(req.body, { noent: false });\n  res.send(doc.root().text());\n});` }],
        },
      ],
    },
    {
      name: 'libxmljs2 parseXmlString with options in a const, dtdload too',
      code: `import { parseXmlString } from 'libxmljs2';\nconst OPTIONS = { dtdload: true, noent: true };\nconst doc = parseXmlString(xml, OPTIONS);`,
      errors: [
        { messageId: 'externalEntities', line: 2, column: 19, endLine: 2, endColumn: 32, suggestions: [{ messageId: 'turnOff', output: `import { parseXmlString } from 'libxmljs2';\nconst OPTIONS = { dtdload: false, noent: true };\nconst doc = parseXmlString(xml, OPTIONS);` }] },
        { messageId: 'externalEntities', line: 2, column: 34, endLine: 2, endColumn: 45, suggestions: [{ messageId: 'turnOff', output: `import { parseXmlString } from 'libxmljs2';\nconst OPTIONS = { dtdload: true, noent: false };\nconst doc = parseXmlString(xml, OPTIONS);` }] },
      ],
    },
    {
      name: 'Document.fromXml',
      code: `import * as libxmljs from 'libxmljs';\nconst doc = libxmljs.Document.fromXml(xml, { 'noent': true });`,
      errors: [{ messageId: 'externalEntities', line: 2, column: 46, endLine: 2, endColumn: 59, suggestions: [{ messageId: 'turnOff', output: `import * as libxmljs from 'libxmljs';\nconst doc = libxmljs.Document.fromXml(xml, { 'noent': false });` }] }],
    },
  ],
});
