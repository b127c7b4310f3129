import rule from '../../../src/rules/js/require-jwt-algorithms';
import { ruleTester } from '../../lib/rule-tester';

const JWT = `import jwt from 'jsonwebtoken';\n`;

ruleTester(rule, {
  valid: [
    { code: `import jwt from "jsonwebtoken";\nconst payload = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });`, name: 'a double-quoted file with an allow-list' },
    { code: `${JWT}jwt.verify(token, secret, { algorithms: ['HS256'] });` },
    { code: `${JWT}jwt.verify(token, publicKey, { algorithms: ['RS256'], issuer: 'auth' }, (err, p) => done(p));` },
    { code: `${JWT}const opts = { algorithms: ['ES256'] };\njwt.verify(token, key, opts);` },
    { code: `${JWT}jwt.verify(token, key, config.jwtOptions);`, name: 'options from elsewhere: unknown' },
    { code: `${JWT}jwt.verify(token, key, { ...baseOptions, audience: 'api' });`, name: 'spread may carry algorithms' },
    { code: `${JWT}jwt.sign(payload, secret);`, name: 'sign is not verify' },
    { code: `import { jwtVerify } from 'jose';\nawait jwtVerify(token, key);`, name: 'jose checks the key type' },
    { code: `const verifier = { verify() {} };\nverifier.verify(token, secret);`, name: 'local verify' },
    { code: `import jwt from 'jsonwebtoken';\njwt.verify(...args);`, name: 'spread arguments' },
  ],
  invalid: [
    {
      name: 'the allow-list keeps the double quotes of the file',
      code: `import jwt from "jsonwebtoken";\nconst payload = jwt.verify(token, process.env.JWT_SECRET);`,
      errors: [{
        messageId: 'missingAlgorithms', line: 2, column: 17, endLine: 2, endColumn: 58,
        suggestions: [{ messageId: 'addAlgorithms', output: `import jwt from "jsonwebtoken";\nconst payload = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ["HS256"] });` }],
      }],
    },
    {
      code: `${JWT}const payload = jwt.verify(token, process.env.JWT_SECRET);`,
      errors: [{
        messageId: 'missingAlgorithms', line: 2, column: 17, endLine: 2, endColumn: 58,
        suggestions: [{ messageId: 'addAlgorithms', output: `${JWT}const payload = jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `const jwt = require('jsonwebtoken');\nconst publicKey = fs.readFileSync('keys/public.pem');\njwt.verify(token, publicKey, (err, decoded) => next(decoded));`,
      filename: 'auth.js',
      errors: [{
        messageId: 'missingAlgorithms', line: 3, column: 1, endLine: 3, endColumn: 62,
        suggestions: [{ messageId: 'addAlgorithms', output: `const jwt = require('jsonwebtoken');\nconst publicKey = fs.readFileSync('keys/public.pem');\njwt.verify(token, publicKey, { algorithms: ['RS256'] }, (err, decoded) => next(decoded));` }],
      }],
    },
    {
      code: `import { verify } from 'jsonwebtoken';\nverify(token, config.auth.publicKey, { issuer: 'https://auth.example.com' });`,
      errors: [{
        messageId: 'missingAlgorithms', line: 2, column: 1, endLine: 2, endColumn: 77,
        suggestions: [{ messageId: 'addAlgorithms', output: `import { verify } from 'jsonwebtoken';\nverify(token, config.auth.publicKey, { algorithms: ['RS256'], issuer: 'https://auth.example.com' });` }],
      }],
    },
    {
      code: `${JWT}jwt.verify(token, SECRET, {});`,
      errors: [{
        messageId: 'missingAlgorithms', line: 2, column: 1, endLine: 2, endColumn: 30,
        suggestions: [{ messageId: 'addAlgorithms', output: `${JWT}jwt.verify(token, SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `${JWT}const opts = { maxAge: '1h' };\njwt.verify(token, SECRET, opts);`,
      errors: [{ messageId: 'missingAlgorithms', line: 3, column: 1, endLine: 3, endColumn: 32 }],
    },
  ],
});
