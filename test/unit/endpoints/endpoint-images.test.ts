// Images on the three surfaces (OpenAI `image_url` parts, Anthropic image blocks, Ollama `images`): an image cannot be
// scanned, so the request counts as unscanned and the shipped presets keep it local; only a model tagged `vision`
// receives it, in its provider's own format; without one the client hears which setting is missing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { PUBLIC_QUESTION, startEndpoint } from '../../helpers/endpoint';

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** A local model tagged vision (the Ollama simulator knows llama3.2:3b). */
const VISION = `
  - id: ollama/llama3.2-vision
    provider: ollama
    model: llama3.2:3b
    class: local
    capabilities: [vision]
    contextWindow: 128000
    price: { inputPerMTok: 0, outputPerMTok: 0 }
    latencyMs: 300
    tier: 3
    terms: { region: local, retentionDays: 0, noTraining: true }`;

const lastMessage = (body: Buffer) => (JSON.parse(body.toString()) as { messages: { images?: string[]; content: string }[] }).messages.at(-1)!;

test('OpenAI image_url: a public question with an image stays local, on the model tagged vision, which gets the image; the record says why', async (t) => {
  const { sims, daemon, key, base } = await startEndpoint(t, 'balanced', VISION);
  const res = await new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: [{ type: 'text', text: PUBLIC_QUESTION }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }],
  });
  assert.equal(res.model, 'ollama/llama3.2', 'the route names the policy\'s first local model…');
  const sent = lastMessage(sims.local.received[0]!.body);
  assert.deepEqual(sent.images, [PNG], '…and the image goes, in Ollama\'s format, to the one tagged vision');
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  const { records } = await (await daemon.client()).request('decision/list', {});
  const r = records[0]!;
  assert.equal(r.facts.images, 1);
  assert.equal(r.route.target, 'local');
  assert.equal(r.rule.id, 'unscanned-stays-local');
  assert.ok(r.signals.some((s) => s.kind === 'scan' && s.type === 'image'));
  assert.equal(r.attempts[0]?.modelId, 'ollama/llama3.2-vision');
});

test('Anthropic image block without a model tagged vision: the SDK raises the Airlock message naming the setting; nothing is sent', async (t) => {
  const { sims, key, base } = await startEndpoint(t);
  const err = await new Anthropic({ baseURL: base, apiKey: key, maxRetries: 0 }).messages.create({
    model: 'airlock/auto', max_tokens: 64,
    messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'text', text: 'What is in this picture?' }] }],
  }).catch((e: unknown) => e);
  assert.ok(err instanceof Anthropic.APIError, String(err));
  assert.match(err.message, /AIRLOCK_E_NO_CANDIDATE.*tagged vision/);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
});

test('Ollama images: chat and generate carry them to the local vision model; an image URL is refused, not fetched', async (t) => {
  const { sims, key, base } = await startEndpoint(t, 'balanced', VISION);
  const ollama = new Ollama({ host: base, headers: { Authorization: `Bearer ${key}` } });
  await ollama.chat({ model: 'airlock/auto', stream: false, messages: [{ role: 'user', content: 'Describe it.', images: [PNG] }] });
  await ollama.generate({ model: 'airlock/auto', stream: false, prompt: 'Describe it.', images: [PNG] });
  assert.deepEqual(sims.local.received.map((r) => lastMessage(r.body).images), [[PNG], [PNG]]);
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  const url = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.org/cat.png' } }] }] }) });
  assert.equal(url.status, 400);
  assert.match(((await url.json()) as { error: { message: string } }).error.message, /does not fetch image URLs/);
  assert.equal(sims.local.received.length, 2);
});

test('the image in each provider\'s own format: OpenAI-compatible image_url data URL, Anthropic base64 image block', async (t) => {
  // Local-class vision models behind the OpenAI- and Anthropic-format simulators (an LM Studio, a local gateway).
  const local = (id: string, provider: string, model: string, latencyMs: number) => `
  - { id: ${id}, provider: ${provider}, model: ${model}, class: local, capabilities: [vision], contextWindow: 128000, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: ${latencyMs}, tier: 3, terms: { region: local, retentionDays: 0, noTraining: true } }`;
  const { sims, key, base } = await startEndpoint(t, 'balanced', local('lan/vision-a', 'private-eu', 'gpt-4o-mini', 100) + local('lan/vision-b', 'anthropic', 'claude-3-5-haiku-20241022', 150));
  sims.privateEu.script({ kind: 'status', status: 500 });
  const res = await new OpenAI({ baseURL: `${base}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({
    model: 'airlock/auto', messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe it.' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }],
  });
  assert.ok(res.choices[0]?.message.content);
  const openaiSent = (JSON.parse(sims.privateEu.received[0]!.body.toString()) as { messages: { content: unknown }[] }).messages.at(-1)!.content;
  assert.deepEqual(openaiSent, [{ type: 'text', text: 'Describe it.' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }]);
  const anthropicSent = (JSON.parse(sims.anthropic.received[0]!.body.toString()) as { messages: { content: unknown }[] }).messages.at(-1)!.content;
  assert.deepEqual(anthropicSent, [{ type: 'text', text: 'Describe it.' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }]);
  assert.equal(sims.local.received.length, 0, 'the Ollama model is not tagged vision');
  assert.equal(sims.openai.received.length, 0);
});
