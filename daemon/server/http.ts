// The daemon's listener: an HTTP server on 127.0.0.1 only, whose sole purpose is the authenticated WebSocket upgrade.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AirlockError, MAX_MESSAGE_BYTES } from '../../protocol';
import { checkUpgrade } from './auth';
import type { Logger } from './log';

export interface Listener {
  server: Server;
  wss: WebSocketServer;
  port: number;
  close(): Promise<void>;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
}

/** Serves a plain HTTP request (the OpenAI/Anthropic/Ollama surfaces); false when the path is not one of its own. */
export type RequestRoute = (req: IncomingMessage, res: ServerResponse, port: number) => boolean;

export async function listen(port: number, token: string, log: Logger, onConnection: (ws: WebSocket) => void, onRequest?: RequestRoute): Promise<Listener> {
  let actualPort = port;
  const server = createServer((req, res) => {
    if (onRequest?.(req, res, actualPort)) return;
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('airlockd speaks JSON-RPC over WebSocket only\n');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const refusal = checkUpgrade(req, token, actualPort);
    if (refusal) {
      log.info('connection refused', { status: refusal.status, reason: refusal.reason, remote: req.socket.remoteAddress });
      refuse(socket, refusal.status, refusal.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `port ${port} on 127.0.0.1 is taken (another airlockd? \`airlock daemon status\`)`, { port })
        : err);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    wss,
    port: actualPort,
    close: () => new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
