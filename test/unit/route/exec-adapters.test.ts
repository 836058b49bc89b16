// Each provider adapter against its simulator: streaming, usage, wire details, error mapping, keys and abort.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createAdapter } from '../../../daemon/providers';
import type { ProviderAdapter, StreamRequest } from '../../../daemon/providers';
import { API_KEY, providerConfigs } from './exec-helpers';
import { startSims, type Sims } from '../../helpers/sims';
import { within } from '../../helpers/bounded';
import { failure } from '../../helpers/providers';

let sims: Sims;
before(async () => { sims = await startSims(undefined, { apiKey: API_KEY }); });
after(async () => { await sims.close(); });

/** The simulator behind a provider name (the local one is Ollama's). */
const simFor = (name: 'ollama' | 'openai' | 'anthropic') => (name === 'ollama' ? sims.local : sims[name]);

const keys = async (): Promise<string> => API_KEY;

function adapter(name: string, lookup = keys): ProviderAdapter {
  const config = providerConfigs(sims).find((c) => c.name === name);
  assert.ok(config);
  return createAdapter(config, lookup);
}

function request(model: string, content = 'Name three prime numbers please', signal = new AbortController().signal): StreamRequest {
  return { model, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content }], signal };
}

async function collect(a: ProviderAdapter, req: StreamRequest): Promise<{ text: string; pieces: number; usage: unknown; finishReason: string | null }> {
  const pieces: string[] = [];
  const result = await a.stream(req, (d) => pieces.push(d));
  return { text: pieces.join(''), pieces: pieces.length, usage: result.usage, finishReason: result.finishReason };
}


function body(sim: Sims['openai']): Record<string, unknown> {
  const last = sim.received.at(-1);
  assert.ok(last);
  return JSON.parse(last.body.toString('utf8')) as Record<string, unknown>;
}

test('ollama streams the answer in pieces and reports prompt_eval_count/eval_count as usage', async () => {
  await sims.reset();
  const out = await collect(adapter('ollama'), request('llama3.2:3b'));
  assert.equal(out.text, 'sim-ollama: Name three prime numbers please');
  assert.ok(out.pieces >= 2);
  // The sim counts words: "Answer briefly." + the prompt = 7 words in; 6 words out.
  assert.deepEqual(out.usage, { input: 7, output: 6 });
  assert.equal(out.finishReason, 'stop');
  assert.equal(sims.local.received[0]?.path, '/api/chat');
});

test('openai streams with include_usage, no retries, bearer key', async () => {
  await sims.reset();
  const out = await collect(adapter('openai'), { ...request('gpt-4o-mini'), maxTokens: 50 });
  assert.equal(out.text, 'sim-openai: Name three prime numbers please');
  assert.deepEqual(out.usage, { input: 7, output: 6 });
  const sent = body(sims.openai);
  assert.deepEqual(sent.stream_options, { include_usage: true });
  assert.equal(sent.max_tokens, 50);
  assert.equal(sims.openai.received[0]?.headers.authorization, `Bearer ${API_KEY}`);
});

