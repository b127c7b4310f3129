#!/usr/bin/env node
// Seeds the local docker-compose stack with demo incidents. Never pointed at staging or production.
import https from 'node:https';

const LOCAL_API = new URL('https://localhost:8443/api/incidents');

// rampart-ignore-next-line js/no-disabled-tls -- localhost only: the docker-compose stack serves a throwaway self-signed certificate
const agent = new https.Agent({ rejectUnauthorized: false });

const incidents = [
  { title: 'Disk full on ops-1', severity: 'sev2', timeline: '09:12 alert fired\n09:20 logs rotated' },
  { title: 'Elevated 5xx after deploy', severity: 'sev1', timeline: '14:02 deploy\n14:05 rollback' },
];

for (const incident of incidents) {
  const body = JSON.stringify(incident);
  const req = https.request(LOCAL_API, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  req.on('error', (err) => console.error(`could not seed "${incident.title}": ${err.message}`));
  req.end(body);
}
