// Embeddings on the OpenAI (`POST /v1/embeddings`) and Ollama (`POST /api/embed`) surfaces, with the official `openai`
// and `ollama` clients against a real daemon and the recording simulators: routed like any prompt through the one
// decision path, local by default, one record per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { simEmbedding } from '../../sim/reply';
import { assertNoCanary, PRIVATE_KEY, PUBLIC_QUESTION, SECRET_AND_CODE, startEndpoint } from '../../helpers/endpoint';

const sdk = (base: string, apiKey: string) => new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0 });

test('openai SDK: a secret embeds on the local simulator, hosted ones get 0 bytes; base64 vectors decode exactly; one record', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  // The SDK asks for base64 unless told otherwise, and decodes it itself.
  const res = await sdk(base, key).embeddings.create({ model: 'text-embedding-3-small', input: [SECRET_AND_CODE.text, PUBLIC_QUESTION] });
  assert.equal(res.data.length, 2);
  assert.deepEqual(res.data[1]?.embedding, simEmbedding(PUBLIC_QUESTION), 'the vectors the local simulator made, in order');
  assert.equal(res.model, 'ollama/nomic-embed-text');
  const sent = JSON.parse(sims.local.received[0]!.body.toString()) as { model: string; input: string[] };
  assert.equal(sims.local.received[0]?.path, '/api/embed');
  assert.equal(sent.model, 'nomic-embed-text');
  assert.equal(sent.input.length, 2);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assertNoCanary(sims, SECRET_AND_CODE.canaries);
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records.length, 1, 'one decision record per request');
  assert.equal(records[0]?.facts.surface, 'openai');
  assert.equal(records[0]?.route.target, 'local');
  assert.equal(records[0]?.status, 'ok');
  assert.equal(records[0]?.attempts[0]?.modelId, 'ollama/nomic-embed-text');
  assert.ok(!JSON.stringify(records[0]).includes(SECRET_AND_CODE.canaries[0]!), 'the record never keeps the raw secret');
});

test('embeddings are local by default: a public text allowed hosted still embeds locally; float format as asked', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const res = await sdk(base, key).embeddings.create({ model: 'text-embedding-3-small', input: PUBLIC_QUESTION, encoding_format: 'float' });
  assert.deepEqual(res.data[0]?.embedding, simEmbedding(PUBLIC_QUESTION));
  assert.equal(sims.local.received.length, 1);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.received.length, 0);
});

test('local embedder down: a public text falls back to a provider the policy allows; a secret is refused, nothing hosted', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t);
  await sims.local.down();
  const res = await sdk(base, key).embeddings.create({ model: 'x', input: PUBLIC_QUESTION });
  assert.deepEqual(res.data[0]?.embedding, simEmbedding(PUBLIC_QUESTION));
  // Balanced allows hosted for a public prompt; of the accepted models, the private class comes before hosted.
  const used = [sims.privateEu, sims.openai].filter((s) => s.received.length > 0);
  assert.equal(used.length, 1);
  assert.equal(used[0]!.received[0]?.path, '/v1/embeddings');
  for (const s of sims.all) s.reset();
  const err = await sdk(base, key).embeddings.create({ model: 'x', input: SECRET_AND_CODE.text }).catch((e: unknown) => e);
  assert.ok(err instanceof OpenAI.APIError, String(err));
  assert.equal(err.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  assert.match(err.message, /ollama serve/);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records.length, 2);
});

test('ollama client: embed a secret locally; blocked under strict with the Airlock message; token arrays refused', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  const res = await ollama.embed({ model: 'nomic-embed-text', input: SECRET_AND_CODE.text });
  assert.deepEqual(res.embeddings, [simEmbedding(SECRET_AND_CODE.text)]);
  assert.equal(res.model, 'ollama/nomic-embed-text');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  const legacy = await ollama.embeddings({ model: 'nomic-embed-text', prompt: PUBLIC_QUESTION });
  assert.deepEqual(legacy.embedding, simEmbedding(PUBLIC_QUESTION));
  const tokens = await fetch(`${base}/v1/embeddings`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ model: 'x', input: [[1, 2, 3]] }) });
  assert.equal(tokens.status, 400);
  assert.match(((await tokens.json()) as { error: { message: string } }).error.message, /token arrays cannot be scanned/);
});

test('a blocked embeddings request: the ollama client raises the Airlock message, nothing is sent anywhere', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'strict');
  const ollama = new Ollama({ host: `${base}/k/${key}` });
  const err = await ollama.embed({ model: 'nomic-embed-text', input: ['fine', PRIVATE_KEY] }).catch((e: unknown) => e);
  assert.match(String((err as Error).message), /Airlock AIRLOCK_E_BLOCKED: .*Fix: /);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
});

test('a rule that redacts: each input is redacted as planned before it leaves the machine (strict: personal data → private)', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t, 'strict');
  await sims.local.down();
  const inputs = ['Write a polite reminder about the unpaid invoice.', 'Send it to margarethe.quellwasser@example.org today.'];
  const res = await sdk(base, key).embeddings.create({ model: 'x', input: inputs });
  assert.equal(res.data.length, 2);
  const sent = JSON.parse(sims.privateEu.received[0]!.body.toString()) as { input: string[] };
  assert.equal(sent.input.length, 2, 'one text per input, still separate');
  assert.equal(sent.input[0], inputs[0]);
  assert.match(sent.input[1]!, /^Send it to \[EMAIL_1\] today\.$/);
  for (const s of sims.all) assert.ok(!s.receivedText().includes('quellwasser'), 'the address never left the machine');
  const { records } = await (await daemon.client()).request('decision/list', {});
  assert.equal(records[0]?.route.target, 'private');
  assert.deepEqual(records[0]?.redactions.map((r) => r.type), ['email']);
  assert.ok(records[0]!.redactions[0]!.start > inputs[0]!.length, 'the span is in the joined text, after the first input');
});
