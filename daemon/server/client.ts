// The CLI's (and the tests') client for airlockd: finds it (protocol/node/locate.ts), opens a mutually authenticated
// WebSocket (protocol/node/dial.ts) and speaks JSON-RPC through the shared client core (protocol/rpc-client.ts).
import type WebSocket from 'ws';
import type { ClientMethod, ClientResults, DaemonNotification, DaemonNotifications, ParamsOf } from '../../protocol/methods';
import { dialFirst } from '../../protocol/node/dial';
import { readToken } from '../../protocol/node/home';
import { daemonPort as locatePort, locateDaemon, type Endpoint } from '../../protocol/node/locate';
import { JsonRpcClient } from '../../protocol/rpc-client';

export interface DaemonClient {
  request<M extends ClientMethod>(method: M, params: ParamsOf<M>): Promise<ClientResults[M]>;
  onNotification<N extends DaemonNotification>(method: N, fn: (params: DaemonNotifications[N]) => void): () => void;
  /** Resolves when the socket is closed (by either side). */
  readonly closed: Promise<void>;
  /** Where it connected. */
  readonly endpoint: Endpoint;
  close(): void;
}

export interface ConnectOptions {
  home: string;
  /** For AIRLOCK_CONFIG (the config's `port`). */
  env?: NodeJS.ProcessEnv;
  /** Only this TCP port (no socket). Default: the socket in the home, else the port from airlockd.json, else the config's. */
  port?: number;
  token?: string;
  /** Bounds connecting and the handshake. */
  timeoutMs?: number;
  /** Bounds each request (long methods have their own, see protocol/rpc-client.ts). */
  requestTimeoutMs?: number;
}

/** The TCP port a client uses: the running daemon's state file, else the config's `port`, else 47611. */
export function daemonPort(home: string, env: NodeJS.ProcessEnv = process.env): number {
  return locatePort(home, env);
}

export async function connect(options: ConnectOptions): Promise<DaemonClient> {
  const token = options.token ?? readToken(options.home);
  const endpoints: Endpoint[] = options.port !== undefined ? [{ kind: 'tcp', port: options.port }] : locateDaemon(options.home, options.env ?? process.env);
  // The client core exists before the socket so that no frame after the handshake is missed.
  const link: { ws?: WebSocket } = {};
  const rpc = new JsonRpcClient((text) => {
    if (link.ws?.readyState !== 1) throw new Error('the connection to airlockd is closed');
    link.ws.send(text);
  }, { defaultTimeoutMs: options.requestTimeoutMs });
  const { ws, endpoint } = await dialFirst(endpoints, { token, timeoutMs: options.timeoutMs ?? 5000, onMessage: (text) => rpc.receive(text) });
  link.ws = ws;
  const closed = new Promise<void>((resolve) => ws.once('close', (code, reason) => {
    rpc.connectionClosed(code, reason.toString());
    resolve();
  }));
  return {
    request: (method, params) => rpc.request(method, params),
    onNotification(method, fn) {
      return rpc.onNotification((m, params) => {
        if ((m as string) === method) fn(params as never);
      });
    },
    closed,
    endpoint,
    close: () => ws.close(),
  };
}
