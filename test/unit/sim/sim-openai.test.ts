// The OpenAI simulator speaks the wire format the official SDK expects: answers, usage, every fault kind.
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { APIError, APIUserAbortError, AuthenticationError, AzureOpenAI, InternalServerError, RateLimitError } from 'openai';
import { startOpenAISim } from '../../sim/index';

const KEY = 'sk-sim-test-0123456789';
const sim = await startOpenAISim();
const client = new OpenAI({ apiKey: KEY, baseURL: `${sim.url}/v1`, maxRetries: 0 });
after(() => sim.close());
beforeEach(() => sim.reset());

const PROMPT = 'Summarise the release notes for version 2.4 of the billing service please';
const EXPECTED = `sim-openai: ${PROMPT.slice(0, 40)}`;
const messages = [
  { role: 'system' as const, content: 'You are terse.' },
  { role: 'user' as const, content: PROMPT },
];

async function streamText(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}

test('non-streaming answer is a chat.completion with word-count usage', async () => {
  const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  assert.equal(reply.object, 'chat.completion');
  assert.equal(reply.model, 'gpt-4o-mini');
  assert.equal(reply.choices[0]?.message.content, EXPECTED);
  assert.equal(reply.choices[0]?.finish_reason, 'stop');
  // 3 system words + 12 prompt words; the reply 'sim-openai: Summarise the release notes for version ' has 7.
  assert.deepEqual(reply.usage, { prompt_tokens: 15, completion_tokens: 7, total_tokens: 22 });
});

test('streaming answer: role chunk, text chunks, stop chunk, usage chunk, [DONE]', async () => {
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } });
  for await (const chunk of stream) chunks.push(chunk);
  assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
  assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), EXPECTED);
  assert.equal(chunks.filter((c) => c.choices[0]?.delta.content).length, 3);
  assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
  assert.deepEqual(chunks.at(-1)?.choices, []);
  assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 15, completion_tokens: 7, total_tokens: 22 });
  assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]?.id));

  const raw = await fetch(`${sim.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages, stream: true }),
  });
  assert.match(raw.headers.get('content-type') ?? '', /^text\/event-stream/);
  const text = await raw.text();
  assert.ok(text.endsWith('data: [DONE]\n\n'));
  assert.doesNotMatch(text, /"usage"/, 'no usage chunk without stream_options.include_usage');
});

test('scripted text, chunk count and first-token delay', async () => {
  sim.script({ kind: 'ok', text: 'alpha beta gamma delta', chunks: 4, firstTokenDelayMs: 150 });
  const started = Date.now();
  const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
  let firstTokenAt = 0;
  const pieces: string[] = [];
  for await (const chunk of stream) {
    const piece = chunk.choices[0]?.delta.content;
    if (!piece) continue;
    firstTokenAt ||= Date.now();
    pieces.push(piece);
  }
  assert.deepEqual(pieces, ['alpha', ' beta ', 'gamma', ' delta']);
  assert.ok(firstTokenAt - started >= 140, `first token after ${firstTokenAt - started} ms`);
});

test('records every byte: prompt, auth header, request line', async () => {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const [request] = sim.received;
  assert.equal(request?.method, 'POST');
  assert.equal(request?.path, '/v1/chat/completions');
  assert.equal(request?.headers.authorization, `Bearer ${KEY}`);
  assert.ok(request?.body.toString().includes(PROMPT));
  const wire = sim.receivedText();
  assert.ok(wire.startsWith('POST /v1/chat/completions HTTP/1.1\r\n'));
  assert.match(wire, new RegExp(`authorization: Bearer ${KEY}`, 'i'));
  assert.ok(wire.includes(PROMPT));
});

test('429 surfaces as RateLimitError with retry-after and the OpenAI error body', async () => {
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 7 });
  const err = await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).catch((e: unknown) => e);
  assert.ok(err instanceof RateLimitError);
  assert.equal(err.status, 429);
  assert.equal(err.headers.get('retry-after'), '7');
  assert.equal(err.code, 'rate_limit_exceeded');
  assert.equal(err.type, 'requests');
  assert.equal(sim.received[0]?.behaviour, 'status', 'the failed request is recorded too');
  assert.ok(sim.receivedText().includes(PROMPT));
});

test('queued 429 then ok: the SDK retry succeeds on the second request', async () => {
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 0 }, { kind: 'ok', text: 'after retry' });
  const retrying = new OpenAI({ apiKey: KEY, baseURL: `${sim.url}/v1`, maxRetries: 1 });
  const reply = await retrying.chat.completions.create({ model: 'gpt-4o-mini', messages });
  assert.equal(reply.choices[0]?.message.content, 'after retry');
  assert.deepEqual(sim.received.map((r) => r.behaviour), ['status', 'ok']);
});

test('500, 503 and 401 surface as the SDK error classes', async () => {
  sim.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 401 });
  const e500 = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
  const e503 = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
  const e401 = await client.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
  assert.ok(e500 instanceof InternalServerError && e500.status === 500 && e500.type === 'server_error');
  assert.ok(e503 instanceof InternalServerError && e503.status === 503);
  assert.ok(e401 instanceof AuthenticationError && e401.code === 'invalid_api_key');
});

test('a simulator with an apiKey refuses other keys with 401', async () => {
  const strict = await startOpenAISim({ apiKey: 'sk-right' });
  try {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${strict.url}/v1`, maxRetries: 0 });
    const err = await wrong.chat.completions.create({ model: 'm', messages }).catch((e: unknown) => e);
    assert.ok(err instanceof AuthenticationError);
    const right = new OpenAI({ apiKey: 'sk-right', baseURL: `${strict.url}/v1`, maxRetries: 0 });
    assert.equal((await right.chat.completions.create({ model: 'm', messages })).choices[0]?.message.content, EXPECTED);
  } finally {
    await strict.close();
  }
});

