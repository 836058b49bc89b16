// A recording OpenTelemetry collector on 127.0.0.1: accepts OTLP/HTTP JSON (what @opentelemetry/exporter-*-otlp-http
// send) on /v1/traces and /v1/metrics, decodes every ExportTraceServiceRequest and ExportMetricsServiceRequest and
// keeps the spans (with their resource), the metric points and the raw bodies, so tests assert what an organisation's
// collector would see. `status` makes it answer with an error instead (a failing collector).
import { createServer, type Server } from 'node:http';

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  /** Attributes decoded from OTLP AnyValue to plain values (intValue as number). */
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  resource: Record<string, unknown>;
}

/** One decoded metric data point: a sum's value (asInt as number, or asDouble) or a histogram's count and sum. */
export interface ReceivedPoint {
  name: string;
  /** 1 delta, 2 cumulative (OTLP AggregationTemporality). */
  temporality: number;
  attributes: Record<string, unknown>;
  value: number;
  histogram?: { count: number; sum: number; bucketCounts: number[] };
}

export interface OtlpReceiver {
  url: string;
  port: number;
  spans: ReceivedSpan[];
  /** Metric data points from /v1/metrics. */
  points: ReceivedPoint[];
  bodies: string[];
  /** Request headers of each POST. */
  headers: Record<string, string | string[] | undefined>[];
  /** Answer the next POSTs with this status (200 by default). */
  status: number;
  /** Resolves once `predicate(spans)` holds (checked on every POST). */
  until(predicate: (spans: ReceivedSpan[], points: ReceivedPoint[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

type AnyValue = { stringValue?: string; boolValue?: boolean; intValue?: string | number; doubleValue?: number; arrayValue?: { values?: AnyValue[] } };

function decode(v: AnyValue): unknown {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(decode);
  return undefined;
}

const attrs = (list: { key: string; value: AnyValue }[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.key, decode(a.value)]));

/** Starts the receiver; `port` 0 picks a free one (give a port to bring a "down" collector up where it was expected). */
export function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const waiters: { predicate: (s: ReceivedSpan[], p: ReceivedPoint[]) => boolean; resolve: () => void }[] = [];
  const receiver = { spans: [] as ReceivedSpan[], points: [] as ReceivedPoint[], bodies: [] as string[], headers: [] as Record<string, string | string[] | undefined>[], status: 200 };
  const check = () => {
    for (const w of [...waiters]) {
      if (w.predicate(receiver.spans, receiver.points)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || (req.url !== '/v1/traces' && req.url !== '/v1/metrics') || !String(req.headers['content-type']).startsWith('application/json')) {
        res.writeHead(404).end();
        return;
      }
      if (receiver.status !== 200) {
        res.writeHead(receiver.status, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.bodies.push(body);
      receiver.headers.push(req.headers);
      if (req.url === '/v1/metrics') {
        type Point = { attributes?: { key: string; value: AnyValue }[]; asInt?: string | number; asDouble?: number; count?: string | number; sum?: number; bucketCounts?: (string | number)[] };
        const metrics = JSON.parse(body) as { resourceMetrics: { scopeMetrics: { metrics: { name: string; sum?: { dataPoints: Point[]; aggregationTemporality?: number }; histogram?: { dataPoints: Point[]; aggregationTemporality?: number } }[] }[] }[] };
        for (const rm of metrics.resourceMetrics) for (const sm of rm.scopeMetrics) for (const m of sm.metrics) {
          for (const p of m.sum?.dataPoints ?? []) receiver.points.push({ name: m.name, temporality: m.sum!.aggregationTemporality ?? 0, attributes: attrs(p.attributes), value: p.asInt !== undefined ? Number(p.asInt) : (p.asDouble ?? 0) });
          for (const p of m.histogram?.dataPoints ?? []) receiver.points.push({ name: m.name, temporality: m.histogram!.aggregationTemporality ?? 0, attributes: attrs(p.attributes), value: Number(p.count), histogram: { count: Number(p.count), sum: p.sum ?? 0, bucketCounts: (p.bucketCounts ?? []).map(Number) } });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        check();
        return;
      }
      const parsed = JSON.parse(body) as { resourceSpans: { resource?: { attributes?: { key: string; value: AnyValue }[] }; scopeSpans: { spans: (Omit<ReceivedSpan, 'attributes' | 'resource'> & { attributes?: { key: string; value: AnyValue }[] })[] }[] }[] };
      for (const rs of parsed.resourceSpans) {
        const resource = attrs(rs.resource?.attributes);
        for (const ss of rs.scopeSpans) for (const span of ss.spans) receiver.spans.push({ ...span, attributes: attrs(span.attributes), resource });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      check();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const p = typeof address === 'object' && address ? address.port : port;
      resolve(Object.assign(receiver, {
        url: `http://127.0.0.1:${p}`,
        port: p,
        until: (predicate: (s: ReceivedSpan[], p: ReceivedPoint[]) => boolean) => new Promise<void>((res) => {
          waiters.push({ predicate, resolve: res });
          check();
        }),
        close: () => new Promise<void>((res) => {
          server.closeAllConnections();
          server.close(() => res());
        }),
      }));
    });
  });
}

/**
 * The total of a metric as a collector computes it: cumulative points carry the running total (the last one per
 * series counts), delta points add up.
 */
export function metricTotal(points: ReceivedPoint[], name: string, where: (attributes: Record<string, unknown>) => boolean = () => true): number {
  const cumulative = new Map<string, number>();
  let delta = 0;
  for (const p of points) {
    if (p.name !== name || !where(p.attributes)) continue;
    if (p.temporality === 2) cumulative.set(JSON.stringify(Object.entries(p.attributes).sort()), p.value);
    else delta += p.value;
  }
  return delta + [...cumulative.values()].reduce((n, v) => n + v, 0);
}
