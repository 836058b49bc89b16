// Amazon Bedrock Runtime simulator: POST /model/{modelId}/converse (JSON) and /converse-stream (the binary
// application/vnd.amazon.eventstream framing: prelude, headers, CRC32s), built here by hand so a framing bug in the
// SDK's decoder and one in this file cannot cancel out. Checks what the real endpoint checks before generating: a
// SigV4 Authorization header of the right shape whose credential scope names this region and the `bedrock` service
// (or a Bedrock API key as a bearer token), the model id, and Converse's message rules.
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { allText, countWords, defaultReply, lastUserText } from './reply';
import { jsonObject, play, sendJson, startSim } from './server';
import type { Dialect, ErrorReply, Exchange, Frame, SimHandle, SimToolCall, StartOptions, StreamWire, Wire } from './server';

export const BEDROCK_DEFAULT_MODELS = ['anthropic.claude-3-haiku-20240307-v1:0', 'amazon.nova-lite-v1:0', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'];
/** What a guardrail puts in place of the answer (the guardrail's configured "blocked output" message). */
export const GUARDRAIL_MESSAGE = 'Sorry, the model cannot answer this question.';

export interface BedrockStartOptions extends StartOptions {
  /** The region this endpoint serves; a credential scope naming another is refused (default us-east-1). */
  region?: string;
  /** When set, SigV4 requests from any other access key id get UnrecognizedClientException. */
  accessKeyId?: string;
  /** When set, the Bedrock API key (bearer token) accepted; any other bearer token is refused. */
  bearerToken?: string;
}

export interface BedrockSimHandle extends SimHandle {
  /** The next `count` generation requests are stopped by a guardrail: its message, stopReason guardrail_intervened. */
  guardrail(count?: number): void;
}

// ---- application/vnd.amazon.eventstream framing ----

function header(name: string, value: string): Buffer {
  const n = Buffer.from(name, 'utf8');
  const v = Buffer.from(value, 'utf8');
  // name length (1), name, value type 7 = string, value length (2, big-endian), value.
  const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
  out.writeUInt8(n.length, 0);
  n.copy(out, 1);
  out.writeUInt8(7, 1 + n.length);
  out.writeUInt16BE(v.length, 2 + n.length);
  v.copy(out, 4 + n.length);
  return out;
}

/** One event-stream message: total length, headers length, prelude CRC32, headers, payload, message CRC32. */
export function eventFrame(headers: Record<string, string>, payload: Buffer): Buffer {
  const head = Buffer.concat(Object.entries(headers).map(([k, v]) => header(k, v)));
  const total = 12 + head.length + payload.length + 4;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(head.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  head.copy(out, 12);
  payload.copy(out, 12 + head.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

/** The service pads every event with a `p` field of varying length (so sizes do not reveal the text); so does this. */
function padding(n: number): string {
  return 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, 1 + (n % 40));
}

function event(type: string, data: Record<string, unknown>): Buffer {
  const payload = Buffer.from(JSON.stringify({ ...data, p: padding(JSON.stringify(data).length) }), 'utf8');
  return eventFrame({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, payload);
}

function exceptionFrame(type: string, message: string): Buffer {
  return eventFrame({ ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' }, Buffer.from(JSON.stringify({ message }), 'utf8'));
}

// ---- errors ----

const STATUS_ERRORS: Record<number, { type: string; message: string }> = {
  400: { type: 'ValidationException', message: 'The provided model identifier is invalid.' },
  403: { type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." },
  404: { type: 'ResourceNotFoundException', message: 'Model not found.' },
  408: { type: 'ModelTimeoutException', message: 'Model has timed out in processing the request.' },
  424: { type: 'ModelErrorException', message: 'The model returned an error.' },
  429: { type: 'ThrottlingException', message: 'Too many requests, please wait before trying again.' },
  500: { type: 'InternalServerException', message: 'The server encountered an internal error while processing the request.' },
  503: { type: 'ServiceUnavailableException', message: 'Bedrock is unable to process your request.' },
};

/** Bedrock's REST-JSON error: the type in `x-amzn-ErrorType`, the text in the body's `message`. */
export function bedrockError(status: number, message?: string, type?: string): ErrorReply {
  const known = STATUS_ERRORS[status] ?? { type: status >= 500 ? 'InternalServerException' : 'ValidationException', message: `HTTP ${status}` };
  return {
    body: { message: message ?? known.message },
    headers: { 'x-amzn-errortype': `${type ?? known.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`, 'x-amzn-requestid': randomUUID() },
  };
}

function refuse(ex: Exchange, status: number, type: string, message: string): void {
  const reply = bedrockError(status, message, type);
  sendJson(ex.res, status, reply.body, reply.headers);
}

// ---- authentication ----

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Why the request's credentials are refused (status, error type, message), or null when they pass. */
export function authProblem(headers: Exchange['headers'], options: BedrockStartOptions): [number, string, string] | null {
  const auth = headers.authorization ?? '';
  if (!auth) return [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'];
  const bearer = /^Bearer (\S+)$/.exec(auth);
  if (bearer) {
    if (options.bearerToken !== undefined && bearer[1] !== options.bearerToken) return [403, 'UnrecognizedClientException', 'Invalid API Key format: Must start with pre-defined prefix'];
    return null;
  }
  const m = SIGV4.exec(auth);
  if (!m) return [403, 'IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`];
  const [, keyId, date, region, service, signed] = m;
  const amzDate = headers['x-amz-date'];
  if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate)) return [403, 'IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.'];
  if (!amzDate.startsWith(date!)) return [403, 'InvalidSignatureException', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`];
  const region0 = options.region ?? 'us-east-1';
  if (region !== region0) return [403, 'InvalidSignatureException', `Credential should be scoped to a valid region. ${region} is not ${region0}.`];
  if (service !== 'bedrock') return [403, 'InvalidSignatureException', `Credential should be scoped to correct service: 'bedrock'.`];
  const signedHeaders = signed!.split(';');
  for (const needed of ['host', 'x-amz-date', ...(headers['x-amz-security-token'] ? ['x-amz-security-token'] : [])]) {
    if (!signedHeaders.includes(needed)) return [403, 'InvalidSignatureException', `'${needed}' must be a signed header.`];
  }
  if (options.accessKeyId !== undefined && keyId !== options.accessKeyId) return [403, 'UnrecognizedClientException', 'The security token included in the request is invalid.'];
  return null;
}

// ---- Converse ----

interface ConverseMessage {
  role?: unknown;
  content?: unknown;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);

/** Why a content block is refused: an `image` block needs a known format and base64 `source.bytes` on the wire. */
function blockProblem(block: unknown, where: string): string | null {
  const image = (block as { image?: { format?: unknown; source?: { bytes?: unknown } } } | null)?.image;
  if (image === undefined) return null;
  if (typeof image.format !== 'string' || !IMAGE_FORMATS.has(image.format)) return `1 validation error detected: Value '${String(image.format)}' at '${where}.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [gif, jpeg, png, webp]`;
  const bytes = image.source?.bytes;
  if (typeof bytes !== 'string' || !bytes || !BASE64.test(bytes)) return `The image bytes at ${where} are not valid base64.`;
  return null;
}

/** Converse's own message rules: a user turn first, roles alternating, no empty content, well-formed image blocks. */
function messageProblem(messages: ConverseMessage[]): string | null {
  if (messages.length === 0) return 'The messages field is required and must contain at least one message.';
  if (messages[0]?.role !== 'user') return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.role !== 'user' && m.role !== 'assistant') return `Value at 'messages.${i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`;
    if (!Array.isArray(m.content) || m.content.length === 0) return `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`;
    if (i > 0 && messages[i - 1]!.role === m.role) return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    for (const [j, block] of (m.content as unknown[]).entries()) {
      const problem = blockProblem(block, `messages.${i + 1}.member.content.${j + 1}`);
      if (problem) return problem;
    }
  }
  return null;
}

const toolId = (c: SimToolCall, i: number): string => c.id ?? `tooluse_sim${i}`;

function usage(input: number, output: number): Record<string, number> {
  return { inputTokens: input, outputTokens: output, totalTokens: input + output };
}

function streamWire(inputTokens: number, stopReason: string): StreamWire {
  const close = (output: number, reason: string): Buffer[] => [event('messageStop', { stopReason: reason }), event('metadata', { usage: usage(inputTokens, output), metrics: { latencyMs: 42 } })];
  return {
    contentType: 'application/vnd.amazon.eventstream',
    open: () => [event('messageStart', { role: 'assistant' })],
    piece: (text) => event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
    close: (text) => [event('contentBlockStop', { contentBlockIndex: 0 }), ...close(countWords(text), stopReason)],
    // A frame whose message CRC does not match its bytes, as a corrupted transfer leaves it.
    malformed: () => {
      const frame = event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'lost' } });
      frame.writeUInt32BE((frame.readUInt32BE(frame.length - 4) ^ 0xffffffff) >>> 0, frame.length - 4);
      return frame;
    },
    error: (message) => exceptionFrame('modelStreamErrorException', message),
    // The model's own content filter (not a guardrail, which `guardrail()` plays): stopReason content_filtered.
    filtered: () => [event('contentBlockStop', { contentBlockIndex: 0 }), ...close(0, 'content_filtered')],
    toolCalls: (calls, text) => {
      const first = text ? 1 : 0;
      const frames: Frame[] = [event('messageStart', { role: 'assistant' })];
      if (text) frames.push(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }), event('contentBlockStop', { contentBlockIndex: 0 }));
      calls.forEach((c, i) => {
        frames.push(event('contentBlockStart', { contentBlockIndex: first + i, start: { toolUse: { toolUseId: toolId(c, i), name: c.name } } }));
        for (const input of c.pieces) frames.push(event('contentBlockDelta', { contentBlockIndex: first + i, delta: { toolUse: { input } } }));
        frames.push(event('contentBlockStop', { contentBlockIndex: first + i }));
      });
      return [...frames, ...close(countWords(text) + calls.length, 'tool_use')];
    },
  };
}

const ROUTE = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

function converse(ex: Exchange, options: BedrockStartOptions, guardrailed: () => boolean): Promise<void> | void {
  const auth = authProblem(ex.headers, options);
  if (auth) return refuse(ex, ...auth);
  const route = ROUTE.exec(ex.pathname)!;
  const modelId = decodeURIComponent(route[1]!);
  if (!(options.models ?? BEDROCK_DEFAULT_MODELS).includes(modelId)) return refuse(ex, 400, 'ValidationException', 'The provided model identifier is invalid.');
  const body = jsonObject(ex.body);
  if (!body) return refuse(ex, 400, 'SerializationException', 'Unexpected character found in the request body.');
  const messages = Array.isArray(body.messages) ? (body.messages as ConverseMessage[]) : [];
  const problem = messageProblem(messages);
  if (problem) return refuse(ex, 400, 'ValidationException', problem);

  const inputTokens = countWords(allText(messages, body.system));
  const blocked = guardrailed();
  const stopReason = blocked ? 'guardrail_intervened' : 'end_turn';
  const wire: Wire = {
    headers: { 'x-amzn-requestid': randomUUID() },
    error: (status, text) => bedrockError(status, text),
    complete: (text) => ({ output: { message: { role: 'assistant', content: [{ text }] } }, stopReason, usage: usage(inputTokens, countWords(text)), metrics: { latencyMs: 42 } }),
    completeToolCalls: (calls, text) => ({
      output: { message: { role: 'assistant', content: [...(text ? [{ text }] : []), ...calls.map((c, i) => ({ toolUse: { toolUseId: toolId(c, i), name: c.name, input: JSON.parse(c.pieces.join('')) as unknown } }))] } },
      stopReason: 'tool_use', usage: usage(inputTokens, countWords(text) + calls.length), metrics: { latencyMs: 42 },
    }),
    stream: route[2] === 'converse-stream' ? streamWire(inputTokens, stopReason) : undefined,
  };
  return play(ex, wire, blocked ? GUARDRAIL_MESSAGE : defaultReply('sim-bedrock', lastUserText(messages)));
}

export function bedrockDialect(options: BedrockStartOptions, guardrailed: () => boolean): Dialect {
  return {
    handle(ex) {
      if (ex.method === 'POST' && ROUTE.test(ex.pathname)) return converse(ex, options, guardrailed);
      // The service answers unknown paths with UnknownOperationException.
      refuse(ex, 404, 'UnknownOperationException', 'UnknownOperationException');
    },
  };
}

/** Starts a Bedrock Runtime simulator; point the SDK's `endpoint` at `url` and `region` at options.region. */
export async function start(options: BedrockStartOptions = {}): Promise<BedrockSimHandle> {
  let guardrails = 0;
  const sim = await startSim(bedrockDialect(options, () => (guardrails > 0 ? (guardrails--, true) : false)), options);
  const reset = sim.reset.bind(sim);
  return Object.assign(sim, {
    guardrail(count = 1) { guardrails += count; },
    reset() { guardrails = 0; reset(); },
  });
}
