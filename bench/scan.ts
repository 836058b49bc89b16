// Scan latency (all detectors) for 1 KB, 10 KB and 100 KB mixed prompts, and the time a 10 MB prompt takes.
import { performance } from 'node:perf_hooks';
import { scan } from '../daemon/detect';
import type { RequestFacts } from '../protocol';
import { mixedPrompt } from './prompts';
import { percentiles, sample, withTarget, type BenchResult } from './stats';

const facts: RequestFacts = { source: 'api', interactive: true };

const SIZES: { label: string; bytes: number; runs: number; target?: (r: BenchResult) => [string, boolean] }[] = [
  { label: '1 KB', bytes: 1024, runs: 400 },
  { label: '10 KB', bytes: 10 * 1024, runs: 300, target: (r) => ['p50 <= 2.5, p99 <= 15', r.p50 <= 2.5 && r.p99 <= 15] },
  { label: '100 KB', bytes: 100 * 1024, runs: 60, target: (r) => ['p50 <= 50', r.p50 <= 50] },
];

export async function benchScan(): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  for (const size of SIZES) {
    const text = mixedPrompt(size.bytes);
    for (let i = 0; i < 20; i++) await scan(text, facts); // warm grammars, secretlint and the JIT
    const row = percentiles(`scan ${size.label} (mixed prose, code, a secret)`, await sample(size.runs, () => scan(text, facts)));
    const target = size.target?.(row);
    rows.push(target ? withTarget(row, ...target) : row);
  }
  // What `balanced` and `strict` run: their rules name the sweep's weak types, so their scans include it.
  const ten = mixedPrompt(10 * 1024);
  for (let i = 0; i < 20; i++) await scan(ten, facts, { sweep: true });
  const swept = percentiles('scan 10 KB with the sweep (balanced, strict)', await sample(300, () => scan(ten, facts, { sweep: true })));
  rows.push(withTarget(swept, 'p50 <= 2.5, p99 <= 15', swept.p50 <= 2.5 && swept.p99 <= 15));
  const huge = mixedPrompt(10 * 1024 * 1024);
  const start = performance.now();
  await scan(huge, facts);
  const ms = performance.now() - start;
  rows.push(withTarget({ name: 'scan 10 MB (largest accepted prompt), one run', p50: Math.round(ms), p99: Math.round(ms), unit: 'ms' }, '<= 10000 (documented bound)', ms <= 10_000));
  return rows;
}
