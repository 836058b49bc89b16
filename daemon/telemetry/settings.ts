// Where decisions go, from the config's `telemetry` and the standard OpenTelemetry variables: the config wins key by
// key (a managed machine config is the administrator's choice); OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is),
// OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces, /v1/metrics), OTEL_EXPORTER_OTLP_METRICS_ENDPOINT, OTEL_EXPORTER_OTLP_(TRACES_)HEADERS (`k=v,k2=v2`, URL-encoded),
// OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT (ms), OTEL_SERVICE_NAME, and OTEL_SDK_DISABLED=true (no export at all) fill what it
// leaves out.
import type { DaemonConfig } from '../config';
import type { TelemetrySettings } from './exporter';

const TRACES_PATH = '/v1/traces';

const tracesUrl = (base: string) => (base.replace(/\/+$/, '').endsWith(TRACES_PATH) ? base : `${base.replace(/\/+$/, '')}${TRACES_PATH}`);
/** The metrics URL beside a base endpoint (or beside its /v1/traces). */
const metricsUrl = (base: string) => `${base.replace(/\/+$/, '').replace(/\/v1\/traces$/, '')}/v1/metrics`;

function parseHeaders(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    try {
      out[decodeURIComponent(pair.slice(0, eq).trim())] = decodeURIComponent(pair.slice(eq + 1).trim());
    } catch {
      // A malformed escape: skip the pair rather than send a wrong header.
    }
  }
  return out;
}

const positive = (text: string | undefined) => {
  const n = Number(text);
  return text && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** The export settings, or null when no endpoint is configured (or OTEL_SDK_DISABLED=true). */
export function telemetrySettings(config: DaemonConfig, env: NodeJS.ProcessEnv): TelemetrySettings | null {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return null;
  const t = config.telemetry;
  const url = t?.otlpEndpoint ? tracesUrl(t.otlpEndpoint)
    : env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
      : env.OTEL_EXPORTER_OTLP_ENDPOINT ? tracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT) : null;
  if (!url) return null;
  // Metrics go beside the traces: the config's endpoint, else OTEL_EXPORTER_OTLP_METRICS_ENDPOINT (as is) or the base
  // endpoint; a custom traces URL alone gives no metrics URL to guess.
  const metrics = t?.otlpEndpoint ? metricsUrl(t.otlpEndpoint)
    : env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ? env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT
      : env.OTEL_EXPORTER_OTLP_ENDPOINT ? metricsUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT) : null;
  return {
    url,
    metricsUrl: metrics,
    headers: { ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS), ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS), ...(t?.headers ?? {}) },
    // A service name the config spells out wins; the schema's default gives way to OTEL_SERVICE_NAME.
    serviceName: (t && t.serviceName !== 'airlockd' ? t.serviceName : undefined) ?? (env.OTEL_SERVICE_NAME || 'airlockd'),
    sampleRatio: t?.sampleRatio ?? 1,
    queueSize: t?.queueSize ?? 2048,
    batchSize: t?.batchSize ?? 256,
    intervalMs: t?.exportIntervalMs ?? 5_000,
    timeoutMs: positive(env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT) ?? positive(env.OTEL_EXPORTER_OTLP_TIMEOUT) ?? 10_000,
  };
}
