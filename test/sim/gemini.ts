// Gemini API simulator: POST /v1beta/models/{model}:generateContent (JSON) and :streamGenerateContent?alt=sse (SSE,
// `data: {GenerateContentResponse}` frames separated by CRLF CRLF), GET /v1beta/models. Key in `x-goog-api-key` or
// `?key=`. Errors are google.rpc.Status bodies, with RetryInfo on a 429 and ErrorInfo API_KEY_INVALID for a wrong key,
// as the real API answers (a wrong key is a 400 there, not a 401). The wire is shared with the Vertex AI simulator.
import { jsonObject, play, sendJson, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';
import { contentText, countWords, defaultReply } from './reply';

const DEFAULT_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro'];
const GEMINI_PATH = /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

const STATUS: Record<number, { status: string; message: string }> = {
  400: { status: 'INVALID_ARGUMENT', message: 'Request contains an invalid argument.' },
  401: { status: 'UNAUTHENTICATED', message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.' },
  403: { status: 'PERMISSION_DENIED', message: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.' },
  404: { status: 'NOT_FOUND', message: 'Requested entity was not found.' },
  429: { status: 'RESOURCE_EXHAUSTED', message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.' },
  500: { status: 'INTERNAL', message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting' },
  503: { status: 'UNAVAILABLE', message: 'The model is overloaded. Please try again later.' },
  504: { status: 'DEADLINE_EXCEEDED', message: 'The request timed out. Please try again.' },
};

/** A google.rpc.Status error body; a 429 carries RetryInfo when the delay is given. */
export function googleError(code: number, message?: string, retryAfterSeconds?: number, details: unknown[] = []): ErrorReply {
  const known = STATUS[code] ?? { status: code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT', message: `HTTP ${code}` };
  // The API's answer to a country it does not serve: a 400 FAILED_PRECONDITION, not INVALID_ARGUMENT.
  const status = code === 400 && message && /location is not supported/.test(message) ? 'FAILED_PRECONDITION' : known.status;
  const retry = retryAfterSeconds !== undefined ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }] : [];
  const quota = code === 429 ? [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] }] : [];
  const all = [...details, ...quota, ...retry];
  return { body: { error: { code, message: message ?? known.message, status, ...(all.length ? { details: all } : {}) } } };
}

/** Text of `contents` (and `systemInstruction`): the basis of the simulated token counts. */
function contentsText(body: Record<string, unknown>): { all: string; lastUser: string } {
  const turns = Array.isArray(body.contents) ? (body.contents as { role?: unknown; parts?: unknown }[]) : [];
  const text = (parts: unknown): string => contentText(parts);
  const system = (body.systemInstruction as { parts?: unknown } | undefined)?.parts;
  const users = turns.filter((t) => t.role === 'user' || t.role === undefined);
  return { all: [text(system), ...turns.map((t) => text(t.parts))].join(' '), lastUser: text(users.at(-1)?.parts) };
}

const frame = (data: unknown): string => `data: ${JSON.stringify(data)}\r\n\r\n`;

/** What one request needs to build its answers: the model, the response id and the prompt's token count. */
export interface GenerateContext {
  model: string;
  responseId: string;
  promptTokens: number;
}

function usage(ctx: GenerateContext, text: string | null): Record<string, unknown> {
  if (text === null) return { promptTokenCount: ctx.promptTokens, totalTokenCount: ctx.promptTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: ctx.promptTokens }] };
  const out = countWords(text);
  return { promptTokenCount: ctx.promptTokens, candidatesTokenCount: out, totalTokenCount: ctx.promptTokens + out, promptTokensDetails: [{ modality: 'TEXT', tokenCount: ctx.promptTokens }] };
}

function response(ctx: GenerateContext, candidate: Record<string, unknown>, text: string | null): Record<string, unknown> {
  return { candidates: [{ ...candidate, index: 0 }], usageMetadata: usage(ctx, text), modelVersion: ctx.model, responseId: ctx.responseId };
}

