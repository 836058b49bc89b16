// Shared base of the provider simulators: a 127.0.0.1 HTTP server that records every byte it receives,
// plays scripted behaviours (ok, HTTP errors, hangs, resets, malformed or failing streams) and can be
// taken down and brought back on the same port. Providers only supply their wire format.
import http from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { splitPieces } from './reply';
import { setMaxListeners } from 'node:events';

export type Behaviour =
  /** Answer normally; `text` replaces the default reply, delays are in milliseconds. */
  | { kind: 'ok'; text?: string; chunks?: number; firstTokenDelayMs?: number; chunkDelayMs?: number }
  /** Answer with this HTTP status and the provider's exact error body; `retryAfterSeconds` sets `Retry-After`. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** Read the request and never answer, until the client gives up or the simulator closes. */
  | { kind: 'hang' }
  /** Send `afterChunks` text chunks (default 1), then destroy the socket. */
  | { kind: 'reset-mid-stream'; afterChunks?: number; chunks?: number }
  /** Replace text chunk number `afterChunks` (default 1) with broken JSON, then carry on. */
  | { kind: 'malformed-chunk'; afterChunks?: number; chunks?: number }
  /** Send `afterChunks` text chunks (default 1), then the provider's in-stream error event and end. */
  | { kind: 'error-mid-stream'; afterChunks?: number; chunks?: number; message?: string }
  /** Answer with these tool calls (after `text`, if any), each call's JSON arguments streamed in the given pieces. */
  | { kind: 'tool-calls'; calls: SimToolCall[]; text?: string }
  /** Streams: send `afterChunks` text chunks (default 1), then end the answer the way the provider's content filter
   *  does (a simulator without a filter sends its in-stream error). A whole answer is cut as by a reset. */
  | { kind: 'filtered'; afterChunks?: number; chunks?: number };

/** A tool call a simulator makes; `pieces` concatenate to the JSON arguments and are streamed one per frame. */
export interface SimToolCall {
  id?: string;
  name: string;
  pieces: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Body bytes; filled when the body has been read (see `complete`). */
  body: Buffer;
  /** False while the body is still arriving or when the client went away mid-body. */
  complete: boolean;
  /** Milliseconds since the epoch when the request head arrived. */
  time: number;
  /** Which connection it came on, numbered from 1 per simulator: shows whether a client keeps connections alive. */
  connection: number;
  /** The behaviour played for it, when the route plays scripted behaviours. */
  behaviour?: Behaviour['kind'];
}

export interface SimHandle {
  url: string;
  port: number;
  /** Live list of requests received since start or the last reset(). */
  received: RecordedRequest[];
  /** Every byte received on every connection (request lines, headers, bodies), in arrival order. */
  receivedBytes(): Buffer;
  receivedText(): string;
  /** Resolves once `count` requests since the last reset() have been read whole: an event to await, not a poll. */
  whenReceived(count: number): Promise<void>;
  /** Forgets recordings and scripted behaviours; the default goes back to `ok`. */
  reset(): void;
  /** Queues behaviours, one per generation request, in order; then the default applies. */
  script(...behaviours: Behaviour[]): void;
  /** The behaviour used once the queue is empty (initially `{ kind: 'ok' }`). */
  setDefault(behaviour: Behaviour): void;
  /** Closes the listener and all connections: new connections are refused until up(). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Stops for good: closes connections, timers and the listener. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** When set, hosted simulators answer 401 to any other key (a missing key always gets 401). */
  apiKey?: string;
  /** Models the simulator knows (Ollama answers 404 for others; hosted ones list them). */
  models?: string[];
}

/** One request, as a provider sees it. */
export interface Exchange {
  method: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  res: ServerResponse;
  /** Takes the next scripted behaviour (queue first, then the default) and records it. */
  nextBehaviour(): Behaviour;
  /** Aborts when the simulator goes down, so delays and hangs end with it. */
  signal: AbortSignal;
}

/** A provider's error wire form for one status. */
export interface ErrorReply {
  body: unknown;
  headers?: Record<string, string>;
}

/** One complete frame: wire text, or bytes for a binary framing (Bedrock's event stream). */
export type Frame = string | Uint8Array;

/** A provider's streaming wire form for one request; every frame is complete wire text (or bytes). */
export interface StreamWire {
  contentType: string;
  open(): Frame[];
  piece(text: string): Frame;
  close(text: string): Frame[];
  malformed(): Frame;
  error(message: string): Frame;
  /** The whole stream of an answer that calls tools (after optional text), in the provider's wire format. */
  toolCalls?(calls: SimToolCall[], text: string): Frame[];
  /** The frames that end a stream stopped by the provider's content filter (`filtered` behaviour). */
  filtered?(text: string): Frame[];
}

