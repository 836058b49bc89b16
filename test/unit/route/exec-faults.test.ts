// The fault matrix: execute() against the simulators for every failure kind, checking the final status, the
// attempts, the fallbacks and which simulator received what.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createBreakers } from '../../../daemon/route/circuit';
import { createAdapter } from '../../../daemon/providers';
import { API_KEY, generations, MODELS, plannedRecord, providerConfigs, run, testDeps } from './exec-helpers';
import { startSims, type Sims } from '../../helpers/sims';

let sims: Sims;
before(async () => { sims = await startSims(undefined, { apiKey: API_KEY }); });
after(async () => { await sims.close(); });

const hosted = [MODELS.gpt, MODELS.claude];
const outcomes = (attempts: { outcome: string; errorCode?: string; httpStatus?: number }[]): string[] =>
  attempts.map((a) => [a.outcome, a.errorCode, a.httpStatus].filter((x) => x !== undefined).join(':'));

test('429 with Retry-After, then ok: waits what the provider asked and answers from the same model', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'status', status: 429, retryAfterSeconds: 1 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:rate-limited:429', 'ok']);
  assert.deepEqual(deps.slept, [1000]);
  assert.equal(r.record.fallbacks, 0);
  assert.equal(r.text, 'sim-openai: Explain TCP slow start briefly');
  assert.deepEqual([generations(sims.openai), generations(sims.anthropic)], [2, 0]);
});

test('a Retry-After longer than the cap is not waited out: the next candidate answers', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'status', status: 429, retryAfterSeconds: 60 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(deps.slept, []);
  assert.deepEqual(outcomes(r.record.attempts), ['error:rate-limited:429', 'ok']);
  assert.equal(r.record.attempts[1]?.provider, 'anthropic');
  assert.equal(r.record.fallbacks, 1);
});

test('500 then ok: one exponential backoff, same model', async () => {
  await sims.reset();
  sims.anthropic.script({ kind: 'status', status: 500 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', [MODELS.claude]), models: [MODELS.claude] });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:server:500', 'ok']);
  assert.deepEqual(deps.slept, [10]);
});

test('500 always: retries with growing delays, then falls back to the next candidate; tokens and cost from the one that answered', async () => {
  await sims.reset();
  sims.openai.setDefault({ kind: 'status', status: 500 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:server:500', 'error:server:500', 'error:server:500', 'ok']);
  assert.deepEqual(deps.slept, [10, 20]);
  assert.equal(r.record.fallbacks, 1);
  assert.equal(r.text, 'sim-anthropic: Explain TCP slow start briefly');
  // The sim counts words: 5 in, 6 out; Claude costs $1 / $5 per million tokens.
  assert.deepEqual(r.record.tokens, { input: 5, output: 6 });
  assert.equal(r.record.costUsd, (5 * 1 + 6 * 5) / 1e6);
  assert.deepEqual([generations(sims.openai), generations(sims.anthropic)], [3, 1]);
  assert.equal(r.record.error, undefined);
});

test('hang: the first-token timeout ends the attempt and the next candidate answers', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'hang' });
  const deps = testDeps(sims, { timeouts: { firstTokenMs: 500, idleMs: 500 } });
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['timeout:timeout', 'ok']);
  // Which timer ended it, not how long it took (a loaded machine stretches any wall-clock figure).
  assert.equal(r.record.attempts[0]?.message, 'openai: no answer within 500 ms');
  assert.equal(r.record.fallbacks, 1);
});

test('a stream that stalls between chunks hits the idle timeout', async () => {
  await sims.reset();
  // The first chunk ends inside a word, so the filter has shown the user nothing yet and the fallback is invisible.
  sims.anthropic.script({ kind: 'ok', text: 'Slow-start-doubles-the-congestion-window each round trip.', chunks: 3, chunkDelayMs: 400 });
  const deps = testDeps(sims, { timeouts: { firstTokenMs: 2000, idleMs: 100 } });
  const r = await run(deps, { record: plannedRecord('hosted', [MODELS.claude, MODELS.gpt]), models: [MODELS.claude, MODELS.gpt] });
  assert.deepEqual(outcomes(r.record.attempts), ['timeout:timeout', 'ok']);
  assert.match(r.record.attempts[0]?.message ?? '', /stalled/);
});

test("a provider's timeoutMs bounds the whole attempt, even while chunks keep coming", async () => {
  await sims.reset();
  // Chunks every 150 ms keep the idle timeout quiet; the first whitespace (and so the first text shown) comes late.
  sims.anthropic.script({ kind: 'ok', text: 'Slow-start-doubles-the-congestion-window each round trip.', chunks: 6, chunkDelayMs: 150 });
  const base = testDeps(sims, { timeouts: { firstTokenMs: 2000, idleMs: 1000 } });
  const config = providerConfigs(sims).find((c) => c.name === 'anthropic')!;
  const bounded = createAdapter({ ...config, timeoutMs: 400 }, async () => API_KEY);
  const deps = { ...base, adapters: (name: string) => (name === 'anthropic' ? bounded : base.adapters(name)) };
  const r = await run(deps, { record: plannedRecord('hosted', [MODELS.claude, MODELS.gpt]), models: [MODELS.claude, MODELS.gpt] });
  assert.deepEqual(outcomes(r.record.attempts), ['timeout:timeout', 'ok']);
  // The provider's whole-attempt timer ended it (not the idle or first-token timer, whose messages differ).
  assert.equal(r.record.attempts[0]?.message, 'anthropic: the answer took longer than 400 ms (timeoutMs of provider anthropic)');
});

