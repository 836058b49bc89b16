// LEAK over the corpora: every positive secret, every PII item with an identifying value and every code item in
// ../shared/corpora goes through a real airlockd under `balanced` and `strict`, as typed and embedded in a longer
// public paragraph; and under `balanced` once more with the private and hosted classes served by the newer kinds
// (Vertex AI, Bedrock, Gemini, Mistral, Cohere), every one of them receiving every non-local request of its class. Every request the private and hosted simulators receive is checked for every 8-character
// fragment of the sample's labelled values. Any leak fails: there is no list of known gaps any more (it was emptied
// for both presets when `balanced` began keeping what the sweep finds local).
// The counts are in docs/security.md (## Leak test); `AIRLOCK_LEAK_REPORT=1` prints them.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { AirlockError, type DecisionRecord } from '../../../protocol';
import { bodyStrings, corporaPresent, embedInParagraph, leakedFragment, loadLeakSamples, type Corpus, type LeakSample } from '../../helpers/corpora';
import { startTestDaemon, tempHome } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';
import { startBedrockSim, startCohereSim, startGeminiSim, startMistralSim, startOllamaSim, startVertexSim, type SimHandle } from '../../sim';

const facts = { source: 'chat' as const, interactive: true };
const FORMS = { plain: (s: LeakSample) => s.text, embedded: (s: LeakSample) => embedInParagraph(s.text) } as const;
type Form = keyof typeof FORMS;

interface Tally { tried: number; nonLocal: number; leaked: number }

const BATCH = 12;

type Client = Awaited<ReturnType<Awaited<ReturnType<typeof startTestDaemon>>['client']>>;

/** Sends one prompt and says whether it was routed to a non-local class. A refused or failed request still names its
 *  record, and its route says where the bytes could have gone: a blocked one (a private key under strict, a
 *  redaction that would not come clean) sent nothing, and a provider failure (a reset simulator connection on a
 *  loaded machine) does not change where the prompt was headed. */
async function sentOut(client: Client, requestId: string, text: string): Promise<boolean> {
  try {
    const { record } = await client.request('chat/send', { requestId, text, facts });
    return record.route.target !== 'local';
  } catch (err) {
    const record = err instanceof AirlockError ? (err.details?.record as DecisionRecord | undefined) : undefined;
    if (!record) throw err;
    return record.status !== 'blocked' && record.route.target !== 'local' && record.route.target !== 'blocked';
  }
}

/** A running airlockd and its simulators: the non-local ones are where a labelled value must never arrive. */
interface Setup {
  client: Client;
  remote: SimHandle[];
  /** Clears every simulator's recordings between batches. */
  reset: () => void;
  /** Simulators that must have received requests during the run (else the configuration tests nothing of them). */
  mustReach?: { hosted: SimHandle[]; private: SimHandle[] };
}

/** The OpenAI-format private deployment and the OpenAI and Anthropic hosted APIs (test/helpers/sims.ts). */
async function classicKinds(t: TestContext, policy: string): Promise<Setup> {
  const sims = await startSims(t);
  const d = await startTestDaemon(t, { config: simConfig(sims, policy), env: SIM_KEYS });
  return { client: await d.client(), remote: [...sims.hosted, sims.privateEu], reset: () => sims.all.forEach((s) => s.reset()) };
}

const NEW_KEYS = { SIM_GEMINI_KEY: 'AIza-sim-corpora', SIM_MISTRAL_KEY: 'sim-mistral-corpora', SIM_COHERE_KEY: 'sim-cohere-corpora' };
const PROJECT = 'airlock-corpora';
const EMAIL = `corpora@${PROJECT}.iam.gserviceaccount.com`;

/**
 * The private class served by Vertex AI then Bedrock, the hosted class by Gemini, Mistral then Cohere, each through its
 * own simulator. The first of each class answers 401, and so does Mistral: an auth failure is a healthy provider (no
 * circuit opens), so every non-local request is sent to every new kind of its class in turn, and a labelled value
 * reaching any of them is caught.
 */
