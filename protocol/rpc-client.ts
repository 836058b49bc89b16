// The one request/response client core: ids, one deadline per request, settling, failing everything on a drop.
// Transport-agnostic (no Node, no DOM): the CLI and the extension wrap it around a WebSocket (JsonRpcClient below),
// the webview around postMessage. Per-method deadlines live here once.
import { AirlockError, isErrorCode, type ErrorValue } from './errors';
import type { ClientMethod, ClientResults, DaemonNotification, DaemonNotifications, ParamsOf } from './methods';

/** Methods that last as long as their work: a streamed answer, a preset test run, a full audit verify, a diff the
 *  user is reading before pressing Apply (webview 'editor/apply'). */
export const LONG_REQUEST_MS: Readonly<Record<string, number>> = { 'chat/send': 10 * 60_000, 'policy/test': 120_000, 'audit/verify': 120_000, 'editor/apply': 10 * 60_000 };
export const DEFAULT_REQUEST_MS = 30_000;

export function requestDeadline(method: string, defaultMs = DEFAULT_REQUEST_MS): number {
  return LONG_REQUEST_MS[method] ?? defaultMs;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: AirlockError) => void;
  timer: ReturnType<typeof setTimeout>;
  method: string;
}

export class PendingRequests {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Registers a request and hands its id to `send`; a throwing `send` rejects the request. */
  start(method: string, timeoutMs: number, send: (id: number) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `airlockd did not answer ${method} within ${Math.round(timeoutMs / 1000)} s` });
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      try {
        send(id);
      } catch (err) {
        this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `could not send ${method}: ${(err as Error).message}` });
      }
    });
  }

  /** Settles one request; an id not waiting (answered late, after its deadline) is ignored. */
  settle(id: number, result: unknown, error?: ErrorValue): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(new AirlockError(error.code, error.message, error.details));
    else pending.resolve(result);
  }

  failAll(reason: string): void {
    for (const [id, pending] of this.pending) this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `${pending.method}: ${reason}` });
  }

  get size(): number {
    return this.pending.size;
  }
}

export type NotificationListener = <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => void;

/** JSON-RPC 2.0 over any text transport. */
export class JsonRpcClient {
  private readonly pending = new PendingRequests();
  private readonly listeners = new Set<NotificationListener>();

  constructor(
    private readonly send: (text: string) => void,
    private readonly options: { defaultTimeoutMs?: number; log?: (line: string) => void } = {},
  ) {}

  request<M extends ClientMethod>(method: M, params: ParamsOf<M>, timeoutMs?: number): Promise<ClientResults[M]> {
    const limit = timeoutMs ?? requestDeadline(method, this.options.defaultTimeoutMs);
    return this.pending.start(method, limit, (id) => this.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }))) as Promise<ClientResults[M]>;
  }

  onNotification(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Feed every text frame here. */
  receive(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.options.log?.('airlockd sent a message that is not JSON; ignored');
      return;
    }
    if (typeof message.method === 'string' && message.id === undefined) {
      for (const listener of [...this.listeners]) {
        try {
          listener(message.method as DaemonNotification, message.params as never);
        } catch (err) {
          this.options.log?.(`notification handler for ${message.method} failed: ${(err as Error).message}`);
        }
      }
      return;
    }
    if (typeof message.id !== 'number') return;
    if ('error' in message) this.pending.settle(message.id, undefined, rpcErrorValue(message.error));
    else this.pending.settle(message.id, message.result);
  }

  failAll(reason: string): void {
    this.pending.failAll(reason);
  }
}

function rpcErrorValue(error: unknown): ErrorValue {
  const e = (error ?? {}) as { message?: unknown; data?: { code?: unknown; details?: Record<string, unknown> } };
  const code = isErrorCode(e.data?.code) ? e.data.code : 'AIRLOCK_E_INTERNAL';
  const message = typeof e.message === 'string' ? e.message : 'airlockd sent a malformed error';
  return e.data?.details ? { code, message, details: e.data.details } : { code, message };
}
