// Images through lm/chat (VS Code's chat) against a real daemon and the recording simulators: the same decision path
// as the HTTP surfaces' images. An image cannot be scanned, so the request stays local and only a model tagged
// `vision` gets it; over the size limits nothing is scanned, sent or recorded. lm/models declares image input exactly
// where the policy's plan for an image request accepts a vision model.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { defaultCatalogue } from '../../../daemon/policy/catalogue';
import { loadPolicy } from '../../../daemon/policy/load';
import { lmModels, servesImages } from '../../../daemon/server/handlers/lm-models';
import { AirlockError, LM_IMAGE_LIMITS, type Catalogue } from '../../../protocol';
import { PUBLIC_QUESTION } from '../../helpers/endpoint';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
/** A local model tagged vision (the Ollama simulator serves llama3.2:3b under any catalogue id). */
const VISION = `
  - { id: ollama/llama3.2-vision, provider: ollama, model: 'llama3.2:3b', class: local, capabilities: [vision], contextWindow: 128000, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 300, tier: 3, terms: { region: local, retentionDays: 0, noTraining: true } }`;

async function daemonWithSims(t: TestContext, extra = '') {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced', extra), env: SIM_KEYS });
  return { sims, client: await d.client() };
}

test('lm/chat: a public question with an image stays local on the vision model, which gets the bytes; hosted hear 0 bytes; the record says why', async (t) => {
  const { sims, client } = await daemonWithSims(t, VISION);
  const { record } = await client.request('lm/chat', {
    requestId: 'img1', facts, client: 'vscode-lm',
    messages: [{ role: 'user', text: 'Hello.' }, { role: 'assistant', text: 'Hi.' }, { role: 'user', text: PUBLIC_QUESTION, images: [{ mediaType: 'image/png', data: PNG }] }],
  });
  assert.equal(record.status, 'ok');
  assert.equal(record.route.target, 'local');
  assert.equal(record.rule.id, 'unscanned-stays-local');
  assert.equal(record.facts.images, 1);
  assert.ok(record.signals.some((s) => s.kind === 'scan' && s.type === 'image'));
  assert.equal(record.attempts[0]?.modelId, 'ollama/llama3.2-vision');
  const sent = JSON.parse(sims.local.received.at(-1)!.body.toString('utf8')) as { messages: { images?: string[]; content: string }[] };
  assert.deepEqual(sent.messages.at(-1)!.images, [PNG]);
  assert.ok(sent.messages.at(-1)!.content.includes(PUBLIC_QUESTION));
  for (const s of [...sims.hosted, sims.privateEu]) assert.equal(s.receivedBytes().length, 0);
  assert.ok(!JSON.stringify(record).includes(PNG), 'the record keeps the count, never the image');
});

test('lm/chat: images from several turns (a tool result\'s too) all go, in order', async (t) => {
  const { sims, client } = await daemonWithSims(t, VISION);
  const other = Buffer.from('GIF89a-not-really').toString('base64');
  await client.request('lm/chat', {
    requestId: 'img2', facts,
    messages: [{ role: 'user', text: 'Compare these.', images: [{ mediaType: 'image/png', data: PNG }] }, { role: 'tool', text: 'screenshot', images: [{ mediaType: 'image/gif', data: other }] }],
  });
  const sent = JSON.parse(sims.local.received.at(-1)!.body.toString('utf8')) as { messages: { images?: string[] }[] };
  assert.deepEqual(sent.messages.flatMap((m) => m.images ?? []), [PNG, other]);
});

test('lm/chat: an image and no model tagged vision: AIRLOCK_E_NO_CANDIDATE naming the setting; nothing is sent', async (t) => {
  const { sims, client } = await daemonWithSims(t);
  const err = await client.request('lm/chat', { requestId: 'img3', facts, messages: [{ role: 'user', text: 'What is in this picture?', images: [{ mediaType: 'image/png', data: PNG }] }] }).catch((e: unknown) => e);
  assert.ok(err instanceof AirlockError, String(err));
  assert.equal(err.code, 'AIRLOCK_E_NO_CANDIDATE');
  assert.match(err.message, /tagged vision/);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
});

