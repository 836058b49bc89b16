// Who may talk to airlockd: a local, non-browser process that proves it holds the token (protocol/node/handshake.ts)
// after airlockd has proved it first. The HTTP checks run on the upgrade, before any WebSocket exists; the proof is
// the first frame, before the connection reaches JSON-RPC. A refused client never reaches a handler.
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { CLOSE_UNAUTHORIZED, NONCE_HEADER, NONCE_SHAPE, newNonce, parseFrame, proof, proofMatches } from '../../protocol/node/handshake';

export type Refusal = { status: 400 | 401 | 403; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host` must be a loopback name with our port (a DNS-rebound page sends its own host name); on the socket, any port. */
export function hostProblem(host: string | undefined, port: number | null): string | null {
  if (!host) return 'missing Host header';
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!match || !LOOPBACK_HOSTS.has(match[1] ?? '')) return 'Host is not a loopback name';
  if (port !== null && Number(match[2]) !== port) return 'Host names another port';
  return null;
}

function headerCount(req: IncomingMessage, name: string): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === name) count++;
  return count;
}

/**
 * The upgrade's headers. `port` is the TCP port we listen on, or null for the Unix socket (no browser can reach it,
 * and a Host there names no port).
 */
export function checkUpgrade(req: IncomingMessage, port: number | null): Refusal | null {
  // Browsers always send Origin (old drafts: Sec-WebSocket-Origin); a page must never talk to the daemon.
  if (req.headers.origin !== undefined || req.headers['sec-websocket-origin'] !== undefined) return { status: 403, reason: 'browser Origin refused' };
  // Node keeps the first of repeated Host headers; a proxy may route by another. One, or none at all.
  if (headerCount(req, 'host') > 1) return { status: 400, reason: 'more than one Host header' };
  const host = hostProblem(req.headers.host, port);
  if (host) return { status: 403, reason: host };
  if (req.headers.authorization !== undefined) return { status: 401, reason: 'a token sent in clear is refused: prove it with the airlock-auth-v1 challenge instead' };
  const nonce = req.headers[NONCE_HEADER];
  if (typeof nonce !== 'string' || !NONCE_SHAPE.test(nonce)) return { status: 401, reason: `missing ${NONCE_HEADER} (airlock-auth-v1)` };
  return null;
}

/**
 * Proves we hold the token, then waits for the client's proof. Calls `admit` synchronously once the client is in
 * (so a frame right behind the proof reaches the caller's listener), or closes the socket with 4401 (wrong or
 * missing proof, or none within `timeoutMs`); nothing else is read before that.
 */
export function authenticate(ws: WebSocket, token: string, endpoint: string, clientNonce: string, timeoutMs: number, admit: () => void, refused: (reason: string) => void): void {
  const serverNonce = newNonce();
  const done = (ok: boolean, reason?: string) => {
    clearTimeout(timer);
    ws.off('message', onFirst);
    ws.off('close', onClose);
    if (ok) return admit();
    if (ws.readyState === ws.OPEN) ws.close(CLOSE_UNAUTHORIZED, reason);
    refused(reason ?? 'closed before its proof');
  };
  const timer = setTimeout(() => done(false, 'no proof in time'), timeoutMs);
  const onClose = () => done(false);
  const onFirst = (data: unknown, isBinary: boolean) => {
    const frame = isBinary ? null : parseFrame(String(data));
    const expected = proof(token, 'client', endpoint, clientNonce, serverNonce);
    if (frame?.airlock !== 'proof' || !proofMatches(frame.proof, expected)) return done(false, 'wrong proof');
    ws.send(JSON.stringify({ airlock: 'ready' }));
    done(true);
  };
  ws.on('message', onFirst);
  ws.on('close', onClose);
  ws.send(JSON.stringify({ airlock: 'challenge', nonce: serverNonce, proof: proof(token, 'server', endpoint, clientNonce, serverNonce) }));
}
