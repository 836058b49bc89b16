// The Ollama-compatible surface: /api/version, /api/tags, /api/show, /api/chat and /api/generate (NDJSON streaming,
// the default, or one JSON object), /api/embed (and the older /api/embeddings). Base URL http://127.0.0.1:PORT (or …/k/KEY for clients that cannot send a
// header). Errors are Ollama's `{"error":"…"}`, carrying the Airlock code and fix.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AirlockError } from '../../../protocol/errors';
import type { NotCodeSpan } from '../../../protocol/facts';
import type { ImageInput } from '../../providers/types';
import type { DecisionRecord } from '../../../protocol/record';
import { collectToolCalls, type ToolCall, type ToolCallDelta, type ToolRequest } from '../../../protocol/tools';
import { AUTO_MODEL } from '../../route/prefer';
import { recordError } from '../../route/request';
import type { ServerContext } from '../context';
import { httpError } from './errors';
import { clientGone, readJson, sendJson, startStream } from './io';
import { parseBody } from './parse';
import { embedText, runSurfaceRequest } from './run';
import { functionTools, specsOfFunctions, toolsText } from './tools';
import { imagesIn, instructionsTurn, renderTranscript, textOf, turnOf } from './transcript';
import type { Task } from '../seed-facts';

/** What /api/version reports: recent enough for clients that check for features. */
export const OLLAMA_COMPAT_VERSION = '0.12.0';

export function ollamaError(err: unknown): { status: number; body: unknown } {
  const e = httpError(err);
  return { status: e.status, body: { error: e.message } };
}

const chatRequest = z.looseObject({
  model: z.string().max(256).optional(),
  messages: z.array(z.looseObject({ role: z.string().max(64), content: z.unknown().optional(), tool_calls: z.array(z.unknown()).optional(), images: z.array(z.string()).max(64).nullish() })).min(1),
  stream: z.boolean().nullish(),
  tools: functionTools.nullish(),
});
const generateRequest = z.looseObject({
  model: z.string().max(256).optional(),
  prompt: z.string(),
  system: z.string().optional(),
  suffix: z.string().optional(),
  stream: z.boolean().nullish(),
  images: z.array(z.string()).max(64).nullish(),
});

/** Ollama names carry a tag; `airlock/auto:latest` is `airlock/auto`. */
const requested = (model: string | undefined) => model?.replace(/:latest$/, '');
/** The record id, the route, and the detectors' time (benchmarks subtract it to get the gateway's own), as on /v1. */
const airlockHeaders = (record: DecisionRecord) => ({ 'x-airlock-record': record.id, 'x-airlock-route': record.route.target, 'x-airlock-scan-ms': String(record.scanMs ?? '') });

async function answer(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string, o: {
  text: string; notCode?: NotCodeSpan[]; images?: ImageInput[]; model: string | undefined; stream: boolean; frame: (delta: string, model: string) => object; last: (text: string, record: DecisionRecord, model: string, calls: ToolCall[]) => object;
  tools?: ToolRequest; toolFrame?: (calls: ToolCall[], model: string) => object; task?: Task;
}): Promise<void> {
  const deltas: ToolCallDelta[] = [];
  const abort = clientGone(res);
  let model = o.model ?? AUTO_MODEL;
  let planned: DecisionRecord | undefined;
  const line = (v: object) => res.write(`${JSON.stringify(v)}\n`);
  const outcome = await runSurfaceRequest(ctx, {
    surface: 'ollama', req, keyName, text: o.text, ...(o.task ? { task: o.task } : {}), ...(o.notCode ? { notCode: o.notCode } : {}), ...(o.images?.length ? { images: o.images } : {}), ...(o.model !== undefined ? { model: o.model } : {}), signal: abort.signal,
    onStarted: (record) => {
      planned = record;
      model = record.route.modelId ?? model;
    },
    ...(o.tools ? { tools: o.tools } : {}),
    // Ollama sends calls whole: they are collected and sent in one message once the answer is complete.
    onToolCall: (delta) => void deltas.push(delta),
    ...(o.stream ? {
      onDelta: (delta: string) => {
        // Headers go with the first token: until then a failure can still be a proper HTTP error.
        startStream(res, 'application/x-ndjson', planned ? airlockHeaders(planned) : {});
        line(o.frame(delta, model));
      },
    } : {}),
  });
  const { record } = outcome;
  model = record.route.modelId ?? model;
  if (record.status !== 'ok') {
    const { status, body } = ollamaError(recordError(record));
    if (!res.headersSent) return sendJson(res, status, body, { ...airlockHeaders(record), 'x-should-retry': 'false' });
    // Mid-stream: the client raises an `error` line.
    res.end(`${JSON.stringify(body)}\n`);
    return;
  }
  const calls = collectToolCalls(deltas);
  if (!o.stream) return sendJson(res, 200, o.last(outcome.text, record, model, calls), airlockHeaders(record));
  startStream(res, 'application/x-ndjson', airlockHeaders(record));
  if (calls.length && o.toolFrame) line(o.toolFrame(calls, model));
  res.end(`${JSON.stringify(o.last('', record, model, []))}\n`);
}