/** Everything `play` needs from a provider to answer one generation request. */
export interface Wire {
  /** `retryAfterSeconds` is for providers that put the retry hint in the body (Google's RetryInfo). */
  error(status: number, message?: string, retryAfterSeconds?: number): ErrorReply;
  /** The non-streaming success body. */
  complete(text: string): unknown;
  /** The non-streaming body of an answer that calls tools. */
  completeToolCalls?(calls: SimToolCall[], text: string): unknown;
  /** Present when the client asked for a stream. */
  stream?: StreamWire;
  /** Extra response headers on every answer (request ids and the like). */
  headers?: Record<string, string>;
}

export interface Dialect {
  handle(exchange: Exchange): Promise<void> | void;
}

const DEFAULT_CHUNKS = 3;

/** Aborted when the simulator goes down; every in-flight stream listens to it, so it has no listener limit. */
function lifeSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function gone(res: ServerResponse, signal: AbortSignal): boolean {
  return signal.aborted || res.destroyed || res.writableEnded;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(ex: Exchange, reply: ErrorReply, status: number, extra: Record<string, string> = {}): void {
  sendJson(ex.res, status, reply.body, { ...extra, ...reply.headers });
}

/** Waits until the client leaves or the simulator goes down; never answers. */
function hang(ex: Exchange): Promise<void> {
  return new Promise((resolve) => {
    if (ex.signal.aborted || ex.res.destroyed) return resolve();
    ex.signal.addEventListener('abort', () => resolve(), { once: true });
    ex.res.on('close', () => resolve());
  });
}

function faultIndex(b: Behaviour): number {
  return 'afterChunks' in b && b.afterChunks !== undefined ? b.afterChunks : 1;
}

function delayBefore(b: Behaviour, pieceIndex: number): number {
  if (b.kind !== 'ok') return 0;
  return (pieceIndex === 0 ? b.firstTokenDelayMs : b.chunkDelayMs) ?? 0;
}

/** Writes and resolves once the bytes are handed to the kernel, so a later destroy() does not discard them. */
function writeFlushed(res: ServerResponse, frame: Frame): Promise<void> {
  return new Promise((resolve) => res.write(frame, () => resolve()));
}

/** Plays a stream fault (the end of the stream counts as the last place); true when the stream is over. */
function streamFault(res: ServerResponse, b: Behaviour, stream: StreamWire): boolean {
  if (b.kind === 'reset-mid-stream') {
    // Empty write: its callback runs after everything queued before it has been flushed.
    void writeFlushed(res, '').then(() => res.socket?.destroy());
    return true;
  }
  if (b.kind === 'error-mid-stream') {
    res.end(stream.error(b.message ?? 'Simulated failure mid-stream'));
    return true;
  }
  if (b.kind === 'filtered') {
    for (const frame of stream.filtered?.('') ?? [stream.error('this simulator cannot filter content')]) res.write(frame);
    res.end();
    return true;
  }
  if (b.kind === 'malformed-chunk') res.write(stream.malformed());
  return false;
}

async function playStream(ex: Exchange, b: Behaviour, wire: Wire, stream: StreamWire, text: string): Promise<void> {
  const { res, signal } = ex;
  const pieces = splitPieces(text, 'chunks' in b && b.chunks !== undefined ? b.chunks : DEFAULT_CHUNKS);
  const at = Math.min(faultIndex(b), pieces.length);
  res.writeHead(200, { 'content-type': stream.contentType, 'cache-control': 'no-cache', ...wire.headers });
  for (const frame of stream.open()) res.write(frame);
  for (const [i, piece] of pieces.entries()) {
    await sleep(delayBefore(b, i), signal);
    if (gone(res, signal)) return;
    if (i === at) {
      if (streamFault(res, b, stream)) return;
      // A malformed chunk takes the place of this piece: its text is lost, as with a corrupted frame.
      if (b.kind === 'malformed-chunk') continue;
    }
    res.write(stream.piece(piece));
  }
  if (at === pieces.length && streamFault(res, b, stream)) return;
  for (const frame of stream.close(text)) res.write(frame);
  res.end();
}

async function playWhole(ex: Exchange, b: Behaviour, wire: Wire, text: string): Promise<void> {
  const { res, signal } = ex;
  await sleep(delayBefore(b, 0), signal);
  if (gone(res, signal)) return;
  if (b.kind === 'error-mid-stream') return sendError(ex, wire.error(500, b.message), 500, wire.headers);
  if (b.kind === 'ok') return sendJson(res, 200, wire.complete(text), wire.headers);
  const body = JSON.stringify(wire.complete(text));
  const half = body.slice(0, Math.floor(body.length / 2));
  if (b.kind === 'malformed-chunk') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(half), ...wire.headers });
    return void res.end(half);
  }
  // Reset: announce the full length, send half, drop the connection.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...wire.headers });
  res.write(half, () => res.socket?.destroy());
}

function playToolCalls(ex: Exchange, wire: Wire, calls: SimToolCall[], text: string): void {
  if (!wire.stream) {
    if (!wire.completeToolCalls) return sendJson(ex.res, 500, wire.error(500, 'this simulator cannot call tools').body);
    return sendJson(ex.res, 200, wire.completeToolCalls(calls, text), wire.headers);
  }
  if (!wire.stream.toolCalls) return sendJson(ex.res, 500, wire.error(500, 'this simulator cannot call tools').body);
  ex.res.writeHead(200, { 'content-type': wire.stream.contentType, 'cache-control': 'no-cache', ...wire.headers });
  for (const frame of wire.stream.toolCalls(calls, text)) ex.res.write(frame);
  ex.res.end();
}

