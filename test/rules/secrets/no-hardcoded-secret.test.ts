import assert from 'node:assert/strict';
import rule from '../../../src/rules/secrets/no-hardcoded-secret';
import { lint, ruleTester } from '../../lib/rule-tester';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
/** High-entropy values that no provider format claims (name-based findings). */
const RANDOM = 'Zq8Xv2Lm9Rt4Wy7Kp3Nb6Hc1Jd5Fs0Gq';
const PASSWORD = 'Tq7#Lx9!vR2@mN4p';
const SESSION = 'g7Kp2Lm9Qx4Rv8Zt3Wy6Nb1Hc5Jd0Fs';
const notebook = (lines: string[]): string =>
  JSON.stringify({ cells: [{ cell_type: 'code', source: lines, outputs: [], metadata: {}, execution_count: null }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);

ruleTester(rule, {
  valid: [
    { name: 'Python: a single-quoted environment read', filename: 'app/db.py', code: "import os\n\nengine = connect(host='db', password=os.environ['PASSWORD'])\n" },
    { name: '.env.example is a template', filename: '.env.example', code: `SESSION_SECRET=${SESSION}\n` },
    { name: '.env: placeholders, references and flags', filename: '.env', code: 'API_KEY=your-api-key-here\nTOKEN=${TOKEN}\nDEBUG=true\nPASSWORD=\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\nSECRET=changeme\n' },
    { name: 'Python: values read from the environment', filename: 'settings.py', code: 'import os\nSECRET_KEY = os.environ["SECRET_KEY"]\nDB_PASSWORD = os.getenv("DB_PASSWORD", "")\n' },
    { name: 'Python: names that only mention secrets', filename: 'forms.py', code: 'PASSWORD_FIELD = "password_confirmation"\nTOKEN_URL = "https://oauth.example.com/token"\nsecret_name = "prod/db/credentials"\n' },
    { name: 'Java: a bcrypt hash is stored on purpose', filename: 'Users.java', code: 'String passwordHash = "$2b$12$KIXQJ9nZq8Xv2Lm9Rt4Wy7Kp3Nb6Hc1Jd5Fs0GqAbCdEfGhIjKlM";\n' },
    { name: 'Go: a comparison is not an assignment', filename: 'auth.go', code: `if token == "${RANDOM}" {\n}\n` },
    { name: 'Go: a secret read from the environment', filename: 'main.go', code: 'var apiToken = os.Getenv("API_TOKEN")\n' },
    { name: 'Kubernetes Secret: a user name, an empty value and a Helm template', filename: 'k8s/secret.yaml', code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: ${b64('admin')}\n  password: ""\nstringData:\n  token: "{{ .Values.token }}"\n` },
    { name: 'YAML: references and placeholders', filename: 'config/app.yaml', code: 'database:\n  password: ${DB_PASSWORD}\n  token: "{{ vault_token }}"\n  api_key: <your key>\n' },
    { name: 'YAML: random values under names without a secret word', filename: 'config/app.yaml', code: `image:\n  digest: ${RANDOM}\n  labels: {build: ${SESSION}}\n` },
    { name: 'YAML: an escaped key that spells no secret name', filename: 'config/app.yaml', code: `service:\n  "n\\x61me": "${RANDOM}"\n` },
    { name: 'JSON: random values under names without a secret word', filename: 'config/default.json', code: `{\n  "build": {"digest": "${RANDOM}"},\n  "ids": ["${SESSION}"]\n}\n` },
    { name: 'JSON: an escaped key that spells no secret name', filename: 'config/default.json', code: `{\n  "n\\u0061me": "${RANDOM}"\n}\n` },
    { name: 'JSON: names that are not secrets', filename: 'config/default.json', code: '{\n  "passwordPolicy": "strong-with-symbols",\n  "tokenEndpoint": "https://login.example.com/oauth2/v2.0/token"\n}\n' },
    { name: 'Terraform: a variable', filename: 'db.tf', code: 'resource "aws_db_instance" "db" {\n  password = var.db_password\n}\n' },
    { name: 'Markdown prose', filename: 'README.md', code: 'The `password` must be at least 12 characters; set `API_KEY` in your shell.\n' },
    { name: 'an image as data URI under a token-like name', filename: 'theme.json', code: `{ "tokenIcon": "data:image/png;base64,${b64('x'.repeat(60))}" }\n` },
    { name: 'a UUID under a secret name', filename: 'app.properties', code: 'client.secret=123e4567-e89b-12d3-a456-426614174000\n' },
    { name: 'INI comments', filename: 'setup.cfg', code: `; password = ${PASSWORD}\n# token = ${RANDOM}\n` },
    { name: '.npmrc with a reference', filename: '.npmrc', code: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    { name: 'notebook: the key comes from the environment', filename: 'nb.ipynb', code: notebook(['import os\n', 'API_KEY = os.environ["API_KEY"]\n']) },
    { name: 'XML: a connection string without a password', filename: 'web.config', code: '<add name="Default" connectionString="Server=db;Database=app;Integrated Security=true" />\n' },
    { name: 'Ruby: a short identifier-like value', filename: 'app.rb', code: "config.secret_key_name = 'session_key'\n" },
    { name: 'a lock file is never read', filename: 'package-lock.json', code: `{ "token": "${RANDOM}" }\n` },
    { name: 'shell: the variable is passed through', filename: 'run.sh', code: 'export API_TOKEN="${API_TOKEN:?set it}"\n' },
    // False positives found on the secrets precision corpus (bench/corpus/secrets-scan.ts), one case per class.
    {
      name: 'Python: neighbours in a tuple or list are not name/value pairs (Django migrations, header sets)',
      filename: 'app/migrations/0003_alter_user.py',
      code: "dependencies = [\n    ('auth', '0002_alter_permission_name_max_length'),\n]\nREMOVE = frozenset([\"Cookie\", \"Authorization\", \"Proxy-Authorization\"])\n",
    },
    {
      name: 'Python: type names and dotted paths under secret names (annotations, docstring roles)',
      filename: 'crypto/ec.py',
      code: 'def sign(backend: "Backend", private_key: "_EllipticCurvePrivateKey", data: bytes):\n    """\n    :type credentials: :py:class:`~botocore.credentials.Credentials`\n    """\n',
    },
    { name: 'Python: a regular expression under a `*_PAT` name', filename: 'util/url.py', code: 'HEX_PAT = "[0-9A-Fa-f]{1,4}"\n' },
    { name: 'Python: the prefix of a secret format', filename: 'checks.py', code: "SECRET_KEY_INSECURE_PREFIX = 'django-insecure-'\n" },
    {
      name: 'Python docstring: the example tokens of RFC 6749 and RFC 5849',
      filename: 'oauth2/parameters.py',
      code: '"""\n    {\n        "access_token":"2YotnFZFEjr1zCsicMWpAA",\n        "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",\n    }\n    oauth_token="ad180jjd733klru7",\n"""\n',
    },
    { name: "Markdown: the bot token of Telegram's documentation", filename: 'docs/transports.md', code: '```js\noptions: {\n  botToken: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",\n}\n```\n' },
    { name: 'JSON: a URN is an identifier (a WebDAV lock token)', filename: 'webdav.json', code: '{ "Lock-Token": "urn:uuid:a515cfa4-5da4-22e1-f5b5-00a0451e6bf7" }\n' },
    { name: 'openssl.cnf: a path under a variable', filename: 'ssl/openssl.cnf', code: 'private_key\t= $dir/private/cakey.pem# The private key\n' },
    { name: "Markdown: a shell command's output", filename: 'SKILL.md', code: 'TOKEN=$(playwright-cli --raw cookie-get session_id)\n' },
    {
      name: 'JSON: a translated message under a long message key that mentions a pass',
      filename: 'zh-cn/diagnosticMessages.generated.json',
      code: '{ "Running_extra_resolution_pass_for_module_1_using_cache_location_2_6140": "使用缓存位置运行模块的额外解决传递。" }\n',
    },
    { name: 'Python: a command-line flag under a `*_FLAG` name', filename: 'flags.py', code: "DOCKER_CREDENTIAL_FILE_FLAG = '--docker-credential-file'\n" },
    { name: 'Python: where a secret is kept, not the secret (`*_NAMESPACE`)', filename: 'clientsecrets.py', code: "_SECRET_NAMESPACE = 'oauth2client:secrets#ns'\n" },
    {
      name: 'Python: connection-string options are a query string',
      filename: 'connection_string.py',
      code: "_GCE_VM_AUTH = '&authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:gcp,TOKEN_RESOURCE:FIRESTORE'\n",
    },
    {
      name: 'Python: generic types and dotted class paths (generated API models)',
      filename: 'models/v1_service_account.py',
      code: "swagger_types = {\n    'image_pull_secrets': 'list[V1LocalObjectReference]',\n    'secrets': 'list[V1ObjectReference]'\n}\nkinds = {\n    oauth2_creds: 'oauth2client_4_0.client.OAuth2Credentials',\n}\n",
    },
    { name: 'Python docstring: a class reference', filename: 'renderer.py', code: '    """\n    :param attrs_for_token: :class:`._TokenToAttrsCache` instance.\n    """\n' },
    {
      name: 'Markdown: code that calls something is not a value',
      filename: 'CHANGELOG.md',
      code: '```python\ncredentials = ServiceAccountCredentials.from_json_keyfile_name(\ncredentials = GoogleCredentials.get_application_default()\n```\n',
    },
    {
      name: 'Python: values that describe themselves (words in capitals, the secret word itself)',
      filename: 'gslib/test_config.py',
      code: "PASSWORD = '##invalid-password##'\nexpected = {'client_secret': 'AUTH_CLIENT_SECRET_value', 'proxy_pass': 'CLOUDSDK_PROXY_PASSWORD_value'}\n",
    },
    { name: 'JSON: a JWT spelled out in words', filename: 'data/external_subject_token.json', code: '{ "access_token": "HEADER.SIMULATED_JWT_PAYLOAD.SIGNATURE" }\n' },
    {
      name: 'Python: Basic credentials and a user:password pair with a placeholder password',
      filename: 'oauth2/sts_client.py',
      code: 'headers = {"Authorization": "Basic dXNlcm5hbWU6cGFzc3dvcmQ="}\nUrl("http", auth="user%40email.com:password", host="example.com", path="/")\n',
    },
    {
      name: 'Markdown: base64 of a phrase ("not my real password")',
      filename: 'README.md',
      code: "```js\nconst arb = new Arborist({\n  auth: 'aXNhYWNzOm5vdCBteSByZWFsIHBhc3N3b3Jk',\n  password: 'bm90IG15IHJlYWwgcGFzc3dvcmQ=',\n})\n```\n",
    },
  ],
  invalid: [
    {
      name: '.env: a random session secret (no inline fix: the file itself must leave the repository, listed in .gitignore)',
      filename: 'services/api/.env',
      code: `# local settings\nSESSION_SECRET=${SESSION}\nDEBUG=true\n`,
      errors: [
        {
          messageId: 'namedSecret',
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 47,
          suggestions: [{ messageId: 'ignoreFile', output: `# local settings\nSESSION_SECRET=${SESSION}\nDEBUG=true\n`, files: { '.gitignore': '/.env\n' } }],
        },
      ],
    },
    {
      name: 'Python: a password, with os imported by the fix',
      filename: 'config/settings.py',
      code: `"""Settings."""\nimport sys\n\nDB_PASSWORD = "${PASSWORD}"\n`,
      errors: [
        {
          messageId: 'namedPassword', line: 4, column: 16, endLine: 4, endColumn: 32,
          suggestions: [{ messageId: 'useEnv', output: '"""Settings."""\nimport os\nimport sys\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n' }],
        },
      ],
    },
    {
      name: 'Python: the environment read keeps the single quotes of the literal',
      filename: 'app/db.py',
      code: `import os\n\nengine = connect(host='db', password='${PASSWORD}')\n`,
      errors: [
        {
          messageId: 'namedPassword', line: 3, column: 39, endLine: 3, endColumn: 55,
          suggestions: [{ messageId: 'useEnv', output: "import os\n\nengine = connect(host='db', password=os.environ['PASSWORD'])\n" }],
        },
      ],
    },
    {
      name: 'Python: a keyword argument',
      filename: 'app/db.py',
      code: `import os\n\nengine = connect(host="db", password="${PASSWORD}")\n`,
      errors: [
        {
          messageId: 'namedPassword', line: 3, column: 39, endLine: 3, endColumn: 55,
          suggestions: [{ messageId: 'useEnv', output: 'import os\n\nengine = connect(host="db", password=os.environ["PASSWORD"])\n' }],
        },
      ],
    },
    {
      name: 'Go: a constant',
      filename: 'main.go',
      code: `package main\n\nconst apiToken = "${RANDOM}"\n`,
      errors: [{ messageId: 'namedSecret', line: 3, column: 19, endLine: 3, endColumn: 51, suggestions: [{ messageId: 'useEnv', output: 'package main\n\nconst apiToken = os.Getenv("API_TOKEN")\n' }] }],
    },
    {
      name: 'Java: a static final field',
      filename: 'src/Db.java',
      code: `class Db {\n  private static final String DB_PASSWORD = "${PASSWORD}";\n}\n`,
      errors: [{ messageId: 'namedPassword', line: 2, column: 46, endLine: 2, endColumn: 62, suggestions: [{ messageId: 'useEnv', output: 'class Db {\n  private static final String DB_PASSWORD = System.getenv("DB_PASSWORD");\n}\n' }] }],
    },
    {
      name: 'Ruby: an attribute',
      filename: 'config/app.rb',
      code: `config.secret_key = '${SESSION}'\n`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 22, endLine: 1, endColumn: 53, suggestions: [{ messageId: 'useEnv', output: 'config.secret_key = ENV.fetch("SECRET_KEY")\n' }] }],
    },
    {
      name: 'C#: an auto-property initializer',
      filename: 'Settings.cs',
      code: `public string ClientSecret { get; } = "${SESSION}";\n`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 40, endLine: 1, endColumn: 71, suggestions: [{ messageId: 'useEnv', output: 'public string ClientSecret { get; } = Environment.GetEnvironmentVariable("CLIENT_SECRET");\n' }] }],
    },
    {
      name: 'PowerShell',
      filename: 'deploy.ps1',
      code: `$apiToken = "${RANDOM}"\n`,
      errors: [{ messageId: 'namedSecret', line: 1, column: 14, endLine: 1, endColumn: 46, suggestions: [{ messageId: 'useEnv', output: '$apiToken = $env:API_TOKEN\n' }] }],
    },
    {
      name: 'shell: an exported token',
      filename: 'scripts/deploy.sh',
      code: `#!/bin/sh\nexport API_TOKEN="${RANDOM}"\n`,
      errors: [{ messageId: 'namedSecret', line: 2, column: 19, endLine: 2, endColumn: 51, suggestions: [{ messageId: 'useEnv', output: '#!/bin/sh\nexport API_TOKEN="${API_TOKEN}"\n' }] }],
    },
    {
      name: '.npmrc: a literal auth token',
      filename: '.npmrc',
      code: `//npm.example.com/:_authToken=${RANDOM}\n`,
      errors: [
        {
          messageId: 'namedSecret',
          line: 1,
          column: 31,
          endLine: 1,
          endColumn: 63,
          suggestions: [
            { messageId: 'useEnv', output: '//npm.example.com/:_authToken=${NPM_TOKEN}\n' },
            { messageId: 'ignoreFile', output: `//npm.example.com/:_authToken=${RANDOM}\n`, files: { '.gitignore': '/.npmrc\n' } },
          ],
        },
      ],
    },
    {
      name: '.properties: a datasource password',
      filename: 'application.properties',
      code: `spring.datasource.username=app\nspring.datasource.password=${PASSWORD}\n`,
      errors: [{ messageId: 'namedPassword', line: 2, column: 28, endLine: 2, endColumn: 44 }],
    },
    {
      name: 'XML: a .NET appSettings key',
      filename: 'web.config',
      code: `<appSettings>\n  <add key="DbPassword" value="${PASSWORD}" />\n</appSettings>\n`,
      errors: [{ messageId: 'namedPassword', line: 2, column: 32, endLine: 2, endColumn: 48 }],
    },
    {
      name: '.netrc: any real password counts, random or not',
      filename: '.netrc',
      code: 'machine api.example.com login bob password hunter2hunter\n',
      errors: [
        {
          messageId: 'namedPassword',
          line: 1,
          column: 44,
          endLine: 1,
          endColumn: 57,
          suggestions: [{ messageId: 'ignoreFile', output: 'machine api.example.com login bob password hunter2hunter\n', files: { '.gitignore': '/.netrc\n' } }],
        },
      ],
    },
    {
      name: 'Kubernetes Secret: data is base64-decoded, reported on the encoded value',
      filename: 'k8s/secret.yaml',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: ${b64('admin')}\n  password: ${b64('correct-horse-9')}\n`,
      errors: [{ messageId: 'kubernetesSecret', line: 7, column: 13, endLine: 7, endColumn: 33 }],
    },
    {
      name: 'Kubernetes Secret: stringData is literal, and a password-like key needs no random value',
      filename: 'k8s/secret.yaml',
      code: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\nstringData:\n  api-token: plainvalue42\n',
      errors: [{ messageId: 'kubernetesSecret', line: 6, column: 14, endLine: 6, endColumn: 26 }],
    },
    {
      name: 'Kubernetes Secret: a kind spelled with an escape is still a Secret',
      filename: 'k8s/secret.yaml',
      code: 'apiVersion: v1\nkind: "S\\x65cret"\nmetadata:\n  name: api\nstringData:\n  api-token: plainvalue42\n',
      errors: [{ messageId: 'kubernetesSecret', line: 6, column: 14, endLine: 6, endColumn: 26 }],
    },
    {
      name: 'YAML application config',
      filename: 'config/app.yaml',
      code: `database:\n  host: db\n  password: "${PASSWORD}"\n`,
      errors: [{ messageId: 'namedPassword', line: 3, column: 14, endLine: 3, endColumn: 30 }],
    },
    {
      name: 'YAML: a key spelled with an escape, in a flow mapping of a later document',
      filename: 'config/app.yaml',
      code: `name: app\n---\nservices:\n  - {"p\\x61ssword": "${PASSWORD}"}\n`,
      errors: [{ messageId: 'namedPassword', line: 4, column: 22, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'JSON: a key spelled with an escape, nested in an array',
      filename: 'config/default.json',
      code: `{\n  "services": [{"api\\u0053ecret": "${SESSION}"}]\n}\n`,
      errors: [{ messageId: 'namedSecret', line: 2, column: 36, endLine: 2, endColumn: 67 }],
    },
    {
      name: 'JSON config',
      filename: 'config/default.json',
      code: `{\n  "apiSecret": "${SESSION}"\n}\n`,
      errors: [{ messageId: 'namedSecret', line: 2, column: 17, endLine: 2, endColumn: 48 }],
    },
    {
      name: 'Terraform: a literal database password becomes a sensitive variable',
      filename: 'db.tf',
      code: `resource "aws_db_instance" "db" {\n  password = "${PASSWORD}"\n}\n`,
      errors: [
        {
          messageId: 'namedPassword', line: 2, column: 15, endLine: 2, endColumn: 31,
          suggestions: [{ messageId: 'useEnv', output: 'resource "aws_db_instance" "db" {\n  password = var.password\n}\n\nvariable "password" {\n  type      = string\n  sensitive = true\n}\n' }],
        },
      ],
    },
    {
      name: 'Markdown: a key in inline code',
      filename: 'README.md',
      code: `# Setup\n\nRun \`API_KEY=${RANDOM} npm start\`.\n`,
      errors: [{ messageId: 'namedSecret', line: 3, column: 14, endLine: 3, endColumn: 46 }],
    },
    {
      name: 'notebook: a key in a code cell, at its line of the .ipynb file',
      filename: 'analysis.ipynb',
      code: notebook(['import os\n', `API_KEY = "${RANDOM}"\n`]),
      errors: [{ messageId: 'namedSecret', line: 7, column: 18, endLine: 7, endColumn: 50 }],
    },
    {
      name: 'TOML',
      filename: 'config.toml',
      code: `[service]\ntoken = "${RANDOM}"\n`,
      errors: [{ messageId: 'namedSecret', line: 2, column: 10, endLine: 2, endColumn: 42 }],
    },
  ],
});

