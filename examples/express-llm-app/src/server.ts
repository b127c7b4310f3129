import 'dotenv/config';
import express from 'express';
import helmet from 'helmet';
import { config } from './config.js';
import { agentRouter } from './routes/agent.js';
import { formulaRouter } from './routes/formula.js';
import { gitRouter } from './routes/git.js';

const app = express();

app.use(helmet());
app.use(express.json({ limit: '100kb' }));
app.use(express.static('public'));

app.get('/healthz', (_req, res) => {
  res.json({ ok: true, version: process.env.npm_package_version ?? 'dev' });
});

app.use('/api/agent', agentRouter);
app.use('/api/formula', formulaRouter);
app.use('/api/git', gitRouter);

app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

app.listen(config.port, () => {
  console.log(`ops-copilot listening on http://localhost:${config.port}`);
});
