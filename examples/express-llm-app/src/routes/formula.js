import Anthropic from '@anthropic-ai/sdk';
import { Router } from 'express';
import { MODELS } from '../llm.js';

export const formulaRouter = Router();
const anthropic = new Anthropic();

// POST /api/formula { "question": "average latency in seconds", "data": { "latency_ms": [120, 80] } }
formulaRouter.post('/', async (req, res) => {
  const { question, data } = req.body;
  const message = await anthropic.messages.create({
    model: MODELS.reasoning,
    max_tokens: 200,
    system: 'Translate the question into one JavaScript expression over the object `data`. Reply with the expression only.',
    messages: [{ role: 'user', content: `${question}\n\ndata = ${JSON.stringify(data)}` }],
  });
  const formula = message.content[0].text;
  // Runs whatever the model wrote, with the privileges of the server process.
  const value = eval(formula);
  res.json({ formula, value });
});

// The safe version: the model only picks an operation from a fixed list, as JSON, and the server computes it.
const OPERATIONS = {
  sum: (xs) => xs.reduce((a, b) => a + b, 0),
  mean: (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0),
  max: (xs) => Math.max(...xs),
  min: (xs) => Math.min(...xs),
};

// POST /api/formula/v2 (same body)
formulaRouter.post('/v2', async (req, res) => {
  const { question, data } = req.body;
  const message = await anthropic.messages.create({
    model: MODELS.reasoning,
    max_tokens: 100,
    system: 'Reply with JSON only: {"operation": "sum" | "mean" | "max" | "min", "field": "<a key of data>"}',
    messages: [{ role: 'user', content: `${question}\n\nkeys of data: ${Object.keys(data ?? {}).join(', ')}` }],
  });
  let plan;
  try {
    plan = JSON.parse(message.content[0].text);
  } catch {
    return res.status(502).json({ error: 'the model did not answer with JSON' });
  }
  const operation = Object.hasOwn(OPERATIONS, plan?.operation) ? OPERATIONS[plan.operation] : undefined;
  const values = Array.isArray(data?.[plan?.field]) ? data[plan.field].filter(Number.isFinite) : undefined;
  if (!operation || !values) return res.status(422).json({ error: 'unsupported operation or field' });
  res.json({ plan, value: operation(values) });
});
