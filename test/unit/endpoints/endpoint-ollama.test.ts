// The Ollama-compatible surface with the `ollama` npm client pointed at airlockd (key in a header, or in the host
// path for clients that cannot send one), the recording simulators as upstreams.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ollama } from 'ollama';
import { assertNoCanary, PRIVATE_KEY, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint } from '../../helpers/endpoint';

test('chat streams NDJSON; a secret and code stay local; hosted simulators get 0 bytes; the record names the surface', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  sims.local.setDefault({ kind: 'ok', text: 'Rotate that key, then sum with reduce.', chunks: 4 });
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  const parts: string[] = [];
  let done = false;
  for await (const part of await ollama.chat({ model: 'airlock/auto:latest', stream: true, messages: [{ role: 'user', content: SECRET_AND_CODE.text }] })) {
    parts.push(part.message.content);
    if (part.done) done = true;
  }
  assert.ok(done);
  assert.equal(parts.join(''), 'Rotate that key, then sum with reduce.');
  assert.ok(parts.filter(Boolean).length >= 2, 'streamed in pieces');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, SECRET_AND_CODE.canaries);
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records.length, 1);
  assert.equal(records[0]?.facts.surface, 'ollama');
  assert.equal(records[0]?.route.target, 'local');
});

test('key in the host path; a public question via generate goes hosted, non-streaming; version, tags, show', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  sims.openai.setDefault({ kind: 'ok', text: 'TCP is reliable; UDP is not.' });
  const ollama = new Ollama({ host: `${base}/k/${key}` });
  const res = await ollama.generate({ model: 'airlock/auto', prompt: PUBLIC_QUESTION, stream: false });
  assert.equal(res.response, 'TCP is reliable; UDP is not.');
  assert.equal(res.done, true);
  assert.equal(res.model, 'openai/gpt-4o-mini');
  assert.equal(sims.local.received.length, 0);
  assert.ok(sims.openai.receivedText().includes('TCP and UDP'));
  const chat = await ollama.chat({ model: 'airlock/auto', stream: false, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: PUBLIC_QUESTION }] });
  assert.equal(chat.message.content, 'TCP is reliable; UDP is not.');
  assert.ok(sims.openai.receivedText().includes('Be brief.'), 'the system prompt is part of the prompt');
  assert.match((await ollama.version()).version, /^\d+\.\d+\.\d+$/);
  const names = (await ollama.list()).models.map((m) => m.name);
  assert.deepEqual(names, ['airlock/auto', 'ollama/llama3.2', 'private/gpt-4o-mini', 'openai/gpt-4o-mini', 'anthropic/claude-3-5-haiku']);
  assert.ok((await ollama.show({ model: 'ollama/llama3.2' })).capabilities.includes('completion'));
  await assert.rejects(ollama.show({ model: 'nope' }), /AIRLOCK_E_ENDPOINT/);
});

test('fill-in-the-middle: the suffix is scanned too, so code after the cursor keeps a completion local', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  await ollama.generate({ model: 'airlock/auto', prompt: 'const stripe = new Stripe(', suffix: '"sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG");\n', stream: false });
  assert.ok(sims.local.receivedText().includes('FILL_HERE'));
  assertNoCanary(sims, ['sk_live_51Hq8ZcCanaryQ4vT7wX2nB5mK9pL3sR6yD1fG']);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
});

test('blocked, local model down, bad bodies and wrong paths: Ollama errors with the Airlock message; the daemon lives on', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  await assert.rejects(ollama.chat({ model: 'airlock/auto', messages: [{ role: 'user', content: PRIVATE_KEY }] }), (err: Error & { status_code?: number }) => {
    assert.match(err.message, /^Airlock AIRLOCK_E_BLOCKED: .*Fix: /);
    assert.equal(err.status_code, 403);
    return true;
  });
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
  await sims.local.down();
  await assert.rejects(ollama.chat({ model: 'airlock/auto', stream: false, messages: [{ role: 'user', content: SECRET_AND_CODE.text }] }), /AIRLOCK_E_LOCAL_UNAVAILABLE.*ollama serve/);
  assertNoCanary(sims, SECRET_AND_CODE.canaries);
  const post = (path: string, body: string, method = 'POST') => fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${key}` }, ...(method === 'GET' ? {} : { body }) });
  for (const [name, pending, status] of [
    ['not JSON', post('/api/chat', '{'), 400],
    ['no prompt', post('/api/generate', '{"model":"x"}'), 400],
    ['wrong method', post('/api/chat', '', 'GET'), 404],
    ['unknown path', post('/api/pull', '{}'), 404],
  ] as const) {
    const res = await pending;
    assert.equal(res.status, status, name);
    assert.match(((await res.json()) as { error: string }).error, /^Airlock AIRLOCK_E_/, name);
  }
  assert.equal((await ollama.version()).version.length > 0, true);
});