const SAFETY_BLOCK = [
  { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
  { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
  { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
];

const callParts = (calls: SimToolCall[]): Record<string, unknown>[] =>
  calls.map((c) => ({ functionCall: { name: c.name, args: JSON.parse(c.pieces.join('')) as unknown } }));

/** The generateContent wire, for the Gemini API and Vertex AI alike. */
export function generateWire(ctx: GenerateContext, stream: boolean, error: Wire['error']): Wire {
  const text = (t: string): Record<string, unknown> => ({ content: { parts: [{ text: t }], role: 'model' } });
  const streamWire: StreamWire = {
    contentType: 'text/event-stream',
    open: () => [],
    piece: (t) => frame(response(ctx, text(t), null)),
    // The last frame repeats no text: it carries the finish reason and the full usage.
    close: (t) => [frame(response(ctx, { ...text(''), finishReason: 'STOP' }, t))],
    malformed: () => 'data: {"candidates": [{"content": {"parts": [{"text": "\r\n\r\n',
    // Google ends a stream that failed after its start with a Status object as the last frame.
    error: (message) => frame(error(500, message).body),
    toolCalls: (calls, t) => [
      ...(t ? [frame(response(ctx, text(t), null))] : []),
      frame(response(ctx, { content: { parts: callParts(calls), role: 'model' }, finishReason: 'STOP' }, t)),
    ],
    filtered: () => [frame(response(ctx, { finishReason: 'SAFETY', safetyRatings: SAFETY_BLOCK }, ''))],
  };
  return {
    error,
    complete: (t) => response(ctx, { ...text(t), finishReason: 'STOP' }, t),
    completeToolCalls: (calls, t) => response(ctx, { content: { parts: [...(t ? [{ text: t }] : []), ...callParts(calls)], role: 'model' }, finishReason: 'STOP' }, t),
    stream: stream ? streamWire : undefined,
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The Part fields the API knows; any other is refused, as the real API refuses unknown JSON names. */
const PART_FIELDS = new Set(['text', 'inlineData', 'inline_data', 'fileData', 'file_data', 'functionCall', 'function_call', 'functionResponse', 'function_response', 'thought', 'thoughtSignature', 'thought_signature', 'executableCode', 'codeExecutionResult', 'videoMetadata', 'mediaResolution']);

/** Why a `contents` part is refused (an image must be `inlineData` with a MIME type and base64 bytes), or null. */
function partProblem(part: unknown, where: string): string | null {
  if (!part || typeof part !== 'object') return `Invalid value at '${where}': expected a Part`;
  const unknown = Object.keys(part).find((k) => !PART_FIELDS.has(k));
  if (unknown) return `Invalid JSON payload received. Unknown name "${unknown}" at '${where}': Cannot find field.`;
  const inline = ((part as { inlineData?: unknown; inline_data?: unknown }).inlineData ?? (part as { inline_data?: unknown }).inline_data) as { mimeType?: unknown; mime_type?: unknown; data?: unknown } | undefined;
  if (inline === undefined) return null;
  const mime = inline.mimeType ?? inline.mime_type;
  if (typeof mime !== 'string' || !mime) return `* GenerateContentRequest.${where}.inline_data.mime_type: mime_type is not specified`;
  if (typeof inline.data !== 'string' || !inline.data || !BASE64.test(inline.data)) return `Invalid value at '${where}.inline_data.data' (TYPE_BYTES), Base64 decoding failed`;
  return null;
}

/** Parses and checks a generateContent body; answers 400 itself and returns undefined when it is not one. */
export function generateRequest(ex: Exchange, model: string, responseId: string, error: Wire['error']): { ctx: GenerateContext; lastUser: string } | undefined {
  const body = jsonObject(ex.body);
  if (!body) {
    sendJson(ex.res, 400, error(400, 'Invalid JSON payload received. Unexpected token.').body);
    return undefined;
  }
  if (!Array.isArray(body.contents) || body.contents.length === 0) {
    sendJson(ex.res, 400, error(400, '* GenerateContentRequest.contents: contents is not specified\n').body);
    return undefined;
  }
  for (const [i, turn] of (body.contents as { parts?: unknown }[]).entries()) {
    for (const [j, part] of (Array.isArray(turn?.parts) ? turn.parts : []).entries()) {
      const problem = partProblem(part, `contents[${i}].parts[${j}]`);
      if (problem) {
        sendJson(ex.res, 400, error(400, problem).body);
        return undefined;
      }
    }
  }
  const text = contentsText(body);
  return { ctx: { model, responseId, promptTokens: countWords(text.all) }, lastUser: text.lastUser };
}

function presentedKey(ex: Exchange): string | undefined {
  const header = ex.headers['x-goog-api-key'];
  if (typeof header === 'string' && header) return header;
  return ex.query.get('key') ?? undefined;
}

/** The real API's answer to a missing (403) or wrong (400 API_KEY_INVALID) key, or undefined when it is accepted. */
function keyFailure(ex: Exchange, expected?: string): [number, ErrorReply] | undefined {
  const key = presentedKey(ex);
  if (!key) return [403, googleError(403)];
  if (expected === undefined || key === expected) return undefined;
  return [400, googleError(400, 'API key not valid. Please pass a valid API key.', undefined, [
    { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
  ])];
}

function generate(ex: Exchange, model: string, method: string, id: number, options: StartOptions): Promise<void> | void {
  const rejected = keyFailure(ex, options.apiKey);
  if (rejected) return sendJson(ex.res, rejected[0], rejected[1].body);
  const known = options.models ?? DEFAULT_MODELS;
  if (!known.includes(model)) return sendJson(ex.res, 404, googleError(404, `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`).body);
  const stream = method === 'streamGenerateContent';
  // Without alt=sse the stream is one JSON array, written as it grows: only SSE is simulated.
  if (stream && ex.query.get('alt') !== 'sse') return sendJson(ex.res, 400, googleError(400, 'this simulator streams with alt=sse only').body);
  const parsed = generateRequest(ex, model, `sim-gemini-${id}`, googleError);
  if (!parsed) return;
  return play(ex, generateWire(parsed.ctx, stream, googleError), defaultReply('sim-gemini', parsed.lastUser));
}

function listModels(ex: Exchange, options: StartOptions): void {
  const rejected = keyFailure(ex, options.apiKey);
  if (rejected) return sendJson(ex.res, rejected[0], rejected[1].body);
  const models = (options.models ?? DEFAULT_MODELS).map((m) => ({ name: `models/${m}`, version: '001', displayName: m, inputTokenLimit: 1048576, outputTokenLimit: 65536, supportedGenerationMethods: ['generateContent', 'countTokens'] }));
  sendJson(ex.res, 200, { models });
}

export function geminiDialect(options: StartOptions = {}): Dialect {
  let counter = 0;
  return {
    handle(ex) {
      const m = GEMINI_PATH.exec(ex.pathname);
      if (ex.method === 'POST' && m) return generate(ex, decodeURIComponent(m[2] ?? ''), m[3] ?? '', ++counter, options);
      if (ex.method === 'GET' && /^\/(v1|v1beta)\/models$/.test(ex.pathname)) return listModels(ex, options);
      sendJson(ex.res, 404, googleError(404, `Invalid URL (${ex.method} ${ex.pathname})`).body);
    },
  };
}

/** Starts a Gemini API simulator; point the SDK's `httpOptions.baseUrl` at `url`. */
export function start(options: StartOptions = {}): Promise<SimHandle> {
  return startSim(geminiDialect(options), options);
}
