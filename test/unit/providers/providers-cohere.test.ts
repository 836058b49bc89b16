// Cohere's v2 chat through the official cohere-ai SDK against a simulator of its event stream: text, tool calls
// (plan, start, argument pieces), billed usage, every error kind, stream faults and cancellation.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { createAdapter } from '../../../daemon/providers';
import type { KeyLookup, ProviderAdapter, StreamRequest } from '../../../daemon/providers';
import { startCohereSim, type SimHandle } from '../../sim';
import { within } from '../../helpers/bounded';
import { failure } from '../../helpers/providers';

const KEY = 'sim-cohere-key';
let sim: SimHandle;
before(async () => {
  await import('cohere-ai');
  sim = await startCohereSim({ apiKey: KEY });
});
after(() => sim.close());

const adapter = (lookup: KeyLookup = async () => KEY): ProviderAdapter => createAdapter({ name: 'cohere', kind: 'cohere', baseUrl: sim.url, apiKeyEnv: 'SIM_COHERE_KEY' }, lookup);
const request = (model = 'command-a-03-2025', signal = new AbortController().signal): StreamRequest => ({ model, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Name three prime numbers please' }], signal });


function lastBody(): Record<string, unknown> {
  return JSON.parse(sim.received.at(-1)!.body.toString('utf8')) as Record<string, unknown>;
}

test('cohere streams v2 chat events with a bearer key and reports billed units as usage', async () => {
  sim.reset();
  const pieces: string[] = [];
  const result = await adapter().stream({ ...request(), maxTokens: 30 }, (d) => pieces.push(d));
  assert.equal(pieces.join(''), 'sim-cohere: Name three prime numbers please');
  assert.ok(pieces.length >= 2);
  // Billed: 7 words in, 6 out; `tokens` would say 107 in (Cohere's preamble), which is not what is charged.
  assert.deepEqual(result, { usage: { input: 7, output: 6 }, finishReason: 'COMPLETE' });
  const got = sim.received[0]!;
  assert.equal(got.path, '/v2/chat');
  assert.equal(got.headers.authorization, `Bearer ${KEY}`);
  const body = lastBody();
  assert.deepEqual(body.messages, [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Name three prime numbers please' }]);
  assert.equal(body.max_tokens, 30);
  assert.equal(body.stream, true);
  assert.equal(body.stream_options, undefined);
});

test('cohere sends through the keep-alive transport, never the global fetch', async (t) => {
  sim.reset();
  const globalFetch = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = (...args) => {
    calls++;
    return globalFetch(...args);
  };
  t.after(() => { globalThis.fetch = globalFetch; });
  const a = adapter();
  await a.stream(request(), () => {});
  await a.stream(request(), () => {});
  assert.equal(calls, 0);
  assert.equal(sim.received[1]?.connection, sim.received[0]?.connection);
});

test('cohere tools: a named choice is REQUIRED with only that tool; calls stream as start and argument pieces', async () => {
  sim.reset();
  sim.script({ kind: 'tool-calls', text: 'I will look up the weather.', calls: [{ name: 'get_weather', pieces: ['{"city":', '"Rome"}'] }] });
  const calls: unknown[] = [];
  const text: string[] = [];
  const result = await adapter().stream({
    ...request(),
    tools: { tools: [{ name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } }, { name: 'get_time' }], toolChoice: { name: 'get_weather' }, responseFormat: { type: 'json_object' } },
    onToolCall: (d) => calls.push(d),
  }, (d) => text.push(d));
  assert.deepEqual(calls, [{ index: 0, id: 'get_weather_sim0', name: 'get_weather' }, { index: 0, arguments: '{"city":' }, { index: 0, arguments: '"Rome"}' }]);
  // The tool plan is Cohere's reasoning before a call, not answer text.
  assert.deepEqual(text, []);
  assert.equal(result.finishReason, 'TOOL_CALL');
  const body = lastBody();
  assert.deepEqual(body.tools, [{ type: 'function', function: { name: 'get_weather', description: 'Weather now', parameters: { type: 'object' } } }]);
  assert.equal(body.tool_choice, 'REQUIRED');
  assert.deepEqual(body.response_format, { type: 'json_object' });
});

test('cohere errors: 429 with Retry-After, 401 with a wrong key, an unknown model is not-found, 503, a bad request', async () => {
  sim.reset();
  sim.script({ kind: 'status', status: 429, retryAfterSeconds: 6 }, { kind: 'status', status: 503 }, { kind: 'status', status: 400 });
  const limited = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([limited.failure, limited.status, limited.retryAfterMs], ['rate-limited', 429, 6000]);
  assert.match(limited.message, /Trial key/);
  const server = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([server.failure, server.status], ['server', 503]);
  const bad = await failure(adapter().stream(request(), () => {}));
  assert.deepEqual([bad.failure, bad.status], ['bad-request', 400]);
  const auth = await failure(adapter(async () => 'wrong').stream(request(), () => {}));
  assert.deepEqual([auth.failure, auth.status], ['auth', 401]);
  assert.match(auth.message, /invalid api token/);
  const missing = await failure(adapter().stream(request('command-nonexistent'), () => {}));
  assert.deepEqual([missing.failure, missing.status], ['not-found', 404]);
  assert.match(missing.message, /model 'command-nonexistent' not found/);
});

test('cohere stream faults: a cut, a broken frame and finish_reason ERROR are told apart; a server that is down is refused', async () => {
  sim.reset();
  sim.script({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'error-mid-stream', afterChunks: 1, message: 'backend overloaded' });
  const seen: string[] = [];
  const reset = await failure(adapter().stream(request(), (d) => seen.push(d)));
  assert.equal(reset.failure, 'reset');
  assert.equal(seen.length, 1);
  assert.equal((await failure(adapter().stream(request(), () => {}))).failure, 'malformed');
  const error = await failure(adapter().stream(request(), () => {}));
  assert.equal(error.failure, 'server');
  assert.match(error.message, /backend overloaded/);
  await sim.down();
  const down = await failure(adapter().stream(request(), () => {}));
  assert.equal(down.failure, 'refused');
  await sim.up();
});

test('cohere: no key fails with `auth` naming the env var; aborting cancels the request', async () => {
  sim.reset();
  const hosted = createAdapter({ name: 'cohere', kind: 'cohere', baseUrl: 'https://api.cohere.example', apiKeyEnv: 'SIM_COHERE_KEY' }, async () => null);
  const err = await failure(hosted.stream(request(), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /airlock keys set cohere.*SIM_COHERE_KEY/);
  sim.script({ kind: 'hang' });
  const controller = new AbortController();
  const pending = adapter().stream(request('command-a-03-2025', controller.signal), () => {});
  await within(sim.whenReceived(1), 'the request to arrive');
  controller.abort();
  assert.equal((await within(failure(pending), 'the aborted request to end')).failure, 'cancelled');
});

test('cohere: a connection dropped before any answer is `reset` (retryable), not `refused`, though the SDK flattens both', async (t) => {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as net.AddressInfo).port;
  const dropping = createAdapter({ name: 'cohere', kind: 'cohere', baseUrl: `http://127.0.0.1:${port}` }, async () => KEY);
  const err = await failure(dropping.stream(request(), () => {}));
  assert.equal(err.failure, 'reset');
});
