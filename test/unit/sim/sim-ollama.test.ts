// The Ollama simulator speaks the NDJSON wire format the official `ollama` client expects, plus tags and version.
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ollama } from 'ollama';
import { OLLAMA_VERSION, startOllamaSim } from '../../sim/index';

const sim = await startOllamaSim({ models: ['llama3.2:3b', 'qwen2.5-coder:latest'] });
const ollama = new Ollama({ host: sim.url });
after(() => sim.close());
beforeEach(() => sim.reset());

const PROMPT = 'Refactor this function so the database handle is closed on every path';
// 'sim-ollama: ' + first 40 characters = 'sim-ollama: Refactor this function so the database h' (8 words).
const EXPECTED = `sim-ollama: ${PROMPT.slice(0, 40)}`;
const messages = [{ role: 'user', content: PROMPT }];

async function collect(stream: AsyncIterable<{ message: { content: string }; done: boolean }>): Promise<{ text: string; last?: unknown }> {
  let text = '';
  let last: unknown;
  for await (const part of stream) {
    text += part.message.content;
    last = part;
  }
  return { text, last };
}

test('streaming chat: NDJSON chunks then a done line with counts and durations', async () => {
  const stream = await ollama.chat({ model: 'llama3.2:3b', messages, stream: true });
  const parts = [];
  for await (const part of stream) parts.push(part);
  assert.equal(parts.map((p) => p.message.content).join(''), EXPECTED);
  assert.equal(parts.length, 4, 'three text chunks and the done line');
  const done = parts.at(-1);
  assert.equal(done?.done, true);
  assert.equal(done?.done_reason, 'stop');
  assert.equal(done?.prompt_eval_count, 12);
  assert.equal(done?.eval_count, 8);
  assert.ok((done?.total_duration ?? 0) >= (done?.eval_duration ?? 0) + (done?.prompt_eval_duration ?? 0));
  assert.ok(parts.slice(0, -1).every((p) => p.done === false && p.message.role === 'assistant'));

  const raw = await fetch(`${sim.url}/api/chat`, { method: 'POST', body: JSON.stringify({ model: 'llama3.2:3b', messages }) });
  assert.equal(raw.headers.get('content-type'), 'application/x-ndjson');
  const lines = (await raw.text()).trimEnd().split('\n');
  assert.equal(lines.length, 4, 'the server streams when `stream` is absent');
  assert.ok(lines.every((line) => typeof JSON.parse(line) === 'object'));
});

test('non-streaming chat and generate', async () => {
  const reply = await ollama.chat({ model: 'llama3.2:3b', messages, stream: false });
  assert.equal(reply.message.content, EXPECTED);
  assert.equal(reply.done, true);
  assert.equal(reply.eval_count, 8);
  // A name without a tag resolves to :latest.
  const generated = await ollama.generate({ model: 'qwen2.5-coder', prompt: 'hello local model', stream: false });
  assert.equal(generated.response, 'sim-ollama: hello local model');
  assert.equal(generated.prompt_eval_count, 3);
});

test('tags, version and the root health text', async () => {
  const list = await ollama.list();
  assert.deepEqual(list.models.map((m) => m.name), ['llama3.2:3b', 'qwen2.5-coder:latest']);
  assert.ok(list.models.every((m) => m.digest.length === 64 && typeof m.details.quantization_level === 'string'));
  assert.equal((await ollama.version()).version, OLLAMA_VERSION);
  assert.equal(await (await fetch(sim.url)).text(), 'Ollama is running');
});

test('an unknown model is a 404 ResponseError with the real message', async () => {
  const err = await ollama.chat({ model: 'mistral:7b', messages }).catch((e: unknown) => e);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'ResponseError');
  assert.equal((err as Error & { status_code: number }).status_code, 404);
  assert.equal(err.message, 'model "mistral:7b" not found, try pulling it first');
  assert.ok(sim.receivedText().includes(PROMPT), 'the refused request was recorded');
});

test('scripted 503 and 500 surface as ResponseError with the status', async () => {
  sim.script({ kind: 'status', status: 503, retryAfterSeconds: 1 }, { kind: 'status', status: 500 });
  const e503 = await ollama.chat({ model: 'llama3.2:3b', messages }).catch((e: unknown) => e);
  const e500 = await ollama.chat({ model: 'llama3.2:3b', messages }).catch((e: unknown) => e);
  assert.equal((e503 as { status_code?: number }).status_code, 503);
  assert.match((e503 as Error).message, /server busy/);
  assert.equal((e500 as { status_code?: number }).status_code, 500);
});

test('an error line mid-stream is a plain Error; a reset fails the iteration', async () => {
  sim.script({ kind: 'error-mid-stream', message: 'out of memory' }, { kind: 'reset-mid-stream', afterChunks: 2 });
  const failing = await ollama.chat({ model: 'llama3.2:3b', messages, stream: true });
  await assert.rejects(collect(failing), (err: unknown) => err instanceof Error && err.message === 'out of memory');
  const reset = await ollama.chat({ model: 'llama3.2:3b', messages, stream: true });
  await assert.rejects(collect(reset));
});

test('a malformed line is skipped by the client with a warning: its text is lost', async (t) => {
  const warn = t.mock.method(console, 'warn', () => undefined);
  sim.script({ kind: 'malformed-chunk', afterChunks: 1 });
  const { text } = await collect(await ollama.chat({ model: 'llama3.2:3b', messages, stream: true }));
  assert.notEqual(text, EXPECTED);
  assert.ok(EXPECTED.startsWith(text.slice(0, 5)) && text.length < EXPECTED.length);
  assert.equal(warn.mock.callCount(), 1);
  assert.equal(warn.mock.calls[0]?.arguments[0], 'invalid json: ');
});

test('hang is abortable through a custom fetch signal', async () => {
  sim.script({ kind: 'hang' });
  const controller = new AbortController();
  const withSignal = new Ollama({ host: sim.url, fetch: (input, init) => fetch(input, { ...init, signal: controller.signal }) });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(withSignal.chat({ model: 'llama3.2:3b', messages }), { name: 'AbortError' });
  assert.equal(sim.received[0]?.behaviour, 'hang');
});

test('down refuses connections (ECONNREFUSED); up serves again on the same port', async () => {
  const port = sim.port;
  await sim.down();
  const err = await ollama.list().catch((e: unknown) => e);
  assert.ok(err instanceof TypeError);
  assert.equal((err.cause as { code?: string }).code, 'ECONNREFUSED');
  await sim.up();
  assert.equal(sim.port, port);
  assert.equal((await ollama.list()).models.length, 2);
});
