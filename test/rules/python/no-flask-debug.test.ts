import rule from '../../../src/rules/python/no-flask-debug';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `from flask import Flask
app = Flask(__name__)
if __name__ == "__main__":
    app.run()`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.run(debug=False)`, filename: 'app.py' },
    { name: "debug chosen by the environment", code: `import os
from flask import Flask
app = Flask(__name__)
app.run(debug=os.environ.get("FLASK_DEBUG") == "1")`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.run(host="0.0.0.0", port=8080)`, filename: 'app.py' },
    { code: `import uvicorn
uvicorn.run("main:app", host="0.0.0.0", reload=True)`, filename: 'app.py' },
    { code: `import logging
logging.basicConfig(level=logging.DEBUG)
logger.debug("debug=True")`, filename: 'app.py' },
    { name: "another run", code: `import subprocess
subprocess.run(["make"], check=True)`, filename: 'app.py' },
    { name: "a local class with run(debug=)", code: `class Runner:
    def run(self, debug=False):
        pass

Runner().run(debug=True)`, filename: 'app.py' },
    { name: "dead branch", code: `from flask import Flask
app = Flask(__name__)
DEBUG = False
if DEBUG:
    app.run(debug=True)`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.config["DEBUG"] = False
app.testing = True`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from flask import Flask
app = Flask(__name__)

if __name__ == "__main__":
    app.run(debug=True)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'debugMode', line: 5, column: 13, endLine: 5, endColumn: 23 },
      ],
      output: `from flask import Flask
app = Flask(__name__)

if __name__ == "__main__":
    app.run()`,
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.run(host="0.0.0.0", port=5000, debug=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'debugExposed', line: 3, column: 36, endLine: 3, endColumn: 46 },
      ],
      output: `from flask import Flask
app = Flask(__name__)
app.run(host="0.0.0.0", port=5000)`,
    },
    {
      code: `import flask
app = flask.Flask(__name__)
app.run(
    host="0.0.0.0",
    debug=True,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'debugExposed', line: 5, column: 5, endLine: 5, endColumn: 15 },
      ],
      output: `import flask
app = flask.Flask(__name__)
app.run(
    host="0.0.0.0",
)`,
    },
    {
      name: "a name bound to True: no fix",
      code: `from flask import Flask
app = Flask(__name__)
DEBUG = True
app.run(debug=DEBUG)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'debugMode', line: 4, column: 9, endLine: 4, endColumn: 20 },
      ],
    },
    {
      name: "an application factory",
      code: `from myapp import create_app
app = create_app()
app.run(debug=True)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'debugMode', line: 3, column: 9, endLine: 3, endColumn: 19 },
      ],
      output: `from myapp import create_app
app = create_app()
app.run()`,
    },
    {
      code: `from flask import Flask
from flask_socketio import SocketIO
app = Flask(__name__)
socketio = SocketIO(app)
socketio.run(app, host="0.0.0.0", debug=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'debugExposed', line: 5, column: 35, endLine: 5, endColumn: 45 },
      ],
      output: `from flask import Flask
from flask_socketio import SocketIO
app = Flask(__name__)
socketio = SocketIO(app)
socketio.run(app, host="0.0.0.0")`,
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.debug = True`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'debugMode', line: 3, column: 1, endLine: 3, endColumn: 17 },
      ],
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.config["DEBUG"] = True`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'debugMode', line: 3, column: 1, endLine: 3, endColumn: 27 },
      ],
    },
  ],
});

