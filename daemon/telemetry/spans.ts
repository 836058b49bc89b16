// A decision record as the spans the OpenTelemetry SDK will emit (pure: no I/O, no SDK). Two spans per record, sharing
// the record's id as trace id:
// - the inference span (`chat <model>`, GenAI semantic conventions: gen_ai.operation.name, gen_ai.provider.name,
//   gen_ai.request.model / response.model, gen_ai.usage.*, gen_ai.response.finish_reasons), when a model was called;
// - the guardrail span (`apply_guardrail airlock`, its child; the root when nothing was sent) with the decision in
//   the proposed GenAI security attributes (gen_ai.security.decision.type allow|deny|modify, .reason, .policy.*; not
//   in @opentelemetry/semantic-conventions yet, so spelled here) plus Airlock's own (airlock.route, airlock.rule.id,
//   airlock.signal.types, tokens, cost).
// Never prompt or answer text: only fields of the record that hold none (as daemon/store/siem.ts).
import { createHash } from 'node:crypto';
import { SpanKind, SpanStatusCode, type Attributes, type AttributeValue, type HrTime, type SpanStatus } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  ATTR_GEN_AI_RESPONSE_MODEL, ATTR_GEN_AI_USAGE_INPUT_TOKENS, ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_OPERATION_NAME_VALUE_CHAT,
} from '@opentelemetry/semantic-conventions/incubating';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { DecisionRecord } from '../../protocol/record';
import { decisionType, signalTypes } from '../store/siem';

/** One span to emit: ids, times and attributes fixed by the record (the same record gives the same span). */
export interface PlannedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: SpanKind;
  start: HrTime;
  end: HrTime;
  attributes: Attributes;
  status: SpanStatus;
}

type Attr = AttributeValue | null | undefined;

/** Drops the absent values (the SDK would warn about each). */
export function attributes(pairs: Record<string, Attr>): Attributes {
  const out: Attributes = {};
  for (const [key, v] of Object.entries(pairs)) if (v !== null && v !== undefined) out[key] = v;
  return out;
}

/** The record id (UUIDv7, 128 bits) is the trace id: a collector links a span to `airlock audit export` lines. */
export const traceIdOf = (recordId: string) => recordId.replace(/-/g, '').toLowerCase().padEnd(32, '0').slice(0, 32);
const spanIdOf = (recordId: string, which: string) => createHash('sha256').update(`${recordId}:${which}`).digest('hex').slice(0, 16);
/** Epoch milliseconds as an HrTime, to the microsecond (what the record's float milliseconds carry). */
export function hrTime(ms: number): HrTime {
  const micros = Math.round(ms * 1000);
  return [Math.floor(micros / 1e6), (micros % 1e6) * 1000];
}

/** sha256 of the prompt as the record keeps it (redacted unless `storePrompts: full`), when it keeps one: a hash
 *  of the raw prompt would let anyone holding the spans test guesses of a short secret against it. */
const inputHash = (r: DecisionRecord) => (r.prompt.text === undefined ? undefined : createHash('sha256').update(r.prompt.text).digest('hex'));

/** The OTel finish reason for a record's outcome. */
function finishReason(r: DecisionRecord): string {
  if (r.status === 'ok') return 'stop';
  if (r.status === 'blocked') return 'content_filter';
  return r.status; // error, cancelled
}

export function recordSpans(r: DecisionRecord): PlannedSpan[] {
  const traceId = traceIdOf(r.id);
  const start = Date.parse(r.createdAt);
  const end = start + (r.latencyMs ?? r.scanMs ?? 0);
  const type = decisionType(r);
  const failed = r.status === 'error';
  const guardId = spanIdOf(r.id, 'guardrail');
  const called = r.route.target !== 'blocked' && r.route.provider !== null && r.attempts.length > 0;
  const inferenceId = spanIdOf(r.id, 'inference');
  const used = r.attempts.findLast((a) => a.outcome === 'ok') ?? r.attempts.at(-1);
  const spans: PlannedSpan[] = [];
  if (called) {
    spans.push({
      traceId,
      spanId: inferenceId,
      name: `chat ${r.route.model ?? r.route.modelId ?? ''}`.trim(),
      kind: SpanKind.CLIENT,
      start: hrTime(start),
      end: hrTime(end),
      attributes: attributes({
        [ATTR_GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_NAME_VALUE_CHAT,
        [ATTR_GEN_AI_PROVIDER_NAME]: used?.provider ?? r.route.provider,
        [ATTR_GEN_AI_REQUEST_MODEL]: r.route.model,
        [ATTR_GEN_AI_RESPONSE_MODEL]: r.route.model,
        [ATTR_GEN_AI_USAGE_INPUT_TOKENS]: r.tokens?.input,
        [ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]: r.tokens?.output,
        [ATTR_GEN_AI_RESPONSE_FINISH_REASONS]: [finishReason(r)],
        'airlock.record.id': r.id,
        'airlock.model.id': used?.modelId ?? r.route.modelId,
        'airlock.cost_usd': r.costUsd,
        'airlock.first_token_ms': r.firstTokenMs,
        'airlock.fallbacks': r.fallbacks,
        'airlock.tools.used': r.toolsUsed?.length ? r.toolsUsed : undefined,
        [ATTR_ERROR_TYPE]: r.error?.code,
      }),
      status: failed ? { code: SpanStatusCode.ERROR, message: r.error?.code ?? 'error' } : { code: SpanStatusCode.OK },
    });
  }
  spans.push({
    traceId,
    spanId: guardId,
    ...(called ? { parentSpanId: inferenceId } : {}),
    name: 'apply_guardrail airlock',
    kind: SpanKind.INTERNAL,
    start: hrTime(start),
    end: hrTime(start + (r.scanMs ?? 0)),
    attributes: attributes({
      [ATTR_GEN_AI_OPERATION_NAME]: 'apply_guardrail',
      'gen_ai.guardian.name': 'airlock',
      'gen_ai.security.target.type': 'llm_input',
      'gen_ai.security.decision.type': type,
      'gen_ai.security.decision.reason': r.explanation,
      'gen_ai.security.decision.code': r.rule.id,
      'gen_ai.security.policy.id': r.policy.id ?? `${r.policy.name}@sha256:${r.policy.hash}`,
      'gen_ai.security.policy.name': r.policy.name,
      'gen_ai.security.policy.version': r.policy.version,
      'gen_ai.security.content.modified': r.redactions.length > 0,
      'gen_ai.security.input.hash': inputHash(r),
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
    status: { code: SpanStatusCode.OK },
  });
  return spans;
}
