import rule from '../../../src/rules/js/no-user-input-in-system-prompt';
import { ruleTester } from '../../lib/rule-tester';

const openaiHead = `import OpenAI from 'openai';\nconst openai = new OpenAI();\n`;
const anthropicHead = `import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic();\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'a double-quoted file sending request data as the user message',
      code: `import OpenAI from "openai";\nconst openai = new OpenAI();\napp.post("/chat", async (req, res) => {\n  await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: req.body.systemPrompt }] });\n});`,
    },
    {
      name: 'request data only in the user message',
      code: `${openaiHead}app.post('/chat', async (req, res) => {\n  await openai.chat.completions.create({ model: 'gpt-4o', messages: [\n    { role: 'system', content: 'You are a helpful support agent.' },\n    { role: 'user', content: req.body.message },\n  ] });\n});`,
    },
    {
      name: 'server-side config in the system prompt',
      code: `${openaiHead}const SYSTEM = \`You answer questions about \${process.env.PRODUCT_NAME}.\`;\napp.post('/chat', async (req, res) => {\n  await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: req.body.q }] });\n});`,
    },
    {
      name: 'persona picked from a constant table by a request key',
      code: `${anthropicHead}const PERSONAS = { tutor: 'You are a patient tutor.', critic: 'You are a strict reviewer.' };\napp.post('/chat', async (req, res) => {\n  await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: PERSONAS[req.body.persona] ?? PERSONAS.tutor, messages: [{ role: 'user', content: req.body.text }] });\n});`,
    },
    {
      name: 'system option of an unrelated call',
      code: `app.post('/log', (req, res) => {\n  logger.write({ system: req.body.system, level: 'info' });\n});`,
    },
    {
      name: 'model output in the next system prompt is an orchestration pattern',
      code: `import { generateText } from 'ai';\nconst plan = await generateText({ model, prompt: 'Plan the release' });\nawait generateText({ model, system: \`Follow this plan: \${plan.text}\`, prompt: 'Write the notes' });`,
    },
    {
      name: 'authenticated user profile is server data',
      code: `${openaiHead}app.post('/chat', async (req, res) => {\n  await openai.responses.create({ model: 'gpt-4o', instructions: \`The user's plan is \${req.user.plan}.\`, input: req.body.q });\n});`,
    },
    {
      name: 'a local class named SystemMessage',
      code: `class SystemMessage { constructor(t) { this.t = t; } }\napp.post('/x', (req) => new SystemMessage(req.body.text));`,
    },
    {
      name: 'langchain user tuple',
      code: `import { ChatPromptTemplate } from '@langchain/core/prompts';\napp.post('/x', (req) => ChatPromptTemplate.fromMessages([['system', 'You translate text.'], ['human', req.body.text]]));`,
    },
  ],
  invalid: [
    {
      name: 'the user-message suggestion keeps the double quotes of the file',
      code: `import OpenAI from "openai";\nconst openai = new OpenAI();\napp.post("/chat", async (req, res) => {\n  await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "system", content: req.body.systemPrompt }] });\n});`,
      errors: [
        {
          messageId: 'userInputInSystemPrompt', line: 4, column: 97, endLine: 4, endColumn: 118, related: 1,
          suggestions: [{ messageId: 'sendAsUserMessage', output: `import OpenAI from "openai";\nconst openai = new OpenAI();\napp.post("/chat", async (req, res) => {\n  await openai.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: req.body.systemPrompt }] });\n});` }],
        },
      ],
    },
    {
      name: 'template literal in the system message',
      code: `${openaiHead}app.post('/chat', async (req, res) => {\n  const { language, question } = req.body;\n  await openai.chat.completions.create({ model: 'gpt-4o', messages: [\n    { role: 'system', content: \`You are a translator. Always answer in \${language}.\` },\n    { role: 'user', content: question },\n  ] });\n});`,
      errors: [{ messageId: 'userInputInSystemPrompt', line: 6, column: 32, endLine: 6, endColumn: 85, related: 1 }],
    },
    {
      name: 'the whole system message comes from the request',
      code: `${openaiHead}app.post('/chat', async (req, res) => {\n  await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: req.body.systemPrompt }] });\n});`,
      errors: [
        {
          messageId: 'userInputInSystemPrompt', line: 4, column: 97, endLine: 4, endColumn: 118,
          suggestions: [{ messageId: 'sendAsUserMessage', output: `${openaiHead}app.post('/chat', async (req, res) => {\n  await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: req.body.systemPrompt }] });\n});` }],
        },
      ],
    },
    {
      name: 'Anthropic system parameter',
      code: `${anthropicHead}export async function POST(request: Request) {\n  const body = await request.json();\n  return anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, system: 'You help ' + body.company + ' customers.', messages: body.messages });\n}`,
      errors: [{ messageId: 'userInputInSystemPrompt', line: 5, column: 91, endLine: 5, endColumn: 133 }],
    },
    {
      name: 'Vercel AI SDK system option',
      code: `import { streamText } from 'ai';\napp.post('/api/chat', async (req, res) => {\n  const result = streamText({ model, system: \`Role: \${req.query.role}\`, messages: req.body.messages });\n});`,
      errors: [{ messageId: 'userInputInSystemPrompt', line: 3, column: 46, endLine: 3, endColumn: 71 }],
    },
    {
      name: 'OpenAI Responses API instructions',
      code: `${openaiHead}app.post('/r', async (req, res) => {\n  await openai.responses.create({ model: 'gpt-4o', instructions: \`Tone: \${req.body.tone}\`, input: req.body.q });\n});`,
      errors: [{ messageId: 'userInputInSystemPrompt', line: 4, column: 66, endLine: 4, endColumn: 90 }],
    },
    {
      name: 'Google GenAI systemInstruction',
      code: `import { GoogleGenAI } from '@google/genai';\nconst ai = new GoogleGenAI({});\napp.post('/g', async (req, res) => {\n  await ai.models.generateContent({ model: 'gemini-2.5-flash', contents: req.body.q, config: { systemInstruction: req.body.persona } });\n});`,
      errors: [{ messageId: 'userInputInSystemPrompt', line: 4, column: 115, endLine: 4, endColumn: 131 }],
    },
    {
      name: 'LangChain SystemMessage and system tuple',
      code: `import { SystemMessage } from '@langchain/core/messages';\nimport { ChatPromptTemplate } from '@langchain/core/prompts';\napp.post('/l', async (req, res) => {\n  const a = new SystemMessage(\`Rules: \${req.body.rules}\`);\n  const b = ChatPromptTemplate.fromMessages([['system', req.body.rules], ['human', '{input}']]);\n});`,
      errors: [
        { messageId: 'userInputInSystemPrompt', line: 4, column: 31, endLine: 4, endColumn: 57 },
        { messageId: 'userInputInSystemPrompt', line: 5, column: 57, endLine: 5, endColumn: 71 },
      ],
    },
  ],
});
