// Mistral's chat API (https://api.mistral.ai/v1) through the OpenAI adapter: the wire is OpenAI's Chat Completions,
// with differences handled here. Mistral refuses `stream_options` (422 extra_forbidden) and reports usage in the last
// chunk unasked; its error bodies are not under `error`, so the OpenAI SDK would report "400 status code (no body)";
// an unknown model is a 400 `invalid_model`, which is the `not-found` failure, not a bad request.
import type { ProviderConfig } from '../../protocol';
import type { FetchLike } from './http-fetch';
import { createOpenAiAdapter } from './openai';
import { ProviderError, type KeyLookup, type ProviderAdapter } from './types';

interface MistralError {
  object?: string;
  message?: string | { detail?: { loc?: unknown[]; msg?: string }[] };
  type?: string;
  code?: string | null;
}

/** Mistral's message as one line: a validation failure lists each field it refused. */
function messageOf(body: MistralError): string {
  const m = body.message;
  if (typeof m === 'string') return m;
  const detail = m?.detail?.map((d) => `${(d.loc ?? []).join('.')}: ${d.msg ?? ''}`).join('; ');
  return detail || JSON.stringify(body);
}

/** Puts a Mistral error body where the OpenAI SDK reads one (`{ error: { message, type, code } }`). */
export function mistralErrors(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (res.ok || !res.headers.get('content-type')?.includes('json')) return res;
    const text = await res.text();
    let body: MistralError | { error?: unknown } | null = null;
    try {
      body = JSON.parse(text) as MistralError;
    } catch {
      // Not JSON after all: the SDK reports the text itself.
    }
    const moved = body && typeof body === 'object' && !('error' in body) ? JSON.stringify({ error: { message: messageOf(body), type: (body as MistralError).type ?? null, code: (body as MistralError).code ?? null } }) : text;
    return new Response(moved, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

export function createMistralAdapter(config: ProviderConfig, keys: KeyLookup): ProviderAdapter {
  const openai = createOpenAiAdapter(config, keys, { streamOptions: false, wrapFetch: mistralErrors });
  return {
    config,
    async stream(request, onDelta) {
      try {
        return await openai.stream(request, onDelta);
      } catch (err) {
        if (err instanceof ProviderError && err.status === 400 && /invalid model/i.test(err.message)) {
          throw new ProviderError('not-found', `${err.message} (model not found: check the catalogue's model name)`, err.status, undefined, err.code);
        }
        throw err;
      }
    },
  };
}
