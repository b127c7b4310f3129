// Express server for the ops dashboard.
const express = require('express');
const { exec } = require('child_process');

const app = express();

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

// GET /api/history?branch=main: recent commits on a branch.
app.get('/api/history', (req, res) => {
  exec(`git log ${req.query.branch}`, (error, stdout) => {
    if (error) return res.status(500).send(error.message);
    res.type('text/plain').send(stdout);
  });
});

app.listen(3000, () => console.log('listening on 3000'));
