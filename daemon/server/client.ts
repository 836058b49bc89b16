// A typed JSON-RPC client for airlockd over `ws`, used by the CLI and the tests. It reads the token from the home
// and presents it on the upgrade; requests resolve with the method's result type or reject with an AirlockError.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { AirlockError, isErrorCode } from '../../protocol/errors';
import {
  DEFAULT_DAEMON_PORT, MAX_MESSAGE_BYTES, type ClientResults, type DaemonNotification, type DaemonNotifications, type ParamsOf,
  type ClientMethod, type RpcResponse,
} from '../../protocol/methods';
import { readToken, STATE_FILE } from './home';

export interface DaemonClient {
  request<M extends ClientMethod>(method: M, params: ParamsOf<M>): Promise<ClientResults[M]>;
  onNotification<N extends DaemonNotification>(method: N, fn: (params: DaemonNotifications[N]) => void): () => void;
  /** Resolves when the socket is closed (by either side). */
  readonly closed: Promise<void>;
  close(): void;
}

export interface ConnectOptions {
  home: string;
  /** Default: the port in `<home>/airlockd.json` (written by a running daemon), else 47611. */
  port?: number;
  token?: string;
  timeoutMs?: number;
}

/** The port a running daemon wrote to its state file, or the default. */
export function daemonPort(home: string): number {
  try {
    const state = JSON.parse(readFileSync(path.join(home, STATE_FILE), 'utf8')) as { port?: unknown };
    if (typeof state.port === 'number') return state.port;
  } catch {
    // No state file: the default port.
  }
  return DEFAULT_DAEMON_PORT;
}

function rpcError(failure: Extract<RpcResponse, { error: unknown }>['error']): AirlockError {
  const code = isErrorCode(failure.data?.code) ? failure.data.code : 'AIRLOCK_E_INTERNAL';
  return new AirlockError(code, failure.message, failure.data?.details);
}

export async function connect(options: ConnectOptions): Promise<DaemonClient> {
  const port = options.port ?? daemonPort(options.home);
  const token = options.token ?? readToken(options.home);
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, {
    headers: { Authorization: `Bearer ${token}` },
    maxPayload: MAX_MESSAGE_BYTES,
    handshakeTimeout: options.timeoutMs ?? 5000,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => {
      reject(new AirlockError('AIRLOCK_E_UNAUTHORIZED', `airlockd refused the connection (HTTP ${res.statusCode}); is ${path.join(options.home, 'token')} the running daemon's token?`));
      res.resume();
    });
    ws.once('error', (err) => reject(new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd is not reachable on 127.0.0.1:${port} (${(err as NodeJS.ErrnoException).code ?? err.message}); start it with \`airlock daemon start\``, { port })));
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<(params: unknown) => void>>();
  const closed = new Promise<void>((resolve) => ws.once('close', () => {
    for (const p of pending.values()) p.reject(new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', 'the connection to airlockd closed before the answer came'));
    pending.clear();
    resolve();
  }));
  ws.on('error', () => undefined);
  ws.on('message', (data) => {
    let message: { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: RpcResponse & object };
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof message.method === 'string') {
      for (const fn of listeners.get(message.method) ?? []) fn(message.params);
      return;
    }
    const waiting = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (!waiting) return;
    pending.delete(message.id as number);
    if ('error' in message && message.error) waiting.reject(rpcError(message.error as never));
    else waiting.resolve(message.result);
  });

  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) {
          reject(new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', 'the connection to airlockd is closed'));
          return;
        }
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    },
    onNotification(method, fn) {
      const set = listeners.get(method) ?? new Set();
      listeners.set(method, set);
      set.add(fn as (params: unknown) => void);
      return () => void set.delete(fn as (params: unknown) => void);
    },
    closed,
    close: () => ws.close(),
  };
}
