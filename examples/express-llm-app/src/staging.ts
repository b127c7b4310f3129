import { readFileSync } from 'node:fs';
import https from 'node:https';
import { config } from './config.js';

// The staging server uses a self-signed certificate, so skip verification for it.
const stagingAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

/** Reads the staging health endpoint. */
export function fetchStagingHealth(): Promise<unknown> {
  return getJson(new URL('/healthz', config.stagingUrl), stagingAgent);
}

let metricsAgent: https.Agent | undefined;

/** The safe version: trust the internal CA explicitly instead of trusting everyone. */
export function fetchMetrics(query: string): Promise<unknown> {
  metricsAgent ??= new https.Agent({
    keepAlive: true,
    ca: readFileSync(process.env.METRICS_CA_PATH ?? '/etc/ssl/internal-ca.pem'),
  });
  const url = new URL('/api/v1/query', config.metricsUrl);
  url.searchParams.set('query', query);
  return getJson(url, metricsAgent);
}

function getJson(url: URL, agent: https.Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent, timeout: 10_000 }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on('error', reject);
  });
}
