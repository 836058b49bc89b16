// The Ollama-compatible surface. Base URL http://127.0.0.1:PORT. Errors are `{"error":"…"}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AirlockError } from '../../../protocol/errors';
import type { ServerContext } from '../context';
import { httpError } from './errors';

export function ollamaError(err: unknown): { status: number; body: unknown } {
  const e = httpError(err);
  return { status: e.status, body: { error: e.message } };
}

export async function ollamaSurface(_ctx: ServerContext, req: IncomingMessage, _res: ServerResponse, route: string, _keyName: string): Promise<void> {
  throw new AirlockError('AIRLOCK_E_ENDPOINT', `${req.method} ${route} is not served yet`);
}
