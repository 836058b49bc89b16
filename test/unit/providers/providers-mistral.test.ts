// Mistral through the OpenAI adapter with Mistral's profile, against a simulator that speaks Mistral's own dialect of
// the Chat Completions wire (no stream_options, usage unasked, invalid_model, whole tool calls, finish_reason error).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAdapter } from '../../../daemon/providers';
import type { ProviderAdapter, StreamRequest } from '../../../daemon/providers';
import { mistralErrors } from '../../../daemon/providers/mistral';
import { startMistralSim, type SimHandle } from '../../sim';
import { failure } from '../../helpers/providers';

const KEY = 'sim-mistral-key';
let sim: SimHandle;
before(async () => {
  await import('openai');
  sim = await startMistralSim({ apiKey: KEY });
});
after(() => sim.close());

const adapter = (kind: 'mistral' | 'openai' = 'mistral', key = KEY): ProviderAdapter => createAdapter({ name: 'mistral', kind, baseUrl: `${sim.url}/v1` }, async () => key);
const request = (model = 'mistral-small-latest'): StreamRequest => ({ model, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Name three prime numbers please' }], signal: new AbortController().signal });


test('mistral streams without stream_options and takes usage from the last chunk', async () => {
  sim.reset();
  const pieces: string[] = [];
  const result = await adapter().stream({ ...request(), maxTokens: 40 }, (d) => pieces.push(d));
  assert.equal(pieces.join(''), 'sim-mistral: Name three prime numbers please');
  assert.ok(pieces.length >= 2);
  assert.deepEqual(result, { usage: { input: 7, output: 6 }, finishReason: 'stop' });
  const got = sim.received[0];
  assert.equal(got?.headers.authorization, `Bearer ${KEY}`);
  const body = JSON.parse(got!.body.toString('utf8')) as Record<string, unknown>;
  assert.equal(body.stream_options, undefined);
  assert.equal(body.max_tokens, 40);
});

test('the plain OpenAI profile is refused by Mistral (422 extra_forbidden on stream_options): why mistral has its own kind', async () => {
  sim.reset();
  const err = await failure(adapter('openai').stream(request(), () => {}));
  assert.deepEqual([err.failure, err.status], ['bad-request', 422]);
});

test("mistral's own error bodies reach the record: the field it refused, its rate-limit message", async () => {
  sim.reset();
  sim.script({ kind: 'status', status: 429 });
  const limited = await failure(adapter().stream(request(), () => {}));
  assert.match(limited.message, /Requests rate limit exceeded/);
  const missing = await failure(adapter().stream(request('mistral-nonexistent'), () => {}));
  assert.match(missing.message, /Invalid model: mistral-nonexistent/);
  // A validation failure names each field: here the real 422 the plain OpenAI profile gets, read through mistralErrors.
  const openaiShaped = createAdapter({ name: 'mistral', kind: 'openai', baseUrl: `${sim.url}/v1` }, async () => KEY);
  const raw = await failure(openaiShaped.stream(request(), () => {}));
  assert.match(raw.message, /no body/, 'the OpenAI SDK alone loses the body');
  const viaWrap = await mistralErrors(globalThis.fetch)(`${sim.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'mistral-small-latest', messages: [], stream_options: { include_usage: true } }) });
  assert.equal(viaWrap.status, 422);
  assert.deepEqual(await viaWrap.json(), { error: { message: 'body.stream_options: Extra inputs are not permitted', type: 'invalid_request_error', code: null } });
});

test('mistral tools: a call arrives whole in one chunk with its 9-character id', async () => {
  sim.reset();
  sim.script({ kind: 'tool-calls', calls: [{ name: 'get_weather', pieces: ['{"city":', '"Paris"}'] }] });
  const calls: unknown[] = [];
  const result = await adapter().stream({ ...request(), tools: { tools: [{ name: 'get_weather', parameters: { type: 'object' } }], toolChoice: 'required' }, onToolCall: (d) => calls.push(d) }, () => {});
  assert.deepEqual(calls, [{ index: 0, id: 'simcall00', name: 'get_weather', arguments: '{"city":"Paris"}' }]);
  assert.equal(result.finishReason, 'tool_calls');
  const body = JSON.parse(sim.received[0]!.body.toString('utf8')) as Record<string, unknown>;
  assert.equal(body.tool_choice, 'required');
});

test('mistral errors: 429 with its retry hint, 401, an unknown model is not-found, 503', async () => {
  sim.reset();
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 4 }, { kind: 'status', status: 503 });
  const limited = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([limited.failure, limited.status, limited.retryAfterMs], ['rate-limited', 429, 4000]);
  const server = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([server.failure, server.status], ['server', 503]);
  const auth = await failure(adapter('mistral', 'wrong').stream(request(), () => {}));
  assert.deepEqual([auth.failure, auth.status], ['auth', 401]);
  const missing = await failure(adapter().stream(request('mistral-nonexistent'), () => {}));
  assert.deepEqual([missing.failure, missing.status], ['not-found', 400]);
  assert.match(missing.message, /Invalid model: mistral-nonexistent/);
});

test('mistral stream faults: a cut, a broken frame, and finish_reason "error" are told apart', async () => {
  sim.reset();
  sim.script({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'error-mid-stream', afterChunks: 1 });
  const seen: string[] = [];
  const reset = await failure(adapter().stream(request(), (d) => seen.push(d)));
  assert.equal(reset.failure, 'reset');
  assert.equal(seen.length, 1);
  assert.equal((await failure(adapter().stream(request(), () => {}))).failure, 'malformed');
  const error = await failure(adapter().stream(request(), () => {}));
  assert.equal(error.failure, 'server');
  assert.match(error.message, /finish_reason "error"/);
});
