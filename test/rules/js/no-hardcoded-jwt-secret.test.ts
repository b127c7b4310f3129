import rule from '../../../src/rules/js/no-hardcoded-jwt-secret';
import { ruleTester } from '../../lib/rule-tester';

const JWT = `import jwt from 'jsonwebtoken';\n`;

ruleTester(rule, {
  valid: [
    { code: `${JWT}jwt.sign(payload, process.env.JWT_SECRET!, { expiresIn: '1h' });` },
    { code: `${JWT}jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] });` },
    { code: `${JWT}const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';\njwt.verify(token, PUBLIC_KEY, { algorithms: ['ES256'] });`, name: 'public key is not a secret' },
    { code: `${JWT}const JWT_SECRET = 'kT9#vQ2$mX8!pL4&zR7^wN3*';\njwt.sign(payload, JWT_SECRET);`, name: 'random secret: reported by js/no-hardcoded-secrets' },
    { code: `${JWT}jwt.sign(payload, 'changeme');`, filename: 'test/auth.test.ts', name: 'test files' },
    { code: `const jwt = { sign: (p, k) => k };\njwt.sign(payload, 'secret');`, name: 'local sign' },
    { code: `import crypto from 'node:crypto';\ncrypto.createHmac('sha256', 'secret');`, name: 'not a JWT library' },
    { code: `import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));` },
    { code: `${JWT}let secret = 'dev';\nsecret = loadSecret();\njwt.sign(payload, secret);`, name: 'reassigned variable' },
    { code: `import { SignJWT } from 'jose';\nconst key = new TextEncoder().encode(process.env.JWT_SECRET);\nexport const issue = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(key);`, name: 'jose with a key from the environment' },
    { code: `import { jwtVerify, createRemoteJWKSet } from 'jose';\nconst JWKS = createRemoteJWKSet(new URL('https://auth.example.com/.well-known/jwks.json'));\nexport const check = (t: string) => jwtVerify(t, JWKS);`, name: 'jose with a remote key set' },
    { code: `import { SignJWT } from 'jose';\nconst header = new TextEncoder().encode('not-a-key');\nawait new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('urn:example:issuer').sign(loadKey());`, name: 'jose: literals in other builder calls are not the key' },
    { code: `import jwt from 'jwt-simple';\nexport const encode = (p) => jwt.encode(p, process.env.JWT_SECRET);`, name: 'jwt-simple with a key from the environment' },
    { code: `const signer = { sign: (k) => k };\nimport 'jose';\nsigner.sign('literal');`, name: 'sign() of an object that is not a jose builder' },
    { code: `import Fastify from 'fastify';\nimport fastifyJwt from '@fastify/jwt';\nconst app = Fastify();\napp.register(fastifyJwt, { secret: process.env.JWT_SECRET! });`, name: '@fastify/jwt with a secret from the environment' },
    { code: `import koaJwt from 'koa-jwt';\napp.use(koaJwt({ secret: process.env.JWT_SECRET, passthrough: true }));`, name: 'koa-jwt with a secret from the environment' },
  ],
  invalid: [
    {
      code: `${JWT}const token = jwt.sign({ id: user.id }, 'secret', { expiresIn: '7d' });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 41, endLine: 2, endColumn: 49,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '7d' });` }],
      }],
    },
    {
      code: `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = process.env.JWT_SECRET || 'your-secret-key';\nmodule.exports = (t) => jwt.verify(t, JWT_SECRET, { algorithms: ['HS256'] });`,
      filename: 'auth.js',
      errors: [{
        messageId: 'fallbackSecret', line: 2, column: 46, endLine: 2, endColumn: 63,
        suggestions: [{ messageId: 'removeFallback', output: `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = process.env.JWT_SECRET;\nmodule.exports = (t) => jwt.verify(t, JWT_SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `${JWT}const SECRET = 'supersecret';\nexport const sign = (p) => jwt.sign(p, SECRET);\nexport const check = (t) => jwt.verify(t, SECRET, { algorithms: ['HS256'] });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 16, endLine: 2, endColumn: 29,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}const SECRET = process.env.JWT_SECRET;\nexport const sign = (p) => jwt.sign(p, SECRET);\nexport const check = (t) => jwt.verify(t, SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));`,
      filename: 'app.js',
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 30, endLine: 2, endColumn: 50,
        suggestions: [{ messageId: 'useEnvVar', output: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));` }],
      }],
    },
    {
      code: `import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: 'changeme', signOptions: { expiresIn: '60s' } });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 50, endLine: 2, endColumn: 60,
        suggestions: [{ messageId: 'useEnvVar', output: `import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } });` }],
      }],
    },
    {
      code: `import { Strategy } from 'passport-jwt';\nnew Strategy({ jwtFromRequest, secretOrKey: 'keyboard cat' }, verifyUser);`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 45, endLine: 2, endColumn: 59,
        suggestions: [{ messageId: 'useEnvVar', output: `import { Strategy } from 'passport-jwt';\nnew Strategy({ jwtFromRequest, secretOrKey: process.env.JWT_SECRET }, verifyUser);` }],
      }],
    },
    {
      code: `${JWT}jwt.sign(payload, Buffer.from('my-jwt-secret'));`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 31, endLine: 2, endColumn: 46,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}jwt.sign(payload, Buffer.from(process.env.JWT_SECRET));` }],
      }],
    },
    {
      name: 'jose SignJWT signs with an encoded literal',
      code: `import { SignJWT } from 'jose';\nconst secret = new TextEncoder().encode('dev-jwt-secret');\nexport const issue = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 41, endLine: 2, endColumn: 57,
        suggestions: [{ messageId: 'useEnvVar', output: `import { SignJWT } from 'jose';\nconst secret = new TextEncoder().encode(process.env.JWT_SECRET);\nexport const issue = (sub: string) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(secret);` }],
      }],
    },
    {
      name: 'jose jwtVerify with a fallback inside encode()',
      code: `import * as jose from 'jose';\nconst key = new TextEncoder().encode(process.env.AUTH_SECRET || 'fallback-secret');\nexport const check = (t: string) => jose.jwtVerify(t, key);`,
      errors: [{
        messageId: 'fallbackSecret', line: 2, column: 65, endLine: 2, endColumn: 82,
        suggestions: [{ messageId: 'removeFallback', output: `import * as jose from 'jose';\nconst key = new TextEncoder().encode(process.env.AUTH_SECRET);\nexport const check = (t: string) => jose.jwtVerify(t, key);` }],
      }],
    },
    {
      name: 'jose builder held in a variable',
      code: `import { SignJWT } from 'jose';\nconst builder = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' });\nawait builder.sign(new TextEncoder().encode('admin-secret'));`,
      errors: [{
        messageId: 'hardcodedSecret', line: 3, column: 45, endLine: 3, endColumn: 59,
        suggestions: [{ messageId: 'useEnvVar', output: `import { SignJWT } from 'jose';\nconst builder = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' });\nawait builder.sign(new TextEncoder().encode(process.env.JWT_SECRET));` }],
      }],
    },
    {
      name: 'jwt-simple encode and decode share a literal',
      code: `const jwt = require('jwt-simple');\nconst SECRET = 'xxx';\nexports.encode = (p) => jwt.encode(p, SECRET);\nexports.decode = (t) => jwt.decode(t, SECRET);`,
      filename: 'token.js',
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 16, endLine: 2, endColumn: 21,
        suggestions: [{ messageId: 'useEnvVar', output: `const jwt = require('jwt-simple');\nconst SECRET = process.env.JWT_SECRET;\nexports.encode = (p) => jwt.encode(p, SECRET);\nexports.decode = (t) => jwt.decode(t, SECRET);` }],
      }],
    },
    {
      name: 'passport-jwt Strategy under another name',
      code: `import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\npassport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'secret' }, verify));`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 103, endLine: 2, endColumn: 111,
        suggestions: [{ messageId: 'useEnvVar', output: `import { Strategy as JwtStrategy, ExtractJwt } from 'passport-jwt';\npassport.use(new JwtStrategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: process.env.JWT_SECRET }, verify));` }],
      }],
    },
    {
      name: 'koa-jwt',
      code: `const jwt = require('koa-jwt');\napp.use(jwt({ secret: 'shared-secret' }).unless({ path: [/^\\/public/] }));`,
      filename: 'app.js',
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 23, endLine: 2, endColumn: 38,
        suggestions: [{ messageId: 'useEnvVar', output: `const jwt = require('koa-jwt');\napp.use(jwt({ secret: process.env.JWT_SECRET }).unless({ path: [/^\\/public/] }));` }],
      }],
    },
    {
      name: '@fastify/jwt registered with a literal secret',
      code: `import fastifyJwt from '@fastify/jwt';\nawait app.register(fastifyJwt, { secret: 'supersecret' });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 42, endLine: 2, endColumn: 55,
        suggestions: [{ messageId: 'useEnvVar', output: `import fastifyJwt from '@fastify/jwt';\nawait app.register(fastifyJwt, { secret: process.env.JWT_SECRET });` }],
      }],
    },
  ],
});
