import rule from '../../../src/rules/js/no-llm-key-in-browser';
import { ruleTester } from '../../lib/rule-tester';

const openaiHead = `import OpenAI from 'openai';\n`;

ruleTester(rule, {
  valid: [
    { code: `${openaiHead}const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`, name: 'server-only variable' },
    { code: `${openaiHead}const openai = new OpenAI({ dangerouslyAllowBrowser: false });`, name: 'option set to false' },
    { code: `${openaiHead}const openai = new OpenAI({ dangerouslyAllowBrowser: isTestEnv });`, name: 'option not known statically' },
    { code: `${openaiHead}const { client_secret } = await (await fetch('/api/realtime-session')).json();\nconst openai = new OpenAI({ apiKey: client_secret.value, dangerouslyAllowBrowser: true });`, name: 'ephemeral key minted by the server' },
    { code: `${openaiHead}const openai = new OpenAI({ apiKey: 'unused', baseURL: '/api/openai-proxy', dangerouslyAllowBrowser: true });`, name: 'same-origin proxy adds the key server-side' },
    { code: `const model = process.env.NEXT_PUBLIC_OPENAI_MODEL;\nconst max = Number(process.env.NEXT_PUBLIC_OPENAI_MAX_TOKENS);`, name: 'public model name and token limit are not credentials' },
    { code: `const key = import.meta.env.VITE_STRIPE_PUBLISHABLE_KEY;`, name: 'public key of a non-LLM provider' },
    { code: `const key = import.meta.env.VITE_MAPBOX_TOKEN;`, name: 'token of a non-LLM provider' },
    { code: `const process = { env: { NEXT_PUBLIC_OPENAI_API_KEY: 'x' } };\nconst k = process.env.NEXT_PUBLIC_OPENAI_API_KEY;`, name: 'a local object named process' },
    { code: `const url = process.env.NEXT_PUBLIC_OPENAI_PROXY_URL;`, name: 'public proxy URL' },
    { code: `const key = config.NEXT_PUBLIC_OPENAI_API_KEY;`, name: 'not read from the environment' },
  ],
  invalid: [
    {
      name: 'dangerouslyAllowBrowser with a public Vite variable',
      code: `${openaiHead}const openai = new OpenAI({\n  apiKey: import.meta.env.VITE_OPENAI_API_KEY,\n  dangerouslyAllowBrowser: true,\n});`,
      errors: [
        {
          messageId: 'publicEnvKey', line: 3, column: 11, endLine: 3, endColumn: 46,
          suggestions: [{ messageId: 'useServerVariable', output: `${openaiHead}const openai = new OpenAI({\n  apiKey: process.env.OPENAI_API_KEY,\n  dangerouslyAllowBrowser: true,\n});` }],
        },
        { messageId: 'allowBrowser', line: 4, column: 3, endLine: 4, endColumn: 32 },
      ],
    },
    {
      name: 'Anthropic client in the browser',
      code: `import Anthropic from '@anthropic-ai/sdk';\nconst anthropic = new Anthropic({ apiKey: userKey, dangerouslyAllowBrowser: true });`,
      errors: [{ messageId: 'allowBrowser', line: 2, column: 52, endLine: 2, endColumn: 81 }],
    },
    {
      name: 'Next.js public variable',
      code: `${openaiHead}export const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY });`,
      errors: [
        {
          messageId: 'publicEnvKey', line: 2, column: 44, endLine: 2, endColumn: 82,
          suggestions: [{ messageId: 'useServerVariable', output: `${openaiHead}export const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });` }],
        },
      ],
    },
    {
      name: 'Create React App variable in a fetch header',
      code: `fetch('https://api.anthropic.com/v1/messages', { headers: { 'x-api-key': process.env['REACT_APP_ANTHROPIC_KEY'] } });`,
      filename: 'chat.jsx',
      errors: [
        {
          messageId: 'publicEnvKey', line: 1, column: 74, endLine: 1, endColumn: 112,
          suggestions: [{ messageId: 'useServerVariable', output: `fetch('https://api.anthropic.com/v1/messages', { headers: { 'x-api-key': process.env.ANTHROPIC_KEY } });` }],
        },
      ],
    },
    {
      name: 'destructured from import.meta.env (no suggestion)',
      code: `const { VITE_GEMINI_API_KEY, VITE_APP_TITLE } = import.meta.env;`,
      errors: [{ messageId: 'publicEnvKey', line: 1, column: 9, endLine: 1, endColumn: 28 }],
    },
    {
      name: 'Expo variable for Hugging Face',
      code: `const hf = new HfInference(process.env.EXPO_PUBLIC_HF_TOKEN);`,
      errors: [
        {
          messageId: 'publicEnvKey', line: 1, column: 28, endLine: 1, endColumn: 60,
          suggestions: [{ messageId: 'useServerVariable', output: `const hf = new HfInference(process.env.HF_TOKEN);` }],
        },
      ],
    },
  ],
});
