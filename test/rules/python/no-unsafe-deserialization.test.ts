import rule from '../../../src/rules/python/no-unsafe-deserialization';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import yaml
with open('config.yml') as f:
    config = yaml.safe_load(f)`, filename: 'app.py' },
    { code: `import yaml
config = yaml.load(stream, Loader=yaml.SafeLoader)`, filename: 'app.py' },
    { name: "a safe loader passed positionally", code: `import yaml
config = yaml.load(stream, yaml.CSafeLoader)`, filename: 'app.py' },
    { name: "a custom loader is given the benefit of the doubt", code: `import yaml
from myproject.loaders import StrictLoader
config = yaml.load(stream, Loader=StrictLoader)`, filename: 'app.py' },
    { name: "a YAML document written in the source", code: `import yaml
DEFAULTS = yaml.load("retries: 3", Loader=yaml.FullLoader)`, filename: 'app.py' },
    { name: "a literal pickle payload", code: `import pickle
EMPTY = pickle.loads(b"\\x80\\x04]\\x94.")`, filename: 'app.py' },
    { code: `import json
payload = json.loads(request.data)`, filename: 'app.py' },
    { name: "a local function named load", code: `def load(path):
    with open(path) as f:
        return f.read()

data = load("model.pkl")`, filename: 'app.py' },
    { name: "writing a pickle is not loading one", code: `import pickle
with open("out.pkl", "wb") as f:
    pickle.dump(model, f)`, filename: 'app.py' },
    { code: `import numpy as np
arr = np.load("weights.npy")`, filename: 'app.py' },
    { code: `import numpy as np
arr = np.load(path, allow_pickle=False)`, filename: 'app.py' },
    { name: "an unimported loads", code: `import pickle
pickle = None
obj = loads(data)`, filename: 'app.py' },
    { code: `from yaml import safe_load
config = safe_load(open("c.yml"))`, filename: 'app.py' },
    { code: `import pandas as pd
df = pd.read_parquet("data.parquet")`, filename: 'app.py' },
    { name: "dead code", code: `import yaml
if False:
    config = yaml.unsafe_load(stream)`, filename: 'app.py' },
    { code: `import marshal
code = marshal.dumps(compile("x = 1", "<s>", "exec"))`, filename: 'app.py' },
    { code: `import pickle
blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)`, filename: 'app.py' },
    { code: `import yaml
with open("out.yml", "w") as f:
    yaml.dump(config, f)`, filename: 'app.py' },
    { name: "ruamel.yaml with the safe loader", code: `from ruamel.yaml import YAML
yaml = YAML(typ="safe")
data = yaml.load(f)`, filename: 'app.py' },
    { code: `import joblib
joblib.dump(model, "model.joblib")`, filename: 'app.py' },
    { name: "a method named load", code: `import yaml
class Config:
    def load(self, f):
        return yaml.safe_load(f)

Config().load(f)`, filename: 'app.py' },
    { name: "a deep copy through pickle", code: `import pickle
copy = pickle.loads(pickle.dumps(obj))`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `import pickle

def restore(blob):
    return pickle.loads(blob)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 4, column: 12, endLine: 4, endColumn: 30 },
      ],
    },
    {
      code: `import pickle
with open("model.pkl", "rb") as f:
    model = pickle.load(f)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 3, column: 13, endLine: 3, endColumn: 27 },
      ],
    },
    {
      code: `import cPickle as pickle
state = pickle.loads(request.cookies["state"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 9, endLine: 2, endColumn: 47 },
      ],
    },
    {
      code: `import dill, cloudpickle
f = dill.loads(payload)
g = cloudpickle.load(fh)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 5, endLine: 2, endColumn: 24 },
        { messageId: 'codeLoader', line: 3, column: 5, endLine: 3, endColumn: 25 },
      ],
    },
    {
      name: "a constant path still names a file whose content is not constant",
      code: `import joblib
clf = joblib.load("model.joblib")`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 7, endLine: 2, endColumn: 34 },
      ],
    },
    {
      code: `import pandas as pd
df = pd.read_pickle(uploaded)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 6, endLine: 2, endColumn: 30 },
      ],
    },
    {
      code: `import shelve
db = shelve.open(path)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 6, endLine: 2, endColumn: 23 },
      ],
    },
    {
      code: `import marshal
code = marshal.loads(data)`,
      filename: 'app.py',
      errors: [
        { messageId: 'marshalLoader', line: 2, column: 8, endLine: 2, endColumn: 27 },
      ],
    },
    {
      code: `import jsonpickle
obj = jsonpickle.decode(body)`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 7, endLine: 2, endColumn: 30 },
      ],
    },
    {
      code: `from pickle import Unpickler
obj = Unpickler(stream).load()`,
      filename: 'app.py',
      errors: [
        { messageId: 'codeLoader', line: 2, column: 7, endLine: 2, endColumn: 24 },
      ],
    },
    {
      code: `import numpy as np
arr = np.load(path, allow_pickle=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'numpyPickle', line: 2, column: 21, endLine: 2, endColumn: 38, suggestions: [{ messageId: 'disallowPickle', output: `import numpy as np
arr = np.load(path)` }] },
      ],
    },
    {
      code: `import yaml
config = yaml.load(open("config.yml"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 39, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml
config = yaml.safe_load(open("config.yml"))` }] },
      ],
    },
    {
      code: `import yaml
config = yaml.load(f, Loader=yaml.FullLoader)`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 46, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml
config = yaml.safe_load(f)` }] },
      ],
    },
    {
      code: `import yaml as y
config = y.load(f, y.UnsafeLoader)`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 35, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml as y
config = y.safe_load(f)` }] },
      ],
    },
    {
      code: `import yaml
docs = list(yaml.load_all(stream, Loader=yaml.Loader))`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 13, endLine: 2, endColumn: 54, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml
docs = list(yaml.safe_load_all(stream))` }] },
      ],
    },
    {
      code: `import yaml
config = yaml.full_load(request.data)`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 38, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml
config = yaml.safe_load(request.data)` }] },
      ],
    },
    {
      code: `import yaml
config = yaml.unsafe_load(text)`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 32, suggestions: [{ messageId: 'useSafeLoad', output: `import yaml
config = yaml.safe_load(text)` }] },
      ],
    },
    {
      name: "imported function: no rename suggestion",
      code: `from yaml import load, Loader
config = load(stream, Loader=Loader)`,
      filename: 'app.py',
      errors: [
        { messageId: 'yamlUnsafe', line: 2, column: 10, endLine: 2, endColumn: 37 },
      ],
    },
  ],
});

