// Typed request/response over postMessage, and an event bus for what the extension pushes.
// Failures are values ({ ok: false, error }), never thrown: every caller must decide what the user sees.
import type { ErrorValue } from '../protocol/errors';
import type { ExtensionEvent, ExtensionEvents, ToExtension, WebviewMethod, WebviewRequests } from '../protocol/webview';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
export type ResultOf<M extends WebviewMethod> = WebviewRequests[M]['result'];

/** chat/send lasts as long as the answer streams; everything else should be quick. */
const DEFAULT_TIMEOUTS: Partial<Record<WebviewMethod, number>> = { 'chat/send': 10 * 60_000, 'policy/test': 120_000 };
const DEFAULT_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (result: RpcResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Handler = (payload: never) => void;

export class Rpc {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<ExtensionEvent, Set<Handler>>();

  constructor(
    private readonly post: (message: ToExtension) => void,
    private readonly timeouts: { defaultMs?: number; perMethod?: Partial<Record<WebviewMethod, number>> } = {},
  ) {}

  request<M extends WebviewMethod>(method: M, params: WebviewRequests[M]['params']): Promise<RpcResult<ResultOf<M>>> {
    const id = this.nextId++;
    const timeoutMs = this.timeouts.perMethod?.[method] ?? DEFAULT_TIMEOUTS[method] ?? this.timeouts.defaultMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'AIRLOCK_E_DAEMON_UNREACHABLE', message: `No answer to ${method} within ${Math.round(timeoutMs / 1000)} s: is airlockd running?` } });
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as Pending['resolve'], timer });
      this.post({ kind: 'request', id, method, params } as ToExtension);
    });
  }

  on<E extends ExtensionEvent>(event: E, handler: (payload: ExtensionEvents[E]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
    return () => set.delete(handler as Handler);
  }

  /** Feed every `message` event's data here; anything that is not a ToWebview message is ignored. */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const message = data as Record<string, unknown>;
    if (message.kind === 'response' && typeof message.id === 'number') this.settle(message.id, message);
    else if (message.kind === 'event' && typeof message.event === 'string') this.emit(message.event as ExtensionEvent, message.payload);
  }

  private settle(id: number, message: Record<string, unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return; // Late answer after a timeout: already reported.
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if ('error' in message) pending.resolve({ ok: false, error: asErrorValue(message.error) });
    else pending.resolve({ ok: true, value: message.result });
  }

  private emit(event: ExtensionEvent, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        (handler as (p: unknown) => void)(payload);
      } catch (err) {
        console.error(`airlock webview: handler for ${event} failed`, err);
      }
    }
  }
}

function asErrorValue(value: unknown): ErrorValue {
  const v = value as Partial<ErrorValue> | null;
  if (v && typeof v.code === 'string' && typeof v.message === 'string') return v as ErrorValue;
  return { code: 'AIRLOCK_E_INTERNAL', message: `Malformed error from the extension: ${JSON.stringify(value)}` };
}
