// The OpenAI-compatible surface: POST /v1/chat/completions (JSON or SSE with stream_options.include_usage),
// POST /v1/embeddings and GET /v1/models. Base URL http://127.0.0.1:PORT/v1. Errors are OpenAI error objects carrying the Airlock code and fix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AirlockError } from '../../../protocol/errors';
import type { DecisionRecord } from '../../../protocol/record';
import { collectToolCalls, type ToolCallDelta, type ToolChoice, type ToolRequest } from '../../../protocol/tools';
import { AUTO_MODEL } from '../../route/prefer';
import { recordError } from '../../route/request';
import type { ServerContext } from '../context';
import { httpError } from './errors';
import { clientGone, readJson, sendJson, startStream } from './io';
import { parseBody } from './parse';
import { embedText, runSurfaceRequest } from './run';
import { functionTools, specsOfFunctions, toolsText } from './tools';
import { imagesIn, instructionsTurn, renderTranscript, textOf, turnOf } from './transcript';

const TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 405: 'invalid_request_error', 413: 'invalid_request_error' };

export function openaiError(err: unknown): { status: number; body: unknown } {
  const e = httpError(err);
  return { status: e.status, body: { error: { message: e.message, type: TYPE[e.status] ?? 'api_error', param: null, code: e.code } } };
}

const message = z.looseObject({
  role: z.string().max(64),
  content: z.unknown().optional(),
  tool_calls: z.array(z.unknown()).optional(),
});
const completionRequest = z.looseObject({
  model: z.string().max(256).optional(),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  tools: functionTools.nullish(),
  tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.looseObject({ function: z.looseObject({ name: z.string().max(128) }) })]).nullish(),
  response_format: z.looseObject({
    type: z.enum(['text', 'json_object', 'json_schema']),
    json_schema: z.looseObject({ name: z.string().max(128).optional(), schema: z.record(z.string(), z.unknown()).optional() }).optional(),
  }).nullish(),
});
type CompletionRequest = z.infer<typeof completionRequest>;

/** tools, tool_choice and response_format in the route's terms; undefined when the request has none. */
function toolRequest(body: CompletionRequest): ToolRequest | undefined {
  const tools = specsOfFunctions(body.tools ?? undefined);
  const choice = body.tool_choice;
  const toolChoice: ToolChoice | undefined = choice == null ? undefined : typeof choice === 'string' ? choice : { name: choice.function.name };
  const f = body.response_format;
  const responseFormat: ToolRequest['responseFormat'] = f?.type === 'json_object' ? { type: 'json_object' }
    : f?.type === 'json_schema' ? { type: 'json_schema', schema: f.json_schema?.schema ?? {}, ...(f.json_schema?.name ? { name: f.json_schema.name } : {}) } : undefined;
  const out: ToolRequest = { ...(tools?.length ? { tools } : {}), ...(toolChoice ? { toolChoice } : {}), ...(responseFormat ? { responseFormat } : {}) };
  return Object.keys(out).length ? out : undefined;
}

/** What the client sees as the model: the catalogue id that answered (or would have). */
const modelName = (record: DecisionRecord) => record.route.modelId ?? AUTO_MODEL;
/** The record id to look up, the route, and the detectors' time (benchmarks subtract it to get the gateway's own). */
const airlockHeaders = (record: DecisionRecord) => ({ 'x-airlock-record': record.id, 'x-airlock-route': record.route.target, 'x-airlock-scan-ms': String(record.scanMs ?? '') });
const usageOf = (record: DecisionRecord) => {
  const t = record.tokens ?? { input: 0, output: 0 };
  return { prompt_tokens: t.input, completion_tokens: t.output, total_tokens: t.input + t.output };
};

