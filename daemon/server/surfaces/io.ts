// Reading bodies and writing JSON, SSE and NDJSON for the HTTP surfaces. Bodies are capped (the WebSocket's frame
// limit): an oversize one is refused without buffering it, and the connection closes after the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AirlockError, MAX_MESSAGE_BYTES } from '../../../protocol';

export const MAX_BODY_BYTES = MAX_MESSAGE_BYTES;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () => new AirlockError('AIRLOCK_E_INPUT_TOO_LARGE', `the request body is over ${limit} bytes`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        // Keep draining (and dropping) so the client can read our answer; the socket closes after it.
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => size <= limit && resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    // A client that goes away mid-body: settle, so nothing waits on it.
    req.once('close', () => !req.complete && reject(new AirlockError('AIRLOCK_E_CANCELLED', 'the client closed the connection before the body ended')));
  });
}

/** The body as a JSON object; anything else is AIRLOCK_E_INPUT with the reason. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    throw new AirlockError('AIRLOCK_E_INPUT', `the request body is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AirlockError('AIRLOCK_E_INPUT', 'the request body must be a JSON object');
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers }).end(text);
}

/**
 * Starts a streamed answer once (SSE or NDJSON); later calls are no-ops. Every caller writes its first event at once:
 * the headers leave with it, in one socket write (node corks a response's writes until the next tick), rather than
 * in a write and a packet of their own. `res.headersSent` is true from here on, so a later failure is sent in-stream.
 */
export function startStream(res: ServerResponse, contentType: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-cache', Connection: 'keep-alive', ...headers });
}

/** An abort signal that fires when the client goes away before the answer is complete. */
export function clientGone(res: ServerResponse): AbortController {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  return abort;
}
