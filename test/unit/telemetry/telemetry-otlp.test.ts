// Decisions in the organisation's OpenTelemetry collector: a real airlockd sends OTLP/HTTP JSON (the official
// @opentelemetry exporters) to a recording receiver on 127.0.0.1 that decodes it. Span names and attributes follow the GenAI conventions; no prompt text
// leaves; a collector that is down holds spans in the bounded queue and they arrive once when it comes up.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createExporter } from '../../../daemon/telemetry/exporter';
import { recordSpans, traceIdOf } from '../../../daemon/telemetry/spans';
import { sampled } from '../../../daemon/telemetry/sdk';
import { telemetrySettings } from '../../../daemon/telemetry/settings';
import { parseConfig } from '../../../daemon/config';
import type { AirlockError } from '../../../protocol';
import type { DecisionRecord } from '../../../protocol/record';
import { metricTotal, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../../sim/otlp';
import { freePort } from '../../helpers/net';
import { within } from '../../helpers/bounded';
import { startTestDaemon } from '../../helpers/daemon';
import { SIM_KEYS, simConfig, startSims } from '../../helpers/sims';

const facts = { source: 'chat' as const, interactive: true };
const SECRET = 'ghp_R7mK2pX9vT4wQ8sL1nB6cF3hJ0dOtlpE7uQ';
const PII = 'augusta.otlpcanary@example.org';
const KEY_PROMPT = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\nfix my ssh';

const telemetryConfig = (url: string) => `telemetry:\n  otlpEndpoint: "${url}"\n  exportIntervalMs: 20\n  headers: { x-team-key: t0ken }\n`;
const spansOf = (spans: ReceivedSpan[], recordId: string) => spans.filter((s) => s.traceId === traceIdOf(recordId));

test('each decision becomes an inference span and a guardrail span with GenAI attributes, never the prompt', { timeout: 60_000 }, async (t) => {
  const sims = await startSims(t);
  const receiver = await startOtlpReceiver();
  t.after(() => receiver.close());
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced', telemetryConfig(receiver.url)).replace('storePrompts: redacted', 'storePrompts: full'), env: SIM_KEYS });
  const client = await d.client();
  const sent = await client.request('chat/send', { requestId: 'o1', text: `What does HTTP 418 mean? Ask ${PII}, token ${SECRET}`, facts });
  const plain = await client.request('chat/send', { requestId: 'o2', text: 'What does HTTP 418 mean?', facts });
  const refusal = await client.request('chat/send', { requestId: 'o3', text: KEY_PROMPT, facts, policy: 'strict' }).then(() => assert.fail('not blocked'), (e: AirlockError) => e);
  assert.equal(refusal.code, 'AIRLOCK_E_BLOCKED');
  const blocked = { record: { id: String(refusal.details?.recordId) } };
  const ids = [sent.record.id, plain.record.id, blocked.record.id];
  await within(receiver.until((spans) => ids.every((id) => spansOf(spans, id).length > 0)), 'spans of the three decisions');

  const all = receiver.bodies.join('\n');
  for (const canary of [SECRET, PII, 'HTTP 418', 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ']) assert.ok(!all.includes(canary), `no prompt text sent: ${canary}`);
  assert.equal(receiver.headers[0]!['x-team-key'], 't0ken', 'configured headers are sent');

  const [inference, guard] = [spansOf(receiver.spans, plain.record.id).find((s) => s.name.startsWith('chat ')), spansOf(receiver.spans, plain.record.id).find((s) => s.name === 'apply_guardrail airlock')];
  assert.ok(inference && guard, receiver.spans.map((s) => s.name).join(', '));
  assert.equal(inference.resource['service.name'], 'airlockd');
  assert.equal(inference.kind, 3);
  assert.equal(inference.attributes['gen_ai.operation.name'], 'chat');
  assert.equal(inference.attributes['gen_ai.provider.name'], plain.record.route.provider);
  assert.equal(inference.attributes['gen_ai.request.model'], plain.record.route.model);
  assert.equal(inference.attributes['gen_ai.usage.input_tokens'], plain.record.tokens?.input);
  assert.equal(inference.attributes['gen_ai.usage.output_tokens'], plain.record.tokens?.output);
  assert.deepEqual(inference.attributes['gen_ai.response.finish_reasons'], ['stop']);
  assert.equal(guard.parentSpanId, inference.spanId, 'the guardrail span is a child of the call it guards');
  assert.equal(guard.attributes['gen_ai.security.decision.type'], 'allow');
  assert.equal(guard.attributes['airlock.rule.id'], plain.record.rule.id);
  assert.equal(guard.attributes['airlock.route'], plain.record.route.target);
  assert.equal(guard.attributes['gen_ai.security.policy.id'], plain.record.policy.id);
  assert.equal(guard.attributes['gen_ai.security.input.hash'], createHash('sha256').update(plain.record.prompt.text!).digest('hex'), 'the hash of the prompt as stored');
  assert.equal(BigInt(inference.endTimeUnixNano) - BigInt(inference.startTimeUnixNano), BigInt(Math.round(plain.record.latencyMs! * 1000)) * 1000n, 'the span lasts the recorded latency');

  const secretGuard = spansOf(receiver.spans, sent.record.id).find((s) => s.name === 'apply_guardrail airlock')!;
  assert.equal(secretGuard.attributes['gen_ai.security.decision.type'], sent.record.redactions.length > 0 ? 'modify' : 'allow');
  assert.ok((secretGuard.attributes['airlock.signal.types'] as string[]).some((s) => s.startsWith('secret:')));

  const blockedSpans = spansOf(receiver.spans, blocked.record.id);
  assert.deepEqual(blockedSpans.map((s) => s.name), ['apply_guardrail airlock'], 'nothing was sent: no inference span');
  assert.equal(blockedSpans[0]!.attributes['gen_ai.security.decision.type'], 'deny');
  assert.equal(blockedSpans[0]!.parentSpanId ?? '', '');

  // Metrics: every decision counted once, by route and decision type; tokens and latency beside.
  await within(receiver.until((_s, points) => metricTotal(points, 'airlock.decisions') >= 3), 'the decision metrics');
  assert.equal(metricTotal(receiver.points, 'airlock.decisions'), 3);
  assert.equal(metricTotal(receiver.points, 'airlock.decisions', (a) => a['gen_ai.security.decision.type'] === 'deny' && a['airlock.route'] === 'blocked'), 1);
  const input = metricTotal(receiver.points, 'airlock.tokens', (a) => a['gen_ai.token.type'] === 'input');
  assert.equal(input, [sent, plain].reduce((n, r) => n + (r.record.tokens?.input ?? 0), 0));
  assert.ok(receiver.points.some((p) => p.name === 'airlock.decision.duration' && p.histogram && p.histogram.count >= 1));

  // Five spans (two per answered decision, one for the refusal) counted as sent once the collector answered.
  const health = await within(until(async () => (await client.request('health/get', {})).telemetry?.sent === 5 && client.request('health/get', {})), 'five spans counted as sent');
  assert.equal(health.telemetry?.dropped, 0);
});

/** Polls `check` (each turn of the event loop) until it gives a value; bound it with within(). */
async function until<T>(check: () => Promise<T | false | undefined> | T | false | undefined): Promise<T> {
  for (;;) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setImmediate(r));
  }
}

test('collector down: spans wait in the queue and arrive once when it comes up; local records are unaffected', { timeout: 60_000 }, async (t) => {
  const sims = await startSims(t);
  const port = await freePort();
  // OTEL_EXPORTER_OTLP_TIMEOUT bounds one export with the exporter's own retries (10 s by default).
  const d = await startTestDaemon(t, { config: simConfig(sims, 'balanced', telemetryConfig(`http://127.0.0.1:${port}`)), env: { ...SIM_KEYS, OTEL_EXPORTER_OTLP_TIMEOUT: '1500' } });
  const client = await d.client();
  const first = await client.request('chat/send', { requestId: 'd1', text: 'What does HTTP 418 mean?', facts });
  assert.equal(first.record.status, 'ok', 'the request is served while the collector is down');
  // Bounded: the exporter reports the failed attempt in health/get.
  await within((async () => {
    for (;;) {
      const h = await client.request('health/get', {});
      if (h.telemetry?.failing) return h;
      await new Promise((r) => setImmediate(r));
    }
  })(), 'the exporter to report the collector down');
  const down = (await client.request('health/get', {})).telemetry!;
  assert.equal(down.queued, 2, 'the two spans of the decision wait');
  assert.equal(down.dropped, 0);
  assert.match(down.lastError ?? '', /fetch failed|ECONNREFUSED/);

  const receiver = await startOtlpReceiver(port);
  t.after(() => receiver.close());
  await within(receiver.until((spans) => spansOf(spans, first.record.id).length === 2), 'the queued spans after the collector came up', 30_000);
  const second = await client.request('chat/send', { requestId: 'd2', text: 'And HTTP 451?', facts });
  await within(receiver.until((spans) => spansOf(spans, second.record.id).length === 2), 'the next decision');
  assert.equal(spansOf(receiver.spans, first.record.id).length, 2, 'each span once');
  await within(receiver.until((_s, points) => metricTotal(points, 'airlock.decisions') >= 2), 'the decision metrics');
  assert.equal(metricTotal(receiver.points, 'airlock.decisions'), 2, 'the decisions counted while the collector was down arrive, once');
  const up = await within(until(async () => {
    const h = (await client.request('health/get', {})).telemetry!;
    return h.sent === 4 && h;
  }), 'four spans counted as sent');
  assert.deepEqual({ queued: up.queued, sent: up.sent, dropped: up.dropped, failing: up.failing }, { queued: 0, sent: 4, dropped: 0, failing: false });
  assert.equal(new Set(receiver.spans.map((s) => s.spanId)).size, receiver.spans.length, 'no span sent twice');
  assert.equal((await client.request('health/get', {})).records, 2);
});

/** A minimal record for exporter-level tests. */
function record(id: string): DecisionRecord {
  return {
    version: 1, id, createdAt: '2026-11-29T12:00:00.000Z',
    policy: { name: 'balanced', version: '1.0.0', hash: 'a'.repeat(64), file: 'presets/balanced.yaml', source: 'shipped', id: `balanced@sha256:${'a'.repeat(64)}` },
    facts, prompt: { chars: 5, storage: 'none' }, signals: [], code: { share: 0, languages: [] } as unknown as DecisionRecord['code'], redactions: [],
    route: { target: 'local', provider: 'ollama', model: 'llama3.2:3b', modelId: 'ollama/llama3.2', region: 'local', retentionDays: 0, noTraining: true, requiredCapabilities: [], prefer: 'cheap', escalated: false, candidates: [] },
    rule: { id: 'default', preset: 'balanced', file: 'presets/balanced.yaml', line: 0 }, explanation: 'default', matchedRules: [], requireCitations: false,
    review: { required: false, reasons: [] }, attempts: [{ modelId: 'ollama/llama3.2', provider: 'ollama', startedAt: '2026-11-29T12:00:00.000Z', durationMs: 5, outcome: 'ok' }],
    fallbacks: 0, latencyMs: 12.5, firstTokenMs: 3, tokens: { input: 3, output: 4 }, costUsd: 0, outputFilters: [], status: 'ok',
  };
}

test('the span queue is bounded (overflow dropped and counted); a batch the collector cannot take is retried until it does, each span once', { timeout: 60_000 }, async (t) => {
  const receiver = await startOtlpReceiver();
  t.after(() => receiver.close());
  receiver.status = 503;
  // A queue of two spans: the first record's pair goes out (and is held while the collector answers 503), the second
  // waits in the queue, the third's are dropped.
  const exporter = createExporter({ url: `${receiver.url}/v1/traces`, headers: {}, serviceName: 's', sampleRatio: 1, queueSize: 2, batchSize: 2, intervalMs: 20, timeoutMs: 300 }, { version: '0' });
  t.after(() => exporter.close(100));
  await exporter.loaded();
  const ids = ['0190a0a0-0000-7000-8000-000000000001', '0190a0a0-0000-7000-8000-000000000002', '0190a0a0-0000-7000-8000-000000000003'];
  for (const id of ids) {
    exporter.enqueue(record(id));
    await new Promise((r) => setImmediate(r)); // the SDK takes each record on the next turn
  }
  const failing = await within(until(() => exporter.stats().failing && exporter.stats()), 'the exporter to report the collector failing');
  assert.deepEqual({ queued: failing.queued, dropped: failing.dropped, sent: failing.sent }, { queued: 4, dropped: 2, sent: 0 });
  assert.match(failing.lastError ?? '', /retryable|503/);
  receiver.status = 200;
  await within(until(() => exporter.stats().sent === 4), 'the held and queued spans to be sent');
  assert.deepEqual(exporter.stats(), { endpoint: `${receiver.url}/v1/traces`, queued: 0, sent: 4, dropped: 2, failing: false, lastError: null });
  assert.deepEqual([...new Set(receiver.spans.map((s) => s.traceId))], ids.slice(0, 2).map(traceIdOf), 'the dropped record is the last one');
  assert.equal(new Set(receiver.spans.map((s) => s.spanId)).size, 4, 'each span once');
});

test('a batch the collector refuses for good (4xx) is dropped and counted, not retried', { timeout: 60_000 }, async (t) => {
  const receiver: OtlpReceiver = await startOtlpReceiver();
  t.after(() => receiver.close());
  receiver.status = 400;
  const exporter = createExporter({ url: `${receiver.url}/v1/traces`, headers: {}, serviceName: 's', sampleRatio: 1, queueSize: 8, batchSize: 8, intervalMs: 20, timeoutMs: 300 }, { version: '0' });
  t.after(() => exporter.close(100));
  exporter.enqueue(record('0190a0a0-0000-7000-8000-000000000004'));
  const s = await within(until(() => exporter.stats().dropped > 0 && exporter.stats()), 'the refused batch to be dropped');
  assert.deepEqual({ queued: s.queued, sent: s.sent, dropped: s.dropped, failing: s.failing }, { queued: 0, sent: 0, dropped: 2, failing: false });
});

test('settings: the config wins, the OTEL_* variables fill in, OTEL_SDK_DISABLED turns export off; sampling is by record id', () => {
  const none = parseConfig('{}', '/x/config.yaml');
  assert.equal(telemetrySettings(none, {}), null);
  const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s%3Dcret,x=1', OTEL_SERVICE_NAME: 'dev-laptops' };
  const fromEnv = telemetrySettings(none, env)!;
  assert.equal(fromEnv.url, 'http://collector:4318/v1/traces');
  assert.equal(fromEnv.metricsUrl, 'http://collector:4318/v1/metrics');
  assert.deepEqual(fromEnv.headers, { 'api-key': 's=cret', x: '1' });
  assert.equal(fromEnv.serviceName, 'dev-laptops');
  assert.equal(telemetrySettings(none, { ...env, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/custom' })!.url, 'http://t:1/custom');
  assert.equal(telemetrySettings(none, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t:1/custom' })!.metricsUrl, null, 'no metrics URL to guess');
  const configured = parseConfig('telemetry: { otlpEndpoint: "https://otel.example/v1/traces", headers: { x: "2" }, sampleRatio: 0.5 }', '/x/config.yaml');
  const s = telemetrySettings(configured, env)!;
  assert.equal(s.url, 'https://otel.example/v1/traces');
  assert.equal(s.metricsUrl, 'https://otel.example/v1/metrics');
  assert.equal(s.headers.x, '2');
  assert.equal(s.sampleRatio, 0.5);
  assert.equal(telemetrySettings(configured, { OTEL_SDK_DISABLED: 'true' }), null);
  assert.equal(s.timeoutMs, 10_000);
  assert.equal(telemetrySettings(configured, { OTEL_EXPORTER_OTLP_TIMEOUT: '2500' })!.timeoutMs, 2500);
  const ids = Array.from({ length: 400 }, (_, i) => `0190a0a0-0000-7000-8000-${(i * 2654435761 % 0xffffffff).toString(16).padStart(12, '0')}`);
  const kept = ids.filter((id) => sampled(id, 0.5)).length;
  assert.ok(kept > 120 && kept < 280, `about half kept: ${kept}`);
  assert.ok(ids.every((id) => sampled(id, 0.5) === sampled(id, 0.5)), 'deterministic');
  assert.equal(recordSpans(record(ids[0]!)).length, 2);
  const [inference, guard] = recordSpans({ ...record(ids[0]!), toolsUsed: ['get_weather', 'lookup_city'] });
  assert.deepEqual(inference!.attributes['airlock.tools.used'], ['get_weather', 'lookup_city'], 'the tools the model called');
  assert.equal(guard!.attributes['gen_ai.security.input.hash'], undefined, 'no stored prompt (storePrompts: none): no input hash');
});
