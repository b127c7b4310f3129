import rule from '../../../src/rules/js/no-unsafe-deserialization';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import yaml from 'js-yaml';\nconst doc = yaml.load(req.body);`, name: 'js-yaml 4 load is safe' },
    { code: `import yaml from 'js-yaml';\nconst doc = yaml.load(text, { schema: yaml.JSON_SCHEMA });` },
    { code: `import yaml from 'js-yaml';\nconst doc = yaml.load(text, { schema: yaml.DEFAULT_SCHEMA, json: true });` },
    { code: `import serialize from 'serialize-javascript';\nconst out = serialize(state, { isJSON: true });` },
    { code: `const serialize = require('node-serialize');\nconst cfg = serialize.unserialize('{"a":1}');`, name: 'constant input' },
    { code: `import Cryo from 'cryo';\nconst obj = Cryo.parse(localStorage.getItem('state'));`, name: 'cryo on local data' },
    { code: `const unserialize = (s) => JSON.parse(s);\nunserialize(req.body.data);`, name: 'local function' },
    { code: `import YAML from 'yaml';\nYAML.parse(req.body, { schema: 'core' });`, name: 'other YAML library' },
    { code: `const body = JSON.parse(req.body.payload);`, name: 'JSON.parse' },
  ],
  invalid: [
    {
      code: `const serialize = require('node-serialize');\napp.post('/profile', (req, res) => {\n  const profile = serialize.unserialize(req.cookies.profile);\n  res.json(profile);\n});`,
      filename: 'server.js',
      errors: [{ messageId: 'codeDeserializer', line: 3, column: 19, endLine: 3, endColumn: 61, related: 1 }],
    },
    {
      code: `import { unserialize } from 'node-serialize';\nexport const load = (data: string) => unserialize(data);`,
      errors: [{ messageId: 'codeDeserializer', line: 2, column: 39, endLine: 2, endColumn: 56, related: 0 }],
    },
    {
      code: `import yaml from 'js-yaml';\nconst config = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA });`,
      errors: [{
        messageId: 'yamlFullSchema', line: 2, column: 59, endLine: 2, endColumn: 91,
        suggestions: [{ messageId: 'dropSchema', output: `import yaml from 'js-yaml';\nconst config = yaml.load(fs.readFileSync(file, 'utf8'));` }],
      }],
    },
    {
      code: `const yaml = require('js-yaml');\nconst types = require('js-yaml-js-types').all;\nconst schema = yaml.DEFAULT_SCHEMA.extend(types);\nyaml.loadAll(input, (d) => docs.push(d), { schema, filename });`,
      filename: 'load.js',
      errors: [{
        messageId: 'yamlFullSchema', line: 4, column: 44, endLine: 4, endColumn: 50,
        suggestions: [{ messageId: 'dropSchema', output: `const yaml = require('js-yaml');\nconst types = require('js-yaml-js-types').all;\nconst schema = yaml.DEFAULT_SCHEMA.extend(types);\nyaml.loadAll(input, (d) => docs.push(d), { filename });` }],
      }],
    },
    {
      code: `const funcster = require('funcster');\napp.post('/run', (req, res) => res.json(funcster.deepDeserialize(req.body)));`,
      filename: 'app.js',
      errors: [{ messageId: 'codeDeserializer', line: 2, column: 41, endLine: 2, endColumn: 75 }],
    },
  ],
});
