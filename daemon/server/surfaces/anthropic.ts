// The Anthropic Messages surface: POST /v1/messages (JSON, or the SSE event sequence message_start …
// message_stop) and /v1/messages/count_tokens. Base URL http://127.0.0.1:PORT. `anthropic-version` and
// `anthropic-beta` are accepted and ignored. Errors are `{type:"error",error:{type,message}}` with the Airlock code.
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
import { runSurfaceRequest } from './run';
import { anthropicTools, specsOfAnthropic, toolsText } from './tools';
import { imagesIn, instructionsTurn, renderTranscript, textOf, turnOf, type Transcript } from './transcript';

const TYPE: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error', 413: 'request_too_large', 503: 'overloaded_error' };

export function anthropicError(err: unknown): { status: number; body: unknown } {
  const e = httpError(err);
  return { status: e.status, body: { type: 'error', error: { type: TYPE[e.status] ?? 'api_error', message: e.message } } };
}

const messagesRequest = z.looseObject({
  model: z.string().max(256).optional(),
  messages: z.array(z.looseObject({ role: z.string().max(64), content: z.unknown() })).min(1),
  system: z.union([z.string(), z.array(z.unknown())]).optional(),
  stream: z.boolean().nullish(),
  tools: anthropicTools.optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']), name: z.string().max(128).optional() }).optional(),
});
type MessagesRequest = z.infer<typeof messagesRequest>;

/** tools and tool_choice in the route's terms; undefined when the request has none. */
function toolRequest(body: MessagesRequest): ToolRequest | undefined {
  const tools = specsOfAnthropic(body.tools);
  if (!tools?.length) return undefined;
  const c = body.tool_choice;
  const toolChoice: ToolChoice | undefined = !c ? undefined : c.type === 'any' ? 'required' : c.type === 'tool' ? { name: c.name ?? '' } : c.type;
  return { tools, ...(toolChoice ? { toolChoice } : {}) };
}

function transcriptOf(body: MessagesRequest): Transcript {
  const system = body.system === undefined ? [] : [instructionsTurn('system', textOf(body.system))];
  const tools = instructionsTurn('tools', toolsText(specsOfAnthropic(body.tools)));
  return renderTranscript([tools, ...system, ...body.messages.map((m) => turnOf(m.role, m.content))]);
}

/** A call's arguments as the `input` object of a tool_use block; arguments that are not a JSON object become {}. */
function inputOf(args: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(args || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

/** The record id, the route, and the detectors' time (benchmarks subtract it to get the gateway's own), as on /v1. */
const airlockHeaders = (record: DecisionRecord) => ({ 'x-airlock-record': record.id, 'x-airlock-route': record.route.target, 'x-airlock-scan-ms': String(record.scanMs ?? '') });
const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

async function messages(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string): Promise<void> {
  const body = parseBody(messagesRequest, await readJson(req));
  const stream = body.stream === true;
  const abort = clientGone(res);
  let planned: DecisionRecord | undefined;
  const open = (record: DecisionRecord | undefined) => {
    if (res.headersSent) return;
    startStream(res, 'text/event-stream', record ? airlockHeaders(record) : {});
    const message = { id: `msg_${record?.id ?? ''}`, type: 'message', role: 'assistant', model: record?.route.modelId ?? AUTO_MODEL, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } };
    res.write(event('message_start', { message }) + event('ping', {}));
  };
  // Content blocks one after another: text, then a tool_use block per call (a call is never interleaved with another).
  let block = -1;
  let current: 'text' | number | null = null;
  const enter = (kind: 'text' | number, start: object) => {
    open(planned);
    if (current === kind) return;
    if (current !== null) res.write(event('content_block_stop', { index: block }));
    block += 1;
    current = kind;
    res.write(event('content_block_start', { index: block, content_block: start }));
  };
  const calls: ToolCallDelta[] = [];
  const tools = toolRequest(body);
  const outcome = await runSurfaceRequest(ctx, {
    surface: 'anthropic', req, keyName, ...transcriptOf(body), images: imagesIn(body.messages.map((m) => m.content)), ...(body.model !== undefined ? { model: body.model } : {}), signal: abort.signal,
    onStarted: (record) => void (planned = record),
    ...(tools ? { tools } : {}),
    onToolCall: (delta) => {
      calls.push(delta);
      if (!stream) return;
      enter(delta.index, { type: 'tool_use', id: delta.id ?? `toolu_${delta.index}`, name: delta.name ?? '', input: {} });
      if (delta.arguments) res.write(event('content_block_delta', { index: block, delta: { type: 'input_json_delta', partial_json: delta.arguments } }));
    },
    ...(stream ? {
      onDelta: (delta: string) => {
        // Headers go with the first token: until then a failure can still be a proper HTTP error.
        enter('text', { type: 'text', text: '' });
        res.write(event('content_block_delta', { index: block, delta: { type: 'text_delta', text: delta } }));
      },
    } : {}),
  });
  const { record } = outcome;
  if (record.status !== 'ok') {
    const { status, body: errBody } = anthropicError(recordError(record));
    if (!res.headersSent) return sendJson(res, status, errBody, { ...airlockHeaders(record), 'x-should-retry': 'false' });
    // Mid-stream: the SDK raises the `error` event as an APIError.
    res.end(`event: error\ndata: ${JSON.stringify(errBody)}\n\n`);
    return;
  }
  const usage = { input_tokens: record.tokens?.input ?? 0, output_tokens: record.tokens?.output ?? 0 };
  const model = record.route.modelId ?? AUTO_MODEL;
  const toolCalls = collectToolCalls(calls);
  const stopReason = toolCalls.length ? 'tool_use' : 'end_turn';
  if (!stream) {
    const content = [
      ...(outcome.text || !toolCalls.length ? [{ type: 'text', text: outcome.text }] : []),
      ...toolCalls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: inputOf(c.arguments) })),
    ];
    sendJson(res, 200, { id: `msg_${record.id}`, type: 'message', role: 'assistant', model, content, stop_reason: stopReason, stop_sequence: null, usage }, airlockHeaders(record));
    return;
  }
  planned = record;
  // An empty answer still has its (empty) text block, as the API sends one.
  if (current === null) enter('text', { type: 'text', text: '' });
  res.end(event('content_block_stop', { index: block })
    + event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } })
    + event('message_stop', {}));
}

/** An estimate (4 characters a token, as the policy's cost estimate): no model is called and nothing is recorded. */
async function countTokens(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseBody(messagesRequest, await readJson(req));
  sendJson(res, 200, { input_tokens: Math.ceil(transcriptOf(body).text.length / 4) });
}

/** Handles one request under /v1/messages; resolves when the answer is written. */
export async function anthropicSurface(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, route: string, keyName: string): Promise<void> {
  if (req.method === 'POST' && route === '/v1/messages') return messages(ctx, req, res, keyName);
  if (req.method === 'POST' && route === '/v1/messages/count_tokens') return countTokens(req, res);
  throw new AirlockError('AIRLOCK_E_ENDPOINT', `${req.method} ${route} is not served (POST /v1/messages, /v1/messages/count_tokens)`);
}