test('azure uses the deployment path, api-version and api-key header', async () => {
  await sims.reset();
  const out = await collect(adapter('azure-eu'), request('gpt-4o'));
  assert.equal(out.text, 'sim-openai: Name three prime numbers please');
  assert.deepEqual(out.usage, { input: 7, output: 6 });
  const got = sims.openai.received[0];
  assert.equal(got?.path, '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
  assert.equal(got?.headers['api-key'], API_KEY);
});

test('anthropic streams messages, puts system text in `system`, reports input/output tokens', async () => {
  await sims.reset();
  const out = await collect(adapter('anthropic'), request('claude-haiku-4-5'));
  assert.equal(out.text, 'sim-anthropic: Name three prime numbers please');
  assert.deepEqual(out.usage, { input: 7, output: 6 });
  assert.equal(out.finishReason, 'end_turn');
  const sent = body(sims.anthropic);
  assert.equal(sent.system, 'Answer briefly.');
  assert.deepEqual(sent.messages, [{ role: 'user', content: 'Name three prime numbers please' }]);
});

test('HTTP errors map to failure kinds with status and Retry-After in ms', async () => {
  const cases = [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku-4-5'], ['ollama', 'llama3.2:3b']] as const;
  for (const [name, model] of cases) {
    await sims.reset();
    const sim = simFor(name);
    sim.script({ kind: 'status', status: 429, retryAfterSeconds: 3 }, { kind: 'status', status: 503 }, { kind: 'status', status: 401 }, { kind: 'status', status: 400 });
    const limited = await failure(adapter(name).stream(request(model), () => {}));
    assert.equal(limited.failure, 'rate-limited', name);
    assert.equal(limited.status, 429);
    assert.equal(limited.retryAfterMs, 3000, name);
    const server = await failure(adapter(name).stream(request(model), () => {}));
    assert.deepEqual([server.failure, server.status], ['server', 503], name);
    const auth = await failure(adapter(name).stream(request(model), () => {}));
    assert.deepEqual([auth.failure, auth.status], ['auth', 401], name);
    const bad = await failure(adapter(name).stream(request(model), () => {}));
    assert.deepEqual([bad.failure, bad.status], ['bad-request', 400], name);
  }
});

test('stream faults: reset, malformed chunk and in-stream error are told apart', async () => {
  const cases = [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku-4-5'], ['ollama', 'llama3.2:3b']] as const;
  for (const [name, model] of cases) {
    await sims.reset();
    simFor(name).script({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'error-mid-stream', afterChunks: 1 });
    const seen: string[] = [];
    const reset = await failure(adapter(name).stream(request(model), (d) => seen.push(d)));
    assert.equal(reset.failure, 'reset', name);
    assert.equal(seen.length, 1, `${name} delivered the chunk before the reset`);
    assert.equal((await failure(adapter(name).stream(request(model), () => {}))).failure, 'malformed', name);
    assert.equal((await failure(adapter(name).stream(request(model), () => {}))).failure, 'server', name);
  }
});

test('ollama: not running is `refused` and says `ollama serve`; a model not pulled is `not-found` and says `ollama pull`', async () => {
  await sims.reset();
  const missing = await failure(adapter('ollama').stream(request('mistral:7b'), () => {}));
  assert.equal(missing.failure, 'not-found');
  assert.equal(missing.status, 404);
  assert.match(missing.message, /ollama pull mistral:7b/);
  await sims.local.down();
  const down = await failure(adapter('ollama').stream(request('llama3.2:3b'), () => {}));
  assert.equal(down.failure, 'refused');
  assert.match(down.message, /ollama serve/);
  await sims.local.up();
});

test('a hosted provider is `refused` when its server is down', async () => {
  await sims.reset();
  await sims.anthropic.down();
  const down = await failure(adapter('anthropic').stream(request('claude-haiku-4-5'), () => {}));
  assert.equal(down.failure, 'refused');
  await sims.anthropic.up();
});

test('a hosted provider without a key fails with `auth` naming `airlock keys set` and the env var, sending nothing', async () => {
  await sims.reset();
  const hosted = createAdapter({ name: 'openrouter', kind: 'openai', baseUrl: 'https://openrouter.example/api/v1', apiKeyEnv: 'MY_ROUTER_KEY' }, async () => null);
  const err = await failure(hosted.stream(request('some/model'), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /airlock keys set openrouter/);
  assert.match(err.message, /MY_ROUTER_KEY/);
  assert.match(err.message, /OPENROUTER_API_KEY/);
});

test('a keychain failure during lookup becomes `auth` with the keychain message', async () => {
  const broken = adapter('anthropic', async () => { throw new Error('The keychain is locked.'); });
  const err = await failure(broken.stream(request('claude-haiku-4-5'), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /keychain is locked/);
});

test('aborting the signal cancels the HTTP request for every adapter', async () => {
  const cases = [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku-4-5'], ['ollama', 'llama3.2:3b']] as const;
  for (const [name, model] of cases) {
    await sims.reset();
    simFor(name).script({ kind: 'hang' });
    const controller = new AbortController();
    const pending = adapter(name).stream(request(model, 'hello', controller.signal), () => {});
    await within(simFor(name).whenReceived(1), `${name} to receive the request`);
    controller.abort();
    // The sim never answers: only the abort can end this (bounded so a regression fails instead of hanging).
    const err = await within(failure(pending), `${name} to end the aborted request`);
    assert.equal(err.failure, 'cancelled', name);
  }
});

test('every adapter sends through the keep-alive transport, never the global fetch, and reuses its connection', async (t) => {
  await sims.reset();
  const globalFetch = globalThis.fetch;
  let globalCalls = 0;
  globalThis.fetch = (...args) => {
    globalCalls += 1;
    return globalFetch(...args);
  };
  t.after(() => {
    globalThis.fetch = globalFetch;
  });
  for (const [name, model, sim] of [['ollama', 'llama3.2:3b', sims.local], ['openai', 'gpt-4o-mini', sims.openai], ['anthropic', 'claude-3-5-haiku-latest', sims.anthropic]] as const) {
    const a = adapter(name);
    for (let i = 0; i < 2; i++) assert.match((await collect(a, request(model))).text, /Name three prime numbers/);
    assert.equal(new Set(sim.received.map((r) => r.connection)).size, 1, `${name}: two requests, one connection`);
  }
  assert.equal(globalCalls, 0);
});
