import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the loopback registry received. */
export interface SeenRequest {
  readonly name: string;
  readonly authorization: string | undefined;
}

/** Answers one request; `attempt` counts the requests for this name so far (1-based). */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, attempt: number) => void;

/** A real HTTP server on 127.0.0.1 speaking enough of the npm registry protocol for the tests. */
export interface RegistryServer {
  /** Base URL with a trailing slash. */
  readonly url: string;
  /** `//127.0.0.1:<port>/`, the key prefix npm uses for this registry's credentials. */
  readonly nerfDart: string;
  readonly requests: SeenRequest[];
  /** Most requests that were open at the same time. */
  readonly maxConcurrent: () => number;
  /** Routes by decoded package name; an unknown name answers 404. */
  readonly routes: Map<string, Handler>;
  close(): Promise<void>;
}

/** Starts a loopback registry on an ephemeral port. */
export async function startRegistry(): Promise<RegistryServer> {
  const routes = new Map<string, Handler>();
  const requests: SeenRequest[] = [];
  let open = 0;
  let max = 0;
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    requests.push({ name, authorization: req.headers.authorization });
    open++;
    max = Math.max(max, open);
    const done = (): void => {
      open--;
    };
    res.once('close', done);
    const handler = routes.get(name) ?? notFound;
    handler(req, res, requests.filter((r) => r.name === name).length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    nerfDart: `//127.0.0.1:${port}/`,
    requests,
    maxConcurrent: () => max,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends `body` as JSON after `delayMs`. */
export function json(body: unknown, status = 200, delayMs = 0, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}

/** The registry's answer for a name it does not know. */
export const notFound: Handler = json({ error: 'Not found' }, 404);

/** A packument in the registry's full format. */
export function packument(
  name: string,
  versions: Record<string, { time?: string; scripts?: Record<string, string>; deprecated?: string }>,
  extra: { created?: string; latest?: string } = {},
): Record<string, unknown> {
  const time: Record<string, string> = {};
  if (extra.created) time.created = extra.created;
  const docs: Record<string, unknown> = {};
  for (const [v, meta] of Object.entries(versions)) {
    if (meta.time) time[v] = meta.time;
    docs[v] = { name, version: v, ...(meta.scripts ? { scripts: meta.scripts } : {}), ...(meta.deprecated ? { deprecated: meta.deprecated } : {}) };
  }
  const latest = extra.latest ?? Object.keys(versions).at(-1);
  return { _id: name, name, 'dist-tags': latest ? { latest } : {}, versions: docs, time };
}
