// Shared by every benchmark: a result row, percentiles over samples, and the printed table.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  p50: number;
  p99: number;
  unit: string;
  /** The target in words (`p50 <= 5 ms`) and whether this run met it. */
  target?: string;
  met?: boolean;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function percentiles(name: string, samples: readonly number[], unit = 'ms'): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { name, p50: round(at(0.5)), p99: round(at(0.99)), unit };
}

export async function sample(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

export function withTarget(r: BenchResult, target: string, met: boolean): BenchResult {
  return { ...r, target, met };
}

export function renderBench(rows: readonly BenchResult[]): string {
  const head = ['benchmark', 'p50', 'p99', 'unit', 'target', 'met'];
  const cells = rows.map((r) => [r.name, String(r.p50), String(r.p99), r.unit, r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => (i >= 1 && i <= 2 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n') + '\n';
}
