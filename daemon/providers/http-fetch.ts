// A fetch for the provider clients (ollama, openai, @anthropic-ai/sdk all take one), over node:http(s) with a
// keep-alive agent per provider. The global fetch (undici) spent about 0.3 ms of JavaScript before a request reached
// the socket and 0.2 ms more before the first response bytes reached the reader: half of airlockd's own time to the
// first token on a local model. One HTTP stack also keeps memory down: loading and warming undici beside the SDKs
// raised peak RSS at 200 streams from 130 to 155 MB (npm run bench). This covers what the clients use of fetch:
// method, headers, a string body, an AbortSignal, and a response with status, headers, text/json and a body reader.
// Redirects are not followed: no provider API redirects, and a redirect must not carry a key elsewhere.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { proxyAuth, proxyFor, TunnelAgent } from './proxy';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

function bodyOf(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // Provider clients send JSON strings; anything else is a programming error, not something to guess at.
  throw new TypeError('http-fetch sends string or byte bodies only');
}

/**
 * A reader over the response, as `response.body.getReader()` hands it out: 'data' events straight from the socket,
 * which is paused while a chunk waits to be read. No web stream and no async iterator per chunk.
 */
function bodyReader(res: IncomingMessage): ReadableStreamDefaultReader<Uint8Array> {
  type Result = ReadableStreamReadResult<Uint8Array>;
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let waiting: { resolve: (r: Result) => void; reject: (e: Error) => void } | null = null;
  let released = false;
  let settleClosed!: (err?: Error) => void;
  const closed = new Promise<undefined>((resolve, reject) => {
    settleClosed = (err) => (err ? reject(err) : resolve(undefined));
  });
  closed.catch(() => undefined);
  res.on('data', (chunk: Buffer) => {
    if (released) return;
    if (waiting) {
      const w = waiting;
      waiting = null;
      w.resolve({ done: false, value: chunk });
      return;
    }
    queue.push(chunk);
    res.pause();
  });
  res.once('end', () => {
    ended = true;
    settleClosed();
    waiting?.resolve({ done: true, value: undefined });
    waiting = null;
  });
  res.once('error', (err) => {
    failure = err;
    settleClosed(err);
    waiting?.reject(err);
    waiting = null;
  });
  return {
    closed,
    read(): Promise<Result> {
      const chunk = queue.shift();
      if (chunk) {
        if (queue.length === 0) res.resume();
        return Promise.resolve({ done: false, value: chunk });
      }
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise<Result>((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    async cancel() {
      res.destroy();
    },
    releaseLock() {
      // The body can be taken once, so nobody reads after this: drop the rest as it arrives, which lets the response
      // end and its socket go back to the keep-alive pool instead of waiting, paused, for the server to hang up.
      released = true;
      queue.length = 0;
      res.resume();
    },
  } as ReadableStreamDefaultReader<Uint8Array>;
}

async function readAll(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of res) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

function responseFrom(res: IncomingMessage, url: string): Response {
  const headers = new Headers();
  for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  const status = res.statusCode ?? 0;
  let used = false;
  const take = (): IncomingMessage => {
    if (used) throw new TypeError('body already used');
    used = true;
    return res;
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    headers,
    url,
    redirected: false,
    get bodyUsed() {
      return used;
    },
    body: { getReader: () => bodyReader(take()) },
    text: () => readAll(take()),
    json: async () => JSON.parse(await readAll(take())) as unknown,
  } as unknown as Response;
}

export interface Agents {
  'http:': http.Agent;
  'https:': https.Agent;
}

export interface HttpFetchOptions {
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY are read; false for a local provider, which never uses a proxy. */
  proxyEnv?: NodeJS.ProcessEnv | false;
  /** The keep-alive agents; tests pass their own and wait on the agent's `free` event rather than on a clock. */
  agents?: Agents;
}

/** How a request reaches its URL: the agent, and for plain HTTP through a proxy, where to connect instead. */
interface Route {
  agent: http.Agent;
  via?: { host: string; port: string; headers: Record<string, string> };
}

/** A fetch over its own keep-alive agents; one per provider, so a provider's sockets are its own. */
export function createHttpFetch(options: HttpFetchOptions = {}): FetchLike {
  const agents = options.agents ?? { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };
  // Read once: airlockd's environment does not change while it runs.
  const env = options.proxyEnv === false ? null : { ...(options.proxyEnv ?? process.env) };
  const tunnels = new Map<string, http.Agent>();
  // A provider talks to one origin: its route is worked out once, off the per-request path.
  const routes = new Map<string, Route>();
  const routeFor = (url: URL): Route => {
    let route = routes.get(url.origin);
    if (!route) routes.set(url.origin, (route = pickRoute(url)));
    return route;
  };
  const pickRoute = (url: URL): Route => {
    const proxy = env ? proxyFor(url, env) : null;
    if (!proxy) return { agent: agents[url.protocol as 'http:' | 'https:'] };
    // Plain HTTP goes to the proxy with the absolute URL; HTTPS through a CONNECT tunnel, TLS end to end.
    if (url.protocol === 'http:') return { agent: agents['http:'], via: { host: proxy.hostname, port: proxy.port || '80', headers: proxyAuth(proxy) } };
    let tunnel = tunnels.get(proxy.href);
    if (!tunnel) tunnels.set(proxy.href, (tunnel = new TunnelAgent(proxy, env!.AIRLOCK_PROXY_STRICT_SSL !== 'false')));
    return { agent: tunnel };
  };
  // async: a bad URL or body rejects the promise, as fetch does, rather than throwing at the caller.
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const signal = init.signal ?? undefined;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`unsupported URL scheme ${url.protocol}`);
    if (signal?.aborted) throw abortError(signal);
    const route = routeFor(url);
    return new Promise<Response>((resolve, reject) => {
      const body = bodyOf(init.body);
      const method = init.method ?? 'GET';
      const req = route.via
        ? http.request({ host: route.via.host, port: route.via.port, path: url.href, method, headers: { host: url.host, ...headerRecord(init.headers), ...route.via.headers }, agent: route.agent })
        : (url.protocol === 'https:' ? https : http).request(url, { method, headers: headerRecord(init.headers), agent: route.agent });
      const onAbort = (): void => {
        req.destroy(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.once('close', () => signal?.removeEventListener('abort', onAbort));
      req.once('error', reject);
      req.once('response', (res) => {
        // A failure after the headers (reset, abort) reaches whoever reads the body.
        req.off('error', reject);
        req.on('error', (err) => res.destroy(err));
        resolve(responseFrom(res, url.href));
      });
      // end() with the whole body sets Content-Length (no chunked encoding).
      req.end(body);
    });
  };
}