/** Answers one generation request with the next scripted behaviour, in the provider's wire format. */
export async function play(ex: Exchange, wire: Wire, defaultText: string): Promise<void> {
  const b = ex.nextBehaviour();
  if (b.kind === 'hang') return hang(ex);
  if (b.kind === 'status') {
    const retry: Record<string, string> = b.retryAfterSeconds !== undefined ? { 'retry-after': String(b.retryAfterSeconds) } : {};
    return sendError(ex, wire.error(b.status, b.message, b.retryAfterSeconds), b.status, { ...wire.headers, ...retry });
  }
  if (b.kind === 'tool-calls') return playToolCalls(ex, wire, b.calls, b.text ?? '');
  const reply = b.kind === 'ok' && b.text !== undefined ? b.text : defaultText;
  return wire.stream ? playStream(ex, b, wire, wire.stream, reply) : playWhole(ex, b, wire, reply);
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Parses a JSON object body; undefined when it is not one. */
export function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `data: …` server-sent event, with an `event:` line when named. */
export function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** Starts a simulator speaking `dialect` on 127.0.0.1. */
export async function startSim(dialect: Dialect, options: StartOptions = {}): Promise<SimHandle> {
  const received: RecordedRequest[] = [];
  const bytes: Buffer[] = [];
  const sockets = new Set<Socket>();
  let queue: Behaviour[] = [];
  let fallback: Behaviour = { kind: 'ok' };
  let life = lifeSignal();
  let server: http.Server | undefined;
  let port = options.port ?? 0;
  let closed = false;

  const waiters: { count: number; resolve: () => void }[] = [];
  const settle = () => {
    const done = received.filter((r) => r.complete).length;
    for (const w of waiters.filter((x) => x.count <= done)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };

  const connectionIds = new WeakMap<object, number>();
  let connections = 0;
  function onRequest(req: http.IncomingMessage, res: ServerResponse): void {
    let connection = connectionIds.get(req.socket);
    if (connection === undefined) connectionIds.set(req.socket, (connection = ++connections));
    const recorded: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.alloc(0), complete: false, time: Date.now(), connection };
    received.push(recorded);
    const parts: Buffer[] = [];
    const signal = life.signal;
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('error', () => { recorded.body = Buffer.concat(parts); });
    req.on('end', () => {
      recorded.body = Buffer.concat(parts);
      recorded.complete = true;
      settle();
      const url = new URL(recorded.path, 'http://127.0.0.1');
      const exchange: Exchange = {
        method: recorded.method, pathname: url.pathname, query: url.searchParams, headers: req.headers, body: recorded.body, res, signal,
        nextBehaviour() {
          const b = queue.shift() ?? fallback;
          recorded.behaviour = b.kind;
          return b;
        },
      };
      Promise.resolve(dialect.handle(exchange)).catch((err: unknown) => {
        sendJson(res, 500, { error: `simulator bug: ${String(err)}` });
      });
    });
  }

  // The recording listener is attached after http's own: adding a 'data' listener makes node hand the
  // bytes to JavaScript, so both the HTTP parser and the recorder see every byte.
  function onConnection(socket: Socket): void {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => bytes.push(Buffer.from(chunk)));
    socket.on('close', () => sockets.delete(socket));
  }

  async function up(): Promise<void> {
    if (server || closed) return;
    life = lifeSignal();
    const next = http.createServer(onRequest);
    next.on('connection', onConnection);
    next.on('clientError', (_err, socket) => socket.destroy());
    port = await listen(next, port);
    server = next;
  }

  async function down(): Promise<void> {
    const current = server;
    if (!current) return;
    server = undefined;
    life.abort();
    const stopped = new Promise<void>((resolve) => current.close(() => resolve()));
    const socketsClosed = [...sockets].map((socket) => new Promise((resolve) => socket.once('close', resolve)));
    for (const socket of sockets) socket.destroy();
    current.closeAllConnections();
    await Promise.all([stopped, ...socketsClosed]);
    // One more turn lets in-process clients see the close, so their next request dials afresh and is refused.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }

  await up();
  return {
    get url() { return `http://127.0.0.1:${port}`; },
    get port() { return port; },
    received,
    receivedBytes: () => Buffer.concat(bytes),
    receivedText: () => Buffer.concat(bytes).toString('utf8'),
    whenReceived(count) {
      const waited = new Promise<void>((resolve) => waiters.push({ count, resolve }));
      settle();
      return waited;
    },
    reset() {
      received.length = 0;
      bytes.length = 0;
      queue = [];
      fallback = { kind: 'ok' };
    },
    script(...behaviours) { queue.push(...behaviours); },
    setDefault(behaviour) { fallback = behaviour; },
    down,
    up,
    async close() {
      closed = true;
      await down();
    },
  };
}