test('hang is abortable with an AbortController', async () => {
  sim.script({ kind: 'hang' });
  const controller = new AbortController();
  const pending = client.chat.completions.create({ model: 'm', messages }, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, APIUserAbortError);
  assert.equal(sim.received[0]?.behaviour, 'hang');
});

test('reset mid-stream delivers the first chunk, then fails the iteration', async () => {
  sim.script({ kind: 'reset-mid-stream', afterChunks: 1 });
  const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
  const seen: string[] = [];
  await assert.rejects(async () => {
    for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
  });
  // The 52-character reply in three pieces: only the first 17 characters arrive.
  assert.equal(seen.join(''), 'sim-openai: Summa');
});

test('a malformed chunk fails the stream with a JSON SyntaxError', async () => {
  sim.script({ kind: 'malformed-chunk', afterChunks: 2 });
  const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
  await assert.rejects(streamText(stream), SyntaxError);
});

test('an error event mid-stream surfaces as APIError with its message', async () => {
  sim.script({ kind: 'error-mid-stream', message: 'upstream fell over' });
  const stream = await client.chat.completions.create({ model: 'm', messages, stream: true });
  await assert.rejects(streamText(stream), (err: unknown) => err instanceof APIError && err.message.includes('upstream fell over'));
});

test('Azure path with api-key header and api-version', async () => {
  const azure = new AzureOpenAI({ endpoint: sim.url, apiKey: 'azure-key-1', apiVersion: '2024-10-21', deployment: 'prod-gpt4o', maxRetries: 0 });
  const reply = await azure.chat.completions.create({ model: 'gpt-4o', messages });
  assert.equal(reply.choices[0]?.message.content, EXPECTED);
  const [request] = sim.received;
  assert.equal(request?.path, '/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
  assert.equal(request?.headers['api-key'], 'azure-key-1');

  const stream = await azure.chat.completions.create({ model: 'gpt-4o', messages, stream: true });
  assert.equal(await streamText(stream), EXPECTED);

  const noVersion = await fetch(`${sim.url}/openai/deployments/prod-gpt4o/chat/completions`, { method: 'POST', headers: { 'api-key': 'k' }, body: '{}' });
  assert.equal(noVersion.status, 404);
  const noKey = await fetch(`${sim.url}/openai/deployments/prod-gpt4o/chat/completions?api-version=x`, { method: 'POST', body: '{}' });
  assert.equal(noKey.status, 401);
  assert.equal(((await noKey.json()) as { error: { code: string } }).error.code, '401');
});

test('OpenRouter-style base path /api/v1 and model listing', async () => {
  const router = new OpenAI({ apiKey: 'sk-or-1', baseURL: `${sim.url}/api/v1`, maxRetries: 0 });
  assert.equal((await router.chat.completions.create({ model: 'openai/gpt-4o-mini', messages })).model, 'openai/gpt-4o-mini');
  const models = await router.models.list();
  assert.ok(models.data.some((m) => m.id === 'gpt-4o-mini'));
});

test('bad JSON and missing messages get 400 with the OpenAI error body', async () => {
  const bad = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{not json' });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as { error: { type: string; param: unknown; code: unknown } };
  assert.equal(body.error.type, 'invalid_request_error');
  assert.ok('param' in body.error && 'code' in body.error);
  const missing = await client.chat.completions.create({ model: 'm' } as never).catch((e: unknown) => e);
  assert.ok(missing instanceof APIError && missing.status === 400 && missing.param === 'messages');
});
