// The extension's one WebSocket to airlockd: token auth, JSON-RPC requests with ids and timeouts, notifications,
// and reconnects with exponential backoff. No VS Code import, so it is tested against a real socket server.
import WebSocket from 'ws';
import { AirlockError, isErrorCode, type ErrorValue } from '../../protocol/errors';
import type { ClientMethod, ClientResults, DaemonNotification, DaemonNotifications, ParamsOf, RpcResponse } from '../../protocol/methods';
import { MAX_MESSAGE_BYTES } from '../../protocol/methods';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { readDaemonToken } from './home';

export type ConnectionState = 'connecting' | 'connected' | 'down';

export interface ConnectionOptions {
  port: number;
  home: string;
  requestTimeoutMs?: number;
  /** How long requests made before the first connection wait for it (the launcher may be starting the daemon). */
  startupGraceMs?: number;
  backoff?: BackoffOptions;
  /** Called when a connect attempt fails because nothing listens; lets the launcher start the daemon. */
  onRefused?: () => void;
  log?: (line: string) => void;
}

type NotificationListener = <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => void;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: AirlockError) => void;
  timer: ReturnType<typeof setTimeout>;
  method: string;
}

/** chat/send lasts as long as the answer streams. */
const LONG_METHODS: Partial<Record<ClientMethod, number>> = { 'chat/send': 10 * 60_000, 'policy/test': 120_000, 'audit/verify': 120_000 };

export class DaemonConnection {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private current: ConnectionState = 'down';
  private lastProblem = 'not started';
  private everConnected = false;
  private launchProblem: string | undefined;
  private startedAt = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly stateListeners = new Set<(state: ConnectionState, message: string) => void>();
  private readonly notificationListeners = new Set<NotificationListener>();

