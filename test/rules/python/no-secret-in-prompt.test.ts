import rule from '../../../src/rules/python/no-secret-in-prompt';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "the key configures the client, not the prompt", code: `import os
from openai import OpenAI
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hello"}])`, filename: 'app.py' },
    { name: "non-secret environment variables", code: `import os
from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model=os.environ["OPENAI_MODEL"], messages=[{"role": "user", "content": f"Region: {os.getenv('AWS_REGION')}, home {os.environ.get('HOME')}"}])`, filename: 'app.py' },
    { name: "api_key keyword of LiteLLM", code: `import os
import litellm
litellm.completion(model="gpt-4o", api_key=os.environ["OPENAI_API_KEY"], messages=[{"role": "user", "content": "Hi"}])`, filename: 'app.py' },
    { name: "a non-secret field of a settings object", code: `from openai import OpenAI
from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    openai_api_key: str
    assistant_name: str = "Ada"
settings = Settings()
client = OpenAI(api_key=settings.openai_api_key)
client.responses.create(model="gpt-4o", input=f"You are {settings.assistant_name}.")`, filename: 'app.py' },
    { name: "a mapping read by a non-secret key", code: `import os
from openai import OpenAI
client = OpenAI()
cfg = {"db_password": os.environ["DB_PASSWORD"], "region": "eu-west-1"}
client.responses.create(model="gpt-4o", input=f"Region: {cfg['region']}")`, filename: 'app.py' },
    { name: "token counts are not tokens", code: `from openai import OpenAI
client = OpenAI()
r = client.chat.completions.create(model="gpt-4o", messages=m, max_tokens=500)
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"You used {r.usage.total_tokens} tokens"}], max_tokens=100)`, filename: 'app.py' },
    { name: "masked pydantic secrets", code: `from openai import OpenAI
from pydantic import SecretStr
from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    api_key: SecretStr
settings = Settings()
client = OpenAI()
client.responses.create(model="gpt-4o", input=f"Settings: {settings.model_dump()}")`, filename: 'app.py' },
    { name: "a secret used outside the prompt", code: `import os
import requests
from openai import OpenAI
client = OpenAI()
requests.post(URL, headers={"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}"})
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Summarise the issue"}])`, filename: 'app.py' },
    { name: "dead code", code: `import os
from openai import OpenAI
client = OpenAI()
if False:
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": str(os.environ)}])`, filename: 'app.py' },
    { name: "a local environ that is not os.environ", code: `from openai import OpenAI
client = OpenAI()
environ = {"stage": "dev"}
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"{environ}"}])`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "an environment dump for debugging",
      code: `import os
from openai import OpenAI
client = OpenAI()

def explain_failure(error: str) -> str:
    env = dict(os.environ)
    r = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": f"Why does this fail? {error}\\nEnvironment: {env}"}],
    )
    return r.choices[0].message.content`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 9, column: 92, endLine: 9, endColumn: 95, related: 2 },
      ],
    },
    {
      name: "a secret environment variable in the prompt",
      code: `import os
from openai import OpenAI
client = OpenAI()
client.responses.create(model="gpt-4o", input=f"Call the API with the key {os.environ['STRIPE_SECRET_KEY']}")`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 4, column: 76, endLine: 4, endColumn: 107 },
      ],
    },
    {
      name: "os.environ.items() through a LangChain SystemMessage",
      code: `import os
from langchain_core.messages import SystemMessage
lines = "\\n".join(f"{k}={v}" for k, v in os.environ.items())
msg = SystemMessage(content=f"Server environment:\\n{lines}")`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 4, column: 53, endLine: 4, endColumn: 58, related: 3 },
      ],
    },
    {
      name: "a config mapping with a password",
      code: `import json
import os
import anthropic
client = anthropic.Anthropic()
config = {"host": "db.internal", "user": "app", "password": os.getenv("DB_PASSWORD")}
client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": "Check this config: " + json.dumps(config)}])`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 6, column: 141, endLine: 6, endColumn: 147, related: 2 },
      ],
    },
    {
      name: "a settings object dumped into the prompt",
      code: `from openai import OpenAI
from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    openai_api_key: str
    database_url: str
settings = Settings()
client = OpenAI()
client.responses.create(model="gpt-4o", input=f"Current settings: {settings.model_dump()}")`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 8, column: 68, endLine: 8, endColumn: 89 },
      ],
    },
    {
      name: "a secret field read into a LangChain prompt",
      code: `from langchain_core.prompts import ChatPromptTemplate
import config
prompt = ChatPromptTemplate.from_messages([("system", "Use the token " + config.GITHUB_TOKEN + " for API calls."), ("human", "{q}")])`,
      filename: 'app.py',
      errors: [
        { messageId: 'secretInPrompt', line: 3, column: 74, endLine: 3, endColumn: 93 },
      ],
    },
  ],
});
