import rule from '../../../src/rules/python/no-disabled-tls';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import requests
r = requests.get(url, timeout=10)`, filename: 'app.py' },
    { code: `import requests
r = requests.get(url, verify=True)`, filename: 'app.py' },
    { code: `import requests
r = requests.get(url, verify="/etc/ssl/certs/internal-ca.pem")`, filename: 'app.py' },
    { name: "a CA bundle path", code: `import requests
r = requests.get(url, verify=ca_path)`, filename: 'app.py' },
    { code: `import httpx
ctx = ssl.create_default_context(cafile=CA)
client = httpx.Client(verify=ctx)`, filename: 'app.py' },
    { name: "a value known only at run time", code: `import requests
r = requests.get(url, verify=settings.VERIFY_TLS)`, filename: 'app.py' },
    { name: "silencing the warning alone", code: `import urllib3
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)`, filename: 'app.py' },
    { code: `import ssl
ctx = ssl.create_default_context()
ctx.check_hostname = True
ctx.verify_mode = ssl.CERT_REQUIRED`, filename: 'app.py' },
    { name: "comparing with CERT_NONE", code: `import ssl
if ctx.verify_mode == ssl.CERT_NONE:
    raise RuntimeError("verification is off")`, filename: 'app.py' },
    { name: "a local function with a verify parameter", code: `def get(url, verify=False):
    return url

get("https://example.com", verify=False)`, filename: 'app.py' },
    { code: `import aiohttp
conn = aiohttp.TCPConnector(ssl=ssl_context)`, filename: 'app.py' },
    { name: "another library", code: `from myclient import Client
c = Client(verify=False)`, filename: 'app.py' },
    { name: "dead code", code: `import requests
if False:
    requests.get(url, verify=False)`, filename: 'app.py' },
    { code: `import requests
session = requests.Session()
session.verify = "/etc/ssl/certs/internal-ca.pem"`, filename: 'app.py' },
    { name: "not a TLS option (PyJWT 1)", code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"], verify=False)`, filename: 'app.py' },
    { name: "a server option for client certificates", code: `import ssl, click
@click.option('--ssl-cert-reqs', default=int(ssl.CERT_NONE))
def serve(ssl_cert_reqs):
    pass`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `import requests
r = requests.get(url, verify=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 2, column: 23, endLine: 2, endColumn: 35 },
      ],
      output: `import requests
r = requests.get(url)`,
    },
    {
      code: `import requests
r = requests.post(
    url,
    json=payload,
    verify=False,  # self-signed cert on staging
    timeout=5,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 5, column: 5, endLine: 5, endColumn: 17 },
      ],
      output: `import requests
r = requests.post(
    url,
    json=payload,
    timeout=5,
)`,
    },
    {
      code: `import requests
session = requests.Session()
session.verify = False`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 3, column: 1, endLine: 3, endColumn: 23 },
      ],
      output: `import requests
session = requests.Session()
session.verify = True`,
    },
    {
      code: `import requests
with requests.Session() as s:
    s.get(url, verify=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 3, column: 16, endLine: 3, endColumn: 28 },
      ],
      output: `import requests
with requests.Session() as s:
    s.get(url)`,
    },
    {
      code: `import httpx
async with httpx.AsyncClient(verify=False) as client:
    await client.get(url)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 2, column: 30, endLine: 2, endColumn: 42 },
      ],
      output: `import httpx
async with httpx.AsyncClient() as client:
    await client.get(url)`,
    },
    {
      code: `import aiohttp
async def fetch(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url, ssl=False) as r:
            return await r.text()`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 4, column: 37, endLine: 4, endColumn: 46 },
      ],
      output: `import aiohttp
async def fetch(url):
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as r:
            return await r.text()`,
    },
    {
      code: `import aiohttp
conn = aiohttp.TCPConnector(verify_ssl=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 2, column: 29, endLine: 2, endColumn: 45 },
      ],
      output: `import aiohttp
conn = aiohttp.TCPConnector()`,
    },
    {
      name: "a name bound to False: no fix",
      code: `import requests
VERIFY = False
requests.get(url, verify=VERIFY)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 3, column: 19, endLine: 3, endColumn: 32 },
      ],
    },
    {
      code: `import ssl
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE`,
      filename: 'app.py',
      errors: [
        { messageId: 'checkHostnameDisabled', line: 3, column: 1, endLine: 3, endColumn: 27 },
        { messageId: 'certNone', line: 4, column: 1, endLine: 4, endColumn: 32 },
      ],
    },
    {
      code: `import ssl, urllib.request
urllib.request.urlopen(url, context=ssl._create_unverified_context())`,
      filename: 'app.py',
      errors: [
        { messageId: 'unverifiedContext', line: 2, column: 37, endLine: 2, endColumn: 69, suggestions: [{ messageId: 'useDefaultContext', output: `import ssl, urllib.request
urllib.request.urlopen(url, context=ssl.create_default_context())` }] },
      ],
    },
    {
      code: `import ssl
ssl._create_default_https_context = ssl._create_unverified_context`,
      filename: 'app.py',
      errors: [
        { messageId: 'unverifiedContext', line: 2, column: 37, endLine: 2, endColumn: 67 },
      ],
    },
    {
      code: `import urllib3
http = urllib3.PoolManager(cert_reqs="CERT_NONE")`,
      filename: 'app.py',
      errors: [
        { messageId: 'certNone', line: 2, column: 28, endLine: 2, endColumn: 49 },
      ],
      output: `import urllib3
http = urllib3.PoolManager()`,
    },
    {
      code: `from ssl import CERT_NONE, wrap_socket
sock = wrap_socket(raw, cert_reqs=CERT_NONE)`,
      filename: 'app.py',
      errors: [
        { messageId: 'certNone', line: 2, column: 25, endLine: 2, endColumn: 44 },
      ],
    },
  ],
});

