// The Gemini API and Vertex AI adapters (through the official @google/genai SDK) against their simulators: the wire
// they send, streaming, tools, usage, every error kind, cancellation, and Vertex's Application Default Credentials
// from a service-account file (a throwaway RSA key), gcloud user credentials and the metadata server.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ProviderConfig } from '../../../protocol';
import { createAdapter } from '../../../daemon/providers';
import type { KeyLookup, ProviderAdapter, StreamRequest } from '../../../daemon/providers';
import { startGeminiSim, startVertexSim, type SimHandle, type VertexSimHandle } from '../../sim';
import { within } from '../../helpers/bounded';
import { failure } from '../../helpers/providers';

const KEY = 'AIza-sim-test-key';
const PROJECT = 'sim-project-42';
const EMAIL = 'airlock-test@sim-project-42.iam.gserviceaccount.com';
const USER = { clientId: 'sim-client.apps.googleusercontent.com', clientSecret: 'sim-secret', refreshToken: '1//sim-refresh' };

let gemini: SimHandle;
let vertex: VertexSimHandle;
let dir: string;
let saFile: string;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function writeJson(name: string, value: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function serviceAccount(key = privateKey): Record<string, unknown> {
  return { type: 'service_account', project_id: PROJECT, private_key_id: 'sim-key-1', private_key: key.export({ type: 'pkcs8', format: 'pem' }), client_email: EMAIL, client_id: '1234567890', token_uri: 'https://oauth2.googleapis.com/token' };
}

before(async () => {
  // Loaded here: a cold SDK load on a busy machine is not what these tests measure.
  await Promise.all([import('@google/genai'), import('google-auth-library')]);
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-google-'));
  saFile = writeJson('sa.json', serviceAccount());
  [gemini, vertex] = await Promise.all([
    startGeminiSim({ apiKey: KEY }),
    startVertexSim({ project: PROJECT, locations: ['europe-west4'], serviceAccount: { email: EMAIL, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string }, user: USER }),
  ]);
});
after(async () => {
  await Promise.all([gemini.close(), vertex.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const keys: KeyLookup = async () => KEY;

function geminiAdapter(lookup = keys): ProviderAdapter {
  return createAdapter({ name: 'gemini', kind: 'gemini', baseUrl: gemini.url, apiKeyEnv: 'SIM_GEMINI_KEY' }, lookup);
}

function vertexConfig(vertexFields: Partial<NonNullable<ProviderConfig['vertex']>> = {}): ProviderConfig {
  return { name: 'vertex-eu', kind: 'vertex', baseUrl: vertex.url, vertex: { project: PROJECT, location: 'europe-west4', credentialsFile: saFile, tokenUrl: `${vertex.url}/token`, ...vertexFields } };
}

function vertexAdapter(fields: Partial<NonNullable<ProviderConfig['vertex']>> = {}): ProviderAdapter {
  return createAdapter(vertexConfig(fields), async () => null);
}

function request(model = 'gemini-2.5-flash', signal = new AbortController().signal): StreamRequest {
  return { model, messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Name three prime numbers please' }, { role: 'assistant', content: 'Sure.' }, { role: 'user', content: 'Go on then' }], signal };
}

async function collect(a: ProviderAdapter, req: StreamRequest): Promise<{ text: string; pieces: number; usage: unknown; finishReason: string | null }> {
  const pieces: string[] = [];
  const result = await a.stream(req, (d) => pieces.push(d));
  return { text: pieces.join(''), pieces: pieces.length, usage: result.usage, finishReason: result.finishReason };
}


function lastBody(sim: SimHandle): Record<string, unknown> {
  const last = sim.received.at(-1);
  assert.ok(last);
  return JSON.parse(last.body.toString('utf8')) as Record<string, unknown>;
}

test('gemini streams over SSE with the key in x-goog-api-key, system text as systemInstruction, assistant turns as `model`', async () => {
  gemini.reset();
  const out = await collect(geminiAdapter(), { ...request(), maxTokens: 64 });
  assert.equal(out.text, 'sim-gemini: Go on then');
  assert.ok(out.pieces >= 2, 'streamed in pieces');
  // Words in: "Answer briefly." (2) + 5 + 1 + 3 = 11; out: 4.
  assert.deepEqual(out.usage, { input: 11, output: 4 });
  assert.equal(out.finishReason, 'STOP');
  const got = gemini.received[0];
  assert.equal(got?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
  assert.equal(got?.headers['x-goog-api-key'], KEY);
  const body = lastBody(gemini);
  assert.deepEqual(body.systemInstruction, { parts: [{ text: 'Answer briefly.' }], role: 'user' });
  assert.deepEqual((body.contents as { role: string }[]).map((c) => c.role), ['user', 'model', 'user']);
  assert.deepEqual(body.generationConfig, { maxOutputTokens: 64 });
});

test("gemini ignores the SDK's environment switches (GOOGLE_GENAI_USE_VERTEXAI, GOOGLE_CLOUD_PROJECT): the config decides", async (t) => {
  gemini.reset();
  const saved = { use: process.env.GOOGLE_GENAI_USE_VERTEXAI, project: process.env.GOOGLE_CLOUD_PROJECT };
  t.after(() => {
    for (const [k, v] of [['GOOGLE_GENAI_USE_VERTEXAI', saved.use], ['GOOGLE_CLOUD_PROJECT', saved.project]] as const) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });
  process.env.GOOGLE_GENAI_USE_VERTEXAI = 'true';
  process.env.GOOGLE_CLOUD_PROJECT = 'someone-elses';
  const out = await collect(geminiAdapter(), request());
  assert.equal(out.text, 'sim-gemini: Go on then');
  assert.equal(gemini.received[0]?.path, '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
});

test('gemini and vertex send through the keep-alive transport, never the global fetch', async (t) => {
  gemini.reset();
  const globalFetch = globalThis.fetch;
  let globalCalls = 0;
  globalThis.fetch = (...args) => {
    globalCalls++;
    return globalFetch(...args);
  };
  t.after(() => { globalThis.fetch = globalFetch; });
  const a = geminiAdapter();
  await collect(a, request());
  await collect(a, request());
  assert.equal(globalCalls, 0);
  // One connection for both: the transport keeps it alive.
  const [first, second] = gemini.received.map((r) => r.connection);
  assert.equal(second, first);
  const v = vertexAdapter();
  vertex.reset();
  await collect(v, request());
  // (The token request goes through google-auth-library's own transport, gaxios, which honours HTTPS_PROXY itself.)
  assert.equal(vertex.received.filter((r) => r.path.includes(':streamGenerateContent')).length, 1);
  assert.equal(globalCalls, 0);
});

test('gemini tools: declarations, a forced choice and a JSON schema go out in generateContent terms; calls come back whole', async () => {
  gemini.reset();
  gemini.script({ kind: 'tool-calls', text: 'Looking.', calls: [{ name: 'get_weather', pieces: ['{"city":', '"Oslo"}'] }, { name: 'get_time', pieces: ['{}'] }] });
  const calls: unknown[] = [];
  const parameters = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
  const out = await collect(geminiAdapter(), {
    ...request(),
    tools: { tools: [{ name: 'get_weather', description: 'Weather now', parameters }, { name: 'get_time' }], toolChoice: { name: 'get_weather' }, responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' } } },
    onToolCall: (d) => calls.push(d),
  });
  assert.equal(out.text, 'Looking.');
  assert.deepEqual(calls, [{ index: 0, name: 'get_weather', arguments: '{"city":"Oslo"}' }, { index: 1, name: 'get_time', arguments: '{}' }]);
  const body = lastBody(gemini);
  assert.deepEqual(body.tools, [{ functionDeclarations: [{ name: 'get_weather', description: 'Weather now', parametersJsonSchema: parameters }, { name: 'get_time' }] }]);
  assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] } });
  assert.deepEqual(body.generationConfig, { responseMimeType: 'application/json', responseJsonSchema: { type: 'object' } });
});

test('gemini errors map to failure kinds: RetryInfo becomes the retry hint, a wrong key is auth, a region refusal says so', async () => {
  gemini.reset();
  gemini.script(
    { kind: 'status', status: 429, retryAfterSeconds: 17 },
    { kind: 'status', status: 503 },
    { kind: 'status', status: 401 },
    { kind: 'status', status: 400, message: 'User location is not supported for the API use.' },
    { kind: 'status', status: 400 },
  );
  const limited = await failure(geminiAdapter().stream(request(), () => {}));
  assert.deepEqual([limited.failure, limited.status, limited.retryAfterMs], ['rate-limited', 429, 17_000]);
  assert.match(limited.message, /RESOURCE_EXHAUSTED/);
  const server = await failure(geminiAdapter().stream(request(), () => {}));
  assert.deepEqual([server.failure, server.status], ['server', 503]);
  const auth = await failure(geminiAdapter().stream(request(), () => {}));
  assert.deepEqual([auth.failure, auth.status], ['auth', 401]);
  const region = await failure(geminiAdapter().stream(request(), () => {}));
  assert.deepEqual([region.failure, region.status], ['bad-request', 400]);
  assert.match(region.message, /FAILED_PRECONDITION: User location is not supported.*region not enabled/);
  const bad = await failure(geminiAdapter().stream(request(), () => {}));
  assert.deepEqual([bad.failure, bad.status], ['bad-request', 400]);
  // The real API answers a wrong key with 400 INVALID_ARGUMENT + ErrorInfo API_KEY_INVALID: that is auth, not a bad request.
  const wrong = await failure(geminiAdapter(async () => 'AIza-wrong').stream(request(), () => {}));
  assert.deepEqual([wrong.failure, wrong.status], ['auth', 400]);
  const missing = await failure(geminiAdapter().stream(request('gemini-0-nonexistent'), () => {}));
  assert.deepEqual([missing.failure, missing.status], ['not-found', 404]);
  assert.match(missing.message, /model not found/);
});

test('gemini stream faults: a cut, a broken frame, an in-stream error and a SAFETY stop are told apart', async () => {
  gemini.reset();
  gemini.script({ kind: 'reset-mid-stream', afterChunks: 1 }, { kind: 'malformed-chunk', afterChunks: 1 }, { kind: 'error-mid-stream', afterChunks: 1 }, { kind: 'filtered', afterChunks: 1 });
  const seen: string[] = [];
  const reset = await failure(geminiAdapter().stream(request(), (d) => seen.push(d)));
  assert.equal(reset.failure, 'reset');
  assert.equal(seen.length, 1, 'the chunk before the cut was delivered');
  assert.equal((await failure(geminiAdapter().stream(request(), () => {}))).failure, 'malformed');
  assert.equal((await failure(geminiAdapter().stream(request(), () => {}))).failure, 'server');
  const filtered = await failure(geminiAdapter().stream(request(), () => {}));
  assert.equal(filtered.failure, 'bad-request');
  assert.match(filtered.message, /content filtered.*SAFETY/);
});

test('gemini: no key fails with `auth` naming `airlock keys set` and the env var, sending nothing', async () => {
  gemini.reset();
  // Not a loopback address: a local server may go without a key, a hosted one may not.
  const hosted = createAdapter({ name: 'gemini', kind: 'gemini', baseUrl: 'https://generativelanguage.example', apiKeyEnv: 'SIM_GEMINI_KEY' }, async () => null);
  const err = await failure(hosted.stream(request(), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /airlock keys set gemini/);
  assert.match(err.message, /SIM_GEMINI_KEY/);
  assert.equal(gemini.received.length, 0);
});

test('aborting the signal cancels a gemini and a vertex request', async () => {
  for (const [sim, make] of [[gemini, () => geminiAdapter()], [vertex, () => vertexAdapter()]] as const) {
    sim.reset();
    sim.script({ kind: 'hang' });
    const controller = new AbortController();
    const a = make();
    const pending = a.stream(request('gemini-2.5-flash', controller.signal), () => {});
    const generate = (): number => sim.received.filter((r) => r.path.includes(':stream')).length;
    // Vertex first fetches a token: wait for the generate request itself.
    await within(sim.whenReceived(sim === vertex ? 2 : 1), 'the request to arrive');
    assert.equal(generate(), 1);
    controller.abort();
    const err = await within(failure(pending), 'the aborted request to end');
    assert.equal(err.failure, 'cancelled');
  }
});

test('vertex: a service-account file signs a JWT for the token endpoint; the token is the bearer on the project/location path and is reused', async () => {
  vertex.reset();
  const before = vertex.issued.length;
  const a = vertexAdapter();
  const out = await collect(a, request());
  assert.equal(out.text, 'sim-vertex: Go on then');
  assert.deepEqual(out.usage, { input: 11, output: 4 });
  await collect(a, request());
  const issued = vertex.issued.slice(before);
  assert.deepEqual(issued.map((t) => t.via), ['service-account'], 'one token for both requests');
  const calls = vertex.received.filter((r) => r.path.includes(':streamGenerateContent'));
  assert.equal(calls.length, 2);
  assert.match(calls[0]!.path, new RegExp(`^/v1(beta1)?/projects/${PROJECT}/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent\\?alt=sse$`));
  assert.equal(calls[0]!.headers.authorization, `Bearer ${issued[0]!.token}`);
  // No API key anywhere: Vertex is OAuth only.
  assert.equal(calls[0]!.headers['x-goog-api-key'], undefined);
});

test('vertex: gcloud user credentials (authorized_user) refresh through the token endpoint', async () => {
  vertex.reset();
  const file = writeJson('adc-user.json', { type: 'authorized_user', client_id: USER.clientId, client_secret: USER.clientSecret, refresh_token: USER.refreshToken });
  const out = await collect(vertexAdapter({ credentialsFile: file }), request());
  assert.equal(out.text, 'sim-vertex: Go on then');
  assert.equal(vertex.issued.at(-1)?.via, 'user');
});

test('vertex: credentials that do not work are `auth` and say where credentials are looked for; nothing is generated', async () => {
  vertex.reset();
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const forged = writeJson('forged.json', serviceAccount(other));
  const err = await failure(vertexAdapter({ credentialsFile: forged }).stream(request(), () => {}));
  assert.equal(err.failure, 'auth');
  assert.match(err.message, /Invalid JWT Signature[\s\S]*GOOGLE_APPLICATION_CREDENTIALS/);
  const missing = await failure(vertexAdapter({ credentialsFile: path.join(dir, 'nope.json') }).stream(request(), () => {}));
  assert.equal(missing.failure, 'auth');
  const external = writeJson('external.json', { type: 'external_account', audience: 'x', subject_token_type: 'y', credential_source: { executable: { command: 'touch /tmp/pwned' } } });
  const refused = await failure(vertexAdapter({ credentialsFile: external }).stream(request(), () => {}));
  assert.equal(refused.failure, 'auth');
  assert.match(refused.message, /external_account.*not accepted/);
  assert.equal(vertex.received.filter((r) => r.path.includes(':stream')).length, 0);
});

test('vertex errors: another project is auth (403), a location without the model is not-found, 429 carries RetryInfo', async () => {
  vertex.reset();
  const wrongProject = createAdapter({ ...vertexConfig(), vertex: { ...vertexConfig().vertex!, project: 'someone-elses' } }, async () => null);
  const denied = await failure(wrongProject.stream(request(), () => {}));
  assert.deepEqual([denied.failure, denied.status], ['auth', 403]);
  assert.match(denied.message, /PERMISSION_DENIED: Permission 'aiplatform.endpoints.predict' denied/);
  const region = await failure(vertexAdapter({ location: 'us-central1' }).stream(request(), () => {}));
  assert.deepEqual([region.failure, region.status], ['not-found', 404]);
  assert.match(region.message, /Publisher Model .*us-central1/);
  vertex.script({ kind: 'status', status: 429, retryAfterSeconds: 2 }, { kind: 'filtered', afterChunks: 0 });
  const limited = await failure(vertexAdapter().stream(request(), () => {}));
  assert.deepEqual([limited.failure, limited.retryAfterMs], ['rate-limited', 2000]);
  const filtered = await failure(vertexAdapter().stream(request(), () => {}));
  assert.match(filtered.message, /content filtered/);
});

test('config: a vertex provider needs its project and location; credentialsFile is relative to the config file', async () => {
  const { parseConfig } = await import('../../../daemon/config/load');
  const catalogue = (provider: string) => `providers:\n  - ${provider}\nmodels:\n  - { id: v/g, provider: v, model: gemini-2.5-flash, class: private, contextWindow: 1000, price: { inputPerMTok: 0, outputPerMTok: 0 }, latencyMs: 1, tier: 1, terms: { region: eu, retentionDays: 0, noTraining: true } }\n`;
  const ok = parseConfig(catalogue('{ name: v, kind: vertex, baseUrl: "https://europe-west4-aiplatform.googleapis.com", vertex: { project: my-project-1, location: europe-west4, credentialsFile: keys/sa.json } }'), '/etc/airlock/config.yaml');
  assert.deepEqual(ok.catalogue.providers[0]?.vertex, { project: 'my-project-1', location: 'europe-west4', credentialsFile: path.resolve('/etc/airlock/keys/sa.json') });
  assert.throws(() => parseConfig(catalogue('{ name: v, kind: vertex, baseUrl: "https://europe-west4-aiplatform.googleapis.com" }'), '/etc/airlock/config.yaml'), /vertex: \{ project, location \}/);
  for (const kind of ['gemini', 'mistral', 'cohere']) {
    assert.equal(parseConfig(catalogue(`{ name: v, kind: ${kind}, baseUrl: "https://api.example.com" }`), '/c.yaml').catalogue.providers[0]?.kind, kind);
  }
});

test('docs/config.md: the example entries for Gemini, Vertex AI, Mistral and Cohere are a valid config', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseConfig } = await import('../../../daemon/config/load');
  const doc = readFileSync(path.join(import.meta.dirname, '../../../docs/config.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Gemini, Vertex AI, Mistral and Cohere'));
  const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(yaml, 'the section has a yaml block');
  const config = parseConfig(yaml, '/home/me/.airlock/config.yaml');
  assert.deepEqual(config.catalogue.providers.map((p) => p.kind), ['gemini', 'vertex', 'mistral', 'cohere']);
  assert.equal(config.catalogue.models.length, 4);
});
