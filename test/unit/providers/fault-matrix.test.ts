// The fault matrix for the newer provider kinds — Gemini, Vertex AI, Mistral, Cohere, Bedrock — through execute() (the
// route's real retry and fallback logic) against their simulators, as test/unit/route/exec-faults.test.ts does for
// OpenAI, Azure, Anthropic and Ollama. Each kind is the first candidate with one more model of the same class behind
// it (private: the Azure deployment; hosted: Anthropic); every case checks the attempts, what the user got, and that
// no simulator outside the allowed class received a request: fallback never leaves the class.
// Region not enabled is played where a provider has regions (Gemini, Vertex AI, Bedrock); Mistral and Cohere serve one
// global endpoint. Mistral's API has no content filter (its `safe_prompt` only adds a system prompt), so it has no
// "content filtered" case.
import assert from 'node:assert/strict';
import { serviceAccountFile } from '../../helpers/providers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CatalogueModel, ProviderConfig } from '../../../protocol';
import { createAdapter, type ProviderAdapter } from '../../../daemon/providers';
import { startBedrockSim, startCohereSim, startGeminiSim, startMistralSim, startVertexSim, type Behaviour, type SimHandle } from '../../sim';
import { startSims, type Sims } from '../../helpers/sims';
import { API_KEY, generations, MODELS, plannedRecord, providerConfigs, run, testDeps } from '../route/exec-helpers';

const PROJECT = 'airlock-faults';
const EMAIL = `faults@${PROJECT}.iam.gserviceaccount.com`;
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';

