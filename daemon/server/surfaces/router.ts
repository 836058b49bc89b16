// The HTTP surfaces on airlockd's listener, beside the WebSocket upgrade: who may call (an endpoint key, never the
// daemon token; no browser Origin; loopback Host only), which surface a path belongs to, and each surface's own
// error format for everything that goes wrong, so the calling tool shows the Airlock message to its user.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AirlockError } from '../../../protocol/errors';
import { hostProblem } from '../auth';
import type { ServerContext } from '../context';
import { anthropicError, anthropicSurface } from './anthropic';
import { KEY_SHAPE } from './keys';
import { sendJson } from './io';
import { ollamaError, ollamaSurface } from './ollama';
import { openaiError, openaiSurface } from './openai';

type Surface = 'openai' | 'anthropic' | 'ollama';

/** `/k/<key>/rest` carries the key in the path, for clients that cannot send a header (some Ollama integrations). */
export function splitPathKey(url: string): { route: string; key: string | null } {
  const pathname = url.split('?')[0] ?? '/';
  const match = /^\/k\/([^/]+)(\/.*)?$/.exec(pathname);
  if (!match) return { route: pathname, key: null };
  // Keys are URL-safe: no decoding (a malformed %-escape must not throw in the request callback).
  return { route: match[2] ?? '/', key: match[1]! };
}

export function surfaceOf(route: string): Surface | null {
  if (route === '/v1/messages' || route.startsWith('/v1/messages/')) return 'anthropic';
  if (route.startsWith('/v1/')) return 'openai';
  if (route.startsWith('/api/')) return 'ollama';
  return null;
}

function presentedKey(req: IncomingMessage, pathKey: string | null): string | null {
  if (pathKey !== null) return pathKey;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (bearer?.[1]) return bearer[1];
  const apiKey = req.headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey !== '' ? apiKey : null;
}

/** Null when the caller may send model requests; otherwise the refusal. Returns the key's name on success. */
function admit(req: IncomingMessage, port: number, pathKey: string | null, verify: (key: string) => string | null): { name: string } | AirlockError {
  // A web page must never reach the daemon: browsers send Origin on cross-site requests, and a DNS-rebound page
  // sends its own Host.
  if (req.headers.origin !== undefined) return new AirlockError('AIRLOCK_E_UNAUTHORIZED', 'requests from a browser Origin are refused', { status: 403 });
  const host = hostProblem(req.headers.host, port);
  if (host) return new AirlockError('AIRLOCK_E_UNAUTHORIZED', host, { status: 403 });
  const key = presentedKey(req, pathKey);
  if (!key) return new AirlockError('AIRLOCK_E_UNAUTHORIZED', 'no endpoint key (Authorization: Bearer, x-api-key, or /k/KEY/ in the base URL)');
  const name = KEY_SHAPE.test(key) ? verify(key) : null;
  return name === null ? new AirlockError('AIRLOCK_E_UNAUTHORIZED', 'that endpoint key is unknown or revoked') : { name };
}

const FORMAT: Record<Surface, (err: unknown) => { status: number; body: unknown }> = { openai: openaiError, anthropic: anthropicError, ollama: ollamaError };

export function surfaceRouter(ctx: ServerContext, verify: (key: string) => string | null) {
  return (req: IncomingMessage, res: ServerResponse, port: number): boolean => {
    const { route, key: pathKey } = splitPathKey(req.url ?? '/');
    const surface = surfaceOf(route);
    if (!surface) return false;
    const fail = (err: unknown) => {
      if (!(err instanceof AirlockError)) ctx.log.error('surface failed', { surface, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined });
      if (res.headersSent) {
        res.end();
        return;
      }
      const { status, body } = FORMAT[surface](err);
      const forced = err instanceof AirlockError && typeof err.details?.status === 'number' ? err.details.status : status;
      // An oversize body is still arriving: answer, then close instead of reading the rest.
      const close: Record<string, string> = status === 413 ? { Connection: 'close' } : {};
      sendJson(res, forced, body, { 'x-should-retry': 'false', ...close });
    };
    let admitted: { name: string } | AirlockError;
    try {
      admitted = admit(req, port, pathKey, verify);
    } catch (err) {
      // Whatever goes wrong here is this request's error, never an exception in the listener (that ends the daemon).
      admitted = err instanceof AirlockError ? err : new AirlockError('AIRLOCK_E_INTERNAL', 'could not check the endpoint key');
    }
    if (admitted instanceof AirlockError) {
      ctx.log.info('endpoint request refused', { surface, reason: admitted.message, remote: req.socket.remoteAddress });
      req.resume();
      fail(admitted);
      return true;
    }
    const serve = surface === 'openai' ? openaiSurface : surface === 'anthropic' ? anthropicSurface : ollamaSurface;
    serve(ctx, req, res, route, admitted.name).catch(fail);
    return true;
  };
}
