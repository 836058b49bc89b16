// Images for Gemini, Vertex AI, Bedrock, Mistral and Cohere: each adapter sends a turn's images in its provider's exact
// wire format (the simulators refuse a malformed image part as the real APIs do, and record every byte), and through
// execute() an image reaches only a model tagged `vision`. The shipped presets keep image requests local (an image
// cannot be scanned); here the planned record already allows the private or hosted class, as a policy that allows
// images there would (endpoint-images.test.ts covers the presets).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CatalogueModel, ProviderConfig } from '../../../protocol';
import { createAdapter, type ProviderAdapter, type StreamRequest } from '../../../daemon/providers';
import type { ImageInput } from '../../../daemon/providers/types';
import { startBedrockSim, startCohereSim, startGeminiSim, startMistralSim, startVertexSim, type SimHandle } from '../../sim';
import { startSims, type Sims } from '../../helpers/sims';
import { failure, serviceAccountFile } from '../../helpers/providers';
import { API_KEY, MODELS, plannedRecord, run, testDeps } from '../route/exec-helpers';

/** A 1×1 PNG and a 1×1 JPEG's first bytes (any base64 will do for the wire; these are real headers). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const JPEG = '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=';
const IMAGES: ImageInput[] = [{ mediaType: 'image/png', data: PNG }, { mediaType: 'image/jpeg', data: JPEG }];
const PROJECT = 'airlock-vision';
const EMAIL = `vision@${PROJECT}.iam.gserviceaccount.com`;

let sims: Sims;
let own: Record<'gemini' | 'vertex' | 'bedrock' | 'mistral' | 'cohere', SimHandle>;
let dir: string;
const saved = { ...process.env };
const configs: Record<string, ProviderConfig> = {};

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-vision-'));
  Object.assign(process.env, { HOME: dir, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  const saFile = path.join(dir, 'sa.json');
  const account = serviceAccountFile(saFile, PROJECT, EMAIL);
  await Promise.all([import('@google/genai'), import('google-auth-library'), import('cohere-ai'), import('@aws-sdk/client-bedrock-runtime'), import('@aws-sdk/credential-providers')]);
  const [s, gemini, vertex, bedrock, mistral, cohere] = await Promise.all([
    startSims(undefined, { apiKey: API_KEY }),
    startGeminiSim({ apiKey: API_KEY }),
    startVertexSim({ project: PROJECT, serviceAccount: account }),
    startBedrockSim({ region: 'eu-central-1' }),
    startMistralSim({ apiKey: API_KEY, models: ['mistral-small-latest', 'pixtral-large-latest'] }),
    startCohereSim({ apiKey: API_KEY, models: ['command-a-03-2025', 'command-a-vision-07-2025'] }),
  ]);
  sims = s;
  own = { gemini, vertex, bedrock, mistral, cohere };
  Object.assign(configs, {
    gemini: { name: 'gemini', kind: 'gemini', baseUrl: gemini.url },
    vertex: { name: 'vertex-eu', kind: 'vertex', baseUrl: vertex.url, vertex: { project: PROJECT, location: 'europe-west4', credentialsFile: saFile, tokenUrl: `${vertex.url}/token` } },
    bedrock: { name: 'bedrock-eu', kind: 'bedrock', region: 'eu-central-1', baseUrl: bedrock.url },
    mistral: { name: 'mistral', kind: 'mistral', baseUrl: `${mistral.url}/v1` },
    cohere: { name: 'cohere', kind: 'cohere', baseUrl: cohere.url },
  } satisfies Record<string, ProviderConfig>);
});
after(async () => {
  await Promise.all([sims.close(), ...Object.values(own).map((x) => x.close())]);
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

const adapter = (c: ProviderConfig): ProviderAdapter => createAdapter(c, async () => (c.kind === 'bedrock' ? null : API_KEY));
const request = (model: string, images: ImageInput[] = IMAGES): StreamRequest => ({
  model, signal: new AbortController().signal,
  messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'What is in these pictures?', images }],
});
const body = (sim: SimHandle): Record<string, unknown> => JSON.parse(sim.received.filter((r) => r.method === 'POST' && !r.path.startsWith('/token')).at(-1)!.body.toString('utf8')) as Record<string, unknown>;

async function answer(c: ProviderConfig, model: string, images?: ImageInput[]): Promise<string> {
  const pieces: string[] = [];
  await adapter(c).stream(request(model, images), (d) => pieces.push(d));
  return pieces.join('');
}

for (const kind of ['gemini', 'vertex'] as const) {
  test(`${kind}: images go as inlineData parts (MIME type and the same base64 bytes) after the turn's text`, async () => {
    own[kind].reset();
    assert.match(await answer(configs[kind]!, 'gemini-2.5-flash'), /^sim-(gemini|vertex): What is in these pictures\?/);
    const contents = body(own[kind]).contents as { role: string; parts: unknown[] }[];
    assert.deepEqual(contents, [{ role: 'user', parts: [{ text: 'What is in these pictures?' }, { inlineData: { mimeType: 'image/png', data: PNG } }, { inlineData: { mimeType: 'image/jpeg', data: JPEG } }] }]);
  });
}

test('bedrock: images go as Converse image blocks (format, source.bytes base64 on the wire) after the text', async () => {
  own.bedrock.reset();
  assert.match(await answer(configs.bedrock!, 'anthropic.claude-3-haiku-20240307-v1:0'), /^sim-bedrock: What is in these pictures\?/);
  assert.deepEqual(body(own.bedrock).messages, [{ role: 'user', content: [{ text: 'What is in these pictures?' }, { image: { format: 'png', source: { bytes: PNG } } }, { image: { format: 'jpeg', source: { bytes: JPEG } } }] }]);
});

test('bedrock: an image type Converse does not take is refused before anything is sent', async () => {
  own.bedrock.reset();
  const err = await failure(adapter(configs.bedrock!).stream(request('anthropic.claude-3-haiku-20240307-v1:0', [{ mediaType: 'image/bmp', data: 'Qk0=' }]), () => {}));
  assert.equal(err.failure, 'bad-request');
  assert.match(err.message, /png, jpeg, gif or webp images, not image\/bmp/);
  assert.equal(own.bedrock.receivedBytes().length, 0);
});

test('mistral: images go as image_url chunks holding a base64 data URL, after the text', async () => {
  own.mistral.reset();
  assert.match(await answer(configs.mistral!, 'pixtral-large-latest'), /^sim-mistral: What is in these pictures\?/);
  const messages = body(own.mistral).messages as unknown[];
  assert.deepEqual(messages.at(-1), { role: 'user', content: [{ type: 'text', text: 'What is in these pictures?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }, { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG}` } }] });
});

test('cohere: images go as v2 image_url content blocks holding a base64 data URI, after the text', async () => {
  own.cohere.reset();
  assert.match(await answer(configs.cohere!, 'command-a-vision-07-2025'), /^sim-cohere: What is in these pictures\?/);
  const messages = body(own.cohere).messages as unknown[];
  assert.deepEqual(messages, [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'What is in these pictures?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }, { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG}` } }] },
  ]);
});

test('without images every adapter still sends plain text turns (no empty image parts)', async () => {
  for (const s of Object.values(own)) s.reset();
  await answer(configs.gemini!, 'gemini-2.5-flash', []);
  await answer(configs.bedrock!, 'anthropic.claude-3-haiku-20240307-v1:0', []);
  await answer(configs.cohere!, 'command-a-03-2025', []);
  assert.deepEqual(body(own.gemini).contents, [{ role: 'user', parts: [{ text: 'What is in these pictures?' }] }]);
  assert.deepEqual(body(own.bedrock).messages, [{ role: 'user', content: [{ text: 'What is in these pictures?' }] }]);
  assert.deepEqual((body(own.cohere).messages as unknown[]).at(-1), { role: 'user', content: 'What is in these pictures?' });
});

const model = (base: CatalogueModel, id: string, provider: string, name: string, vision: boolean): CatalogueModel => ({ ...base, id, provider, model: name, capabilities: vision ? ['vision'] : [] });

function deps() {
  const adapters = new Map<string, ProviderAdapter>(Object.values(configs).map((c) => [c.name, adapter(c)]));
  return testDeps(sims, { adapters: (name) => adapters.get(name)!, timeouts: { firstTokenMs: 30_000, idleMs: 30_000 } });
}

test('private class allowed for images: the image skips Bedrock (not tagged vision) and goes to Vertex AI (tagged), nothing else is asked', async () => {
  for (const s of Object.values(own)) s.reset();
  await sims.reset();
  const models = [model(MODELS.azure, 'bedrock-eu/haiku', 'bedrock-eu', 'anthropic.claude-3-haiku-20240307-v1:0', false), model(MODELS.azure, 'vertex-eu/flash', 'vertex-eu', 'gemini-2.5-flash', true)];
  const r = await run(deps(), { record: plannedRecord('private', models), models, images: [IMAGES[0]!], text: 'Describe this diagram' });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(r.record.attempts.map((a) => a.modelId), ['vertex-eu/flash']);
  assert.equal(own.bedrock.receivedBytes().length, 0, 'a model not tagged vision received the request');
  assert.ok(own.vertex.receivedText().includes(PNG), 'the vision model received the image bytes');
  for (const s of [own.gemini, own.mistral, own.cohere, ...sims.all]) assert.equal(s.receivedBytes().length, 0);
});

test('hosted class allowed for images: Mistral and Cohere vision models get it in turn when the first fails; the non-vision one never', async () => {
  for (const s of Object.values(own)) s.reset();
  await sims.reset();
  own.mistral.script({ kind: 'status', status: 503 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503 });
  const models = [
    model(MODELS.claude, 'gemini/flash', 'gemini', 'gemini-2.5-flash', false),
    model(MODELS.claude, 'mistral/pixtral', 'mistral', 'pixtral-large-latest', true),
    model(MODELS.claude, 'cohere/vision', 'cohere', 'command-a-vision-07-2025', true),
  ];
  const r = await run(deps(), { record: plannedRecord('hosted', models), models, images: [IMAGES[1]!], text: 'Describe this photo' });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual([...new Set(r.record.attempts.map((a) => a.modelId))], ['mistral/pixtral', 'cohere/vision']);
  assert.equal(own.gemini.receivedBytes().length, 0, 'a model not tagged vision received the request');
  assert.ok(own.mistral.receivedText().includes(JPEG) && own.cohere.receivedText().includes(JPEG));
  for (const s of [own.vertex, own.bedrock, ...sims.all]) assert.equal(s.receivedBytes().length, 0);
});
