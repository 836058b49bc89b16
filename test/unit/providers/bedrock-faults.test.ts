// The fault matrix for Bedrock: execute() with a private Bedrock model first and the private Azure deployment second,
// against their simulators. Throttling waits what Bedrock asked, access denied falls back inside the private class,
// a stream cut after text keeps the text, a guardrail's message is the answer (recorded as content filtered, no
// fallback around it), and no hosted simulator ever receives a byte.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { CatalogueModel } from '../../../protocol';
import { createAdapter, type ProviderAdapter } from '../../../daemon/providers';
import { GUARDRAIL_MESSAGE, startBedrockSim, type BedrockSimHandle } from '../../sim';
import { startSims, type Sims } from '../../helpers/sims';
import { API_KEY, generations, MODELS, plannedRecord, providerConfigs, run, testDeps } from '../route/exec-helpers';

let sims: Sims;
let bedrock: BedrockSimHandle;
let awsHome: string;
const saved = { ...process.env };

const BEDROCK: CatalogueModel = { ...MODELS.azure, id: 'bedrock-eu/claude-haiku', provider: 'bedrock-eu', model: 'anthropic.claude-3-haiku-20240307-v1:0', price: { inputPerMTok: 0.25, outputPerMTok: 1.25 } };
const PRIVATE = [BEDROCK, MODELS.azure];

before(async () => {
  awsHome = mkdtempSync(path.join(tmpdir(), 'airlock-aws-home-'));
  Object.assign(process.env, { HOME: awsHome, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_EC2_METADATA_DISABLED: 'true' });
  [sims, bedrock] = await Promise.all([startSims(undefined, { apiKey: API_KEY }), startBedrockSim({ region: 'eu-central-1' })]);
  await import('@aws-sdk/client-bedrock-runtime');
});
after(async () => {
  await Promise.all([sims.close(), bedrock.close()]);
  process.env = saved;
  rmSync(awsHome, { recursive: true, force: true });
});

function deps() {
  const keys = async (): Promise<string | null> => null;
  const adapters = new Map<string, ProviderAdapter>([
    ...providerConfigs(sims).map((c) => [c.name, createAdapter(c, async () => API_KEY)] as const),
    ['bedrock-eu', createAdapter({ name: 'bedrock-eu', kind: 'bedrock', region: 'eu-central-1', baseUrl: bedrock.url }, keys)],
  ]);
  return testDeps(sims, { adapters: (name) => adapters.get(name)! });
}

async function reset(): Promise<void> {
  await sims.reset();
  bedrock.reset();
}

const outcomes = (attempts: { outcome: string; errorCode?: string; httpStatus?: number; provider: string }[]): string[] =>
  attempts.map((a) => [a.provider, a.outcome, a.errorCode, a.httpStatus].filter((x) => x !== undefined).join(':'));

function nothingHosted(): void {
  assert.deepEqual([generations(sims.anthropic), generations(sims.local)], [0, 0]);
  // The OpenAI simulator also serves the private Azure deployment: only its deployment path may appear.
  assert.ok(sims.openai.received.every((r) => r.path.startsWith('/openai/deployments/')), 'nothing reached the hosted OpenAI API');
}

test('ThrottlingException with Retry-After: waits what Bedrock asked, then Bedrock answers', async () => {
  await reset();
  bedrock.script({ kind: 'status', status: 429, retryAfterSeconds: 2 });
  const d = deps();
  const r = await run(d, { record: plannedRecord('private', PRIVATE), models: PRIVATE });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['bedrock-eu:error:rate-limited:429', 'bedrock-eu:ok']);
  assert.deepEqual(d.slept, [2000]);
  assert.equal(r.text, 'sim-bedrock: Explain TCP slow start briefly');
  // Usage from the metadata event, priced from the catalogue: 5 words in, 6 out.
  assert.deepEqual(r.record.tokens, { input: 5, output: 6 });
  assert.equal(r.record.costUsd, (5 * 0.25 + 6 * 1.25) / 1e6);
  nothingHosted();
});

test('AccessDeniedException: no retry, fallback to the private Azure deployment, never to a hosted model', async () => {
  await reset();
  bedrock.setDefault({ kind: 'status', status: 403 });
  const r = await run(deps(), { record: plannedRecord('private', PRIVATE), models: PRIVATE });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['bedrock-eu:error:auth:403', 'azure-eu:ok']);
  assert.match(r.record.attempts[0]?.message ?? '', /Model access/);
  assert.equal(r.record.fallbacks, 1);
  nothingHosted();
});

test('Bedrock alone and failing: the request fails, nothing leaves the private class', async () => {
  await reset();
  bedrock.setDefault({ kind: 'status', status: 503 });
  const r = await run(deps(), { record: plannedRecord('private', [BEDROCK]), models: [BEDROCK] });
  assert.equal(r.record.status, 'error');
  assert.deepEqual(outcomes(r.record.attempts), ['bedrock-eu:error:server:503', 'bedrock-eu:error:server:503', 'bedrock-eu:error:server:503']);
  nothingHosted();
});

test('a stream cut after some text: the user keeps it, no fallback (the answer would start over)', async () => {
  await reset();
  bedrock.script({ kind: 'reset-mid-stream', afterChunks: 2, chunks: 3 });
  const r = await run(deps(), { record: plannedRecord('private', PRIVATE), models: PRIVATE });
  assert.equal(r.record.status, 'error');
  assert.deepEqual(outcomes(r.record.attempts), ['bedrock-eu:error:reset']);
  assert.ok(r.text.length > 0 && 'sim-bedrock: Explain TCP slow start briefly'.startsWith(r.text), r.text);
  nothingHosted();
});

test('a guardrail intervention: its message is the answer, recorded as content filtered, no fallback around the company\'s own guardrail', async () => {
  await reset();
  bedrock.guardrail();
  const r = await run(deps(), { record: plannedRecord('private', PRIVATE), models: PRIVATE });
  assert.equal(r.record.status, 'error');
  assert.deepEqual(outcomes(r.record.attempts), ['bedrock-eu:error:bad-request']);
  assert.match(r.record.attempts[0]?.message ?? '', /^bedrock-eu: content filtered: the answer was stopped \(stopReason guardrail_intervened\)$/);
  assert.match(r.record.error?.message ?? '', /content filtered/);
  assert.equal(r.text, GUARDRAIL_MESSAGE);
  nothingHosted();
});
