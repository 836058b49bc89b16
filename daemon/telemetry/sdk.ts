// The OpenTelemetry SDK pipeline for decisions. exporter.ts loads this module with import() only when telemetry is
// configured, so a daemon that exports nothing never loads the SDK (nor pays its memory).
// - Traces: BasicTracerProvider → BatchSpanProcessor (the bounded queue: beyond `queueSize` spans are dropped and
//   counted) → HoldingExporter (below) → OTLPTraceExporter (OTLP/HTTP JSON; it retries 429/502/503/504 and network
//   errors with backoff within its timeout).
// - Metrics: MeterProvider → PeriodicExportingMetricReader → OTLPMetricExporter, cumulative (metrics.ts).
// Span and trace ids come from the record (spans.ts), through an IdGenerator that hands out the planned ids.
import os from 'node:os';
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Attributes, type MeterProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AggregationTemporalityPreference, OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider as SdkMeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider, BatchSpanProcessor, SamplingDecision, TraceIdRatioBasedSampler, type BufferConfig, type ReadableSpan, type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { ATTR_HOST_NAME } from '@opentelemetry/semantic-conventions/incubating';
import type { DecisionRecord } from '../../protocol/record';
import type { ExporterDeps, TelemetrySettings, TelemetryStats } from './exporter';
import { decisionMetrics } from './metrics';
import { recordSpans, traceIdOf } from './spans';

type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];
/** @opentelemetry/core's ExportResultCode (core is not a dependency of ours: the numbers are the API). */
const SUCCESS = 0;
const FAILED = 1;
const MAX_BACKOFF_MS = 60_000;
/** The BatchSpanProcessor waits for HoldingExporter as long as it holds a batch (the longest timer Node takes). */
const WAIT_FOR_EXPORT_MS = 2 ** 31 - 1;

export interface Pipeline {
  /** Emits the record's spans (sampled) and counts its metrics. */
  record(r: DecisionRecord): void;
  stats(): Omit<TelemetryStats, 'endpoint'>;
  shutdown(timeoutMs: number): Promise<void>;
}

/** The SDK's ratio sampler on the record's trace id: the same record is in or out on every machine and every retry. */
export function sampled(recordId: string, ratio: number): boolean {
  return new TraceIdRatioBasedSampler(ratio).shouldSample(ROOT_CONTEXT, traceIdOf(recordId)).decision === SamplingDecision.RECORD_AND_SAMPLED;
}

/** A 4xx other than 408/429 will not change on retry: the OTLP exporter's HTTP error carries the status as `code`. */
function refusedForGood(err: Error | undefined): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' && code >= 400 && code < 500 && code !== 408 && code !== 429;
}

const describe = (err: Error | undefined) => {
  const e = err as (Error & { code?: unknown; cause?: unknown }) | undefined;
  if (!e) return 'export failed';
  if (typeof e.code === 'number') return `HTTP ${e.code}${e.message ? ` ${e.message}` : ''}`;
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
};

/**
 * Between the BatchSpanProcessor and the OTLP exporter: a batch the exporter could not deliver (collector down, its
 * own retries spent) is tried again with backoff instead of being lost, while the processor keeps queueing (and,
 * when full, dropping and counting) the spans that follow. A batch the collector refuses for good is dropped and
 * counted. Sent and failing are counted here for health/get.
 */
class HoldingExporter implements SpanExporter {
  inFlight = 0;
  sent = 0;
  refused = 0;
  failures = 0;
  lastError: string | null = null;
  closing = false;
  private wakes = new Set<() => void>();

