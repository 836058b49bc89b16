// OpenTelemetry export overhead: what a decision costs on the request path (the store's commit hands the record to
// the exporter: an array push) against the target of <= 0.1 ms, and what the official SDK costs per decision off the
// path (on the next turn of the event loop: its two spans started and ended into the BatchSpanProcessor, its metrics
// counted). The collector is never reached during the run: the interval is longer than the bench.
import { performance } from 'node:perf_hooks';
import { createExporter } from '../daemon/telemetry/exporter';
import { createPipeline } from '../daemon/telemetry/sdk';
import { makeRecords } from '../test/helpers/records';
import { percentiles, withTarget, type BenchResult } from './stats';

const N = 10_000;

export async function benchTelemetry(): Promise<BenchResult[]> {
  const records = makeRecords(N, 0);
  const settings = { url: 'http://127.0.0.1:9/v1/traces', metricsUrl: 'http://127.0.0.1:9/v1/metrics', headers: {}, serviceName: 'bench', sampleRatio: 1, queueSize: 2 * N, batchSize: 2 * N, intervalMs: 600_000, timeoutMs: 100 };
  const exporter = createExporter(settings, { version: 'bench' });
  await exporter.loaded();
  const enqueue: number[] = [];
  for (const r of records) {
    const start = performance.now();
    exporter.enqueue(r);
    enqueue.push(performance.now() - start);
  }
  await exporter.close(1);
  const pipeline = createPipeline(settings, { version: 'bench' });
  const build: number[] = [];
  for (const r of records) {
    const start = performance.now();
    pipeline.record(r);
    build.push(performance.now() - start);
  }
  await pipeline.shutdown(1);
  const onPath = percentiles(`telemetry: enqueue a decision for OTLP export (request path), ${N} records`, enqueue);
  return [withTarget(onPath, 'p50 <= 0.1 ms', onPath.p50 <= 0.1), percentiles('telemetry: SDK spans + metrics of one decision (off the request path)', build)];
}
