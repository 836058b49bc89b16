// Typed request/response over postMessage, and an event bus for what the extension pushes.
// Failures are values ({ ok: false, error }), never thrown: every caller must decide what the user sees.
import { toErrorValue, type ErrorValue } from '../protocol/errors';
import { PendingRequests, requestDeadline, type ParamsIn, type ResultIn } from '../protocol/rpc-client';
import type { ExtensionEvent, ExtensionEvents, ToExtension, WebviewMethod, WebviewMethods } from '../protocol/webview';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };
export type ResultOf<M extends WebviewMethod> = ResultIn<WebviewMethods, M>;

interface Timeouts {
  defaultMs?: number;
  perMethod?: Partial<Record<WebviewMethod, number>>;
}

type Handler = (payload: never) => void;

export class Rpc {
  // Ids, deadlines (per method, shared with the daemon clients) and settling: the one client core in protocol/.
  private readonly pending = new PendingRequests<WebviewMethods>();
  private readonly handlers = new Map<ExtensionEvent, Set<Handler>>();

  constructor(
    private readonly post: (message: ToExtension) => void,
    private readonly timeouts: Timeouts = {},
  ) {}

  request<M extends WebviewMethod>(method: M, params: ParamsIn<WebviewMethods, M>): Promise<RpcResult<ResultOf<M>>> {
    const timeoutMs = this.timeouts.perMethod?.[method] ?? requestDeadline(method, this.timeouts.defaultMs);
    return this.pending.start(method, timeoutMs, (id) => this.post({ kind: 'request', id, method, params } as ToExtension)).then(
      (value) => ({ ok: true as const, value }),
      (err: unknown) => ({ ok: false as const, error: toErrorValue(err) }),
    );
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
    // A late answer after a timeout is ignored by the core: already reported.
    if ('error' in message) this.pending.settle(id, undefined, asErrorValue(message.error));
    else this.pending.settle(id, message.result);
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
