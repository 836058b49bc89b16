// The bridge from an HTTP surface to route/request.ts (the one decision path chat/send also uses): the surface
// passes the whole conversation as text plus its facts, and gets the streamed deltas and the appended record.
import type { IncomingMessage } from 'node:http';
import type { NotCodeSpan, RequestFacts } from '../../../protocol/facts';
import { EMBED_SEPARATOR } from '../../route/embed';
import { newId } from '../../route/ids';
import { storageFor } from '../../route/plan';
import { handleRequest, type RequestInput, type RequestOutcome } from '../../route/request';
import type { ServerContext } from '../context';
import { requestDeps } from '../handlers/chat';
import { conversationTask, seedFacts, type Task } from '../seed-facts';

/** What a surface hands the decision path: its prompt and callbacks as route/request.ts takes them, plus who asked. */
export type SurfaceRequest = Pick<RequestInput, 'text' | 'signal' | 'onStarted' | 'onDelta' | 'tools' | 'onToolCall' | 'embed' | 'images'> & {
  surface: NonNullable<RequestFacts['surface']>;
  req: IncomingMessage;
  /** The endpoint key's name. */
  keyName: string;
  /** Spans of `text` that are the client's instructions or JSON data (transcript.ts). */
  notCode?: NotCodeSpan[];
  model?: string;
  /** What the request is, when the surface knows better than `chat`/`agent` (seed-facts.ts). */
  task?: Task;
};

/** The one text an embeddings request is scanned, decided and recorded as. */
export const embedText = (inputs: readonly string[]) => inputs.join(EMBED_SEPARATOR);

export function surfaceFacts(s: Pick<SurfaceRequest, 'surface' | 'req' | 'keyName' | 'model' | 'tools' | 'notCode' | 'images'>): RequestFacts {
  const userAgent = s.req.headers['user-agent']?.slice(0, 256);
  return {
    source: 'api', interactive: true, surface: s.surface,
    client: { key: s.keyName, ...(userAgent ? { userAgent } : {}) },
    // The tool names are facts a policy can match (`when: tools`).
    ...(s.tools?.tools?.length ? { tools: s.tools.tools.map((t) => t.name.slice(0, 128)).slice(0, 128) } : {}),
    ...(s.model !== undefined ? { model: s.model.slice(0, 256) } : {}),
    ...(s.notCode?.length ? { notCode: s.notCode } : {}),
    ...(s.images?.length ? { images: s.images.length } : {}),
  };
}

export async function runSurfaceRequest(ctx: ServerContext, s: SurfaceRequest): Promise<RequestOutcome> {
  const config = ctx.state.config();
  const requestId = `${s.surface}-${newId()}`;
  const abort = new AbortController();
  const onAbort = () => abort.abort();
  s.signal.addEventListener('abort', onAbort, { once: true });
  // Registered like a chat/send, so a daemon shutdown stops it too.
  ctx.inflight.set(requestId, abort);
  const facts = surfaceFacts(s);
  try {
    const outcome = await handleRequest({
      requestId, signal: abort.signal, text: s.text,
      facts: seedFacts(facts, config, s.task ?? (s.embed ? 'embedding' : conversationTask(facts))),
      // The scan runs in the daemon's worker pool, as for chat/send: a hostile prompt costs one worker for its
      // deadline, never the event loop every other client shares.
      plan: { policy: ctx.state.policyFor(undefined), catalogue: config.catalogue, storage: storageFor(config.storePrompts, undefined), scanner: ctx.scan },
      ...(s.onDelta ? { onDelta: s.onDelta } : {}),
      ...(s.onStarted ? { onStarted: s.onStarted } : {}),
      ...(s.tools ? { tools: s.tools } : {}),
      ...(s.onToolCall ? { onToolCall: s.onToolCall } : {}),
      ...(s.embed ? { embed: s.embed } : {}),
      ...(s.images?.length ? { images: s.images } : {}),
    }, requestDeps(ctx));
    const r = outcome.record;
    ctx.log.info('request done', { requestId, surface: s.surface, recordId: r.id, status: r.status, target: r.route.target, model: r.route.modelId, latencyMs: r.latencyMs });
    return outcome;
  } finally {
    ctx.inflight.delete(requestId);
    s.signal.removeEventListener('abort', onAbort);
  }
}
