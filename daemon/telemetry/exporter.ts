// Sends decision records to an OpenTelemetry collector over OTLP/HTTP, off the request path: the store's commit hands
// the record over (an array push); on the next turn of the event loop the official SDK (sdk.ts, loaded with import()
// only when telemetry is configured) turns it into spans and metrics and its BatchSpanProcessor sends them in batches.
// The collector being down costs nothing local: records are in the store already; the span queue is bounded (spans
// beyond it are dropped and counted), a failed batch is retried with backoff until the collector takes it.
import type { DecisionRecord } from '../../protocol/record';
import type { Pipeline } from './sdk';

export interface TelemetrySettings {
  /** The full traces URL (…/v1/traces). */
  url: string;
  /** The full metrics URL (…/v1/metrics), or null: no metrics (only a custom traces URL was given). */
  metricsUrl?: string | null;
  headers: Record<string, string>;
  serviceName: string;
  sampleRatio: number;
  /** Spans waiting at most (the BatchSpanProcessor's queue). */
  queueSize: number;
  batchSize: number;
  intervalMs: number;
  /** One export's bound, its retries included (OTEL_EXPORTER_OTLP_TIMEOUT; 10 s by default). */
  timeoutMs?: number;
}

export interface TelemetryStats {
  endpoint: string;
  /** Spans waiting to be sent (and records not yet turned into spans). */
  queued: number;
  /** Spans the collector accepted. */
  sent: number;
  /** Spans dropped: queue full, or a collector that refused the batch for good (4xx). */
  dropped: number;
  /** The last send failed; the batch is retried. */
  failing: boolean;
  lastError: string | null;
}

export interface TelemetryExporter {
  /** Hands the record over. O(1), never throws, never waits. */
  enqueue(record: DecisionRecord): void;
  stats(): TelemetryStats;
  /** Resolves once the SDK is loaded (or failed to load): records handed over from then on reach it on the next turn. */
  loaded(): Promise<void>;
  /** Sends what it can, bounded by `timeoutMs`, then stops. */
  close(timeoutMs?: number): Promise<void>;
}

export interface ExporterDeps {
  version: string;
  log?: { info(msg: string, f?: object): void; error(msg: string, f?: object): void };
  /** The SDK pipeline (tests); sdk.ts's by default, loaded on first use. */
  pipeline?: (settings: TelemetrySettings, deps: ExporterDeps) => Pipeline;
}

export function createExporter(settings: TelemetrySettings, deps: ExporterDeps): TelemetryExporter {
  // Records handed over and not yet given to the SDK (it is loading, or this turn of the event loop is not over).
  const pending: DecisionRecord[] = [];
  let overflow = 0;
  let pipeline: Pipeline | null = null;
  let loadError: string | null = null;
  let draining = false;
  let closed = false;

  const drain = () => {
    draining = false;
    if (!pipeline) return;
    for (const r of pending.splice(0)) {
      try {
        pipeline.record(r);
      } catch (err) {
        deps.log?.error('telemetry: a record could not be exported', { code: 'AIRLOCK_E_TELEMETRY', record: r.id, message: (err as Error).message });
      }
    }
  };
  const loading = (deps.pipeline ? Promise.resolve(deps.pipeline) : import('./sdk').then((m) => m.createPipeline)).then(
    (create) => {
      pipeline = create(settings, deps);
      drain();
    },
    (err: Error) => {
      loadError = `OpenTelemetry SDK failed to load: ${err.message}`;
      deps.log?.error('telemetry disabled', { code: 'AIRLOCK_E_TELEMETRY', message: loadError });
    },
  );

  return {
    enqueue(record) {
      if (closed || loadError) return;
      pending.push(record);
      if (pending.length > settings.queueSize) {
        pending.shift();
        overflow++;
      }
      if (pipeline && !draining) {
        draining = true;
        setImmediate(drain);
      }
    },
    stats() {
      const s = pipeline?.stats();
      return {
        endpoint: settings.url,
        queued: pending.length + (s?.queued ?? 0),
        sent: s?.sent ?? 0,
        dropped: overflow + (s?.dropped ?? 0),
        failing: loadError !== null || (s?.failing ?? false),
        lastError: loadError ?? s?.lastError ?? null,
      };
    },
    loaded: () => loading,
    async close(timeoutMs = 2_000) {
      closed = true;
      await loading;
      drain();
      await pipeline?.shutdown(timeoutMs);
    },
  };
}
