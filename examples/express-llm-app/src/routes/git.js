import { exec, execFile } from 'node:child_process';
import { Router } from 'express';
import { config } from '../config.js';

export const gitRouter = Router();

// GET /api/git/log?branch=main
gitRouter.get('/log', (req, res) => {
  exec(`git log --oneline -n 20 ${req.query.branch}`, { cwd: config.repoDir }, (err, stdout) => {
    if (err) return res.status(500).json({ error: 'git log failed' });
    res.json({ commits: stdout.trim().split('\n') });
  });
});

const REF = /^[A-Za-z0-9._/-]{1,100}$/;

// GET /api/git/diffstat?ref=v1.4.0
// The safe version: no shell, arguments as an array, the ref validated and kept from being read as an option.
gitRouter.get('/diffstat', (req, res) => {
  const ref = String(req.query.ref ?? 'HEAD');
  if (!REF.test(ref) || ref.startsWith('-')) return res.status(400).json({ error: 'invalid ref' });
  execFile('git', ['diff', '--stat', '--end-of-options', ref, '--'], { cwd: config.repoDir }, (err, stdout) => {
    if (err) return res.status(500).json({ error: 'git diff failed' });
    res.json({ stat: stdout });
  });
});
