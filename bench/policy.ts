// Policy replay benchmark: 100,000 records in a real store file, replayed under another preset the way
// `airlock policy replay` does it (read the export lines, parse, re-decide). Target: one replay <= 5 s.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { storedRecords } from '../daemon/cli/commands/policy-replay';
import { defaultCatalogue } from '../daemon/policy/catalogue';
import { loadPolicy } from '../daemon/policy/load';
import { replay } from '../daemon/policy/replay';
import { openStore } from '../daemon/store';
import { makeRecords } from '../test/helpers/records';
import { percentiles, withTarget, type BenchResult } from './stats';

const RECORDS = 100_000;
const BATCH = 5_000;
const RUNS = 3;

export async function benchPolicy(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-replay-'));
  const store = openStore(dir);
  try {
    for (let i = 0; i < RECORDS; i += BATCH) store.appendMany(makeRecords(BATCH, i));
    const strict = loadPolicy('strict');
    const samples: number[] = [];
    let changed = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      changed = replay(storedRecords(store.export()), strict, defaultCatalogue).changed;
      samples.push(performance.now() - start);
    }
    const row = percentiles(`policy replay of ${RECORDS} stored records under strict (${changed} change), store read included`, samples.map((ms) => ms / 1000), 's');
    return [withTarget(row, 'p50 <= 5', row.p50 <= 5)];
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
