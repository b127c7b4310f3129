import rule from '../../../src/rules/python/require-max-tokens-in-loop';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "max_tokens is set", code: `from openai import OpenAI
client = OpenAI()
for doc in docs:
    client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": doc}], max_tokens=300)`, filename: 'app.py' },
    { name: "max_completion_tokens is set", code: `from openai import OpenAI
client = OpenAI()
while pending:
    client.chat.completions.create(model="o3-mini", messages=pending.pop(), max_completion_tokens=2000)`, filename: 'app.py' },
    { name: "Responses API with max_output_tokens", code: `from openai import OpenAI
client = OpenAI()
for q in questions:
    client.responses.create(model="gpt-4o", input=q, max_output_tokens=500)`, filename: 'app.py' },
    { name: "not in a loop", code: `from openai import OpenAI
client = OpenAI()
r = client.chat.completions.create(model="gpt-4o", messages=messages)`, filename: 'app.py' },
    { name: "the loop only builds the iterable", code: `from openai import OpenAI
client = OpenAI()
for choice in client.chat.completions.create(model="gpt-4o", messages=m, n=3).choices:
    print(choice.message.content)`, filename: 'app.py' },
    { name: "Anthropic requires max_tokens anyway", code: `import anthropic
client = anthropic.Anthropic()
for doc in docs:
    client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": doc}])`, filename: 'app.py' },
    { name: "a loop in another function than the call", code: `from openai import OpenAI
client = OpenAI()
for doc in docs:
    def summarise(d):
        return client.chat.completions.create(model="gpt-4o", messages=d)`, filename: 'app.py' },
    { name: "options passed with **", code: `from openai import OpenAI
client = OpenAI()
for doc in docs:
    client.chat.completions.create(**params)`, filename: 'app.py' },
    { name: "Gemini with max_output_tokens in the config", code: `from google import genai
from google.genai import types
client = genai.Client()
for doc in docs:
    client.models.generate_content(model="gemini-2.0-flash", contents=doc, config=types.GenerateContentConfig(max_output_tokens=512))`, filename: 'app.py' },
    { name: "Gemini config built elsewhere", code: `from google import genai
client = genai.Client()
def run(docs, config):
    for doc in docs:
        client.models.generate_content(model="gemini-2.0-flash", contents=doc, config=config)`, filename: 'app.py' },
    { name: "google-generativeai model with a limit", code: `import google.generativeai as genai
model = genai.GenerativeModel("gemini-1.5-flash", generation_config={"max_output_tokens": 256})
for doc in docs:
    model.generate_content(doc)`, filename: 'app.py' },
    { name: "dead loop", code: `from openai import OpenAI
client = OpenAI()
if False:
    for doc in docs:
        client.chat.completions.create(model="gpt-4o", messages=doc)`, filename: 'app.py' },
    { name: "a local create() that is not a model call", code: `from openai import OpenAI
for row in rows:
    db.users.create(name=row)`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "an OpenAI tool-calling loop",
      code: `from openai import OpenAI
client = OpenAI()
messages = [{"role": "user", "content": question}]
while True:
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    message = response.choices[0].message
    if not message.tool_calls:
        break`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 5, column: 16, endLine: 5, endColumn: 46, suggestions: [{ messageId: 'addLimit', output: `from openai import OpenAI
client = OpenAI()
messages = [{"role": "user", "content": question}]
while True:
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS, max_tokens=1024)
    message = response.choices[0].message
    if not message.tool_calls:
        break` }] },
      ],
    },
    {
      name: "a reasoning model takes max_completion_tokens",
      code: `from openai import OpenAI
client = OpenAI()
for doc in docs:
    client.chat.completions.create(model="o3-mini", messages=[{"role": "user", "content": doc}])`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 4, column: 5, endLine: 4, endColumn: 35, suggestions: [{ messageId: 'addLimit', output: `from openai import OpenAI
client = OpenAI()
for doc in docs:
    client.chat.completions.create(model="o3-mini", messages=[{"role": "user", "content": doc}], max_completion_tokens=1024)` }] },
      ],
    },
    {
      name: "Responses API, one argument per line",
      code: `from openai import OpenAI
client = OpenAI()
async def run(items):
    async for item in items:
        await client.responses.create(
            model="gpt-4o",
            input=item,
        )`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 5, column: 15, endLine: 5, endColumn: 38, suggestions: [{ messageId: 'addLimit', output: `from openai import OpenAI
client = OpenAI()
async def run(items):
    async for item in items:
        await client.responses.create(
            model="gpt-4o",
            input=item,
            max_output_tokens=1024,
        )` }] },
      ],
    },
    {
      name: "LiteLLM in a comprehension",
      code: `import litellm
answers = [litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": q}]) for q in questions]`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 2, column: 12, endLine: 2, endColumn: 30, suggestions: [{ messageId: 'addLimit', output: `import litellm
answers = [litellm.completion(model="gpt-4o", messages=[{"role": "user", "content": q}], max_tokens=1024) for q in questions]` }] },
      ],
    },
    {
      name: "Gemini without a config",
      code: `from google import genai
client = genai.Client()
for doc in docs:
    client.models.generate_content(model="gemini-2.0-flash", contents=doc)`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 4, column: 5, endLine: 4, endColumn: 35, suggestions: [{ messageId: 'addLimit', output: `from google import genai
client = genai.Client()
for doc in docs:
    client.models.generate_content(model="gemini-2.0-flash", contents=doc, config={"max_output_tokens": 1024})` }] },
      ],
    },
    {
      name: "Gemini config without the limit",
      code: `from google import genai
from google.genai import types
client = genai.Client()
for doc in docs:
    client.models.generate_content(model="gemini-2.0-flash", contents=doc, config=types.GenerateContentConfig(temperature=0))`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 5, column: 5, endLine: 5, endColumn: 35, suggestions: [{ messageId: 'addLimit', output: `from google import genai
from google.genai import types
client = genai.Client()
for doc in docs:
    client.models.generate_content(model="gemini-2.0-flash", contents=doc, config=types.GenerateContentConfig(temperature=0, max_output_tokens=1024))` }] },
      ],
    },
    {
      name: "google-generativeai model",
      code: `import google.generativeai as genai
model = genai.GenerativeModel("gemini-1.5-flash")
for doc in docs:
    model.generate_content(doc)`,
      filename: 'app.py',
      errors: [
        { messageId: 'noLimitInLoop', line: 4, column: 5, endLine: 4, endColumn: 27, suggestions: [{ messageId: 'addLimit', output: `import google.generativeai as genai
model = genai.GenerativeModel("gemini-1.5-flash")
for doc in docs:
    model.generate_content(doc, generation_config={"max_output_tokens": 1024})` }] },
      ],
    },
  ],
});
