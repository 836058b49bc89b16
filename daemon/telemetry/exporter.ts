// Sends decision records to an OpenTelemetry collector as OTLP/HTTP JSON (POST <endpoint>/v1/traces), off the request
// path: the store's commit hands the record over (an array push), a timer builds the spans and sends them in batches.
// The collector being down costs nothing local: records are in the store already; the queue is bounded (the oldest
// spans are dropped and counted), a failed batch is retried with backoff, and each record is sent until a 2xx
// answers for it (at least once; a collector that answered is not sent the batch again).
import os from 'node:os';
import type { DecisionRecord } from '../../protocol/record';
import { createMetrics, metricsRequest } from './metrics';
import { sampled, traceRequest } from './spans';

export interface TelemetrySettings {
  /** The full traces URL (…/v1/traces). */
  url: string;
  /** The full metrics URL (…/v1/metrics), or null: no metrics (only a custom traces URL was given). */
  metricsUrl?: string | null;
  headers: Record<string, string>;
  serviceName: string;
  sampleRatio: number;
  queueSize: number;
  batchSize: number;
  intervalMs: number;
}

export interface TelemetryStats {
  endpoint: string;
  /** Records waiting to be sent. */
  queued: number;
  /** Records whose spans the collector accepted. */
  sent: number;
  /** Records whose spans were dropped: queue full, or a collector that refused the batch for good (4xx). */
  dropped: number;
  /** The last send failed; the batch is retried. */
  failing: boolean;
  lastError: string | null;
}

export interface TelemetryExporter {
  /** Queues the record's spans (sampled). O(1), never throws, never waits. */
  enqueue(record: DecisionRecord): void;
  stats(): TelemetryStats;
  /** Stops the timer; tries one last send, bounded by `timeoutMs`. */
  close(timeoutMs?: number): Promise<void>;
}

export interface ExporterDeps {
  version: string;
  fetch?: typeof fetch;
  log?: { info(msg: string, f?: object): void; error(msg: string, f?: object): void };
}

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 60_000;

export function createExporter(settings: TelemetrySettings, deps: ExporterDeps): TelemetryExporter {
  const doFetch = deps.fetch ?? fetch;
  const resource = { serviceName: settings.serviceName, version: deps.version, hostname: os.hostname() };
  const queue: DecisionRecord[] = [];
  let sent = 0;
  let dropped = 0;
  let failures = 0;
  let lastError: string | null = null;
  let sending: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const metrics = settings.metricsUrl ? createMetrics() : null;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void send();
    }, ms).unref();
  };
  const fail = (message: string) => {
    if (failures === 0) deps.log?.error('telemetry export failed, retrying', { code: 'AIRLOCK_E_TELEMETRY', url: settings.url, message });
    failures++;
    lastError = message;
  };

  async function sendBatch(signal?: AbortSignal): Promise<void> {
    const batch = queue.slice(0, settings.batchSize);
    if (batch.length === 0) return;
    let res: Response;
    try {
      res = await doFetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...settings.headers },
        body: JSON.stringify(traceRequest(batch, resource)),
        signal: signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      return fail((err as Error).cause instanceof Error ? `${(err as Error).message}: ${((err as Error).cause as Error).message}` : (err as Error).message);
    }
    // The queue may have lost its oldest entries meanwhile (overflow): remove exactly the batch that was sent.
    const remove = () => {
      for (const r of batch) {
        const i = queue.indexOf(r);
        if (i >= 0) queue.splice(i, 1);
      }
    };
    if (res.ok) {
      remove();
      sent += batch.length;
      if (failures > 0) deps.log?.info('telemetry export recovered', { url: settings.url, failures });
      failures = 0;
      lastError = null;
      return;
    }
    if (res.status === 429 || res.status >= 500 || res.status === 408) return fail(`HTTP ${res.status}`);
    // Any other refusal will not change on retry: drop the batch, count it, keep going.
    remove();
    dropped += batch.length;
    deps.log?.error('telemetry batch refused by the collector, dropped', { code: 'AIRLOCK_E_TELEMETRY', url: settings.url, status: res.status, records: batch.length });
  }

  /** Sends the metrics counted since the last send; a failed send puts them back for the next one. */
  async function sendMetrics(signal?: AbortSignal): Promise<void> {
    const snapshot = metrics?.take(Date.now());
    if (!metrics || !snapshot) return;
    try {
      const res = await doFetch(settings.metricsUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...settings.headers },
        body: JSON.stringify(metricsRequest(snapshot, Date.now(), resource)),
        signal: signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return;
      if (res.status === 429 || res.status >= 500 || res.status === 408) {
        metrics.restore(snapshot);
        return fail(`metrics: HTTP ${res.status}`);
      }
      deps.log?.error('telemetry metrics refused by the collector, dropped', { code: 'AIRLOCK_E_TELEMETRY', url: settings.metricsUrl, status: res.status });
    } catch (err) {
      metrics.restore(snapshot);
      fail(`metrics: ${(err as Error).message}`);
    }
  }

  function send(): Promise<void> {
    sending ??= (async () => {
      try {
        const before = failures;
        while (queue.length > 0 && !closed) {
          const round = failures;
          await sendBatch();
          if (failures > round) break;
        }
        if (failures === before || failures === 0) await sendMetrics();
      } finally {
        sending = null;
        const backoff = failures > 0 ? Math.min(settings.intervalMs * 2 ** Math.min(failures - 1, 16), Math.max(MAX_BACKOFF_MS, settings.intervalMs)) : settings.intervalMs;
        if (queue.length > 0 || metrics?.pending()) schedule(backoff);
      }
    })();
    return sending;
  }

  return {
    enqueue(record) {
      if (closed) return;
      // Metrics count every decision; spans follow the sampling.
      metrics?.add(record);
      if (sampled(record.id, settings.sampleRatio)) queue.push(record);
      if (queue.length > settings.queueSize) {
        queue.shift();
        dropped++;
      }
      // A waiting timer (or the backoff, or the send under way) takes it; a full batch goes at once unless the
      // collector is failing.
      if (sending) return;
      if (queue.length >= settings.batchSize && failures === 0) schedule(0);
      else if (!timer) schedule(settings.intervalMs);
    },
    stats: () => ({ endpoint: settings.url, queued: queue.length, sent, dropped, failing: failures > 0, lastError }),
    async close(timeoutMs = 2_000) {
      closed = true;
      clearTimeout(timer);
      await sending?.catch(() => undefined);
      if (queue.length > 0) {
        const pending = queue.length;
        await sendBatch(AbortSignal.timeout(timeoutMs)).catch(() => undefined);
        if (queue.length > 0) deps.log?.info('telemetry: spans not sent at shutdown', { records: queue.length, of: pending });
      }
      await sendMetrics(AbortSignal.timeout(timeoutMs)).catch(() => undefined);
    },
  };
}
