import { Router } from 'express';
import { summarizeIncident } from '../llm.js';
import { fetchMetrics, fetchStagingHealth } from '../staging.js';
import { runAgent } from '../tools.js';

export const agentRouter = Router();

// POST /api/agent { "task": "why is the disk on the ops box full?" }
agentRouter.post('/', async (req, res) => {
  const task = String(req.body?.task ?? '').slice(0, 2_000);
  if (!task) return res.status(400).json({ error: 'task is required' });
  res.json({ answer: await runAgent(task) });
});

// POST /api/agent/summary { "timeline": "..." }
agentRouter.post('/summary', async (req, res) => {
  res.json({ summary: await summarizeIncident(String(req.body?.timeline ?? '')) });
});

// GET /api/agent/context: what the assistant sees before it answers
agentRouter.get('/context', async (_req, res) => {
  const [staging, errorRate] = await Promise.all([
    fetchStagingHealth(),
    fetchMetrics('sum(rate(http_requests_total{status=~"5.."}[5m]))'),
  ]);
  res.json({ staging, errorRate });
});