/** Ollama's tool_calls: arguments as an object (arguments that are not a JSON object become {}). */
function ollamaCalls(calls: ToolCall[]) {
  return calls.map((c, index) => {
    let args: unknown = {};
    try {
      args = JSON.parse(c.arguments || '{}');
    } catch {
      // Not JSON: the call still names its function.
    }
    return { id: c.id, function: { index, name: c.name, arguments: args && typeof args === 'object' && !Array.isArray(args) ? args : {} } };
  });
}

function doneFields(record: DecisionRecord) {
  const ns = (record.latencyMs ?? 0) * 1e6;
  return {
    done: true, done_reason: 'stop', total_duration: ns, load_duration: 0,
    prompt_eval_count: record.tokens?.input ?? 0, prompt_eval_duration: 0, eval_count: record.tokens?.output ?? 0, eval_duration: ns,
  };
}

async function chat(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string): Promise<void> {
  const body = parseBody(chatRequest, await readJson(req));
  const specs = specsOfFunctions(body.tools ?? undefined);
  const transcript = renderTranscript([
    instructionsTurn('tools', toolsText(specs)),
    ...body.messages.map((m) => (m.role === 'system' ? instructionsTurn(m.role, textOf(m.content)) : turnOf(m.role, m.content, m.tool_calls))),
  ]);
  const at = () => ctx.now().toISOString();
  const message = (content: string, calls: ToolCall[]) => ({ role: 'assistant', content, ...(calls.length ? { tool_calls: ollamaCalls(calls) } : {}) });
  await answer(ctx, req, res, keyName, {
    ...transcript, images: imagesIn([], body.messages.flatMap((m) => m.images ?? [])), model: requested(body.model), stream: body.stream !== false, ...(specs?.length ? { tools: { tools: specs } } : {}),
    frame: (delta, model) => ({ model, created_at: at(), message: { role: 'assistant', content: delta }, done: false }),
    toolFrame: (calls, model) => ({ model, created_at: at(), message: message('', calls), done: false }),
    last: (full, record, model, calls) => ({ model, created_at: at(), message: message(full, calls), ...doneFields(record) }),
  });
}

async function generate(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string): Promise<void> {
  const body = parseBody(generateRequest, await readJson(req));
  // Fill-in-the-middle: the text after the cursor is part of the prompt (and of the scan) too.
  const prompt = body.suffix !== undefined ? `${body.prompt}<FILL_HERE>${body.suffix}\n\nWrite only the text that replaces <FILL_HERE>.` : body.prompt;
  const transcript = renderTranscript([...(body.system ? [instructionsTurn('system', body.system)] : []), turnOf('user', prompt)]);
  const at = () => ctx.now().toISOString();
  await answer(ctx, req, res, keyName, {
    ...transcript, task: 'completion', images: imagesIn([], body.images ?? []), model: requested(body.model), stream: body.stream !== false,
    frame: (delta, model) => ({ model, created_at: at(), response: delta, done: false }),
    last: (full, record, model) => ({ model, created_at: at(), response: full, ...doneFields(record) }),
  });
}

const embedRequest = z.looseObject({ model: z.string().max(256).optional(), input: z.union([z.string(), z.array(z.string()).min(1).max(2048)]) });
const legacyEmbedRequest = z.looseObject({ model: z.string().max(256).optional(), prompt: z.string() });