let sims: Sims;
let own: Record<'gemini' | 'vertex' | 'mistral' | 'cohere' | 'bedrock' | 'optIn', SimHandle>;
let dir: string;
const saved = { ...process.env };
const configs: ProviderConfig[] = [];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'airlock-faults-'));
  Object.assign(process.env, { HOME: dir, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  const saFile = path.join(dir, 'sa.json');
  const account = serviceAccountFile(saFile, PROJECT, EMAIL);
  // Loaded here: a cold SDK load on a busy machine is not what these tests measure.
  await Promise.all([import('@google/genai'), import('google-auth-library'), import('cohere-ai'), import('@aws-sdk/client-bedrock-runtime'), import('@aws-sdk/credential-providers')]);
  const [s, gemini, vertex, mistral, cohere, bedrock, optIn] = await Promise.all([
    startSims(undefined, { apiKey: API_KEY }),
    startGeminiSim({ apiKey: API_KEY }),
    startVertexSim({ project: PROJECT, locations: ['europe-west4'], serviceAccount: account }),
    startMistralSim({ apiKey: API_KEY }),
    startCohereSim({ apiKey: API_KEY }),
    startBedrockSim({ region: 'eu-central-1' }),
    // An opt-in region this account has not enabled: the service does not know its credentials there.
    startBedrockSim({ region: 'eu-south-2', accessKeyId: 'AKIAOTHERACCOUNT0000' }),
  ]);
  sims = s;
  own = { gemini, vertex, mistral, cohere, bedrock, optIn };
  const vertexConfig = (name: string, location: string): ProviderConfig => ({ name, kind: 'vertex', baseUrl: vertex.url, vertex: { project: PROJECT, location, credentialsFile: saFile, tokenUrl: `${vertex.url}/token` } });
  configs.push(
    ...providerConfigs(sims),
    { name: 'gemini', kind: 'gemini', baseUrl: gemini.url },
    vertexConfig('vertex-eu', 'europe-west4'),
    // A location that does not serve the model.
    vertexConfig('vertex-me', 'me-central2'),
    { name: 'mistral', kind: 'mistral', baseUrl: `${mistral.url}/v1` },
    { name: 'cohere', kind: 'cohere', baseUrl: cohere.url },
    { name: 'bedrock-eu', kind: 'bedrock', region: 'eu-central-1', baseUrl: bedrock.url },
    { name: 'bedrock-es', kind: 'bedrock', region: 'eu-south-2', baseUrl: optIn.url },
  );
});
after(async () => {
  await Promise.all([sims.close(), ...Object.values(own).map((s) => s.close())]);
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

function deps() {
  // Bedrock signs with SigV4 from the environment: no Bedrock API key for it.
  const adapters = new Map<string, ProviderAdapter>(configs.map((c) => [c.name, createAdapter(c, async () => (c.kind === 'bedrock' ? null : API_KEY))]));
  // Generous timeouts: no case here is about time, and a loaded machine must not turn one into a timeout.
  return testDeps(sims, { adapters: (name) => adapters.get(name)!, timeouts: { firstTokenMs: 30_000, idleMs: 30_000 } });
}

const model = (base: CatalogueModel, id: string, provider: string, name: string): CatalogueModel => ({ ...base, id, provider, model: name });

interface Kind {
  kind: string;
  provider: string;
  sim: () => SimHandle;
  model: CatalogueModel;
  /** The model the provider does not have. */
  missing: string;
  /** The same model where the region is not enabled, and the failure that makes. */
  region?: { model: CatalogueModel; failure: string; message: RegExp };
  /** How this provider's filter stops an answer before any text; absent where the API has none. */
  filteredBefore?: Behaviour;
  /** Its answer's prefix, as the simulator writes it. */
  answer: string;
}

const priv = MODELS.azure;
const hosted = MODELS.claude;
const COHERE_BLOCKED = 'blocked output: please adjust your prompt and try again, as this generation may be a potential violation of our Usage Guidelines (https://docs.cohere.ai/usage-guidelines/).';

const KINDS: Kind[] = [
  {
    kind: 'gemini', provider: 'gemini', sim: () => own.gemini, model: model(hosted, 'gemini/flash', 'gemini', 'gemini-2.5-flash'), missing: 'gemini-0.9-nonexistent', answer: 'sim-gemini: ',
    region: { model: model(hosted, 'gemini/flash', 'gemini', 'gemini-2.5-flash'), failure: 'bad-request', message: /User location is not supported.*region not enabled/ },
    filteredBefore: { kind: 'filtered', afterChunks: 0 },
  },
  {
    kind: 'vertex', provider: 'vertex-eu', sim: () => own.vertex, model: model(priv, 'vertex-eu/flash', 'vertex-eu', 'gemini-2.5-flash'), missing: 'gemini-0.9-nonexistent', answer: 'sim-vertex: ',
    region: { model: model(priv, 'vertex-me/flash', 'vertex-me', 'gemini-2.5-flash'), failure: 'not-found', message: /Publisher Model .*locations\/me-central2.* was not found/ },
    filteredBefore: { kind: 'filtered', afterChunks: 0 },
  },
  { kind: 'mistral', provider: 'mistral', sim: () => own.mistral, model: model(hosted, 'mistral/small', 'mistral', 'mistral-small-latest'), missing: 'mistral-nonexistent', answer: 'sim-mistral: ' },
  {
    kind: 'cohere', provider: 'cohere', sim: () => own.cohere, model: model(hosted, 'cohere/command-a', 'cohere', 'command-a-03-2025'), missing: 'command-nonexistent', answer: 'sim-cohere: ',
    filteredBefore: { kind: 'status', status: 400, message: COHERE_BLOCKED },
  },
  {
    kind: 'bedrock', provider: 'bedrock-eu', sim: () => own.bedrock, model: model(priv, 'bedrock-eu/haiku', 'bedrock-eu', 'anthropic.claude-3-haiku-20240307-v1:0'), missing: 'anthropic.claude-nonexistent-v1:0', answer: 'sim-bedrock: ',
    region: { model: model(priv, 'bedrock-es/haiku', 'bedrock-es', 'anthropic.claude-3-haiku-20240307-v1:0'), failure: 'auth', message: /UnrecognizedClientException.*opt-in region not enabled/ },
    filteredBefore: { kind: 'filtered', afterChunks: 0 },
  },
];

async function reset(): Promise<void> {
  await sims.reset();
  for (const s of Object.values(own)) s.reset();
}

const outcomes = (attempts: { outcome: string; errorCode?: string; httpStatus?: number; provider: string }[]): string[] =>
  attempts.map((a) => [a.provider, a.outcome, a.errorCode, a.httpStatus].filter((x) => x !== undefined).join(':'));

/** No simulator outside the allowed class got a generation request (the OpenAI one serves Azure's private path too). */
function stayedInClass(k: Kind): void {
  const cls = k.model.class;
  const privateSims = [own.vertex, own.bedrock, own.optIn];
  const hostedSims = [own.gemini, own.mistral, own.cohere, sims.anthropic];
  const outside = cls === 'private' ? hostedSims : privateSims;
  assert.deepEqual([sims.local, ...outside].map(generations), new Array(outside.length + 1).fill(0), `a simulator outside class ${cls} received a request`);
  const openaiPaths = sims.openai.received.filter((r) => r.method === 'POST').map((r) => r.path);
  if (cls === 'private') assert.ok(openaiPaths.every((p) => p.startsWith('/openai/deployments/')), `the hosted OpenAI API was asked: ${openaiPaths.join(', ')}`);
  else assert.deepEqual(openaiPaths, [], 'the private Azure deployment was asked for a hosted request');
}

/** The candidates: the kind under test, then one more model of its class. */
const candidates = (k: Kind, first = k.model): CatalogueModel[] => [first, k.model.class === 'private' ? priv : hosted];
const fallbackProvider = (k: Kind): string => (k.model.class === 'private' ? 'azure-eu' : 'anthropic');

for (const k of KINDS) {
  test(`${k.kind}: throttled with a retry hint waits what it asked, then the same model answers`, async () => {
    await reset();
    k.sim().script({ kind: 'status', status: 429, retryAfterSeconds: 2 });
    const d = deps();
    const models = candidates(k);
    const r = await run(d, { record: plannedRecord(k.model.class, models), models });
    assert.equal(r.record.status, 'ok');
    assert.deepEqual(outcomes(r.record.attempts), [`${k.provider}:error:rate-limited:429`, `${k.provider}:ok`]);
    assert.deepEqual(d.slept, [2000]);
    assert.ok(r.text.startsWith(k.answer), r.text);
    assert.ok(r.record.tokens && r.record.tokens.input > 0 && r.record.tokens.output > 0, 'usage reached the record');
    stayedInClass(k);
  });

  test(`${k.kind}: an auth error is not retried; the next model of the class answers`, async () => {
    await reset();
    k.sim().setDefault({ kind: 'status', status: k.kind === 'bedrock' ? 403 : 401 });
    const models = candidates(k);
    const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
    assert.equal(r.record.status, 'ok');
    assert.match(outcomes(r.record.attempts)[0]!, new RegExp(`^${k.provider}:error:auth:40[13]$`));
    assert.equal(r.record.attempts[1]?.provider, fallbackProvider(k));
    assert.equal(r.record.fallbacks, 1);
    stayedInClass(k);
  });

  test(`${k.kind}: a stream cut mid-answer keeps what arrived, with no retry and no fallback`, async () => {
    await reset();
    k.sim().script({ kind: 'reset-mid-stream', afterChunks: 2, chunks: 3 });
    const models = candidates(k);
    const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
    assert.equal(r.record.status, 'error');
    assert.deepEqual(outcomes(r.record.attempts), [`${k.provider}:error:reset`]);
    assert.ok(r.text.startsWith(k.answer) && r.text.length < `${k.answer}Explain TCP slow start briefly`.length, r.text);
    assert.match(r.record.error?.message ?? '', /partial answer is kept/);
    stayedInClass(k);
  });

  test(`${k.kind}: an unknown model is not-found; the next model of the class answers`, async () => {
    await reset();
    const missing = { ...k.model, id: `${k.provider}/missing`, model: k.missing };
    const models = candidates(k, missing);
    const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
    assert.equal(r.record.status, 'ok');
    assert.match(outcomes(r.record.attempts)[0]!, new RegExp(`^${k.provider}:error:not-found`));
    assert.equal(r.record.attempts[1]?.provider, fallbackProvider(k));
    stayedInClass(k);
  });

  test(`${k.kind}: every model of the class failing ends in an error, and nothing is sent outside the class`, async () => {
    await reset();
    k.sim().setDefault({ kind: 'status', status: 503 });
    (k.model.class === 'private' ? sims.openai : sims.anthropic).setDefault({ kind: 'status', status: 401 });
    const models = candidates(k);
    const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
    assert.equal(r.record.status, 'error');
    assert.equal(r.record.error?.code, 'AIRLOCK_E_PROVIDER');
    assert.deepEqual(outcomes(r.record.attempts).map((o) => o.split(':').slice(0, 3).join(':')), [`${k.provider}:error:server`, `${k.provider}:error:server`, `${k.provider}:error:server`, `${fallbackProvider(k)}:error:auth`]);
    stayedInClass(k);
  });

  const region = k.region;
  if (region) {
    test(`${k.kind}: a region that is not enabled says so (${region.failure}); the next model of the class answers`, async () => {
      await reset();
      if (k.kind === 'gemini') k.sim().script({ kind: 'status', status: 400, message: 'User location is not supported for the API use.' });
      const models = candidates(k, region.model);
      const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
      assert.equal(r.record.status, 'ok');
      assert.equal(r.record.attempts[0]?.errorCode, region.failure);
      assert.match(r.record.attempts[0]?.message ?? '', region.message);
      assert.equal(r.record.attempts[1]?.provider, fallbackProvider(k));
      stayedInClass(k);
    });
  }

  const filteredBefore = k.filteredBefore;
  if (filteredBefore) {
    test(`${k.kind}: content filtered before any text is recorded as such; another model of the class may answer`, async () => {
      await reset();
      k.sim().script(filteredBefore);
      const models = candidates(k);
      const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
      assert.equal(r.record.status, 'ok');
      assert.match(outcomes(r.record.attempts)[0]!, new RegExp(`^${k.provider}:error:bad-request`));
      assert.match(r.record.attempts[0]?.message ?? '', new RegExp(`^${k.provider}: content filtered: `));
      assert.equal(r.record.attempts[1]?.provider, fallbackProvider(k));
      stayedInClass(k);
    });
  }

  if (filteredBefore?.kind === 'filtered') {
    test(`${k.kind}: content filtered after text: the user keeps it, the record says content filtered, no other model`, async () => {
      await reset();
      k.sim().script({ kind: 'filtered', afterChunks: 1, chunks: 3 });
      const models = candidates(k);
      const r = await run(deps(), { record: plannedRecord(k.model.class, models), models });
      assert.equal(r.record.status, 'error');
      assert.deepEqual(outcomes(r.record.attempts), [`${k.provider}:error:bad-request`]);
      assert.match(r.record.error?.message ?? '', /content filtered/);
      assert.ok(r.text.startsWith(k.answer), r.text);
      stayedInClass(k);
    });
  }
}
