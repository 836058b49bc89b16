// Per-decision metrics for OTLP (/v1/metrics), aggregated in memory between sends as delta sums: every decision is
// counted (trace sampling does not apply), by route, rule, decision type and provider; tokens by type; cost; and the
// decision latency as a histogram. A failed send merges its snapshot back, so nothing is counted twice or lost
// while the daemon runs.
import type { DecisionRecord } from '../../protocol/record';
import { decisionType } from '../store/siem';
import { attributes, type KeyValue } from './spans';

/** Latency bucket bounds in ms. */
export const LATENCY_BOUNDS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

interface Series { attrs: Record<string, string>; decisions: number; inputTokens: number; outputTokens: number; cost: number; latency: { count: number; sum: number; buckets: number[] } }

export interface MetricsAggregator {
  add(record: DecisionRecord): void;
  /** Takes what was counted since the last take (start time of the delta included); null when nothing was. */
  take(nowMs: number): MetricsSnapshot | null;
  /** Puts a snapshot whose send failed back, to go with the next one. */
  restore(snapshot: MetricsSnapshot): void;
  /** Something was counted and not yet sent. */
  pending(): boolean;
}

export interface MetricsSnapshot { startMs: number; series: Series[] }

const emptySeries = (attrs: Record<string, string>): Series => ({ attrs, decisions: 0, inputTokens: 0, outputTokens: 0, cost: 0, latency: { count: 0, sum: 0, buckets: new Array<number>(LATENCY_BOUNDS.length + 1).fill(0) } });

function mergeInto(into: Series, s: Series): void {
  into.decisions += s.decisions;
  into.inputTokens += s.inputTokens;
  into.outputTokens += s.outputTokens;
  into.cost += s.cost;
  into.latency.count += s.latency.count;
  into.latency.sum += s.latency.sum;
  s.latency.buckets.forEach((n, i) => (into.latency.buckets[i]! += n));
}

export function createMetrics(nowMs: () => number = Date.now): MetricsAggregator {
  let series = new Map<string, Series>();
  let startMs = nowMs();
  return {
    add(r) {
      const attrs = { 'airlock.route': r.route.target, 'airlock.rule.id': r.rule.id, 'gen_ai.security.decision.type': decisionType(r), 'gen_ai.provider.name': r.route.provider ?? 'none' };
      const key = `${attrs['airlock.route']}\u0000${attrs['airlock.rule.id']}\u0000${attrs['gen_ai.security.decision.type']}\u0000${attrs['gen_ai.provider.name']}`;
      let s = series.get(key);
      if (!s) series.set(key, (s = emptySeries(attrs)));
      s.decisions++;
      s.inputTokens += r.tokens?.input ?? 0;
      s.outputTokens += r.tokens?.output ?? 0;
      s.cost += r.costUsd ?? 0;
      if (r.latencyMs !== null) {
        s.latency.count++;
        s.latency.sum += r.latencyMs;
        const i = LATENCY_BOUNDS.findIndex((b) => r.latencyMs! <= b);
        s.latency.buckets[i === -1 ? LATENCY_BOUNDS.length : i]!++;
      }
    },
    take(now) {
      if (series.size === 0) return null;
      const snapshot = { startMs, series: [...series.values()] };
      series = new Map();
      startMs = now;
      return snapshot;
    },
    pending: () => series.size > 0,
    restore(snapshot) {
      for (const s of snapshot.series) {
        const key = Object.values(s.attrs).join('\u0000');
        const had = series.get(key);
        if (had) mergeInto(had, s);
        else series.set(key, s);
      }
      startMs = Math.min(startMs, snapshot.startMs);
    },
  };
}

const nanos = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

/** An ExportMetricsServiceRequest in the OTLP/JSON encoding (delta temporality). */
export function metricsRequest(snapshot: MetricsSnapshot, endMs: number, resource: { serviceName: string; version: string; hostname: string }) {
  const DELTA = 1;
  const point = (s: Series, extra: Record<string, string> = {}): { attributes: KeyValue[]; startTimeUnixNano: string; timeUnixNano: string } => ({
    attributes: attributes({ ...s.attrs, ...extra }), startTimeUnixNano: nanos(snapshot.startMs), timeUnixNano: nanos(endMs),
  });
  const metrics = [
    { name: 'airlock.decisions', unit: '{decision}', description: 'Decisions taken, by route, rule, decision type and provider', sum: { aggregationTemporality: DELTA, isMonotonic: true, dataPoints: snapshot.series.map((s) => ({ ...point(s), asInt: String(s.decisions) })) } },
    { name: 'airlock.tokens', unit: '{token}', description: 'Tokens used, by type (input, output)', sum: { aggregationTemporality: DELTA, isMonotonic: true, dataPoints: snapshot.series.flatMap((s) => [{ ...point(s, { 'gen_ai.token.type': 'input' }), asInt: String(s.inputTokens) }, { ...point(s, { 'gen_ai.token.type': 'output' }), asInt: String(s.outputTokens) }]) } },
    { name: 'airlock.cost', unit: 'USD', description: 'Estimated cost of the answered requests', sum: { aggregationTemporality: DELTA, isMonotonic: true, dataPoints: snapshot.series.map((s) => ({ ...point(s), asDouble: s.cost })) } },
    { name: 'airlock.decision.duration', unit: 'ms', description: 'Request latency, decision to last token', histogram: { aggregationTemporality: DELTA, dataPoints: snapshot.series.filter((s) => s.latency.count > 0).map((s) => ({ ...point(s), count: String(s.latency.count), sum: s.latency.sum, bucketCounts: s.latency.buckets.map(String), explicitBounds: LATENCY_BOUNDS })) } },
  ];
  return {
    resourceMetrics: [{
      resource: { attributes: attributes({ 'service.name': resource.serviceName, 'service.version': resource.version, 'host.name': resource.hostname }) },
      scopeMetrics: [{ scope: { name: 'airlock', version: resource.version }, metrics }],
    }],
  };
}