/** POST /api/embed (and the older /api/embeddings, one prompt), routed like any prompt (route/embed.ts: local by default). */
async function embed(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, keyName: string, legacy: boolean): Promise<void> {
  const json = await readJson(req);
  let inputs: string[];
  let model: string | undefined;
  if (legacy) {
    const body = parseBody(legacyEmbedRequest, json);
    [inputs, model] = [[body.prompt], requested(body.model)];
  } else {
    const body = parseBody(embedRequest, json);
    [inputs, model] = [typeof body.input === 'string' ? [body.input] : body.input, requested(body.model)];
  }
  const outcome = await runSurfaceRequest(ctx, { surface: 'ollama', req, keyName, text: embedText(inputs), ...(model !== undefined ? { model } : {}), signal: clientGone(res).signal, embed: { inputs } });
  const { record } = outcome;
  if (record.status !== 'ok') {
    const { status, body: errBody } = ollamaError(recordError(record));
    return sendJson(res, status, errBody, { ...airlockHeaders(record), 'x-should-retry': 'false' });
  }
  const vectors = outcome.embeddings ?? [];
  if (legacy) return sendJson(res, 200, { embedding: vectors[0] ?? [] }, airlockHeaders(record));
  const ns = (record.latencyMs ?? 0) * 1e6;
  sendJson(res, 200, { model: record.attempts.at(-1)?.modelId ?? model ?? AUTO_MODEL, embeddings: vectors, total_duration: ns, load_duration: 0, prompt_eval_count: record.tokens?.input ?? 0 }, airlockHeaders(record));
}

function modelEntry(name: string, family: string, at: string) {
  return {
    name, model: name, modified_at: at, size: 0, digest: '',
    details: { parent_model: '', format: 'airlock', family, families: [family], parameter_size: '', quantization_level: '' },
  };
}

function tags(ctx: ServerContext, res: ServerResponse): void {
  const at = new Date(ctx.startedAt).toISOString();
  const models = [modelEntry(AUTO_MODEL, 'airlock', at), ...ctx.state.config().catalogue.models.map((m) => modelEntry(m.id, m.class, at))];
  sendJson(res, 200, { models });
}

async function show(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = parseBody(z.looseObject({ model: z.string().max(256).optional(), name: z.string().max(256).optional() }), await readJson(req));
  const name = requested(body.model ?? body.name) ?? AUTO_MODEL;
  const m = ctx.state.config().catalogue.models.find((c) => c.id === name);
  if (name !== AUTO_MODEL && !m) throw new AirlockError('AIRLOCK_E_ENDPOINT', `model '${name}' not found; /api/tags lists airlock/auto and the catalogue`, { status: 404 });
  sendJson(res, 200, {
    modelfile: '', parameters: '', template: '{{ .Prompt }}',
    details: modelEntry(name, m?.class ?? 'airlock', new Date(ctx.startedAt).toISOString()).details,
    model_info: { 'general.architecture': 'airlock', ...(m ? { 'airlock.context_length': m.contextWindow } : {}) },
    capabilities: m?.capabilities.includes('tools') || name === AUTO_MODEL ? ['completion', 'tools'] : ['completion'],
  });
}

/** Handles one request under /api; resolves when the answer is written. */
export async function ollamaSurface(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, route: string, keyName: string): Promise<void> {
  const call = `${req.method} ${route}`;
  if (call === 'GET /api/version') return sendJson(res, 200, { version: OLLAMA_COMPAT_VERSION });
  if (call === 'GET /api/tags') return tags(ctx, res);
  if (call === 'POST /api/show') return show(ctx, req, res);
  if (call === 'POST /api/chat') return chat(ctx, req, res, keyName);
  if (call === 'POST /api/generate') return generate(ctx, req, res, keyName);
  if (call === 'POST /api/embed' || call === 'POST /api/embeddings') return embed(ctx, req, res, keyName, route === '/api/embeddings');
  throw new AirlockError('AIRLOCK_E_ENDPOINT', `${call} is not served (GET /api/version, /api/tags; POST /api/show, /api/chat, /api/generate, /api/embed)`);
}
