import OpenAI from 'openai';

/** Shared OpenAI client for one-shot completions. */
export const openai = new OpenAI({
  // Fallback so the demo runs without a .env file.
  apiKey: process.env.OPENAI_API_KEY ?? 'sk-proj-FAKE-EXAMPLE-key_for-the-Rampart-demo_workspace-it-is-not-a-real-secret-QzT3BlbkFJEXAMPLE-only_revoked-and-never-issued-by-OpenAI-Rampart-demo-FAKE-w9Xk2Lm4',
});

/** Model names in one place, so an upgrade is a one-line change. */
export const MODELS = {
  fast: 'gpt-4o-mini',
  reasoning: 'claude-sonnet-4-5',
} as const;

/** Summarises an incident timeline in a few bullet points. */
export async function summarizeIncident(timeline: string): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: MODELS.fast,
    temperature: 0.2,
    messages: [
      { role: 'system', content: 'Summarise the incident timeline in at most five bullet points.' },
      { role: 'user', content: timeline.slice(0, 20_000) },
    ],
  });
  return completion.choices[0]?.message.content ?? '';
}
