// npm run eval:detect, second part: the generated sets in test/eval/extra (international PII, placeholder and
// encoded secrets, code without a grammar), scored per category with recall and false-positive rate.
import { detectCode } from '../../daemon/detect/code';
import { detectPii } from '../../daemon/detect/pii';
import { detectSecrets } from '../../daemon/detect/secrets';
import { CODE, PROSE } from './extra/code-data';
import { piiCases, secretCases } from './extra/sets';
import type { EvalRow, EvalTable } from './table';

export interface Tally { pos: number; tp: number; neg: number; fp: number; misses: string[] }
export const tally = (): Tally => ({ pos: 0, tp: 0, neg: 0, fp: 0, misses: [] });

export function rows(groups: Map<string, Tally>, targets: { recall: number; fp: number }): EvalRow[] {
  const all = tally();
  const out: EvalRow[] = [];
  for (const [label, t] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const r: EvalRow = { label, n: t.pos + t.neg };
    if (t.pos) r.recall = t.tp / t.pos;
    if (t.neg) r.falsePositiveRate = t.fp / t.neg;
    out.push(r);
    all.pos += t.pos; all.tp += t.tp; all.neg += t.neg; all.fp += t.fp;
  }
  const recall = all.tp / Math.max(1, all.pos);
  const fpRate = all.fp / Math.max(1, all.neg);
  out.unshift({ label: 'all', n: all.pos + all.neg, recall, falsePositiveRate: fpRate, target: `recall >= ${targets.recall}, FP rate <= ${targets.fp}`, met: recall >= targets.recall && fpRate <= targets.fp });
  return out;
}

/** A held-out set's rows: the development set's thresholds shown for comparison, never enforced (a held-out set that
 *  gates the exit code gets tuned to, and then it is a development set). */
export function referenceRows(groups: Map<string, Tally>, targets: { recall: number; fp: number }): EvalRow[] {
  const table = rows(groups, targets);
  asReference(table[0]!);
  return table;
}

/** Marks a row's target as a reference: whether it would be met, and that it is not enforced. */
export function asReference(row: EvalRow): void {
  row.target = `${row.target} (reference: ${row.met ? 'would be met' : 'NOT met'}; not enforced)`;
  delete row.met;
}

export function add(groups: Map<string, Tally>, key: string, positive: boolean, flagged: boolean, what: string): void {
  const t = groups.get(key) ?? tally();
  if (positive) { t.pos++; if (flagged) t.tp++; else t.misses.push(what); }
  else { t.neg++; if (flagged) { t.fp++; t.misses.push(what); } }
  groups.set(key, t);
}

export const missNotes = (groups: Map<string, Tally>) =>
  [...groups].filter(([, t]) => t.misses.length).map(([k, t]) => `${k} — wrong: ${t.misses.slice(0, 6).map((m) => JSON.stringify(m.slice(0, 70))).join(', ')}${t.misses.length > 6 ? ` (+${t.misses.length - 6})` : ''}`);

export function evalExtraPii(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const c of piiCases()) {
    const findings = detectPii(c.text);
    const e = c.expect;
    const flagged = e ? findings.some((f) => f.type === e.type && f.start < e.end && e.start < f.end) : findings.length > 0;
    add(groups, c.category, e !== null, flagged, `${c.form}: ${c.text}`);
  }
  return { title: 'New set: international PII (test/eval/extra, generated)', rows: rows(groups, { recall: 0.95, fp: 0.05 }), notes: ['A positive counts when a finding of the expected type overlaps the name (names) or lies in the sample (address, phone, IBAN); a negative counts as a false alarm on any finding.', ...missNotes(groups)] };
}

export async function evalExtraSecrets(): Promise<EvalTable> {
  const groups = new Map<string, Tally>();
  for (const c of secretCases()) add(groups, c.category, c.secret, (await detectSecrets(c.text)).length > 0, `${c.form}: ${c.text}`);
  return { title: 'New set: placeholder, generic-assignment, vendor and encoded secrets (test/eval/extra, generated)', rows: rows(groups, { recall: 0.97, fp: 0.05 }), notes: ['Positives and placeholders share each form: only the value differs.', ...missNotes(groups)] };
}

export function evalExtraCode(): EvalTable {
  const groups = new Map<string, Tally>();
  for (const [lang, text] of CODE) add(groups, `code: ${lang}`, true, detectCode(text).isCode, text);
  for (const text of PROSE) add(groups, 'prose about code', false, detectCode(text).isCode, text);
  return { title: 'New set: code without a grammar (test/eval/extra, hand-written)', rows: rows(groups, { recall: 0.97, fp: 0.05 }), notes: missNotes(groups) };
}
