// Decision store benchmark: append latency with synchronous=FULL (one fsync per record) and filtered queries
// over 10,000 records, on a real file in a temp directory. No side effects on import; `benchStore()` runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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

export async function benchStore(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-store-'));
  const store = openStore(dir);
  try {
    const records = makeRecords(RECORDS);
    const appends = records.map((record) => timed(() => store.append(record)));
    const results = [percentiles(`store append, synchronous=FULL (${RECORDS} records)`, appends)];
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
