import rule from '../../../src/rules/js/no-disabled-tls';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `const agent = new https.Agent({ rejectUnauthorized: true });` },
    { code: `const agent = new https.Agent({ ca: fs.readFileSync('ca.pem') });` },
    { code: `tls.connect({ host, port, rejectUnauthorized: process.env.NODE_ENV === 'production' });`, name: 'dynamic value is not flagged' },
    { code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';` },
    { code: `const opts = { strictSSL: true };` },
    { code: `const opts = { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) };` },
    { code: `const rejectUnauthorized = false; console.log(rejectUnauthorized);`, name: 'a variable of that name is not an option' },
    { code: `cookie.set('s', v, { secure: false });` },
    { code: `const env = { NODE_TLS_REJECT_UNAUTHORIZED: '1' };` },
    { code: `const agent = new https.Agent({\n  // rejectUnauthorized: false,\n  keepAlive: true,\n});`, name: 'a commented-out option is not an option' },
    { code: `const opts = { rejectUnauthorized: !insecure };`, name: 'a negated flag is not a known value' },
    { code: `tls.connect({ host, rejectUnauthorized: false ? 1 : true });`, name: 'a conditional that folds to true' },
    { code: `const agent = new https.Agent({ 'rejectUnauthorized': true, keepAlive: false });` },
    { code: `const strictSSL = { strictSSL: 'yes' };`, name: 'a truthy string keeps verification on' },
  ],
  invalid: [
    {
      code: `const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });`,
      errors: [{ messageId: 'rejectUnauthorized', line: 1, column: 50, endLine: 1, endColumn: 75 }],
      output: `const agent = new https.Agent({ keepAlive: true });`,
    },
    {
      code: `const client = axios.create({\n  httpsAgent: new https.Agent({\n    rejectUnauthorized: false, // self-signed in dev\n    keepAlive: true,\n  }),\n});`,
      filename: 'client.js',
      errors: [{ messageId: 'rejectUnauthorized', line: 3, column: 5, endLine: 3, endColumn: 30 }],
      output: `const client = axios.create({\n  httpsAgent: new https.Agent({\n    keepAlive: true,\n  }),\n});`,
    },
    {
      code: `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nfetch(url);`,
      errors: [{ messageId: 'envDisabled', line: 1, column: 1, endLine: 1, endColumn: 47 }],
      output: `fetch(url);`,
    },
    {
      code: `process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;`,
      errors: [{ messageId: 'envDisabled', line: 1, column: 1, endLine: 1, endColumn: 48 }],
      output: ``,
    },
    {
      code: `https.globalAgent.options.rejectUnauthorized = false;`,
      errors: [{ messageId: 'rejectUnauthorized', line: 1, column: 1, endLine: 1, endColumn: 53 }],
      output: ``,
    },
    {
      code: `request({ url, strictSSL: false }, cb);`,
      errors: [{ messageId: 'rejectUnauthorized', line: 1, column: 16, endLine: 1, endColumn: 32 }],
      output: `request({ url }, cb);`,
    },
    {
      code: `tls.connect({ host, checkServerIdentity: () => undefined });`,
      errors: [{ messageId: 'identityBypass', line: 1, column: 21, endLine: 1, endColumn: 57 }],
      output: `tls.connect({ host });`,
    },
    {
      name: 'a comment on a line of its own belongs to the next property and stays',
      code: `const agent = new https.Agent({\n  rejectUnauthorized: false,\n  // keep connections open between polls\n  keepAlive: true,\n});`,
      errors: [{ messageId: 'rejectUnauthorized', line: 2, column: 3, endLine: 2, endColumn: 28 }],
      output: `const agent = new https.Agent({\n  // keep connections open between polls\n  keepAlive: true,\n});`,
    },
    {
      name: 'the last property: the comment above it stays, its own trailing comment goes',
      code: `const agent = new https.Agent({\n  keepAlive: true,\n  // TODO: remove before release\n  rejectUnauthorized: false /* dev only */\n});`,
      errors: [{ messageId: 'rejectUnauthorized', line: 4, column: 3, endLine: 4, endColumn: 28 }],
      output: `const agent = new https.Agent({\n  keepAlive: true,\n  // TODO: remove before release\n});`,
    },
    {
      name: 'on one line: a block comment before the next property stays',
      code: `tls.connect({ rejectUnauthorized: false, /* the port */ port });`,
      errors: [{ messageId: 'rejectUnauthorized', line: 1, column: 15, endLine: 1, endColumn: 40 }],
      output: `tls.connect({ /* the port */ port });`,
    },
    {
      name: 'the only property, over several lines: empty braces, not blank lines',
      code: `const agent = new https.Agent({\n  rejectUnauthorized: false,\n});`,
      errors: [{ messageId: 'rejectUnauthorized', line: 2, column: 3, endLine: 2, endColumn: 28 }],
      output: `const agent = new https.Agent({});`,
    },
    {
      name: 'the only property with a comment inside the braces: the comment stays',
      code: `const agent = new https.Agent({\n  // self-signed in dev\n  rejectUnauthorized: false,\n});`,
      errors: [{ messageId: 'rejectUnauthorized', line: 3, column: 3, endLine: 3, endColumn: 28 }],
      output: `const agent = new https.Agent({\n  // self-signed in dev\n});`,
    },
    {
      code: `spawn('node', ['app.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });`,
      errors: [{ messageId: 'envDisabled', line: 1, column: 52, endLine: 1, endColumn: 85 }],
      output: `spawn('node', ['app.js'], { env: { ...process.env } });`,
    },
  ],
});
