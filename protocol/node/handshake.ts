// Mutual authentication between airlockd and its clients without the token ever crossing the wire.
//
// 1. The client opens the WebSocket with a fresh nonce Nc in the `X-Airlock-Nonce` header (no token).
// 2. The daemon's first frame is `{airlock:"challenge", nonce: Ns, proof: HMAC(token, "server"|endpoint|Nc|Ns)}`:
//    the daemon proves first, so a client talking to an impostor (a stale port, another user's listener) stops here
//    and sends nothing more: no token, no prompt.
// 3. The client answers `{airlock:"proof", proof: HMAC(token, "client"|endpoint|Nc|Ns)}`; the daemon answers
//    `{airlock:"ready"}` or closes with 4401. Only then does JSON-RPC start.
// `endpoint` binds the proofs to where the client dialled ("tcp:<port>" or "unix"), so a relay listening on another
// port cannot forward the real daemon's proof. Nonces from both sides make every proof single-use.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const NONCE_HEADER = 'x-airlock-nonce';
export const NONCE_SHAPE = /^[0-9a-f]{64}$/;
/** WebSocket close code for a client whose proof is wrong or late. */
export const CLOSE_UNAUTHORIZED = 4401;
export const HANDSHAKE_VERSION = 'airlock-auth-v1';

export type Role = 'server' | 'client';

export type HandshakeFrame =
  | { airlock: 'challenge'; nonce: string; proof: string }
  | { airlock: 'proof'; proof: string }
  | { airlock: 'ready' };

export function newNonce(): string {
  return randomBytes(32).toString('hex');
}

export function tcpEndpoint(port: number): string {
  return `tcp:${port}`;
}
export const UNIX_ENDPOINT = 'unix';

export function proof(token: string, role: Role, endpoint: string, clientNonce: string, serverNonce: string): string {
  return createHmac('sha256', Buffer.from(token, 'hex'))
    .update([HANDSHAKE_VERSION, role, endpoint, clientNonce, serverNonce].join('\n'))
    .digest('hex');
}

export function proofMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || !NONCE_SHAPE.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(expected, 'hex'));
}

/** Parses a handshake frame; anything else (including JSON-RPC) is null. */
export function parseFrame(text: string): HandshakeFrame | null {
  try {
    const value = JSON.parse(text) as Partial<Record<string, unknown>>;
    if (value === null || typeof value !== 'object') return null;
    if (value.airlock === 'challenge' && typeof value.nonce === 'string' && typeof value.proof === 'string') return value as HandshakeFrame;
    if (value.airlock === 'proof' && typeof value.proof === 'string') return value as HandshakeFrame;
    if (value.airlock === 'ready') return { airlock: 'ready' };
    return null;
  } catch {
    return null;
  }
}
