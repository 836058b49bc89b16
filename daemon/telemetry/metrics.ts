// Per-decision metrics through the OpenTelemetry metrics API: every decision is counted (trace sampling does not
// apply), by route, rule, decision type and provider; tokens by type; cost; and the decision latency as a histogram.
// The SDK aggregates them cumulatively (the OTel default): an export the collector missed is carried by the next one,
// so a collector that was down loses no count and a retried export never counts one twice.
import { ValueType, type Meter } from '@opentelemetry/api';
import { ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_TOKEN_TYPE } from '@opentelemetry/semantic-conventions/incubating';
import type { DecisionRecord } from '../../protocol/record';
import { decisionType } from '../store/siem';

/** Latency bucket bounds in ms. */
export const LATENCY_BOUNDS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

export type RecordMetrics = (record: DecisionRecord) => void;

export function decisionMetrics(meter: Meter): RecordMetrics {
  const decisions = meter.createCounter('airlock.decisions', { unit: '{decision}', description: 'Decisions taken, by route, rule, decision type and provider', valueType: ValueType.INT });
  const tokens = meter.createCounter('airlock.tokens', { unit: '{token}', description: 'Tokens used, by type (input, output)', valueType: ValueType.INT });
  const cost = meter.createCounter('airlock.cost', { unit: 'USD', description: 'Estimated cost of the answered requests', valueType: ValueType.DOUBLE });
  const duration = meter.createHistogram('airlock.decision.duration', { unit: 'ms', description: 'Request latency, decision to last token', advice: { explicitBucketBoundaries: LATENCY_BOUNDS } });
  return (r) => {
    const attrs = { 'airlock.route': r.route.target, 'airlock.rule.id': r.rule.id, 'gen_ai.security.decision.type': decisionType(r), [ATTR_GEN_AI_PROVIDER_NAME]: r.route.provider ?? 'none' };
    decisions.add(1, attrs);
    tokens.add(r.tokens?.input ?? 0, { ...attrs, [ATTR_GEN_AI_TOKEN_TYPE]: 'input' });
    tokens.add(r.tokens?.output ?? 0, { ...attrs, [ATTR_GEN_AI_TOKEN_TYPE]: 'output' });
    cost.add(r.costUsd ?? 0, attrs);
    if (r.latencyMs !== null) duration.record(r.latencyMs, attrs);
  };
}
