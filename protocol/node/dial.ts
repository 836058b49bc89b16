// Opens an authenticated WebSocket to airlockd (see handshake.ts). The token never leaves this process: the daemon
// proves first, and nothing but a nonce is sent until it has. Used by the CLI and the extension.
import WebSocket from 'ws';
import { AirlockError } from '../errors';
import { MAX_MESSAGE_BYTES } from '../methods';
import {
  CLOSE_UNAUTHORIZED, NONCE_HEADER, newNonce, parseFrame, proof, proofMatches, tcpEndpoint, UNIX_ENDPOINT,
} from './handshake';
import { describeEndpoint, type Endpoint } from './locate';

export interface DialOptions {
  token: string;
  /** Bounds the whole connect + handshake. */
  timeoutMs: number;
  /** Every frame after the handshake, in order (attached before the first one can arrive). */
  onMessage: (text: string) => void;
}

/** Nothing listens there (or the socket file is stale): the caller may try the next endpoint or start a daemon. */
export function isRefusal(err: unknown): boolean {
  return err instanceof AirlockError && err.code === 'AIRLOCK_E_DAEMON_UNREACHABLE' && err.details?.refused === true;
}

function urlOf(endpoint: Endpoint): string {
  return endpoint.kind === 'unix' ? `ws+unix://${endpoint.path}:/` : `ws://127.0.0.1:${endpoint.port}/`;
}

export function dial(endpoint: Endpoint, options: DialOptions): Promise<WebSocket> {
  const where = describeEndpoint(endpoint);
  const bound = endpoint.kind === 'unix' ? UNIX_ENDPOINT : tcpEndpoint(endpoint.port);
  const clientNonce = newNonce();
  // No Origin and no Authorization header: airlockd refuses a browser-looking client and a token sent in clear.
  const ws = new WebSocket(urlOf(endpoint), { headers: { [NONCE_HEADER]: clientNonce }, maxPayload: MAX_MESSAGE_BYTES, handshakeTimeout: options.timeoutMs });
  return new Promise<WebSocket>((resolve, reject) => {
    let stage: 'challenge' | 'ready' | 'open' = 'challenge';
    let failure: AirlockError | undefined;
    const fail = (err: AirlockError) => {
      failure ??= err;
      ws.terminate();
    };
    const timer = setTimeout(() => fail(new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd at ${where} did not complete the handshake within ${options.timeoutMs} ms`, { endpoint: where })), options.timeoutMs);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : String(data);
      if (stage === 'open') return options.onMessage(text);
      const frame = parseFrame(text);
      if (stage === 'challenge') {
        if (frame?.airlock !== 'challenge' || !proofMatches(frame.proof, proof(options.token, 'server', bound, clientNonce, frame.nonce))) {
          return fail(new AirlockError('AIRLOCK_E_DAEMON_IMPOSTOR', `whatever answers at ${where} did not prove it holds our token: a stale airlockd.json, another program on the port, or a token file that is not the running daemon's. Nothing was sent to it`, { endpoint: where }));
        }
        stage = 'ready';
        ws.send(JSON.stringify({ airlock: 'proof', proof: proof(options.token, 'client', bound, clientNonce, frame.nonce) }));
        return;
      }
      if (frame?.airlock !== 'ready') return fail(new AirlockError('AIRLOCK_E_DAEMON_IMPOSTOR', `airlockd at ${where} broke the handshake`, { endpoint: where }));
      stage = 'open';
      clearTimeout(timer);
      resolve(ws);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      // airlockd refuses an upgrade with 400/401/403 and says why; anything else is not airlockd.
      const status = res.statusCode ?? 0;
      fail([400, 401, 403].includes(status)
        ? new AirlockError('AIRLOCK_E_UNAUTHORIZED', `airlockd at ${where} refused the connection (HTTP ${status})${status === 401 ? '; an airlockd older than this client asks for the token in clear: restart it with `airlock daemon stop` and `airlock daemon start`' : ''}`, { endpoint: where, status })
        : new AirlockError('AIRLOCK_E_DAEMON_IMPOSTOR', `whatever answers at ${where} is not airlockd (HTTP ${status} to a WebSocket upgrade): a stale airlockd.json, or another program on the port. Nothing was sent to it`, { endpoint: where, status }));
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      const refused = err.code === 'ECONNREFUSED' || err.code === 'ENOENT';
      failure ??= new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', refused ? `nothing listens at ${where}` : `airlockd at ${where} is not reachable (${err.code ?? err.message})`, { endpoint: where, refused });
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (stage === 'open') return;
      if (code === CLOSE_UNAUTHORIZED) failure ??= new AirlockError('AIRLOCK_E_UNAUTHORIZED', `airlockd at ${where} refused our proof: the token file is not the running daemon's`, { endpoint: where });
      reject(failure ?? new AirlockError('AIRLOCK_E_DAEMON_IMPOSTOR', `the connection to ${where} closed during the handshake`, { endpoint: where }));
    });
  });
}

/** Tries each endpoint in turn, moving on only when nothing listens at one (a stale socket file, say). */
export async function dialFirst(endpoints: Endpoint[], options: DialOptions): Promise<{ ws: WebSocket; endpoint: Endpoint }> {
  let last: unknown = new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', 'no endpoint to try', { refused: true });
  for (const endpoint of endpoints) {
    try {
      return { ws: await dial(endpoint, options), endpoint };
    } catch (err) {
      last = err;
      if (!isRefusal(err)) break;
    }
  }
  throw last;
}
