import rule from '../../../src/rules/js/no-shell-injection';
import { ruleTester } from '../../lib/rule-tester';

const expressHead = `import express from 'express';\nimport { exec } from 'node:child_process';\nconst app = express();\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'a double-quoted file passing an argument array',
      code: `import express from "express";\nimport { execFile } from "node:child_process";\nconst app = express();\napp.get("/log", (req, res) => {\n  execFile("git", ["log", req.query.branch, "--oneline"], (err, out) => res.send(out));\n});`,
    },
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
    { code: `import { execSync } from 'child_process';\nexport function run(cmd) {\n  return execSync(cmd, { stdio: 'inherit' });\n}`, name: 'an exported wrapper passing its command through unchanged is left to its callers' },
    { code: `import { exec } from 'child_process';\nexport function kill(pid: number, signal: 'TERM' | 'KILL') {\n  exec(\`kill -\${signal} \${pid}\`);\n}`, name: 'parameters typed as numbers or literal unions cannot carry shell syntax' },
    { code: `import { exec } from 'child_process';\nimport quote from 'shell-quote';\nexport function ls(dir) {\n  dir = quote.quote([dir]);\n  exec(\`ls \${dir}\`);\n}`, name: 'a parameter quoted before use' },
    { code: `import { exec } from 'child_process';\nfunction ls(d) { exec('ls ' + d); }\nls('/tmp');\nls('/var/log');`, name: 'a file-local helper called only with constants' },
    { code: `import { exec } from 'child_process';\nexport class Git {\n  private run(ref) { exec('git show ' + ref); }\n  #other(x) { exec('git log ' + x); }\n}`, name: 'private methods are not reachable from other modules' },
    { code: `import { exec } from 'child_process';\nfunction kill(pid) { exec('kill ' + pid); }\napp.post('/kill', (req) => kill(parseInt(req.body.pid, 10)));`, name: 'the only caller passes a parsed number' },
    { code: `const { exec } = require('child_process');\nfunction build(target) {\n  exec('make ' + target);\n}\nbuild(process.env.TARGET);`, name: 'a function of a script (nothing exported) called with an operator-controlled value' },
    { code: `import { exec } from 'child_process';\nexport function each(items) {\n  items.forEach((item) => console.log(item));\n  exec('make all');\n}`, name: 'a callback parameter that reaches no sink' },
    { name: 'callers decide: an exported function whose only callers (no workspace: the file) pass constants', code: `import { exec } from 'child_process';\nexport function ls(dir) {\n  return exec(\`ls -l \${dir}\`);\n}\nls('/tmp');\nls('/var/log');` },
    { name: 'callers decide: a constant built from a const binding', code: `import { exec } from 'child_process';\nconst LOGS = '/var/log';\nexport const tail = (file) => exec('tail -n 50 ' + file);\ntail(LOGS + '/app.log');` },
    { name: 'callers decide: a CommonJS export called in the file with constants', code: `const cp = require('child_process');\nfunction grep(pattern, file) {\n  return cp.execSync('grep -n ' + pattern + ' ' + file).toString();\n}\nmodule.exports = { grep, todos: () => grep('TODO', 'README.md') };`, filename: 'grep.js' },
    { name: 'callers decide: the only caller passes a quoted value', code: `import { exec } from 'child_process';\nimport { quote } from 'shell-quote';\nexport function build(dir) {\n  return exec(\`make -C \${dir}\`);\n}\nexport function buildUserDir(input) {\n  return build(quote([input]));\n}` },
    { name: 'callers decide: a default export called with a constant and with no argument', code: `import { exec } from 'child_process';\nexport default function archive(name) {\n  exec(\`tar czf \${name}.tgz data\`);\n}\narchive('backup');\narchive();` },
    { name: 'callers decide: an arrow function export called with a template of constants', code: `import { exec } from 'child_process';\nexport const pull = (branch) => exec(\`git pull origin \${branch}\`);\nconst MAIN = 'main';\npull(\`\${MAIN}\`);` },
  ],
  invalid: [
    {
      name: 'the execFile suggestion keeps the double quotes of the file',
      code: `import express from "express";\nimport { exec } from "node:child_process";\nconst app = express();\napp.get("/log", (req, res) => {\n  exec(\`git log \${req.query.branch} --oneline\`, (err, out) => res.send(out));\n});`,
      errors: [
        {
          messageId: 'shellInjection', line: 5, column: 8, endLine: 5, endColumn: 47, related: 1,
          suggestions: [
            {
              messageId: 'useExecFile',
              output: `import express from "express";\nimport { exec, execFile } from "node:child_process";\nconst app = express();\napp.get("/log", (req, res) => {\n  execFile("git", ["log", req.query.branch, "--oneline"], (err, out) => res.send(out));\n});`,
            },
          ],
        },
      ],
    },
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
    {
      name: 'a parameter of an exported function built into the command is a warning',
      code: `import { exec } from 'node:child_process';\nexport function getLsResult(dirPath) {\n  return exec(\`ls -l \${dirPath}\`);\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 15, endLine: 3, endColumn: 33, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nexport function getLsResult(dirPath) {\n  return execFile('ls', ['-l', dirPath]);\n}` }] }],
    },
    {
      name: 'a CommonJS export built by concatenation',
      code: `const cp = require('child_process');\nfunction grep(pattern, file) {\n  return cp.execSync('grep -n ' + pattern + ' ' + file).toString();\n}\nmodule.exports = { grep };`,
      filename: 'grep.js',
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 22, endLine: 3, endColumn: 55, related: 1, suggestions: [{ messageId: 'useExecFile', output: `const cp = require('child_process');\nfunction grep(pattern, file) {\n  return cp.execFileSync('grep', ['-n', pattern, file]).toString();\n}\nmodule.exports = { grep };` }] }],
    },
    {
      name: 'a public method of an exported class',
      code: `import { execSync } from 'child_process';\nexport class Git {\n  show(ref: string) {\n    return execSync(\`git show \${ref}\`, { encoding: 'utf8' });\n  }\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 4, column: 21, endLine: 4, endColumn: 38, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { execSync, execFileSync } from 'child_process';\nexport class Git {\n  show(ref: string) {\n    return execFileSync('git', ['show', ref], { encoding: 'utf8' });\n  }\n}` }] }],
    },
    {
      name: 'request data passed to a helper in the same file: the caller is the source',
      code: `import express from 'express';\nimport { exec } from 'child_process';\nconst app = express();\nfunction ping(host) {\n  exec('ping -c 1 ' + host);\n}\napp.get('/ping', (req, res) => {\n  ping(req.query.host);\n  res.end();\n});`,
      errors: [{ messageId: 'shellInjection', line: 5, column: 8, endLine: 5, endColumn: 27, related: 3, suggestions: [{ messageId: 'useExecFile', output: `import express from 'express';\nimport { exec, execFile } from 'child_process';\nconst app = express();\nfunction ping(host) {\n  execFile('ping', ['-c', '1', host]);\n}\napp.get('/ping', (req, res) => {\n  ping(req.query.host);\n  res.end();\n});` }] }],
    },
    {
      name: 'an exported function called with request data in the file is an error',
      code: `import { exec } from 'child_process';\nexport const archive = (name) => exec(\`tar czf \${name}.tgz data\`);\napp.post('/archive', (req, res) => archive(req.body.name));`,
      errors: [{ messageId: 'shellInjection', line: 2, column: 39, endLine: 2, endColumn: 65, related: 3, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport const archive = (name) => execFile('tar', ['czf', \`\${name}.tgz\`, 'data']);\napp.post('/archive', (req, res) => archive(req.body.name));` }] }],
    },
    {
      name: 'a destructured parameter of an exported function',
      code: `import { exec } from 'child_process';\nexport async function convert({ input, format }) {\n  await exec(\`convert \${input} out.\${format}\`);\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 14, endLine: 3, endColumn: 46, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport async function convert({ input, format }) {\n  await execFile('convert', [input, \`out.\${format}\`]);\n}` }] }],
    },
    {
      name: 'callers decide: a caller passes a parameter of its own exported function (that one is the source)',
      code: `import { exec } from 'child_process';\nexport function ls(dir) {\n  return exec(\`ls -l \${dir}\`);\n}\nexport function listHome(user) {\n  return ls(\`/home/\${user}\`);\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 15, endLine: 3, endColumn: 29, related: 3, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport function ls(dir) {\n  return execFile('ls', ['-l', dir]);\n}\nexport function listHome(user) {\n  return ls(\`/home/\${user}\`);\n}` }] }],
    },
    {
      name: 'callers decide: a function also passed as a callback has callers Rampart cannot see',
      code: `import { exec } from 'child_process';\nexport function ls(dir) {\n  return exec(\`ls -l \${dir}\`);\n}\nls('/tmp');\nprocess.on('message', ls);`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 15, endLine: 3, endColumn: 29, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport function ls(dir) {\n  return execFile('ls', ['-l', dir]);\n}\nls('/tmp');\nprocess.on('message', ls);` }] }],
    },
    {
      name: 'callers decide: a spread argument hides the value',
      code: `import { exec } from 'child_process';\nexport function ls(dir) {\n  return exec(\`ls -l \${dir}\`);\n}\nconst dirs = ['/tmp'];\nls(...dirs);`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 15, endLine: 3, endColumn: 29, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport function ls(dir) {\n  return execFile('ls', ['-l', dir]);\n}\nconst dirs = ['/tmp'];\nls(...dirs);` }] }],
    },
    {
      name: 'callers decide: calls inside the function itself are not callers',
      code: `import { exec } from 'child_process';\nexport function clean(dir, depth) {\n  exec(\`rm -rf \${dir}/cache\`);\n  if (depth > 0) clean(dir + '/sub', depth - 1);\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 3, column: 8, endLine: 3, endColumn: 29, related: 3, suggestions: [{ messageId: 'useExecFile', output: `import { exec, execFile } from 'child_process';\nexport function clean(dir, depth) {\n  execFile('rm', ['-rf', \`\${dir}/cache\`]);\n  if (depth > 0) clean(dir + '/sub', depth - 1);\n}` }] }],
    },
    {
      name: 'callers decide: a method called through this. may also be called on instances elsewhere',
      code: `import { execSync } from 'child_process';\nexport class Git {\n  show(ref: string) {\n    return execSync(\`git show \${ref}\`, { encoding: 'utf8' });\n  }\n  head() {\n    return this.show('HEAD');\n  }\n}`,
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 4, column: 21, endLine: 4, endColumn: 38, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { execSync, execFileSync } from 'child_process';\nexport class Git {\n  show(ref: string) {\n    return execFileSync('git', ['show', ref], { encoding: 'utf8' });\n  }\n  head() {\n    return this.show('HEAD');\n  }\n}` }] }],
    },
  ],
});
