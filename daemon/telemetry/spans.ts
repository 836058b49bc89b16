// A decision record as OTLP/JSON spans (pure: no I/O). Two spans per record, sharing the record's id as trace id:
// - the inference span (`chat <model>`, GenAI semantic conventions: gen_ai.operation.name, gen_ai.provider.name,
//   gen_ai.request.model / response.model, gen_ai.usage.*, gen_ai.response.finish_reasons), when a model was called;
// - the guardrail span (`apply_guardrail airlock`, its child; the root when nothing was sent) with the decision in
//   the proposed GenAI security attributes (gen_ai.security.decision.type allow|deny|modify, .reason, .policy.*)
//   plus Airlock's own (airlock.route, airlock.rule.id, airlock.signal.types, tokens, cost).
// Never prompt or answer text: only fields of the record that hold none (as daemon/store/siem.ts).
import { createHash } from 'node:crypto';
import type { DecisionRecord } from '../../protocol/record';
import { decisionType, signalTypes } from '../store/siem';

export type AnyValue = { stringValue: string } | { boolValue: boolean } | { intValue: string } | { doubleValue: number } | { arrayValue: { values: AnyValue[] } };
export interface KeyValue { key: string; value: AnyValue }
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  status: { code: number; message?: string };
}

const SPAN_KIND_INTERNAL = 1;
const SPAN_KIND_CLIENT = 3;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

type Attr = string | number | boolean | string[] | null | undefined;

function value(v: Exclude<Attr, null | undefined>): AnyValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: v };
}

export function attributes(pairs: Record<string, Attr>): KeyValue[] {
  return Object.entries(pairs).filter(([, v]) => v !== null && v !== undefined).map(([key, v]) => ({ key, value: value(v!) }));
}

/** The record id (UUIDv7, 128 bits) is the trace id: a collector links a span to `airlock audit export` lines. */
export const traceIdOf = (recordId: string) => recordId.replace(/-/g, '').toLowerCase().padEnd(32, '0').slice(0, 32);
const spanIdOf = (recordId: string, which: string) => createHash('sha256').update(`${recordId}:${which}`).digest('hex').slice(0, 16);
const nanos = (ms: number) => `${BigInt(Math.round(ms * 1000)) * 1000n}`;

/** Deterministic sampling by record id: the same record is in or out on every machine and every retry. */
export function sampled(recordId: string, ratio: number): boolean {
  if (ratio >= 1) return true;
  if (ratio <= 0) return false;
  const random = Number.parseInt(recordId.replace(/-/g, '').slice(-8), 16) / 0x1_0000_0000;
  return random < ratio;
}

/** The OTel finish reason for a record's outcome. */
function finishReason(r: DecisionRecord): string {
  if (r.status === 'ok') return 'stop';
  if (r.status === 'blocked') return 'content_filter';
  return r.status; // error, cancelled
}

export function recordSpans(r: DecisionRecord): OtlpSpan[] {
  const traceId = traceIdOf(r.id);
  const start = Date.parse(r.createdAt);
  const end = start + (r.latencyMs ?? r.scanMs ?? 0);
  const type = decisionType(r);
  const failed = r.status === 'error';
  const guardId = spanIdOf(r.id, 'guardrail');
  const called = r.route.target !== 'blocked' && r.route.provider !== null && r.attempts.length > 0;
  const inferenceId = spanIdOf(r.id, 'inference');
  const used = r.attempts.findLast((a) => a.outcome === 'ok') ?? r.attempts.at(-1);
  const spans: OtlpSpan[] = [];
  if (called) {
    spans.push({
      traceId,
      spanId: inferenceId,
      name: `chat ${r.route.model ?? r.route.modelId ?? ''}`.trim(),
      kind: SPAN_KIND_CLIENT,
      startTimeUnixNano: nanos(start),
      endTimeUnixNano: nanos(end),
      attributes: attributes({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': used?.provider ?? r.route.provider,
        'gen_ai.request.model': r.route.model,
        'gen_ai.response.model': r.route.model,
        'gen_ai.usage.input_tokens': r.tokens?.input,
        'gen_ai.usage.output_tokens': r.tokens?.output,
        'gen_ai.response.finish_reasons': [finishReason(r)],
        'airlock.record.id': r.id,
        'airlock.model.id': used?.modelId ?? r.route.modelId,
        'airlock.cost_usd': r.costUsd,
        'airlock.first_token_ms': r.firstTokenMs,
        'airlock.fallbacks': r.fallbacks,
        'error.type': r.error?.code,
      }),
      status: failed ? { code: STATUS_ERROR, message: r.error?.code ?? 'error' } : { code: STATUS_OK },
    });
  }
  spans.push({
    traceId,
    spanId: guardId,
    ...(called ? { parentSpanId: inferenceId } : {}),
    name: 'apply_guardrail airlock',
    kind: SPAN_KIND_INTERNAL,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + (r.scanMs ?? 0)),
    attributes: attributes({
      'gen_ai.operation.name': 'apply_guardrail',
      'gen_ai.guardian.name': 'airlock',
      'gen_ai.security.target.type': 'llm_input',
      'gen_ai.security.decision.type': type,
      'gen_ai.security.decision.reason': r.explanation,
      'gen_ai.security.decision.code': r.rule.id,
      'gen_ai.security.policy.id': r.policy.id ?? `${r.policy.name}@sha256:${r.policy.hash}`,
      'gen_ai.security.policy.name': r.policy.name,
      'gen_ai.security.policy.version': r.policy.version,
      'gen_ai.security.content.modified': r.redactions.length > 0,
      'airlock.record.id': r.id,
      'airlock.route': r.route.target,
      'airlock.rule.id': r.rule.id,
      'airlock.provider': r.route.provider,
      'airlock.model.id': r.route.modelId,
      'airlock.signal.types': signalTypes(r),
      'airlock.redactions': r.redactions.length,
      'airlock.review.required': r.review.required,
      'airlock.source': r.facts.surface ?? r.facts.source,
      'airlock.latency_ms': r.latencyMs,
      'airlock.tokens.input': r.tokens?.input,
      'airlock.tokens.output': r.tokens?.output,
      'airlock.cost_usd': r.costUsd,
      'airlock.status': r.status,
    }),
    status: type === 'deny' ? { code: STATUS_OK, message: 'blocked by policy' } : { code: STATUS_OK },
  });
  return spans;
}

/** An ExportTraceServiceRequest in the OTLP/JSON encoding. */
export function traceRequest(records: readonly DecisionRecord[], resource: { serviceName: string; version: string; hostname: string }) {
  return {
    resourceSpans: [{
      resource: { attributes: attributes({ 'service.name': resource.serviceName, 'service.version': resource.version, 'host.name': resource.hostname }) },
      scopeSpans: [{ scope: { name: 'airlock', version: resource.version }, spans: records.flatMap(recordSpans) }],
    }],
  };
}
