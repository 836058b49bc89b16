// The daemon's listeners: TCP on 127.0.0.1 only (other clients, Windows) and, on Linux/macOS, a Unix socket inside
// the 0700 home (the CLI's and the extension's default). One HTTP server serves both: WebSocket upgrades go through
// the checks and the challenge–response in auth.ts; plain HTTP requests go to `onRequest` (the seam for HTTP APIs).
import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createConnection, createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AirlockError, MAX_MESSAGE_BYTES } from '../../protocol';
import { NONCE_HEADER, tcpEndpoint, UNIX_ENDPOINT } from '../../protocol/node/handshake';
import { authenticate, checkUpgrade } from './auth';
import type { Logger } from './log';

export interface Listener {
  server: Server;
  wss: WebSocketServer;
  port: number;
  /** The Unix socket path, or null when there is none (Windows, a home path too long for a socket). */
  socketPath: string | null;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  socketPath: string | null;
  token: string;
  log: Logger;
  /** An authenticated client. */
  onConnection: (ws: WebSocket) => void;
  /** Plain HTTP requests (not upgrades): the OpenAI/Anthropic/Ollama surfaces. Anything it does not serve gets 426. */
  onRequest?: RequestRoute;
  /** How long a client has to send its proof after the challenge. */
  authTimeoutMs?: number;
}

const STATUS_TEXT = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' } as const;

function refuse(socket: Duplex, status: keyof typeof STATUS_TEXT, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/** Serves a plain HTTP request (the OpenAI/Anthropic/Ollama surfaces); false when the path is not one of its own. */
export type RequestRoute = (req: IncomingMessage, res: ServerResponse, port: number) => boolean;

const upgradeOnly = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(426, { 'Content-Type': 'text/plain' }).end('airlockd speaks JSON-RPC over WebSocket only\n');
};

function listenTcp(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `port ${port} on 127.0.0.1 is taken (another airlockd? \`airlock daemon status\`)`, { port })
        : err);
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Whether something accepts connections on the socket file (a live daemon, not a file left by a crash). */
function socketAnswers(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(file);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * A file left by a crash is removed; a socket another daemon still serves (same home, another port) is not taken
 * over. Connections are handed to the HTTP server, so both transports share one request and upgrade path.
 */
async function listenUnix(server: Server, file: string, unixSockets: WeakSet<object>): Promise<NetServer> {
  if (await socketAnswers(file)) {
    throw new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `another airlockd already serves this home on ${file} (\`airlock daemon status\`)`, { socket: file });
  }
  const unix = createNetServer((socket: Socket) => {
    unixSockets.add(socket);
    server.emit('connection', socket);
  });
  try {
    unlinkSync(file);
  } catch {
    // None left over.
  }
  return new Promise((resolve, reject) => {
    unix.once('error', reject);
    unix.listen(file, () => {
      chmodSync(file, 0o600);
      resolve(unix);
    });
  });
}

export async function listen(options: ListenOptions): Promise<Listener> {
  const { token, log, onConnection } = options;
  let actualPort = options.port;
  const server = createServer((req, res) => {
    if (options.onRequest?.(req, res, actualPort)) return;
    upgradeOnly(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const unixSockets = new WeakSet<object>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const viaUnix = unixSockets.has(req.socket);
    const refusal = checkUpgrade(req, viaUnix ? null : actualPort);
    if (refusal) {
      log.info('connection refused', { status: refusal.status, reason: refusal.reason, transport: viaUnix ? 'unix' : 'tcp' });
      refuse(socket, refusal.status, refusal.reason);
      return;
    }
    const endpoint = viaUnix ? UNIX_ENDPOINT : tcpEndpoint(actualPort);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => undefined);
      authenticate(ws, token, endpoint, String(req.headers[NONCE_HEADER]), options.authTimeoutMs ?? 10_000,
        () => onConnection(ws),
        (reason) => log.info('connection refused', { status: 4401, reason, transport: viaUnix ? 'unix' : 'tcp' }));
    });
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  actualPort = await listenTcp(server, options.port);
  let unix: NetServer | null = null;
  if (options.socketPath) {
    try {
      unix = await listenUnix(server, options.socketPath, unixSockets);
    } catch (err) {
      if (err instanceof AirlockError) {
        server.close();
        throw err;
      }
      // TCP with the challenge–response still serves every client; say why the socket is missing.
      log.error('unix socket unavailable', { path: options.socketPath, message: (err as Error).message });
    }
  }
  return {
    server,
    wss,
    port: actualPort,
    socketPath: unix ? options.socketPath : null,
    close: () => new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      let open = unix ? 2 : 1;
      const closed = () => void (--open === 0 && resolve());
      unix?.close(closed);
      server.close(closed);
      server.closeAllConnections();
    }),
  };
}
