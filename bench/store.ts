// Decision store benchmark: append latency in place (each append flushes its WAL before it returns), the daemon's
// group commit with 200 appends in flight (records/s and event-loop time per record), and filtered queries over
// 10,000 records, on a real file in a temp directory. No side effects on import; `benchStore()` runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { openStore } from '../daemon/store';
import type { RecordQuery, Store } from '../daemon/store';
import { makeRecords } from '../test/helpers/records';
import { percentiles, type BenchResult } from './stats';

const RECORDS = 10_000;
const QUERY_RUNS = 200;

function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function benchQuery(store: Store, name: string, queries: RecordQuery[]): BenchResult {
  const samples = Array.from({ length: QUERY_RUNS }, (_, i) => timed(() => store.query(queries[i % queries.length]!)));
  return percentiles(name, samples);
}

const GROUPED = 2000;
const IN_FLIGHT = 200;

/** The daemon's path: IN_FLIGHT appends always waiting (as many chats finishing), each lane appending again once
 *  its record is durable. Event-loop time is what the other clients' streams wait for. */
async function benchGrouped(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-group-'));
  const store = openStore(dir);
  try {
    const records = makeRecords(GROUPED);
    let next = 0;
    const latencies: number[] = [];
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
      while (next < records.length) {
        const record = records[next++]!;
        const t = performance.now();
        await store.appendGrouped(record);
        latencies.push(performance.now() - t);
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    const busy = performance.eventLoopUtilization(elu).active / GROUPED;
    const rate = Math.round(GROUPED / seconds);
    const load = loadavg()[0]!.toFixed(1);
    return [
      percentiles(`store group commit, ${IN_FLIGHT} in flight: time to durable (${GROUPED} records, load ${load})`, latencies),
      { name: `store group commit, ${IN_FLIGHT} in flight: records per second`, p50: rate, p99: rate, unit: 'rec/s' },
      { name: `store group commit, ${IN_FLIGHT} in flight: event-loop time per record`, p50: Number(busy.toFixed(3)), p99: Number(busy.toFixed(3)), unit: 'ms' },
    ];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-store-'));
  const store = openStore(dir);
  try {
    const records = makeRecords(RECORDS);
    const appends = records.map((record) => timed(() => store.append(record)));
    const results = [percentiles(`store append in place, WAL flushed before it returns (${RECORDS} records, load ${loadavg()[0]!.toFixed(1)})`, appends), ...(await benchGrouped())];
    results.push(
      benchQuery(store, `store query by signalType/target/status, 50 newest of ${RECORDS}`, [
        { signalType: 'email', limit: 50 },
        { target: 'local', status: 'ok', limit: 50 },
        { provider: 'openai', needsReview: true, limit: 50 },
      ]),
      benchQuery(store, `store query text search, 50 newest of ${RECORDS}`, [
        { text: 'passport', limit: 50 },
        { text: 'items.reduce', limit: 50 },
      ]),
      // A rare match scans the whole table: the worst case of a filter.
      benchQuery(store, `store query rare text (full scan of ${RECORDS})`, [{ text: 'no record says this', limit: 50 }]),
    );
    const verify = [timed(() => store.verify())];
    results.push(percentiles(`store verify chain of ${RECORDS}`, verify));
    return results;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
