import rule from '../../../src/rules/js/no-shell-injection';
import { ruleTester } from '../../lib/rule-tester';

const expressHead = `import express from 'express';\nimport { exec } from 'node:child_process';\nconst app = express();\n`;

ruleTester(rule, {
  valid: [
    { code: `${expressHead}app.get('/ls', (req, res) => { exec('ls -la', (e, out) => res.send(out)); });`, name: 'constant command' },
    { code: `import { execFile } from 'child_process';\napp.get('/log', (req, res) => execFile('git', ['log', req.query.branch], cb));`, name: 'execFile without shell' },
    { code: `import { spawn } from 'child_process';\napp.post('/run', (req, res) => spawn('git', ['show', req.body.ref]));`, name: 'spawn without shell' },
    { code: `function exec(cmd) { return cmd; }\napp.get('/x', (req, res) => exec(req.query.cmd));`, name: 'a local function named exec' },
    { code: `import { exec } from 'child_process';\nfunction run(dir) { exec(\`ls \${dir}\`); }`, name: 'parameter of an ordinary function is not known to be untrusted' },
    { code: `${expressHead}app.get('/n', (req, res) => exec(\`kill -9 \${parseInt(req.query.pid, 10)}\`));`, name: 'numeric conversion' },
    { code: `import { exec } from 'child_process';\nexec(\`echo \${process.env.HOME}\`);`, name: 'environment is operator-controlled' },
    { code: `import cp from 'child_process';\nconst cmd = 'npm test';\ncp.execSync(cmd);`, name: 'const binding' },
    { code: `import { spawn } from 'child_process';\nspawn('sh', ['-c', 'echo hello'], { stdio: 'inherit' });`, name: 'constant shell script' },
    { code: `import { exec } from 'child_process';\nimport OpenAI from 'openai';\nconst c = await new OpenAI().chat.completions.create({});\nexec(\`notify-send done\`);`, name: 'model call nearby but not used' },
    { code: `import { execa } from 'execa';\napp.get('/x', async (req) => execa('git', ['log', req.query.branch]));`, name: 'execa without a shell' },
    { code: `import { execaCommand } from 'execa';\napp.get('/x', async (req) => execaCommand(\`git log \${req.query.branch}\`));`, name: 'execaCommand splits on spaces without a shell' },
    { code: `import shell from 'shelljs';\napp.get('/x', (req) => shell.ls(req.query.dir));`, name: 'shelljs commands other than exec' },
    { code: `import shell from 'shelljs';\nshell.exec('npm test');`, name: 'shelljs exec of a constant' },
    { code: `const { exec } = require('shelljs-like-local');\napp.get('/x', (req) => exec(req.query.cmd));`, name: 'exec from another module' },
  ],
  invalid: [
    {
      name: 'template literal with request data, named import',
      code: `${expressHead}app.get('/log', (req, res) => {\n  exec(\`git log \${req.query.branch} --oneline\`, (err, out) => res.send(out));\n});`,
      errors: [
        {
          messageId: 'shellInjection', line: 5, column: 8, endLine: 5, endColumn: 47, related: 1,
          suggestions: [
            {
              messageId: 'useExecFile',
              output: `import express from 'express';\nimport { exec, execFile } from 'node:child_process';\nconst app = express();\napp.get('/log', (req, res) => {\n  execFile('git', ['log', req.query.branch, '--oneline'], (err, out) => res.send(out));\n});`,
            },
          ],
        },
      ],
    },
    {
      name: 'concatenation through variables, namespace require',
      code: `const cp = require('child_process');\nmodule.exports = (req, res) => {\n  const host = req.body.host;\n  const cmd = 'ping -c 1 ' + host;\n  cp.execSync(cmd);\n};`,
      filename: 'ping.js',
      errors: [{ messageId: 'shellInjection', line: 5, column: 15, endLine: 5, endColumn: 18, related: 1 }],
    },
    {
      name: 'direct concatenation gets the execFile suggestion on a member callee',
      code: `const cp = require('child_process');\napp.post('/ping', (req, res) => cp.exec('ping -c 1 ' + req.body.host));`,
      filename: 'ping.js',
      errors: [
        {
          messageId: 'shellInjection', line: 2, column: 41, endLine: 2, endColumn: 69,
          suggestions: [{ messageId: 'useExecFile', output: `const cp = require('child_process');\napp.post('/ping', (req, res) => cp.execFile('ping', ['-c', '1', req.body.host]));` }],
        },
      ],
    },
    {
      name: 'model output into exec via promisify (no suggestion for promisified exec)',
      code: `import OpenAI from 'openai';\nimport { exec } from 'child_process';\nimport { promisify } from 'util';\nconst run = promisify(exec);\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst command = r.choices[0].message.content;\nawait run(command);`,
      errors: [{ messageId: 'shellInjection', line: 8, column: 11, endLine: 8, endColumn: 18, related: 1 }],
    },
    {
      name: 'spawn with shell: true',
      code: `import { spawn } from 'child_process';\nrouter.post('/build', async (ctx) => {\n  spawn(\`make \${ctx.request.body.target}\`, { shell: true });\n});`,
      errors: [{ messageId: 'shellInjection', line: 3, column: 9, endLine: 3, endColumn: 42 }],
    },
    {
      name: 'spawn of a shell with -c',
      code: `import { spawn } from 'child_process';\nconst script = process.argv[2];\nspawn('bash', ['-c', script]);`,
      errors: [{ messageId: 'shellInjection', line: 3, column: 22, endLine: 3, endColumn: 28 }],
    },
    {
      name: 'shell syntax in the template means no suggestion',
      code: `${expressHead}app.get('/grep', (req, res) => exec(\`grep \${req.query.q} /var/log/app.log | head\`));`,
      errors: [{ messageId: 'shellInjection', line: 4, column: 37, endLine: 4, endColumn: 82 }],
    },
    {
      name: 'quoted interpolation becomes a plain argument',
      code: `${expressHead}app.get('/f', (req, res) => exec(\`file "\${req.query.path}"\`));`,
      errors: [
        {
          messageId: 'shellInjection', line: 4, column: 34, endLine: 4, endColumn: 60,
          suggestions: [{ messageId: 'useExecFile', output: `import express from 'express';\nimport { exec, execFile } from 'node:child_process';\nconst app = express();\napp.get('/f', (req, res) => execFile('file', [req.query.path]));` }],
        },
      ],
    },
    {
      name: 'shelljs exec',
      code: `import shell from 'shelljs';\napp.post('/deploy', (req, res) => {\n  shell.exec(\`./deploy.sh \${req.body.env}\`);\n});`,
      errors: [{ messageId: 'shellInjection', line: 3, column: 14, endLine: 3, endColumn: 43, related: 1 }],
    },
    {
      name: 'execa with shell: true',
      code: `import { execa } from 'execa';\napp.get('/x', async (req) => execa(req.query.cmd, { shell: true }));`,
      errors: [{ messageId: 'shellInjection', line: 2, column: 36, endLine: 2, endColumn: 49 }],
    },
  ],
});
