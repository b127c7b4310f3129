import rule from '../../../src/rules/python/no-log-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a single-quoted file logging with arguments',
      code: "import logging\nfrom flask import request\n\nlog = logging.getLogger('app')\n\ndef login():\n    name = request.form['name']\n    log.info('login from %s at 100%%', name)\n",
      filename: 'app.py',
    },
    { name: "values passed as arguments", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.post("/login")
def login():
    logger.info("Login attempt for %s", request.form["user"])
    return "ok"`, filename: 'app.py' },
    { name: "CR and LF removed first", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.post("/login")
def login():
    user = request.form["user"].replace("\\r", "").replace("\\n", " ")
    logger.info(f"Login attempt for {user}")
    return "ok"`, filename: 'app.py' },
    { name: "a number", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/page")
def page():
    logger.info(f"page {int(request.args['page'])}")
    return "ok"`, filename: 'app.py' },
    { name: "a constant message", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/health")
def health():
    logger.info("health check from " + SERVICE_NAME)
    return "ok"`, filename: 'app.py' },
    { name: "not request data", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

def job(items):
    logger.info(f"processed {len(items)} items for {CUSTOMER}")`, filename: 'app.py' },
    { name: "print is not a log", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/x")
def x():
    print(f"x={request.args['x']}")
    return "ok"`, filename: 'app.py' },
    { name: "an allow-listed value", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/theme")
def theme():
    t = request.args["theme"]
    if t not in ("light", "dark"):
        return "no", 400
    logger.info(f"theme {t}")
    return "ok"`, filename: 'app.py' },
    { name: "a logger of another kind (str.format on a constant)", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/x")
def x():
    logger.info("x {}".format(VERSION))
    return "ok"`, filename: 'app.py' },
    { name: "dead code", code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

VERBOSE = False
@app.get("/x")
def x():
    if VERBOSE:
        logger.debug(f"args {request.args}")
    return "ok"`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: 'the format string keeps the single quotes of the file',
      code: "import logging\nfrom flask import request\n\nlog = logging.getLogger('app')\n\ndef login():\n    name = request.form['name']\n    log.info('login from ' + name + ' at 100%')\n",
      filename: 'app.py',
      errors: [{
        messageId: 'logInjection', line: 8, column: 14, endLine: 8, endColumn: 47, related: 2,
        suggestions: [{ messageId: 'useArguments', output: "import logging\nfrom flask import request\n\nlog = logging.getLogger('app')\n\ndef login():\n    name = request.form['name']\n    log.info('login from %s at 100%%', name)\n" }],
      }],
    },
    {
      name: "an f-string log message (Flask)",
      code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.post("/login")
def login():
    user = request.form["user"]
    if not check(user, request.form["password"]):
        logger.warning(f"Failed login for {user} (attempt 100%)")
    return "ok"`,
      filename: 'app.py',
      errors: [
        { messageId: 'logInjection', line: 10, column: 24, endLine: 10, endColumn: 65, related: 2, suggestions: [{ messageId: 'useArguments', output: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.post("/login")
def login():
    user = request.form["user"]
    if not check(user, request.form["password"]):
        logger.warning("Failed login for %s (attempt 100%%)", user)
    return "ok"` }] },
      ],
    },
    {
      name: "concatenation with logging.error",
      code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/search")
def search():
    logging.error("Search failed for " + request.args["q"] + " from " + request.remote_addr)
    return "ok"`,
      filename: 'app.py',
      errors: [
        { messageId: 'logInjection', line: 8, column: 19, endLine: 8, endColumn: 92, related: 1, suggestions: [{ messageId: 'useArguments', output: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/search")
def search():
    logging.error("Search failed for %s from %s", request.args["q"], request.remote_addr)
    return "ok"` }] },
      ],
    },
    {
      name: "% formatting before logging",
      code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/item")
def item():
    logger.info("Item %s requested" % request.args["id"])
    return "ok"`,
      filename: 'app.py',
      errors: [
        { messageId: 'logInjection', line: 8, column: 17, endLine: 8, endColumn: 57, related: 1, suggestions: [{ messageId: 'useArguments', output: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/item")
def item():
    logger.info("Item %s requested", request.args["id"])
    return "ok"` }] },
      ],
    },
    {
      name: "str.format and Flask app.logger",
      code: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/hello")
def hello():
    app.logger.info("Hello {}".format(request.args["name"]))
    return "ok"`,
      filename: 'app.py',
      errors: [
        { messageId: 'logInjection', line: 8, column: 21, endLine: 8, endColumn: 60, related: 1, suggestions: [{ messageId: 'useArguments', output: `import logging
from flask import Flask, request
app = Flask(__name__)
logger = logging.getLogger(__name__)

@app.get("/hello")
def hello():
    app.logger.info("Hello %s", request.args["name"])
    return "ok"` }] },
      ],
    },
    {
      name: "a whole message from the request (FastAPI, self.logger)",
      code: `import logging
from fastapi import FastAPI
app = FastAPI()

class Audit:
    def __init__(self):
        self.logger = logging.getLogger("audit")
audit = Audit()

@app.post("/event")
def event(message: str):
    audit.logger.info(message)
    return {}`,
      filename: 'app.py',
      errors: [
        { messageId: 'logInjection', line: 12, column: 23, endLine: 12, endColumn: 30, related: 1, suggestions: [{ messageId: 'useArguments', output: `import logging
from fastapi import FastAPI
app = FastAPI()

class Audit:
    def __init__(self):
        self.logger = logging.getLogger("audit")
audit = Audit()

@app.post("/event")
def event(message: str):
    audit.logger.info("%s", message)
    return {}` }] },
      ],
    },
  ],
});