test('lm/chat: images over the limits are refused with AIRLOCK_E_INPUT_TOO_LARGE, malformed ones with AIRLOCK_E_RPC_PARAMS; nothing sent or recorded', async (t) => {
  const { sims, client } = await daemonWithSims(t, VISION);
  const big = { mediaType: 'image/png', data: Buffer.alloc(LM_IMAGE_LIMITS.maxImageBytes + 1).toString('base64') };
  const refused = async (messages: { role: 'user'; text: string; images: { mediaType: string; data: string }[] }[]) =>
    client.request('lm/chat', { requestId: `big-${messages.length}`, facts, messages }).catch((e: unknown) => e);
  const one = await refused([{ role: 'user', text: 'Describe it.', images: [big] }]);
  assert.ok(one instanceof AirlockError && one.code === 'AIRLOCK_E_INPUT_TOO_LARGE', String(one));
  assert.match(one.message, /image 1 is 5,242,881 bytes; an image may be at most 5 MiB/);
  // Twenty-one small images over three messages: the count is per request.
  const many = await refused(Array.from({ length: 3 }, () => ({ role: 'user' as const, text: 'And this?', images: Array.from({ length: 7 }, () => ({ mediaType: 'image/png', data: PNG })) })));
  assert.ok(many instanceof AirlockError && many.code === 'AIRLOCK_E_INPUT_TOO_LARGE', String(many));
  const url = await refused([{ role: 'user', text: 'Describe it.', images: [{ mediaType: 'image/png', data: 'https://example.org/cat.png' }] }]);
  assert.ok(url instanceof AirlockError && url.code === 'AIRLOCK_E_RPC_PARAMS', String(url));
  assert.match(url.message, /params\.messages\.0\.images\.0\.data/);
  for (const s of sims.all) assert.equal(s.receivedBytes().length, 0);
  assert.deepEqual((await client.request('decision/list', {})).records, []);
});

test('lm/models over a real daemon: image input with a local vision model in the catalogue, none without', async (t) => {
  const withVision = await daemonWithSims(t, VISION);
  assert.deepEqual((await withVision.client.request('lm/models', {})).models.map((m) => [m.id, m.imageInput]), [['airlock-auto', true], ['airlock-local', true], ['airlock-private', true]]);
  const without = await daemonWithSims(t);
  assert.deepEqual((await without.client.request('lm/models', {})).models.map((m) => m.imageInput), [false, false, false]);
});

test('lm/models: image input only where the policy\'s plan for an image request accepts a vision model', () => {
  const balanced = loadPolicy('balanced');
  const localVision: Catalogue = { ...defaultCatalogue, models: defaultCatalogue.models.map((m) => (m.id === 'ollama/llama3.2' ? { ...m, capabilities: [...m.capabilities, 'vision'] } : m)) };
  // The shipped catalogue tags only hosted and private models vision: an image request stays local, where none is.
  assert.equal(servesImages(balanced, defaultCatalogue), false);
  assert.deepEqual(lmModels(balanced, defaultCatalogue).map((m) => m.imageInput), [false, false, false]);
  assert.equal(servesImages(balanced, localVision), true);
  assert.deepEqual(lmModels(balanced, localVision).map((m) => m.imageInput), [true, true, true]);
  assert.equal(lmModels(loadPolicy('local-only'), localVision)[0]!.imageInput, true);
  // A preset without the rule that keeps unscanned requests local would send an image hosted: airlockd blocks it, so
  // no entry may promise images, whatever the catalogue.
  const leaky = { ...balanced, rules: balanced.rules.filter((r) => r.id !== 'unscanned-stays-local') };
  assert.equal(servesImages(leaky, localVision), false);
  assert.equal(servesImages(leaky, localVision, 'local'), false, 'a ceiling does not undo the block');
});
