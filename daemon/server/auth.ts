// Who may open a WebSocket to airlockd: only a local process holding the token. Checked on the HTTP upgrade,
// before any JSON-RPC exists, so a refused client never reaches a handler.
import type { IncomingMessage } from 'node:http';
import { tokensEqual } from './home';

export type Refusal = { status: 401 | 403; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host` must be a loopback name with our port: a DNS-rebound page sends its own host name. */
export function hostProblem(host: string | undefined, port: number): string | null {
  if (!host) return 'missing Host header';
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
  if (!match || !LOOPBACK_HOSTS.has(match[1] ?? '')) return 'Host is not a loopback name';
  if (Number(match[2]) !== port) return 'Host names another port';
  return null;
}

export function checkUpgrade(req: IncomingMessage, token: string, port: number): Refusal | null {
  // Browsers always send Origin on a WebSocket; a page must never talk to the daemon (cross-site WS hijacking).
  if (req.headers.origin !== undefined) return { status: 403, reason: 'browser Origin refused' };
  const host = hostProblem(req.headers.host, port);
  if (host) return { status: 403, reason: host };
  const auth = req.headers.authorization ?? '';
  const match = /^Bearer ([^\s]+)$/.exec(auth);
  if (!match?.[1]) return { status: 401, reason: 'missing token' };
  if (!tokensEqual(match[1], token)) return { status: 401, reason: 'wrong token' };
  return null;
}
