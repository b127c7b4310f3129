import rule from '../../../src/rules/js/no-disabled-helmet';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import helmet from 'helmet';\napp.use(helmet());` },
    { code: `import helmet from 'helmet';\napp.use(helmet({ crossOriginEmbedderPolicy: false }));`, name: 'COEP is off by default anyway' },
    { code: `import helmet from 'helmet';\napp.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", 'cdn.example.com'] } } }));` },
    { code: `import helmet from 'helmet';\napp.use(helmet({ contentSecurityPolicy: process.env.NODE_ENV === 'production' ? undefined : false }));`, name: 'computed at run time' },
    { code: `import helmet from 'helmet';\napp.use(helmet({ hsts: { maxAge: 31536000, includeSubDomains: true } }));` },
    { code: `import helmet from 'helmet';\napp.disable('x-powered-by');\napp.use(helmet());`, name: 'app.disable of x-powered-by is good practice' },
    { code: `import helmet from 'helmet';\napp.use(helmet());\nres.removeHeader('X-Powered-By');` },
    { code: `const opts = { contentSecurityPolicy: false };\nsomethingElse(opts);`, name: 'not passed to helmet' },
    { code: `function helmet(o) { return o; }\nhelmet({ frameguard: false });`, name: 'a local function named helmet' },
  ],
  invalid: [
    {
      code: `import helmet from 'helmet';\napp.use(helmet({ contentSecurityPolicy: false }));`,
      errors: [{ messageId: 'disabledOption', line: 2, column: 18, endLine: 2, endColumn: 46 }],
      output: `import helmet from 'helmet';\napp.use(helmet({}));`,
    },
    {
      code: `const helmet = require('helmet');\napp.use(\n  helmet({\n    contentSecurityPolicy: false,\n    frameguard: false,\n    crossOriginEmbedderPolicy: false,\n  }),\n);`,
      filename: 'app.js',
      errors: [
        { messageId: 'disabledOption', line: 4, column: 5, endLine: 4, endColumn: 33 },
        { messageId: 'disabledOption', line: 5, column: 5, endLine: 5, endColumn: 22 },
      ],
      output: `const helmet = require('helmet');\napp.use(\n  helmet({\n    crossOriginEmbedderPolicy: false,\n  }),\n);`,
    },
    {
      code: `import helmet from 'helmet';\nconst helmetOptions = { hsts: false, noSniff: false };\napp.use(helmet(helmetOptions));`,
      errors: [
        { messageId: 'disabledOption', line: 2, column: 25, endLine: 2, endColumn: 36 },
        { messageId: 'disabledOption', line: 2, column: 38, endLine: 2, endColumn: 52 },
      ],
      // Adjacent removals overlap, so one pass applies the first; the next pass removes the other.
      output: `import helmet from 'helmet';\nconst helmetOptions = { noSniff: false };\napp.use(helmet(helmetOptions));`,
    },
    {
      code: `import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nconst app = Fastify();\nawait app.register(helmet, { xFrameOptions: false, global: true });`,
      errors: [{ messageId: 'disabledOption', line: 4, column: 30, endLine: 4, endColumn: 50 }],
      output: `import Fastify from 'fastify';\nimport helmet from '@fastify/helmet';\nconst app = Fastify();\nawait app.register(helmet, { global: true });`,
    },
    {
      code: `import helmet from 'helmet';\napp.use(helmet());\napp.get('/embed', (req, res) => {\n  res.removeHeader('X-Frame-Options');\n  res.send(widget);\n});`,
      errors: [{ messageId: 'removedHeader', line: 4, column: 3, endLine: 4, endColumn: 38 }],
      output: `import helmet from 'helmet';\napp.use(helmet());\napp.get('/embed', (req, res) => {\n  res.send(widget);\n});`,
    },
  ],
});