async function chatCompletions(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string): Promise<void> {
  const body = parseBody(completionRequest, await readJson(req));
  const tools = toolRequest(body);
  const transcript = renderTranscript([
    instructionsTurn('tools', toolsText(tools?.tools)),
    ...body.messages.map((m) => (m.role === 'system' || m.role === 'developer' ? instructionsTurn(m.role, textOf(m.content)) : turnOf(m.role, m.content, m.tool_calls))),
  ]);
  const images = imagesIn(body.messages.map((m) => m.content));
  const created = Math.floor(ctx.now().getTime() / 1000);
  const stream = body.stream === true;
  let id = '';
  let model = AUTO_MODEL;
  let first = true;
  const sse = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  let plannedRecord: DecisionRecord | undefined;
  const abort = clientGone(res);
  const calls: ToolCallDelta[] = [];
  const begin = () => {
    if (!first) return;
    // Headers go out with the first token: until then a failure can still be a proper HTTP error.
    first = false;
    startStream(res, 'text/event-stream', plannedRecord ? airlockHeaders(plannedRecord) : {});
    sse(chunk({ role: 'assistant', content: '' }, null));
  };
  const outcome = await runSurfaceRequest(ctx, {
    surface: 'openai', req, keyName, ...transcript, ...(body.model !== undefined ? { model: body.model } : {}), signal: abort.signal, images,
    onStarted: (record) => {
      plannedRecord = record;
      id = `chatcmpl-${record.id}`;
      model = modelName(record);
    },
    ...(tools ? { tools } : {}),
    onToolCall: (delta) => {
      calls.push(delta);
      if (!stream) return;
      begin();
      // The first piece of a call names it (id, type, function.name); later ones carry arguments only.
      const head = delta.id !== undefined || delta.name !== undefined;
      sse(chunk({ tool_calls: [{ index: delta.index, ...(head ? { id: delta.id ?? `call_${delta.index}`, type: 'function' } : {}), function: { ...(head ? { name: delta.name ?? '' } : {}), arguments: delta.arguments ?? '' } }] }, null));
    },
    ...(stream ? {
      onDelta: (delta: string) => {
        begin();
        sse(chunk({ content: delta }, null));
      },
    } : {}),
  });
  const { record } = outcome;
  if (record.status !== 'ok') {
    const { status, body: errBody } = openaiError(recordError(record));
    if (!res.headersSent) return sendJson(res, status, errBody, { ...airlockHeaders(record), 'x-should-retry': 'false' });
    // Mid-stream: the SDKs raise an `error` chunk as an APIError.
    sse(errBody);
    res.end();
    return;
  }
  id = `chatcmpl-${record.id}`;
  model = modelName(record);
  const toolCalls = collectToolCalls(calls);
  const finish = toolCalls.length ? 'tool_calls' : 'stop';
  if (!stream) {
    const message = toolCalls.length
      ? { role: 'assistant', content: outcome.text || null, refusal: null, tool_calls: toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
      : { role: 'assistant', content: outcome.text, refusal: null };
    sendJson(res, 200, {
      id, object: 'chat.completion', created, model, system_fingerprint: null,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage: usageOf(record),
    }, airlockHeaders(record));
    return;
  }
  if (first) {
    startStream(res, 'text/event-stream', airlockHeaders(record));
    sse(chunk({ role: 'assistant', content: '' }, null));
  }
  sse(chunk({}, finish));
  if (body.stream_options?.include_usage) sse({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: null, choices: [], usage: usageOf(record) });
  res.end('data: [DONE]\n\n');
}

const embeddingsRequest = z.looseObject({
  model: z.string().max(256).optional(),
  // Token-id arrays are accepted by the API but cannot be scanned: refused below with a reason.
  input: z.union([z.string(), z.array(z.string()).min(1).max(2048), z.array(z.number()), z.array(z.array(z.number()))]),
  encoding_format: z.enum(['float', 'base64']).optional(),
});

/** A vector as the API's base64: little-endian float32 (what the SDK asks for by default, and decodes). */
const base64Of = (v: number[]) => Buffer.from(new Float32Array(v).buffer).toString('base64');

/** POST /v1/embeddings, routed like any prompt (route/embed.ts: local by default). */
async function embeddings(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string): Promise<void> {
  const body = parseBody(embeddingsRequest, await readJson(req));
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!inputs.every((i): i is string => typeof i === 'string')) throw new AirlockError('AIRLOCK_E_INPUT', 'input: token arrays cannot be scanned; send the text');
  const outcome = await runSurfaceRequest(ctx, {
    surface: 'openai', req, keyName, text: embedText(inputs), ...(body.model !== undefined ? { model: body.model } : {}), signal: clientGone(res).signal, embed: { inputs },
  });
  const { record } = outcome;
  if (record.status !== 'ok') {
    const { status, body: errBody } = openaiError(recordError(record));
    return sendJson(res, status, errBody, { ...airlockHeaders(record), 'x-should-retry': 'false' });
  }
  const data = (outcome.embeddings ?? []).map((e, index) => ({ object: 'embedding', index, embedding: body.encoding_format === 'base64' ? base64Of(e) : e }));
  const tokens = record.tokens?.input ?? 0;
  sendJson(res, 200, { object: 'list', data, model: record.attempts.at(-1)?.modelId ?? modelName(record), usage: { prompt_tokens: tokens, total_tokens: tokens } }, airlockHeaders(record));
}

function models(ctx: ServerContext, res: ServerResponse): void {
  const data = [
    { id: AUTO_MODEL, object: 'model', created: 0, owned_by: 'airlock' },
    ...ctx.state.config().catalogue.models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.provider })),
  ];
  sendJson(res, 200, { object: 'list', data });
}

/** Handles one request under /v1 (not /v1/messages); resolves when the answer is written. */
export async function openaiSurface(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, route: string, keyName: string): Promise<void> {
  if (route === '/v1/chat/completions' && req.method === 'POST') return chatCompletions(ctx, req, res, keyName);
  if (route === '/v1/embeddings' && req.method === 'POST') return embeddings(ctx, req, res, keyName);
  if (route === '/v1/models' && req.method === 'GET') return models(ctx, res);
  throw new AirlockError('AIRLOCK_E_ENDPOINT', `${req.method} ${route} is not served (POST /v1/chat/completions, /v1/embeddings; GET /v1/models)`);
}