test('reset before the first chunk is retried on the same model', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'reset-mid-stream', afterChunks: 0 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:reset', 'ok']);
  assert.deepEqual([generations(sims.openai), generations(sims.anthropic)], [2, 0]);
});

test('reset after a chunk the user has not seen yet: no retry on that model, the next one answers from scratch', async () => {
  await sims.reset();
  // Thirty pieces: the first is two characters of the first word, which the filter holds until the word ends.
  sims.openai.script({ kind: 'reset-mid-stream', afterChunks: 1, chunks: 30 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:reset', 'ok']);
  assert.equal(r.text, 'sim-anthropic: Explain TCP slow start briefly', 'nothing of the broken answer reached the user');
});

test('reset after text reached the user: no fallback, the partial answer is kept and the record says why', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'reset-mid-stream', afterChunks: 2 });
  const deps = testDeps(sims);
  // The sim echoes the prompt: its first words are released to the user before the reset.
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted, text: 'Short line\nthen a second, longer line of prompt' });
  assert.equal(r.record.status, 'error');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_PROVIDER');
  assert.match(r.record.error?.message ?? '', /broke off after it had started.*no other model/);
  assert.ok(r.text.startsWith('sim-openai: Short line\n'));
  assert.equal(r.deltas.join(''), r.text);
  assert.deepEqual(outcomes(r.record.attempts), ['error:reset']);
  assert.equal(generations(sims.anthropic), 0);
  assert.notEqual(r.record.firstTokenMs, null);
});

test('a malformed chunk is not retried: the next candidate answers', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'malformed-chunk', afterChunks: 1, chunks: 30 });
  const deps = testDeps(sims);
  const r = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:malformed', 'ok']);
  assert.deepEqual([generations(sims.openai), generations(sims.anthropic)], [1, 1]);
});

test('Ollama down on a local route: blocked with AIRLOCK_E_LOCAL_UNAVAILABLE saying `ollama serve`', async () => {
  await sims.reset();
  await sims.local.down();
  const r = await run(testDeps(sims), { record: plannedRecord('local', [MODELS.llama]), models: [MODELS.llama] });
  assert.equal(r.record.status, 'blocked');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  assert.match(r.record.error?.message ?? '', /ollama serve/);
  assert.deepEqual(outcomes(r.record.attempts), ['error:refused']);
  assert.equal(r.text, '');
});

