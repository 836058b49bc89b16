// The one request/response client core: ids, one deadline per request, settling, failing everything on a drop.
// Transport-agnostic (no Node, no DOM): the CLI and the extension wrap it around a WebSocket (JsonRpcClient below),
// the webview around postMessage. Per-method deadlines live here once.
import { AirlockError, ERRORS, isErrorCode, type ErrorValue } from './errors';
import type { ClientMethod, ClientMethods, ClientResults, DaemonNotification, DaemonNotifications } from './methods';

/** One direction's requests: method → [params, result] (ClientMethods for airlockd, WebviewMethods for the webview). */
export type MethodMap<Map> = { [M in keyof Map]: [unknown, unknown] };
export type ParamsIn<Map extends MethodMap<Map>, M extends keyof Map> = Map[M][0];
export type ResultIn<Map extends MethodMap<Map>, M extends keyof Map> = Map[M][1];

/** Methods that last as long as their work: a streamed answer, a preset test run, a full audit verify, the provider
 *  doctor, a diff the user is reading before pressing Apply (webview 'editor/apply'). */
export const LONG_REQUEST_MS: Readonly<Record<string, number>> = { 'chat/send': 10 * 60_000, 'policy/test': 120_000, 'audit/verify': 120_000, 'providers/check': 90_000, 'editor/apply': 10 * 60_000 };
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

/** Typed from a method map: a request's promise resolves to its method's result type. */
export class PendingRequests<Map extends MethodMap<Map>> {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  /** Registers a request and hands its id to `send`; a throwing `send` rejects the request. */
  start<M extends keyof Map & string>(method: M, timeoutMs: number, send: (id: number) => void): Promise<ResultIn<Map, M>> {
    const id = this.nextId++;
    return new Promise<ResultIn<Map, M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(id, undefined, { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `airlockd did not answer ${method} within ${Math.round(timeoutMs / 1000)} s` });
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, method });
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

  /** Fails every waiting request with one error (the daemon said why it closed the connection). */
  failAllWith(error: ErrorValue): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined, error);
  }

  get size(): number {
    return this.pending.size;
  }
}

export type NotificationListener = <N extends DaemonNotification>(method: N, params: DaemonNotifications[N]) => void;

/** JSON-RPC 2.0 over any text transport. */
export class JsonRpcClient {
  private readonly pending = new PendingRequests<ClientMethods>();
  private readonly listeners = new Set<NotificationListener>();

  constructor(
    private readonly send: (text: string) => void,
    private readonly options: { defaultTimeoutMs?: number; log?: (line: string) => void } = {},
  ) {}

  request<M extends ClientMethod>(method: M, params: ParamsIn<ClientMethods, M>, timeoutMs?: number): Promise<ClientResults[M]> {
    const limit = timeoutMs ?? requestDeadline(method, this.options.defaultTimeoutMs);
    // ClientMethods[M][1] is ClientResults[M] by definition; TypeScript does not see it for a generic M.
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

  /**
   * The transport closed: every waiting request fails. When airlockd closed it on purpose it put the error code first
   * in the close reason (AIRLOCK_E_SLOW_CLIENT with 1008); that code, its message and its fix reach the caller.
   */
  connectionClosed(code: number, reason: string, fallback = 'the connection to airlockd closed before the answer came'): void {
    const coded = closeError(code, reason);
    if (coded) this.pending.failAllWith(coded);
    else this.pending.failAll(fallback);
  }
}

/** `AIRLOCK_E_X: words` as a close reason → that error, with what to do (its documentation); else null. */
export function closeError(code: number, reason: string): ErrorValue | null {
  const match = /^(AIRLOCK_E_[A-Z_]+): (.+)$/s.exec(reason);
  if (!match || !isErrorCode(match[1])) return null;
  return { code: match[1], message: `airlockd closed the connection (WebSocket close ${code}): ${match[2]}. ${ERRORS[match[1]].doc}`, details: { closeCode: code } };
}

function rpcErrorValue(error: unknown): ErrorValue {
  const e = (error ?? {}) as { message?: unknown; data?: { code?: unknown; details?: Record<string, unknown> } };
  const code = isErrorCode(e.data?.code) ? e.data.code : 'AIRLOCK_E_INTERNAL';
  const message = typeof e.message === 'string' ? e.message : 'airlockd sent a malformed error';
  return e.data?.details ? { code, message, details: e.data.details } : { code, message };
}
