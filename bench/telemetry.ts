// OpenTelemetry export overhead: what a decision costs on the request path (the store's commit hands the record to
// the exporter: enqueue, spans queued and metrics counted) against the target of <= 0.1 ms, and what building its spans costs off the path (the timer).
import { performance } from 'node:perf_hooks';
import { createExporter } from '../daemon/telemetry/exporter';
import { recordSpans } from '../daemon/telemetry/spans';
import { makeRecords } from '../test/helpers/records';
import { percentiles, withTarget, type BenchResult } from './stats';

const N = 10_000;

export async function benchTelemetry(): Promise<BenchResult[]> {
  const records = makeRecords(N, 0);
  // A collector that is never reached during the run: the interval is longer than the bench.
  const exporter = createExporter({ url: 'http://127.0.0.1:9/v1/traces', metricsUrl: 'http://127.0.0.1:9/v1/metrics', headers: {}, serviceName: 'bench', sampleRatio: 1, queueSize: N, batchSize: N + 1, intervalMs: 600_000 }, {
    version: 'bench', fetch: (async () => new Response('{}')) as unknown as typeof fetch,
  });
  const enqueue: number[] = [];
  for (const r of records) {
    const start = performance.now();
    exporter.enqueue(r);
    enqueue.push(performance.now() - start);
  }
  const build: number[] = [];
  for (const r of records.slice(0, 2_000)) {
    const start = performance.now();
    JSON.stringify(recordSpans(r));
    build.push(performance.now() - start);
  }
  await exporter.close(1);
  const onPath = percentiles(`telemetry: enqueue a decision for OTLP export (request path), ${N} records`, enqueue);
  return [withTarget(onPath, 'p50 <= 0.1 ms', onPath.p50 <= 0.1), percentiles('telemetry: build and encode one decision\'s spans (off the request path)', build)];
}