test('model not pulled: the next local model answers; when none is left, the message says `ollama pull MODEL`', async () => {
  await sims.reset();
  const missing = { ...MODELS.llama, id: 'ollama/mistral', model: 'mistral:7b' };
  const both = await run(testDeps(sims), { record: plannedRecord('local', [missing, MODELS.qwen]), models: [missing, MODELS.qwen] });
  assert.equal(both.record.status, 'ok');
  assert.deepEqual(outcomes(both.record.attempts), ['error:not-found:404', 'ok']);
  assert.equal(both.record.fallbacks, 1);
  assert.equal(both.record.costUsd, 0);

  const alone = await run(testDeps(sims), { record: plannedRecord('local', [missing]), models: [missing] });
  assert.equal(alone.record.status, 'blocked');
  assert.equal(alone.record.error?.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  assert.match(alone.record.error?.message ?? '', /ollama pull mistral:7b/);
});

// Issue 15 §4 / 10 §6: whatever stops the local model answering, a local route ends in one code with the fix.
const localFaults = [
  { name: '500 always', setDefault: { kind: 'status', status: 500 } },
  { name: '429 always', setDefault: { kind: 'status', status: 429 } },
  { name: 'hang', setDefault: { kind: 'hang' } },
  { name: 'reset before the first byte', setDefault: { kind: 'reset-mid-stream', afterChunks: 0 } },
  { name: 'malformed stream', setDefault: { kind: 'malformed-chunk', afterChunks: 0 } },
] as const;

for (const fault of localFaults) {
  test(`a local route whose model fails (${fault.name}) is AIRLOCK_E_LOCAL_UNAVAILABLE with the \`ollama serve\` hint`, async () => {
    await sims.reset();
    sims.local.setDefault(fault.setDefault);
    const r = await run(testDeps(sims, { timeouts: { firstTokenMs: 200, idleMs: 200 } }), { record: plannedRecord('local', [MODELS.llama]), models: [MODELS.llama] });
    assert.equal(r.record.error?.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE', r.record.error?.message);
    assert.match(r.record.error?.message ?? '', /ollama serve/);
    assert.equal(r.record.status, 'blocked');
    assert.equal(r.text, '');
    assert.deepEqual([generations(sims.openai), generations(sims.anthropic)], [0, 0]);
  });
}

test('a local answer that breaks off mid-stream keeps the partial answer and still says local unavailable', async () => {
  await sims.reset();
  sims.local.script({ kind: 'reset-mid-stream', afterChunks: 2 });
  const r = await run(testDeps(sims), { record: plannedRecord('local', [MODELS.llama]), models: [MODELS.llama], text: 'Short line\nthen a second, longer line of prompt' });
  assert.equal(r.record.status, 'error');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_LOCAL_UNAVAILABLE');
  assert.match(r.record.error?.message ?? '', /broke off.*ollama serve/);
  assert.ok(r.text.startsWith('sim-ollama: Short line\n'));
});

test('401: not retried; with no other candidate the error is AIRLOCK_E_PROVIDER_AUTH', async () => {
  await sims.reset();
  const deps = testDeps(sims, {}, async () => 'sk-wrong');
  const r = await run(deps, { record: plannedRecord('hosted', [MODELS.gpt]), models: [MODELS.gpt] });
  assert.equal(r.record.status, 'error');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_PROVIDER_AUTH');
  assert.deepEqual(outcomes(r.record.attempts), ['error:auth:401']);
  assert.deepEqual(deps.slept, []);
});

test('401 on the first candidate falls back to the next', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'status', status: 401 });
  const r = await run(testDeps(sims), { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(r.record.status, 'ok');
  assert.deepEqual(outcomes(r.record.attempts), ['error:auth:401', 'ok']);
});

test('circuit breaker: open after N failures skips the provider without a request, then a half-open probe closes it', async () => {
  await sims.reset();
  let now = Date.parse('2030-01-01T00:00:00Z');
  const clock = (): number => now;
  const deps = testDeps(sims, { clock, breakers: createBreakers({ failureThreshold: 2, coolDownMs: 30_000, clock }) });
  deps.retry.maxRetries = 0;
  sims.openai.setDefault({ kind: 'status', status: 503 });
  await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(generations(sims.openai), 2);

  const skipped = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.equal(skipped.record.status, 'ok');
  assert.deepEqual(outcomes(skipped.record.attempts), ['circuit-open', 'ok']);
  assert.equal(skipped.record.attempts[0]?.startedAt, '2030-01-01T00:00:00.000Z');
  assert.equal(generations(sims.openai), 2, 'no request while open');

  now += 30_000;
  sims.openai.setDefault({ kind: 'ok' });
  const probe = await run(deps, { record: plannedRecord('hosted', hosted), models: hosted });
  assert.deepEqual(outcomes(probe.record.attempts), ['ok']);
  assert.equal(deps.breakers.for('openai').state(), 'closed');
});

test('cancellation: status cancelled, AIRLOCK_E_CANCELLED, no fallback request', async () => {
  await sims.reset();
  sims.openai.script({ kind: 'hang' });
  const controller = new AbortController();
  const deps = testDeps(sims, { timeouts: { firstTokenMs: 5000, idleMs: 5000 } });
  const pending = run(deps, { record: plannedRecord('hosted', hosted), models: hosted, signal: controller.signal });
  while (sims.openai.received.length === 0) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  const r = await pending;
  assert.equal(r.record.status, 'cancelled');
  assert.equal(r.record.error?.code, 'AIRLOCK_E_CANCELLED');
  assert.deepEqual(outcomes(r.record.attempts), ['cancelled:cancelled']);
  assert.equal(generations(sims.anthropic), 0);
});

test('the record: times from the injected clock, the planned record untouched, an unplanned record not executed', async () => {
  await sims.reset();
  const base = Date.parse('2031-05-05T10:00:00Z');
  const t0 = Date.now();
  const deps = testDeps(sims, { clock: () => base + (Date.now() - t0) });
  const planned = plannedRecord('hosted', hosted);
  const r = await run(deps, { record: planned, models: hosted });
  assert.ok(r.record.attempts[0]?.startedAt.startsWith('2031-05-05T10:00'));
  assert.ok((r.record.latencyMs ?? -1) >= (r.record.firstTokenMs ?? Infinity));
  assert.equal(planned.status, 'planned');
  assert.deepEqual(planned.attempts, []);
  assert.deepEqual(r.record.outputFilters, [{ name: 'secrets', action: 'none', findings: [] }]);

  const blocked = { ...plannedRecord('blocked', []), status: 'blocked' as const, error: { code: 'AIRLOCK_E_BLOCKED' as const, message: 'no' } };
  const none = await run(deps, { record: blocked, models: hosted });
  assert.equal(none.record.status, 'blocked');
  assert.equal(generations(sims.openai) + generations(sims.anthropic), 1);
});
