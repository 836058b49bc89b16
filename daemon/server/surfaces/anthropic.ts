// The Anthropic Messages surface. Base URL http://127.0.0.1:PORT. Errors are `{type:"error",error:{type,message}}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AirlockError } from '../../../protocol/errors';
import type { ServerContext } from '../context';
import { httpError } from './errors';

const TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large' };

export function anthropicError(err: unknown): { status: number; body: unknown } {
  const e = httpError(err);
  return { status: e.status, body: { type: 'error', error: { type: TYPE[e.status] ?? 'api_error', message: e.message } } };
}

export async function anthropicSurface(_ctx: ServerContext, req: IncomingMessage, _res: ServerResponse, route: string, _keyName: string): Promise<void> {
  throw new AirlockError('AIRLOCK_E_ENDPOINT', `${req.method} ${route} is not served yet`);
}
