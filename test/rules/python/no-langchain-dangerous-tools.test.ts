import rule from '../../../src/rules/python/no-langchain-dangerous-tools';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `from langchain.agents import load_tools
tools = load_tools(["wikipedia", "llm-math"], llm=llm)`, filename: 'app.py' },
    { code: `from langchain_experimental.agents import create_pandas_dataframe_agent
agent = create_pandas_dataframe_agent(llm, df, allow_dangerous_code=False)`, filename: 'app.py' },
    { code: `from langchain_core.tools import tool

@tool
def lookup_order(order_id: str) -> str:
    """Look up an order by id."""
    return db.get(order_id)`, filename: 'app.py' },
    { code: `from langchain_community.tools import DuckDuckGoSearchRun
tools = [DuckDuckGoSearchRun()]`, filename: 'app.py' },
    { code: `from langchain_community.vectorstores import FAISS
db = FAISS.from_texts(texts, embeddings)`, filename: 'app.py' },
    { name: "a local class with the same name", code: `class PythonREPLTool:
    pass

tool = PythonREPLTool()`, filename: 'app.py' },
    { name: "a list that is never loaded", code: `from langchain.agents import load_tools
names = ["terminal"]
print(names)`, filename: 'app.py' },
    { name: "dead code", code: `from langchain.agents import load_tools
if False:
    tools = load_tools(["terminal"])`, filename: 'app.py' },
    { name: "no LangChain", code: `import subprocess
subprocess.run(["ls"], check=True)`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from langchain_experimental.tools import PythonREPLTool
from langchain.agents import initialize_agent
agent = initialize_agent([PythonREPLTool()], llm)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousTool', line: 3, column: 27, endLine: 3, endColumn: 43 },
      ],
    },
    {
      code: `from langchain_community.tools import ShellTool
shell_tool = ShellTool()`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousTool', line: 2, column: 14, endLine: 2, endColumn: 25 },
      ],
    },
    {
      code: `from langchain.agents import load_tools
tools = load_tools(["terminal", "llm-math", "requests_all"], llm=llm, allow_dangerous_tools=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousTool', line: 2, column: 21, endLine: 2, endColumn: 31 },
        { messageId: 'dangerousTool', line: 2, column: 45, endLine: 2, endColumn: 59 },
      ],
    },
    {
      name: "unknown tool names: the flag is reported",
      code: `from langchain_community.agent_toolkits.load_tools import load_tools
tools = load_tools(tool_names, llm=llm, allow_dangerous_tools=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousFlag', line: 2, column: 41, endLine: 2, endColumn: 67, suggestions: [{ messageId: 'removeFlag', output: `from langchain_community.agent_toolkits.load_tools import load_tools
tools = load_tools(tool_names, llm=llm)` }] },
      ],
    },
    {
      code: `from langchain_experimental.agents import create_pandas_dataframe_agent
agent = create_pandas_dataframe_agent(
    llm,
    df,
    verbose=True,
    allow_dangerous_code=True,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousFlag', line: 6, column: 5, endLine: 6, endColumn: 30, suggestions: [{ messageId: 'removeFlag', output: `from langchain_experimental.agents import create_pandas_dataframe_agent
agent = create_pandas_dataframe_agent(
    llm,
    df,
    verbose=True,
)` }] },
      ],
    },
    {
      code: `from langchain_experimental.pal_chain import PALChain
chain = PALChain.from_math_prompt(llm, allow_dangerous_code=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousFlag', line: 2, column: 40, endLine: 2, endColumn: 65, suggestions: [{ messageId: 'removeFlag', output: `from langchain_experimental.pal_chain import PALChain
chain = PALChain.from_math_prompt(llm)` }] },
      ],
    },
    {
      code: `from langchain_community.agent_toolkits.openapi.toolkit import RequestsToolkit
toolkit = RequestsToolkit(requests_wrapper=wrapper, allow_dangerous_requests=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousFlag', line: 2, column: 53, endLine: 2, endColumn: 82, suggestions: [{ messageId: 'removeFlag', output: `from langchain_community.agent_toolkits.openapi.toolkit import RequestsToolkit
toolkit = RequestsToolkit(requests_wrapper=wrapper)` }] },
      ],
    },
    {
      code: `from langchain_experimental.tools.python.tool import PythonAstREPLTool
tool = PythonAstREPLTool(locals={"df": df})`,
      filename: 'app.py',
      errors: [
        { messageId: 'dangerousTool', line: 2, column: 8, endLine: 2, endColumn: 44 },
      ],
    },
  ],
});