  constructor(private readonly inner: SpanExporter, private readonly intervalMs: number, private readonly log: ExporterDeps['log']) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inFlight += spans.length;
    void this.deliver(spans).then((result) => {
      this.inFlight -= spans.length;
      done(result);
    });
  }

  private async deliver(spans: ReadableSpan[]): Promise<ExportResult> {
    for (;;) {
      // At shutdown against a collector already failing, skip the attempt: its retries would hold the exit.
      const result = this.closing && this.failures > 0
        ? { code: FAILED, error: new Error(this.lastError ?? 'export failed') }
        : await new Promise<ExportResult>((resolve) => this.inner.export(spans, resolve));
      if (result.code === SUCCESS) {
        this.sent += spans.length;
        if (this.failures > 0) this.log?.info('telemetry export recovered', { failures: this.failures });
        this.failures = 0;
        this.lastError = null;
        return result;
      }
      if (refusedForGood(result.error)) {
        this.refused += spans.length;
        this.log?.error('telemetry batch refused by the collector, dropped', { code: 'AIRLOCK_E_TELEMETRY', message: describe(result.error), spans: spans.length });
        return result;
      }
      if (this.failures === 0) this.log?.error('telemetry export failed, retrying', { code: 'AIRLOCK_E_TELEMETRY', message: describe(result.error) });
      this.failures++;
      this.lastError = describe(result.error);
      if (this.closing) {
        this.log?.info('telemetry: spans not sent at shutdown', { spans: spans.length });
        return result;
      }
      await this.pause(Math.min(this.intervalMs * 2 ** Math.min(this.failures - 1, 16), Math.max(MAX_BACKOFF_MS, this.intervalMs)));
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakes.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms).unref();
      this.wakes.add(wake);
    });
  }

  /** Stops retrying: each held batch makes no further attempt. */
  close(): void {
    this.closing = true;
    for (const wake of [...this.wakes]) wake();
  }

  shutdown(): Promise<void> {
    this.close();
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * The span processor's own counters (its queue length, the spans it dropped because the queue was full), read through
 * its public self-observability hook: a MeterProvider that keeps the two numbers instead of exporting them.
 */
function processorCounters() {
  let dropped = 0;
  let observeQueue: ((result: { observe(n: number): void }) => void) | null = null;
  const meter = {
    createCounter: () => ({ add: (n: number, attrs?: Attributes) => void (attrs?.['error.type'] === 'queue_full' && (dropped += n)) }),
    createUpDownCounter: () => ({ add: () => undefined }),
    createObservableUpDownCounter: () => ({ addCallback: (cb: typeof observeQueue) => void (observeQueue = cb), removeCallback: () => undefined }),
  };
  return {
    provider: { getMeter: () => meter } as unknown as MeterProvider,
    dropped: () => dropped,
    queued: () => {
      let n = 0;
      observeQueue?.({ observe: (v) => (n = v) });
      return n;
    },
  };
}

export function createPipeline(settings: TelemetrySettings, deps: ExporterDeps): Pipeline {
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName, [ATTR_SERVICE_VERSION]: deps.version, [ATTR_HOST_NAME]: os.hostname() });
  const timeoutMillis = settings.timeoutMs ?? 10_000;
  const holding = new HoldingExporter(new OTLPTraceExporter({ url: settings.url, headers: settings.headers, timeoutMillis }), settings.intervalMs, deps.log);
  const counters = processorCounters();
  const processorConfig = {
    maxQueueSize: settings.queueSize,
    maxExportBatchSize: Math.min(settings.batchSize, settings.queueSize),
    scheduledDelayMillis: settings.intervalMs,
    exportTimeoutMillis: WAIT_FOR_EXPORT_MS,
    selfObsMeterProvider: counters.provider,
  };
  // The ids of the span being started: the SDK asks the generator, and the record decided them (spans.ts).
  const next = { traceId: '', spanId: '' };
  const tracerProvider = new BasicTracerProvider({
    resource,
    sampler: new TraceIdRatioBasedSampler(settings.sampleRatio),
    idGenerator: { generateTraceId: () => next.traceId, generateSpanId: () => next.spanId },
    spanProcessors: [new BatchSpanProcessor(holding, processorConfig as BufferConfig)],
  });
  const tracer = tracerProvider.getTracer('airlock', deps.version);

  // Metrics leave at the span interval, but not more often than once a second (the reader's timeout must fit in it).
  const metricsInterval = Math.max(settings.intervalMs, 1_000);
  const meterProvider = settings.metricsUrl ? new SdkMeterProvider({
    resource,
    readers: [new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: settings.metricsUrl, headers: settings.headers, timeoutMillis, temporalityPreference: AggregationTemporalityPreference.CUMULATIVE }),
      exportIntervalMillis: metricsInterval,
      exportTimeoutMillis: Math.min(timeoutMillis, metricsInterval),
    })],
  }) : null;
  const countMetrics = meterProvider ? decisionMetrics(meterProvider.getMeter('airlock', deps.version)) : null;

  return {
    record(r) {
      countMetrics?.(r);
      for (const span of recordSpans(r)) {
        next.traceId = span.traceId;
        next.spanId = span.spanId;
        const parent = span.parentSpanId ? trace.setSpanContext(ROOT_CONTEXT, { traceId: span.traceId, spanId: span.parentSpanId, traceFlags: TraceFlags.SAMPLED }) : ROOT_CONTEXT;
        const s = tracer.startSpan(span.name, { kind: span.kind ?? SpanKind.INTERNAL, startTime: span.start, attributes: span.attributes }, parent);
        s.setStatus(span.status);
        s.end(span.end);
      }
    },
    stats: () => ({
      queued: counters.queued() + holding.inFlight,
      sent: holding.sent,
      dropped: counters.dropped() + holding.refused,
      failing: holding.failures > 0,
      lastError: holding.lastError,
    }),
    async shutdown(timeoutMs) {
      holding.close();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs).unref()));
      await Promise.race([Promise.allSettled([tracerProvider.shutdown(), meterProvider?.shutdown()]), bound]);
      clearTimeout(timer);
    },
  };
}
