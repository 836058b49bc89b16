// The OpenAI-compatible surface with the official `openai` SDK pointed at airlockd and the recording simulators as
// upstreams: where each prompt goes, what the SDK sees for a blocked request, streaming, cancel, bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DecisionRecord } from '../../../protocol';
import OpenAI from 'openai';
import { assertNoCanary, PRIVATE_KEY, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint } from '../../helpers/endpoint';

const sdk = (base: string, apiKey: string) => new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0 });

test('a canary secret and code are answered by the local simulator; hosted ones receive 0 bytes of it', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  const client = await daemon.client();
  await client.request('decision/subscribe', {});
  const live: string[] = [];
  client.onNotification('decision/appended', (n) => live.push(n.record.id));
  sims.local.setDefault({ kind: 'ok', text: 'Use the test key in development.' });
  const res = await sdk(base, key).chat.completions.create({
    model: 'openai/gpt-4o-mini', messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: SECRET_AND_CODE.text }],
  });
  assert.equal(res.choices[0]?.message.content, 'Use the test key in development.');
  assert.equal(res.model, 'ollama/llama3.2');
  assert.ok(sims.local.receivedText().includes('settleLedgerCanary'));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, SECRET_AND_CODE.canaries);
  const { records } = await client.request('decision/list', {});
  assert.equal(records.length, 1, 'one decision record per request');
  const record = records[0]!;
  assert.equal(record.route.target, 'local');
  assert.equal(record.facts.surface, 'openai');
  assert.equal(record.facts.client?.key, 'test-tool');
  assert.match(record.facts.client?.userAgent ?? '', /OpenAI/);
  assert.deepEqual(record.route.requested, { name: 'openai/gpt-4o-mini', modelId: 'openai/gpt-4o-mini', used: false, reason: record.route.requested?.reason });
  assert.match(record.route.requested?.reason ?? '', /not allowed/);
  assert.deepEqual(live, [record.id], 'broadcast live like chat/send');
});

test('a public question goes to a hosted simulator, streamed as SSE with usage; a named allowed model is used', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const answer = 'TCP is connection-oriented and reliable. UDP sends independent datagrams with no delivery guarantee.\n';
  sims.anthropic.setDefault({ kind: 'ok', text: answer, chunks: 6, chunkDelayMs: 5 });
  const stream = await sdk(base, key).chat.completions.create({
    model: 'anthropic/claude-3-5-haiku', stream: true, stream_options: { include_usage: true },
    messages: [{ role: 'user', content: PUBLIC_QUESTION }],
  });
  const deltas: string[] = [];
  let usage: OpenAI.CompletionUsage | null | undefined;
  let finish: string | null | undefined;
  for await (const chunk of stream) {
    const choice = chunk.choices[0];
    if (choice?.delta.content) deltas.push(choice.delta.content);
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(deltas.join(''), answer);
  assert.ok(deltas.length >= 2, `streamed in pieces: ${deltas.length}`);
  assert.equal(finish, 'stop');
  assert.ok(usage && usage.completion_tokens > 0, 'include_usage sends a usage chunk');
  assert.equal(sims.local.received.length, 0);
  assert.equal(sims.openai.received.length, 0, 'the named model, allowed for a public prompt, went first');
  assert.ok(sims.anthropic.receivedText().includes('TCP and UDP'));
});

test('a blocked request: the SDK raises an error carrying the Airlock message, nothing is sent anywhere', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  const err = await sdk(base, key).chat.completions.create({ model: 'airlock/auto', messages: [{ role: 'user', content: PRIVATE_KEY }] }).catch((e: unknown) => e);
  assert.ok(err instanceof OpenAI.APIError, String(err));
  assert.equal(err.status, 403);
  assert.equal(err.code, 'AIRLOCK_E_BLOCKED');
  assert.match(err.message, /Airlock AIRLOCK_E_BLOCKED: .*Fix: /);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
});

test('GET /v1/models lists airlock/auto and the catalogue', async (t) => {
  const { key, base } = await startEndpoint(t);
  const ids = [];
  for await (const m of sdk(base, key).models.list()) ids.push(m.id);
  assert.deepEqual(ids, ['airlock/auto', 'ollama/llama3.2', 'private/gpt-4o-mini', 'openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku']);
});