describe('secrets/no-hardcoded-secret: severity and messages', () => {
  it('reports a key in a test fixture one severity lower, never silences it', () => {
    const [inTest] = lint(rule, `DB_PASSWORD = "${PASSWORD}"\n`, 'tests/fixtures/settings.py');
    const [inApp] = lint(rule, `DB_PASSWORD = "${PASSWORD}"\n`, 'app/settings.py');
    assert.equal(inApp.severity, 'error');
    assert.equal(inTest.severity, 'warning');
    assert.equal(inTest.properties?.inTestCode, 'true');
  });

  it('never shows the secret: only a masked preview, and says it must be revoked', () => {
    const [finding] = lint(rule, `export API_TOKEN="${RANDOM}"\n`, 'deploy.sh');
    assert.ok(!finding.message.includes(RANDOM));
    assert.match(finding.message, /\(Zq8…\(32 chars\)\)/);
    assert.match(finding.message, /revoke it now \(deleting it does not remove it from history\)/);
  });
});

describe('secrets/no-hardcoded-secret: suppressions in the file kinds it reads', () => {
  for (const [file, code] of [
    ['.env', `# rampart-ignore-next-line secrets/no-hardcoded-secret -- local throwaway key, rotated daily\nSESSION_SECRET=${SESSION}\n`],
    ['main.go', `// rampart-ignore-next-line secrets/no-hardcoded-secret -- test vector from the RFC\nconst apiToken = "${RANDOM}"\n`],
    ['app.properties', `# rampart-ignore-next-line secrets/no-hardcoded-secret -- dev database in a container\ndb.password=${PASSWORD}\n`],
    ['web.config', `<!-- rampart-ignore-next-line secrets/no-hardcoded-secret -- sample for the docs -->\n<add key="DbPassword" value="${PASSWORD}" />\n`],
  ] as const) {
    it(`${file}: a comment with a reason suppresses the next line`, () => {
      const findings = lint(rule, code, file);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].suppressed?.kind, 'inline');
    });
  }
});
