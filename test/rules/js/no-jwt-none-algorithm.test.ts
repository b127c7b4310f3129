import rule from '../../../src/rules/js/no-jwt-none-algorithm';
import { ruleTester } from '../../lib/rule-tester';

const JWT = `import jwt from 'jsonwebtoken';\n`;

ruleTester(rule, {
  valid: [
    { code: `${JWT}jwt.verify(token, secret, { algorithms: ['HS256'] });` },
    { code: `${JWT}jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: '1h' });` },
    { code: `${JWT}jwt.verify(token, secret);`, name: 'no options: not this rule' },
    { code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { algorithms: ['RS256'] });` },
    { code: `const jwt = require('jwt-simple');\njwt.decode(token, secret);` },
    { code: `const jwt = require('jwt-simple');\njwt.decode(token, secret, false, 'HS512');` },
    { code: `const auth = { verify(t, k, o) {} };\nauth.verify(token, secret, { algorithms: ['none'] });`, name: 'local object named like jwt' },
    { code: `import jwt from 'jsonwebtoken';\nconst mode = { algorithms: ['none'] };`, name: 'list not passed to verify' },
    { code: `import { UnsecuredJWT } from 'jose';\nconst t = new UnsecuredJWT({ sub: '1' }).encode();\nUnsecuredJWT.decode('eyJhbGciOiJub25lIn0.e30.');`, name: 'constant token (test vector)' },
    { code: `import jwt from 'other-jwt';\njwt.verify(token, secret, { algorithms: ['none'] });`, name: 'another library' },
  ],
  invalid: [
    {
      code: `${JWT}jwt.verify(token, secret, { algorithms: ['HS256', 'none'] });`,
      errors: [{ messageId: 'verifyNone', line: 2, column: 51, endLine: 2, endColumn: 57 }],
      output: `${JWT}jwt.verify(token, secret, { algorithms: ['HS256'] });`,
    },
    {
      code: `const { verify } = require('jsonwebtoken');\nverify(token, null, { algorithms: ['none'] });`,
      filename: 'auth.js',
      errors: [{ messageId: 'verifyNone', line: 2, column: 36, endLine: 2, endColumn: 42 }],
    },
    {
      code: `${JWT}const ALGS = ['none', 'RS256'];\nconst opts = { algorithms: ALGS };\njwt.verify(token, publicKey, opts);`,
      errors: [{ messageId: 'verifyNone', line: 2, column: 15, endLine: 2, endColumn: 21 }],
      output: `${JWT}const ALGS = ['RS256'];\nconst opts = { algorithms: ALGS };\njwt.verify(token, publicKey, opts);`,
    },
    {
      code: `${JWT}const token = jwt.sign({ sub: user.id }, '', { algorithm: 'none' });`,
      errors: [{ messageId: 'signNone', line: 2, column: 48, endLine: 2, endColumn: 65 }],
    },
    {
      code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { algorithms: ['NONE', 'ES256'] });`,
      errors: [{ messageId: 'verifyNone', line: 2, column: 44, endLine: 2, endColumn: 50 }],
      output: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key, { algorithms: ['ES256'] });`,
    },
    {
      code: `const jwt = require('jwt-simple');\nconst claims = jwt.decode(req.headers.authorization, secret, true);`,
      filename: 'auth.js',
      errors: [{ messageId: 'noVerify', line: 2, column: 16, endLine: 2, endColumn: 67 }],
      output: `const jwt = require('jwt-simple');\nconst claims = jwt.decode(req.headers.authorization, secret);`,
    },
    {
      code: `import jwt from 'jwt-simple';\njwt.decode(token, secret, true, 'HS512');`,
      errors: [{ messageId: 'noVerify', line: 2, column: 1, endLine: 2, endColumn: 41 }],
      output: `import jwt from 'jwt-simple';\njwt.decode(token, secret, false, 'HS512');`,
    },
    {
      code: `import * as jose from 'jose';\nconst { payload } = jose.UnsecuredJWT.decode(token);`,
      errors: [{ messageId: 'unsecured', line: 2, column: 21, endLine: 2, endColumn: 52 }],
    },
  ],
});