test('the client cancelling a long stream cancels the upstream request; the record says cancelled', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  sims.openai.setDefault({ kind: 'ok', text: 'word '.repeat(400), chunks: 400, chunkDelayMs: 20 });
  const client = await daemon.client();
  await client.request('decision/subscribe', {});
  const appended = new Promise<DecisionRecord>((resolve) => client.onNotification('decision/appended', (n) => resolve(n.record)));
  const abort = new AbortController();
  const stream = await sdk(base, key).chat.completions.create({ model: 'airlock/auto', stream: true, messages: [{ role: 'user', content: PUBLIC_QUESTION }] }, { signal: abort.signal });
  let got = 0;
  // The SDK ends the iteration quietly when its signal aborts.
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta.content) got++;
    if (got === 2) abort.abort();
  }
  const record = await appended;
  assert.equal(record.status, 'cancelled');
  assert.equal(record.attempts.at(-1)?.outcome, 'cancelled');
  assert.equal(sims.openai.received.length, 1);
  assert.ok(!sims.openai.receivedText().includes('word '.repeat(400)));
});

test('an unknown model name means auto; malformed bodies, wrong methods, unknown paths and oversize bodies get OpenAI errors and the daemon lives on', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const post = (path: string, body: string | Uint8Array<ArrayBuffer>, method = 'POST') => fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, ...(method === 'GET' ? {} : { body }) });
  const cases: [string, Promise<Response>, number, string][] = [
    ['not JSON', post('/v1/chat/completions', '{"model":'), 400, 'AIRLOCK_E_INPUT'],
    ['no messages', post('/v1/chat/completions', '{"model":"x"}'), 400, 'AIRLOCK_E_INPUT'],
    ['messages not an array', post('/v1/chat/completions', '{"messages":"hi"}'), 400, 'AIRLOCK_E_INPUT'],
    ['wrong method', post('/v1/chat/completions', '', 'GET'), 404, 'AIRLOCK_E_ENDPOINT'],
    ['unknown path', post('/v1/completions', '{}'), 404, 'AIRLOCK_E_ENDPOINT'],
    ['100 MB body', post('/v1/chat/completions', new Uint8Array(100 * 1024 * 1024).fill(0x20)), 413, 'AIRLOCK_E_INPUT_TOO_LARGE'],
  ];
  for (const [name, pending, status, code] of cases) {
    const res = await pending;
    assert.equal(res.status, status, name);
    const body = await res.json() as { error: { code: string; message: string; type: string } };
    assert.equal(body.error.code, code, name);
    assert.match(body.error.message, /^Airlock AIRLOCK_E_/, name);
  }
  const extra = await post('/v1/chat/completions', JSON.stringify({ messages: [{ role: 'user', content: PUBLIC_QUESTION, x_note: 1 }], temperature: 0.2, seed: 7, some_future_field: { a: [1] } }));
  assert.equal(extra.status, 200, 'unknown and unused fields are accepted');
  const res = await sdk(base, key).chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(res.model, 'openai/gpt-4o-mini', 'the policy chose, and the daemon still answers');
  assert.equal(sims.openai.received.length, 2);
});

test('the whole conversation is the prompt: a secret in an earlier turn keeps a public follow-up local', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const res = await sdk(base, key).chat.completions.create({
    model: 'airlock/auto',
    messages: [
      { role: 'user', content: SECRET_AND_CODE.text },
      { role: 'assistant', content: 'Rotate the key first.' },
      { role: 'user', content: PUBLIC_QUESTION },
    ],
  });
  assert.equal(res.model, 'ollama/llama3.2');
  assert.ok(sims.local.receivedText().includes('TCP and UDP'));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
});

test('a provider failing after the stream started: the SDK raises the Airlock error from an in-stream error chunk', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  for (const s of sims.all) s.setDefault({ kind: 'error-mid-stream', afterChunks: 3, chunks: 8 });
  const stream = await sdk(base, key).chat.completions.create({ model: 'airlock/auto', stream: true, messages: [{ role: 'user', content: PUBLIC_QUESTION }] });
  let text = '';
  const err = await (async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  })().catch((e: unknown) => e);
  assert.ok(err instanceof OpenAI.APIError, `raised: ${String(err)}; text so far ${JSON.stringify(text)}`);
  assert.match(err.message, /Airlock AIRLOCK_E_PROVIDER/);
  assert.ok(text.length > 0, 'some text had streamed: the error came inside the stream, not as the HTTP status');
});