  constructor(private readonly options: ConnectionOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Why the connection is down, in words a user can act on. */
  get problem(): string {
    return this.lastProblem;
  }

  onState(listener: (state: ConnectionState, message: string) => void): { dispose(): void } {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  onNotification(listener: NotificationListener): { dispose(): void } {
    this.notificationListeners.add(listener);
    return { dispose: () => this.notificationListeners.delete(listener) };
  }

  start(): void {
    if (this.disposed || this.socket) return;
    this.startedAt = Date.now();
    void this.connect();
  }

  /** Forget the backoff and try now (after the launcher started the daemon, or on a user's retry). */
  reconnectNow(): void {
    if (this.disposed || this.current === 'connected') return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    if (!this.socket) void this.connect();
  }

  /** The launcher could not start the daemon: that reason beats "nothing listens" until a connection succeeds. */
  reportProblem(problem: string): void {
    this.launchProblem = problem;
    if (this.current !== 'connected') this.setState('down', problem);
  }

  /** Resolves once connected, or rejects after `timeoutMs` with the reason the daemon is unreachable. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this.current === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(this.unreachable());
      }, timeoutMs);
      const sub = this.onState((state) => {
        if (state !== 'connected') return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }

  async request<M extends ClientMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ClientResults[M]> {
    if (this.current !== 'connected') await this.waitConnected(this.patience());
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) throw this.unreachable();
    const id = this.nextId++;
    const limit = timeoutMs ?? LONG_METHODS[method] ?? this.options.requestTimeoutMs ?? 30_000;
    return new Promise<ClientResults[M]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd did not answer ${method} within ${Math.round(limit / 1000)} s`));
      }, limit);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer, method });
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }), (err) => {
        if (!err) return;
        this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `could not send ${method}: ${err.message}` });
      });
    });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    this.socket?.terminate();
    this.socket = undefined;
    this.failAll('the connection to airlockd was closed');
    this.setState('down', 'closed');
  }

  /**
   * Views ask for data as soon as they open, often before the first connection (or while the launcher starts the
   * daemon): those requests wait. Once the daemon has been seen, a request while it is away fails fast.
   */
  private patience(): number {
    if (!this.everConnected) return Math.max(0, this.startedAt + (this.options.startupGraceMs ?? 20_000) - Date.now());
    return this.current === 'connecting' ? 3_000 : 0;
  }

  private unreachable(): AirlockError {
    return new AirlockError('AIRLOCK_E_DAEMON_UNREACHABLE', `airlockd is not running: ${this.lastProblem}. Start it with \`airlock daemon start\` (or \`npm start\`), or check "Airlock: Show Daemon Log".`);
  }

  private setState(state: ConnectionState, reason: string): void {
    if (state === 'connected') this.launchProblem = undefined;
    const message = state === 'down' && this.launchProblem ? this.launchProblem : reason;
    if (state !== 'connected') this.lastProblem = message;
    const changed = state !== this.current;
    this.current = state;
    if (changed || state === 'down') for (const listener of [...this.stateListeners]) listener(state, message);
  }

  private async connect(): Promise<void> {
    this.setState('connecting', `connecting to 127.0.0.1:${this.options.port}`);
    let token: string;
    try {
      token = await readDaemonToken(this.options.home);
    } catch (err) {
      // No token yet means no daemon has ever run with this home: same as refused, the launcher may help.
      this.options.onRefused?.();
      this.scheduleRetry((err as Error).message);
      return;
    }
    if (this.disposed) return;
    // No Origin header: airlockd refuses any browser-looking client.
    const socket = new WebSocket(`ws://127.0.0.1:${this.options.port}/`, {
      headers: { Authorization: `Bearer ${token}` },
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: 5_000,
    });
    this.socket = socket;
    let opened = false;
    socket.on('open', () => {
      opened = true;
      this.everConnected = true;
      this.attempt = 0;
      this.setState('connected', `connected to airlockd on 127.0.0.1:${this.options.port}`);
    });
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('unexpected-response', (_req, res) => {
      const why = res.statusCode === 401 || res.statusCode === 403 ? `airlockd refused the token (HTTP ${res.statusCode}); is another daemon on port ${this.options.port}?` : `HTTP ${res.statusCode} on upgrade`;
      socket.terminate();
      this.lastProblem = why;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') {
        this.lastProblem = `nothing listens on 127.0.0.1:${this.options.port}`;
        this.options.onRefused?.();
      } else this.lastProblem = err.message;
    });
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
      this.failAll(opened ? 'the connection to airlockd closed' : this.lastProblem);
      if (!this.disposed) this.scheduleRetry(opened ? 'airlockd closed the connection' : this.lastProblem);
    });
  }

  private scheduleRetry(reason: string): void {
    if (this.disposed) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.options.log?.(`airlockd unreachable (${reason}); retrying in ${delay} ms`);
    this.setState('down', reason);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private receive(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.options.log?.('airlockd sent a message that is not JSON; ignored');
      return;
    }
    if (typeof message.method === 'string' && message.id === undefined) {
      for (const listener of [...this.notificationListeners]) {
        try {
          listener(message.method as DaemonNotification, message.params as never);
        } catch (err) {
          this.options.log?.(`notification handler for ${message.method} failed: ${(err as Error).message}`);
        }
      }
      return;
    }
    const response = message as unknown as RpcResponse;
    if (typeof response.id !== 'number') return;
    if ('error' in response) this.settle(response.id, undefined, rpcErrorValue(response.error));
    else this.settle(response.id, response.result);
  }

  private settle(id: number, result: unknown, error?: ErrorValue): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(new AirlockError(error.code, error.message, error.details));
    else pending.resolve(result);
  }

  private failAll(reason: string): void {
    for (const [id, pending] of this.pending) {
      this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `${pending.method}: ${reason}` });
    }
  }
}

function rpcErrorValue(error: { code: number; message: string; data?: { code?: unknown; details?: Record<string, unknown> } }): ErrorValue {
  const code = isErrorCode(error.data?.code) ? error.data.code : 'AIRLOCK_E_INTERNAL';
  return error.data?.details ? { code, message: error.message, details: error.data.details } : { code, message: error.message };
}
