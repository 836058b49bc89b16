// Shared shape and printer for detector evaluation tables (npm run eval:detect).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface EvalRow {
  /** What the row measures: `all`, a type (`email`), a source. */
  label: string;
  /** Samples (or spans) the row counts. */
  n: number;
  recall?: number;
  precision?: number;
  falsePositiveRate?: number;
  accuracy?: number;
  /** Target this row must meet, in words (e.g. `recall >= 0.97`), and whether it does. */
  target?: string;
  met?: boolean;
}

export interface EvalTable {
  title: string;
  rows: EvalRow[];
  notes?: string[];
}

/** The labelled corpora live beside the repository (../shared/corpora); AIRLOCK_CORPORA overrides. */
export function corporaDir(): string {
  return process.env.AIRLOCK_CORPORA ?? path.resolve(import.meta.dirname, '../../../shared/corpora');
}

export function readJsonl<T>(file: string): T[] {
  const full = path.join(corporaDir(), file);
  if (!existsSync(full)) throw new Error(`corpus not found: ${full} (set AIRLOCK_CORPORA)`);
  return readFileSync(full, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

const fmt = (x: number | undefined) => (x === undefined ? '' : x.toFixed(3));

/** Markdown table, so the same text goes to the terminal and to docs/detection.md. */
export function renderTable(t: EvalTable): string {
  const head = `### ${t.title}\n\n| | n | recall | precision | FP rate | accuracy | target | met |\n|---|---:|---:|---:|---:|---:|---|---|\n`;
  const body = t.rows
    .map((r) => `| ${r.label} | ${r.n} | ${fmt(r.recall)} | ${fmt(r.precision)} | ${fmt(r.falsePositiveRate)} | ${fmt(r.accuracy)} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : '**no**'} |`)
    .join('\n');
  const notes = t.notes?.length ? `\n\n${t.notes.map((n) => `- ${n}`).join('\n')}` : '';
  return head + body + notes + '\n';
}