async function newKinds(t: TestContext, policy: string): Promise<Setup> {
  const home = tempHome(t);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [local, vertex, bedrock, gemini, mistral, cohere] = await Promise.all([
    startOllamaSim(),
    startVertexSim({ project: PROJECT, serviceAccount: { email: EMAIL, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string } }),
    startBedrockSim({ region: 'eu-central-1' }),
    startGeminiSim({ apiKey: NEW_KEYS.SIM_GEMINI_KEY }),
    startMistralSim({ apiKey: NEW_KEYS.SIM_MISTRAL_KEY }),
    startCohereSim({ apiKey: NEW_KEYS.SIM_COHERE_KEY }),
  ]);
  const all = [local, vertex, bedrock, gemini, mistral, cohere];
  t.after(() => Promise.all(all.map((s) => s.close())));
  writeFileSync(path.join(home, 'vertex-sa.json'), JSON.stringify({ type: 'service_account', project_id: PROJECT, private_key_id: 'k1', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: EMAIL, client_id: '1' }));
  const m = (id: string, provider: string, name: string, cls: string, terms: string, latency: number, price: number) =>
    `\n  - { id: ${id}, provider: ${provider}, model: "${name}", class: ${cls}, capabilities: [tools, json], contextWindow: 128000, price: { inputPerMTok: ${price}, outputPerMTok: ${price} }, latencyMs: ${latency}, tier: 4, terms: ${terms} }`;
  const eu = '{ region: eu, retentionDays: 0, noTraining: true }';
  const us = '{ region: us, retentionDays: 30, noTraining: true }';
  writeFileSync(path.join(home, 'config.yaml'), `policy: ${policy}
storePrompts: redacted
retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 20 }
timeouts: { firstTokenMs: 20000, idleMs: 20000 }
providers:
  - { name: ollama, kind: ollama, baseUrl: "${local.url}" }
  - { name: vertex-eu, kind: vertex, baseUrl: "${vertex.url}", vertex: { project: ${PROJECT}, location: europe-west4, credentialsFile: ./vertex-sa.json, tokenUrl: "${vertex.url}/token" } }
  - { name: bedrock-eu, kind: bedrock, region: eu-central-1, baseUrl: "${bedrock.url}" }
  - { name: gemini, kind: gemini, baseUrl: "${gemini.url}", apiKeyEnv: SIM_GEMINI_KEY }
  - { name: mistral, kind: mistral, baseUrl: "${mistral.url}/v1", apiKeyEnv: SIM_MISTRAL_KEY }
  - { name: cohere, kind: cohere, baseUrl: "${cohere.url}", apiKeyEnv: SIM_COHERE_KEY }
models:${m('ollama/llama3.2', 'ollama', 'llama3.2:3b', 'local', '{ region: local, retentionDays: 0, noTraining: true }', 250, 0)}\
${m('vertex-eu/gemini-2.5-flash', 'vertex-eu', 'gemini-2.5-flash', 'private', eu, 500, 0.2)}${m('bedrock-eu/haiku', 'bedrock-eu', 'anthropic.claude-3-haiku-20240307-v1:0', 'private', eu, 600, 0.25)}\
${m('gemini/gemini-2.5-flash', 'gemini', 'gemini-2.5-flash', 'hosted', us, 300, 0.1)}${m('mistral/mistral-small', 'mistral', 'mistral-small-latest', 'hosted', us, 400, 0.15)}${m('cohere/command-a', 'cohere', 'command-a-03-2025', 'hosted', us, 500, 0.25)}
`);
  // Bedrock's credential chain reads the process environment (the daemon runs in this process): AWS keys of its own and
  // a HOME without ~/.aws, restored after.
  const saved = { ...process.env };
  Object.assign(process.env, { HOME: home, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_BEARER_TOKEN_BEDROCK;
  t.after(() => { process.env = saved; });
  const d = await startTestDaemon(t, { home, env: NEW_KEYS });
  // A simulator's reset() forgets its default too: the 401s are set again after every batch.
  const reset = (): void => {
    all.forEach((s) => s.reset());
    for (const s of [vertex, gemini, mistral]) s.setDefault({ kind: 'status', status: 401 });
  };
  reset();
  return { client: await d.client(), remote: [vertex, bedrock, gemini, mistral, cohere], reset, mustReach: { private: [vertex, bedrock], hosted: [gemini, mistral, cohere] } };
}

/**
 * Each policy with the classic kinds, in both forms; and each with the newer kinds, in the embedded form only (it holds
 * the same labelled values; this keeps the run time down). Under `strict` the corpora's PII prompts go to the private
 * class (Vertex AI, Bedrock), redacted; under `balanced` none leaves, and the closing public prompt goes to the hosted
 * class (Gemini, Mistral, Cohere): together the two reach every new kind.
 */
const CONFIGURATIONS: { name: string; policy: 'balanced' | 'strict'; start: (t: TestContext, policy: string) => Promise<Setup>; forms: Form[]; reach?: 'hosted' | 'private' }[] = [
  { name: 'balanced', policy: 'balanced', start: classicKinds, forms: ['plain', 'embedded'] },
  { name: 'strict', policy: 'strict', start: classicKinds, forms: ['plain', 'embedded'] },
  { name: 'balanced, hosted class served by Gemini, Mistral and Cohere', policy: 'balanced', start: newKinds, forms: ['embedded'], reach: 'hosted' },
  { name: 'strict, private class served by Vertex AI and Bedrock', policy: 'strict', start: newKinds, forms: ['embedded'], reach: 'private' },
];

for (const { name, policy, start, forms, reach } of CONFIGURATIONS) {
  test(`${name}: no labelled value of the corpora reaches a non-local simulator`, { skip: !corporaPresent() && 'corpora not found' }, async (t) => {
    const samples = loadLeakSamples();
    const { client, remote, reset, mustReach } = await start(t, policy);
    const used = new Set<SimHandle>();
    const tally = new Map<string, Tally>();
    const leaks: string[] = [];
    let n = 0;
    /** Runs prompts concurrently over the one connection: which went out, and every body the non-local simulators got. */
    const run = async (texts: string[]): Promise<{ out: boolean[]; bodies: string }> => {
      const out = await Promise.all(texts.map((text) => sentOut(client, `leak-${n++}`, text)));
      const bodies = remote.flatMap((s) => s.received).map((r) => bodyStrings(r.body)).join('\n');
      for (const s of remote) if (s.received.length) used.add(s);
      reset();
      return { out, bodies };
    };
    for (const form of forms) {
      for (let i = 0; i < samples.length; i += BATCH) {
        const batch = samples.slice(i, i + BATCH);
        const { out, bodies } = await run(batch.map((s) => FORMS[form](s)));
        for (const [j, sample] of batch.entries()) {
          const key = `${sample.corpus}/${form}`;
          const row = tally.get(key) ?? { tried: 0, nonLocal: 0, leaked: 0 };
          tally.set(key, row);
          row.tried++;
          // Whatever stayed local reached no simulator of ours but the local one; its check is the local route.
          if (!out[j]) continue;
          row.nonLocal++;
          // A batch's bodies do not say which prompt they came from: a hit that another prompt of the batch could
          // explain (the fragment is in its text) is settled by sending this sample alone.
          let hit = leakedFragment(sample, bodies);
          if (hit !== null && batch.some((other) => other !== sample && other.text.includes(hit as string))) {
            hit = leakedFragment(sample, (await run([FORMS[form](sample)])).bodies);
          }
          if (hit !== null) {
            row.leaked++;
            leaks.push(`${form}:${sample.id}`);
          }
        }
      }
    }
    if (process.env.AIRLOCK_LEAK_REPORT) {
      console.log(JSON.stringify({ configuration: name, tally: Object.fromEntries(tally), leaks }));
    }
    assert.deepEqual(leaks, [], `${leaks.length} leaks under ${name} (form:sample id)`);
    // The run means something: every corpus was tried in both forms, and public text does leave the machine.
    for (const corpus of ['secrets', 'pii', 'code'] as Corpus[]) for (const form of forms) assert.ok((tally.get(`${corpus}/${form}`)?.tried ?? 0) > 100, `${corpus}/${form} tried`);
    await client.request('chat/send', { requestId: `${policy}-public`, text: embedInParagraph('What does the HTTP 418 status code mean?'), facts });
    assert.ok(remote.some((s) => s.received.length > 0), 'a public prompt reached a non-local simulator');
    // Under `balanced` no corpus prompt leaves at all: the public one shows that each hosted kind was reachable.
    for (const s of remote) if (s.received.length) used.add(s);
    if (reach && mustReach) for (const [i, s] of mustReach[reach].entries()) assert.ok(used.has(s), `${reach} simulator ${i + 1} of ${mustReach[reach].length} received no request: it was not tested`);
  });
}
