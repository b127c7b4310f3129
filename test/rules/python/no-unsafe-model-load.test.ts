import rule from '../../../src/rules/python/no-unsafe-model-load';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import torch
state = torch.load(path, weights_only=True)`, filename: 'app.py' },
    { code: `import torch
state = torch.load(path, map_location="cpu", weights_only=True)`, filename: 'app.py' },
    { name: "**kwargs may carry weights_only", code: `import torch
state = torch.load(path, **load_kwargs)`, filename: 'app.py' },
    { code: `from safetensors.torch import load_file
state = load_file("model.safetensors")`, filename: 'app.py' },
    { code: `import torch
torch.save(model.state_dict(), "model.pt")`, filename: 'app.py' },
    { name: "a local function named load", code: `def load(path):
    return open(path).read()

weights = load("model.pt")`, filename: 'app.py' },
    { code: `from transformers import AutoModel
model = AutoModel.from_pretrained("bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594")`, filename: 'app.py' },
    { name: "a local folder", code: `from transformers import AutoModel
model = AutoModel.from_pretrained("./checkpoints/run-3")`, filename: 'app.py' },
    { name: "a path computed at run time", code: `from transformers import AutoModel
model = AutoModel.from_pretrained(model_dir)`, filename: 'app.py' },
    { name: "a bare word is more likely a local folder", code: `from transformers import AutoModel
model = AutoModel.from_pretrained("output")`, filename: 'app.py' },
    { code: `from transformers import AutoModel
model = AutoModel.from_pretrained("org/model", revision=MODEL_REVISION, trust_remote_code=False)`, filename: 'app.py' },
    { code: `from keras.models import load_model
model = load_model("model.keras")`, filename: 'app.py' },
    { code: `import tensorflow as tf
model = tf.keras.models.load_model("model.keras", safe_mode=True)`, filename: 'app.py' },
    { code: `from langchain_community.vectorstores import FAISS
db = FAISS.load_local("index", embeddings)`, filename: 'app.py' },
    { code: `from huggingface_hub import hf_hub_download
path = hf_hub_download(repo_id="org/model", filename="model.safetensors", revision="v1.2.0")`, filename: 'app.py' },
    { name: "dead code", code: `import torch
if False:
    state = torch.load(path)`, filename: 'app.py' },
    { code: `from transformers import AutoConfig
config = AutoConfig.from_pretrained(local_path, trust_remote_code=False)`, filename: 'app.py' },
    { name: "a method named load", code: `import torch
class Checkpoint:
    def load(self, path):
        return torch.load(path, weights_only=True)

state = Checkpoint().load("ckpt.pt")`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `import torch
state = torch.load(path)`,
      filename: 'app.py',
      errors: [
        { messageId: 'torchLoad', line: 2, column: 9, endLine: 2, endColumn: 25 },
      ],
      output: `import torch
state = torch.load(path, weights_only=True)`,
    },
    {
      code: `import torch
state = torch.load(path, map_location="cpu")`,
      filename: 'app.py',
      errors: [
        { messageId: 'torchLoad', line: 2, column: 9, endLine: 2, endColumn: 45 },
      ],
      output: `import torch
state = torch.load(path, map_location="cpu", weights_only=True)`,
    },
    {
      name: "one argument per line: a new line",
      code: `import torch
state = torch.load(
    path,
    map_location="cpu",
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'torchLoad', line: 2, column: 9, endLine: 5, endColumn: 2 },
      ],
      output: `import torch
state = torch.load(
    path,
    map_location="cpu",
    weights_only=True,
)`,
    },
    {
      code: `from torch import load
state = load(open(path, "rb"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'torchLoad', line: 2, column: 9, endLine: 2, endColumn: 31 },
      ],
      output: `from torch import load
state = load(open(path, "rb"), weights_only=True)`,
    },
    {
      code: `import torch
model = torch.load(path, weights_only=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'torchWeightsOnlyFalse', line: 2, column: 26, endLine: 2, endColumn: 44, suggestions: [{ messageId: 'setWeightsOnly', output: `import torch
model = torch.load(path, weights_only=True)` }] },
      ],
    },
    {
      code: `from transformers import AutoModelForCausalLM
model = AutoModelForCausalLM.from_pretrained(
    "org/model",
    revision="a1b2c3d",
    trust_remote_code=True,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'trustRemoteCode', line: 5, column: 5, endLine: 5, endColumn: 27, suggestions: [{ messageId: 'removeArgument', output: `from transformers import AutoModelForCausalLM
model = AutoModelForCausalLM.from_pretrained(
    "org/model",
    revision="a1b2c3d",
)` }] },
      ],
    },
    {
      code: `from transformers import pipeline
gen = pipeline("text-generation", model=model_id, trust_remote_code=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'trustRemoteCode', line: 2, column: 51, endLine: 2, endColumn: 73, suggestions: [{ messageId: 'removeArgument', output: `from transformers import pipeline
gen = pipeline("text-generation", model=model_id)` }] },
      ],
    },
    {
      code: `import tensorflow as tf
model = tf.keras.models.load_model(path, safe_mode=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'kerasUnsafeMode', line: 2, column: 42, endLine: 2, endColumn: 57, suggestions: [{ messageId: 'removeArgument', output: `import tensorflow as tf
model = tf.keras.models.load_model(path)` }] },
      ],
    },
    {
      code: `from langchain_community.vectorstores import FAISS
db = FAISS.load_local("faiss_index", embeddings, allow_dangerous_deserialization=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousDeserialization', line: 2, column: 50, endLine: 2, endColumn: 86, suggestions: [{ messageId: 'removeArgument', output: `from langchain_community.vectorstores import FAISS
db = FAISS.load_local("faiss_index", embeddings)` }] },
      ],
    },
    {
      code: `from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B")`,
      filename: 'app.py',
      errors: [
        { severity: 'info', messageId: 'unpinnedRevision', line: 2, column: 37, endLine: 2, endColumn: 62 },
      ],
    },
    {
      code: `from huggingface_hub import snapshot_download
snapshot_download("org/model")`,
      filename: 'app.py',
      errors: [
        { severity: 'info', messageId: 'unpinnedRevision', line: 2, column: 19, endLine: 2, endColumn: 30 },
      ],
    },
    {
      code: `from sentence_transformers import SentenceTransformer
MODEL = "nomic-ai/nomic-embed-text-v1"
model = SentenceTransformer(MODEL, trust_remote_code=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'trustRemoteCode', line: 3, column: 36, endLine: 3, endColumn: 58, suggestions: [{ messageId: 'removeArgument', output: `from sentence_transformers import SentenceTransformer
MODEL = "nomic-ai/nomic-embed-text-v1"
model = SentenceTransformer(MODEL)` }] },
      ],
    },
  ],
});

