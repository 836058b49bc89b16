// The Anthropic simulator speaks the Messages wire format the official SDK expects: answers, named SSE events, faults.
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic, { APIError, APIUserAbortError, AuthenticationError, InternalServerError, RateLimitError } from '@anthropic-ai/sdk';
import { startAnthropicSim } from '../../sim/index';

const KEY = 'sk-ant-sim-test-42';
const sim = await startAnthropicSim();
const client = new Anthropic({ apiKey: KEY, baseURL: sim.url, maxRetries: 0 });
after(() => sim.close());
beforeEach(() => sim.reset());

const PROMPT = 'Explain how the retry budget in our HTTP client interacts with circuit breakers';
// 'sim-anthropic: ' + the first 40 characters: 'sim-anthropic: Explain how the retry budget in our HT' (9 words).
const EXPECTED = `sim-anthropic: ${PROMPT.slice(0, 40)}`;
const request = {
  model: 'claude-sim-1',
  max_tokens: 256,
  system: 'Answer briefly.',
  messages: [{ role: 'user' as const, content: PROMPT }],
};

test('non-streaming answer is a message with usage', async () => {
  const message = await client.messages.create(request);
  assert.equal(message.type, 'message');
  assert.equal(message.role, 'assistant');
  assert.equal(message.model, 'claude-sim-1');
  assert.deepEqual(message.content.map((b) => (b.type === 'text' ? b.text : '')), [EXPECTED]);
  assert.equal(message.stop_reason, 'end_turn');
  // 13 prompt words + 2 system words; 9 reply words.
  assert.equal(message.usage.input_tokens, 15);
  assert.equal(message.usage.output_tokens, 9);
});

test('streaming events arrive in the documented order with text deltas and usage', async () => {
  const stream = await client.messages.create({ ...request, stream: true });
  const types: string[] = [];
  let text = '';
  let inputTokens = 0;
  let outputTokens = 0;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'message_start') inputTokens = event.message.usage.input_tokens;
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    if (event.type === 'message_delta') outputTokens = event.usage.output_tokens;
  }
  assert.deepEqual(types, ['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  assert.equal(text, EXPECTED);
  assert.equal(inputTokens, 15);
  assert.equal(outputTokens, 9);
});

test('the helper stream assembles the final message; the raw wire carries event: lines and a ping', async () => {
  const final = await client.messages.stream(request).finalMessage();
  assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', EXPECTED);
  assert.equal(final.usage.output_tokens, 9);

  const raw = await fetch(`${sim.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ ...request, stream: true }),
  });
  const wire = await raw.text();
  assert.match(wire, /^event: message_start\ndata: \{"type":"message_start"/);
  assert.match(wire, /event: ping\ndata: \{"type":"ping"\}\n\n/);
  assert.ok(wire.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n'));
});

test('records the prompt and the key and anthropic-version headers', async () => {
  // This SDK version sends the key as a Bearer token; raw callers use x-api-key. Both count as the key.
  await client.messages.create(request);
  const [recorded] = sim.received;
  assert.equal(recorded?.path, '/v1/messages');
  assert.equal(recorded?.headers.authorization, `Bearer ${KEY}`);
  assert.ok(recorded?.headers['anthropic-version']);
  assert.match(sim.receivedText(), new RegExp(`authorization: Bearer ${KEY}`, 'i'));
  sim.reset();
  const raw = await fetch(`${sim.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  assert.equal(raw.status, 200);
  const wire = sim.receivedText();
  assert.match(wire, new RegExp(`x-api-key: ${KEY}`, 'i'));
  assert.ok(wire.includes(PROMPT));
});

test('429 surfaces as RateLimitError with retry-after and the Anthropic error body', async () => {
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 12 });
  const err = await client.messages.create(request).catch((e: unknown) => e);
  assert.ok(err instanceof RateLimitError);
  assert.equal(err.headers.get('retry-after'), '12');
  assert.equal((err.error as { type: string; error: { type: string } }).error.type, 'rate_limit_error');
  assert.match(err.requestID ?? '', /^req_sim_\d+$/);
  assert.equal((err.error as { request_id: string }).request_id, err.requestID);
});

test('500, 503, 529 and 401 map to the SDK error classes and Anthropic error types', async () => {
  sim.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 529 }, { kind: 'status', status: 401 });
  const errors = [];
  for (let i = 0; i < 4; i++) errors.push(await client.messages.create(request).catch((e: unknown) => e));
  const [e500, e503, e529, e401] = errors;
  assert.ok(e500 instanceof InternalServerError && e500.status === 500);
  assert.ok(e503 instanceof InternalServerError && e503.status === 503);
  assert.ok(e529 instanceof APIError && e529.status === 529 && (e529.error as { error: { type: string } }).error.type === 'overloaded_error');
  assert.ok(e401 instanceof AuthenticationError);
});

test('missing anthropic-version or key is refused like the real API', async () => {
  const body = JSON.stringify(request);
  const noVersion = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY }, body });
  assert.equal(noVersion.status, 400);
  assert.deepEqual(((await noVersion.json()) as { type: string }).type, 'error');
  const noKey = await fetch(`${sim.url}/v1/messages`, { method: 'POST', headers: { 'anthropic-version': '2023-06-01' }, body });
  assert.equal(noKey.status, 401);
  assert.deepEqual(await noKey.json(), { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
  assert.equal(sim.received.length, 2, 'refused requests are recorded');
});

test('an error event mid-stream surfaces as APIError with the overloaded type', async () => {
  sim.script({ kind: 'error-mid-stream', afterChunks: 2, message: 'Overloaded' });
  const stream = await client.messages.create({ ...request, stream: true });
  let text = '';
  await assert.rejects(
    async () => {
      for await (const event of stream) if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    },
    (err: unknown) => err instanceof APIError && err.type === 'overloaded_error',
  );
  assert.ok(text.length > 0 && EXPECTED.startsWith(text) && text !== EXPECTED);
});

test('a malformed chunk and a reset both fail the stream', async () => {
  sim.script({ kind: 'malformed-chunk' }, { kind: 'reset-mid-stream' });
  const drain = async (): Promise<void> => {
    for await (const _event of await client.messages.create({ ...request, stream: true }));
  };
  await assert.rejects(drain(), SyntaxError);
  await assert.rejects(drain());
  assert.deepEqual(sim.received.map((r) => r.behaviour), ['malformed-chunk', 'reset-mid-stream']);
});

test('hang is abortable with an AbortController', async () => {
  sim.script({ kind: 'hang' });
  const controller = new AbortController();
  const pending = client.messages.create(request, { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, APIUserAbortError);
});

test('models list and unknown paths', async () => {
  const models = await client.models.list();
  assert.ok(models.data.some((m) => m.id === 'claude-sonnet-4-5'));
  const missing = await fetch(`${sim.url}/v1/nothing`, { headers: { 'x-api-key': KEY } });
  assert.equal(missing.status, 404);
  assert.equal(((await missing.json()) as { error: { type: string } }).error.type, 'not_found_error');
});
