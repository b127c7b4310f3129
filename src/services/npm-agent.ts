import * as http from 'node:http';
import * as https from 'node:https';
import { getAgent } from '@npmcli/agent';

type AgentWithAddRequest = http.Agent & { addRequest(req: http.ClientRequest, options: unknown): void };

/** What the HTTP agent of one npm look-up may do. */
export interface GuardOptions {
  /** The only origin (`https://host[:port]`) this look-up may connect to; a redirect anywhere else fails the request. */
  readonly origin: string;
  /** Most response bytes read off the wire (before decompression); a longer response is cut off. */
  readonly maxWireBytes: number;
  /** The agent that makes the connection (npm's, which honours the user's proxy settings, or Node's own). */
  readonly base: (url: URL) => http.Agent;
}

/**
 * The `agent` option of one npm-registry-fetch request, as a function of the URL (minipass-fetch calls it
 * for the first request and again for every redirect make-fetch-happen follows). It is where the transport
 * rules are enforced, because npm-registry-fetch has no option for them: the request never leaves
 * `origin` (make-fetch-happen forwards the Authorization header on a redirect to the same host name on
 * another port or scheme), a response is cut off after `maxWireBytes`, and the body of a non-2xx answer is
 * never decompressed (it is not read, so a compressed bomb in it costs nothing).
 */
export function guardedAgent(options: GuardOptions): (url: URL) => http.Agent {
  return (url: URL) => {
    if (url.origin !== options.origin) {
      throw Object.assign(new Error(`refused to follow the registry from ${options.origin} to ${url.origin}`), { code: 'ERAMPARTORIGIN' });
    }
    // `addRequest` is how a ClientRequest hands itself to its agent (undocumented, stable since Node 0.x);
    // the wrapper inherits everything else from the real agent.
    const base = options.base(url) as AgentWithAddRequest;
    const agent = Object.create(base) as AgentWithAddRequest;
    agent.addRequest = (req, requestOptions) => {
      req.once('response', (res: http.IncomingMessage) => limitResponse(res, options.maxWireBytes));
      base.addRequest(req, requestOptions);
    };
    return agent;
  };
}

/** The default base agent: npm's own (proxies from the user's npm configuration and environment). */
export function npmAgent(options: Readonly<Record<string, unknown>>): (url: URL) => http.Agent {
  return (url) => getAgent(url.href, options) as http.Agent;
}

/**
 * Node's own agents, one per protocol. The VS Code extension host wraps every request's agent for its
 * proxy support, and that wrapper breaks npm's agent ("Cannot set headers after they are sent"); with
 * these the editor's proxy settings apply instead.
 */
export function plainAgents(maxSockets: number): (url: URL) => http.Agent {
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };
  return (url) => (url.protocol === 'https:' ? agents.https : agents.http);
}

function limitResponse(res: http.IncomingMessage, maxWireBytes: number): void {
  const status = res.statusCode ?? 0;
  // This listener runs before minipass-fetch reads the headers: without an encoding the body of an error or
  // redirect (which nobody reads) stays as the bytes that arrived.
  if (status < 200 || status >= 300) delete res.headers['content-encoding'];
  let seen = 0;
  res.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxWireBytes) res.destroy(Object.assign(new Error(`registry response larger than ${maxWireBytes} bytes`), { code: 'ERAMPARTSIZE' }));
  });
}
